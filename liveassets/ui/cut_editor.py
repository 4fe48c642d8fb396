"""The cut editor: a "Cut" dock holding one CutPlan. Segments in order (drag to reorder, remove,
trim numerically), the output format, the audience, a target length against the running total,
and "Render…", which validates first (every problem shown at once, rights blocks included) and
then renders on a worker thread with progress, time left and Cancel. A finished render enters
the library tagged with the cut's name. `install(window)` adds the dock and "Add to cut" (Ctrl+K).
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDockWidget, QDoubleSpinBox,
                               QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMenu, QMessageBox, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from liveassets.cuts.plan import DEFAULT_PHOTO_SECONDS, FORMATS, CutPlan, Segment
from liveassets.jobs import CancelToken, Cancelled

SEG_ROLE = Qt.UserRole + 1  # key of the Segment an item stands for (an int survives drops)
MAX_ROLE = Qt.UserRole + 2  # the source's duration in seconds (videos)
TARGETS = (("15 s", 15.0), ("30 s", 30.0), ("60 s", 60.0), ("Custom", None))
THROTTLE = 0.1  # seconds between progress reports


def _secs(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + " s"


def _clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"


class RenderSignals(QObject):
    progress = Signal(str, int, int, object)  # phase, done, total, eta seconds (or None)
    finished = Signal(object, object)  # RenderResult, asset id (or None)
    failed = Signal(str)
    cancelled = Signal()


class _RenderJob(QRunnable):
    """render(), then the output scanned into the library and tagged with the cut's name."""

    def __init__(self, catalog, plan: CutPlan, out: str, size, cancel: CancelToken,
                 signals: RenderSignals):
        super().__init__()
        self.setAutoDelete(True)
        self.catalog, self.plan, self.out, self.size = catalog, plan, out, size
        self.cancel, self.signals = cancel, signals

    def run(self) -> None:
        from liveassets.cuts.render import render
        from liveassets.cuts.store import add_render

        last = {"at": 0.0, "phase": None}

        def progress(p) -> None:
            now = time.monotonic()
            if p.phase != last["phase"] or p.done >= p.total or now - last["at"] >= THROTTLE:
                last["phase"], last["at"] = p.phase, now
                self.signals.progress.emit(p.phase, p.done, p.total, getattr(p, "eta", None))

        try:
            result = render(self.plan, self.out, progress, self.cancel, size=self.size,
                            catalog=self.catalog)
            self.signals.progress.emit("Adding to the library", 1, 1, 0.0)
            asset_id = add_render(self.catalog, self.plan, result.path)
        except Cancelled:
            self.signals.cancelled.emit()
        except (ValueError, OSError) as exc:  # PlanError, CatalogError, a full disk
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker must always report back
            self.signals.failed.emit(f"The render failed: {exc}")
        else:
            self.signals.finished.emit(result, asset_id)


