"""CutDocument: the one CutPlan the cut editor is working on, shared by every panel of the dock.
Panels never keep a plan of their own: they read `document.plan` when they need it and reload
their widgets on `replaced` (New cut, Open, Duplicate, a plan file), so nothing can be typed
into a plan that save, validate and render do not see (issue #12: a new cut's extras went into
a private plan that no render read)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from liveassets.cuts.plan import CutPlan


class CutDocument(QObject):
    """Holds the current CutPlan. `replace(plan)` swaps it and emits `replaced(plan)`; edits
    to the plan's fields are made in place on `plan` by whichever panel owns the field."""

    replaced = Signal(object)  # the new CutPlan

    def __init__(self, plan: CutPlan | None = None, parent=None):
        super().__init__(parent)
        self._plan = plan if plan is not None else CutPlan()

    @property
    def plan(self) -> CutPlan:
        return self._plan

    def replace(self, plan: CutPlan) -> None:
        """Make `plan` the plan every panel shows and edits (TypeError if it is not a
        CutPlan: a programming error, never a user's)."""
        if not isinstance(plan, CutPlan):
            raise TypeError(f"a CutDocument holds a CutPlan, not {type(plan).__name__}")
        self._plan = plan
        self.replaced.emit(plan)
