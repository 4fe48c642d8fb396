"""TagEditor: the tags on the selection (with how many carry each) and a type-ahead field
over the library's tags (with counts) that also accepts new ones. Edits go to the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QCompleter, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

TAG_ROLE = Qt.UserRole + 1


class TagEditor(QWidget):
    tagsAdded = Signal(list)
    tagsRemoved = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Add tags…  (T)")
        self.choices = QStandardItemModel(self)
        self.edit.setToolTip("Type to pick an existing tag or write a new one; separate several "
                             "with commas; Enter applies them to every selected asset.")
        self.completer = QCompleter(self.choices, self)
        self.completer.setCompletionRole(TAG_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.edit.setCompleter(self.completer)
        self.completer.activated[str].connect(self._picked)
        self.edit.returnPressed.connect(self._typed)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QListWidget.ExtendedSelection)
        self.list.setMaximumHeight(96)
        self.list.setToolTip("Tags on the selection; (n/m) when only some selected assets "
                             "carry it. Select and press Delete to remove.")
        self.remove = QPushButton("Remove", self)
        self.remove.setToolTip("Remove the selected tags from every selected asset")
        self.remove.clicked.connect(self._remove_selected)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def set_choices(self, counts: dict[str, int]) -> None:
        """Completion over existing tags, most used first, shown with their counts."""
        self.choices.clear()
        for tag in sorted(counts, key=lambda t: (-counts[t], t.casefold())):
            item = QStandardItem(f"{tag}   ({counts[tag]:,})")
            item.setData(tag, TAG_ROLE)
            self.choices.appendRow(item)

    def show_tags(self, docs: list[dict]) -> None:
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for doc in docs:
            for tag in doc.get("tags") or ():
                key = tag.casefold()
                counts[key] = counts.get(key, 0) + 1
                names.setdefault(key, tag)
        self.list.clear()
        total = len(docs)
        for key in sorted(counts, key=lambda k: names[k].casefold()):
            n = counts[key]
            label = names[key] if n == total else f"{names[key]}   ({n}/{total})"
            item = QListWidgetItem(label)
            item.setData(TAG_ROLE, names[key])
            self.list.addItem(item)
        self.setEnabled(bool(docs))

    def _picked(self, tag: str) -> None:
        self._emit_add(tag)
        QTimer.singleShot(0, self.edit.clear)  # after QLineEdit writes the completion in

    def _typed(self) -> None:
        text = self.edit.text()
        self.edit.clear()
        self._emit_add(text)

    def _emit_add(self, text: str) -> None:
        tags = [t.strip() for t in text.split(",") if t.strip()]
        if tags:
            self.tagsAdded.emit(tags)

    def _remove_selected(self) -> None:
        tags = [i.data(TAG_ROLE) for i in self.list.selectedItems()]
        if tags:
            self.tagsRemoved.emit(tags)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and self.list.hasFocus():
            self._remove_selected()
            return
        super().keyPressEvent(event)
