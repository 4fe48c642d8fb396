"""CompareView: 2 to 4 photos side by side over the whole window (Lightroom's Survey, Photo
Mechanic's side-by-side), zoomed and panned together; the focused one is outlined and the
culling keys (0-5, P, X, U) act on it alone. Esc (or C) leaves."""

from __future__ import annotations


from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from liveassets.catalog.errors import CatalogError
from liveassets.media.scores import BLURRY
from liveassets.ui.jobs import JobRunner
from liveassets.ui.marks import cull_facts, cull_mark
from liveassets.ui.zoom import (DragToPan, FullPictures, Zoom, decode_fitted, draw_photo,
                                photo_size)

MIN_PHOTOS, MAX_PHOTOS = 2, 4
MARGIN, GAP, LABEL = 16, 10, 26  # px around the panes, between them, for each name
HINT = 30  # px at the bottom for the key hint
PAN_STEP = 120  # logical px an arrow key pans at 100 %
FIT_PRIORITY = 2_200_000  # between quick look's screen-size decode and a full resolution one
RATE_KEYS = {getattr(Qt, f"Key_{n}"): n for n in range(6)}
FLAG_KEYS = {Qt.Key_P: "picked", Qt.Key_X: "rejected", Qt.Key_U: "none"}


def pane_rects(rect: QRect, sizes: list[QSize]) -> list[QRect]:
    """Where each photo's pane goes in `rect`: one row, or two rows for 4 photos when that
    shows them larger (landscape photos on a wide screen). Each pane leaves LABEL px for its
    name below the photo."""
    n = len(sizes)
    inner = rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN - HINT)
    best, best_score = [], -1.0
    for rows in ((1, 2) if n == 4 else (1,)):
        cols = -(-n // rows)
        w = (inner.width() - GAP * (cols - 1)) // cols
        h = (inner.height() - GAP * (rows - 1)) // rows
        rects = [QRect(inner.left() + (i % cols) * (w + GAP), inner.top() + (i // cols) * (h + GAP),
                       w, h) for i in range(n)]
        score = min((s.scaled(QSize(w, max(1, h - LABEL)), Qt.KeepAspectRatio).width()
                     * s.scaled(QSize(w, max(1, h - LABEL)), Qt.KeepAspectRatio).height())
                    if not s.isEmpty() else w * h for s in sizes)
        if score > best_score:
            best, best_score = rects, score
    return best


class CompareView(DragToPan, QWidget):
    """`open(docs)` shows 2-4 photo documents; `rate(asset_id, stars)` and `flag(asset_id,
    pick)` ask the window to edit the focused one (undoably: it owns the undo stack);
    `closed()` when the user leaves. `catalog` gives fresh documents after each change
    (`refresh_docs`)."""

    closed = Signal()
    rate = Signal(str, int)
    flag = Signal(str, str)

    def __init__(self, thumbs, catalog, parent, jobs: JobRunner | None = None,
                 full: FullPictures | None = None):
        super().__init__(parent)
        self.thumbs, self.catalog = thumbs, catalog
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.full = full if full is not None else FullPictures(self, jobs=self.jobs)
        self.docs: list[dict] = []
        self.focus = 0
        self.zoom = Zoom()
        self._fit: dict[str, QPixmap] = {}
        self._asked: set[str] = set()
        self._focusing = False
        self.setFocusPolicy(Qt.StrongFocus)
        # Opaque: a translucent overlay makes Qt repaint the whole window under it for every
        # frame of a pan (measured: median 23 ms, max 56 ms a frame for 4 photos at 1280x800
        # under load 5; see tests/bench/bench_compare.py).
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.hide()
        self.full.ready.connect(self._arrived)
        thumbs.ready.connect(self._arrived)

    # -- showing ---------------------------------------------------------------------------
    def open(self, docs: list[dict]) -> None:
        """Show these photos (the first MAX_PHOTOS), the first one focused, fitted."""
        self.docs = list(docs[:MAX_PHOTOS])
        self.focus = 0
        self.zoom = Zoom()
        self._fit.clear()
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus()
        for doc in self.docs:
            self._ask_fit(doc)
        self.update()

    def close_compare(self) -> None:
        self.hide()
        self.docs = []
        self._fit.clear()
        self.closed.emit()

    def focused_id(self) -> str | None:
        return self.docs[self.focus]["id"] if self.docs else None

    def refresh_docs(self) -> None:
        """Read the shown assets again (a rating or flag changed) and repaint."""
        fresh = []
        for doc in self.docs:
            try:
                fresh.append(self.catalog.get(doc["id"]))
            except CatalogError:
                fresh.append(doc)  # removed meanwhile: what was shown stays
        self.docs = fresh
        self.update()

    def shutdown(self) -> None:
        self.jobs.cancel(owner=self)
        self.jobs.wait(owner=self)

    def _arrived(self, asset_id: str) -> None:
        if any(d["id"] == asset_id for d in self.docs):
            self.update()

    def _ask_fit(self, doc: dict) -> None:
        """The photo decoded at the size of its pane (sharp when fitted), off the UI thread."""
        aid = doc["id"]
        if doc.get("kind") != "image" or doc.get("status") != "ok" or aid in self._asked:
            return
        panes = self.panes()
        pane = panes[self.docs.index(doc)] if panes else self.rect()
        decode_fitted(self, self.jobs, doc, pane.size() * self.devicePixelRatioF(), self._asked,
                      self._fitted, "a photo to compare", FIT_PRIORITY)

    def _fitted(self, aid: str, image: QImage) -> None:
        self._asked.discard(aid)
        if not image.isNull() and any(d["id"] == aid for d in self.docs):
            self._fit[aid] = QPixmap.fromImage(image)
            self.update()

    # -- geometry --------------------------------------------------------------------------
    def _sizes(self) -> list[QSize]:
        return [photo_size(d, self._stand_in(d)) for d in self.docs]

    def panes(self) -> list[QRect]:
        return pane_rects(self.rect(), self._sizes()) if self.docs else []

    def photo_areas(self) -> list[QRect]:
        return [r.adjusted(0, 0, 0, -LABEL) for r in self.panes()]

    def _stand_in(self, doc: dict) -> QPixmap | None:
        return self._fit.get(doc["id"]) or self.thumbs.pixmap(doc)

    def _picture(self, doc: dict) -> tuple[QPixmap | None, QSize]:
        full = self.full.pixmap(doc) if self.zoom.zoomed else None
        if full is not None:
            return full, full.size()
        stand_in = self._stand_in(doc)
        return stand_in, photo_size(doc, stand_in)

    # -- zoom, pan, focus ------------------------------------------------------------------
    def toggle_zoom(self, at: QPointF | None = None) -> None:
        """Fit <-> 100 % for every photo together, around `at` in the focused photo (logical
        px in this widget; None: the centre)."""
        if not self.docs:
            return
        _pix, size = self._picture(self.docs[self.focus])
        self.zoom.toggle_at(at, self.photo_areas()[self.focus], size, self.devicePixelRatioF())
        if self.zoom.zoomed:
            for doc in self.docs:
                self.full.pixmap(doc)  # ask for every full resolution now
        self.update()

    def pan(self, dx: float, dy: float) -> None:
        if not self.docs:
            return
        _pix, size = self._picture(self.docs[self.focus])
        self.zoom.pan(dx, dy, self.photo_areas()[self.focus], size, self.devicePixelRatioF())
        self.update()

    def set_focus(self, index: int) -> None:
        if self.docs:
            self.focus = index % len(self.docs)
            self.update()

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key_Escape, Qt.Key_C, Qt.Key_Space):
            self.close_compare()
        elif key == Qt.Key_Z:
            self.toggle_zoom()
        elif key in RATE_KEYS and not mods & ~Qt.KeypadModifier and self.docs:
            self.rate.emit(self.focused_id(), RATE_KEYS[key])
        elif key in FLAG_KEYS and not mods and self.docs:
            self.flag.emit(self.focused_id(), FLAG_KEYS[key])
        elif key in (Qt.Key_Tab, Qt.Key_Backtab):
            self.set_focus(self.focus + (-1 if key == Qt.Key_Backtab else 1))
        elif self.zoom.zoomed and key in (Qt.Key_Right, Qt.Key_Left, Qt.Key_Up, Qt.Key_Down):
            step = PAN_STEP * (4 if mods & Qt.ShiftModifier else 1)
            self.pan({Qt.Key_Right: -step, Qt.Key_Left: step}.get(key, 0),
                     {Qt.Key_Down: -step, Qt.Key_Up: step}.get(key, 0))
        elif key in (Qt.Key_Right, Qt.Key_Down):
            self.set_focus(self.focus + 1)
        elif key in (Qt.Key_Left, Qt.Key_Up):
            self.set_focus(self.focus - 1)
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, _next: bool) -> bool:
        return False  # Tab moves the focus between photos, not out of the view

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        super().mousePressEvent(event)
        self._focusing = False
        for i, pane in enumerate(self.panes()):
            if pane.contains(event.position().toPoint()) and i != self.focus:
                self.set_focus(i)
                self._focusing = True  # a click on another photo only focuses it (a drag pans)
                return

    def clicked(self, pos: QPointF) -> None:
        if not self._focusing:  # the click that focused a photo does not also zoom
            self.toggle_zoom(pos)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit.clear()  # decoded for the old pane size: ask again at the new one
        for doc in self.docs:
            self._ask_fit(doc)

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(10, 10, 12))
        dpr = self.devicePixelRatioF()
        highlight = QApplication.palette().color(QPalette.Highlight)
        f = QFont(self.font())
        f.setPixelSize(13)
        for i, (doc, pane) in enumerate(zip(self.docs, self.panes())):
            area = pane.adjusted(0, 0, 0, -LABEL)
            pix, size = self._picture(doc)
            p.save()
            p.setClipRect(area)
            target = None
            if pix is not None:
                pix.setDevicePixelRatio(1.0)
                target = draw_photo(p, area, self.zoom, pix, size, dpr)
            else:
                p.setPen(QColor("#8b949e"))
                p.drawText(area, Qt.AlignCenter, "No preview yet")
            p.restore()
            if target is not None:
                cull_mark(p, target.intersected(QRectF(area)), doc)
            p.setFont(f)
            p.setPen(QColor("#e8eaed"))
            facts = cull_facts(doc, BLURRY)
            p.drawText(QRect(pane.left(), area.bottom() + 4, pane.width(), LABEL - 6),
                       Qt.AlignCenter, (doc.get("name") or "") + (f"  ·  {facts}" if facts else ""))
            if i == self.focus:
                p.setPen(QPen(highlight, 3))
                p.setBrush(Qt.NoBrush)
                p.drawRect(QRectF(pane).adjusted(-4, -4, 4, 4))
        p.setFont(f)
        p.setPen(QColor("#8b949e"))
        zoom = "100 %" if self.zoom.zoomed else "fit"
        p.drawText(self.rect().adjusted(MARGIN, 0, -MARGIN, -8), Qt.AlignBottom | Qt.AlignHCenter,
                   f"Compare ({zoom}) · Tab/←/→ focus · 0-5 rate · P/X/U flag the outlined photo · "
                   "Z/click 100 % · drag pans all · Esc close")
        p.end()
