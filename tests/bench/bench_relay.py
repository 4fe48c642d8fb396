"""How the window follows the catalog's change feed (ChangeRelay), printed as JSON, each figure
beside a baseline measured in the same run: the same work with coalescing off (coalesce 0 ms:
every change a worker publishes is delivered in its own turn of the event loop).

    python tests/bench/bench_relay.py [--scan-files 400] [--burst 500]

- scan:  the window scans N small photos; relay deliveries, re-run queries, longest gap between
         10 ms UI ticks, and seconds from Scan until the first rows are shown.
- burst: a worker thread makes B separate saved edits (one rating each) on a B-asset library
         sorted by rating (so every delivery re-runs the query); deliveries, re-run queries and
         the longest UI-thread gap.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: ui_measure, helpers

import ui_measure as M  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _window(lib: Path, coalesce_ms: int):
    from PySide6.QtCore import QSettings

    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.window.main_window import MainWindow

    cat = Catalog(lib)
    win = MainWindow(cat, QSettings(str(lib / "s.ini"), QSettings.IniFormat))
    win.relay.coalesce_ms = coalesce_ms
    win.resize(1280, 800)
    win.show()
    return cat, win


def scan_figures(media: Path, n: int, coalesce_ms: int) -> dict:
    from liveassets.ui.window.app import make_app

    app = make_app(dark=True)
    cat, win = _window(Path(tempfile.mkdtemp(prefix="la-relay-scan-")), coalesce_ms)
    M.settle(app, 0.3)
    done, first_rows = [], []
    win.scanner.signals.finished.connect(done.append)
    win.model.rowsInserted.connect(lambda *_: first_rows or first_rows.append(time.perf_counter()))
    win.model.modelReset.connect(lambda: first_rows or first_rows.append(time.perf_counter()))
    before = (win.relay.deliveries, win.grid_follower.requeries)
    probe = M.TickProbe()
    started = time.perf_counter()
    win.scan_paths([str(media)])
    probe.run_until(lambda: bool(done) and win.model.rowCount() == n, app)
    out = {"coalesce_ms": coalesce_ms, "files": n, "rows_shown": win.model.rowCount(),
           "deliveries": win.relay.deliveries - before[0],
           "requeries": win.grid_follower.requeries - before[1],
           "first_rows_s": round(first_rows[0] - started, 2) if first_rows else None,
           "scan_s": round(time.perf_counter() - started, 2), **probe.figures()}
    win.shutdown()
    win.close()
    cat.close()
    return out


def burst_figures(n: int, coalesce_ms: int) -> dict:
    from catalog_helpers import fill
    from liveassets.ui.window.app import make_app

    app = make_app(dark=True)
    lib = Path(tempfile.mkdtemp(prefix="la-relay-burst-"))
    cat, win = _window(lib, coalesce_ms)
    ids = fill(cat, n)
    win.sort_combo.setCurrentIndex(win.sort_combo.findData("rating"))
    M.settle(app, 0.5)
    before = (win.relay.deliveries, win.grid_follower.requeries)
    worker = threading.Thread(target=lambda: [cat.rate([a], 5) for a in ids])
    probe = M.TickProbe()
    started = time.perf_counter()
    worker.start()
    probe.run_until(lambda: not worker.is_alive(), app)
    M.settle(app, 0.5)
    out = {"coalesce_ms": coalesce_ms, "edits": n,
           "deliveries": win.relay.deliveries - before[0],
           "requeries": win.grid_follower.requeries - before[1],
           "edits_s": round(time.perf_counter() - started, 2), **probe.figures()}
    win.shutdown()
    win.close()
    cat.close()
    return out


def main() -> int:
    from liveassets.ui.changes import COALESCE_MS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scan-files", type=int, default=400)
    parser.add_argument("--burst", type=int, default=500)
    args = parser.parse_args()
    result: dict = {"load_avg_before": [round(x, 2) for x in os.getloadavg()],
                    "cpus": os.cpu_count()}
    media = M.photos(Path(tempfile.mkdtemp(prefix="la-relay-media-")), args.scan_files)
    result["scan"] = {"ours": scan_figures(media, args.scan_files, COALESCE_MS),
                      "baseline_no_coalescing": scan_figures(media, args.scan_files, 0)}
    result["burst"] = {"ours": burst_figures(args.burst, COALESCE_MS),
                       "baseline_no_coalescing": burst_figures(args.burst, 0)}
    result["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
