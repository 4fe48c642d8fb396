"""Asset pack speed: a pack of N photos (default 500) as 2048-px renditions with XMP sidecars,
manifest and contact sheet, against one process that only makes the same renditions in a plain
loop, measured in the same run. Budget (issue 6): pack <= 1.5x the plain loop.

Run: python tests/bench/bench_packs.py [--count 500] [--edge 2048] [--work DIR]
Sources: /tmp/liveassets-bench/src*.jpg (24 distinct 12 MP JPEGs) when present, else 24 are
generated. Copies get a few unique bytes after the JPEG end marker so every file has its own
content fingerprint (the scanner would otherwise take copies for moved files). The scan that
indexes them (with thumbnails, as a real library has) is not timed.
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import mediagen  # noqa: E402

from liveassets.catalog.catalog import Catalog  # noqa: E402
from liveassets.media.scan import scan  # noqa: E402
from liveassets.packs.build import build  # noqa: E402
from liveassets.packs.plan import prepare  # noqa: E402
from liveassets.packs.renditions import render_jpeg  # noqa: E402

SOURCES = Path("/tmp/liveassets-bench")


def _sources(work: Path) -> list[Path]:
    found = sorted(p for p in SOURCES.glob("src*.jpg") if not p.name.endswith(".t.jpg"))
    if found:
        return found
    folder = work / "src"
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(24):  # same generator as the other benches, one noise seed per file
        p = folder / f"src{i:02d}.jpg"
        if not p.exists():
            mediagen.make_jpeg(p, size=(4000, 3000), noisy=True, color=(10 * i, 120, 200))
        out.append(p)
    return out


def _media(work: Path, count: int) -> Path:
    media = work / f"media{count}"
    if media.is_dir() and len(list(media.glob("*.jpg"))) == count:
        return media
    shutil.rmtree(media, ignore_errors=True)
    media.mkdir(parents=True)
    sources = _sources(work)
    for i in range(count):
        dest = media / f"photo{i:04d}.jpg"
        shutil.copyfile(sources[i % len(sources)], dest)
        with open(dest, "ab") as fh:
            fh.write(f"copy {i}".encode())
    return media


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _plain_loop(media: Path, out: Path, edge: int) -> float:
    out.mkdir()
    start = time.perf_counter()
    for p in sorted(media.glob("*.jpg")):
        data, _ = render_jpeg(str(p), edge)
        (out / p.name).write_bytes(data)
    return time.perf_counter() - start


def _renditions(cat, media: Path, runs: Path, edge: int) -> dict:
    cpu = time.process_time()
    baseline = _plain_loop(media, runs / "plain", edge)
    baseline_cpu = time.process_time() - cpu
    cpu = time.process_time()
    report = build(cat, prepare(cat, "", mode="renditions", long_edge=edge), runs / "pack.zip")
    pack, pack_cpu = report.seconds, time.process_time() - cpu
    shutil.rmtree(runs / "plain")
    return {
        "plain_loop_s": round(baseline, 2), "pack_s": round(pack, 2),
        "ratio": round(pack / baseline, 3), "budget_ratio": 1.5,
        "within_budget": pack / baseline <= 1.5,
        # CPU seconds (all threads): the work each did, whatever else the machine ran
        "plain_loop_cpu_s": round(baseline_cpu, 2), "pack_cpu_s": round(pack_cpu, 2),
        "cpu_ratio": round(pack_cpu / baseline_cpu, 3),
        "pack_mb": round(report.bytes / 1e6, 1), "contact_sheet_pages": report.pages,
        "files": report.files,
    }


def _originals(cat, media: Path, runs: Path) -> dict:
    copies = runs / "copies"
    copies.mkdir()
    start = time.perf_counter()
    for p in sorted(media.glob("*.jpg")):
        shutil.copyfile(p, copies / p.name)
    copy_s = time.perf_counter() - start
    for p in copies.iterdir():  # a pack is fsynced before it is renamed into place
        fd = os.open(p, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    synced_s = time.perf_counter() - start
    shutil.rmtree(copies)
    phases = {}
    started = time.perf_counter()

    def progress(p):
        phases.setdefault(p.phase, round(time.perf_counter() - started, 2))

    report = build(cat, prepare(cat, ""), runs / "originals.zip", progress=progress)
    return {"plain_copy_s": round(copy_s, 2), "plain_copy_fsync_s": round(synced_s, 2),
            "originals_pack_s": round(report.seconds, 2),
            "originals_ratio_vs_copy_fsync": round(report.seconds / synced_s, 3),
            "originals_phase_starts_s": phases, "originals_mb": round(report.bytes / 1e6, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--edge", type=int, default=2048)
    ap.add_argument("--originals", action="store_true",
                    help="also time a pack of originals against a plain copy loop")
    ap.add_argument("--skip-renditions", action="store_true")
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "liveassets-bench-packs"))
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    media = _media(work, args.count)
    runs = work / "runs"
    shutil.rmtree(runs, ignore_errors=True)
    runs.mkdir()
    lib = runs / "lib"
    t = time.perf_counter()
    with Catalog(lib) as cat:
        scan(cat, [media])
        scan_s = time.perf_counter() - t
        ids = [d["id"] for d in cat.all()]
        cat.set_rights(ids, status="cleared", owner="Nova Li", credit="Photo: Nova / LIVE ANZ",
                       terms="Social and web, ANZ only", model_release="MR-UMR")
        cat.tag(ids, add=["campaign:LIVE Fest", "places/Sydney/Opera House"])
        result = {"bench": "packs", "photos": args.count, "long_edge": args.edge,
                  "source": "12 MP JPEGs, ~4.8 MB each", "cpus": os.cpu_count(),
                  "scan_untimed_s": round(scan_s, 1), "loadavg": [_loadavg()]}
        if not args.skip_renditions:
            result.update(_renditions(cat, media, runs, args.edge))
            result["loadavg"].append(_loadavg())
        if args.originals:
            result.update(_originals(cat, media, runs))
            result["loadavg"].append(_loadavg())
    print(json.dumps(result, indent=1))
    shutil.rmtree(runs, ignore_errors=True)


if __name__ == "__main__":
    main()
