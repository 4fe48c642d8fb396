"""ScanController: adding media ("Add folder…", folders and files dropped on the window) and
the status-bar progress with Cancel while a scan runs off the UI thread. What a scan writes
reaches the views through the catalog's change feed (ui/changes.py), as it lands: no poll."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QProgressBar, QPushButton

from liveassets.ui.workers import ScanRunner


def roots_from_paths(paths: list[str]) -> list[str]:
    """What to scan for dropped items: folders as they are, files on their own (the core
    scans single files too, so dropping three photos adds exactly those three)."""
    roots = []
    for p in paths:
        if p and os.path.exists(p) and p not in roots:
            roots.append(p)
    return roots


class ScanController(QObject):
    """Owns the scan job, the Add folder action and the progress widgets it puts in
    `status_bar`; `notify(text, error=False)` reports, `show_status(text)` shows progress
    text; `make_action` builds the window's actions (see EditController); `jobs` is the
    window's JobRunner (a private one when None)."""

    def __init__(self, catalog, status_bar, make_action: Callable, notify: Callable,
                 show_status: Callable, parent=None, jobs=None):
        super().__init__(parent)
        self.host = parent
        self.notify, self.show_status = notify, show_status
        self.scanner = ScanRunner(catalog, self, jobs=jobs)  # jobs: the window's JobRunner
        self.progress = QProgressBar(status_bar)
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", status_bar)
        self.cancel_button.clicked.connect(self.cancel_scan)
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self.add_folder_action = make_action("Add folder…", self.add_folder, ["Ctrl+O"],
                                             icon_name="add-folder",
                                             tip="Add a folder of media and scan it")
        sig = self.scanner.signals
        sig.progress.connect(self._progress)
        sig.finished.connect(self._finished)
        sig.failed.connect(self._failed)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.host, "Add a folder of photos and clips")
        if folder:
            self.scan_paths([folder])

    def scan_paths(self, paths: list[str]) -> None:
        roots = roots_from_paths(paths)
        if not roots:
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.notify(f"Scanning {', '.join(os.path.basename(r) or r for r in roots)}…")
        self.scanner.start(roots)  # last: every scan reports back (done or failed), even inline

    def cancel_scan(self) -> None:
        self.cancel_button.setEnabled(False)
        self.notify("Cancelling the scan…")
        self.scanner.cancel()

    def _progress(self, phase: str, done: int, total: int, current: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
        self.progress.setFormat(f"{phase} %v/%m")
        name = os.path.basename(current) if current else ""
        self.show_status(f"{phase}… {done:,}/{total:,} {name}".rstrip())

    def _finished(self, report) -> None:
        self._ended()
        self.notify(report.summary())

    def _failed(self, message: str) -> None:
        self._ended()
        self.notify(message, error=True)

    def _ended(self) -> None:
        if self.scanner.running:
            return  # another queued scan follows
        self.progress.hide()
        self.cancel_button.hide()

    def shutdown(self) -> None:
        self.scanner.shutdown()
