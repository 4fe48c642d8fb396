"""InspectorPanel: the current selection — preview, facts, tags, rights, caption and notes.
It shows documents and emits what the user changed; the window turns that into catalog edits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QPushButton,
                               QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from liveassets.media.location import describe as describe_location
from liveassets.ui.marks import format_duration, hdr_mark
from liveassets.ui.inspector.rights_form import RightsForm
from liveassets.ui.inspector.submission import SubmissionBox
from liveassets.ui.inspector.tag_editor import TagEditor
from liveassets.safe_paths import utf8
from liveassets.ui.inspector.video import VideoPreview

MIXED = "Multiple values"


class CommitTextEdit(QPlainTextEdit):
    """A text box that reports its text once, when the user leaves it (or Ctrl+Enter)."""

    committed = Signal(str)

    def focusOutEvent(self, event) -> None:
        self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ControlModifier:
            self.commit()
            return
        super().keyPressEvent(event)

    def commit(self) -> None:
        if self.document().isModified():
            self.document().setModified(False)
            self.committed.emit(self.toPlainText())


class Preview(QLabel):
    """The picture, fitted to the panel's width."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlignment(Qt.AlignCenter)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setObjectName("preview")
        self._pix: QPixmap | None = None

    def set_pixmap(self, pix: QPixmap | None, text: str = "") -> None:
        self._pix = pix
        if pix is None:
            self.setPixmap(QPixmap())
            self.setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        w = max(120, self.width())
        if self._pix is None:
            self.setFixedHeight(min(260, int(w * 0.66)))
            return
        size = self._pix.size().scaled(QSize(w, int(w * 0.9)), Qt.KeepAspectRatio)
        self.setFixedHeight(max(120, size.height()))
        self.setPixmap(self._pix.scaled(size, Qt.KeepAspectRatio, Qt.SmoothTransformation))