class CutEditor(QDockWidget):
    """The "Cut" dock. `plan` is the cut being edited; `render_size` overrides the frame size
    (tests use tiny frames); `output_path` overrides store.default_output()."""

    rendered = Signal(object)  # the asset id of the finished render (or None)

    def __init__(self, catalog, parent=None):
        super().__init__("Cut", parent)
        self.setObjectName("cutDock")
        self.catalog = catalog
        self.plan = CutPlan()
        self.render_size: tuple[int, int] | None = None
        self.output_path: str | None = None
        self.last_output: str | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = RenderSignals(self)
        self.token: CancelToken | None = None
        self._job_plan: CutPlan | None = None
        self._loading = False
        self._segments: dict[int, Segment] = {}
        self._next_key = 0
        body = QWidget(self)
        self.name_edit = QLineEdit(self.plan.name, body)
        self.format_combo = QComboBox(body)
        for fmt, (w, h) in FORMATS.items():
            self.format_combo.addItem(f"{fmt}  ({w}x{h})", fmt)
        self.purpose_combo = QComboBox(body)
        self.purpose_combo.addItem("Public (cleared assets only)", "public")
        self.purpose_combo.addItem("Internal", "internal")
        self.target_combo = QComboBox(body)
        for label, secs in TARGETS:
            self.target_combo.addItem(label, secs)
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
        self.list.setToolTip("Drag to reorder")
        self.start_spin, self.end_spin = QDoubleSpinBox(body), QDoubleSpinBox(body)
        self.duration_spin = QDoubleSpinBox(body)
        for spin in (self.start_spin, self.end_spin, self.duration_spin):
            spin.setDecimals(2)
            spin.setSingleStep(0.1)
            spin.setSuffix(" s")
        self.duration_spin.setRange(0.1, 600)
        self.trim_label = QLabel("In / out", body)
        self.remove_button = QPushButton("Remove", body)
        self.save_button = QPushButton("Save cut", body)
        self.output_button = QPushButton("Output…", body)
        self.output_button.setToolTip("Choose where the render is written "
                                      "(default: the library's renders folder)")
        self.render_button = QPushButton("Render…", body)
        self.progress = QProgressBar(body)
        self.eta_label = QLabel(body)
        self.cancel_button = QPushButton("Cancel", body)
        self.show_button = QPushButton("Show in folder", body)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        self._layout(body)
        self.setWidget(body)
        self._connect()
        self._update_total()
        self._selection_changed()

    # -- building ------------------------------------------------------------------------------
    def _layout(self, body: QWidget) -> None:
        form = QFormLayout()
        form.addRow("Name", self.name_edit)
        form.addRow("Format", self.format_combo)
        form.addRow("For", self.purpose_combo)
        target = QHBoxLayout()
        target.addWidget(self.target_combo)
        target.addWidget(self.custom_target)
        form.addRow("Target", target)
        form.addRow("Total", self.total_label)
        trim = QHBoxLayout()
        for w in (self.trim_label, self.start_spin, self.end_spin, self.duration_spin):
            trim.addWidget(w)
        trim.addStretch(1)
        trim.addWidget(self.remove_button)
        actions = QHBoxLayout()
        for w in (self.save_button, self.output_button, self.render_button):
            actions.addWidget(w)
        running = QHBoxLayout()
        for w in (self.progress, self.eta_label, self.cancel_button, self.show_button):
            running.addWidget(w)
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addWidget(self.list, 1)
        column.addLayout(trim)
        column.addLayout(actions)
        column.addLayout(running)
        column.addWidget(self.status)
        for w in (self.progress, self.eta_label, self.cancel_button, self.show_button):
            w.hide()

    def _connect(self) -> None:
        self.name_edit.textChanged.connect(self._set_name)
        self.format_combo.currentIndexChanged.connect(
            lambda _: setattr(self.plan, "format", self.format_combo.currentData()))
        self.purpose_combo.currentIndexChanged.connect(
            lambda _: setattr(self.plan, "purpose", self.purpose_combo.currentData()))
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        self.custom_target.valueChanged.connect(lambda _: self._update_total())
        for sig in ("rowsMoved", "rowsInserted", "rowsRemoved", "layoutChanged"):
            getattr(self.list.model(), sig).connect(lambda *_: self._sync_order())
        self.list.currentRowChanged.connect(lambda _: self._selection_changed())
        self.start_spin.valueChanged.connect(lambda v: self._trim("start", v))
        self.end_spin.valueChanged.connect(lambda v: self._trim("end", v))
        self.duration_spin.valueChanged.connect(lambda v: self._trim("duration", v))
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button.clicked.connect(self.save)
        self.output_button.clicked.connect(self.choose_output)
        self.render_button.clicked.connect(self.start_render)
        self.cancel_button.clicked.connect(self.cancel_render)
        self.show_button.clicked.connect(self.show_in_folder)
        self.signals.progress.connect(self._progress)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self.signals.cancelled.connect(self._cancelled)

    # -- the plan ------------------------------------------------------------------------------
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
        2 s stills. Returns how many were added."""
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

    def segment(self, row: int) -> Segment:
        return self._segments[self.list.item(row).data(SEG_ROLE)]

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        self._sync_order()

    def _sync_order(self) -> None:
        """plan.segments in list order (after a drag, a drop, a removal)."""
        keys = [self.list.item(r).data(SEG_ROLE) for r in range(self.list.count())]
        self.plan.segments = [self._segments[k] for k in keys if k in self._segments]
        self._update_total()
        self._selection_changed()

    def _describe(self, item: QListWidgetItem) -> None:
        seg = self._segments[item.data(SEG_ROLE)]
        name = os.path.basename(seg.source)
        if seg.is_photo:
            text = f"{name}   still {_secs(seg.length)}"
        else:
            text = f"{name}   {_secs(seg.start)} → {_secs(seg.end)}   ({_secs(seg.length)})"
        item.setText(text)
        item.setToolTip(seg.source)

    def _set_name(self, text: str) -> None:
        self.plan.name = text.strip() or "Untitled cut"

    def target(self) -> float:
        secs = self.target_combo.currentData()
        return float(secs) if secs is not None else self.custom_target.value()

    def _target_changed(self, _index: int) -> None:
        self.custom_target.setEnabled(self.target_combo.currentData() is None)
        self._update_total()

    def _update_total(self) -> None:
        total, target = self.plan.duration(), self.target()
        n = len(self.plan.segments)
        over = f" — {_secs(total - target)} over" if total > target + 1e-6 else ""
        self.total_label.setText(f"{_secs(total)} of {_secs(target)}{over}   "
                                 f"({n} segment{'s' if n != 1 else ''})")
        self.total_label.setStyleSheet("color: #f0883e;" if over else "")
        self.render_button.setEnabled(bool(n) and self.token is None)

    def _selection_changed(self) -> None:
        item = self.list.currentItem()
        seg = self._segments[item.data(SEG_ROLE)] if item is not None else None
        self._loading = True
        photo = seg is not None and seg.is_photo
        video = seg is not None and not photo
        self.trim_label.setText("Duration" if photo else "In / out")
        self.start_spin.setVisible(not photo)
        self.end_spin.setVisible(not photo)
        self.duration_spin.setVisible(photo)
        for w in (self.start_spin, self.end_spin, self.duration_spin, self.remove_button):
            w.setEnabled(seg is not None)
        if video:
            top = item.data(MAX_ROLE) or max(float(seg.end or 0), 0.0)
            self.start_spin.setRange(0.0, top)
            self.end_spin.setRange(0.0, top)
            self.start_spin.setValue(float(seg.start or 0))
            self.end_spin.setValue(float(seg.end or 0))
        elif photo:
            self.duration_spin.setValue(seg.length)
        self._loading = False

    def _trim(self, field: str, value: float) -> None:
        item = self.list.currentItem()
        if self._loading or item is None:
            return
        seg = self._segments[item.data(SEG_ROLE)]
        setattr(seg, field, round(value, 3))
        self._describe(item)
        self._update_total()

    def save(self) -> None:
        from liveassets.cuts.store import save_cut

        try:
            save_cut(self.catalog, self.plan)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, "Cannot save the cut", str(exc))
            return
        self.status.setText(f"Saved \"{self.plan.name}\" in the library.")

    # -- rendering -----------------------------------------------------------------------------
    def choose_output(self) -> None:
        from liveassets.cuts.store import default_output

        start = self.output_path or str(default_output(self.catalog, self.plan))
        path, _ = QFileDialog.getSaveFileName(self, "Render to", start, "MP4 video (*.mp4)")
        if path:
            self.output_path = path if path.lower().endswith(".mp4") else path + ".mp4"
            self.status.setText(f"Renders go to {self.output_path}")

    def problems(self) -> list:
        """Every blocking problem with the plan (rights checked against the library)."""
        from liveassets.cuts.validate import blocking, validate

        return blocking(validate(self.plan, self.catalog))

    def start_render(self) -> bool:
        """Validate (every problem in one message), save the plan, render on the worker."""
        from liveassets.cuts.store import default_output, save_cut

        if self.token is not None:
            return False
        if not self.plan.segments:
            QMessageBox.information(self, "Nothing to render", "Add clips or photos to the "
                                    "cut first (select them and press Ctrl+K).")
            return False
        problems = self.problems()
        if problems:
            QMessageBox.warning(self, "The cut cannot be rendered",
                                f"Fix {'these' if len(problems) > 1 else 'this'} first:\n\n"
                                + "\n".join(f"• {p}" for p in problems))
            self.status.setText(f"Not rendered: {len(problems)} problem"
                                f"{'s' if len(problems) != 1 else ''}.")
            return False
        try:
            save_cut(self.catalog, self.plan)
            out = self.output_path or str(default_output(self.catalog, self.plan))
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, "The cut cannot be rendered", str(exc))
            return False
        self.token = CancelToken()
        self.last_output = None
        self._running(True)
        self.status.setText(f"Rendering to {out}…")
        # The worker renders a copy, so editing on while it runs cannot change what it reads.
        self._job_plan = CutPlan.from_dict(self.plan.to_dict())
        self.pool.start(_RenderJob(self.catalog, self._job_plan, out, self.render_size,
                                   self.token, self.signals))
        return True

    def cancel_render(self) -> None:
        if self.token is not None:
            self.token.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def is_rendering(self) -> bool:
        return self.token is not None

    def _running(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.eta_label.setVisible(on)
        self.cancel_button.setVisible(on)
        self.cancel_button.setEnabled(on)
        self.show_button.setVisible(not on and self.last_output is not None)
        if on:
            self.progress.setRange(0, 0)
            self.eta_label.setText("")
        self._update_total()

    def _progress(self, phase: str, done: int, total: int, eta) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.progress.setFormat(f"{phase} %p%")
        self.eta_label.setText(f"about {_clock(eta)} left" if eta is not None else "")

    def _finished(self, result, asset_id) -> None:
        from liveassets.cuts.store import save_cut

        self.token = None
        self.last_output = result.path
        self.plan.history = list(self._job_plan.history)  # "rendered" (and any override)
        try:
            save_cut(self.catalog, self.plan)
        except (ValueError, OSError):
            pass  # the render itself is done; the plan was saved before it started
        self._running(False)
        note = "" if asset_id else " (it could not be added to the library)"
        self.status.setText(f"Rendered {os.path.basename(result.path)} "
                            f"({_secs(result.duration)}){note}.")
        self.rendered.emit(asset_id)

    def _failed(self, message: str) -> None:
        self.token = None
        self._running(False)
        self.status.setText(f"Not rendered: {message}")
        QMessageBox.warning(self, "The render failed", message)

    def _cancelled(self) -> None:
        self.token = None
        self._running(False)
        self.status.setText("Render cancelled; nothing was written.")

    def show_in_folder(self) -> None:
        if self.last_output:
            QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(self.last_output)))

    def shutdown(self) -> None:
        if self.token is not None:
            self.token.cancel()
        self.pool.waitForDone()


# -- the window's side ---------------------------------------------------------------------------
def player_marks(window) -> dict:
    """{path: (in, out)} for the clip in the inspector's player, when it has marks."""
    player = getattr(window.inspector, "video", None)
    if player is None or not getattr(player, "path", None):
        return {}
    mark_in, mark_out = getattr(player, "mark_in", None), getattr(player, "mark_out", None)
    if mark_in is None and mark_out is None:
        return {}
    return {player.path: (mark_in, mark_out)}


