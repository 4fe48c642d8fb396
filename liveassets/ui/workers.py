"""ScanRunner: the core's blocking `scan` as jobs on the JobRunner's "work" pool (one at a time),
reported through Qt signals on the UI thread, so widgets are only touched from the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from liveassets.errors import UserError, disk_message
from liveassets.ui.jobs import Job, JobRunner


def scan(*args, **kwargs):
    """The core's scan, imported on first use: it pulls in PyAV, NumPy and Pillow (~0.6 s),
    which the window does not need to appear."""
    from liveassets.media.scan import scan as core_scan

    return core_scan(*args, **kwargs)


class ScanSignals(QObject):
    progress = Signal(str, int, int, str)  # phase, done, total, current file
    finished = Signal(object)  # ScanReport (its `cancelled` says whether Cancel stopped it)
    failed = Signal(str)  # a message for the user: every scan ends in `finished` or `failed`


class ScanRunner(QObject):
    """One scan at a time; `start` queues folders, `cancel` stops the running scan promptly.
    `jobs`: the window's JobRunner (a private one when None, for a ScanRunner on its own)."""

    def __init__(self, catalog, parent=None, jobs: JobRunner | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.signals = ScanSignals(self)
        self.running = 0  # scans started and not yet reported (running, or queued behind it)

    def start(self, roots: list[str], thumbnails: bool = True) -> Job:
        catalog, roots = self.catalog, list(roots)  # the worker's own list

        def work(job: Job):
            try:
                return scan(catalog, roots, progress=job.progress, cancel=job.token,
                            thumbnails=thumbnails)
            except OSError as exc:
                if isinstance(exc, UserError):
                    raise
                raise UserError("Scanning stopped. " + disk_message(exc)) from exc

        self.running += 1  # before `run`: an inline runner reports inside it
        return self.jobs.run(
            "work", work, what="the scan", owner=self, progress=self._progress,
            done=lambda report: self._ended(self.signals.finished, report),
            failed=lambda message: self._ended(self.signals.failed, message),
            cancelled=lambda: self._ended(self.signals.failed,
                                          "Scan cancelled before it started: nothing was read."))

    def _progress(self, p) -> None:
        self.signals.progress.emit(p.phase, p.done, p.total, p.current)

    def _ended(self, signal, value) -> None:
        self.running = max(0, self.running - 1)
        signal.emit(value)

    def cancel(self) -> None:
        """Queued scans report at once; the running one stops at its next check."""
        self.jobs.cancel(owner=self)

    def shutdown(self) -> None:
        self.cancel()
        self.jobs.wait(owner=self)
