"""Screenshots of the window on the demo campaign, for the README (and for looking at it).

    QT_QPA_PLATFORM=offscreen python tests/screenshots.py [--out docs/screenshots]
    xvfb-run -s "-screen 0 1280x800x24" python tests/screenshots.py
    python tests/screenshots.py --measure     # also time "window shown" from process start
    python tests/screenshots.py --measure-scan 2000   # longest UI stall while scanning N photos
    (the full benchmark with baselines is tests/bench/bench_ui.py; both use tests/ui_measure.py)

Builds the demo campaign in a temporary library (cached under the temp folder between runs),
gives some assets ratings, flags, tags and rights so the badges show, opens the main window at
1280x800, waits for thumbnails and saves main-dark.png, inspector-dark.png and main-light.png.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import ui_measure  # noqa: E402  (the measuring code shared with tests/bench/bench_ui.py)


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
        # The inspector on a clip, a second into playback, paused: the player shows a frame.
        videos = [r for r in range(win.model.rowCount())
                  if win.model.doc(r).get("kind") == "video"]
        win.view.move_to_row(videos[0] if videos else 4)
        settle(1.0)
        player = win.inspector.video
        if player.isVisible() and player.player is not None:
            player.toggle()
            deadline = time.monotonic() + 10
            while player.slider.value() < 1200 and time.monotonic() < deadline:
                settle(0.05)
            player.toggle()
            settle(0.5)
        win.grab().save(str(out / "inspector-dark.png"))
        win.view.setFocus()
        win.view.move_to_row(4)
        settle(0.5)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--measure", action="store_true")
    parser.add_argument("--measure-scan", type=int, metavar="N", default=0)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    cache = Path(tempfile.gettempdir()) / "liveassets-screenshots"
    lib = ui_measure.demo_library(cache)
    if args.measure:
        print(json.dumps({"window_shown_s": ui_measure.window_shown(lib), "budget_s": 2.5}))
    if args.measure_scan:
        print(json.dumps(ui_measure.scan_stall(args.measure_scan, cache)))
    shoot(lib, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
