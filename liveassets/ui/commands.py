"""Undo commands over core edits: each wraps one catalog `Change`, which knows its inverse."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from liveassets.errors import UserError


class CatalogCommand(QUndoCommand):
    """One user edit. The first redo() performs it; undo()/redo() replay the core Change.

    Views learn of every step from the catalog's change feed (ui/changes.py), not from here;
    `on_change(change)`, when given, is called after each step for a caller that needs the
    Change itself (a standalone view without a relay). A
    user error raised by the edit is kept in `.error` (and the command marked obsolete, so
    QUndoStack drops it) instead of escaping from inside Qt's push(); one raised by a later
    undo or redo (the library changed meanwhile) is handed to `on_error(exc)` as well.

    Commands given the same `merge_key` within MERGE_SECONDS of each other fold into one step
    (a caption saved at every pause in typing is undone as one piece, like typing elsewhere).
    """

    MERGE_ID = 0x4C41
    MERGE_SECONDS = 5.0

    def __init__(self, catalog, label: str, perform: Callable,
                 on_change: Callable | None = None, merge_key=None, on_error: Callable | None = None,
                 parent: QUndoCommand | None = None):
        super().__init__(label, parent)
        self.on_error = on_error
        self.merge_key, self.at = merge_key, time.monotonic()
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
            if self.on_change is not None:
                self.on_change(self.change)
            return
        if len(self.change):      # (an empty step inside CatalogSteps has nothing to redo)
            self._replay(self.catalog.redo)

    def undo(self) -> None:
        if self.change is not None and len(self.change):
            self._replay(self.catalog.undo)

    def _replay(self, step: Callable) -> None:
        # The core refuses a step whose documents changed meanwhile (a rescan after a removal,
        # a full disk): the step leaves the history (Qt drops a command obsolete after undo or
        # redo) and the user is told, instead of a traceback from inside Qt.
        try:
            change = step(self.change)
        except (ValueError, UserError) as exc:
            self.error = exc
            self.setObsolete(True)
            if self.on_error is not None:
                self.on_error(exc)
            return
        if self.on_change is not None:
            self.on_change(change)

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other) -> bool:
        mine, theirs = self.change, getattr(other, "change", None)
        if (getattr(other, "merge_key", None) != self.merge_key or mine is None
                or theirs is None or other.isObsolete() or other.at - self.at > self.MERGE_SECONDS
                or theirs.table != mine.table or set(theirs.after) != set(mine.after)):
            return False
        self.change = type(mine)(mine.label, mine.before, theirs.after, mine.table)
        self.at = other.at
        self.setObsolete(mine.before == theirs.after)  # typed and then typed back: no step
        return True


def push_edit(undo_stack, catalog, label: str, perform, on_change=None, merge_key=None,
              notify=None) -> str | None:
    """Run `perform()` (a core write returning a Change) as one undoable step on `undo_stack`
    (folded into the step before when both carry the same `merge_key`); returns the user's
    error message when the core refused it (nothing is then on the stack), else None.
    `notify(text, error)` also hears a later undo or redo the core refuses (the library
    changed meanwhile), as the window's status line does for grid edits."""
    on_error = (lambda exc: notify(str(exc), True)) if notify is not None else None
    command = CatalogCommand(catalog, label, perform, on_change, merge_key, on_error)
    undo_stack.push(command)
    return str(command.error) if command.error is not None else None


class CatalogSteps(QUndoCommand):
    """Several core edits, possibly of different tables (a tag renamed on the assets, then
    the saved searches that name it), as ONE undo step: each `perform` runs only when the one
    before it succeeded; undo runs them back in reverse order (Qt's child commands). When the
    first is refused the whole step is dropped and its error kept in `.error`."""

    def __init__(self, catalog, label: str, performs: list[Callable],
                 on_change: Callable | None = None, on_error: Callable | None = None):
        super().__init__(label)
        self.steps = []
        for perform in performs:
            step = CatalogCommand(catalog, label, self._after_the_others(perform), on_change,
                                  on_error=on_error, parent=self)
            self.steps.append(step)
        self.error: Exception | None = None

    def _after_the_others(self, perform: Callable) -> Callable:
        def run():
            failed = next((s.error for s in self.steps if s.error is not None), None)
            if failed is not None:
                raise failed   # an earlier step was refused: this one must not run alone
            return perform()
        return run

    def redo(self) -> None:
        super().redo()
        self.error = next((s.error for s in self.steps if s.error is not None), None)
        first = self.steps[0].change if self.steps else None
        if self.error is not None or first is None or not len(first):
            self.setObsolete(True)   # refused, or nothing changed: no step in the history


def push_edits(undo_stack, catalog, label: str, performs: list[Callable], on_change=None,
               notify=None) -> str | None:
    """`push_edit` for several core writes that make one user edit (`CatalogSteps`)."""
    on_error = (lambda exc: notify(str(exc), True)) if notify is not None else None
    command = CatalogSteps(catalog, label, performs, on_change, on_error)
    undo_stack.push(command)
    return str(command.error) if command.error is not None else None
