"""QuickLook: a full-window preview over everything; Space or Esc closes it, arrows move on.

It shows the cached thumbnail at once, then the original photo decoded off the UI thread at
screen size (sharpness is what culling checks); videos keep their poster frame.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from liveassets.media.pictures import photo_within
from liveassets.ui.jobs import JobRunner

KEEP = 6  # full-size pictures kept, so stepping back and forth is instant
PRIORITY = 2_000_000  # above every thumbnail (theirs count up to 1,000,000): the user waits


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


class QuickLook(QWidget):
    closed = Signal()
    step = Signal(int)  # -1 previous, +1 next

    def __init__(self, thumbs, parent, jobs: JobRunner | None = None):
        super().__init__(parent)
        self.thumbs = thumbs
        self.doc: dict | None = None
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self._full: OrderedDict[str, QPixmap] = OrderedDict()
        self._asked: set[str] = set()
        self.setFocusPolicy(Qt.StrongFocus)
        self.hide()
        thumbs.ready.connect(lambda aid: self.update() if self.doc and self.doc["id"] == aid
                             else None)

    def open(self, doc: dict) -> None:
        self.doc = doc
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus()
        self._ask_full(doc)
        self.update()

    def _ask_full(self, doc: dict) -> None:
        aid = doc["id"]
        if doc.get("kind") != "image" or doc.get("status") != "ok" or aid in self._full \
                or aid in self._asked:
            return
        self._asked.add(aid)
        size = self.size() * self.devicePixelRatioF()
        path, width, height = doc["path"], size.width(), size.height()
        self.jobs.run("pictures", lambda _job: full_picture(path, width, height),
                      what="the full-size picture", owner=self, priority=PRIORITY,
                      done=lambda image: self._loaded(aid, image),
                      failed=lambda _message: self._loaded(aid, QImage()),
                      cancelled=lambda: self._asked.discard(aid))

    def _loaded(self, asset_id: str, image: QImage) -> None:
        self._asked.discard(asset_id)
        if image.isNull():
            return  # a format Qt cannot read (HEIC): the thumbnail stays
        self._full[asset_id] = QPixmap.fromImage(image)
        while len(self._full) > KEEP:
            self._full.popitem(last=False)
        if self.doc is not None and self.doc["id"] == asset_id:
            self.update()

    def full_pixmap(self, asset_id: str) -> QPixmap | None:
        return self._full.get(asset_id)

    def shutdown(self) -> None:
        self.jobs.cancel(owner=self)
        self.jobs.wait(owner=self)

    def close_look(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key_Space, Qt.Key_Escape):
            self.close_look()
        elif key in (Qt.Key_Right, Qt.Key_Down):
            self.step.emit(1)
        elif key in (Qt.Key_Left, Qt.Key_Up):
            self.step.emit(-1)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.close_look()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(10, 10, 12, 235))
        if self.doc is None:
            return
        area = self.rect().adjusted(40, 40, -40, -70)
        full = self._full.get(self.doc["id"])
        pix = full or self.thumbs.pixmap(self.doc)
        p.setPen(QColor("#e8eaed"))
        if pix is not None:
            if full is not None:
                pix.setDevicePixelRatio(1.0)
                logical = pix.size() / self.devicePixelRatioF()
                size = logical.scaled(area.size(), Qt.KeepAspectRatio) \
                    if logical.width() > area.width() or logical.height() > area.height() \
                    else logical
            else:
                size = pix.size().scaled(area.size(), Qt.KeepAspectRatio)
            if full is None and pix.width() < size.width():  # never blow a thumbnail past 2x
                size = pix.size().scaled(QSize(min(area.width(), pix.width() * 2),
                                               min(area.height(), pix.height() * 2)),
                                         Qt.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(area.center())
            p.setRenderHint(QPainter.SmoothPixmapTransform)
            p.drawPixmap(target, pix)
        else:
            p.drawText(area, Qt.AlignCenter, "No preview yet")
        f = QFont(self.font())
        f.setPixelSize(14)
        p.setFont(f)
        doc = self.doc
        stars = "★" * int(doc.get("rating") or 0)
        flag = {"picked": "⚑ picked", "rejected": "✕ rejected"}.get(doc.get("pick"), "")
        p.drawText(self.rect().adjusted(40, 0, -40, -24), Qt.AlignBottom | Qt.AlignHCenter,
                   f"{doc.get('name')}   {stars}  {flag}    0-5 rate · P/X/U flag · "
                   "←/→ move · Space/Esc close")
