"""What culling scores and stacks cost, beside the same work without them, printed as JSON.

Figures: first scan of N 12 MP JPEGs with thumbnails, scores and stacks against the same scan
with scores off (scan.SCORES = False), alternating, medians of --rounds, in wall time and in
CPU time (this process and its workers: steadier on a shared machine); the same photos'
thumbnails made without and with scores back to back, in CPU time (--pairs of them); grouping
2,000 photos (catalog/stacks.compute), median of 7; one photo's scores on a 512 px thumbnail,
median of 50. `resource` makes it Unix-only, like the CI machines.
Run: python tests/bench/bench_stacks.py [--photos 100] [--rounds 3]
The photos come from bench_scan.py's generator (cached in --cache).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
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
from liveassets.media.thumbs import thumbnail_with_scores  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and of its finished worker processes (user + system): far
    steadier than wall time on a machine shared with other work."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed_scan(folder: Path, lib: Path, scored: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of a first scan of `folder` into a new library."""
    scan_module.SCORES = scored
    try:
        with Catalog(lib) as cat:
            t, c = time.perf_counter(), cpu_seconds()
            report = scan_module.scan(cat, [folder])  # its worker processes end inside
            seconds, cpu = time.perf_counter() - t, cpu_seconds() - c
            assert report.thumbnails == report.found, report
            assert all((d.get("dhash") is not None) == scored for d in cat.all())
    finally:
        scan_module.SCORES = True
    return seconds, cpu


def paired_thumbnails(files: list[Path], out: Path) -> dict:
    """Each photo's thumbnail made twice in this process, without and with scores, one right
    after the other (so load changes hit both alike); CPU seconds summed."""
    plain = scored = 0.0
    for i, f in enumerate(files):
        for with_scores in ((False, True) if i % 2 else (True, False)):
            c = time.process_time()
            thumbnail_with_scores(str(f), "image", str(out / f"{i}-{with_scores}.jpg"), 512, 0,
                                  with_scores)
            spent = time.process_time() - c
            if with_scores:
                scored += spent
            else:
                plain += spent
    return {"photos": len(files), "without_scores_cpu_s": round(plain, 2),
            "with_scores_cpu_s": round(scored, 2), "ratio": round(scored / plain, 3)}


def grouping_docs(n: int = 2000) -> list[dict]:
    """n photos over an evening, a third of them in bursts of 3-6 near-identical frames."""
    rng = np.random.default_rng(1)
    docs, t = [], dt.datetime(2026, 11, 21, 18, 0, 0)
    while len(docs) < n:
        base = int(rng.integers(0, 2**63))
        size = int(rng.integers(3, 7)) if rng.random() < 0.1 else 1
        for i in range(size):
            bits = rng.choice(64, 3, replace=False).astype(np.uint64)
            noise = int(np.bitwise_or.reduce(np.uint64(1) << bits))
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
    ap.add_argument("--pairs", type=int, default=30, help="photos for the paired measurement")
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
        (tmp / "pairs").mkdir()
        res["thumbnail_pairs"] = paired_thumbnails(files[:args.pairs], tmp / "pairs")
        base, ours = [], []
        for r in range(args.rounds):  # alternate who goes first: page cache, load, warm-up
            for scored in ((False, True) if r % 2 == 0 else (True, False)):
                runs = ours if scored else base
                runs.append(timed_scan(tmp / "photos", tmp / f"{scored}{r}", scored=scored))
        res["first_scan"] = {"photos": args.photos, "megapixels": 12, "rounds": args.rounds,
                             "limit_ratio": 1.10}
        for i, what in enumerate(("wall", "cpu")):
            b, o = (statistics.median(x[i] for x in runs) for runs in (base, ours))
            res["first_scan"][what] = {
                "without_scores_s": [round(x[i], 2) for x in base],
                "with_scores_and_stacks_s": [round(x[i], 2) for x in ours],
                "median_without_s": round(b, 2), "median_with_s": round(o, 2),
                "ratio": round(o / b, 3)}
    res["load_after"] = os.getloadavg()[0]
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    sys.exit(main())
