"""GridFollower: keeps the grid in step with the catalog's changes (from the ChangeRelay):
changed rows repaint; when rows can come, go or move (an asset added or removed, or a field the
query or the sort reads was written), the query runs again off the UI thread and its rows
replace the shown ones, keeping the selection."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from liveassets.catalog.query import And, Not, Or, QueryError, Term, parse
from liveassets.ui.library.selection import show_keeping_selection

# Asset fields each query field reads (predicates.py) and each sort orders by (search.py).
_READS = {"text": {"name", "tags", "caption"}, "tag": {"tags"}, "kind": {"kind"},
          "rights": {"rights"}, "expires": {"rights"}, "rating": {"rating"}, "pick": {"pick"},
          "orient": {"width", "height", "rotation"}, "duration": {"duration"},
          "taken": {"taken"}, "status": {"status"}, "path": {"path"}, "id": set(),
          "stack": {"stack"}, "stacked": {"stack", "stack_size"}, "best": {"best"},
          "sharpness": {"sharpness"}, "exposure": {"exposure"}}
# With stacks collapsed, which rows show depends on these too (grid_model._arrange).
STACK_FIELDS = {"stack", "best"}
_SORTS = {"taken": {"taken"}, "name": {"name"}, "rating": {"rating"}, "added": {"added"},
          "path": {"path"}}
_ALL = {"*"}


def query_fields(text: str, sort: str) -> set[str]:
    """Asset fields whose change can change which rows `text` shows, or their order (sorting
    by path, rows tie-break on it: "path" is always in). A field unknown here counts as "*"."""
    fields = {"path"} | _SORTS.get(sort, _ALL)
    try:
        node = parse(text)
    except QueryError:
        return fields | _ALL
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Term):
            fields |= _READS.get(n.field, _ALL)
        elif isinstance(n, (And, Or)):
            stack.extend(n.items)
        elif isinstance(n, Not):
            stack.append(n.item)
    return fields


class GridFollower(QObject):
    """`queries` is the window's QueryRunner (its `ready(ids)` answers `request`)."""

    rowsChanged = Signal()  # rows came or went (after a re-run query was shown)

    def __init__(self, model, view, queries, relay, parent=None):
        super().__init__(parent)
        self.model, self.view, self.queries = model, view, queries
        self._again = False  # a change arrived while a query was running
        self.requeries = 0   # how often a change made the query run again (tests read it)
        relay.changed.connect(self.follow)
        queries.ready.connect(self._rows_ready)

    def follow(self, batch) -> None:
        if not batch.touches("assets"):
            return
        fields = query_fields(self.model.query_text, self.model.sort)
        if self.model.stacks_on:
            fields |= STACK_FIELDS
        if batch.everything or batch.structural or "*" in fields or \
                not fields.isdisjoint(batch.fields):
            self.requery()
        self.model.refresh(self.model.ids if batch.everything else batch.asset_ids)

    def requery(self) -> None:
        """Run the shown query again on the query thread (once more after a running one)."""
        self.requeries += 1
        if not self.queries.request(self.model.query_text, self.model.sort):
            self._again = True

    def _rows_ready(self, ids: list[str]) -> None:
        show_keeping_selection(self.view, ids)
        self.rowsChanged.emit()
        if self._again:
            self._again = False
            self.requery()
