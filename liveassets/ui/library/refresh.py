"""QueryRunner: runs the grid's query (and the sidebar's recount) as jobs on the JobRunner's
"reads" pool, so the UI thread never waits for `catalog.lock` (held by the scanner's batch
commits, fsync included) nor spends a 50,000-asset query and sort on its own time."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from liveassets.catalog.query import QueryError
from liveassets.ui.jobs import JobRunner

QUERY_KEY = "grid query"


class QueryRunner(QObject):
    """`request(text, sort)` at most one at a time; `ready(ids)` for the latest request only.
    `jobs`: the window's JobRunner (a private one when None)."""

    ready = Signal(object)

    def __init__(self, catalog, parent=None, jobs: JobRunner | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.busy = False

    def request(self, text: str, sort: str) -> bool:
        """Start a query unless one is running (callers ask again on their next tick)."""
        if self.busy:
            return False
        self.busy = True
        catalog = self.catalog

        def query(_job):
            try:
                return [d["id"] for d in catalog.query(text, sort=sort)]
            except QueryError:
                return None  # the text was valid when asked; the UI re-runs it and reports

        self.jobs.run("reads", query, what="the search", key=QUERY_KEY, owner=self,
                      done=self._done, failed=self._failed, cancelled=self._ended)
        return True

    def call(self, fn, callback) -> None:
        """Run `fn()` (reads only) on the reads pool; `callback(result)` on the UI thread (a
        failure is shown in the window's status line by the runner)."""
        self.jobs.run("reads", lambda _job: fn(), what="a count", owner=self, done=callback)

    def forget(self) -> None:
        """A result still on its way is for a query the user has since changed: drop it."""
        self.jobs.cancel(key=QUERY_KEY)

    def _done(self, ids) -> None:
        self.busy = False
        if ids is not None:
            self.ready.emit(ids)

    def _ended(self) -> None:
        self.busy = False

    def _failed(self, message: str) -> None:
        self.busy = False
        self.jobs.unhandled.emit(message)  # the window's status line says it

    def shutdown(self) -> None:
        self.forget()
        self.jobs.wait(owner=self)
