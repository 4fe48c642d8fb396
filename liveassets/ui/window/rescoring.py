"""RescoreController: a library scanned before culling scores existed gets them in the
background when the window opens (media/rescore.py's backfill on the JobRunner's "work" pool),
with its own progress bar and Cancel in the status bar; the window stays usable throughout and
the grid, the Blurry and Blown out collections and the stacks follow the saved batches through
the change feed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QProgressBar, QPushButton

from liveassets.media.rescore import backfill, needs_scores


def old_photos(catalog) -> int:
    """Photos a scan before scores existed left without them: they have a thumbnail (every
    scanned photo does) but no sharpness. A photo with neither is left alone here (unreadable,
    or scanned without thumbnails: `liveassets rescore` reads their originals on request), so
    opening the window never re-reads the same unreadable files."""
    with catalog.lock:
        return sum(1 for d in catalog.all() if needs_scores(d) and d.get("thumbnail"))


class RescoreController(QObject):
    """`check()` counts old photos off the UI thread (`call(fn, callback)`: the QueryRunner's)
    and starts the backfill when there are any; `notify(text, error=False)` reports."""

    def __init__(self, catalog, status_bar, jobs, call: Callable, notify: Callable,
                 parent=None):
        super().__init__(parent)
        self.catalog, self.jobs, self.call, self.notify = catalog, jobs, call, notify
        self.job = None
        self.checked = False  # the count of old photos has come back (tests wait for it)
        self.progress = QProgressBar(status_bar)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("Scoring photos %v/%m")
        self.cancel_button = QPushButton("Cancel scoring", status_bar)
        self.cancel_button.setToolTip("Stop scoring photos for culling; what is scored is kept "
                                      "and the rest is scored next time the library opens")
        self.cancel_button.clicked.connect(self.cancel)
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def check(self) -> None:
        catalog = self.catalog
        self.call(lambda: old_photos(catalog), self._counted)

    def _counted(self, count: int) -> None:
        self.checked = True
        if count and self.job is None:
            self.start()

    def start(self) -> None:
        """Score every photo without scores and regroup the stacks, in the background."""
        catalog = self.catalog
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.notify("Scoring photos for culling (sharpness, exposure, stacks)…")
        self.job = self.jobs.run(
            "work", lambda job: backfill(catalog, progress=job.progress, cancel=job.token),
            what="scoring photos for culling", owner=self, progress=self._progress,
            done=self._done, failed=self._failed, cancelled=self._cancelled)

    def cancel(self) -> None:
        if self.job is not None:
            self.cancel_button.setEnabled(False)
            self.job.cancel()

    @property
    def running(self) -> bool:
        return self.job is not None

    def _progress(self, p) -> None:
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(p.done)
            self.progress.setFormat(f"{p.phase} %v/%m")
        else:
            self.progress.setRange(0, 0)
            self.progress.setFormat(p.phase)

    def _ended(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()

    def _done(self, report) -> None:
        self._ended()
        self.notify(report.summary())

    def _failed(self, message: str) -> None:
        self._ended()
        self.notify(message, error=True)

    def _cancelled(self) -> None:
        self._ended()
        self.notify("Scoring photos cancelled; what was scored is kept.")

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.cancel()
        self.jobs.wait(owner=self)