def add_selection(window) -> int:
    ids = window.selected_ids()
    if not ids:
        window.notify("Select clips or photos first, then Add to cut (Ctrl+K).")
        return 0
    docs = []
    for aid in ids:
        try:
            docs.append(window.catalog.get(aid))
        except ValueError:
            pass
    editor = window.cut_editor
    added = editor.add_assets(docs, player_marks(window))
    editor.show()
    editor.raise_()
    skipped = len(docs) - added
    window.notify(f"Added {added} to the cut" + (f" ({skipped} not a clip or photo)"
                                                  if skipped else "") + ".")
    return added


def install(window) -> CutEditor:
    """Add the (hidden) Cut dock, "Add to cut" (Ctrl+K) in the Asset menu and a View toggle."""
    editor = CutEditor(window.catalog, window)
    window.addDockWidget(Qt.RightDockWidgetArea, editor)
    editor.hide()
    action = QAction("Add to cut", window)
    action.setShortcut(QKeySequence("Ctrl+K"))
    action.setToolTip("Add the selected clips and photos to the cut (Ctrl+K)")
    action.triggered.connect(lambda: add_selection(window))
    window.addAction(action)
    window.add_to_cut_action = action
    # findChildren, not QAction.menu(): PySide's menu() wrapper can take the menu's ownership.
    for menu in window.menuBar().findChildren(QMenu):
        if menu.title().replace("&", "") == "Asset":
            menu.addSeparator()
            menu.addAction(action)
            toggle = editor.toggleViewAction()
            toggle.setText("Cut editor")
            menu.addAction(toggle)
            break
    editor.rendered.connect(lambda _aid: (window.rerun_query(keep_selection=True),
                                          window.schedule_counts()))
    return editor
