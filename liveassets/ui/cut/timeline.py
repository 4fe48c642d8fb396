"""MomentTimeline: a scrub bar that shows what is on it: the cut's segments as bands (the one
playing highlighted), the highlight moments as coloured ticks (loud: orange, scene change: blue;
the tooltip gives the score) and the play head. Used under the cut player (the whole cut) and
under the framing preview (one segment, from its in point to its out point)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

KIND_COLOURS = {"loud": QColor("#f0883e"), "scene": QColor("#58a6ff")}
KIND_WORDS = {"loud": "Crowd peak (loud)", "scene": "Scene change"}
BANDS = (QColor("#30363d"), QColor("#3b434d"))
CURRENT = QColor("#1f6feb")
HIT_PX = 5  # how close (px) the pointer must be to a tick for its tooltip


@dataclass(frozen=True)
class Mark:
    """One moment on a timeline: `t` seconds in the timeline's own time, `kind` "loud" or
    "scene", `score` 0..1 (highlights.Moment's), `label` naming its clip for the tooltip."""

    t: float
    kind: str
    score: float
    label: str = ""


def clock_tenths(seconds: float) -> str:
    """m:ss.s, the precision a cut is edited at."""
    seconds = max(0.0, float(seconds))
    return f"{int(seconds // 60)}:{seconds % 60:04.1f}"


class MomentTimeline(QWidget):
    """`set_range(lo, hi)` in seconds; `set_spans([(start, end), ...])` (bands) and
    `set_current(i)`; `set_marks([Mark])`; `set_position(seconds)`. Pressing or dragging emits
    `seek(seconds)` (clamped to the range); arrow keys step 0.1 s (Shift: 1 s)."""

    seek = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.lo, self.hi = 0.0, 0.0
        self.spans: list[tuple[float, float]] = []
        self.current = -1
        self.marks: list[Mark] = []
        self.position = 0.0
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMinimumHeight(26)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.hint = "Click or drag to move; the ticks are highlight moments (hover for score)"

    # -- what is shown -------------------------------------------------------------------------
    def set_range(self, lo: float, hi: float) -> None:
        self.lo, self.hi = float(lo), max(float(lo), float(hi))
        self.position = min(max(self.position, self.lo), self.hi)
        self.update()

    def set_spans(self, spans: list[tuple[float, float]]) -> None:
        self.spans = [(float(a), float(b)) for a, b in spans]
        self.update()

    def set_current(self, index: int) -> None:
        if index != self.current:
            self.current = index
            self.update()

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = sorted(marks, key=lambda m: m.t)
        self.update()

    def set_position(self, seconds: float) -> None:
        seconds = min(max(float(seconds), self.lo), self.hi)
        if abs(seconds - self.position) > 1e-4:
            self.position = seconds
            self.update()

    # -- geometry ------------------------------------------------------------------------------
    def _bar(self) -> QRectF:
        return QRectF(self.rect()).adjusted(6, 6, -6, -4)

    def x_of(self, seconds: float) -> float:
        bar = self._bar()
        length = self.hi - self.lo
        if length <= 0:
            return bar.left()
        return bar.left() + (seconds - self.lo) / length * bar.width()

    def seconds_at(self, x: float) -> float:
        bar = self._bar()
        if bar.width() <= 0 or self.hi <= self.lo:
            return self.lo
        return min(self.hi, max(self.lo, self.lo + (x - bar.left()) / bar.width()
                                * (self.hi - self.lo)))

    def mark_at(self, x: float) -> Mark | None:
        near = [(abs(self.x_of(m.t) - x), m) for m in self.marks if self.lo <= m.t <= self.hi]
        near = [pair for pair in near if pair[0] <= HIT_PX]
        return min(near, key=lambda pair: pair[0])[1] if near else None

    @staticmethod
    def describe(mark: Mark) -> str:
        where = f" in {mark.label}" if mark.label else ""
        return (f"{KIND_WORDS.get(mark.kind, mark.kind)} at {clock_tenths(mark.t)}{where}, "
                f"score {mark.score:.2f}")

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        bar = self._bar()
        p.fillRect(bar, QColor("#21262d"))
        for i, (a, b) in enumerate(self.spans):
            band = QRectF(QPointF(self.x_of(max(a, self.lo)), bar.top()),
                          QPointF(self.x_of(min(b, self.hi)), bar.bottom()))
            p.fillRect(band.adjusted(0.5, 0, -0.5, 0),
                       CURRENT if i == self.current else BANDS[i % 2])
        for mark in self.marks:
            if not self.lo <= mark.t <= self.hi:
                continue
            colour = QColor(KIND_COLOURS.get(mark.kind, QColor("#c9ced6")))
            x = self.x_of(mark.t)
            height = bar.height() * (0.45 + 0.55 * max(0.0, min(1.0, mark.score)))
            p.setPen(QPen(colour, 2))
            p.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() - height))
        if self.hi > self.lo:
            x = self.x_of(self.position)
            p.setPen(QPen(QColor("#ffffff"), 2))
            p.drawLine(QPointF(x, bar.top() - 3), QPointF(x, bar.bottom() + 2))
            p.setBrush(QColor("#ffffff"))
            p.drawPolygon(QPolygonF([QPointF(x - 4, bar.top() - 5), QPointF(x + 4, bar.top() - 5),
                                     QPointF(x, bar.top())]))
        if self.hasFocus():
            p.setPen(QPen(self.palette().highlight().color(), 1))
            p.setBrush(Qt.NoBrush)
            p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))

    # -- the pointer and keys ------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self.hi > self.lo:
            self._seek_to(self.seconds_at(event.position().x()))

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.LeftButton and self.hi > self.lo:
            self._seek_to(self.seconds_at(event.position().x()))

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip:  # a tick's own words, else what the bar does
            mark = self.mark_at(event.pos().x())
            QToolTip.showText(event.globalPos(), self.describe(mark) if mark else self.hint,
                              self)
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        step = 1.0 if event.modifiers() & Qt.ShiftModifier else 0.1
        if event.key() in (Qt.Key_Left, Qt.Key_Right) and self.hi > self.lo:
            self._seek_to(self.position + (step if event.key() == Qt.Key_Right else -step))
            event.accept()
            return
        super().keyPressEvent(event)

    def _seek_to(self, seconds: float) -> None:
        seconds = round(min(max(seconds, self.lo), self.hi), 3)  # ms: what a player seeks to
        self.set_position(seconds)
        self.seek.emit(seconds)

    def sizeHint(self) -> QSize:
        return QSize(300, 28)
