"""The cut editor: a "Cut" dock editing one CutPlan, held by a CutDocument that every panel
(segment list, extras, format/audience/target, save, render) reads. Segments in order with poster frames (drag
to reorder, remove), the selected segment's in/out and framing (cut_segment), the extras (title
and end cards, caption, logo, music, crossfade: cut_extras), the output format, the audience, a
target length against the running total; saved cuts reopened and duplicated (saved_cuts); Render… and Quick
export… (cut_running); Preview plays a half-size draft in the Watch tab (cut_watch). Every edit of
the segments, cards' timing and captions is a step of one undo history (steps.py, on the window's
stack), with the timed captions kept on their footage. The window installs it
(ui/window/docks.py) and hands it what it needs."""

from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QImage, QKeySequence, QPixmap, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDockWidget, QDoubleSpinBox,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMenu, QProgressBar, QPushButton, QScrollArea,
                               QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from liveassets.cuts.plan import DEFAULT_PHOTO_SECONDS, FORMATS, CutPlan, Segment
from liveassets.ui.flow import FlowLayout
from liveassets.ui.cut.captions import CaptionsPanel
from liveassets.ui.cut.document import CutDocument
from liveassets.ui.cut.extras import CutExtras
from liveassets.ui.cut.jobs import Posters, RenderSignals
from liveassets.ui.cut.running import RenderingMixin, secs
from liveassets.ui.cut.saved_cuts import SavedCuts
from liveassets.ui.cut.segment import SegmentPanel
from liveassets.ui.cut.steps import SegmentHistory
from liveassets.ui.cut.watch import Watching
from liveassets.ui.jobs import JobRunner

SEG_ROLE = Qt.UserRole + 1  # key of the Segment an item stands for (an int survives drops)
MAX_ROLE = Qt.UserRole + 2  # the source's duration in seconds (videos)
TARGETS = (("15 s", 15.0), ("30 s", 30.0), ("60 s", 60.0), ("Custom", None))
ICON = QSize(64, 40)


