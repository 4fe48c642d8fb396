"""Dark and light Fusion palettes, chosen from the system colour scheme when Qt can read it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QWidget

ACCENT = QColor("#2f81f7")

_DARK = {
    QPalette.Window: "#202124", QPalette.WindowText: "#e8eaed", QPalette.Base: "#17181a",
    QPalette.AlternateBase: "#26272b", QPalette.ToolTipBase: "#2b2c30",
    QPalette.ToolTipText: "#e8eaed", QPalette.Text: "#e8eaed", QPalette.Button: "#2b2c30",
    QPalette.ButtonText: "#e8eaed", QPalette.BrightText: "#ff6b6b", QPalette.Link: "#58a6ff",
    QPalette.Highlight: "#2f81f7", QPalette.HighlightedText: "#ffffff",
    QPalette.PlaceholderText: "#8b8f96", QPalette.Mid: "#3a3b40", QPalette.Dark: "#111214",
    QPalette.Light: "#3c3d42", QPalette.Midlight: "#34353a", QPalette.Shadow: "#000000",
}
_LIGHT = {
    QPalette.Window: "#f3f4f6", QPalette.WindowText: "#1f2328", QPalette.Base: "#ffffff",
    QPalette.AlternateBase: "#f6f8fa", QPalette.ToolTipBase: "#ffffff",
    QPalette.ToolTipText: "#1f2328", QPalette.Text: "#1f2328", QPalette.Button: "#f6f8fa",
    QPalette.ButtonText: "#1f2328", QPalette.BrightText: "#cf222e", QPalette.Link: "#0969da",
    QPalette.Highlight: "#2f81f7", QPalette.HighlightedText: "#ffffff",
    QPalette.PlaceholderText: "#6e7781", QPalette.Mid: "#d0d7de", QPalette.Dark: "#afb8c1",
    QPalette.Light: "#ffffff", QPalette.Midlight: "#eaeef2", QPalette.Shadow: "#8c959f",
}


def make_palette(dark: bool) -> QPalette:
    pal = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        pal.setColor(role, QColor(colour))
    grey = QColor("#6e7076") if dark else QColor("#a0a6ad")
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, grey)
    return pal


def system_prefers_dark() -> bool:
    """The system's choice when Qt can read it (Qt 6.5+); dark when it cannot say."""
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", lambda: Qt.ColorScheme.Unknown)()
    return scheme != Qt.ColorScheme.Light


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.Window).lightness() < 128


def set_theme(app, dark: bool) -> None:
    """Switch palettes on a running app. Widgets styled by the style sheet keep the palette
    they were polished with, so the sheet is applied again to re-polish them."""
    if getattr(app, "_la_dark", None) == dark:
        return  # unchanged: re-polishing every widget would only cost time
    app._la_dark = dark
    app.setPalette(make_palette(dark))
    sheet = app.styleSheet()
    if sheet:
        app.setStyleSheet("")
        app.setStyleSheet(sheet)


def apply_palette(app, dark: bool | None = None) -> None:
    """Apply a palette now; with dark=None follow the system, including later changes (until
    a palette is chosen again)."""
    follow = dark is None
    app._la_follow_system = follow  # read by the one colorSchemeChanged connection below
    set_theme(app, system_prefers_dark() if follow else dark)
    hints = app.styleHints()
    if follow and hasattr(hints, "colorSchemeChanged") and not getattr(app, "_la_follow", False):
        app._la_follow = True
        hints.colorSchemeChanged.connect(
            lambda scheme: getattr(app, "_la_follow_system", True)
            and set_theme(app, scheme != Qt.ColorScheme.Light))


THEMES = {"dark": True, "light": False, "system": None}  # the View menu's choices


def choose_theme(app, choice: str) -> None:
    """The user's palette: "dark", "light" or "system" (follows the system's scheme)."""
    apply_palette(app, THEMES[choice])


class ClearIndicators(QProxyStyle):
    """Fusion with a visible rim on check boxes and radio buttons: on the dark palette its own
    outline (the window colour darkened) all but disappears against the background."""

    RIMMED = (QStyle.PE_IndicatorCheckBox, QStyle.PE_IndicatorRadioButton)
    # Callables given every widget this style polishes, once before it is first shown (and
    # again when the style sheet changes): ui/wheel_guard sets field manners there. A style
    # hook costs one call per widget; an application event filter costs every event.
    polishers: list = []

    def polish(self, target):
        result = super().polish(target)
        if isinstance(target, QWidget):
            for polisher in self.polishers:
                polisher(target)
        return result

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in self.RIMMED or not is_dark(option.palette):
            return
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        rim = QColor("#8b8f96") if option.state & QStyle.State_Enabled else QColor("#55585e")
        painter.setPen(QPen(rim, 1.2))
        painter.setBrush(Qt.NoBrush)
        box = option.rect.adjusted(1, 1, -1, -1)
        if element == QStyle.PE_IndicatorRadioButton:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()
