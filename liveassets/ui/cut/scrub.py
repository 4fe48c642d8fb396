"""FrameScrubber: frames for the framing preview while its slider moves through a segment,
decoded on the JobRunner's "pictures" pool. Requests coalesce: at most one decode is in flight
per scrubber, and while it runs only the newest request is kept, so dragging the slider across
a clip costs a handful of decodes (one seek + decode is ~75 ms, SPECS.md "Reading media fast"),
never a queue of stale ones; the last position asked for is always the one shown."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from liveassets.ui.cut.jobs import poster_image
from liveassets.ui.jobs import JobRunner

STEP = 0.1  # seconds: frames closer than this share a decode (and a cache entry)


class FrameScrubber(QObject):
    """`request(path, seconds)`: `frame(path, seconds, image)` follows on the UI thread (a null
    QImage when the file cannot be read); at once from the cache when the frame was decoded
    before. `decoded` counts the decodes run (tests and the benchmark read it)."""

    frame = Signal(str, float, QImage)

    def __init__(self, jobs: JobRunner, parent=None, size: int = 360, keep: int = 60):
        super().__init__(parent)
        self.jobs, self.size, self.keep = jobs, size, keep
        self._cache: OrderedDict[tuple, QImage] = OrderedDict()
        self._busy = False
        self._next: tuple | None = None  # asked for while a decode ran: started after it
        self._wanted: tuple | None = None  # the newest ask of all
        self.decoded = 0

    @staticmethod
    def key(path: str, seconds: float) -> tuple:
        return str(path), round(round(max(0.0, float(seconds)) / STEP) * STEP, 3)

    def cached(self, path: str, seconds: float) -> QImage | None:
        return self._cache.get(self.key(path, seconds))

    def request(self, path: str, seconds: float) -> None:
        key = self.key(path, seconds)
        self._wanted = key
        if key in self._cache:
            self._next = None  # the newest ask is answered: an older pending one is stale
            self._cache.move_to_end(key)
            self.frame.emit(key[0], key[1], self._cache[key])
            return
        self._next = key
        if not self._busy:
            self._start()

    def _start(self) -> None:
        key, self._next = self._next, None
        if key is None:
            return
        self._busy = True
        size = self.size
        self.jobs.run("pictures", lambda _job: poster_image(key[0], key[1], size),
                      what="a frame of the clip", owner=self, priority=1,
                      done=lambda image: self._arrived(key, image),
                      failed=lambda _message: self._arrived(key, QImage()),
                      cancelled=self._stopped)

    def _arrived(self, key: tuple, image: QImage) -> None:
        self._busy = False
        self.decoded += 1
        self._cache[key] = image
        while len(self._cache) > self.keep:
            self._cache.popitem(last=False)
        # The answer, or a frame on the way to it (the picture follows a drag); never one
        # older than a cached answer already shown.
        if key == self._wanted or self._next is not None:
            self.frame.emit(key[0], key[1], image)
        self._start()

    def _stopped(self) -> None:
        self._busy = False

    def shutdown(self) -> None:
        self._next = None
        self.jobs.cancel(owner=self)
        self.jobs.wait(owner=self)
