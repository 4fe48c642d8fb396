"""What platform loudness adds to a render: the same 15 s 1080x1920 cut (three 5 s pieces of
1080p sources whose sound sits at -30, -20 and -8 LUFS) rendered with levelling off and on
(-14 LUFS / -1 dBTP), alternating, in the same run; and a peaky cut (15 s of claps 21 dB over
a chord at -30 LUFS, which needs ~18 dB of limiting and three passes) the same way. Printed as
JSON with the level reached and the limiting.

Issue #16 asks: at most 25 % added. Renders on the shared 2-core machine vary by +-30 %, so the
levelling step is also timed alone on each cut's mix. Measured 1 Dec 2026 (load 2-6): levels
0.35 s alone (2 % of a 17 s render; one gain, no limiting), peaky 2.7 s alone (18 % of a 15 s
render: the probe and two passes with a trial AAC encode each, 16 dB of limiting). Sources are made once into --cache (testsrc2 + a chord
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
from liveassets.cuts.loudness import DEFAULT, level_wav, measure_loudness
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.render import render
from liveassets.media.writers import RATE, write_audio

FF = ffmpeg_exe()
LEVELS = {"a.mp4": -30.0, "b.mp4": -20.0, "c.mp4": -8.0}
PEAKY = "claps.mp4"  # claps 21 dB over a chord, at -30 LUFS


def chord(seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    mono = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 330.0, 554.0)) / 3
    mono = mono * (0.6 + 0.4 * np.abs(np.sin(np.pi * 4 * t))) + rng.normal(0, 0.05, len(t))
    mono /= np.abs(mono).max()
    return np.stack([mono, mono]).astype(np.float32)


def claps_over_chord(seconds: float, over: float = 21.0, seed: int = 7) -> np.ndarray:
    """Stereo: a 30 ms burst of decaying noise every half second, `over` dB above a chord."""
    rng = np.random.default_rng(seed)
    n, k = int(seconds * RATE), int(0.03 * RATE)
    t = np.arange(n) / RATE
    bed = sum(np.sin(2 * np.pi * f * t) for f in (261.63, 329.63, 392.0))
    claps = np.zeros(n)
    for i in range(int(0.25 * RATE), n - k, RATE // 2):
        claps[i:i + k] += rng.normal(0, 1, k) * np.exp(-np.arange(k) / RATE * 150)
    mono = bed / np.abs(bed).max() * 10 ** (-over / 20) + claps / np.abs(claps).max()
    return np.stack([mono, mono]).astype(np.float32)


def make_sources(cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    for i, (name, lufs) in enumerate({**LEVELS, PEAKY: -30.0}.items()):
        if (cache / name).exists():
            continue
        sound = claps_over_chord(10) if name == PEAKY else chord(10, i)
        wav = cache / f"{name}.wav"
        write_audio(str(wav), sound)
        gain = 10 ** ((lufs - measure_loudness(str(wav))["integrated"]) / 20)
        write_audio(str(wav), sound * gain)
        subprocess.run([FF, "-v", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc2=size=1920x1080:rate=30:duration=10", "-i", str(wav),
                        "-c:v", "libx264", "-preset", "veryfast", "-crf", "21", "-g", "60",
                        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "192k", "-shortest",
                        str(cache / name)], check=True)


def plan(cache: Path, loudness, peaky: bool = False) -> CutPlan:
    pieces = [(PEAKY, s) for s in (0.0, 2.5, 5.0)] if peaky else [(n, 2.0) for n in LEVELS]
    return CutPlan.from_dict({
        "name": "bench", "format": "9:16", "fps": 30, "purpose": "internal",
        "loudness": loudness,
        "segments": [{"source": str(cache / n), "start": s, "end": s + 5.0}
                     for n, s in pieces]})


def spread(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 2), "min": round(min(values), 2),
            "max": round(max(values), 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cache", default="/tmp/liveassets-bench-loud")
    args = ap.parse_args()
    cache = Path(args.cache)
    make_sources(cache)
    cuts = {"levels": False, "peaky": True}
    times = {(c, m): [] for c in cuts for m in ("off", "on", "level")}
    reached = {}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            for cut, peaky in cuts.items():
                for mode, value in (("off", False), ("on", True)):
                    started = time.perf_counter()
                    result = render(plan(cache, value, peaky), Path(tmp) / f"{mode}.mp4")
                    times[cut, mode].append(time.perf_counter() - started)
                    reached[cut, mode] = result.loudness
                    if mode == "off":  # the mix as the render levels it: 16-bit WAV
                        subprocess.run([FF, "-v", "error", "-y", "-i", str(Path(tmp) / "off.mp4"),
                                        "-vn", "-c:a", "pcm_s16le", str(Path(tmp) / f"{cut}.wav")],
                                       check=True)
        for cut in cuts:  # the levelling step alone, steadier than a difference of renders
            for _ in range(args.runs):
                started = time.perf_counter()
                level_wav(str(Path(tmp) / f"{cut}.wav"), str(Path(tmp) / "level.wav"), DEFAULT)
                times[cut, "level"].append(time.perf_counter() - started)
    med = {k: statistics.median(v) for k, v in times.items()}
    report = {}
    for cut, what in (("levels", "15 s 1080x1920 from three 1080p sources at -30, -20, -8 "
                                 "LUFS"),
                      ("peaky", "15 s 1080x1920 of claps 21 dB over a chord at -30 LUFS")):
        report[cut] = {
            "cut": what,
            "baseline_render_without_levelling_s": spread(times[cut, "off"]),
            "render_with_levelling_s": spread(times[cut, "on"]),
            "added_fraction": round(med[cut, "on"] / med[cut, "off"] - 1, 3),
            "levelling_step_alone_s": spread(times[cut, "level"]),
            "levelling_step_over_baseline": round(med[cut, "level"] / med[cut, "off"], 3),
            "reached_on": reached[cut, "on"], "reached_off": reached[cut, "off"]}
    print(json.dumps(dict(report, target_added_fraction_at_most=0.25, runs=args.runs,
                          load_before=load_before, load_after=os.getloadavg()[0]), indent=1))


if __name__ == "__main__":
    sys.exit(main())
