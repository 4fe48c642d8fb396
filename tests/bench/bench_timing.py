"""Cost of finding real clip lengths and of bloated EXIF, printed as JSON with the baseline
measured in the same run. Figures (medians of --runs): probe() of a 20 s 1080p30 MP4 whose
header is trusted, and of the same clip written as a browser recorder's WebM-like MKV (no
duration: demuxed), each beside a header-only open; probe() of a JPEG with 60 MB of extra EXIF
segments beside Pillow opening it as before. Run: python tests/bench/bench_timing.py
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import av
from PIL import Image

from liveassets.cuts.frames import ffmpeg_exe
from liveassets.media.probe import probe

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from timing_media import huge_exif_jpeg  # noqa: E402


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 2)


def header_only(path: str) -> None:
    with av.open(path) as c:
        c.duration


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    import subprocess

    d = Path(tempfile.mkdtemp(prefix="bench-timing-"))
    mp4, mkv = str(d / "hd.mp4"), str(d / "hd.mkv")
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=1920x1080:rate=30", "-f", "lavfi", "-i", "sine=f=440",
                    "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                    "-shortest", mp4], check=True)
    with open(mkv, "wb") as out:  # written to a pipe: no duration in the header
        subprocess.run([ffmpeg_exe(), "-v", "error", "-i", mp4, "-c", "copy", "-f", "matroska",
                        "pipe:1"], check=True, stdout=out)
    jpg = huge_exif_jpeg(str(d / "huge.jpg"), 60)

    def pillow_as_before():
        with Image.open(jpg) as im:
            im.getexif()

    result = {
        "mp4_header_trusted_probe_ms": median_ms(lambda: probe(mp4), args.runs),
        "mp4_header_only_open_ms": median_ms(lambda: header_only(mp4), args.runs),
        "mkv_no_duration_probe_ms": median_ms(lambda: probe(mkv), args.runs),
        "mkv_header_only_open_ms": median_ms(lambda: header_only(mkv), args.runs),
        "mkv_reported_seconds": probe(mkv)["duration"],
        "huge_exif_probe_ms": median_ms(lambda: probe(jpg), args.runs),
        "huge_exif_pillow_before_ms": median_ms(pillow_as_before, 1),
    }
    result["mkv_probe_over_header_open"] = round(
        result["mkv_no_duration_probe_ms"] / result["mkv_header_only_open_ms"], 2)
    result["huge_exif_speedup"] = round(
        result["huge_exif_pillow_before_ms"] / result["huge_exif_probe_ms"], 1)
    shutil.rmtree(d, ignore_errors=True)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
