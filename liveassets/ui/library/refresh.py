"""QueryRunner: runs the grid's query (and the sidebar's recount) on a one-thread pool, so the
UI thread never waits for `catalog.lock` (held by the scanner's batch commits, fsync included)
nor spends a 50,000-asset query and sort on its own time; results come back by queued signal."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from liveassets.catalog.query import QueryError


class _Signals(QObject):
    ready = Signal(int, object)  # token, list of ids
    called = Signal(object, object)  # callback, result


class _Call(QRunnable):
    def __init__(self, fn, callback, signals: _Signals):
        super().__init__()
        self.fn, self.callback, self.signals = fn, callback, signals

    def run(self) -> None:
        self.signals.called.emit(self.callback, self.fn())


class _Query(QRunnable):
    def __init__(self, catalog, text: str, sort: str, token: int, signals: _Signals):
        super().__init__()
        self.catalog, self.text, self.sort, self.token = catalog, text, sort, token
        self.signals = signals

    def run(self) -> None:
        try:
            ids = [d["id"] for d in self.catalog.query(self.text, sort=self.sort)]
        except (QueryError, ValueError):
            ids = None  # the text was valid when asked; the UI re-runs it and reports
        self.signals.ready.emit(self.token, ids)


class QueryRunner(QObject):
    """`request(text, sort)` at most one at a time; `ready(ids)` for the latest request only."""

    ready = Signal(object)

    def __init__(self, catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.ready.connect(self._done)
        self._signals.called.connect(lambda callback, result: callback(result))
        self._tokens = itertools.count(1)
        self._latest = 0
        self.busy = False

    def request(self, text: str, sort: str) -> bool:
        """Start a query unless one is running (callers ask again on their next tick)."""
        if self.busy:
            return False
        self.busy = True
        self._latest = next(self._tokens)
        self.pool.start(_Query(self.catalog, text, sort, self._latest, self._signals))
        return True

    def call(self, fn, callback) -> None:
        """Run `fn()` (reads only) on the query thread; `callback(result)` on the UI thread."""
        self.pool.start(_Call(fn, callback, self._signals))

    def forget(self) -> None:
        """A result still on its way is for a query the user has since changed: drop it."""
        self._latest = next(self._tokens)

    def _done(self, token: int, ids) -> None:
        self.busy = False
        if token == self._latest and ids is not None:
            self.ready.emit(ids)

    def shutdown(self) -> None:
        self.forget()
        self.pool.waitForDone()
