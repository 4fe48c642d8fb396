"""File > Import submissions…: pick a submissions folder (and its response sheet), check how
each column is read (the mapping step, remembered for next time), see what matches, then take
it in off the UI thread as one undoable step, and read the intake report."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
                               QProgressBar, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from liveassets.intake import columns
from liveassets.intake.fields import LABELS, ManifestError
from liveassets.intake.manifest import read_sheet
from liveassets.intake.run import LABEL, default_campaign, find_manifest, preview, run
from liveassets.safe_paths import readable
from liveassets.ui.commands import push_edit

NOT_USED = "(not used)"
ERROR_STYLE = "color: #e5534b;"


class ImportSubmissionsDialog(QDialog):
    def __init__(self, catalog, undo_stack, jobs, notify, parent: QWidget | None = None,
                 folder: str = ""):
        """`jobs`: the window's JobRunner (reading on "reads", the intake on "work");
        `notify(text, error=False)`: the window's status line, told the summary at the end."""
        super().__init__(parent)
        self.setWindowTitle("Import submissions")
        self.setObjectName("importSubmissionsDialog")
        self.catalog, self.undo_stack, self.jobs, self.notify = catalog, undo_stack, jobs, notify
        self.headers: list[str] = []
        self.proposal: dict[str, str | None] = {}
        self.report = None
        self.running = None
        self.folder = QLineEdit(folder, self)
        self.folder.setPlaceholderText("The folder the submissions were downloaded to")
        self.manifest = QLineEdit(self)
        self.manifest.setPlaceholderText("Found in the folder (a .csv or .xlsx response sheet)")
        self.campaign = QLineEdit(self)
        form = QFormLayout()
        form.addRow("Folder", self._with_button(self.folder, "Browse…", self._browse_folder))
        form.addRow("Response sheet", self._with_button(self.manifest, "Browse…",
                                                        self._browse_manifest))
        form.addRow("Campaign", self.campaign)
        self.columns = QTableWidget(0, 2, self)
        self.columns.setHorizontalHeaderLabels(["Column in the sheet", "Read as"])
        self.columns.verticalHeader().hide()
        self.columns.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.columns.setMinimumHeight(160)
        self.matches = QLabel(self)
        self.matches.setWordWrap(True)
        self.matches.setTextFormat(Qt.PlainText)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.PlainText)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.report_text = QPlainTextEdit(self)
        self.report_text.setReadOnly(True)
        self.report_text.setPlaceholderText("The intake report appears here.")
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.import_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("How each column is read (your choices are remembered for the "
                                "next sheet from the same form):", self))
        layout.addWidget(self.columns, 2)
        layout.addWidget(self.matches)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.report_text, 2)
        layout.addWidget(self.buttons)
        self.resize(720, 640)
        self.folder.editingFinished.connect(self.reload)
        self.manifest.editingFinished.connect(self.reload)
        self.import_button.setEnabled(False)
        if folder:
            self.reload()

    def _with_button(self, edit: QLineEdit, text: str, slot) -> QWidget:
        row = QWidget(self)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        button = QPushButton(text, row)
        button.clicked.connect(slot)
        box.addWidget(button)
        return row

    def _browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "The submissions folder", self.folder.text())
        if folder:
            self.folder.setText(folder)
            self.reload()

    def _browse_manifest(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "The response sheet", self.folder.text(),
                                              "Sheets (*.csv *.xlsx)")
        if path:
            self.manifest.setText(path)
            self.reload()

    # -- reading the sheet (off the UI thread) ---------------------------------------------
    def choices(self) -> dict[str, str]:
        """The columns whose reading differs from the proposal: header -> field or ignore."""
        out = {}
        for row, header in enumerate(self.headers):
            combo = self.columns.cellWidget(row, 1)
            field = combo.currentData() if combo is not None else None
            if field != self.proposal.get(header):
                out[header] = field or columns.IGNORE
        return out

    def reload(self, keep_choices: bool = False) -> None:
        folder = self.folder.text().strip()
        if not folder:
            return
        manifest = self.manifest.text().strip() or None
        catalog, choices = self.catalog, self.choices() if keep_choices else {}
        if not self.campaign.text().strip():
            self.campaign.setPlaceholderText(default_campaign(folder))

        def work(job):
            path = manifest or find_manifest(folder)
            headers, proposal = [], {}
            if path:
                headers = read_sheet(path).headers
                proposal = columns.propose(headers, catalog)
            try:
                seen = preview(catalog, folder, path, choices, job.token)
            except ManifestError as exc:
                seen = exc
            return path, headers, proposal, seen

        self.import_button.setEnabled(False)
        self.jobs.run("reads", work, done=lambda r: self._read(r, keep_choices),
                      failed=self._unreadable, what="reading the response sheet",
                      key=("intake-preview", id(self)), owner=self)

    def _read(self, result, keep_choices: bool) -> None:
        path, headers, proposal, seen = result
        if not keep_choices:
            self.headers, self.proposal = headers, proposal
            self._fill_columns()
        if path and not self.manifest.text().strip():
            self.manifest.setPlaceholderText(f"Found: {os.path.basename(path)}")
        if isinstance(seen, ManifestError):
            self._say(str(seen), error=True)
            self.matches.setText("")
            return
        self._say("" if path else "No response sheet found: every file would stay pending. "
                  "Pick the sheet above.", error=not path)
        parts = [f"{seen.rows} rows", f"{seen.files} media files", f"{seen.matched} matched"]
        if seen.no_row:
            n = len(seen.no_row)
            parts.append(f"{n} file{'s' if n != 1 else ''} with no row")
        if seen.no_file:
            n = len(seen.no_file)
            parts.append(f"{n} row{'s' if n != 1 else ''} with no file")
        self.matches.setText(" · ".join(parts) + ". Duplicates of files already in the library "
                             "are found while importing.")
        self.import_button.setEnabled(seen.files > 0)

    def _unreadable(self, message: str) -> None:
        self.headers, self.proposal = [], {}
        self._fill_columns()
        self.matches.setText("")
        self._say(message, error=True)

    def _fill_columns(self) -> None:
        self.columns.setRowCount(len(self.headers))
        for row, header in enumerate(self.headers):
            item = QTableWidgetItem(readable(header))
            item.setFlags(Qt.ItemIsEnabled)
            self.columns.setItem(row, 0, item)
            combo = QComboBox(self.columns)
            combo.addItem(NOT_USED, None)
            for field, label in LABELS.items():
                combo.addItem(label, field)
            combo.setCurrentIndex(max(0, combo.findData(self.proposal.get(header))))
            combo.currentIndexChanged.connect(lambda _i: self.reload(keep_choices=True))
            self.columns.setCellWidget(row, 1, combo)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(readable(text))

    # -- taking it in ------------------------------------------------------------------------
    def start(self) -> None:
        folder = self.folder.text().strip()
        manifest = self.manifest.text().strip() or None
        campaign = self.campaign.text().strip() or None
        catalog, choices = self.catalog, self.choices()
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._say("Importing…")
        self.close_button.setText("Cancel")  # cancelling takes back what was scanned
        self.running = self.jobs.run(
            "work", lambda job: run(catalog, folder, manifest, campaign, choices,
                                    progress=job.progress, cancel=job.token),
            done=self._finished, failed=self._failed, progress=self._progress,
            cancelled=lambda: self._failed("Cancelled: nothing was imported."),
            what="the intake", owner=self)
        if self.running.reported:
            self.running = None

    def _progress(self, p) -> None:
        self.progress.setRange(0, max(p.total, 1) if p.total else 0)
        self.progress.setValue(p.done)
        self._say(f"{p.phase}: {p.done} of {p.total}" if p.total else f"{p.phase}…")

    def _finished(self, report) -> None:
        self.running = None
        self.progress.hide()
        self.report = report
        self.report_text.setPlainText(readable("\n".join(report.lines()), keep_newlines=True))
        if report.change is not None and len(report.change):
            change = report.change
            push_edit(self.undo_stack, self.catalog, LABEL, lambda: change)  # already written
        self._say(report.summary(), error=report.cancelled)
        self.notify(report.summary())
        self.close_button.setText("Close")

    def _failed(self, message: str) -> None:
        self.running = None
        self.progress.hide()
        self._say(message, error=True)
        self.import_button.setEnabled(True)
        self.close_button.setText("Close")

    def _close_or_cancel(self) -> None:
        if self.running is not None:
            self.running.cancel()
            self._say("Cancelling…")
            return
        self.reject()

    def done(self, result: int) -> None:
        if self.running is not None:
            self.running.cancel()
        self.jobs.cancel(owner=self)
        self.jobs.wait(owner=self)
        super().done(result)
