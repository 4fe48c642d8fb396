"""Measuring the window (one copy, used by tests/bench/bench_ui.py and tests/screenshots.py).

Each figure has a baseline measured the same way on plain Qt, so a loaded machine shows up in
both numbers rather than only in ours. Not a test module (pytest collects test_*.py only).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
for _p in (str(ROOT), str(TESTS)):
    if _p not in sys.path:
        sys.path.insert(0, _p)


# -- libraries -------------------------------------------------------------------------------
def demo_media(cache: Path) -> Path:
    folder = cache / "Demo campaign"
    if not folder.is_dir():
        from liveassets.demo.build import write_demo
        write_demo(str(folder))
    return folder


def build_library(lib: Path, media: Path) -> None:
    """Scan the demo media into `lib` once, with ratings, flags, tags and rights set."""
    from liveassets.catalog.catalog import Catalog
    from liveassets.media.scan import scan

    with Catalog(lib) as cat:
        if len(cat):
            return
        scan(cat, [media])
        docs = cat.query(sort="taken")
        ids = [d["id"] for d in docs]
        cat.tag(ids, add=["campaign:LIVE Creator Meetup Sydney 2026"])
        cat.tag(ids[::3], add=["creator:@mika.live"])
        cat.tag(ids[1::4], add=["creator:@kai.creates", "places/Sydney/Carriageworks"])
        cat.tag(ids[2::5], add=["type:recap", "mood/golden hour"])
        cat.set_rights(ids[::2], status="cleared", credit="Photo: LIVE Events", owner="LIVE")
        cat.set_rights(ids[1::6], status="pending")
        cat.set_rights(ids[3::11], status="restricted", terms="Not for ads")
        cat.set_rights(ids[5::9], status="internal")
        cat.set_rights(ids[4::10], status="cleared", expires="2025-06-30")
        for n, step in ((5, 7), (4, 5), (3, 4)):
            cat.rate(ids[1::step], n)
        cat.set_pick(ids[::6], "picked")
        cat.set_pick(ids[9::13], "rejected")


def demo_library(cache: Path) -> Path:
    lib = cache / "Library"
    build_library(lib, demo_media(cache))
    return lib


def photos(folder: Path, n: int) -> Path:
    """n small distinct JPEGs (made once; 640x480 like a camera's preview size)."""
    from PIL import Image

    if not folder.is_dir() or len(os.listdir(folder)) < n:
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            Image.new("RGB", (640, 480), (i % 255, i * 7 % 255, 90)).save(
                folder / f"IMG_{i:05d}.jpg", quality=75)
    return folder


# -- window shown from process start ---------------------------------------------------------
_SHOWN = """
import sys, time
t_start = float(sys.argv[1])
from PySide6.QtCore import QSettings
from liveassets.ui.window.app import make_app
from liveassets.catalog.catalog import Catalog
from liveassets.ui.window.main_window import MainWindow
app = make_app()
cat = Catalog(sys.argv[2])
win = MainWindow(cat, QSettings(sys.argv[3], QSettings.IniFormat))
win.show()
while not win.windowHandle() or not win.windowHandle().isExposed():
    app.processEvents()
app.processEvents()
print(time.time() - t_start)
win.shutdown(); cat.close()
"""

_BARE = """
import sys, time
t_start = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
app.setStyle("Fusion")
win = QMainWindow()
win.resize(1280, 800)
win.show()
while not win.windowHandle() or not win.windowHandle().isExposed():
    app.processEvents()
app.processEvents()
print(time.time() - t_start)
"""


def _time_child(code: str, args: list[str], runs: int) -> dict:
    times = []
    for _ in range(runs):
        started = time.time()
        out = subprocess.run([sys.executable, "-c", code, str(started), *args],
                             capture_output=True, text=True, cwd=ROOT, check=True,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)))
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return {"min": round(min(times), 3), "max": round(max(times), 3), "runs": runs}


def window_shown(lib: Path, runs: int = 3) -> dict:
    """Seconds from process start to the main window exposed on the library (a child process)."""
    return _time_child(_SHOWN, [str(lib), str(lib / "measure.ini")], runs)


def bare_window_shown(runs: int = 3) -> dict:
    """Baseline: a bare QApplication + QMainWindow, same measurement."""
    return _time_child(_BARE, [], runs)


# -- UI-thread stalls ------------------------------------------------------------------------
class TickProbe:
    """A 10 ms QTimer on the UI thread; the gaps between its ticks are what a user feels."""

    def __init__(self, interval_ms: int = 10):
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self._last = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(now - self._last)
        self._last = now

    def run_until(self, done, app, limit_s: float = 600) -> None:
        self._last = time.perf_counter()
        self.timer.start()
        end = time.monotonic() + limit_s
        while not done() and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.001)
        self.timer.stop()

    def figures(self) -> dict:
        gaps = sorted(self.gaps) or [0.0]
        return {"longest_ms": round(gaps[-1] * 1000, 1),
                "p99_ms": round(gaps[int(len(gaps) * 0.99)] * 1000, 1), "ticks": len(self.gaps)}


def scan_stall(n: int, cache: Path) -> dict:
    """Longest gap between UI ticks while the window scans n photos (thumbnails included)."""
    from PySide6.QtCore import QSettings

    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.window.app import make_app
    from liveassets.ui.window.main_window import MainWindow

    media = photos(cache / f"scan-{n}", n)
    app = make_app(dark=True)
    lib = Path(tempfile.mkdtemp(prefix="la-scan-"))
    with Catalog(lib) as cat:
        win = MainWindow(cat, QSettings(str(lib / "s.ini"), QSettings.IniFormat))
        win.resize(1280, 800)
        win.show()
        settle(app, 0.5)
        done = []
        win.scanner.signals.finished.connect(done.append)
        probe = TickProbe()
        started = time.perf_counter()
        win.scan_paths([str(media)])
        probe.run_until(lambda: bool(done), app)
        scan_s = time.perf_counter() - started
        settle(app, 0.3)
        rows = win.model.rowCount()
        win.shutdown()
        win.close()
    return {"files": n, "rows_shown": rows, "scan_s": round(scan_s, 2), **probe.figures()}


def idle_stall(seconds: float) -> dict:
    """Baseline: the same tick loop with nothing else running."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    probe = TickProbe()
    end = time.monotonic() + seconds
    probe.run_until(lambda: time.monotonic() > end, app)
    return probe.figures()


def settle(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
