"""What a write changed (`Change`), and the feed that tells every subscriber about each one.

Anki's `operation_did_execute` is the model: the catalog announces every durable write (edits,
undo and redo, scans, imports, records such as posts and cuts) to whoever subscribed, so views
never poll and never depend on whoever happened to make the change telling them.

Delivery rules (see `Catalog.lock`): a change is published once it is on disk (a write that
could not be saved publishes nothing), after the writer has let go of the catalog's lock, on the
writer's thread. A subscriber may read or write the catalog; one that raises is logged and the
others still hear of the change. Changes made by one thread arrive in the order they were made;
two threads' changes may interleave, so a view re-reads what it shows rather than replaying.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# Where a published change came from.
EDIT, UNDO, REDO, SCAN, IMPORT = "edit", "undo", "redo", "scan", "import"
# Memory was read back from disk after a failed save: anything may differ from what was shown.
RELOAD = "reload"
SOURCES = (EDIT, UNDO, REDO, SCAN, IMPORT, RELOAD)


@dataclass
class Change:
    """What one operation changed: enough to refresh views, undo and redo.

    `before`/`after` map asset id -> the fields it had/has (None: the asset did not/does not
    exist; a whole document on the other side).
    """

    label: str
    before: dict[str, dict | None] = field(default_factory=dict)
    after: dict[str, dict | None] = field(default_factory=dict)
    table: str = "assets"  # or the name of a RecordStore (cuts, posts, ...)
    # tag key -> (spelling shown before, after) for edits that change how a tag is shown
    # (renaming "nova" to "Nova"); undo and redo put the matching side back.
    spellings: dict[str, tuple[str | None, str]] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return list(self.after)

    def __len__(self) -> int:
        return len(self.after)


Subscriber = Callable[[Change, str], None]


class ChangeFeed:
    """Subscribers of one catalog. `subscribe(fn)` returns the function that unsubscribes;
    `fn(change, source)` is called for every published change (source: one of SOURCES)."""

    def __init__(self):
        self._subscribers: list[Subscriber] = []
        self._guard = threading.Lock()

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._guard:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._guard:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)
        return unsubscribe

    def publish(self, items: list[tuple[Change, str]]) -> None:
        """Tell every subscriber of each (change, source), in order; never raises."""
        with self._guard:
            subscribers = list(self._subscribers)
        for change, source in items:
            for callback in subscribers:
                try:
                    callback(change, source)
                except Exception:  # a broken view must not undo a saved write, nor starve others
                    log.exception("A change subscriber failed on %r (%s)", change.label, source)


class PublishingLock:
    """The catalog's re-entrant lock; when a thread lets go of it for the last time, the changes
    its writes made durable meanwhile are published, outside the lock (so a subscriber that
    waits on another thread which needs the catalog cannot deadlock). Measured: ~0.41 us an
    acquire/release pair against ~0.18 us for a bare RLock (2 cores), nothing beside a query."""

    def __init__(self, feed: ChangeFeed):
        self._lock = threading.RLock()
        self._depth = 0  # only the owning thread touches it
        self.feed = feed
        self.ready: list[tuple[Change, str]] = []  # durable, not yet published (owner only)

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        got = self._lock.acquire(blocking, timeout)
        if got:
            self._depth += 1
        return got

    def release(self) -> None:
        self._depth -= 1
        if self._depth or not self.ready:
            self._lock.release()
            return
        items, self.ready = self.ready, []
        self._lock.release()
        self.feed.publish(items)

    def __enter__(self) -> PublishingLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
