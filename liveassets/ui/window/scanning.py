"""Adding media: "Add folder…", folders/files dropped on the window, and the status-bar
progress with Cancel while a scan runs off the UI thread (mixed into MainWindow)."""

from __future__ import annotations

import os

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QFileDialog


def roots_from_paths(paths: list[str]) -> list[str]:
    """What to scan for dropped items: folders as they are, files on their own (the core
    scans single files too, so dropping three photos adds exactly those three)."""
    roots = []
    for p in paths:
        if p and os.path.exists(p) and p not in roots:
            roots.append(p)
    return roots


class ScanningMixin:
    """Needs: scanner (ScanRunner), queries (QueryRunner), progress, cancel_button,
    status_label, refresh_timer."""

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Add a folder of photos and clips")
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
        self.refresh_timer.start()
        self.scanner.start(roots)  # last: every scan reports back (done or failed), even inline

    def cancel_scan(self) -> None:
        self.cancel_button.setEnabled(False)
        self.notify("Cancelling the scan…")
        self.scanner.cancel()

    def _scan_progress(self, phase: str, done: int, total: int, current: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
        self.progress.setFormat(f"{phase} %v/%m")
        name = os.path.basename(current) if current else ""
        self.status_label.setText(f"{phase}… {done:,}/{total:,} {name}".rstrip())

    def _scan_finished(self, report) -> None:
        self._scan_ended()
        self.notify(report.summary())

    def _scan_failed(self, message: str) -> None:
        self._scan_ended()
        self.notify(message, error=True)

    def _scan_ended(self) -> None:
        if self.scanner.running:
            return  # another queued scan follows
        self.refresh_timer.stop()
        self.queries.forget()
        self._refreshed_size = None
        self.progress.hide()
        self.cancel_button.hide()
        self.rerun_query(keep_selection=True)
        self.model.refresh_all()
        self.schedule_counts()

    def _periodic_refresh(self) -> None:
        """While scanning, show what has landed so far (facts first, thumbnails later).

        Re-query only when assets were added or removed, on the query thread (the scanner
        holds the catalog lock while it commits); new rows are inserted, not reset. Cells on
        screen ask for the thumbnails the scan has made and repaint one by one as they
        arrive; a full repaint (for changed facts of rescanned files) only every third tick.
        """
        size = len(self.catalog)
        if size != getattr(self, "_refreshed_size", None) and \
                self.queries.request(self.model.query_text, self.model.sort):
            self._refreshed_size = size
        self._ask_visible_thumbnails()
        self._refresh_ticks = getattr(self, "_refresh_ticks", 0) + 1
        if self._refresh_ticks % 3 == 0:
            self.view.viewport().update()  # painted cells are cached: unchanged ones are cheap

    def _ask_visible_thumbnails(self) -> None:
        """Queue the thumbnails the scan has made for the cells on screen; each cell repaints
        alone when its picture arrives (a full repaint every tick was a visible stall)."""
        view, model = self.view, self.model
        rect, grid = view.viewport().rect(), view.gridSize()
        gw, gh = max(1, grid.width()), max(1, grid.height())

        def row_at(x: int, ys) -> int:
            for y in ys:  # a point may fall in the spacing between cells
                row = view.indexAt(QPoint(x, y)).row()
                if row >= 0:
                    return row
            return -1

        first = max(0, row_at(gw // 2, (2, gh // 2, gh - 2, gh + gh // 2)))
        last = row_at(rect.width() - gw // 2, (rect.height() - 2, rect.height() - gh // 2,
                                                rect.height() - gh, rect.height() - gh * 3 // 2))
        last = model.rowCount() - 1 if last < 0 else last
        for row in range(first, min(last, first + 400) + 1):
            doc = model.doc(row)
            if doc is not None and doc.get("thumbnail"):
                self.thumbs.pixmap(doc)  # cached: nothing to do; else loads, then `ready`

    def _scan_rows_ready(self, ids: list[str]) -> None:
        if self.scanner.running:  # (the final refresh at the end of the scan is synchronous)
            self.rerun_query(keep_selection=True, ids=ids)

    # -- drops -------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() for u in urls) and event.source() is None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.scan_paths(paths)
