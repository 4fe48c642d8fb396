"""Which core Change a step of the window's undo stack made, so a view that follows the stack
(the posts list, the calendar) re-reads only when a step can have changed what it shows:
culling a hundred photos must not re-read two thousand posts a hundred times."""

from __future__ import annotations


class StepWatcher:
    """`concerns(index)` for QUndoStack.indexChanged: True when the step just done, undone or
    redone touched posts, or assets in `linked()` (ids of the assets the view's posts use), or
    cannot be told (the view should re-read then)."""

    def __init__(self, stack, linked):
        self.stack, self.linked = stack, linked
        self.index = stack.index()

    def concerns(self, index: int) -> bool:
        previous, self.index = self.index, index
        if index == previous:
            return False
        try:
            command = self.stack.command(index - 1 if index > previous else index)
        except RuntimeError:  # the stack is being destroyed with its window (clear() signals)
            return False
        change = getattr(command, "change", None)
        if change is None or abs(index - previous) != 1:
            return True
        if change.table == "posts":
            return True
        if change.table == "assets":
            return not self.linked().isdisjoint(change.after)
        return False  # cuts, templates, settings: nothing these views show
