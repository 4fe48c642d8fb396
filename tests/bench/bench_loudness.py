"""What platform loudness adds to a render: the same 15 s 1080x1920 cut (three 5 s pieces of
1080p sources whose sound sits at -30, -20 and -8 LUFS) rendered with levelling off and on
(-14 LUFS / -1 dBTP), alternating, in the same run; printed as JSON with the level reached.

Issue #16 asks: at most 25 % added. Sources are made once into --cache (testsrc2 + a chord
with noise, veryfast). Medians of --runs runs each (min..max printed: the machine is shared).

Run: python tests/bench/bench_loudness.py [--runs 3] [--cache /tmp/liveassets-bench-loud]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from liveassets.cuts.frames import ffmpeg_exe
from liveassets.cuts.loudness import measure_loudness
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.render import render
from liveassets.media.writers import RATE, write_audio

FF = ffmpeg_exe()
LEVELS = {"a.mp4": -30.0, "b.mp4": -20.0, "c.mp4": -8.0}


def chord(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    mono = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 330.0, 554.0)) / 3
    mono = mono * (0.6 + 0.4 * np.abs(np.sin(np.pi * 4 * t))) + rng.normal(0, 0.05, len(t))
    mono /= np.abs(mono).max()
    return np.stack([mono, mono]).astype(np.float32)


def make_sources(cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    for i, (name, lufs) in enumerate(LEVELS.items()):
        if (cache / name).exists():
            continue
        sound = chord(10, i)
        wav = cache / f"{name}.wav"
        write_audio(str(wav), sound)
        gain = 10 ** ((lufs - measure_loudness(str(wav))["integrated"]) / 20)
        write_audio(str(wav), sound * gain)
        subprocess.run([FF, "-v", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc2=size=1920x1080:rate=30:duration=10", "-i", str(wav),
                        "-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-g", "60",
                        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", "-shortest",
                        str(cache / name)], check=True)


def plan(cache: Path, loudness) -> CutPlan:
    return CutPlan.from_dict({
        "name": "bench", "format": "9:16", "fps": 30, "purpose": "internal",
        "loudness": loudness,
        "segments": [{"source": str(cache / n), "start": 2.0, "end": 7.0} for n in LEVELS]})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cache", default="/tmp/liveassets-bench-loud")
    args = ap.parse_args()
    cache = Path(args.cache)
    make_sources(cache)
    times = {"off": [], "on": []}
    reached = {}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for mode, value in (("off", False), ("on", True)):
                started = time.perf_counter()
                result = render(plan(cache, value), Path(tmp) / f"{mode}.mp4")
                times[mode].append(time.perf_counter() - started)
                reached[mode] = result.loudness
    med = {m: statistics.median(v) for m, v in times.items()}
    print(json.dumps({
        "cut": "15 s 1080x1920 from three 1080p sources at -30, -20, -8 LUFS",
        "baseline_render_without_levelling_s": {"median": round(med["off"], 2),
                                                "min": round(min(times["off"]), 2),
                                                "max": round(max(times["off"]), 2)},
        "render_with_levelling_s": {"median": round(med["on"], 2),
                                    "min": round(min(times["on"]), 2),
                                    "max": round(max(times["on"]), 2)},
        "added_fraction": round(med["on"] / med["off"] - 1, 3),
        "target_added_fraction_at_most": 0.25,
        "reached_on": reached["on"], "reached_off": reached["off"],
        "load_before": load_before, "load_after": os.getloadavg()[0]}, indent=1))


if __name__ == "__main__":
    sys.exit(main())
