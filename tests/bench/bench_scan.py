"""Scan speed, beside one process doing the same work in a plain loop, printed as JSON.

Figures: first scan of N 12 MP JPEGs with thumbnails; facts of M photos visible to a query;
unchanged rescan of those M. Run: python tests/bench/bench_scan.py [--photos 500] [--facts 2000]
The photos are generated once into --cache (default /tmp/liveassets-bench): 24 distinct 12 MP
frames with phone-like detail (~3 MB each), copied to the needed count.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from liveassets.catalog.catalog import Catalog
from liveassets.catalog.schema import new_asset
from liveassets.media.fingerprint import fingerprint
from liveassets.media.probe import probe
from liveassets.media.scan import THUMB_SIZE, scan
from liveassets.media.thumbs import make_thumbnail

DISTINCT = 24


def make_photo(path: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    h, w = 3000, 4000
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    base = np.stack([(x / w) * 255, (y / h) * 200 + 30 * np.sin(x / 90), 120 + 80 * np.cos(y / 150)], -1)
    noise = rng.normal(0, 18, (h, w, 3))
    img = Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8))
    ImageDraw.Draw(img).rectangle([800 + seed * 40, 600, 2400, 2000], outline=(255, 255, 255), width=30)
    exif = Image.Exif()
    exif[0x0110] = "iPhone 15 Pro"
    exif[0x010F] = "Apple"
    img.save(path, quality=88, exif=exif)


def photo_set(cache: Path, count: int, folder: Path) -> list[Path]:
    cache.mkdir(parents=True, exist_ok=True)
    sources = []
    for i in range(DISTINCT):
        src = cache / f"src{i:02d}.jpg"
        if not src.exists():
            make_photo(src, i)
        sources.append(src)
    folder.mkdir(parents=True)
    out = []
    for i in range(count):
        dest = folder / f"IMG_{i:05d}.jpg"
        shutil.copyfile(sources[i % DISTINCT], dest)
        with open(dest, "ab") as fh:  # distinct content, so no two copies look like one file
            fh.write(i.to_bytes(4, "big"))
        out.append(dest)
    return out


def plain_loop(files: list[Path], lib: Path, thumbnails: bool) -> float:
    """The baseline: the same work (fingerprint, facts, thumbnail, catalog write), one at a time."""
    t = time.perf_counter()
    with Catalog(lib) as cat:
        docs = {}
        for f in files:
            st = os.stat(f)
            doc = new_asset(str(f), "image", st.st_size, st.st_mtime, fingerprint(str(f), st.st_size))
            doc.update(probe(str(f)))
            if thumbnails:
                dest = cat.thumb_path(doc["id"])
                make_thumbnail(str(f), "image", str(dest), THUMB_SIZE, 0)
                doc["thumbnail"] = str(dest.relative_to(cat.folder))
            docs[doc["id"]] = doc
        cat.apply("Scan", docs)
    return time.perf_counter() - t


def timed_scan(folder: Path, lib: Path, thumbnails: bool = True) -> dict:
    facts_visible = {}
    with Catalog(lib) as cat:
        t = time.perf_counter()

        def progress(p):
            if p.phase == "Making thumbnails" and "s" not in facts_visible:
                facts_visible["s"] = time.perf_counter() - t
                facts_visible["n"] = len(cat.query("kind:image"))

        report = scan(cat, [folder], progress=progress, thumbnails=thumbnails)
        total = time.perf_counter() - t
        if not thumbnails:
            facts_visible = {"s": total, "n": len(cat.query("kind:image"))}
        t = time.perf_counter()
        again = scan(cat, [folder], thumbnails=thumbnails)
        rescan = time.perf_counter() - t
    assert again.unchanged == report.found, (again, report)
    return {"total_s": round(total, 2), "facts_visible_s": round(facts_visible["s"], 2),
            "facts_visible_count": facts_visible["n"], "rescan_s": round(rescan, 3)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=500)
    ap.add_argument("--facts", type=int, default=2000)
    ap.add_argument("--cache", default="/tmp/liveassets-bench")
    args = ap.parse_args()
    res = {"benchmark": "scan", "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = photo_set(Path(args.cache), args.photos, tmp / "photos")
        res["photo_mb_each"] = round(files[0].stat().st_size / 2**20, 2)
        base = plain_loop(files, tmp / "base_lib", thumbnails=True)
        ours = timed_scan(tmp / "photos", tmp / "lib")
        res["first_scan"] = {"photos": args.photos, "plain_loop_s": round(base, 2),
                             "scan_s": ours["total_s"], "speedup": round(base / ours["total_s"], 2),
                             "facts_visible_s": ours["facts_visible_s"]}
        shutil.rmtree(tmp / "photos")
        files = photo_set(Path(args.cache), args.facts, tmp / "facts")
        base = plain_loop(files, tmp / "base_lib2", thumbnails=False)
        ours = timed_scan(tmp / "facts", tmp / "lib2", thumbnails=False)
        res["facts"] = {"photos": args.facts, "plain_loop_facts_s": round(base, 2),
                        "facts_visible_s": ours["facts_visible_s"],
                        "visible_count": ours["facts_visible_count"],
                        "unchanged_rescan_s": ours["rescan_s"]}
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    sys.exit(main())
