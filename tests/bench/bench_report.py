"""The issue's budget for the weekly report: import a year of daily TikTok data and 2,000 posts'
content snapshots, build one week's figures and write the PDF with its charts: at most 3 s.
Printed as JSON with a baseline measured in the same run.

    python tests/bench/bench_report.py [--posts 2000] [--runs 5]

- import:        the stats helper's bench_analytics pipeline (a year of Overview and
                 FollowerHistory, two Content snapshots of --posts videos into a library with as
                 many posts) and weekly_report for 2026-W48.
- pdf:           write_report(figures, "report.pdf") with the four charts.
- total:         import + pdf (the budget).
- baseline_pdf_without_charts: the same PDF with charts=False (what the charts cost).
- cold_first_pdf: the first PDF of the process, module imports (fpdf2, matplotlib) included,
                  as a `liveassets report -o` run pays it.
Medians of --runs runs in milliseconds; each run starts from a fresh library.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))          # tests/: helpers
sys.path.insert(0, str(HERE.parents[1]))      # the repo

import bench_analytics  # noqa: E402  (the stats helper's generated year and posts)


def run_once(files, content, posts, out_dir: Path) -> dict:
    import datetime as dt

    from liveassets.catalog.catalog import Catalog

    from liveassets.analytics.importing import import_files
    from liveassets.analytics.weekly import weekly_report

    out = {}
    with tempfile.TemporaryDirectory() as tmp, Catalog(Path(tmp) / "lib") as cat:
        bench_analytics.fill_library(cat, posts)
        t = time.perf_counter()
        import_files(cat, files, account="liveanz", as_of=dt.date(2026, 11, 30))
        import_files(cat, [content[0]], as_of=dt.date(2026, 11, 23))
        import_files(cat, [content[1]], as_of=dt.date(2026, 11, 30))
        figures = weekly_report(cat, "2026-W48", "Australia/Sydney")
        out["import"] = time.perf_counter() - t
        t = time.perf_counter()
        from liveassets.analytics.outputs import write_report

        write_report(figures, out_dir / "report.pdf", cat, force=True)
        out["pdf"] = time.perf_counter() - t     # the first run's includes fpdf2/matplotlib
        t = time.perf_counter()
        write_report(figures, out_dir / "plain.pdf", cat, force=True, charts=False)
        out["baseline_pdf_without_charts"] = time.perf_counter() - t
        out["posts_in_week"] = len(figures["posts"])
        out["bytes"] = (out_dir / "report.pdf").stat().st_size
    out["total"] = out["import"] + out["pdf"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, content, posts = bench_analytics.make_files(Path(tmp), args.posts)
        runs = [run_once(files, content, posts, Path(tmp)) for _ in range(args.runs)]
    keys = ("import", "pdf", "total", "baseline_pdf_without_charts")
    med = {k: round(statistics.median(r[k] for r in runs) * 1000, 1) for k in keys}
    print(json.dumps({
        "posts": args.posts, "days": 365, "runs": args.runs,
        "posts_in_week": runs[0]["posts_in_week"], "pdf_bytes": runs[0]["bytes"],
        "median_ms": med,
        "cold_first_pdf_ms": round(runs[0]["pdf"] * 1000, 1),
        "cold_first_total_ms": round(runs[0]["total"] * 1000, 1),
        "charts_cost_ratio": round(med["pdf"] / med["baseline_pdf_without_charts"], 2),
        "budget_ms": 3000, "within_budget": med["total"] <= 3000,
        "load": os.getloadavg()[0],
    }, indent=1))


if __name__ == "__main__":
    main()
