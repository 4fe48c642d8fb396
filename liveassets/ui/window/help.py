"""The Help menu's two windows: the keyboard sheet, read from the window's own actions each time
it opens (so it never goes stale), and About LiveAssets with the versions and paths a bug
report needs."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QLineEdit,
                               QMenu, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from liveassets import __version__
from liveassets.logs import log_path

SHEET_TEXT = "laSheetText"  # an action's name on the sheet when its text changes (Undo …)


def _title(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def keys_text(action: QAction) -> str:
    """The action's shortcuts as the platform writes them ("Ctrl+Shift+Z, Ctrl+Y")."""
    return ", ".join(k.toString(QKeySequence.NativeText) for k in action.shortcuts()
                     if not k.isEmpty())


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(section, action, keys) for every action of the window that has a shortcut: by menu in
    the menu bar's order (a submenu is "Menu › Submenu"), then the grid's own keys and any
    other window action ("Other"). Each action is listed once, under the first place it appears."""
    rows, seen = [], set()

    def add(section: str, action: QAction) -> None:
        if action in seen or action.isSeparator():
            return
        seen.add(action)
        keys, text = keys_text(action), _title(action.property(SHEET_TEXT) or action.text())
        if keys and text:
            rows.append((section, text, keys))

    # Menus found as children, never through QAction.menu(): PySide6 takes ownership of the
    # menu that call returns and deletes it with the wrapper (measured: opening the sheet that
    # way emptied the menu bar).
    menus = {m.menuAction(): m for m in window.findChildren(QMenu)}

    def walk(menu: QMenu, section: str) -> None:
        for action in menu.actions():
            sub = menus.get(action)
            if sub is not None:
                walk(sub, f"{section} › {_title(sub.title())}")
            else:
                add(section, action)

    for action in window.menuBar().actions():
        if action in menus:
            walk(menus[action], _title(menus[action].title()))
    for action in window.view.actions():
        add("Grid", action)
    for action in window.findChildren(QAction):
        add("Other", action)  # on a panel of its own (the sidebar's Rename…, F2)
    return rows


class KeyboardSheet(QDialog):
    """Every shortcut, grouped by menu, with a filter box (type "undo" or "ctrl+k")."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(520, 600)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Find an action or a key")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        sections: dict[str, QTreeWidgetItem] = {}
        for section, text, keys in shortcut_rows(window):
            if section not in sections:
                head = QTreeWidgetItem(self.tree, [section])
                head.setFirstColumnSpanned(True)
                font = head.font(0)
                font.setBold(True)
                head.setFont(0, font)
                head.setFlags(Qt.ItemIsEnabled)
                head.setExpanded(True)
                sections[section] = head
            QTreeWidgetItem(sections[section], [text, keys])
        self.tree.setRootIsDecorated(False)
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.filter)
        column.addWidget(self.tree, 1)
        column.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the sheet shows now (hidden rows left out): (section, action, keys)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                item = head.child(j)
                if not item.isHidden():
                    out.append((head.text(0), item.text(0), item.text(1)))
        return out

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            shown = 0
            for j in range(head.childCount()):
                item = head.child(j)
                hit = not needle or needle in item.text(0).casefold() \
                    or needle in item.text(1).casefold()
                item.setHidden(not hit)
                shown += hit
            head.setHidden(shown == 0)


# -- About ----------------------------------------------------------------------------------------
def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def about_facts(window) -> list[tuple[str, str]]:
    """(name, value) lines for About: versions and where the library and log live. ffmpeg's
    version is not here: finding it runs ffmpeg (see ffmpeg_line)."""
    facts = [("LiveAssets", __version__),
             ("Python", f"{platform.python_version()} ({sys.platform})"),
             ("Qt", f"{qVersion()} (PySide6 {pyside_version})"),
             ("moviepy", _version("moviepy")), ("PyAV", _version("av")),
             ("imageio-ffmpeg", _version("imageio-ffmpeg")),
             ("Library", str(window.catalog.folder)), ("Log file", str(log_path()))]
    return facts


_ffmpeg_line: str | None = None  # found once per run: the answer does not change


def ffmpeg_line() -> str:
    """ffmpeg's version and path, as the renderer uses it (runs `ffmpeg -version`: call it off
    the UI thread, e.g. on the window's job runner). imageio-ffmpeg finds the executable."""
    global _ffmpeg_line
    if _ffmpeg_line is None:
        try:
            import imageio_ffmpeg

            exe = imageio_ffmpeg.get_ffmpeg_exe()
            _ffmpeg_line = f"{imageio_ffmpeg.get_ffmpeg_version()} ({exe})"
        except (RuntimeError, OSError, ImportError) as exc:
            _ffmpeg_line = f"not found ({exc})"
    return _ffmpeg_line


class AboutDialog(QDialog):
    """About LiveAssets: what it is, the versions and paths, and Copy for a bug report."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("About LiveAssets")
        self.facts = about_facts(window)
        self.ffmpeg = "checking…"
        head = QLabel("<b>LiveAssets</b><br>Event photos and clips: cull, tag, record rights, "
                      "cut recaps, publish captions, hand out packs.", self)
        head.setWordWrap(True)
        self.label = QLabel(self)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label.setTextFormat(Qt.PlainText)
        self.label.setWordWrap(True)
        copy = QPushButton("Copy", self)
        copy.setToolTip("Copy these lines, to paste into a bug report")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text()))
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.addButton(copy, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(head)
        column.addWidget(self.label)
        column.addWidget(buttons)
        self._show()
        if _ffmpeg_line is not None:
            self._ffmpeg_found(_ffmpeg_line)
        else:  # a short job, once per run; dropped if the dialog is closed first
            window.jobs.run("reads", lambda _job: ffmpeg_line(), done=self._ffmpeg_found,
                            failed=self._ffmpeg_found, what="finding ffmpeg's version",
                            owner=self)

    def text(self) -> str:
        lines = [*self.facts[:6], ("ffmpeg", self.ffmpeg), *self.facts[6:]]
        return "\n".join(f"{name}: {value}" for name, value in lines)

    def _show(self) -> None:
        self.label.setText(self.text())

    def _ffmpeg_found(self, line: str) -> None:
        self.ffmpeg = line
        self._show()
