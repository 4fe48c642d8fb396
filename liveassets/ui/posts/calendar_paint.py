"""Drawing for the content calendar: status colours, one post chip (painted, not a widget, so a
month of 200 posts costs 200 rectangles), the conflict and rights badges, and the legend strip.

Colours come from the Okabe–Ito set (grey, blue, orange, bluish green) so the four statuses stay
apart for the common colour-vision deficiencies, and each status has a second cue as well: a
draft is outlined dashed, a published post is muted with a check mark. The badges differ in
shape (a circle for a conflict, a triangle for rights), not only in colour."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QIcon, QPainter, QPainterPath, QPalette,
                           QPen, QPixmap)
from PySide6.QtWidgets import QWidget

STATUS_COLOURS = {
    "draft": QColor("#9aa0a6"),
    "ready": QColor("#3d8fe0"),
    "scheduled": QColor("#e69f00"),
    "published": QColor("#009e73"),
}
CONFLICT = QColor("#ff4d4f")
CONFLICT_PEN = QPen(CONFLICT, 2)
RIGHTS = QColor("#d16ba5")
WEEK_CHIP_HEIGHT = 56
MONTH_CHIP_HEIGHT = 18


def status_colour(status: str) -> QColor:
    return STATUS_COLOURS.get(status, STATUS_COLOURS["draft"])


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended toward b by t (0: a, 1: b)."""
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


@dataclass
class Chip:
    """One post as laid out: where it is and what it says (texts are elided at layout time)."""
    post_id: str
    rect: QRect
    status: str
    line1: str
    line2: str = ""
    conflict: bool = False
    rights: bool = False


@dataclass(frozen=True)
class ChipStyle:
    """Colours and pens of one status under one palette (made once, not per chip)."""
    stripe: QColor
    fill: QColor
    border: QPen
    text: QColor
    caption: QColor


_STYLES: dict[tuple, dict[str, ChipStyle]] = {}


def chip_styles(palette: QPalette) -> dict[str, ChipStyle]:
    key = (palette.color(QPalette.Base).rgb(), palette.color(QPalette.Text).rgb())
    styles = _STYLES.get(key)
    if styles is None:
        base, text = palette.color(QPalette.Base), palette.color(QPalette.Text)
        dark = base.lightness() < 128
        styles = {}
        for status, colour in STATUS_COLOURS.items():
            muted = status == "published"
            strength = (0.16 if muted else 0.30) if dark else (0.10 if muted else 0.20)
            border = (QPen(colour, 1, Qt.DashLine) if status == "draft"
                      else QPen(mix(colour, base, 0.35), 1))
            ink = mix(text, base, 0.35) if muted else text
            styles[status] = ChipStyle(colour, mix(base, colour, strength), border, ink,
                                       mix(ink, base, 0.25))
        _STYLES[key] = styles
    return styles


def paint_chip(p: QPainter, chip: Chip, palette: QPalette, selected: bool = False,
               bold: QFont | None = None) -> None:
    """One chip; `bold` (the first line's font on a two-part week chip) saves a copy per chip."""
    style = chip_styles(palette).get(chip.status) or chip_styles(palette)["draft"]
    r = QRectF(chip.rect).adjusted(0.5, 0.5, -0.5, -0.5)
    p.setPen(Qt.NoPen)
    p.setBrush(style.fill)
    p.drawRoundedRect(r, 4, 4)
    # The stripe is the status colour at full strength: what tests and eyes read first.
    p.setBrush(style.stripe)
    p.drawRoundedRect(QRectF(r.left(), r.top(), 4, r.height()), 2, 2)
    p.setPen(CONFLICT_PEN if chip.conflict else style.border)
    p.setBrush(Qt.NoBrush)
    p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
    if selected:
        # the text colour, not the accent: a blue ring would vanish around a blue "ready" chip
        p.setPen(QPen(palette.color(QPalette.Text), 2))
        p.drawRoundedRect(r.adjusted(-1.5, -1.5, 1.5, 1.5), 5, 5)

    badges = chip.conflict + chip.rights
    line_h = p.fontMetrics().height()
    lines2 = chip.line2.split("\n") if chip.line2 else []
    left = chip.rect.left() + 8
    right = chip.rect.right() - 4 - 15 * badges
    top1 = chip.rect.top() + (chip.rect.height() - (1 + len(lines2)) * line_h) // 2
    if chip.status == "published":
        paint_check(p, QRectF(left, top1 + (line_h - 10) / 2, 10, 10), style.stripe)
        left += 13
    p.setPen(style.text)
    if lines2:  # a week chip: the first line (time, platform, account) in bold
        font = p.font()
        if bold is None:
            bold = QFont(font)
            bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRect(left, top1, right - left, line_h), Qt.AlignLeft | Qt.AlignVCenter,
                   chip.line1)
        p.setFont(font)
        p.setPen(style.caption)
        for i, line in enumerate(lines2, 1):
            p.drawText(QRect(chip.rect.left() + 8, top1 + i * line_h, chip.rect.width() - 12,
                             line_h), Qt.AlignLeft | Qt.AlignVCenter, line)
    else:
        p.drawText(QRect(left, top1, right - left, line_h), Qt.AlignLeft | Qt.AlignVCenter,
                   chip.line1)
    x = chip.rect.right() - 3 - 15 * badges
    for painter, on in ((paint_conflict_badge, chip.conflict), (paint_rights_badge, chip.rights)):
        if on:
            painter(p, QRectF(x + 2, top1 + (line_h - 12) / 2, 12, 12))
            x += 15


