"""StackActions: the grid's burst stacks (the stacks helper groups them at scan time): the
Stacks toggle that collapses each to its suggested pick, opening and closing one stack, and
"Reject the rest of this stack" (one undo step).

Keys, as in Lightroom Classic's Library grid where they exist: S opens or closes the focused
stack (Lightroom: "Expand/collapse stack"), Shift+S turns stacks on or off for the whole grid;
Shift+X rejects the rest of the stack (X rejects one photo, as everywhere in the grid). A
click on a cell's stack badge opens or closes it too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from liveassets.catalog.stacks import members as stack_members
from liveassets.ui.library.grid_model import ID_ROLE
from liveassets.ui.library.selection import show_keeping_selection


class StackActions(QObject):
    """`make_action(text, slot, keys, grid=, tip=)` builds the window's actions;
    `edit(label, perform, ids) -> bool` makes one undoable edit (EditController.edit);
    `notify(text, error=False)` reports."""

    def __init__(self, model, view, catalog, make_action: Callable, edit: Callable,
                 notify: Callable, parent=None):
        super().__init__(parent)
        self.model, self.view, self.catalog = model, view, catalog
        self.edit, self.notify = edit, notify
        a = make_action
        self.toggle_action = a("Stacks", self.set_stacks_shown, ["Shift+S"], grid=True,
                               tip="Show each burst stack as its suggested pick with a count "
                                   "(Shift+S)")
        self.toggle_action.setCheckable(True)
        self.open_action = a("Open or close stack", self.toggle_focused, ["S"], grid=True,
                             tip="Show the focused stack's photos side by side, or fold them "
                                 "back (S; or click the stack badge)")
        self.reject_rest_action = a("Reject the rest of this stack", self.reject_rest,
                                    ["Shift+X"], grid=True,
                                    tip="Reject every photo of the focused photo's stack but "
                                        "that one (Shift+X)")
        view.badgeClicked.connect(self.toggle_stack_of)

    @property
    def actions(self) -> list:
        return [self.toggle_action, self.open_action, self.reject_rest_action]

    def set_stacks_shown(self, on: bool | None = None) -> None:
        """Collapse the grid's stacks (on) or show every photo (off); the selection stays."""
        on = self.toggle_action.isChecked() if on is None else bool(on)
        self.toggle_action.setChecked(on)
        if on == self.model.stacks_on:
            return
        self.model.set_stacks(on, expanded=set())
        self._show_again()

    def restore(self, on: bool) -> None:
        """Stacks as the user left them last time (the window's first query follows)."""
        self.toggle_action.setChecked(bool(on))
        self.model.set_stacks(bool(on), expanded=set())

    def _show_again(self) -> None:
        show_keeping_selection(self.view, self.model.source_ids)
        current = self.view.currentIndex()
        if current.isValid():
            self.view.scrollTo(current)

    def _focused(self) -> str | None:
        idx = self.view.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def toggle_focused(self) -> None:
        aid = self._focused()
        if aid is not None:
            self.toggle_stack_of(aid)

    def toggle_stack_of(self, asset_id: str) -> None:
        """Open the stack `asset_id` belongs to if closed, close it if open (stacks shown)."""
        if not self.model.stacks_on:
            self.notify("Turn on Stacks (View > Stacks, Shift+S) to open and close stacks.")
            return
        sid = self.model.stack_of.get(asset_id)
        if sid is None:
            self.notify("This photo is not in a stack here.")
            return
        expanded = set(self.model.expanded)
        expanded.symmetric_difference_update({sid})
        self.model.set_stacks(True, expanded=expanded)
        self._show_again()
        row = self.model.row_of(asset_id)
        if row >= 0:  # the focus stays on the photo (or the stack it folded into)
            self.view.setCurrentIndex(self.model.index(row))

    def reject_rest(self) -> None:
        """Reject every other member of the focused photo's stack, as one undo step."""
        keep = self._focused()
        if keep is None:
            self.notify("Select a photo in a stack first.")
            return
        doc = self.model.doc(self.model.row_of(keep))
        sid = doc.get("stack") if doc else None
        members = stack_members(self.catalog, sid) if sid else []
        if len(members) < 2:
            self.notify(f"{doc.get('name') if doc else 'This asset'} is not in a stack: "
                        "nothing else to reject.")
            return
        rest = [d["id"] for d in members if d["id"] != keep and d.get("pick") != "rejected"]
        if not rest:
            self.notify("The rest of this stack is rejected already.")
            return
        label = f"Reject the rest of the stack ({len(rest)} photo{'s' if len(rest) != 1 else ''})"
        if self.edit(label, lambda ids: self.catalog.set_pick(ids, "rejected"), rest):
            self.notify(f"Rejected {len(rest)} other photo{'s' if len(rest) != 1 else ''} of "
                        f"the stack; kept {doc.get('name')}.")
