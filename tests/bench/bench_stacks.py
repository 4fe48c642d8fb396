"""What culling scores and stacks cost, beside the same work without them, printed as JSON.

Figures: first scan of N 12 MP JPEGs with thumbnails, scores and stacks against the same scan
with scores off (scan.SCORES = False), alternating, medians of --rounds; grouping 2,000 photos
(catalog/stacks.compute), median of 7; one photo's scores on a 512 px thumbnail, median of 50.
Run: python tests/bench/bench_stacks.py [--photos 100] [--rounds 3]
The photos come from bench_scan.py's generator (cached in --cache).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scan import photo_set  # noqa: E402

from liveassets.catalog.catalog import Catalog  # noqa: E402
from liveassets.catalog.schema import new_asset  # noqa: E402
from liveassets.catalog.stacks import compute  # noqa: E402
from liveassets.media import scan as scan_module  # noqa: E402
from liveassets.media.scores import scores  # noqa: E402


def timed_scan(folder: Path, lib: Path, scored: bool) -> float:
    scan_module.SCORES = scored
    try:
        with Catalog(lib) as cat:
            t = time.perf_counter()
            report = scan_module.scan(cat, [folder])
            seconds = time.perf_counter() - t
            assert report.thumbnails == report.found, report
            assert all((d.get("dhash") is not None) == scored for d in cat.all())
    finally:
        scan_module.SCORES = True
    return seconds


def grouping_docs(n: int = 2000) -> list[dict]:
    """n photos over an evening, a third of them in bursts of 3-6 near-identical frames."""
    rng = np.random.default_rng(1)
    docs, t = [], dt.datetime(2026, 11, 21, 18, 0, 0)
    while len(docs) < n:
        base = int(rng.integers(0, 2**63))
        size = int(rng.integers(3, 7)) if rng.random() < 0.1 else 1
        for i in range(size):
            noise = int(np.bitwise_or.reduce(1 << rng.choice(64, 3, replace=False).astype(np.uint64)))
            doc = new_asset(f"/ev/p{len(docs)}.jpg", "image", 1, 1.0, str(len(docs)))
            doc.update(dhash=f"{base ^ noise:016x}", sharpness=float(rng.integers(5, 2000)),
                       exposure="ok", clipped=0.0,
                       taken=(t + dt.timedelta(seconds=i)).isoformat(timespec="seconds"))
            docs.append(doc)
        t += dt.timedelta(seconds=int(rng.integers(8, 40)))
    return docs[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cache", default="/tmp/liveassets-bench")
    args = ap.parse_args()
    res = {"benchmark": "stacks", "cpus": os.cpu_count(), "load_before": os.getloadavg()[0]}

    docs = grouping_docs()
    times = []
    for _ in range(7):
        t = time.perf_counter()
        out = compute(docs)
        times.append(time.perf_counter() - t)
    res["grouping"] = {"photos": len(docs), "median_s": round(statistics.median(times), 4),
                       "stacks": len({v["stack"] for v in out.values() if v["stack"]}),
                       "limit_s": 1.0}

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = photo_set(Path(args.cache), args.photos, tmp / "photos")
        with Image.open(files[0]) as im:
            im.draft("RGB", (512, 512))
            thumb = im.convert("RGB")
            thumb.thumbnail((512, 512))
        per = []
        for _ in range(50):
            t = time.perf_counter()
            scores(thumb)
            per.append(time.perf_counter() - t)
        res["scores_one_thumbnail_ms"] = round(1000 * statistics.median(per), 2)
        base, ours = [], []
        for r in range(args.rounds):  # alternate, so the page cache and load favour neither
            base.append(timed_scan(tmp / "photos", tmp / f"base{r}", scored=False))
            ours.append(timed_scan(tmp / "photos", tmp / f"ours{r}", scored=True))
        b, o = statistics.median(base), statistics.median(ours)
        res["first_scan"] = {"photos": args.photos, "megapixels": 12, "rounds": args.rounds,
                             "without_scores_s": [round(x, 2) for x in base],
                             "with_scores_and_stacks_s": [round(x, 2) for x in ours],
                             "median_without_s": round(b, 2), "median_with_s": round(o, 2),
                             "ratio": round(o / b, 3), "limit_ratio": 1.10}
    res["load_after"] = os.getloadavg()[0]
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    sys.exit(main())
