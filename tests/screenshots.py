"""Screenshots of the window on the demo campaign, for the README (and for looking at it).

    QT_QPA_PLATFORM=offscreen python tests/screenshots.py [--out docs/screenshots]
    xvfb-run -s "-screen 0 1280x800x24" python tests/screenshots.py
    python tests/screenshots.py --measure     # also time "window shown" from process start
    python tests/screenshots.py --measure-scan 2000   # longest UI stall while scanning N photos

Builds the demo campaign in a temporary library (cached under the temp folder between runs),
gives some assets ratings, flags, tags and rights so the badges show, opens the main window at
1280x800, waits for thumbnails and saves main-dark.png, inspector-dark.png and main-light.png.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def demo_media(cache: Path) -> Path:
    folder = cache / "Demo campaign"
    if not folder.is_dir():
        try:
            from liveassets.demo import write_demo
            write_demo(str(folder))
        except ImportError:  # the demo writer is not there yet: plain generated photos
            from PIL import Image, ImageDraw
            folder.mkdir(parents=True)
            for i in range(48):
                img = Image.new("RGB", (640, 427), (30 + i * 4 % 200, 60, 120 + i * 3 % 120))
                ImageDraw.Draw(img).ellipse((200, 100, 440, 330), fill=(240, 200, 90))
                img.save(folder / f"IMG_{i:04d}.jpg", quality=85)
    return folder


def build_library(lib: Path, media: Path) -> None:
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


def shoot(lib: Path, out: Path) -> None:
    from PySide6.QtCore import QSettings

    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.app import make_app
    from liveassets.ui.main_window import MainWindow
    from liveassets.ui.palette import set_theme

    app = make_app(dark=True)
    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(lib / "screenshot-settings.ini"), QSettings.IniFormat)
    settings.clear()
    with Catalog(lib) as cat:
        win = MainWindow(cat, settings)
        win.resize(1280, 800)
        win.show()

        def settle(seconds=1.5):
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)
                win.view.viewport().update()

        def loaded():
            rows = range(min(win.model.rowCount(), 24))
            return all(win.thumbs.pixmap(win.model.doc(r)) is not None for r in rows
                       if win.model.doc(r).get("thumbnail"))

        deadline = time.monotonic() + 20
        while not loaded() and time.monotonic() < deadline:
            settle(0.2)
        settle(0.5)
        win.grab().save(str(out / "main-dark.png"))
        win.view.move_to_row(4)
        settle(1.0)
        win.grab().save(str(out / "inspector-dark.png"))
        win.view.setFocus()
        win.open_quick_look()
        settle(0.8)
        win.grab().save(str(out / "quicklook-dark.png"))
        win.quick_look.close_look()
        set_theme(app, dark=False)
        win.search.set_text("rights:unknown OR rights:pending")
        settle(1.0)
        win.grab().save(str(out / "main-light.png"))
        win.search.set_text("kind:video colour:red")
        settle(0.3)
        win.grab().save(str(out / "query-error-light.png"))
        win.shutdown()
        win.close()
    print(json.dumps({"screenshots": sorted(str(p) for p in out.glob("*.png"))}))


CHILD = """
import sys, time
t_start = float(sys.argv[1])
from PySide6.QtCore import QSettings
from liveassets.ui.app import make_app
from liveassets.catalog.catalog import Catalog
from liveassets.ui.main_window import MainWindow
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


def measure(lib: Path, runs: int = 3) -> dict:
    times = []
    for _ in range(runs):
        started = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, str(started), str(lib),
                              str(lib / "measure.ini")], capture_output=True, text=True,
                             cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return {"window_shown_s": {"min": round(min(times), 3), "max": round(max(times), 3),
                               "runs": runs}, "budget_s": 2.5}


def measure_scan(n: int, cache: Path) -> dict:
    """Longest gap between 10 ms timer ticks on the UI thread while the window scans n photos."""
    from PIL import Image
    from PySide6.QtCore import QSettings, QTimer

    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.app import make_app
    from liveassets.ui.main_window import MainWindow

    media = cache / f"scan-{n}"
    if not media.is_dir():
        media.mkdir(parents=True)
        for i in range(n):
            Image.new("RGB", (640, 480), (i % 255, i * 7 % 255, 90)).save(
                media / f"IMG_{i:05d}.jpg", quality=75)
    app = make_app(dark=True)
    lib = Path(tempfile.mkdtemp(prefix="la-scan-"))
    with Catalog(lib) as cat:
        win = MainWindow(cat, QSettings(str(lib / "s.ini"), QSettings.IniFormat))
        win.resize(1280, 800)
        win.show()
        gaps, last, done = [], [time.perf_counter()], []

        def tick():
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        win.scanner.signals.finished.connect(done.append)
        started = time.perf_counter()
        win.scan_paths([str(media)])
        timer.start()
        last[0] = time.perf_counter()
        while not done:
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        win.shutdown()
    gaps.sort()
    return {"scan_files": n, "scan_s": round(time.perf_counter() - started, 2),
            "longest_ui_stall_ms": round(gaps[-1] * 1000, 1),
            "p99_tick_ms": round(gaps[int(len(gaps) * 0.99)] * 1000, 1), "budget_ms": 100}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--measure", action="store_true")
    parser.add_argument("--measure-scan", type=int, metavar="N", default=0)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    cache = Path(tempfile.gettempdir()) / "liveassets-screenshots"
    lib = cache / "Library"
    build_library(lib, demo_media(cache))
    if args.measure:
        print(json.dumps(measure(lib)))
    if args.measure_scan:
        print(json.dumps(measure_scan(args.measure_scan, cache)))
    shoot(lib, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
