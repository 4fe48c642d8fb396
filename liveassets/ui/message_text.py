"""Message boxes draw their text as written.

QMessageBox's text format is Qt.AutoText: a message that holds something tag-like is guessed to
be rich text (Qt::mightBeRichText), so a file named `<b>Bold</b> <img src='x'>.jpg` in "Cannot
save the captions: …" came out bold beside a broken picture, and a name with `<` could swallow
the rest of the sentence. Every message of ours is plain text (names, paths, errors), so every
QMessageBox of the application, the static `warning`/`question`/… ones included, is switched to
Qt.PlainText as the app's style polishes it (once, before it is first shown; the same hook as
ui/wheel_guard, so no per-call wrapper that a caller could forget). Input dialogs ask in a label
of the same kind ("Merge “<b>tag</b>” into:"): theirs are made plain text the same way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel, QMessageBox, QWidget

from liveassets.ui.theme.palette import ClearIndicators


def plain(widget: QWidget) -> None:
    """A message box's text (we set no informative text) and an input dialog's question as
    written; other widgets unchanged."""
    if isinstance(widget, QMessageBox) and widget.textFormat() != Qt.PlainText:
        widget.setTextFormat(Qt.PlainText)
    elif isinstance(widget, QInputDialog):
        for label in widget.findChildren(QLabel):
            label.setTextFormat(Qt.PlainText)


def install(app: QApplication) -> None:
    """Make every message box of `app` plain text, those polished from now on and those that
    exist already. Calling it again changes nothing."""
    if plain not in ClearIndicators.polishers:
        ClearIndicators.polishers.append(plain)
    for widget in app.allWidgets():
        plain(widget)