def elide_room(chip_width: int, badges: int, published: bool) -> int:
    """Width left for the first line of a chip (after the stripe, badges and check mark)."""
    return chip_width - 12 - 15 * badges - (13 if published else 0)


def paint_swatch(p: QPainter, box: QRectF, status: str) -> None:
    """A status colour on its own (list icons): filled, a draft dashed and hollow."""
    colour = status_colour(status)
    if status == "draft":
        p.setPen(QPen(colour, 1.5, Qt.DashLine))
        p.setBrush(Qt.NoBrush)
    else:
        p.setPen(Qt.NoPen)
        p.setBrush(colour)
    p.drawRoundedRect(box, 3, 3)


_ICONS: dict[tuple[str, int], QIcon] = {}


def status_icon(status: str, size: int = 14) -> QIcon:
    """The status swatch as an icon (the posts list, the status combo, unscheduled posts), the
    same colours as the calendar's chips; drawn once per status and size."""
    key = (status, size)
    if key not in _ICONS:
        pix = QPixmap(size, size)
        pix.fill(Qt.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.Antialiasing)
        m = size * 2.5 / 16
        paint_swatch(p, QRectF(m, m, size - 2 * m, size - 2 * m), status)
        p.end()
        _ICONS[key] = QIcon(pix)
    return _ICONS[key]


def paint_check(p: QPainter, box: QRectF, colour: QColor) -> None:
    path = QPainterPath(QPointF(box.left() + 1, box.center().y()))
    path.lineTo(box.left() + box.width() * 0.4, box.bottom() - 1.5)
    path.lineTo(box.right() - 0.5, box.top() + 1.5)
    p.setPen(QPen(colour, 2, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
    p.setBrush(Qt.NoBrush)
    p.drawPath(path)


def _exclamation(p: QPainter, box: QRectF, top: float) -> None:
    p.setPen(QPen(QColor("white"), 1.6, Qt.SolidLine, Qt.RoundCap))
    cx = box.center().x()
    p.drawLine(QPointF(cx, box.top() + top), QPointF(cx, box.bottom() - 4.2))
    p.drawPoint(QPointF(cx, box.bottom() - 2.2))


def paint_conflict_badge(p: QPainter, box: QRectF) -> None:
    p.setPen(Qt.NoPen)
    p.setBrush(CONFLICT)
    p.drawEllipse(box)
    _exclamation(p, box, 2.5)


def paint_rights_badge(p: QPainter, box: QRectF) -> None:
    path = QPainterPath(QPointF(box.center().x(), box.top()))
    path.lineTo(box.right() + 0.5, box.bottom())
    path.lineTo(box.left() - 0.5, box.bottom())
    path.closeSubpath()
    p.setPen(Qt.NoPen)
    p.setBrush(RIGHTS)
    p.drawPath(path)
    _exclamation(p, box, 4.0)


class CalendarLegend(QWidget):
    """The strip under the calendar saying what each colour and badge means."""

    ITEMS = (("draft", "Draft"), ("ready", "Ready"), ("scheduled", "Scheduled"),
             ("published", "Published"), ("conflict", "Conflict (same account < 10 min)"),
             ("rights", "Rights problem on that date"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("calendarLegend")

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        width = sum(fm.horizontalAdvance(text) + 34 for _, text in self.ITEMS)
        return QSize(width, fm.height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self.sizeHint().height())

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        fm = p.fontMetrics()
        x, h = 2, self.height()
        for key, text in self.ITEMS:
            box = QRectF(x, (h - 12) / 2, 12, 12)
            if key == "conflict":
                paint_conflict_badge(p, box)
            elif key == "rights":
                paint_rights_badge(p, box)
            else:
                chip = Chip("", QRect(x, int((h - 14) / 2), 22, 14), key, "")
                paint_chip(p, chip, pal)
                box = QRectF(x, 0, 22, 12)
            x = int(box.right()) + 6
            p.setPen(pal.color(QPalette.WindowText))
            p.drawText(QRect(x, 0, fm.horizontalAdvance(text) + 2, h), Qt.AlignVCenter, text)
            x += fm.horizontalAdvance(text) + 16
        p.end()
