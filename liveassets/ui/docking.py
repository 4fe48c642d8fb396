"""Docks the window opens on demand (Calendar, Report): a size of their own the first time they
are shown docked, unless the window's saved layout has already given them one."""

from __future__ import annotations

from PySide6.QtCore import Qt


def size_when_first_shown(dock, share: float, minimum: int, orientation) -> None:
    """From the dock's showEvent: the first time it is shown docked, resize it to `share` of
    the main window's width (Qt.Horizontal) or height (Qt.Vertical), at least `minimum` px.
    Docks opt in with `dock.first_show_sizing = True`; WindowState.restore clears it when the
    saved layout places every dock."""
    if not getattr(dock, "first_show_sizing", False) or dock.isFloating():
        return
    dock.first_show_sizing = False
    main = dock.parentWidget()
    if main is not None and hasattr(main, "resizeDocks"):
        extent = main.width() if orientation == Qt.Horizontal else main.height()
        main.resizeDocks([dock], [max(minimum, int(extent * share))], orientation)