class CutEditor(SavedCuts, RenderingMixin, QDockWidget):
    """The "Cut" dock. `plan` is the cut being edited (`document.plan`: the one plan the list,
    the extras, the controls, save and render share); `render_size` overrides the frame size
    (tests use tiny frames); `output_path` overrides store.default_output()."""

    rendered = Signal(object)  # the asset id of the finished render (or None)
    previewed = Signal(str)  # the path of a finished preview render

    def __init__(self, catalog, parent=None, jobs: JobRunner | None = None,
                 undo_stack: QUndoStack | None = None):
        super().__init__("Cut", parent)
        self.setObjectName("cutDock")
        self.catalog = catalog
        self.document = CutDocument(parent=self)
        self._loading = False  # a plan is being shown: the widgets must not write back
        self.render_size: tuple[int, int] | None = None
        self.output_path: str | None = None
        self.last_output: str | None = None
        self.jobs = jobs if jobs is not None else JobRunner(self)  # the window's, when docked
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.signals = RenderSignals(self)
        self.posters = Posters(self, jobs=self.jobs)
        self.token = None
        self._job_plan: CutPlan | None = None
        self._job_source: CutPlan | None = None  # the live plan a running job was copied from
        self._mode = "render"
        self._segments: dict[int, Segment] = {}
        self._next_key = 0
        self._batch = False  # several segments are being added: one undo step at the end
        self.history = SegmentHistory(self)  # segment edits as steps on undo_stack
        body = QWidget(self)
        self.name_edit = QLineEdit(body)
        self.cuts_button = QToolButton(body)
        self.cuts_button.setText("Cuts")
        self.cuts_button.setPopupMode(QToolButton.InstantPopup)
        self.cuts_button.setToolTip("New cut, open or duplicate a saved cut, plan files")
        self.cuts_menu = QMenu(self.cuts_button)
        self.cuts_button.setMenu(self.cuts_menu)
        self.format_combo = QComboBox(body)
        for fmt, (w, h) in FORMATS.items():
            self.format_combo.addItem(f"{fmt}  ({w}x{h})", fmt)
        self.purpose_combo = QComboBox(body)
        self.purpose_combo.addItem("Public (cleared assets only)", "public")
        self.purpose_combo.addItem("Internal", "internal")
        self.target_combo = QComboBox(body)
        for label, seconds in TARGETS:
            self.target_combo.addItem(label, seconds)
        self.custom_target = QDoubleSpinBox(body)
        self.custom_target.setRange(1, 3600)
        self.custom_target.setValue(45)
        self.custom_target.setSuffix(" s")
        self.custom_target.setEnabled(False)
        self.total_label = QLabel(body)
        self.total_label.setObjectName("cutTotal")
        self.list = QListWidget(body)
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        self.list.setDefaultDropAction(Qt.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setIconSize(ICON)
        self.list.setToolTip("Drag to reorder; Delete removes the selected segment")
        self.segment_panel = SegmentPanel(body)
        self.extras = CutExtras(self.document, parent=body)
        self.captions = CaptionsPanel(self.document, jobs=self.jobs,
                                      undo_stack=self.undo_stack, parent=body)
        self.watching = Watching(self)
        self.remove_button = QPushButton("Remove", body)
        self.moments_button = QPushButton("Top moments…", body)
        self.moments_button.setToolTip("Add the top N highlight moments of the cut's clips "
                                       "(crowd peaks, scene changes) as a draft of a chosen "
                                       "length, each segment centred on its moment")
        self.save_button = QPushButton("Save cut", body)
        self.output_button = QPushButton("Output…", body)
        self.output_button.setToolTip("Choose where the render is written "
                                      "(default: the library's renders folder)")
        self.quick_button = QPushButton("Quick export…", body)
        self.quick_button.setToolTip("Trims only: copies the clips without re-encoding "
                                     "(fast; cut points move to keyframes)")
        self.preview_button = QPushButton("Preview", body)
        self.preview_button.setToolTip("A quick half-size render to watch (not added to the "
                                       "library)")
        self.render_button = QPushButton("Render…", body)
        self.render_button.setDefault(True)
        self.progress = QProgressBar(body)
        self.eta_label = QLabel(body)
        self.cancel_button = QPushButton("Cancel", body)
        self.show_button = QPushButton("Show in folder", body)
        self.status = QLabel(body)
        self.status.setTextFormat(Qt.PlainText)  # cut names and paths are not HTML
        self.status.setWordWrap(True)
        self._layout(body)
        self.setWidget(body)
        self._connect()
        self._show_plan(self.plan)

    # -- building ------------------------------------------------------------------------------
    def _layout(self, body: QWidget) -> None:
        form = QFormLayout()
        name = QHBoxLayout()
        name.addWidget(self.name_edit, 1)
        name.addWidget(self.cuts_button)
        form.addRow("Name", name)
        form.addRow("Format", self.format_combo)
        form.addRow("For", self.purpose_combo)
        target = QHBoxLayout()
        target.addWidget(self.target_combo)
        target.addWidget(self.custom_target)
        form.addRow("Target", target)
        form.addRow("Total", self.total_label)
        # The segment list stays above the tabs, so the segment playing in the Watch tab is
        # highlighted in it, and picking one there moves the play head.
        top = QVBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.list, 1)
        remove = QHBoxLayout()
        remove.addWidget(self.moments_button)
        remove.addStretch(1)
        remove.addWidget(self.remove_button)
        top.addLayout(remove)
        listing = QWidget(body)
        listing.setLayout(top)
        segments = QWidget(body)
        page = QVBoxLayout(segments)
        page.setContentsMargins(0, 4, 0, 0)
        page.addWidget(self.segment_panel)
        scroll = QScrollArea(body)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.extras)
        self.watch_page = self.watching.player
        self.tabs = QTabWidget(body)
        self.tabs.addTab(segments, "Segment")
        self.tabs.addTab(scroll, "Title, music && extras")
        self.tabs.addTab(self.captions, "Captions")
        self.tabs.addTab(self.watch_page, "Watch")
        split = QSplitter(Qt.Vertical, body)
        split.setChildrenCollapsible(False)
        split.addWidget(listing)
        split.addWidget(self.tabs)
        split.setSizes([170, 380])
        # Wraps in a narrow dock (a laptop) instead of widening it; Render stays at the right.
        actions = FlowLayout(align=Qt.AlignRight)
        for w in (self.save_button, self.output_button, self.quick_button, self.preview_button,
                  self.render_button):
            actions.addWidget(w)
        running = QHBoxLayout()
        for w in (self.progress, self.eta_label, self.cancel_button, self.show_button):
            running.addWidget(w)
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addWidget(split, 1)
        column.addLayout(actions)
        column.addLayout(running)
        column.addWidget(self.status)
        for w in (self.progress, self.eta_label, self.cancel_button, self.show_button):
            w.hide()

    def _connect(self) -> None:
        self.name_edit.textChanged.connect(self._set_name)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.purpose_combo.currentIndexChanged.connect(self._purpose_changed)
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        self.custom_target.valueChanged.connect(self._target_changed)
        self.document.replaced.connect(self._show_plan)
        for sig in ("rowsMoved", "rowsInserted", "rowsRemoved", "layoutChanged"):
            getattr(self.list.model(), sig).connect(lambda *_: self._sync_order())
        self.list.currentRowChanged.connect(lambda _: self._selection_changed())
        delete = QAction(self.list)
        delete.setShortcuts([QKeySequence.Delete, QKeySequence(Qt.Key_Backspace)])
        delete.setShortcutContext(Qt.WidgetShortcut)
        delete.triggered.connect(self.remove_selected)
        self.list.addAction(delete)
        self.segment_panel.changed.connect(self._segment_edited)
        self.extras.changed.connect(self._extras_changed)
        self.posters.ready.connect(self._poster_ready)
        self.cuts_menu.aboutToShow.connect(self._fill_cuts_menu)
        self.remove_button.clicked.connect(self.remove_selected)
        self.moments_button.clicked.connect(self.add_top_moments)
        self.save_button.clicked.connect(self.save)
        self.output_button.clicked.connect(self.choose_output)
        self.quick_button.clicked.connect(self.quick_export)
        self.preview_button.clicked.connect(self.preview)
        self.render_button.clicked.connect(lambda: self.start_render())
        self.cancel_button.clicked.connect(self.cancel_render)
        self.show_button.clicked.connect(self.show_in_folder)
        self.signals.progress.connect(self._progress)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self.signals.cancelled.connect(self._cancelled)

    # -- the plan ------------------------------------------------------------------------------
    @property
    def plan(self) -> CutPlan:
        """The cut being edited: the document's plan (read, never kept by any panel)."""
        return self.document.plan

    def add_segment(self, seg: Segment, source_duration: float | None = None) -> None:
        item = QListWidgetItem()
        self._next_key += 1
        self._segments[self._next_key] = seg
        item.setData(SEG_ROLE, self._next_key)
        item.setData(MAX_ROLE, source_duration)
        self.list.addItem(item)  # rowsInserted: the plan follows the list
        self._describe(item)
        self.list.setCurrentItem(item)
        self._update_total()

    def add_assets(self, docs: list[dict], marks: dict | None = None) -> int:
        """Videos whole (or between the player's in/out marks: {path: (in, out)}), photos as
        2 s stills, as one undo step. Returns how many were added."""
        added = 0
        self._batch = True
        try:
            added = self._add_docs(docs, marks)
        finally:
            self._batch = False
        if added:
            self._sync_order()
        return added

    def _add_docs(self, docs: list[dict], marks: dict | None) -> int:
        added = 0
        for doc in docs:
            path, kind = doc.get("path"), doc.get("kind")
            if kind == "image":
                self.add_segment(Segment(path, duration=DEFAULT_PHOTO_SECONDS))
            elif kind == "video":
                length = float(doc.get("duration") or 0.0)
                start, end = (marks or {}).get(path, (None, None))
                start = 0.0 if start is None else start
                end = length if end is None else end
                self.add_segment(Segment(path, start=round(start, 3), end=round(end, 3)), length)
            else:
                continue
            added += 1
        return added

    def show_segments(self, segments: list[Segment]) -> None:
        """Show `segments` as the cut's segments (undo and redo of a step; the history owns
        the step, so this is not one), keeping the selected row where it can."""
        row = self.list.currentRow()
        self._loading = True
        try:
            self.list.clear()
            self._segments.clear()
            for seg in segments:
                doc = self.catalog.by_path(os.path.abspath(seg.source)) \
                    if isinstance(seg.source, str) and seg.source else None
                self.add_segment(seg, (doc or {}).get("duration"))
        finally:
            self._loading = False
        self.plan.segments = [self.live(k) for k in self.keys()]
        self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1))
        self._update_total()
        self._selection_changed()

    def keys(self) -> list[int]:
        """The list's segment keys, in list order."""
        return [self.list.item(r).data(SEG_ROLE) for r in range(self.list.count())]

    def live(self, key: int) -> Segment:
        """The Segment (the plan's own object) a list key stands for."""
        return self._segments[key]

    def add_top_moments(self) -> bool:
        from liveassets.ui.cut.draft import add_top_moments

        return add_top_moments(self)

    def ask_draft(self, dialog) -> bool:
        """Show the top moments dialog; True when the user builds the draft (tests answer)."""
        return dialog.exec() == dialog.Accepted

    def set_plan(self, plan: CutPlan) -> None:
        """Make `plan` (new, reopened, duplicated, from a file) the cut every panel edits."""
        self.document.replace(plan)

    def _show_plan(self, plan: CutPlan) -> None:
        """The document holds another plan: every widget shows it, none writes back."""
        self._loading = True
        try:
            self.list.clear()
            self._segments.clear()
            segments = plan.segments if isinstance(plan.segments, list) else []
            for seg in segments:
                if not isinstance(seg, Segment):
                    continue  # a hand-written plan's odd entry: validate() names it
                path = seg.source if isinstance(seg.source, str) and seg.source else None
                doc = self.catalog.by_path(os.path.abspath(path)) if path else None
                self.add_segment(seg, (doc or {}).get("duration"))
            self.name_edit.setText(plan.name if isinstance(plan.name, str) else "")
            self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(plan.format)))
            self.purpose_combo.setCurrentIndex(max(0, self.purpose_combo.findData(plan.purpose)))
            self._show_target(plan.target)
        finally:
            self._loading = False
        self.output_path = None
        self.list.setCurrentRow(0 if self.list.count() else -1)
        self.history.reset()
        self._update_total()
        self._selection_changed()

    def _show_target(self, seconds) -> None:
        index = self.target_combo.findData(seconds) if seconds is not None else 0
        if index < 0:  # not one of the presets: Custom, with the plan's seconds
            index = self.target_combo.findData(None)
            try:
                self.custom_target.setValue(float(seconds))
            except (TypeError, ValueError):
                pass  # validate() names a target that is not a number
        self.target_combo.setCurrentIndex(index)
        self.custom_target.setEnabled(self.target_combo.currentData() is None)

    def segment(self, row: int) -> Segment:
        return self._segments[self.list.item(row).data(SEG_ROLE)]

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._sync_order()

    def _sync_order(self) -> None:
        """plan.segments in list order (after a drag, a drop, a removal, an addition), as one
        undo step that takes the captions with their footage (steps.SegmentHistory)."""
        if self._loading or self._batch:
            return  # the list is being filled from the plan (or a batch), not edited
        self.history.commit()
        self._update_total()
        self._selection_changed()

    def _describe(self, item: QListWidgetItem) -> None:
        seg = self._segments[item.data(SEG_ROLE)]
        name = os.path.basename(seg.source)
        if seg.is_photo:
            zoom = ", slow zoom" if seg.zoom else ""
            text = f"{name}\nstill {secs(seg.length)}{zoom}"
        else:
            text = f"{name}\n{secs(seg.start)} → {secs(seg.end)}   ({secs(seg.length)})"
        note, tip = self.watching.moments_note(seg)
        item.setText(text + note)
        item.setToolTip(seg.source + tip)
        image = self.posters.image(seg.source, 0.0 if seg.is_photo else seg.start)
        if image is not None:
            item.setIcon(_icon(image))

    def describe_source(self, path: str) -> None:
        """Re-describe every segment of `path` (its moments arrived)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if self._segments[item.data(SEG_ROLE)].source == path:
                self._describe(item)

    def _poster_ready(self, path: str, seconds: float) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            seg = self._segments[item.data(SEG_ROLE)]
            at = 0.0 if seg.is_photo else round(float(seg.start or 0), 1)
            if seg.source == path and at == seconds:
                self._describe(item)
        if self.list.currentItem() is not None:
            self._show_poster()

    def _set_name(self, text: str) -> None:
        if not self._loading:
            self.plan.name = text.strip() or "Untitled cut"

    def _format_changed(self, _index: int) -> None:
        if not self._loading:
            self.plan.format = self.format_combo.currentData()
            self._selection_changed()
            self.watching.plan_changed()

    def _purpose_changed(self, _index: int) -> None:
        if not self._loading:
            self.plan.purpose = self.purpose_combo.currentData()

    def target(self) -> float:
        seconds = self.target_combo.currentData()
        return float(seconds) if seconds is not None else self.custom_target.value()

    def _target_changed(self, *_) -> None:
        self.custom_target.setEnabled(self.target_combo.currentData() is None)
        if not self._loading:
            self.plan.target = self.target()
        self._update_total()

    def _update_total(self) -> None:
        total, target = self.plan.duration(), self.target()
        n = len(self.plan.segments)
        over = f" — {secs(total - target)} over" if total > target + 1e-6 else ""
        self.total_label.setText(f"{secs(total)} of {secs(target)}{over}   "
                                 f"({n} segment{'s' if n != 1 else ''})")
        self.total_label.setStyleSheet("color: #f0883e;" if over else "")
        idle = bool(n) and self.token is None
        for button in (self.render_button, self.quick_button, self.preview_button,
                       self.watching.player.render_button):
            button.setEnabled(idle)
        self.watching.plan_changed()

    def _selection_changed(self) -> None:
        item = self.list.currentItem()
        seg = self._segments[item.data(SEG_ROLE)] if item is not None else None
        self.remove_button.setEnabled(seg is not None)
        self.segment_panel.set_segment(seg, item.data(MAX_ROLE) if item else None,
                                       self.plan.size)
        self.watching.show_segment_marks(seg)
        self.watching.selected(self.list.currentRow())
        self._show_poster()

    def _show_poster(self) -> None:
        seg = self.segment_panel.seg
        if seg is not None:
            at = 0.0 if seg.is_photo else seg.start
            scrubbed = self.watching.frame_for(seg)  # the Look at bar's frame, when moved
            if scrubbed is not None or self.segment_panel.frame_at is None:
                self.segment_panel.show_image(scrubbed if scrubbed is not None
                                              else self.posters.image(seg.source, at))

    def _extras_changed(self) -> None:
        self.history.commit_timing()  # a card or crossfade moves the footage under captions
        self._update_total()

    def refresh_total(self) -> None:
        """Show the plan's running total again (after undo or redo of a step)."""
        self._update_total()

    def _segment_edited(self) -> None:
        self.history.commit(merge=True)  # a trim moves or removes the captions on it
        item = self.list.currentItem()
        if item is not None:
            self._describe(item)
        self._show_poster()
        self._update_total()

    def shutdown(self) -> None:
        if self.token is not None:
            self.token.cancel()
        self.captions.shutdown()
        self.jobs.wait(owner=self)
        self.posters.shutdown()
        self.watching.shutdown()


def _icon(image: QImage) -> QIcon:
    if image.isNull():
        return QIcon()
    return QIcon(QPixmap.fromImage(image.scaled(ICON, Qt.KeepAspectRatio,
                                                Qt.SmoothTransformation)))
