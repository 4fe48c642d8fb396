"""ThumbRows: list rows (a QListWidget's) with the asset's thumbnail beside the text, as the
export dialogs preview what goes out and what is left out.

Pictures come from the library's thumbnail cache through the window's ThumbnailLoader (read
off the UI thread; never an original decoded here): a row shows a placeholder at once and
its picture when the loader's `ready(asset_id)` arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem

ICON = 48  # px: big enough to tell two crowd shots apart, small enough for a dialog's list
ASSET_ROLE = Qt.UserRole + 40  # the asset id a row shows ("" for none)
PLACEHOLDER_ROLE = Qt.UserRole + 41  # True while the row shows the placeholder


class ThumbRows(QObject):
    """`thumbs`: the window's ThumbnailLoader (`pixmap(asset)` -> QPixmap or None after
    queueing a load; `ready(asset_id)`), or None for placeholders only."""

    def __init__(self, thumbs=None, parent=None):
        super().__init__(parent)
        self.thumbs = thumbs
        # asset id -> the rows waiting for its picture: (list, row, asset)
        self._rows: dict[str, list[tuple[QListWidget, QListWidgetItem, dict]]] = {}
        self._placeholders: dict[str, QIcon] = {}
        if thumbs is not None:
            thumbs.ready.connect(self._ready)

    @staticmethod
    def prepare(widget: QListWidget) -> None:
        widget.setIconSize(QSize(ICON, ICON))
        widget.setUniformItemSizes(True)

    def clear(self, widget: QListWidget) -> None:
        """Empty `widget` and forget its rows (a picture arriving later finds none)."""
        for aid in list(self._rows):  # before clear(), which deletes the rows' C++ objects
            self._rows[aid] = [r for r in self._rows[aid] if r[0] is not widget]
            if not self._rows[aid]:
                del self._rows[aid]
        widget.clear()

    def add(self, widget: QListWidget, text: str, asset: dict | None,
            tooltip: str = "") -> QListWidgetItem:
        """A row for `asset` (a catalog document, or None for a row without one)."""
        item = QListWidgetItem(text)
        if tooltip:
            item.setToolTip(tooltip)
        item.setData(ASSET_ROLE, asset["id"] if asset else "")
        self._show(item, asset)
        widget.addItem(item)
        if asset is not None and item.data(PLACEHOLDER_ROLE):
            self._rows.setdefault(asset["id"], []).append((widget, item, asset))
        return item

    def _show(self, item: QListWidgetItem, asset: dict | None) -> None:
        pix = self.thumbs.pixmap(asset) if (self.thumbs is not None and asset) else None
        if pix is None or pix.isNull():
            item.setIcon(self.placeholder((asset or {}).get("kind") or ""))
            item.setData(PLACEHOLDER_ROLE, True)
            return
        # One small copy per row: a 512 px cache picture scaled at every paint would cost more.
        item.setIcon(QIcon(pix.scaled(ICON * 2, ICON * 2, Qt.KeepAspectRatio,
                                      Qt.SmoothTransformation)))
        item.setData(PLACEHOLDER_ROLE, False)

    def _ready(self, asset_id: str) -> None:
        rows = self._rows.pop(asset_id, None)
        for _widget, item, asset in rows or ():
            self._show(item, asset)  # a failed load leaves the placeholder

    def placeholder(self, kind: str) -> QIcon:
        """A grey tile with the kind's glyph (▶ video, ♪ audio, ▢ anything else)."""
        icon = self._placeholders.get(kind)
        if icon is None:
            pix = QPixmap(ICON, ICON)
            pix.fill(Qt.transparent)
            p = QPainter(pix)
            p.setRenderHint(QPainter.Antialiasing)
            p.setPen(Qt.NoPen)
            p.setBrush(QColor("#3a3f47"))
            p.drawRoundedRect(QRect(2, 2, ICON - 4, ICON - 4), 6, 6)
            font = QFont()
            font.setPixelSize(ICON // 3)
            p.setFont(font)
            p.setPen(QColor("#8b949e"))
            p.drawText(pix.rect(), Qt.AlignCenter, {"video": "▶", "audio": "♪"}.get(kind, "▢"))
            p.end()
            icon = self._placeholders[kind] = QIcon(pix)
        return icon
