"""Compare view of 4 photos at 100 % zoom: frame times of a scripted pan (issue 15: no frame
over 33 ms), beside the baseline measured in the same run: the same pan in quick look with one
photo. Printed as JSON.

    python tests/bench/bench_compare.py [--steps 120] [--size 1280x800]

Four 12 MP JPEGs (tests/mediagen.make_noisy_12mp_jpeg) are decoded at full resolution off the
UI thread first (not timed: that is the decode, not the pan); then each step pans by (-23, -11)
logical px (bouncing at the edges) and repaints at once. A frame is the pan plus the synchronous
repaint, timed on the UI thread. Offscreen (or Xvfb when DISPLAY is set): raster painting, as
on a machine without GPU compositing.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: mediagen

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BUDGET_MS = 33.0


def photos(folder: Path, n: int) -> list[Path]:
    import shutil

    from mediagen import make_noisy_12mp_jpeg

    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "IMG_0000.jpg"
    if not first.exists():
        make_noisy_12mp_jpeg(first)
    out = [first]
    for i in range(1, n):
        path = folder / f"IMG_{i:04d}.jpg"
        if not path.exists():
            shutil.copy(first, path)
        out.append(path)
    return out


def library(folder: Path, paths: list[Path]):
    from liveassets.catalog.catalog import Catalog
    from liveassets.catalog.schema import new_asset

    cat = Catalog(folder)
    docs = {}
    for i, p in enumerate(paths):
        doc = new_asset(str(p), "image", p.stat().st_size, p.stat().st_mtime, f"{i}:{p.name}")
        doc.update(width=4000, height=3000, taken=f"2026-11-21T19:30:{i:02d}")
        docs[doc["id"]] = doc
    cat.apply("Bench photos", docs)
    return cat


def frames(app, widget, steps: int) -> list[float]:
    out = []
    direction = 1
    for i in range(steps):
        if i and i % 40 == 0:
            direction = -direction  # back the other way before an edge stops the pan
        started = time.perf_counter()
        widget.pan(-23 * direction, -11 * direction)
        widget.repaint()
        out.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    return out


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"frames": len(times), "median_ms": round(statistics.median(times), 2),
            "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
            "max_ms": round(max(times), 2),
            "over_budget": sum(t > BUDGET_MS for t in times)}


def wait_for(app, condition, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the full-resolution pictures did not arrive")
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=120)
    ap.add_argument("--size", default="1280x800")
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    from PySide6.QtCore import QSettings

    from liveassets.ui.window.app import make_app
    from liveassets.ui.window.main_window import MainWindow

    cache = Path(tempfile.gettempdir()) / "liveassets-bench-compare"
    paths = photos(cache / "photos", 4)
    with tempfile.TemporaryDirectory() as tmp:
        cat = library(Path(tmp) / "lib", paths)
        app = make_app(dark=True)
        win = MainWindow(cat, QSettings(str(Path(tmp) / "s.ini"), QSettings.IniFormat))
        win.resize(width, height)
        win.show()
        wait_for(app, lambda: win.model.rowCount() == 4)
        # Baseline: quick look, one photo, 100 %.
        win.view.move_to_row(0)
        win.looking.open_quick_look()
        ql = win.quick_look
        ql.toggle_zoom()
        wait_for(app, lambda: ql.full.pixmap(ql.doc) is not None)
        ql.repaint()
        quick = frames(app, ql, args.steps)
        ql.close_look()
        # The figure: compare, four photos, 100 %.
        win.view.selectAll()
        win.looking.open_compare()
        cv = win.compare
        cv.toggle_zoom()
        wait_for(app, lambda: all(cv.full.pixmap(d) is not None for d in cv.docs))
        cv.repaint()
        compare = frames(app, cv, args.steps)
        screen = win.devicePixelRatioF()
        win.shutdown()
        win.close()
        cat.close()
    result = {
        "figure": "compare view, 4 x 12 MP photos at 100 %, scripted pan",
        "window": args.size, "device_pixel_ratio": screen,
        "platform": os.environ.get("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else ""),
        "compare_4": summary(compare),
        "baseline_quick_look_1": summary(quick),
        "ratio_median": round(statistics.median(compare) / statistics.median(quick), 2),
        "ratio_max": round(max(compare) / max(quick), 2),
        "budget_ms": BUDGET_MS,
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
