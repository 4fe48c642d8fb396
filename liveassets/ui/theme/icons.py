"""Icons from resources/icons (hand-written SVGs), tinted to the palette's text colour."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from liveassets.resources import resource_path


@lru_cache(maxsize=None)
def _svg(name: str) -> bytes:
    path = resource_path("icons", f"{name}.svg")
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _render(data: bytes, size: int) -> QPixmap:
    pix = QPixmap(size, size)
    pix.fill(Qt.transparent)
    renderer = QSvgRenderer(QByteArray(data))
    if renderer.isValid():
        p = QPainter(pix)
        renderer.render(p, QRectF(0, 0, size, size))
        p.end()
    return pix


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """A toolbar icon; strokes drawn in `colour` (default: the palette's button text)."""
    colour = colour or QGuiApplication.palette().color(QPalette.ButtonText)
    data = _svg(name).replace(b"COLOR", colour.name().encode())
    out = QIcon()
    if data:
        for size in (16, 24, 32, 48):
            out.addPixmap(_render(data, size))
    return out


def app_icon() -> QIcon:
    data = _svg("app")
    out = QIcon()
    if data:
        for size in (16, 32, 48, 64, 128, 256):
            out.addPixmap(_render(data, size))
    return out
