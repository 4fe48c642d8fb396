"""The window's four speed figures (issue 3), each beside a baseline measured in the same run,
printed as JSON.

    python tests/bench/bench_ui.py [--scan-files 2000] [--assets 50000] [--only shown,scan,...]

- shown:  main window exposed on the demo library, from process start (budget 2.5 s);
          baseline: a bare QApplication + QMainWindow, same measurement.
- scan:   longest gap between 10 ms UI-thread ticks while the window scans N photos
          (budget 100 ms); baseline: the same tick loop with nothing running.
- scroll: slowest frame scrolling top to bottom through the assets with placeholder
          thumbnails (budget 50 ms); baseline: a QListView over a QStringListModel of as many
          strings, same grid and positions.
- tag:    tag 1,000 selected assets from the window, until the grid and inspector show it
          (budget 300 ms); baseline: the core `catalog.tag` call alone for 1,000 assets.

The machine's load average is printed beside the figures: on a shared 2-core machine the
stall and frame figures move with it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: ui_measure, helpers

import ui_measure as M  # noqa: E402

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCROLL_FRAMES = 300


def figure_shown(cache: Path) -> dict:
    lib = M.demo_library(cache)
    return {"window_shown_s": M.window_shown(lib), "baseline_bare_window_s": M.bare_window_shown(),
            "budget_s": 2.5}


def figure_scan(cache: Path, n: int) -> dict:
    M.photos(cache / f"scan-{n}", n)  # made before timing anything
    scan = M.scan_stall(n, cache)
    idle = M.idle_stall(min(10.0, scan["scan_s"]))
    return {"scan": scan, "longest_ui_stall_ms": scan["longest_ms"],
            "baseline_idle_ticks": idle, "budget_ms": 100}


def _frames(app, view, positions) -> list[float]:
    bar = view.verticalScrollBar()
    times = []
    for value in positions:
        started = time.perf_counter()
        bar.setValue(value)
        view.viewport().repaint()  # paint now: the frame a user waits for
        app.processEvents()
        times.append(time.perf_counter() - started)
    return times


def _positions(view, app) -> list[int]:
    bar = view.verticalScrollBar()
    end = time.monotonic() + 30
    while time.monotonic() < end and bar.maximum() <= 0:  # batched layout finishing
        app.processEvents()
    M.settle(app, 0.3)
    top = bar.maximum()
    return [round(top * i / (SCROLL_FRAMES - 1)) for i in range(SCROLL_FRAMES)]


def _frame_figures(times: list[float]) -> dict:
    times = sorted(times)
    return {"slowest_ms": round(times[-1] * 1000, 1),
            "median_ms": round(times[len(times) // 2] * 1000, 1), "frames": len(times)}


def figure_scroll_and_tag(n: int) -> dict:
    from PySide6.QtCore import QSettings, QStringListModel
    from PySide6.QtWidgets import QListView

    from catalog_helpers import fill
    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.window.app import make_app
    from liveassets.ui.window.main_window import MainWindow

    app = make_app(dark=True)
    lib = Path(tempfile.mkdtemp(prefix="la-bench-ui-"))
    out: dict = {}
    with Catalog(lib) as cat:
        ids = fill(cat, n)
        win = MainWindow(cat, QSettings(str(lib / "s.ini"), QSettings.IniFormat))
        win.resize(1280, 800)
        win.show()
        positions = _positions(win.view, app)
        ours = _frame_figures(_frames(app, win.view, positions))

        plain = QListView()
        plain.setViewMode(QListView.IconMode)
        plain.setUniformItemSizes(True)
        plain.setLayoutMode(QListView.SinglePass)
        plain.setGridSize(win.view.gridSize())
        plain.setModel(QStringListModel([f"IMG_{i:05d}.jpg" for i in range(n)]))
        plain.resize(win.view.size())
        plain.show()
        base = _frame_figures(_frames(app, plain, _positions(plain, app)))
        plain.close()
        out["scroll"] = {"assets": n, "window": ours, "slowest_frame_ms": ours["slowest_ms"],
                         "baseline_plain_list_view": base, "budget_ms": 50}

        # Tag 1,000 selected assets from the window (inspector's tag editor path).
        chosen = ids[:1000]
        win.view.scrollToTop()
        win.select_ids(chosen, chosen[0])
        M.settle(app, 0.3)
        assert len(win.selected_ids()) == 1000
        started = time.perf_counter()
        win.add_tags(["bench:window"])
        win.view.viewport().repaint()
        app.processEvents()
        window_s = time.perf_counter() - started
        assert all("bench:window" in cat.get(a)["tags"] for a in chosen)
        # Then (debounced) the sidebar recount: counted on the query thread, shown on the UI.
        from liveassets.ui.library.sidebar import gather_counts
        started = time.perf_counter()
        counts = gather_counts(cat)
        gather_s = time.perf_counter() - started
        started = time.perf_counter()
        win._show_counts(counts)
        counts_s = time.perf_counter() - started
        started = time.perf_counter()
        cat.tag(ids[1000:2000], add=["bench:core"])
        core_s = time.perf_counter() - started
        out["tag"] = {"assets": 1000, "window_ms": round(window_s * 1000, 1),
                      "then_recount_query_thread_ms": round(gather_s * 1000, 1),
                      "then_recount_ui_thread_ms": round(counts_s * 1000, 1),
                      "baseline_core_tag_ms": round(core_s * 1000, 1), "budget_ms": 300}
        win.shutdown()
        win.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scan-files", type=int, default=2000)
    parser.add_argument("--assets", type=int, default=50_000)
    parser.add_argument("--only", default="shown,scan,scroll,tag")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) /
                                               "liveassets-screenshots"))
    args = parser.parse_args()
    only = set(args.only.split(","))
    cache = Path(args.cache)
    result: dict = {"load_avg_before": [round(x, 2) for x in os.getloadavg()],
                    "cpus": os.cpu_count()}
    if "shown" in only:
        result["shown"] = figure_shown(cache)
    if "scan" in only:
        result["scan"] = figure_scan(cache, args.scan_files)
    if only & {"scroll", "tag"}:
        result.update(figure_scroll_and_tag(args.assets))
    result["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
