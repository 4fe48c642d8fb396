"""Undo commands over core edits: each wraps one catalog `Change`, which knows its inverse."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from liveassets.errors import UserError


class CatalogCommand(QUndoCommand):
    """One user edit. The first redo() performs it; undo()/redo() replay the core Change.

    `on_change(change)` is called after every step so views refresh only what changed. A
    user error raised by the edit is kept in `.error` (and the command marked obsolete, so
    QUndoStack drops it) instead of escaping from inside Qt's push().
    """

    def __init__(self, catalog, label: str, perform: Callable, on_change: Callable):
        super().__init__(label)
        self.catalog = catalog
        self.perform = perform
        self.on_change = on_change
        self.change = None
        self.error: Exception | None = None

    def redo(self) -> None:
        if self.change is None:
            try:
                self.change = self.perform()
            except (ValueError, UserError) as exc:  # CatalogError, PostError...: a user's mistake
                self.error = exc
                self.setObsolete(True)
                return
            if not len(self.change):
                self.setObsolete(True)  # nothing changed: no empty step in the history
            if self.change.label:
                self.setText(self.change.label if self.text() == "" else self.text())
            self.on_change(self.change)
            return
        self.on_change(self.catalog.redo(self.change))

    def undo(self) -> None:
        if self.change is not None:
            self.on_change(self.catalog.undo(self.change))
