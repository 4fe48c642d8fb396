"""AssetCellDelegate: paints one grid cell — thumbnail (or placeholder), rights badge, stars,
pick/reject flag, video duration and a missing/error mark — from the asset document."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from liveassets.catalog.rights import is_expired
from liveassets.ui.grid_model import DOC_ROLE

RIGHTS_COLOURS = {
    "cleared": QColor("#2ea043"), "pending": QColor("#d29922"), "internal": QColor("#388bfd"),
    "restricted": QColor("#e5534b"), "unknown": QColor("#8b949e"), "expired": QColor("#a371f7"),
}
CAPTION_HEIGHT = 24
PAD = 6


def rights_state(doc: dict, today: dt.date) -> str:
    rights = doc.get("rights") or {}
    if is_expired(rights, today):
        return "expired"
    return rights.get("status") or "unknown"


def format_duration(seconds: float | None) -> str:
    if not seconds:
        return ""
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class AssetCellDelegate(QStyledItemDelegate):
    def __init__(self, thumbs, parent=None):
        super().__init__(parent)
        self.thumbs = thumbs
        self.thumb_size = 160
        self.today = dt.date.today()

    def sizeHint(self, option, index) -> QSize:
        return QSize(self.thumb_size + 2 * PAD, self.thumb_size + CAPTION_HEIGHT + 2 * PAD)

    def paint(self, p: QPainter, option, index) -> None:
        doc = index.data(DOC_ROLE)
        pal = option.palette
        cell = QRect(option.rect).adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.State_Selected)
        p.save()
        p.setRenderHint(QPainter.Antialiasing)
        p.setPen(Qt.NoPen)
        p.setBrush(pal.color(QPalette.Highlight).darker(140) if selected
                   else pal.color(QPalette.AlternateBase))
        p.drawRoundedRect(cell, 6, 6)
        if doc is None:
            p.restore()
            return
        s = self.thumb_size
        area = QRect(cell.left() + PAD - 2, cell.top() + PAD - 2, s, s)
        if doc.get("pick") == "rejected":
            p.setOpacity(0.45)
        self._thumb(p, area, doc, pal)
        p.setOpacity(1.0)
        self._overlays(p, area, doc)
        self._caption(p, QRect(area.left(), area.bottom() + 3, s, CAPTION_HEIGHT - 4), doc, pal,
                      selected)
        if selected:
            p.setBrush(Qt.NoBrush)
            p.setPen(QPen(pal.color(QPalette.Highlight), 2))
            p.drawRoundedRect(QRectF(cell).adjusted(1, 1, -1, -1), 6, 6)
        if option.state & QStyle.State_HasFocus:
            p.setBrush(Qt.NoBrush)
            p.setPen(QPen(pal.color(QPalette.HighlightedText), 1, Qt.DotLine))
            p.drawRoundedRect(QRectF(cell).adjusted(3, 3, -3, -3), 5, 5)
        p.restore()

    # -- parts -----------------------------------------------------------------------------
    def _thumb(self, p, area: QRect, doc: dict, pal) -> None:
        pix = self.thumbs.pixmap(doc) if self.thumbs else None
        if pix is None:
            p.setBrush(pal.color(QPalette.Base))
            p.drawRoundedRect(area, 4, 4)
            p.setPen(pal.color(QPalette.PlaceholderText))
            f = QFont(p.font())
            f.setPixelSize(max(10, area.height() // 7))
            p.setFont(f)
            glyph = {"video": "▶", "audio": "♪"}.get(doc.get("kind"), "▢")
            p.drawText(area, Qt.AlignCenter, glyph)
            return
        scaled = QSize(pix.width(), pix.height()).scaled(area.size(), Qt.KeepAspectRatio)
        target = QRect(0, 0, scaled.width(), scaled.height())
        target.moveCenter(area.center())
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        p.drawPixmap(target, pix)

    def _overlays(self, p, area: QRect, doc: dict) -> None:
        small = area.width() < 120
        f = QFont(p.font())
        f.setPixelSize(10 if small else 11)
        f.setBold(True)
        p.setFont(f)
        fm = QFontMetrics(f)
        state = rights_state(doc, self.today)
        colour = RIGHTS_COLOURS.get(state, RIGHTS_COLOURS["unknown"])
        if small:
            _pill(p, QRect(area.left() + 4, area.top() + 4, 12, 12), colour)
        else:
            w = fm.horizontalAdvance(state) + 12
            _pill(p, QRect(area.left() + 4, area.top() + 4, w, 16), colour, state, Qt.white)
        pick = doc.get("pick")
        if pick in ("picked", "rejected"):
            r = QRect(area.right() - 21, area.top() + 4, 18, 18)
            _pill(p, r, QColor("#2ea043") if pick == "picked" else QColor("#e5534b"),
                  "⚑" if pick == "picked" else "✕", Qt.white)
        dur = format_duration(doc.get("duration")) if doc.get("kind") == "video" else ""
        if dur:
            w = fm.horizontalAdvance("▶ " + dur) + 10
            _pill(p, QRect(area.right() - w - 4, area.bottom() - 20, w, 16),
                  QColor(0, 0, 0, 170), "▶ " + dur, Qt.white)
        if doc.get("status") in ("missing", "error"):
            text = "missing" if doc["status"] == "missing" else "error"
            w = fm.horizontalAdvance("⚠ " + text) + 10
            _pill(p, QRect(area.left() + 4, area.bottom() - 20, w, 16), QColor("#e5534b"),
                  "⚠ " + text, Qt.white)

    def _caption(self, p, r: QRect, doc: dict, pal, selected: bool) -> None:
        rating = int(doc.get("rating") or 0)
        f = QFont(p.font())
        f.setPixelSize(12)
        f.setBold(False)
        p.setFont(f)
        fm = QFontMetrics(f)
        stars = "★" * rating  # unrated shows nothing: the name gets the room
        star_w = fm.horizontalAdvance(stars) if rating else 0
        text_colour = pal.color(QPalette.HighlightedText if selected else QPalette.Text)
        p.setPen(QColor("#e3b341") if rating else pal.color(QPalette.PlaceholderText))
        show_stars = rating and r.width() >= star_w + 30
        if show_stars:
            p.drawText(QRect(r.right() - star_w, r.top(), star_w, r.height()),
                       Qt.AlignVCenter | Qt.AlignRight, stars)
        p.setPen(text_colour)
        name_w = r.width() - (star_w + 6 if show_stars else 0)
        name = fm.elidedText(doc.get("name") or "", Qt.ElideMiddle, name_w)
        p.drawText(QRect(r.left(), r.top(), name_w, r.height()), Qt.AlignVCenter | Qt.AlignLeft,
                   name)


def _pill(p, r: QRect, fill: QColor, text: str = "", pen=None) -> None:
    path = QPainterPath()
    path.addRoundedRect(QRectF(r), r.height() / 2, r.height() / 2)
    p.fillPath(path, fill)
    if text:
        p.setPen(QColor(pen) if pen is not None else Qt.white)
        p.drawText(r, Qt.AlignCenter, text)
