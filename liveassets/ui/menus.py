"""Finding the window's menus by title, for the docks that add their actions to them."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu


def menu_named(window, title: str) -> QMenu:
    """The menu bar's menu titled `title` (ignoring the & of its mnemonic), made if missing."""
    # findChildren, not QAction.menu(): PySide's menu() wrapper can take the menu's ownership.
    for menu in window.menuBar().findChildren(QMenu):
        if menu.title().replace("&", "") == title:
            return menu
    return window.menuBar().addMenu("&" + title)
