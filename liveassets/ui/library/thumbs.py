"""Thumbnails for the grid and inspector: read from the library's cache off the UI thread,
kept in a bounded QPixmapCache, newest requests first so what is on screen loads first."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap, QPixmapCache

from liveassets.ui.jobs import JobRunner

MAX_EDGE = 512  # thumbnails on disk are at most 512 px; cells draw them scaled down


def read_thumbnail(path: str) -> QImage:
    """The picture at `path`, upright, at most MAX_EDGE px; a null QImage if unreadable.
    Runs on a worker: QImage (unlike QPixmap) may be made off the UI thread."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    image = reader.read()
    if not image.isNull() and max(image.width(), image.height()) > MAX_EDGE:
        image = image.scaled(MAX_EDGE, MAX_EDGE, Qt.KeepAspectRatio, Qt.SmoothTransformation)
    return image


class ThumbnailLoader(QObject):
    """`pixmap(asset)` answers at once: the cached picture, or None after queueing a load on
    the JobRunner's "pictures" pool (`jobs`: the window's; a private one when None).

    `ready(asset_id)` fires on the UI thread when a requested picture arrives.
    """

    ready = Signal(str)

    def __init__(self, catalog, parent=None, cache_mb: int = 256,
                 jobs: JobRunner | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.jobs = jobs if jobs is not None else JobRunner(self)
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), cache_mb * 1024))
        self._pending: set[str] = set()
        self._failed: set[str] = set()
        self._order = itertools.count()

    @staticmethod
    def key(asset: dict) -> str | None:
        rel = asset.get("thumbnail")
        # The file's mtime too: a re-made thumbnail for a changed file keeps its path.
        return f"la:{asset['id']}:{rel}:{asset.get('mtime')}" if rel else None

    def pixmap(self, asset: dict) -> QPixmap | None:
        key = self.key(asset)
        if key is None or key in self._failed:
            return None
        pix = QPixmapCache.find(key)
        if pix is not None and not pix.isNull():
            return pix
        if key not in self._pending:
            self._pending.add(key)
            path = str(self.catalog.folder / asset["thumbnail"])
            # Later requests get higher priority: the rows just scrolled into view win.
            self.jobs.run("pictures", lambda _job: read_thumbnail(path), what="a thumbnail",
                          owner=self, priority=next(self._order) % 1_000_000,
                          done=lambda image: self._on_loaded(key, image),
                          failed=lambda _message: self._on_loaded(key, QImage()),
                          cancelled=lambda: self._pending.discard(key))
        return None

    def _on_loaded(self, key: str, image: QImage) -> None:
        self._pending.discard(key)
        if image.isNull():
            self._failed.add(key)
        else:
            QPixmapCache.insert(key, QPixmap.fromImage(image))
        self.ready.emit(key.split(":", 2)[1])

    def shutdown(self) -> None:
        """Drop queued loads and wait for running ones (windows call this when closing)."""
        self.jobs.cancel(owner=self)
        self.jobs.wait(owner=self)
        self._pending.clear()
