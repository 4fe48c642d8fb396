"""QuickLook: a full-window preview over everything; Space or Esc closes it, arrows move on."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget


class QuickLook(QWidget):
    closed = Signal()
    step = Signal(int)  # -1 previous, +1 next

    def __init__(self, thumbs, parent):
        super().__init__(parent)
        self.thumbs = thumbs
        self.doc: dict | None = None
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
        self.update()

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
        pix = self.thumbs.pixmap(self.doc)
        p.setPen(QColor("#e8eaed"))
        if pix is not None:
            size = pix.size().scaled(area.size(), Qt.KeepAspectRatio)
            if pix.width() < size.width():  # 512 px thumbnails: do not blow up past 2x
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
        stars = "★" * int(self.doc.get("rating") or 0)
        p.drawText(self.rect().adjusted(40, 0, -40, -24), Qt.AlignBottom | Qt.AlignHCenter,
                   f"{self.doc.get('name')}   {stars}    Space/Esc to close, ←/→ to move")
