"""SearchBar: the query box (the core search language), with completion for field names,
enumerated values and `tag:` values, and an inline message for a malformed query."""

from __future__ import annotations

import html

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCompleter, QHBoxLayout, QLabel, QLineEdit, QToolButton,
                               QVBoxLayout, QWidget)

from liveassets.catalog.query import FIELD_VALUES, FIELDS, quote


class QueryEdit(QLineEdit):
    """A line edit that completes the word under the cursor rather than the whole text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tag_source = lambda: {}
        self.words = QStringListModel(self)
        self.completer = QCompleter(self.words, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.PopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated[str].connect(self.insert_completion)
        self.textEdited.connect(self.update_completions)

    def current_word(self) -> tuple[int, str]:
        text, cur = self.text(), self.cursorPosition()
        start = cur
        in_quote = text[:cur].count('"') % 2 == 1
        while start > 0 and (in_quote or text[start - 1] not in " ()|"):
            start -= 1
            if text[start] == '"' and in_quote:
                in_quote = text[:start].count('"') % 2 == 1
        if start < cur and text[start] == "-":
            start += 1
        return start, text[start:cur]

    def candidates(self, word: str) -> list[str]:
        field, colon, _ = word.partition(":")
        if not colon:
            return [f + ":" for f in FIELDS]
        field = field.lower()
        if field == "tag":
            counts = self.tag_source()
            names = sorted(counts, key=lambda t: (-counts[t], t.casefold()))
            return [f"tag:{t}" for t in names]  # quoted when inserted
        return [f"{field}:{v}" for v in FIELD_VALUES.get(field, [])]

    def update_completions(self) -> None:
        start, word = self.current_word()
        if not word:
            self.completer.popup().hide()
            return
        self.words.setStringList(self.candidates(word))
        self.completer.setCompletionPrefix(word.replace('"', ""))
        count = self.completer.completionCount()
        if count and not (count == 1 and self.completer.currentCompletion() == word):
            rect = self.cursorRect()
            rect.setWidth(max(240, self.completer.popup().sizeHintForColumn(0) + 24))
            self.completer.complete(rect)
        else:
            self.completer.popup().hide()

    def insert_completion(self, completion: str) -> None:
        start, word = self.current_word()
        text, cur = self.text(), self.cursorPosition()
        field, colon, value = completion.partition(":")
        if colon and value:
            completion = f"{field}:{quote(value)}"
        tail = "" if completion.endswith(":") else " "
        self.setText(text[:start] + completion + tail + text[cur:].lstrip())
        self.setCursorPosition(start + len(completion) + len(tail))
        self.textEdited.emit(self.text())  # a completed value (tag:x) searches at once

    def keyPressEvent(self, event) -> None:
        popup = self.completer.popup()
        if popup.isVisible() and event.key() in (Qt.Key_Enter, Qt.Key_Return, Qt.Key_Tab):
            index = popup.currentIndex()
            if not index.isValid():
                index = self.completer.completionModel().index(0, 0)
            popup.hide()
            self.insert_completion(index.data())
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """`queryChanged(text)` fires (debounced) as the user types; `show_error` marks problems;
    `saveRequested()` when the Save button beside the box is pressed."""

    queryChanged = Signal(str)
    saveRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QueryEdit(self)
        self.edit.setPlaceholderText('Search: words, tag:creator:@nova, rights:cleared, '
                                     'kind:video, rating>=4 …  (Ctrl+F)')
        self.edit.setClearButtonEnabled(True)
        self.error = QLabel(self)
        self.error.setObjectName("queryError")
        self.error.setTextFormat(Qt.RichText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #f85149;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.save_button = QToolButton(self)
        self.save_button.setText("Save search…")
        self.save_button.setToolTip("Keep this search (with the quick filters) as a smart "
                                    "collection in the sidebar")
        self.save_button.clicked.connect(self.saveRequested)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.emit_now)
        self.edit.textEdited.connect(lambda _: self._timer.start())
        self.edit.returnPressed.connect(self.emit_now)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str, emit: bool = True) -> None:
        self.edit.setText(text)
        if emit:
            self.emit_now()

    def emit_now(self) -> None:
        self._timer.stop()
        self.queryChanged.emit(self.edit.text())

    def show_error(self, message: str | None, position: int = 0) -> None:
        if not message:
            self.error.hide()
            self.edit.setStyleSheet("")
            return
        text = self.edit.text()
        pos = max(0, min(position, len(text)))
        mark = text[pos:pos + 1] or " "
        shown = (html.escape(text[:pos]) + "<u><b>" + html.escape(mark).replace(" ", "&nbsp;")
                 + "</b></u>" + html.escape(text[pos + 1:]))
        self.error.setText(f"⚠ {html.escape(message)}<br><code>{shown}</code>")
        self.error.setToolTip(f"The problem starts at character {pos + 1}.")
        self.error.show()
        self.edit.setStyleSheet("QLineEdit { border: 1px solid #f85149; }")
