"""What inheriting rights costs a render joining the library: cuts.lineage.inherit() on the
longest plan validate() allows (MAX_SEGMENTS, every segment a different asset, plus music and a
card image) in a library of --assets made-up assets, against the baseline of the same number of
catalog.by_path look-ups (what validate()'s rights check already does before every render),
measured in the same run; medians of --runs, printed as JSON.

Run: python tests/bench/bench_lineage.py [--assets 50000] [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from catalog_helpers import fake_assets  # noqa: E402

from liveassets.catalog.catalog import Catalog  # noqa: E402
from liveassets.cuts.lineage import inherit, plan_sources  # noqa: E402
from liveassets.cuts.plan import Card, CutPlan, Music, Segment  # noqa: E402
from liveassets.cuts.validate import MAX_SEGMENTS  # noqa: E402


def _median(fn, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--assets", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Catalog(Path(tmp) / "lib") as cat:
        docs = fake_assets(args.assets)
        cat.apply("Fill", {d["id"]: d for d in docs})
        videos = [d["path"] for d in docs if d["kind"] == "video"][:MAX_SEGMENTS]
        images = [d["path"] for d in docs if d["kind"] == "image"]
        plan = CutPlan(name="Bench", id="c1",
                       segments=[Segment(p, 0.0, 0.6) for p in videos],
                       title=Card("Hi", image=images[0]), music=Music(images[1]))
        paths = [p for _, p in plan_sources(plan)]
        lineage = inherit(plan, cat)
        inherit_s = _median(lambda: inherit(plan, cat), args.runs)
        lookups_s = _median(lambda: [cat.by_path(p) for p in paths], args.runs)
    print(json.dumps({
        "assets": args.assets, "sources": len(paths), "runs": args.runs,
        "inherited_status": lineage.rights["status"],
        "inherit_median_s": round(inherit_s[0], 5),
        "inherit_spread_s": [round(inherit_s[1], 5), round(inherit_s[2], 5)],
        "baseline_lookups_median_s": round(lookups_s[0], 5),
        "baseline_spread_s": [round(lookups_s[1], 5), round(lookups_s[2], 5)],
        "ratio": round(inherit_s[0] / lookups_s[0], 2) if lookups_s[0] else None,
    }, indent=1))


if __name__ == "__main__":
    main()
