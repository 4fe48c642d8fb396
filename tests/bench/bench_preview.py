"""Watching before rendering (#16): the time from pressing Preview in the cut editor to the first
frame of the half-size preview shown in its own player, for a 30 s cut of three 1080p clips,
beside the same plan's full render (1080x1920, the final preset) measured in the same run;
printed as JSON with medians, the spread and the ratio.

The editor runs offscreen with its own JobRunner, as in the window; "shown" is the first video
frame the player's sink hands to the surface after the preview loaded. Sources are made once
with the bundled ffmpeg (testsrc2 + sine, as bench_cuts.py) into --cache.

Run: python tests/bench/bench_preview.py [--runs 2] [--cache /tmp/liveassets-bench-cuts]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_cuts import make_sources, plan_for  # noqa: E402  (the same 1080p sources)

SEGS = [("a.mp4", 2.0, 12.0), ("b.mp4", 3.0, 13.0), ("c.mp4", 1.0, 11.0)]  # 30 s in all


def preview_to_first_frame(cache: Path, lib: Path) -> dict:
    from PySide6.QtWidgets import QApplication

    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.cut.editor import CutEditor

    app = QApplication.instance() or QApplication([])
    with Catalog(lib) as cat:
        editor = CutEditor(cat)
        editor.resize(480, 900)
        editor.show()
        editor.set_plan(plan_for(cache, dressed=False, segs=SEGS))
        editor.output_path = None
        # Generated sources are not in the library, so the rights gate would ask (a modal):
        # answered as a user overriding it would.
        editor.ask_override = lambda problems: "benchmark sources"
        editor.ask_warnings = lambda warnings: True
        stamps: dict[str, float] = {}

        def loaded(_path):
            stamps["rendered"] = time.perf_counter()
            sink = editor.watching.player._sink
            if sink is not None:
                sink.videoFrameChanged.connect(
                    lambda frame: frame.isValid() and stamps.setdefault("shown",
                                                                        time.perf_counter()))

        editor.previewed.connect(loaded)
        start = time.perf_counter()
        editor.preview_button.click()
        deadline = start + 600
        while "shown" not in stamps and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.005)
        editor.shutdown()
        editor.close()
        editor.deleteLater()
        app.processEvents()
    if "shown" not in stamps:
        raise SystemExit("no frame was shown within 600 s (is Qt Multimedia loadable?)")
    return {"to_first_frame_s": stamps["shown"] - start,
            "render_s": stamps["rendered"] - start,
            "load_to_frame_s": stamps["shown"] - stamps["rendered"]}


def full_render(cache: Path, out: Path) -> float:
    from liveassets.cuts.render import render

    start = time.perf_counter()
    render(plan_for(cache, dressed=False, segs=SEGS), out)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir())
                                               / "liveassets-bench-cuts"))
    args = parser.parse_args()
    cache = Path(args.cache)
    make_sources(cache)
    previews, renders = [], []
    with tempfile.TemporaryDirectory(prefix="liveassets-bench-preview-") as tmp:
        for run in range(args.runs):
            previews.append(preview_to_first_frame(cache, Path(tmp) / f"lib{run}"))
            renders.append(full_render(cache, Path(tmp) / f"full{run}.mp4"))
    first = [p["to_first_frame_s"] for p in previews]
    med = statistics.median(first)
    base = statistics.median(renders)
    print(json.dumps({
        "cut": "30 s, three 1080p clips cropped to 9:16",
        "runs": args.runs,
        "load": os.getloadavg(),
        "preview_to_first_frame_s": {"median": round(med, 2), "min": round(min(first), 2),
                                     "max": round(max(first), 2)},
        "preview_render_s_median": round(statistics.median(p["render_s"] for p in previews), 2),
        "load_to_first_frame_s_median": round(statistics.median(
            p["load_to_frame_s"] for p in previews), 3),
        "baseline_full_render_s": {"median": round(base, 2), "min": round(min(renders), 2),
                                   "max": round(max(renders), 2)},
        "ratio_preview_to_full": round(med / base, 3),
    }, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
