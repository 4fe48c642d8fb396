"""Timed captions' cost: a 10 s 1080x1920 render with a caption every second (burned in, with
emoji and CJK) against the same render without captions (the baseline, measured in the same
run); and aligning a script to espeak-ng speech, as seconds of speech aligned per second.

Run: python tests/bench/bench_captions.py [--repeat 3]   (needs espeak-ng for the alignment)
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402

from liveassets.cuts import align  # noqa: E402
from liveassets.cuts.plan import CutPlan  # noqa: E402
from liveassets.cuts.render import render  # noqa: E402
from mediagen import make_video  # noqa: E402

LINES = ["Welcome to the LIVE Creator Meetup 🎉", "字幕 テスト 👍🏽", "Thank you Sydney 🇦🇺",
         "See you next time"]
SCRIPT = ("Welcome to the show. Tonight we dance together in Sydney. Thank you all for coming "
          "out. See you next time at the meetup.")


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def bench_burn(folder: Path, repeat: int) -> dict:
    make_video(folder / "clip.mp4", size=(1280, 720), seconds=10.0)
    base = {"name": "Bench", "format": "9:16", "fps": 30, "purpose": "internal",
            "segments": [{"source": "clip.mp4", "start": 0, "end": 10}]}
    plain = CutPlan.from_dict(base, base=folder)
    captioned = CutPlan.from_dict(dict(base, captions=[
        {"start": i + 0.1, "end": i + 0.9, "text": LINES[i % len(LINES)]} for i in range(10)]),
        base=folder)
    without = timed(lambda: render(plain, folder / "a.mp4", captions="none", threads=2), repeat)
    burned = timed(lambda: render(captioned, folder / "b.mp4", captions="burn", threads=2),
                   repeat)
    return {"render_10s_1080x1920_no_captions_s": round(without, 2),
            "render_10s_1080x1920_10_captions_s": round(burned, 2),
            "ratio": round(burned / without, 3)}


def bench_align(folder: Path, repeat: int) -> dict:
    if shutil.which("espeak-ng") is None:
        return {"align": "skipped: espeak-ng is not installed"}
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(folder / "s.wav"),
                    SCRIPT], check=True)
    with wave.open(str(folder / "s.wav")) as w:
        rate = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), np.int16).astype(np.float32) / 32768
    x48 = np.interp(np.arange(int(len(x) * 48000 / rate)) / 48000, np.arange(len(x)) / rate, x)
    pcm = align.resample(x48.astype(np.float32))
    seconds = len(pcm) / align.RATE
    took = timed(lambda: align.align(pcm, SCRIPT), repeat)
    return {"speech_s": round(seconds, 2), "align_s": round(took, 2),
            "speech_seconds_per_second": round(seconds / took, 2)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = {"burn": bench_burn(Path(tmp), args.repeat),
               "align": bench_align(Path(tmp), args.repeat)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
