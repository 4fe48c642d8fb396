"""Publishing speed, as JSON: a 2,000-post sheet (XLSX, people CSV, Sprout CSV) against the
2 s budget, and the composer's caption analysis per keystroke on a 4,000-character caption
against the 16 ms frame budget.

Run: python tests/bench/bench_publish.py [--posts 2000] [--repeat 3]
Baselines measured in the same run: the same rows dumped with a bare `csv.writer`, and
openpyxl's default (not write-only) workbook writing the same values with no styling; for X,
the `twitter-text-parser` port's parse_tweet (when installed).
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from catalog_helpers import fake_assets  # noqa: E402

from liveassets.catalog.catalog import Catalog  # noqa: E402
from liveassets.publish.captions import analyse  # noqa: E402
from liveassets.publish.posts import Post, PostStore  # noqa: E402
from liveassets.publish.sheets import HEADERS, build_rows, export  # noqa: E402
from liveassets.publish.zones import zone  # noqa: E402

CAPTION_BITS = ["Crowd going wild at the main stage ", "🎉", "👨‍👩‍👧‍👦", "👍🏽", " with @nova ",
                "#LIVEFest2026 ", "日本語 ", "https://livefest.example.com/recap ", "\n", "مرحبا "]


def caption(rng: random.Random, size: int) -> str:
    out = ""
    while len(out) < size:
        out += rng.choice(CAPTION_BITS)
    return out[:size]


def make_library(folder: Path, n_posts: int, caption_max: int = 1500) -> Catalog:
    cat = Catalog(folder)
    assets = fake_assets(max(200, n_posts // 4))
    cat.apply("Fill", {d["id"]: d for d in assets})
    rng = random.Random(7)
    tz = zone("Australia/Sydney")
    start = dt.datetime(2027, 1, 1, 8, 0, tzinfo=tz)
    docs = {}
    for i in range(n_posts):
        post = Post(asset_ids=[assets[(i * 3 + k) % len(assets)]["id"] for k in range(1 + i % 3)],
                    platform=("tiktok", "instagram", "youtube", "x")[i % 4],
                    account=f"@account{i % 5}", body=caption(rng, rng.randint(80, caption_max)),
                    hashtags=["#LiveFest", f"#night{i % 7}"], timezone="Australia/Sydney",
                    scheduled=start + dt.timedelta(minutes=11 * i), status="ready",
                    # the fake assets' rights are mixed: the bench measures writing, not refusing
                    rights_override={"by": "bench", "reason": "benchmark", "at": "2026-01-01"})
        docs[post.id] = post.validated().to_doc()
    cat.records("posts").apply(docs)
    return cat


CPU = {}  # name -> median CPU seconds (less sensitive than wall time to a busy machine)


def timed(name: str, fn, repeat: int) -> float:
    """Median wall seconds over `repeat` runs; the median CPU seconds go to CPU[name]."""
    runs, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    CPU[name] = statistics.median(cpu)
    return statistics.median(runs)


def bench_sheets(n_posts: int, repeat: int, caption_max: int = 1500) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cat = make_library(tmp / "lib", n_posts, caption_max)
        try:
            counter = iter(range(10**6))

            def out(ext):
                return tmp / f"out{next(counter)}.{ext}"

            posts = PostStore(cat).all()
            res = {"posts": len(posts), "caption_chars": f"80..{caption_max}, dense in emoji, "
                   "URLs, hashtags and mentions"}
            res["load_posts_s"] = timed("load_posts", lambda: PostStore(cat).all(), repeat)
            res["build_rows_s"] = timed("build_rows", lambda: build_rows(cat, posts), repeat)
            res["xlsx_s"] = timed(
                "xlsx", lambda: export(cat, PostStore(cat).all(), out("xlsx")), repeat)
            res["csv_people_s"] = timed(
                "csv_people", lambda: export(cat, PostStore(cat).all(), out("csv")), repeat)
            sprout = [p for p in PostStore(cat).all() if p.platform != "x"][:350]
            now = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
            res["csv_sprout_350_s"] = timed(
                "csv_sprout_350", lambda: export(cat, sprout, out("csv"), preset="sprout", now=now), repeat)
            values = [r.values for r in build_rows(cat, posts)]

            def baseline_csv():
                with open(out("csv"), "w", newline="", encoding="utf-8") as fh:
                    w = csv.writer(fh)
                    w.writerow(HEADERS)
                    w.writerows(values)

            def baseline_xlsx():
                from openpyxl import Workbook

                wb = Workbook()
                ws = wb.active
                ws.append(HEADERS)
                for row in values:
                    ws.append(row)
                wb.save(out("xlsx"))

            res["baseline_csv_writer_s"] = timed("baseline_csv_writer", baseline_csv, repeat)
            res["baseline_openpyxl_default_s"] = timed("baseline_openpyxl_default", baseline_xlsx, repeat)
            res["cpu_s"] = {k: round(v, 4) for k, v in CPU.items()}
            res["budget_s"] = 2.0
            res["xlsx_within_budget"] = res["xlsx_s"] <= 2.0
            res["csv_within_budget"] = res["csv_people_s"] <= 2.0
            return res
        finally:
            cat.close()


def bench_counters(keystrokes: int = 200) -> dict:
    rng = random.Random(3)
    base = caption(rng, 4000)
    res = {"caption_chars": len(base), "keystrokes": keystrokes, "frame_budget_us": 16_000}
    texts = []
    for i in range(keystrokes):
        pos = rng.randrange(len(base))
        texts.append(base[:pos] + rng.choice("ab #@🎉字") + base[pos:])
    for platform in ("tiktok", "instagram", "youtube", "x"):
        runs = []
        for text in texts:
            t = time.perf_counter()
            analyse(text, platform)
            runs.append((time.perf_counter() - t) * 1e6)
        runs.sort()
        res[f"{platform}_median_us"] = round(statistics.median(runs))
        res[f"{platform}_p95_us"] = round(runs[int(len(runs) * 0.95)])
    try:
        from twitter_text import parse_tweet

        runs = []
        for text in texts[:30]:
            t = time.perf_counter()
            parse_tweet(text)
            runs.append((time.perf_counter() - t) * 1e6)
        res["baseline_twitter_text_parse_tweet_median_us"] = round(statistics.median(runs))
    except ImportError:
        res["baseline_twitter_text_parse_tweet_median_us"] = None
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--caption-max", type=int, default=1500,
                    help="longest caption body (lengths are uniform from 80)")
    args = ap.parse_args()
    result = {"load_average_1min": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(),
              "sheets": bench_sheets(args.posts, args.repeat, args.caption_max), "counters": bench_counters()}
    for part in result.values():
        if not isinstance(part, dict):
            continue
        for k, v in part.items():
            if isinstance(v, float):
                part[k] = round(v, 4)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
