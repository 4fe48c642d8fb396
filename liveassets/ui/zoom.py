"""Looking closely at photos: the one decode quick look and the compare view share (upright,
colour-managed, off the UI thread), full-resolution pictures kept for 100 % zoom, and the zoom
and pan geometry (fit, or one image pixel per device pixel around a shared centre)."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap

from liveassets.media.pictures import photo_within
from liveassets.ui.jobs import JobRunner

CLICK_SLOP = 4  # px a press may move and still be a click (not a drag)
FULL_KEEP = 5  # full-resolution pictures kept: the 4 of a compare view plus one (12 MP: 48 MB each)
FULL_PRIORITY = 2_500_000  # above quick look's screen-size decode: the user is zoomed in, waiting
ANY_SIZE = 1 << 20  # "fit within" bounds larger than any photo: photo_within then never shrinks


class DragToPan:
    """Mouse handling quick look and compare share, mixed into a QWidget (listed before it): a
    left-button drag pans (`self.pan(dx, dy)` in widget pixels), a press that moves less than
    CLICK_SLOP is a click (`self.clicked(pos)`, by default `self.toggle_zoom(pos)`)."""

    _press: QPointF | None = None
    _dragged = False

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self._press, self._dragged = event.position(), False

    def mouseMoveEvent(self, event) -> None:
        if self._press is None:
            return
        delta = event.position() - self._press
        if not self._dragged and abs(delta.x()) + abs(delta.y()) < CLICK_SLOP:
            return
        self._dragged = True
        self._press = event.position()
        self.pan(delta.x(), delta.y())

    def mouseReleaseEvent(self, event) -> None:
        if self._press is not None and event.button() == Qt.LeftButton:
            if self._dragged:  # the last stretch of the drag (moves may be compressed)
                delta = event.position() - self._press
                self.pan(delta.x(), delta.y())
            else:
                self.clicked(event.position())
        self._press = None

    def clicked(self, pos: QPointF) -> None:
        self.toggle_zoom(pos)


def decode_fitted(owner, jobs: JobRunner, doc: dict, size: QSize, asked: set, done,
                  what: str, priority: int) -> None:
    """Decode the photo of `doc` fitted within `size` device pixels on the "pictures" pool,
    once at a time per asset (`asked` holds those on their way); `done(asset_id, image)` on
    the UI thread gets a null QImage when it cannot be read. Quick look and compare both ask
    this way."""
    aid = doc["id"]
    asked.add(aid)
    path, width, height = doc["path"], size.width(), size.height()
    jobs.run("pictures", lambda _job: full_picture(path, width, height),
             what=what, owner=owner, priority=priority,
             done=lambda image: done(aid, image),
             failed=lambda _message: done(aid, QImage()),
             cancelled=lambda: asked.discard(aid))


def full_picture(path: str, width: int, height: int) -> QImage:
    """The photo at `path` fitted within width x height px, as a QImage; a null QImage when it
    cannot be read (the thumbnail stays). Decoded by the core (media/pictures) rather than
    QImageReader, so it is upright and converted from its ICC profile to sRGB exactly like the
    thumbnail it replaces (Qt does not convert profiles, and reads no HEIC)."""
    try:
        picture = photo_within(path, width, height)
    except Exception:  # noqa: BLE001 - damaged or unreadable: the thumbnail stays
        return QImage()
    return pil_to_qimage(picture)


def pil_to_qimage(picture) -> QImage:
    """A Pillow picture (any mode) as a QImage that owns its pixels (RGB888 or RGBA8888)."""
    mode = "RGBA" if "A" in picture.mode else "RGB"
    picture = picture.convert(mode)
    fmt = QImage.Format_RGBA8888 if mode == "RGBA" else QImage.Format_RGB888
    data = picture.tobytes()
    image = QImage(data, picture.width, picture.height, picture.width * len(mode), fmt)
    return image.copy()  # detach from `data`, which Python frees


class FullPictures(QObject):
    """Photos at full resolution for 100 % zoom, decoded on the JobRunner's "pictures" pool.

    `pixmap(doc)` answers at once: the picture, or None after asking for it (videos and
    unreadable files: None for good). `ready(asset_id)` fires on the UI thread when one arrives.
    Keeps the last FULL_KEEP (a 12 MP photo is 48 MB in memory)."""

    ready = Signal(str)

    def __init__(self, parent=None, jobs: JobRunner | None = None):
        super().__init__(parent)
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self._kept: OrderedDict[str, QPixmap] = OrderedDict()
        self._asked: set[str] = set()
        self._failed: set[str] = set()

    def pixmap(self, doc: dict) -> QPixmap | None:
        aid = doc["id"]
        pix = self._kept.get(aid)
        if pix is not None:
            self._kept.move_to_end(aid)
            return pix
        if doc.get("kind") != "image" or doc.get("status") != "ok" or aid in self._asked \
                or aid in self._failed:
            return None
        self._asked.add(aid)
        path = doc["path"]
        self.jobs.run("pictures", lambda _job: full_picture(path, ANY_SIZE, ANY_SIZE),
                      what="the full-resolution picture", owner=self, priority=FULL_PRIORITY,
                      done=lambda image: self._loaded(aid, image),
                      failed=lambda _message: self._loaded(aid, QImage()),
                      cancelled=lambda: self._asked.discard(aid))
        return None

    def _loaded(self, aid: str, image: QImage) -> None:
        self._asked.discard(aid)
        if image.isNull():
            self._failed.add(aid)
            return
        self._kept[aid] = QPixmap.fromImage(image)
        while len(self._kept) > FULL_KEEP:
            self._kept.popitem(last=False)
        self.ready.emit(aid)

    def shutdown(self) -> None:
        self.jobs.cancel(owner=self)
        self.jobs.wait(owner=self)
        self._asked.clear()


def fit_size(picture: QSize, area: QSize) -> QSize:
    """`picture` scaled to fit `area` keeping its aspect (never enlarged past the area)."""
    return picture.scaled(area, Qt.KeepAspectRatio)


def photo_size(doc: dict, stand_in: QPixmap | None) -> QSize:
    """The photo's upright size in image px: the decoded full picture's, else the catalog's
    width x height turned to the stand-in's orientation (EXIF-turned photos store them sideways);
    an empty size when neither is known."""
    w, h = int(doc.get("width") or 0), int(doc.get("height") or 0)
    if not w or not h:
        return stand_in.size() if stand_in is not None else QSize()
    if stand_in is not None and (stand_in.width() > stand_in.height()) != (w > h) \
            and stand_in.width() != stand_in.height():
        w, h = h, w
    return QSize(w, h)


class Zoom:
    """Fit or 100 % ("actual pixels"), and where the view's centre sits in the photo as
    fractions (0..1) of its width and height, so several photos of different sizes pan
    together (Lightroom's synchronised compare). Pure geometry: no widget, no pixels.

    100 % means one image pixel per device pixel: a photo `w` px wide is `w / dpr` logical px
    (Qt's HiDPI model, QPaintDevice.devicePixelRatioF)."""

    def __init__(self):
        self.zoomed = False
        self.fx = self.fy = 0.5

    def image_rect(self, area: QRect, size: QSize, dpr: float) -> QRectF:
        """Where a photo of `size` image px is drawn in `area` (logical px), as a float rect."""
        if not self.zoomed or size.isEmpty():
            shown = fit_size(size, area.size()) if not size.isEmpty() else QSize()
            rect = QRectF(0, 0, shown.width(), shown.height())
            rect.moveCenter(QRectF(area).center())
            return rect
        w, h = size.width() / dpr, size.height() / dpr
        fx, fy = self._clamped(area, w, h)
        centre = QRectF(area).center()
        # Whole device pixels: a fractional offset would resample every pixel (blurring 100 %).
        left = round((centre.x() - fx * w) * dpr) / dpr
        top = round((centre.y() - fy * h) * dpr) / dpr
        return QRectF(left, top, w, h)

    def _clamped(self, area: QRect, w: float, h: float) -> tuple[float, float]:
        def clamp(f: float, extent: float, room: float) -> float:
            if extent <= room:
                return 0.5  # smaller than the view: centred
            half = room / 2 / extent
            return min(max(f, half), 1 - half)
        return clamp(self.fx, w, area.width()), clamp(self.fy, h, area.height())

    def toggle_at(self, point: QPointF | None, area: QRect, size: QSize, dpr: float) -> None:
        """Fit -> 100 % keeping the photo's point under `point` (logical px) where it is (the
        centre when None, or when the point is off the photo); 100 % -> fit."""
        if self.zoomed:
            self.zoomed = False
            return
        fitted = self.image_rect(area, size, dpr)
        if point is not None and fitted.contains(point) and fitted.width() > 0:
            px = (point.x() - fitted.left()) / fitted.width()
            py = (point.y() - fitted.top()) / fitted.height()
            w, h = size.width() / dpr, size.height() / dpr
            centre = QRectF(area).center()
            self.fx = px + (centre.x() - point.x()) / w
            self.fy = py + (centre.y() - point.y()) / h
        else:
            self.fx = self.fy = 0.5
        self.zoomed = True
        self.settle(area, size, dpr)

    def pan(self, dx: float, dy: float, area: QRect, size: QSize, dpr: float) -> None:
        """Move the photo by dx, dy logical px (a drag to the right shows more of its left)."""
        if not self.zoomed or size.isEmpty():
            return
        self.fx -= dx * dpr / size.width()
        self.fy -= dy * dpr / size.height()
        self.settle(area, size, dpr)

    def settle(self, area: QRect, size: QSize, dpr: float) -> None:
        """Keep the centre where the photo still fills the view (no panning into the void)."""
        if not size.isEmpty():
            self.fx, self.fy = self._clamped(area, size.width() / dpr, size.height() / dpr)


def draw_photo(p: QPainter, area: QRect, zoom: Zoom, pix: QPixmap, size: QSize,
               dpr: float) -> QRectF:
    """Paint `pix` (the full-resolution picture, or a smaller stand-in for one of `size` image
    px until it arrives) into `area` as `zoom` places it; returns the photo's rect. Only the
    visible part is drawn: at 100 % a 12 MP photo is blitted one screen at a time."""
    target = zoom.image_rect(area, size, dpr)
    visible = target.intersected(QRectF(area))
    if visible.isEmpty() or pix.isNull():
        return target
    sx, sy = pix.width() / target.width(), pix.height() / target.height()
    source = QRectF((visible.left() - target.left()) * sx, (visible.top() - target.top()) * sy,
                    visible.width() * sx, visible.height() * sy)
    p.save()
    # 1:1 needs no filter; a stand-in or a fitted photo is resampled smoothly.
    one_to_one = zoom.zoomed and pix.width() == size.width()
    p.setRenderHint(QPainter.SmoothPixmapTransform, not one_to_one)
    p.drawPixmap(visible, pix, source)
    p.restore()
    return target
