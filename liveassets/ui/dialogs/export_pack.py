"""ExportPackDialog: "Export pack…" for a selection — options, a live preview of what goes in
and what is left out (and why), each beside its thumbnail from the library's cache, then the
pack built off the UI thread with progress and Cancel.

The preview is the core's pure `packs.plan.prepare`; the build is `packs.build.build`.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QProgressBar, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from liveassets import clock
from liveassets.errors import UserError
from liveassets.ui.jobs import Job, JobRunner
from liveassets.ui.thumb_rows import ThumbRows


class _Signals(QObject):
    progress = Signal(str, int, int)
    finished = Signal(object)  # PackReport
    failed = Signal(str)  # also "Cancelled: nothing was written."


def build_work(catalog, plan, out: str):
    """The job for `JobRunner.run`: the core's `packs.build.build` of `plan` (the preview's
    own copies) into `out`; the job's result is the PackReport."""

    def work(job: Job):
        from liveassets.packs.build import build

        return build(catalog, plan, out, cancel=job.token, progress=job.progress)

    return work


class ExportPackDialog(QDialog):
    def __init__(self, catalog, ids: list[str], parent: QWidget | None = None, thumbs=None,
                 jobs: JobRunner | None = None):
        """`thumbs`: the window's ThumbnailLoader (None: placeholders beside the names);
        `jobs`: the window's JobRunner (the build joins its "work" pool; a private one when
        None)."""
        super().__init__(parent)
        self.setWindowTitle("Export pack for designers")
        self.catalog, self.ids = catalog, list(ids)
        self.plan = None
        self.report = None
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.cancel_token: Job | None = None  # the running build
        self.signals = _Signals(self)
        self.signals.progress.connect(self._progress)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)

        self.audience = QComboBox()
        self.audience.addItem("External (cleared only)", "external")
        self.audience.addItem("Internal (cleared and internal use)", "internal")
        self.mode = QComboBox()
        self.mode.addItem("Originals, byte for byte", "originals")
        self.mode.addItem("JPEG renditions", "renditions")
        self.long_edge = QSpinBox()
        self.long_edge.setRange(256, 12000)
        self.long_edge.setValue(2048)
        self.long_edge.setSuffix(" px long edge")
        self.videos = QCheckBox("Include videos")
        self.videos.setChecked(True)
        self.sidecars = QComboBox()
        for label, value in (("name.ext.xmp (digiKam, darktable)", "full"),
                             ("name.xmp (Lightroom, Capture One)", "short"), ("None", "none")):
            self.sidecars.addItem(label, value)
        self.output = QLineEdit(str(Path.home() / f"LiveAssets pack {clock.today()}.zip"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output, 1)
        out_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("Audience", self.audience)
        form.addRow("Files", self.mode)
        form.addRow("", self.long_edge)
        form.addRow("", self.videos)
        form.addRow("XMP sidecars", self.sidecars)
        form.addRow("Save as", out_row)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Rich text (errors are red), so every text from outside is escaped: a folder or file
        # named "a<b>c" showed as a bold "c" (Qt guessed rich text from the tag).
        self.summary.setTextFormat(Qt.RichText)
        # Originals that still say where they were taken, and the one-click way out (#17)
        self.location_note = QLabel()
        self.location_note.setWordWrap(True)
        self.location_note.setTextFormat(Qt.PlainText)   # file names from outside
        self.to_renditions = QPushButton("Make renditions instead")
        self.to_renditions.setToolTip("Renditions and their videos leave the GPS position and "
                                      "the phone's make and model out.")
        self.to_renditions.clicked.connect(
            lambda: self.mode.setCurrentIndex(self.mode.findData("renditions")))
        location_row = QHBoxLayout()
        location_row.addWidget(self.location_note, 1)
        location_row.addWidget(self.to_renditions)
        self.going_in = QListWidget()
        self.left_out = QListWidget()
        self.rows = ThumbRows(thumbs, self)
        for widget in (self.going_in, self.left_out):
            self.rows.prepare(widget)
        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.RichText)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.show_button = self.buttons.addButton("Show in folder", QDialogButtonBox.ActionRole)
        self.show_button.hide()
        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self._cancel)
        self.show_button.clicked.connect(self._show_in_folder)

        lists = QHBoxLayout()
        for title, widget in (("Going in", self.going_in), ("Left out, and why", self.left_out)):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>"))
            box.addWidget(widget)
            lists.addLayout(box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addLayout(location_row)
        layout.addLayout(lists, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        for w in (self.audience, self.mode, self.sidecars):
            w.currentIndexChanged.connect(self.refresh)
        self.long_edge.valueChanged.connect(self.refresh)
        self.videos.toggled.connect(self.refresh)
        self.resize(760, 560)
        self.refresh()

    # -- preview ---------------------------------------------------------------------------
    def refresh(self) -> None:
        from liveassets.packs.plan import prepare

        renditions = self.mode.currentData() == "renditions"
        self.long_edge.setEnabled(renditions)
        try:
            self.plan = prepare(self.catalog, self.ids, audience=self.audience.currentData(),
                                mode=self.mode.currentData(), long_edge=self.long_edge.value(),
                                videos=self.videos.isChecked(),
                                sidecars=self.sidecars.currentData())
        except UserError as exc:
            self.plan = None
            self.summary.setText(
                f"<span style='color:#e5534b'>{escape(str(exc), quote=False)}</span>")
            self.export_button.setEnabled(False)
            self._show_location()
            return
        self.rows.clear(self.going_in)
        for item in self.plan.items:
            self.rows.add(self.going_in, item.file, item.asset, item.source)
        self.rows.clear(self.left_out)
        for lo in self.plan.left_out:
            asset = self.catalog.get(lo.asset_id) if lo.asset_id in self.catalog else None
            self.rows.add(self.left_out, f"{lo.name}: {lo.reason}", asset, lo.path)
        self.summary.setText(escape(self.plan.summary(), quote=False))
        self._show_location()
        self.export_button.setEnabled(bool(self.plan.items))

    def _show_location(self) -> None:
        warning = self.plan.location_warning() if self.plan else ""
        self.location_note.setText(warning)
        for widget in (self.location_note, self.to_renditions):
            widget.setVisible(bool(warning))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the pack as", self.output.text(),
                                              "Zip archive (*.zip)")
        if path:
            self.output.setText(path)

    # -- build -----------------------------------------------------------------------------
    def export(self) -> None:
        if self.plan is None or not self.plan.items:
            return
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText("Packing…")
        sig = self.signals
        job = self.jobs.run(
            "work", build_work(self.catalog, self.plan, self.output.text().strip()),
            what="the pack", owner=self, done=sig.finished.emit, failed=sig.failed.emit,
            cancelled=lambda: sig.failed.emit("Cancelled: nothing was written."),
            progress=lambda p: sig.progress.emit(p.phase, p.done, p.total))
        self.cancel_token = None if job.reported else job  # an inline runner has reported

    def _progress(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        text = f"{phase}: {done} of {total}" if total else f"{phase}…"
        self.status.setText(escape(text, quote=False))

    def _finished(self, report) -> None:
        self.report = report
        self.cancel_token = None
        self.progress.hide()
        left = f", {len(report.left_out)} left out (listed in README.txt)" if report.left_out else ""
        self.status.setText(escape(f"Pack written: {report.path} ({report.files} files{left}).",
                                   quote=False))
        self.cancel_button.setText("Close")
        self.show_button.show()

    def _failed(self, message: str) -> None:
        self.cancel_token = None
        self.progress.hide()
        self.status.setText(f"<span style='color:#e5534b'>{escape(message, quote=False)}</span>")
        self.export_button.setEnabled(True)

    def _cancel(self) -> None:
        if self.cancel_token is not None:
            self.cancel_token.cancel()
            self.status.setText("Cancelling…")
            return
        self.reject()

    def _show_in_folder(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.report.path).parent)))

    def done(self, result: int) -> None:
        if self.cancel_token is not None:
            self.cancel_token.cancel()
        self.jobs.wait(owner=self)
        super().done(result)
