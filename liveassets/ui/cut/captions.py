"""The cut editor's Captions tab: the plan's timed captions as a list of start, end and text,
edited in place, added, deleted, imported from an SRT/WebVTT file, exported as .srt, or made by
aligning a pasted script to the cut's speech (on the JobRunner's "work" pool). Every edit is
one undo step on the stack handed in: in the Cut dock, the cut's own (ui/cut/steps.py: the
window's, so Edit > Undo and Ctrl+Z take caption and segment edits back in order); alone, the
panel's own with its Undo/Redo buttons. The list reads and writes `document.plan.captions`
only (cuts/subtitles.py says what a caption is; cuts/caption_map.py moves captions with
their footage when segments change)."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QFileDialog,
                               QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPlainTextEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from liveassets.cuts import subtitles
from liveassets.cuts.plan import CutPlan
from liveassets.ui.cut.document import CutDocument
from liveassets.ui.jobs import JobRunner

COLUMNS = ("Start", "End", "Text")
MODES = (("Burned into the picture", "burn"),
         ("As an .srt beside the clip", "srt"),
         ("Both", "both"),
         ("Left out", "none"))  # render.CAPTION_MODES, in a user's words
BREAK = "⏎"  # stands for a line break in the list and its one-line editor
NEW_SECONDS = 2.0  # a caption added by hand lasts this long (edit it after)


def clock(seconds: float) -> str:
    """0:01.500 (minutes:seconds.milliseconds), how the list shows a time."""
    ms = int(round(float(seconds) * 1000))
    return f"{ms // 60000}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


_CLOCK = re.compile(r"^\s*(?:(\d+):)?(?:(\d+):)?(\d+(?:[.,]\d*)?)\s*$")


def parse_clock(text: str) -> float:
    """Seconds from what a user types: 1.5, 0:01.5, 1:02, 00:00:01,500 (SRT's comma too).
    Raises ValueError for anything else or a negative time."""
    m = _CLOCK.match(str(text))
    if not m:
        raise ValueError(f"\"{text}\" is not a time: type seconds (1.5) or minutes:seconds "
                         "(0:01.5).")
    a, b, s = m.groups()
    parts = [int(x) for x in (a, b) if x is not None]
    hours, minutes = (parts + [0, 0])[:2] if len(parts) == 2 else (0, parts[0] if parts else 0)
    return round(hours * 3600 + minutes * 60 + float(s.replace(",", ".")), 3)


class SetCaptions(QUndoCommand):
    """One edit of the plan's captions: the whole list before and after (a few KB at most), so
    undo and redo are exact whatever the edit was. It applies to its own plan; the list shows
    it only while that plan is the open one."""

    def __init__(self, panel: CaptionsPanel, plan: CutPlan, before: list, after: list,
                 label: str):
        super().__init__(label)
        self.panel, self.plan, self.before, self.after = panel, plan, before, after

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)

    def _set(self, captions: list) -> None:
        self.plan.captions = [dict(c) for c in captions]
        if self.panel.plan is self.plan:  # a step of a cut no longer open changes only it
            self.panel.refresh(self.plan)


class CaptionsModel(QAbstractTableModel):
    """The plan's captions as rows (in the plan's order: start time after each edit). Edits
    go through `edit(row, field, value)` given by the panel (an undo step each)."""

    def __init__(self, panel: CaptionsPanel):
        super().__init__(panel)
        self.panel = panel
        self.rows: list[dict] = []

    def load(self, captions) -> None:
        self.beginResetModel()
        self.rows = [c for c in captions if isinstance(c, dict)] \
            if isinstance(captions, list) else []
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < 3:
            return COLUMNS[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = ("start", "end", "text")[index.column()]
        value = row.get(key)
        if role in (Qt.DisplayRole, Qt.EditRole):
            if key == "text":  # a line break shows, and is typed, as ⏎ (one-line editor)
                text = value if isinstance(value, str) else ""
                return text.replace("\n", f" {BREAK} ")
            try:
                return clock(value)
            except (TypeError, ValueError):
                return str(value)
        if role == Qt.ToolTipRole and key == "text" and isinstance(value, str):
            return value
        if role == Qt.TextAlignmentRole and key != "text":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if role != Qt.EditRole or not index.isValid():
            return False
        key = ("start", "end", "text")[index.column()]
        return self.panel.edit(index.row(), key, value)


class CaptionsPanel(QWidget):
    """The Captions tab. `document`: the editor's CutDocument; `jobs`: the window's JobRunner
    (alignment runs on its "work" pool); `undo_stack`: where edits go (the panel's own when
    None). `changed` fires after every edit, undo and redo."""

    changed = Signal()

    def __init__(self, document: CutDocument, jobs: JobRunner | None = None,
                 undo_stack: QUndoStack | None = None, parent=None):
        super().__init__(parent)
        self.document = document
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.own_stack = undo_stack is None  # shared: the cut's history, Edit > Undo's
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.job = None
        self.model = CaptionsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("captionsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked
                                   | QAbstractItemView.EditKeyPressed
                                   | QAbstractItemView.AnyKeyPressed)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.add_button = QPushButton("Add", self)
        self.delete_button = QPushButton("Delete", self)
        self.import_button = QPushButton("Import SRT/VTT…", self)
        self.align_button = QPushButton("Align script…", self)
        self.align_button.setToolTip("Paste what is said in the cut: each word is timed to the "
                                     "cut's speech (offline) and grouped into caption lines")
        self.export_button = QPushButton("Save .srt…", self)
        self.export_button.setToolTip("The captions as an SRT file, for a platform's own "
                                      "caption upload")
        self.mode_combo = QComboBox(self)
        for label, mode in MODES:
            self.mode_combo.addItem(label, mode)
        self.mode_combo.setToolTip("What Render and Quick export do with these captions (an "
                                   ".srt is what a platform's own caption upload takes)")
        self.undo_button = QPushButton("Undo", self)
        self.redo_button = QPushButton("Redo", self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.PlainText)
        self.status.setWordWrap(True)
        self._layout()
        self._connect()
        for button in (self.undo_button, self.redo_button):
            button.setVisible(self.own_stack)  # shared: Edit > Undo (Ctrl+Z) is the one place
        self.refresh(self.plan)

    # -- building ------------------------------------------------------------------------------
    def _layout(self) -> None:
        edit = QHBoxLayout()
        for w in (self.add_button, self.delete_button, self.undo_button, self.redo_button):
            edit.addWidget(w)
        edit.addStretch(1)
        files = QHBoxLayout()
        for w in (self.import_button, self.align_button, self.export_button):
            files.addWidget(w)
        files.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.addLayout(files)
        column.addWidget(self.table, 1)
        column.addLayout(edit)
        render = QHBoxLayout()
        render.addWidget(QLabel("In the render:", self))
        render.addWidget(self.mode_combo, 1)
        column.addLayout(render)
        column.addWidget(self.status)

    def _connect(self) -> None:
        self.document.replaced.connect(self._replaced)
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_file)
        self.align_button.clicked.connect(self.ask_script)
        self.export_button.clicked.connect(self.export_srt)
        if self.own_stack:
            self.undo_button.clicked.connect(self.undo_stack.undo)
            self.redo_button.clicked.connect(self.undo_stack.redo)
            self.undo_stack.canUndoChanged.connect(self._buttons)
            self.undo_stack.canRedoChanged.connect(self._buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._buttons())
        keys_slots = [(QKeySequence.Delete, self.delete_selected)]
        if self.own_stack:  # a shared stack has the window's Ctrl+Z: two would be ambiguous
            keys_slots += [(QKeySequence.Undo, self.undo_stack.undo),
                           (QKeySequence.Redo, self.undo_stack.redo)]
        for keys, slot in keys_slots:
            action = QAction(self.table)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)

    # -- the plan ------------------------------------------------------------------------------
    @property
    def plan(self) -> CutPlan:
        return self.document.plan

    def mode(self) -> str:
        """What the render does with the captions: "burn", "srt", "both" or "none"."""
        return self.mode_combo.currentData()

    def captions(self) -> list[dict]:
        """A copy of the plan's captions (entries that are not objects are left out)."""
        caps = self.plan.captions if isinstance(self.plan.captions, list) else []
        return [dict(c) for c in caps if isinstance(c, dict)]

    def _replaced(self, plan: CutPlan) -> None:
        self.cancel()
        if self.own_stack:  # steps of another cut must not apply to this one (shared: each
            self.undo_stack.clear()  # step keeps its own plan, the window's history stays)
        self.refresh(plan)
        self.status.setText("")

    def refresh(self, plan: CutPlan | None = None) -> None:
        """Show the plan's captions (after an edit, undo, redo or another plan)."""
        selected = self.selected_row()
        self.model.load((plan or self.plan).captions)
        if 0 <= selected < self.model.rowCount():
            self.table.selectRow(selected)
        self._buttons()
        self.changed.emit()

    def _buttons(self) -> None:
        busy = self.job is not None
        self.delete_button.setEnabled(self.selected_row() >= 0 and not busy)
        if self.own_stack:  # a shared stack (and its buttons) belongs to the window
            self.undo_button.setEnabled(self.undo_stack.canUndo() and not busy)
            self.redo_button.setEnabled(self.undo_stack.canRedo() and not busy)
        self.export_button.setEnabled(bool(subtitles.from_plan(self.plan.captions)))
        for w in (self.add_button, self.import_button, self.align_button):
            w.setEnabled(not busy)
        self.align_button.setText("Aligning…" if busy else "Align script…")

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else -1

    def apply(self, after: list[dict], label: str) -> None:
        """Make `after` the plan's captions as one undo step (sorted by start time)."""
        before = self.captions()
        after = sorted(after, key=_order)
        if after == before:
            return
        self.undo_stack.push(SetCaptions(self, self.plan, before, after, label))

    # -- edits ---------------------------------------------------------------------------------
    def edit(self, row: int, key: str, value) -> bool:
        """One field of one caption from the list (an undo step); a bad time is refused with
        the reason in the status line."""
        rows = self.captions()
        if not 0 <= row < len(rows):
            return False
        if key in ("start", "end"):
            try:
                value = parse_clock(value)
            except ValueError as exc:
                self.status.setText(str(exc))
                return False
            start = value if key == "start" else rows[row].get("start")
            end = value if key == "end" else rows[row].get("end")
            if isinstance(start, (int, float)) and isinstance(end, (int, float)) \
                    and end <= start:
                self.status.setText(f"A caption must end after it starts ({clock(start)}); "
                                    "change the other time first.")
                return False
        else:
            value = str(value).replace(BREAK, "\n")
            value = "\n".join(line.strip() for line in value.splitlines() if line.strip())
            if not value:
                self.status.setText("A caption needs words: type them, or Delete the line.")
                return False
        if rows[row].get(key) == value:
            return False
        rows[row][key] = value
        self.apply(rows, f"Edit caption {key}")
        self.status.setText("")
        return True

    def add(self) -> None:
        """A new caption after the selected one (or at the end), NEW_SECONDS long."""
        rows = self.captions()
        row = self.selected_row()
        at = float(rows[row]["end"]) if 0 <= row < len(rows) and _num(rows[row].get("end")) \
            else max([float(c["end"]) for c in rows if _num(c.get("end"))] or [0.0])
        rows.append({"start": round(at, 3), "end": round(at + NEW_SECONDS, 3),
                     "text": "New caption"})
        self.apply(rows, "Add caption")
        new = next(i for i, c in enumerate(self.model.rows)
                   if c.get("start") == round(at, 3) and c.get("text") == "New caption")
        self.table.selectRow(new)
        self.table.edit(self.model.index(new, 2))

    def delete_selected(self) -> None:
        row = self.selected_row()
        rows = self.captions()
        if 0 <= row < len(rows):
            del rows[row]
            self.apply(rows, "Delete caption")

    def import_file(self, path: str | None = None) -> bool:
        """Replace the captions with an SRT/WebVTT file's (one undo step)."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Import captions", "",
                                                  "Captions (*.srt *.vtt);;All files (*)")
        if not path:
            return False
        try:
            cues = subtitles.read(path)
        except ValueError as exc:  # SubtitleError, UserFileError: one line
            QMessageBox.warning(self, "Cannot import the captions", str(exc))
            return False
        self.apply(subtitles.to_plan(cues), "Import captions")
        self.status.setText(f"{len(cues)} caption{'s' if len(cues) != 1 else ''} imported.")
        return True

    def export_srt(self, path: str | None = None) -> bool:
        """The captions as an .srt, as a render shows them (caption_map.shown: none past the
        cut's end); a cut without segments yet saves the list as it is. True when written."""
        from liveassets.cuts.caption_map import shown

        plan = self.plan
        cues = shown(plan) if plan.duration() > 0 and plan.segments else \
            subtitles.from_plan(plan.captions)
        if not cues:
            return False
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Save the captions",
                                                  f"{self.plan.name}.srt", "SubRip (*.srt)")
        if not path:
            return False
        try:
            subtitles.write_srt(cues, path, force=True)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, "Cannot save the captions", str(exc))
            return False
        snapped = plan.snap == "beats" and plan.music is not None
        self.status.setText(f"Saved {len(cues)} caption{'s' if len(cues) != 1 else ''} to "
                            f"{path}" + ("; timed on the cut before beat snapping (the .srt a "
                                         "render writes follows the snapped cuts)."
                                         if snapped else "."))
        return True

    # -- aligning ------------------------------------------------------------------------------
    def ask_script(self) -> None:
        dialog = ScriptDialog(self)
        if dialog.exec() == QDialog.Accepted:
            self.align(dialog.script())

    def align(self, script: str) -> None:
        """Align script to the cut's speech on the "work" pool; the result replaces the
        captions as one undo step (on the plan it was started for, if still open)."""
        from liveassets.cuts.align import align_cut

        if self.job is not None:
            return
        if not script.strip():
            self.status.setText("The script is empty: paste the words spoken in the cut.")
            return
        plan = CutPlan.from_dict(self.plan.to_dict())  # the worker reads a copy
        source = self.plan
        self.status.setText("Aligning the script to the cut's speech…")
        self.job = self.jobs.run(
            "work", lambda job: align_cut(plan, script, job.progress, job.token),
            what="the alignment", owner=self,
            progress=lambda p: self.status.setText(f"{p.phase}… {p.done}/{p.total}"
                                                   if p.total else f"{p.phase}…"),
            done=lambda result: self._aligned(source, result, plan),
            failed=self._align_failed, cancelled=self._align_cancelled)
        if self.job.reported:  # an inline runner has finished already
            self.job = None
        self._buttons()

    def _aligned(self, source: CutPlan, result, timed_on: CutPlan | None = None) -> None:
        """The alignment's cues replace the captions of `source` (if still open). They are
        timed on `timed_on`, the copy the worker heard: segments moved or trimmed meanwhile
        take the cues with their footage (caption_map.follow)."""
        from liveassets.cuts.caption_map import follow

        self.job = None
        if source is self.plan:
            cues = subtitles.to_plan(result.cues)
            if timed_on is not None:
                cues = follow(cues, timed_on, source).captions
            self.apply(cues, "Align script")
            self.status.setText(result.counts() + ".")
        self._buttons()

    def _align_failed(self, message: str) -> None:
        self.job = None
        self.status.setText(message)
        self._buttons()

    def _align_cancelled(self) -> None:
        self.job = None
        self.status.setText("Alignment cancelled.")
        self._buttons()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def shutdown(self) -> None:
        self.cancel()
        self.jobs.wait(owner=self)


class ScriptDialog(QDialog):
    """A box to paste the script into."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Align a script")
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("Paste the words spoken in the cut, in order.")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("Align")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel("Each word is timed to the cut's speech (offline, English) "
                                "and grouped into lines of at most 2 × 42 characters.", self))
        column.addWidget(self.text, 1)
        column.addWidget(buttons)
        self.resize(520, 360)

    def script(self) -> str:
        return self.text.toPlainText()


def _num(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _order(c: dict):
    s, e = c.get("start"), c.get("end")
    return (float(s) if _num(s) else 0.0, float(e) if _num(e) else 0.0)
