"""FlowLayout: widgets in a row that wraps onto more rows when the space is narrow, so a row of
buttons never sets a dock's (and so the window's) minimum width. Qt ships no flow layout; this
follows Qt's own "Flow Layout" example (BSD), with heightForWidth so parents grow downwards."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QSizePolicy, QSpacerItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping; the minimum width is the widest single item. A stretch
    item (`add_stretch`) pushes what follows it to the right end of its row; with
    `align=Qt.AlignRight` every row ends at the right edge (the last button stays last)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6,
                 align: Qt.AlignmentFlag = Qt.AlignLeft):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self._right = bool(align & Qt.AlignRight)  # rows end at the right edge (dialog buttons)
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout's interface -------------------------------------------------------------------
    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientations:
        return Qt.Orientations(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        # One row: the width it would like, at the height of its tallest item.
        w = sum(i.sizeHint().width() for i in self._shown()) + \
            self._spacing * max(0, len(self._shown()) - 1)
        h = max((i.sizeHint().height() for i in self._shown()), default=0)
        m = self.contentsMargins()
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- building ------------------------------------------------------------------------------
    def add_stretch(self) -> None:
        """A spring: what follows sits at the right end of the row (a new row when wrapped)."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Expanding, QSizePolicy.Minimum))

    def _shown(self) -> list:
        return [i for i in self._items if not _is_stretch(i) and
                (i.widget() is None or not i.widget().isHidden())]

    def _place(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        rows: list[list] = [[]]
        x = 0
        for item in self._items:
            if _is_stretch(item):
                rows[-1].append(item)
                continue
            if item.widget() is not None and item.widget().isHidden():
                continue
            w = item.sizeHint().width()
            if x and x + w > area.width():
                # A spring just before the wrap belongs to the new row: what followed it
                # (Settings… after the tools) still ends up at the right.
                carried = [rows[-1].pop()] if rows[-1] and _is_stretch(rows[-1][-1]) else []
                rows.append(carried)
                x = 0
            rows[-1].append(item)
            x += w + self._spacing
        y, bottom = area.y(), area.y()
        for row in rows:
            real = [i for i in row if not _is_stretch(i)]
            if not real:
                continue
            height = max(i.sizeHint().height() for i in real)
            if move:
                used = sum(i.sizeHint().width() for i in real) + self._spacing * (len(real) - 1)
                spare = max(0, area.width() - used)
                x = area.x()
                if self._right and not any(_is_stretch(i) for i in row):
                    x, spare = x + spare, 0
                for item in row:
                    if _is_stretch(item):
                        x += spare
                        spare = 0
                        continue
                    size = item.sizeHint()
                    size.setWidth(min(size.width(), area.width()))
                    item.setGeometry(QRect(QPoint(x, y + (height - size.height()) // 2), size))
                    x += size.width() + self._spacing
            bottom = y + height
            y = bottom + self._spacing
        return bottom - rect.y() + m.bottom()


def _is_stretch(item) -> bool:
    return item.spacerItem() is not None