class InspectorPanel(QScrollArea):
    captionChanged = Signal(str)
    notesChanged = Signal(str)

    def __init__(self, thumbs, parent=None):
        super().__init__(parent)
        self.thumbs = thumbs
        self.docs: list[dict] = []
        self.setObjectName("inspector")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        body = QWidget(self)
        self.setWidget(body)
        self.preview = Preview(body)
        self.video = VideoPreview(body)  # replaces the picture when one clip is selected
        self.video.hide()
        self.title = QLabel(body)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600; font-size: 14px;")
        self.facts = QFormLayout()
        self.facts.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.fact_labels: dict[str, QLabel] = {}
        for name in ("Size", "Duration", "Colour", "Camera", "Taken", "Location", "Status",
                     "Path", "Made from"):
            label = QLabel(body)
            label.setWordWrap(True)
            # Plain text: the camera model and the path come from the files, whose "<b>" or
            # "<img ...>" a label would otherwise draw (Qt guesses rich text from a tag).
            label.setTextFormat(Qt.PlainText)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.fact_labels[name] = label
            self.facts.addRow(name, label)
        self.show_folder = QPushButton("Show in folder", body)
        self.show_folder.clicked.connect(self._show_in_folder)
        self.tag_editor = TagEditor(body)
        self.rights = RightsForm(body)
        self.caption = CommitTextEdit(body)
        self.caption.setPlaceholderText("Caption for posts")
        self.caption.setFixedHeight(64)
        self.caption.committed.connect(self.captionChanged)
        self.notes = CommitTextEdit(body)
        self.notes.setPlaceholderText("Notes for the team")
        self.notes.setFixedHeight(52)
        self.notes.committed.connect(self.notesChanged)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.preview)
        layout.addWidget(self.video)
        layout.addWidget(self.title)
        layout.addLayout(self.facts)
        layout.addWidget(self.show_folder, 0, Qt.AlignLeft)
        for title, widget in (("Tags", self.tag_editor), ("Rights", self.rights),
                              ("Caption", self.caption), ("Notes", self.notes)):
            box = QGroupBox(title, body)
            inner = QVBoxLayout(box)
            inner.setContentsMargins(8, 6, 8, 8)
            inner.addWidget(widget)
            layout.addWidget(box)
            if widget is self.rights:  # the row a submission came with, read-only (intake)
                self.submission = SubmissionBox(body)
                layout.addWidget(self.submission)
        layout.addStretch(1)
        thumbs.ready.connect(self._thumb_ready)
        self.show_assets([])

    def show_assets(self, docs: list[dict]) -> None:
        """Show these documents. Shown again for the same assets (the library changed under
        them: a scan, a script, an undo), text the user is typing and has not committed yet
        stays as typed, caret included."""
        same = [d.get("id") for d in docs] == [d.get("id") for d in self.docs]
        typing = self._uncommitted() if same else []
        self.docs = docs
        one = docs[0] if len(docs) == 1 else None
        self.widget().setEnabled(bool(docs))
        if not docs:
            self.title.setText("Nothing selected")
        elif one:
            self.title.setText(utf8(one.get("name") or ""))
        else:
            self.title.setText(f"{len(docs):,} assets selected — edits apply to all")
        self._update_preview()
        self._facts(one)
        self.show_folder.setVisible(one is not None)
        self.tag_editor.show_tags(docs)
        self.rights.show_rights(docs)
        self.submission.show_assets(docs)
        for box, key, hint in ((self.caption, "caption", "Caption for posts"),
                               (self.notes, "notes", "Notes for the team")):
            values = {d.get(key) or "" for d in docs}
            box.setPlainText(values.pop() if len(values) == 1 else "")
            box.setPlaceholderText(MIXED if len(values) > 1 else hint)
            box.document().setModified(False)
        for widget, text, caret in typing:
            widget.setPlainText(text) if isinstance(widget, QPlainTextEdit) else \
                widget.setText(text)
            if isinstance(widget, QPlainTextEdit):
                cursor = widget.textCursor()
                cursor.setPosition(min(caret, len(text)))
                widget.setTextCursor(cursor)
                widget.document().setModified(True)
            else:
                widget.setCursorPosition(caret)
                widget.setModified(True)

    def _uncommitted(self) -> list[tuple]:
        """(widget, text, caret) of each text field edited since it was last committed."""
        out = [(box, box.toPlainText(), box.textCursor().position())
               for box in (self.caption, self.notes) if box.document().isModified()]
        out += [(edit, edit.text(), edit.cursorPosition())
                for edit in self.rights.fields.values() if edit.isModified()]
        return out

    def _facts(self, doc: dict | None) -> None:
        for row in range(self.facts.rowCount()):  # facts describe one asset only
            self.facts.setRowVisible(row, doc is not None)
        if doc is None:
            for label in self.fact_labels.values():
                label.setText("")
            return
        size = f"{doc['width']} × {doc['height']}" if doc.get("width") else "—"
        status = doc.get("status") or "ok"
        if status != "ok":
            status = f"{status}: {doc.get('error') or ''}"
        values = {"Size": size, "Duration": format_duration(doc.get("duration")) or "—",
                  "Colour": _colour_text(doc),
                  "Camera": doc.get("camera") or "—",
                  "Taken": (doc.get("taken") or "—").replace("T", " "),
                  "Status": status, "Path": doc.get("path") or ""}
        values["Made from"] = _made_from(doc)
        where = describe_location(doc.get("gps"))
        values["Location"] = f"Has location: {where}" if where else ""
        for name, value in values.items():
            self.fact_labels[name].setText(value)
        self.fact_labels["Location"].setToolTip(
            "The file says where it was taken. Renditions, stripped videos and renders leave "
            "it out; a pack of originals keeps it." if where else "")
        # Only a render has a cut it was made from (cuts.lineage, stored by add_render); only
        # a file with a GPS position has a location.
        for name in ("Made from", "Location"):
            self.facts.setRowVisible(self.fact_labels[name], bool(values[name]))

    def _update_preview(self) -> None:
        one = self.docs[0] if len(self.docs) == 1 else None
        playable = one is not None and one.get("kind") == "video" and one.get("status") == "ok"
        self.preview.setVisible(bool(self.docs) and not playable)
        self.video.setVisible(playable)
        if not playable:
            self.video.clear()
        if one is None:
            self.preview.set_pixmap(None, f"{len(self.docs):,} selected" if self.docs else "")
            return
        pix = self.thumbs.pixmap(one)
        kind = one.get("kind")
        text = "Loading…" if one.get("thumbnail") else f"No preview for this {kind or 'file'} yet"
        if playable:
            self.video.set_clip(one, pix, text)
        else:
            self.preview.set_pixmap(pix, text)

    def shutdown(self) -> None:
        self.video.shutdown()

    def _thumb_ready(self, asset_id: str) -> None:
        if len(self.docs) == 1 and self.docs[0]["id"] == asset_id:
            self._update_preview()

    def _show_in_folder(self) -> None:
        if len(self.docs) == 1:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.docs[0]["path"]).parent)))


def _made_from(doc: dict) -> str:
    """'Made from cut "X" · N sources' for a render (its `derived_from`), else ""."""
    derived = doc.get("derived_from")
    if not isinstance(derived, dict):
        return ""
    n = len(derived.get("source_ids") or []) + len(derived.get("unindexed") or [])
    return f"cut \"{derived.get('cut_name') or '?'}\" · {n} source{'s' if n != 1 else ''}"


def _colour_text(doc: dict) -> str:
    """The inspector's colour line: "HDR (HLG) · shown tone-mapped to SDR" for HDR clips, the
    colour space for other videos, "—" for photos and clips scanned before colour was read."""
    colour = doc.get("colour") or {}
    if hdr_mark(doc):
        return f"HDR ({doc['hdr'].upper()}, {colour.get('primaries', 'bt2020').upper()}) · " \
               "shown tone-mapped to SDR"
    if not colour:
        return "—"
    name = {"bt709": "BT.709", "smpte170m": "BT.601", "bt470bg": "BT.601"}.get(
        colour.get("matrix"), colour.get("matrix", "").upper())
    text = f"SDR {name}, {'full' if colour.get('range') == 'pc' else 'limited'} range"
    return text + ("" if colour.get("tagged", True) else " (untagged, assumed)")
