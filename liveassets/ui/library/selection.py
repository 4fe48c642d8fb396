"""The grid's selection as asset ids: read it, set it, and keep it across a change of rows."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel

from liveassets.ui.library.grid_model import ID_ROLE


def selected_ids(view) -> list[str]:
    """Ids of the selected assets, in row order; a selected collapsed stack stands for all its
    members the query matched (an edit to a folded stack's cell applies to the whole stack, as
    issue 15 asks: "culling keys work on a whole stack")."""
    model = view.model()
    rows = selected_rows(view)
    if not getattr(model, "groups", None):
        return rows
    return [aid for row_id in rows for aid in model.members_of(row_id)]


def selected_rows(view) -> list[str]:
    """Ids of the selected rows as shown, in row order (a collapsed stack is its one row;
    ranges, not one index per row: select-all of 50,000 rows stays cheap)."""
    sel, ids = view.selectionModel(), view.model().ids
    if sel is None:
        return []
    rows = set()
    for rng in sel.selection():
        rows.update(range(rng.top(), min(rng.bottom(), len(ids) - 1) + 1))
    return [ids[r] for r in sorted(rows)]


def select_ids(view, ids, current: str | None = None) -> None:
    """Select the rows of `ids` (those shown) and make `current` the current row."""
    model, sel = view.model(), view.selectionModel()
    selection = QItemSelection()
    for row in sorted(model.row_of(a) for a in ids):
        if row >= 0:
            idx = model.index(row)
            selection.select(idx, idx)
    sel.select(selection, QItemSelectionModel.ClearAndSelect)
    row = model.row_of(current) if current else -1
    if row >= 0:
        sel.setCurrentIndex(model.index(row), QItemSelectionModel.NoUpdate)


def show_keeping_selection(view, ids: list[str]) -> None:
    """Show these rows; the selection, current row and scroll position stay where they were
    (new rows from a scan must not throw the user back to the top)."""
    model = view.model()
    selected = set(selected_ids(view))
    current = view.currentIndex().data(ID_ROLE)
    scrolled = view.verticalScrollBar().value()
    if model.set_ids(ids):  # a reset (rows only inserted keep their selection by themselves)
        select_ids(view, selected, current)
        view.verticalScrollBar().setValue(scrolled)
