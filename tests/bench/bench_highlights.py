"""Highlight moments for 10 minutes of 1080p footage beside one plain ffmpeg decode pass of the
same file, measured in the same run; printed as JSON.

Issue #16 asks: highlights at most 20 s, sound only at most 3 s. Two kinds of footage, both
10 min 1080p30 with AAC sound, a scene change every 20 s and a cheer every 45 s: "phone" writes
a keyframe every second (as phones do), "long_gop" one every 250 frames with 3 B-frames
between the others (x264's defaults, as cameras write; the scene pass then decodes every
frame but the B-frames). The footage is a 60 s piece (testsrc2 / mandelbrot /
colour bars, ultrafast, 2 Mb/s) concatenated ten times without re-encoding, made once into
--cache. Each timing is the median of --runs runs (min..max printed: the machine is shared).

Run: python tests/bench/bench_highlights.py [--runs 3] [--cache /tmp/liveassets-bench-hl]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time
from pathlib import Path

import numpy as np

from liveassets.cuts import highlights
from liveassets.cuts.frames import ffmpeg_exe
from liveassets.media.writers import RATE, write_audio

FF = ffmpeg_exe()
PIECE = 60
SOURCES = ["testsrc2=size=1920x1080:rate=30:duration=20",
           "mandelbrot=size=1920x1080:rate=30,trim=duration=20",
           "smptehdbars=size=1920x1080:rate=30:duration=20"]


def piece_sound(path: Path) -> None:
    """60 s: crowd murmur with a 1.5 s cheer at 10 s and 55 s (a cheer every 45 s on average
    once the piece repeats)."""
    rng = np.random.default_rng(7)
    n = PIECE * RATE
    mono = rng.normal(0, 0.01, n)
    for c in (10.0, 55.0):
        a, b = int((c - 0.75) * RATE), int((c + 0.75) * RATE)
        mono[a:b] += rng.normal(0, 0.25, b - a) * np.sin(np.linspace(0, np.pi, b - a))
    write_audio(str(path), np.stack([mono, mono]).astype(np.float32))


def make_footage(cache: Path, gop: int, name: str, bframes: int) -> Path:
    out = cache / f"{name}.mp4"
    if out.exists():
        return out
    cache.mkdir(parents=True, exist_ok=True)
    sound = cache / "piece.m4a"
    if not sound.exists():
        piece_sound(sound)
    piece = cache / f"piece-{name}.mp4"
    inputs = []
    for src in SOURCES:
        inputs += ["-f", "lavfi", "-i", src]
    graph = "".join(f"[{i}:v]" for i in range(len(SOURCES))) + \
        f"concat=n={len(SOURCES)}:v=1:a=0,format=yuv420p[v]"
    subprocess.run([FF, "-v", "error", "-y", *inputs, "-i", str(sound),
                    "-filter_complex", graph, "-map", "[v]", "-map", f"{len(SOURCES)}:a",
                    "-c:v", "libx264", "-preset", "ultrafast", "-bf", str(bframes),
                    "-b:v", "2M", "-g", str(gop),
                    "-c:a", "copy", str(piece)], check=True)
    listing = cache / f"list-{name}.txt"
    listing.write_text("".join(f"file '{piece}'\n" for _ in range(10)))
    subprocess.run([FF, "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing),
                    "-c", "copy", str(out)], check=True)
    return out


def timed(fn, runs: int) -> dict:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(times), 2), "min_s": round(min(times), 2),
            "max_s": round(max(times), 2)}


def decode_pass(path: Path) -> None:
    subprocess.run([FF, "-v", "error", "-nostdin", "-i", str(path), "-f", "null", "-"],
                   check=True)


def all_moments(path: Path) -> list:
    highlights._memory.clear()  # measure, never the cache
    return highlights.moments(str(path))


def sound_only(path: Path) -> list:
    return highlights.loud_moments_of(str(path))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cache", default="/tmp/liveassets-bench-hl")
    args = ap.parse_args()
    cache = Path(args.cache)
    report = {"load_before": os.getloadavg()[0]}
    for name, gop, bframes in (("phone", 30, 0), ("long_gop", 250, 3)):
        path = make_footage(cache, gop, name, bframes)
        found = all_moments(path)
        base = timed(lambda: decode_pass(path), args.runs)
        full = timed(lambda: all_moments(path), args.runs)
        snd = timed(lambda: sound_only(path), args.runs)
        cached = timed(lambda: highlights.moments(str(path)), args.runs)
        report[name] = {
            "footage": f"10 min 1080p30 H.264 + AAC, keyframe every {gop} frames, "
                       f"{bframes} B-frames",
            "baseline_decode_pass": base, "highlights": full, "sound_only": snd,
            "second_ask_cached": cached,
            "ratio_highlights_to_decode": round(full["median_s"] / base["median_s"], 2),
            "moments": {"loud": sum(m.kind == "loud" for m in found),
                        "scene": sum(m.kind == "scene" for m in found)},
            "target_s": {"highlights": 20, "sound_only": 3}}
    report["load_after"] = os.getloadavg()[0]
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
