"""What the wheel guard (ui/wheel_guard.py) costs. Printed as JSON, medians over alternating
runs of three set-ups in the same process: "guard" (as shipped: a style hook gives each field
its own filter), "baseline" (no guard at all) and "app_filter" (the design not taken: a Python
event filter on the application, here one that only checks the event type, so the least such a
design could cost):

- per_event_us: sending one event to a combo box (a guarded field) and to a plain widget;
- window_open_s: MainWindow on a library of N made-up assets, built and shown, all events
  processed;
- scroll_frame_ms: setting the grid's scroll position and repainting it, top to bottom.

    python tests/bench/bench_wheel_guard.py [--assets 5000] [--runs 5]
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: catalog_helpers

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LIVEASSETS_CONFIG", tempfile.mkdtemp(prefix="liveassets-config-"))

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QWidget  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.catalog.catalog import Catalog  # noqa: E402
from liveassets.ui import wheel_guard  # noqa: E402
from liveassets.ui.theme.palette import ClearIndicators  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402


class _AppFilter(QObject):
    def eventFilter(self, obj, event) -> bool:
        return event.type() == _WHEEL and False


_WHEEL = QEvent.Wheel
SETUPS = ("guard", "baseline", "app_filter")


def use(app: QApplication, setup: str, app_filter: QObject) -> None:
    ClearIndicators.polishers[:] = [wheel_guard.guard] if setup == "guard" else []
    app.removeEventFilter(app_filter)
    if setup == "app_filter":
        app.installEventFilter(app_filter)


def per_event(widget, n: int = 100_000) -> float:
    started = time.perf_counter()
    for _ in range(n):
        QCoreApplication.sendEvent(widget, QEvent(QEvent.User))
    return (time.perf_counter() - started) / n * 1e6


def window_open(app, catalog, settings_path: Path):
    from liveassets.ui.window.main_window import MainWindow

    started = time.perf_counter()
    win = MainWindow(catalog, QSettings(str(settings_path), QSettings.IniFormat))
    win.show()
    app.processEvents()
    while win.model.rowCount() < len(catalog):
        app.processEvents()
    took = time.perf_counter() - started
    return took, win


def scroll_frames(app, win) -> list[float]:
    view = win.view
    bar = view.verticalScrollBar()
    positions = [bar.maximum() * i // 150 for i in range(151)]
    times = []
    for value in positions:
        started = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()
        app.processEvents()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = make_app(dark=True)
    app_filter = _AppFilter(app)
    out = {"assets": args.assets, "runs": args.runs, "load_before": os.getloadavg()}
    figures = {s: {"combo": [], "plain": [], "open": [], "frame": []} for s in SETUPS}
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Catalog(Path(tmp) / "lib")
        fill(catalog, args.assets)
        _took, warm = window_open(app, catalog, Path(tmp) / "warm.ini")  # imports, caches
        warm.close()
        warm.deleteLater()
        app.processEvents()
        for run in range(args.runs):
            order = SETUPS[run % 3:] + SETUPS[:run % 3]
            for setup in order:
                use(app, setup, app_filter)
                f = figures[setup]
                combo, plain = QComboBox(), QWidget()
                if setup == "guard":
                    wheel_guard.guard(combo)
                f["combo"].append(per_event(combo))
                f["plain"].append(per_event(plain))
                took, win = window_open(app, catalog, Path(tmp) / f"s{run}{setup}.ini")
                f["open"].append(took)
                f["frame"].extend(scroll_frames(app, win))
                win.close()
                win.deleteLater()
                app.processEvents()
        catalog.close()
    use(app, "guard", app_filter)
    out["load_after"] = os.getloadavg()
    for name, key in (("per_event_us_combo", "combo"), ("per_event_us_plain_widget", "plain"),
                      ("window_open_s", "open"), ("scroll_frame_ms", "frame")):
        med = {s: statistics.median(figures[s][key]) for s in SETUPS}
        out[name] = {s: round(v, 4) for s, v in med.items()}
        out[name]["ratio_guard_to_baseline"] = round(med["guard"] / med["baseline"], 3)
        out[name]["ratio_app_filter_to_baseline"] = round(med["app_filter"] / med["baseline"], 3)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
