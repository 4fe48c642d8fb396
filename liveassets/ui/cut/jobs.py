"""The cut editor's background work on the JobRunner: renders and quick exports on the "work"
pool (then the clip joins the library), and poster frames for the segment list on "pictures"."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from liveassets.cuts.plan import CutPlan
from liveassets.ui.jobs import Job, JobRunner


class RenderSignals(QObject):
    progress = Signal(str, int, int, object)  # phase, done, total, eta seconds (or None)
    finished = Signal(object, object)  # RenderResult or QuickResult, asset id (or None)
    failed = Signal(str)
    cancelled = Signal()


def render_work(catalog, plan: CutPlan, out: str, size, mode: str = "render",
                captions: str = "burn"):
    """The job for `JobRunner.run`: `mode` "render": render(), then the output scanned into the
    library and tagged with the cut's name; "quick": quick_export() instead of render();
    "preview": a half-size fast render that stays out of the library. `captions`: what becomes
    of the timed captions (render.CAPTION_MODES; a preview only burns them). `plan` must be the
    worker's own copy. The job's result is (RenderResult or QuickResult, asset id or None)."""

    def work(job: Job):
        from liveassets.cuts.quick import quick_export
        from liveassets.cuts.render import RenderProgress, render
        from liveassets.cuts.store import add_render

        if mode == "quick":
            result = quick_export(plan, out, job.progress, job.token, catalog=catalog,
                                  captions=captions)  # writes the .srt when asked
        else:
            shown = captions
            if mode == "preview":  # a draft to watch: captions on the picture or not at all
                shown = "burn" if captions in ("burn", "both") else "none"
            result = render(plan, out, job.progress, job.token, size=size, catalog=catalog,
                            preview=mode == "preview", captions=shown)
        asset_id = None
        if mode != "preview":
            job.progress(RenderProgress("Adding to the library", 1, 1, eta=0.0))
            asset_id = add_render(catalog, plan, result.path,
                                  loudness=getattr(result, "loudness", None))
        return result, asset_id

    return work


def start_render(jobs: JobRunner, signals: RenderSignals, catalog, plan: CutPlan, out: str,
                 size, mode: str, owner, captions: str = "burn") -> Job:
    """Run `render_work` on the "work" pool, reporting through `signals` (exactly one of
    finished, failed or cancelled)."""
    what = {"quick": "the quick export", "preview": "the preview"}.get(mode, "the render")
    return jobs.run("work", render_work(catalog, plan, out, size, mode, captions), what=what,
                    owner=owner,
                    progress=lambda p: signals.progress.emit(p.phase, p.done, p.total,
                                                             getattr(p, "eta", None)),
                    done=lambda pair: signals.finished.emit(*pair), failed=signals.failed.emit,
                    cancelled=signals.cancelled.emit)


def poster_image(path: str, seconds: float, size: int) -> QImage:
    """The frame at `seconds` of `path` (a photo: the photo) as an RGB QImage at most `size` px;
    a null QImage when the source cannot be read (it just has no poster)."""
    from liveassets.cuts.posters import poster_at

    try:
        im = poster_at(path, seconds, size).convert("RGB")
    except Exception:  # noqa: BLE001 - an unreadable source just has no poster
        return QImage()
    return QImage(im.tobytes(), im.width, im.height, im.width * 3, QImage.Format_RGB888).copy()


class Posters(QObject):
    """`image(path, seconds)` answers at once from the cache, or None after queueing a decode;
    `ready(path, seconds)` fires on the UI thread when it arrives (a null QImage: unreadable).
    `jobs`: the window's JobRunner (a private one when None)."""

    ready = Signal(str, float)

    def __init__(self, parent=None, size: int = 360, keep: int = 200,
                 jobs: JobRunner | None = None):
        super().__init__(parent)
        self.size, self.keep = size, keep
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self._cache: dict[tuple, QImage] = {}
        self._pending: set[tuple] = set()

    @staticmethod
    def _key(path: str, seconds: float | None) -> tuple:
        return str(path), round(float(seconds or 0.0), 1)

    def image(self, path: str, seconds: float | None = 0.0) -> QImage | None:
        key = self._key(path, seconds)
        if key in self._cache:
            return self._cache[key]
        if key not in self._pending:
            self._pending.add(key)
            size = self.size
            self.jobs.run("pictures", lambda _job: poster_image(key[0], key[1], size),
                          what="a poster frame", owner=self,
                          done=lambda image: self._arrived(key, image),
                          failed=lambda _message: self._arrived(key, QImage()),
                          cancelled=lambda: self._pending.discard(key))
        return None

    def _arrived(self, key: tuple, image: QImage) -> None:
        self._pending.discard(key)
        if len(self._cache) >= self.keep:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = image
        self.ready.emit(*key)

    def shutdown(self) -> None:
        self.jobs.cancel(owner=self)
        self.jobs.wait(owner=self)
