"""ScanJob: runs the core's blocking `scan` on a one-thread pool and reports through Qt
signals (queued to the UI thread), so widgets are only touched from the UI thread."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from liveassets.errors import UserError, disk_message
from liveassets.jobs import CancelToken, Progress


def scan(*args, **kwargs):
    """The core's scan, imported on first use: it pulls in PyAV, NumPy and Pillow (~0.6 s),
    which the window does not need to appear."""
    from liveassets.media.scan import scan as core_scan

    return core_scan(*args, **kwargs)


THROTTLE = 0.05  # seconds between progress reports


class ScanSignals(QObject):
    progress = Signal(str, int, int, str)  # phase, done, total, current file
    finished = Signal(object)  # ScanReport
    failed = Signal(str)  # a message for the user


class _ScanRunnable(QRunnable):
    def __init__(self, catalog, roots, cancel: CancelToken, signals: ScanSignals, thumbnails):
        super().__init__()
        self.setAutoDelete(True)
        self.catalog, self.roots, self.cancel = catalog, roots, cancel
        self.signals, self.thumbnails = signals, thumbnails

    def run(self) -> None:
        last = {"phase": None, "at": 0.0}

        def progress(p: Progress) -> None:
            # At most ~20 reports a second: thousands of queued signals would each cost the
            # UI thread a slot call, and a burst of them is a visible stall.
            now = time.monotonic()
            if p.phase != last["phase"] or p.done >= p.total or now - last["at"] >= THROTTLE:
                last["phase"], last["at"] = p.phase, now
                self.signals.progress.emit(p.phase, p.done, p.total, p.current)

        try:
            report = scan(self.catalog, self.roots, progress=progress, cancel=self.cancel,
                          thumbnails=self.thumbnails)
        except (UserError, ValueError) as exc:  # ScanError, CatalogError: a vanished folder
            self.signals.failed.emit(str(exc))
        except OSError as exc:
            self.signals.failed.emit("Scanning stopped. " + disk_message(exc))
        else:
            self.signals.finished.emit(report)


class ScanRunner(QObject):
    """One scan at a time; `start` queues folders, `cancel` stops the running scan promptly."""

    def __init__(self, catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = ScanSignals(self)
        self.tokens: list[CancelToken] = []
        self.running = 0
        self.signals.finished.connect(self._done)
        self.signals.failed.connect(self._done)

    def start(self, roots: list[str], thumbnails: bool = True) -> None:
        token = CancelToken()
        self.tokens.append(token)
        self.running += 1
        self.pool.start(_ScanRunnable(self.catalog, list(roots), token, self.signals,
                                      thumbnails))

    def _done(self, *_):
        self.running = max(0, self.running - 1)
        if self.tokens:
            self.tokens.pop(0)

    def cancel(self) -> None:
        for token in self.tokens:  # queued scans start, see the flag and stop at once
            token.cancel()

    def shutdown(self) -> None:
        self.cancel()
        self.pool.waitForDone()
