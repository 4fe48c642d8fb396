"""ChangeRelay: the catalog's change feed brought to the UI thread, in coalesced batches. Every
view in the window refreshes from its `changed(ChangeBatch)` signal and from nothing else (no
poll timers, no callbacks from whoever made the edit, no watching the undo stack).

Timing: a change made on the UI thread (an edit, an undo) is delivered at the next turn of the
event loop, so what a user did shows in the same frame, and a loop of edits is still one batch.
Changes from worker threads (a scan commits every 250 files or 0.5 s, a render, a script) are
gathered for COALESCE_MS before one delivery. Measured with tests/bench/bench_relay.py (2 cores,
load 3-4, two runs): 500 separate saved edits from a worker thread were 5 deliveries, against
82-114 deliveries and 100-163 re-run queries without coalescing (whose worker also took 1.6-2.3 s
instead of 1.2 s, and whose longest UI stall was 36-58 ms instead of 23-35 ms). A scan is bounded
by its own commits already: 300 photos were 8-11 deliveries and 2-3 re-run queries either way.
150 ms sits between Nielsen's 0.1 s (feels instant) and 1 s (keeps the user's flow) response
limits, for changes the user did not just make here, and below the scanner's 0.5 s commits.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from liveassets.catalog.changes import RELOAD, Change

COALESCE_MS = 150


class ChangeBatch:
    """The changes one delivery carries, with the questions views ask of them."""

    def __init__(self, items: list[tuple[Change, str]]):
        self.items = items
        self.everything = any(source == RELOAD for _, source in items)
        self.tables = {c.table for c, s in items if s != RELOAD}
        self.asset_ids: set[str] = set()
        self.fields: set[str] = set()  # asset fields written (all of a whole document)
        self.structural = False        # an asset came or went
        for change, _ in items:
            if change.table != "assets":
                continue
            self.asset_ids.update(change.after)
            for side in (change.before, change.after):
                for doc in side.values():
                    if doc is None:
                        self.structural = True
                    else:
                        self.fields.update(doc)

    @property
    def changes(self) -> list[Change]:
        return [c for c, _ in self.items]

    def of(self, table: str) -> list[Change]:
        return [c for c, _ in self.items if c.table == table]

    def touches(self, table: str) -> bool:
        return self.everything or table in self.tables

    def touches_assets(self, ids) -> bool:
        """True when any of `ids` changed (or anything may have)."""
        return self.everything or not self.asset_ids.isdisjoint(ids)

    def __len__(self) -> int:
        return len(self.items)


class ChangeRelay(QObject):
    """Subscribes to `catalog` and emits `changed(ChangeBatch)` on the UI thread."""

    changed = Signal(object)
    _arrived = Signal(bool)  # queued: True when the first change of a batch came from the UI

    def __init__(self, catalog, parent=None, coalesce_ms: int = COALESCE_MS):
        super().__init__(parent)
        self.coalesce_ms = coalesce_ms
        self._pending: list[tuple[Change, str]] = []
        self._ui_woken = False
        self._guard = threading.Lock()
        self._ui_thread = threading.get_ident()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.flush)
        self._arrived.connect(self._schedule, Qt.QueuedConnection)
        self.deliveries = 0
        self._unsubscribe = catalog.subscribe(self._heard)

    def _heard(self, change: Change, source: str) -> None:
        """On the writer's thread, outside the catalog's lock: queue it, wake the UI thread."""
        on_ui = threading.get_ident() == self._ui_thread
        with self._guard:
            # Wake the UI thread for the first change of a batch, and once more for the first
            # one made on it (a user's edit does not wait behind a scan's coalescing).
            wake = not self._pending or (on_ui and not self._ui_woken)
            self._ui_woken = self._ui_woken or on_ui
            self._pending.append((change, source))
        if wake:
            self._arrived.emit(on_ui)

    def _schedule(self, from_ui: bool) -> None:
        if from_ui:
            self._timer.stop()
            self.flush()
        elif not self._timer.isActive():
            self._timer.start(self.coalesce_ms)

    def flush(self) -> None:
        """Deliver what has arrived now (the timer's slot; also for shutdown)."""
        self._timer.stop()
        with self._guard:
            items, self._pending, self._ui_woken = self._pending, [], False
        if items:
            self.deliveries += 1
            self.changed.emit(ChangeBatch(items))

    def shutdown(self) -> None:
        """Stop listening (the window is closing); nothing is delivered after this."""
        self._unsubscribe()
        self._timer.stop()
        with self._guard:
            self._pending.clear()
