"""QuickLook: a full-window preview over everything; Space or Esc closes it, arrows move on.

It shows the cached thumbnail at once, then the original photo decoded off the UI thread at
screen size (sharpness is what culling checks); videos keep their poster frame. Z or a click
zooms to 100 % at the point clicked (the full-resolution decode arrives off the UI thread; the
screen-size picture stands in until then), a drag or the arrow keys pan, Z or a click fits
again. The rating and flag are drawn on the photo and follow every change.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from liveassets.catalog.errors import CatalogError
from liveassets.media.scores import BLURRY
from liveassets.ui.jobs import JobRunner
from liveassets.ui.marks import cull_facts, cull_mark
from liveassets.ui.zoom import (DragToPan, FullPictures, Zoom, decode_fitted, draw_photo,
                                full_picture, photo_size, pil_to_qimage)

__all__ = ["QuickLook", "full_picture", "pil_to_qimage"]

KEEP = 6  # full-size pictures kept, so stepping back and forth is instant
PRIORITY = 2_000_000  # above every thumbnail (theirs count up to 1,000,000): the user waits
PAN_STEP = 120  # logical px an arrow key pans at 100 % (Shift: a whole view)


class QuickLook(DragToPan, QWidget):
    closed = Signal()
    step = Signal(int)  # -1 previous, +1 next

    def __init__(self, thumbs, parent, jobs: JobRunner | None = None,
                 full: FullPictures | None = None):
        super().__init__(parent)
        self.thumbs = thumbs
        self.doc: dict | None = None
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.full = full if full is not None else FullPictures(self, jobs=self.jobs)
        self.zoom = Zoom()
        self._full: OrderedDict[str, QPixmap] = OrderedDict()
        self._asked: set[str] = set()
        self.setFocusPolicy(Qt.StrongFocus)
        # Opaque: the 92 %-opaque overlay it was made Qt repaint the whole window under it for
        # every frame of a pan at 100 % (measured: median 29 ms, max 77 ms a frame at 1280x800
        # under load 5, against 1-2 ms opaque; tests/bench/bench_compare.py).
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.hide()
        thumbs.ready.connect(lambda aid: self.update() if self.doc and self.doc["id"] == aid
                             else None)
        self.full.ready.connect(lambda aid: self.update() if self.doc and self.doc["id"] == aid
                                else None)

    def open(self, doc: dict) -> None:
        if self.doc is None or self.doc["id"] != doc["id"]:
            self.zoom.zoomed = False  # a new photo opens fitted
        self.doc = doc
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus()
        self._ask_full(doc)
        self.update()

    def refresh_doc(self) -> None:
        """Read the shown asset again (its rating or flag changed) and repaint."""
        if self.doc is None:
            return
        try:
            self.doc = self.thumbs.catalog.get(self.doc["id"])
        except CatalogError:
            pass  # removed meanwhile: the last known document stays on screen
        self.update()

    def _ask_full(self, doc: dict) -> None:
        aid = doc["id"]
        if doc.get("kind") != "image" or doc.get("status") != "ok" or aid in self._full \
                or aid in self._asked:
            return
        decode_fitted(self, self.jobs, doc, self.size() * self.devicePixelRatioF(), self._asked,
                      self._loaded, "the full-size picture", PRIORITY)

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
        self.full.shutdown()

    def close_look(self) -> None:
        self.zoom.zoomed = False
        self.hide()
        self.closed.emit()

    # -- zoom and pan ----------------------------------------------------------------------
    def photo_area(self) -> QRect:
        return self.rect().adjusted(40, 40, -40, -70)

    def _picture(self) -> tuple[QPixmap | None, QSize]:
        """What to draw and the photo's full size in image px (see `photo_size`)."""
        doc = self.doc
        zoomed_full = self.full.pixmap(doc) if self.zoom.zoomed else None
        pix = zoomed_full or self._full.get(doc["id"]) or self.thumbs.pixmap(doc)
        if zoomed_full is not None:
            return pix, zoomed_full.size()
        return pix, photo_size(doc, pix)

    def toggle_zoom(self, at: QPointF | None = None) -> None:
        """Fit <-> 100 % around `at` (logical px in this widget; None: the centre). Photos only."""
        if self.doc is None or self.doc.get("kind") != "image":
            return
        _pix, size = self._picture()
        self.zoom.toggle_at(at, self.photo_area(), size, self.devicePixelRatioF())
        if self.zoom.zoomed:
            self.full.pixmap(self.doc)  # ask for the full resolution now
        self.update()

    def pan(self, dx: float, dy: float) -> None:
        _pix, size = self._picture()
        self.zoom.pan(dx, dy, self.photo_area(), size, self.devicePixelRatioF())
        self.update()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key_Space, Qt.Key_Escape):
            self.close_look()
        elif key == Qt.Key_Z:
            self.toggle_zoom()
        elif self.zoom.zoomed and key in (Qt.Key_Right, Qt.Key_Left, Qt.Key_Up, Qt.Key_Down):
            step = max(self.width(), self.height()) if event.modifiers() & Qt.ShiftModifier \
                else PAN_STEP
            dx = {Qt.Key_Right: -step, Qt.Key_Left: step}.get(key, 0)
            dy = {Qt.Key_Down: -step, Qt.Key_Up: step}.get(key, 0)
            self.pan(dx, dy)  # an arrow looks further that way: the photo moves the other way
        elif key in (Qt.Key_Right, Qt.Key_Down):
            self.step.emit(1)
        elif key in (Qt.Key_Left, Qt.Key_Up):
            self.step.emit(-1)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(10, 10, 12))
        if self.doc is None:
            return
        area = self.photo_area()
        doc = self.doc
        pix, size = self._picture()
        p.setPen(QColor("#e8eaed"))
        target = None
        if pix is not None and self.zoom.zoomed:
            p.save()
            p.setClipRect(area)
            pix.setDevicePixelRatio(1.0)
            target = draw_photo(p, area, self.zoom, pix, size, self.devicePixelRatioF())
            p.restore()
        elif pix is not None:
            full = self._full.get(doc["id"])
            if full is not None:
                pix.setDevicePixelRatio(1.0)
                logical = pix.size() / self.devicePixelRatioF()
                shown = logical.scaled(area.size(), Qt.KeepAspectRatio) \
                    if logical.width() > area.width() or logical.height() > area.height() \
                    else logical
            else:
                shown = pix.size().scaled(area.size(), Qt.KeepAspectRatio)
            if full is None and pix.width() < shown.width():  # never blow a thumbnail past 2x
                shown = pix.size().scaled(QSize(min(area.width(), pix.width() * 2),
                                                min(area.height(), pix.height() * 2)),
                                          Qt.KeepAspectRatio)
            rect = QRect(0, 0, shown.width(), shown.height())
            rect.moveCenter(area.center())
            target = QRectF(rect)
            p.setRenderHint(QPainter.SmoothPixmapTransform)
            p.drawPixmap(rect, pix)
        else:
            p.drawText(area, Qt.AlignCenter, "No preview yet")
        if target is not None:
            cull_mark(p, target.intersected(QRectF(area)), doc)
        f = QFont(self.font())
        f.setPixelSize(14)
        p.setFont(f)
        p.setPen(QColor("#e8eaed"))
        zoom = "100 %" if self.zoom.zoomed else "fit"
        hint = ("drag/arrows pan · Z/click fit" if self.zoom.zoomed
                else "Z/click 100 % · ←/→ move")
        facts = cull_facts(doc, BLURRY)
        facts = f" · {facts}" if facts else ""
        p.drawText(self.rect().adjusted(40, 0, -40, -24), Qt.AlignBottom | Qt.AlignHCenter,
                   f"{doc.get('name')}{facts}  ({zoom})    0-5 rate · P/X/U flag · {hint} · "
                   "Space/Esc close")
        p.end()
