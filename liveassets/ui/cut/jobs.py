"""The cut editor's background work: renders and quick exports (then the clip joins the
library), and poster frames for the segment list, all off the UI thread."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal
from PySide6.QtGui import QImage

from liveassets.cuts.plan import CutPlan
from liveassets.errors import UserError, disk_message
from liveassets.jobs import CancelToken, Cancelled

THROTTLE = 0.1  # seconds between progress reports


class RenderSignals(QObject):
    progress = Signal(str, int, int, object)  # phase, done, total, eta seconds (or None)
    finished = Signal(object, object)  # RenderResult or QuickResult, asset id (or None)
    failed = Signal(str)
    cancelled = Signal()


class RenderJob(QRunnable):
    """`mode` "render": render(), then the output scanned into the library and tagged with the
    cut's name; "quick": quick_export() instead of render(); "preview": a half-size fast render
    that stays out of the library."""

    def __init__(self, catalog, plan: CutPlan, out: str, size, cancel: CancelToken,
                 signals: RenderSignals, mode: str = "render"):
        super().__init__()
        self.setAutoDelete(True)
        self.catalog, self.plan, self.out, self.size = catalog, plan, out, size
        self.cancel, self.signals, self.mode = cancel, signals, mode

    def run(self) -> None:
        from liveassets.cuts.quick import quick_export
        from liveassets.cuts.render import render
        from liveassets.cuts.store import add_render

        last = {"at": 0.0, "phase": None}

        def progress(p) -> None:
            now = time.monotonic()
            if p.phase != last["phase"] or p.done >= p.total or now - last["at"] >= THROTTLE:
                last["phase"], last["at"] = p.phase, now
                self.signals.progress.emit(p.phase, p.done, p.total, getattr(p, "eta", None))

        try:
            if self.mode == "quick":
                result = quick_export(self.plan, self.out, progress, self.cancel,
                                      catalog=self.catalog)
            else:
                result = render(self.plan, self.out, progress, self.cancel, size=self.size,
                                catalog=self.catalog, preview=self.mode == "preview")
            asset_id = None
            if self.mode != "preview":
                self.signals.progress.emit("Adding to the library", 1, 1, 0.0)
                asset_id = add_render(self.catalog, self.plan, result.path)
        except Cancelled:
            self.signals.cancelled.emit()
        except (UserError, ValueError) as exc:  # PlanError, DiskError, CatalogError
            self.signals.failed.emit(str(exc))
        except OSError as exc:  # a disk error no layer below named: still one line
            self.signals.failed.emit(disk_message(exc))
        except Exception as exc:  # noqa: BLE001 - a worker must always report back
            self.signals.failed.emit(f"The render failed: {exc}")
        else:
            self.signals.finished.emit(result, asset_id)


class _Poster(QRunnable):
    def __init__(self, posters: Posters, key: tuple, size: int):
        super().__init__()
        self.posters, self.key, self.size = posters, key, size

    def run(self) -> None:
        from liveassets.cuts.posters import poster_at

        try:
            im = poster_at(self.key[0], self.key[1], self.size).convert("RGB")
            image = QImage(im.tobytes(), im.width, im.height, im.width * 3,
                           QImage.Format_RGB888).copy()
        except Exception:  # noqa: BLE001 - an unreadable source just has no poster
            image = QImage()
        self.posters._loaded.emit(self.key, image)


class Posters(QObject):
    """`image(path, seconds)` answers at once from the cache, or None after queueing a decode;
    `ready(path, seconds)` fires on the UI thread when it arrives (a null QImage: unreadable)."""

    ready = Signal(str, float)
    _loaded = Signal(object, QImage)

    def __init__(self, parent=None, size: int = 360, keep: int = 200):
        super().__init__(parent)
        self.size, self.keep = size, keep
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._cache: dict[tuple, QImage] = {}
        self._pending: set[tuple] = set()
        self._loaded.connect(self._arrived, Qt.QueuedConnection)

    @staticmethod
    def _key(path: str, seconds: float | None) -> tuple:
        return str(path), round(float(seconds or 0.0), 1)

    def image(self, path: str, seconds: float | None = 0.0) -> QImage | None:
        key = self._key(path, seconds)
        if key in self._cache:
            return self._cache[key]
        if key not in self._pending:
            self._pending.add(key)
            self.pool.start(_Poster(self, key, self.size))
        return None

    def _arrived(self, key: tuple, image: QImage) -> None:
        self._pending.discard(key)
        if len(self._cache) >= self.keep:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = image
        self.ready.emit(*key)

    def shutdown(self) -> None:
        self.pool.clear()
        self.pool.waitForDone()
