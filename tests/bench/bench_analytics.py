"""The weekly report's core pipeline at a team's scale, printed as JSON beside a baseline
measured in the same run.

    python tests/bench/bench_analytics.py [--posts 2000] [--runs 5]

- import_year:    `stats import` of a year of TikTok Studio daily data (Overview.csv and
                  FollowerHistory.csv, 365 days each) into an empty library.
- import_content: two Content.csv snapshots (a week apart) of `--posts` videos each, into a
                  library holding as many posts (three in four linked by ID, the rest joined
                  by time or caption).
- week:           `weekly_report` of one week over all of it.
- total:          the three together (the issue's budget is 3 s with the PDF, which the report
                  helper adds; ours should stay well under 1.5 s).
- total_cpu_ms:   the total's CPU time (process_time), which a busy machine inflates less.
- baseline:       the plain `csv` module reading the same three files into lists.
Medians of `--runs` runs, in milliseconds; each run starts from a fresh library.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: helpers

SYD = ZoneInfo("Australia/Sydney")
WORDS = ("LIVE", "Fest", "creator", "showcase", "Sydney", "Auckland", "stage", "night", "crowd",
         "tips", "recap", "behind", "scenes", "meetup", "#TikTokLIVE", "#ANZ", "🎉", "✨")


def make_files(folder: Path, n_posts: int):
    import analytics_files as gen

    figures = gen.daily_figures(dt.date(2025, 12, 1), 365, seed=7)
    rnd = random.Random(9)
    posts = []
    for i in range(n_posts):
        at = dt.datetime(2025, 12, 1, 8) + dt.timedelta(minutes=rnd.randrange(365 * 24 * 60 - 600))
        posts.append({"id": str(7300000000000000000 + i),
                      "caption": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 14)))
                      + f" #{i}", "at": at.replace(second=0, microsecond=0),
                      "views": rnd.randint(100, 90000), "likes": rnd.randint(0, 9000),
                      "comments": rnd.randint(0, 400), "shares": rnd.randint(0, 900)})
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    files = [gen.overview(folder / "Overview.csv", figures),
             gen.follower_history(folder / "FollowerHistory.csv", figures)]
    earlier = [dict(p, views=p["views"] // 2, likes=p["likes"] // 2) for p in posts]
    content = [gen.content(folder / "a" / "Content.csv", earlier),
               gen.content(folder / "b" / "Content.csv", posts)]
    return files, content, posts


def fill_library(cat, posts):
    from liveassets.catalog.schema import new_asset
    from liveassets.publish.posts import Post

    rnd = random.Random(5)
    assets = {}
    for i in range(200):
        doc = new_asset(f"/ev/{i}.mp4", rnd.choice(("video", "image")), 1, 1.0, str(i))
        doc["tags"] = [f"campaign:C{i % 5}", f"creator:@c{i % 17}"]
        assets[doc["id"]] = doc
    cat.apply("Fill", assets)
    ids = list(assets)
    docs = {}
    for i, p in enumerate(posts):
        linked = i % 4 != 0
        local = p["at"].replace(tzinfo=SYD)
        post = Post(asset_ids=[rnd.choice(ids)], platform="tiktok", account="liveanz",
                    body=p["caption"] if i % 8 else "Different words entirely",
                    scheduled=local + dt.timedelta(minutes=5 if i % 8 == 4 else 0),
                    timezone="Australia/Sydney", status="published",
                    platform_post_id=p["id"] if linked else "",
                    published_url=f"https://www.tiktok.com/@liveanz/video/{p['id']}" if linked else "")
        docs[post.id] = post.validated().to_doc()
    cat.records("posts").apply(docs)


def run_once(files, content, posts) -> dict:
    from liveassets.analytics.importing import import_files
    from liveassets.analytics.weekly import weekly_report
    from liveassets.catalog.catalog import Catalog

    out = {}
    with tempfile.TemporaryDirectory() as tmp, Catalog(Path(tmp) / "lib") as cat:
        fill_library(cat, posts)
        t = time.perf_counter()
        import_files(cat, files, account="liveanz", as_of=dt.date(2026, 11, 30))
        out["import_year"] = time.perf_counter() - t
        t = time.perf_counter()
        import_files(cat, [content[0]], as_of=dt.date(2026, 11, 23))
        import_files(cat, [content[1]], as_of=dt.date(2026, 11, 30))
        out["import_content"] = time.perf_counter() - t
        t = time.perf_counter()
        report = weekly_report(cat, "2026-W48", "Australia/Sydney")
        out["week"] = time.perf_counter() - t
        out["posts_in_week"] = len(report["posts"])
    out["total"] = out["import_year"] + out["import_content"] + out["week"]
    return out


def cpu_once(files, content, posts) -> float:
    """The same pipeline's CPU time (time.process_time): what a busy machine cannot inflate
    the way it inflates wall time."""
    from liveassets.analytics.importing import import_files
    from liveassets.analytics.weekly import weekly_report
    from liveassets.catalog.catalog import Catalog

    with tempfile.TemporaryDirectory() as tmp, Catalog(Path(tmp) / "lib") as cat:
        fill_library(cat, posts)
        t = time.process_time()
        import_files(cat, files, account="liveanz", as_of=dt.date(2026, 11, 30))
        import_files(cat, [content[0]], as_of=dt.date(2026, 11, 23))
        import_files(cat, [content[1]], as_of=dt.date(2026, 11, 30))
        weekly_report(cat, "2026-W48", "Australia/Sydney")
        return time.process_time() - t


def baseline(paths) -> float:
    t = time.perf_counter()
    for p in paths:
        with open(p, encoding="utf-8-sig", newline="") as fh:
            list(csv.reader(fh))
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, content, posts = make_files(Path(tmp), args.posts)
        runs = [run_once(files, content, posts) for _ in range(args.runs)]
        base = [baseline([*files, *content]) for _ in range(args.runs)]
        cpu = [cpu_once(files, content, posts) for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) * 1000
           for k in ("import_year", "import_content", "week", "total")}
    base_ms = statistics.median(base) * 1000
    print(json.dumps({
        "posts": args.posts, "days": 365, "runs": args.runs,
        "posts_in_week": runs[0]["posts_in_week"],
        "median_ms": {k: round(v, 1) for k, v in med.items()},
        "total_cpu_ms": round(statistics.median(cpu) * 1000, 1),
        "baseline_csv_module_ms": round(base_ms, 1),
        "ratio_total_to_baseline": round(med["total"] / base_ms, 1),
        "budget_ms": 1500, "load_1min": os.getloadavg()[0],
    }, indent=1))


if __name__ == "__main__":
    main()
