"""WindowState: what the window remembers between runs (QSettings, organization "LiveAssets"):
geometry, splitter sizes, which docks are open and where, thumbnail size, sort, auto-advance,
stacks folded or not, the last query and the last library; and keeping the window on its screen.

Qt restores a saved geometry as it was, so a window saved on a 1920 px monitor comes back
1630 px wide on a 1280x800 laptop with its right edge (Render, Preview) off screen; and when a
dock opens whose minimum does not fit, QMainWindow grows past the screen. `fit_to_screen` puts
the window back inside the available area of the screen it is on, after restoring and whenever
a dock is shown or hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget

DEFAULT_SIZE = (1280, 800)


class WindowState:
    """Owned by the window: `restore()` once built, `save()` when closing. Reads and writes
    the window's splitter, grid view, auto-advance action, sort combo, search, catalog and
    calendar dock (handed over as the window; nothing else reaches in)."""

    def __init__(self, window, settings):
        self.window, self.settings = window, settings
        # Docks appear after restore too (menus, shortcuts): each time, the window is checked
        # once the layout settled (a queued call: QMainWindow resizes after the signal).
        self._fit_timer = QTimer(window, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.fit_to_screen)
        for dock in window.findChildren(QDockWidget):
            dock.visibilityChanged.connect(lambda _visible: self._fit_timer.start())
            dock.topLevelChanged.connect(lambda _floating: self._fit_timer.start())

    def restore(self) -> None:
        w, s = self.window, self.settings
        if s.value("geometry"):
            w.restoreGeometry(s.value("geometry"))
        else:
            w.resize(*DEFAULT_SIZE)
        if s.value("splitter"):
            w.splitter.restoreState(s.value("splitter"))
        if s.value("docks") and w.restoreState(s.value("docks")):
            for dock in w.findChildren(QDockWidget):  # the sizes they had last time stand
                dock.first_show_sizing = False
        w.view.set_thumb_size(int(s.value("thumb_size", 150)))
        w.auto_advance.setChecked(s.value("auto_advance", "false") in (True, "true"))
        w.stacks.restore(s.value("stacks", "false") in (True, "true"))
        sort = w.sort_combo.findData(s.value("sort", "taken"))
        w.sort_combo.blockSignals(True)
        w.sort_combo.setCurrentIndex(max(0, sort))
        w.sort_combo.blockSignals(False)
        w.search.set_text(str(s.value("query", "")), emit=False)
        self.fit_to_screen()

    def save(self) -> None:
        w, s = self.window, self.settings
        s.setValue("geometry", w.saveGeometry())
        s.setValue("splitter", w.splitter.saveState())
        s.setValue("docks", w.saveState())
        s.setValue("thumb_size", w.view.delegate.thumb_size)
        s.setValue("auto_advance", w.auto_advance.isChecked())
        s.setValue("stacks", w.stacks.toggle_action.isChecked())
        s.setValue("sort", w.sort_combo.currentData())
        s.setValue("query", w.search.text())
        s.setValue("library", str(w.catalog.folder))
        s.sync()

    # -- staying on the screen -----------------------------------------------------------------
    def available(self) -> QRect:
        """The usable area (without panels and docks of the desktop) of the window's screen."""
        w = self.window
        screen = (QGuiApplication.screenAt(w.frameGeometry().center()) or w.screen()
                  or QGuiApplication.primaryScreen())
        return screen.availableGeometry()

    def fit_to_screen(self) -> bool:
        """Shrink and move the window so its frame lies inside the screen's available area
        (never smaller than its minimum size). True when it had to change."""
        w = self.window
        if w.isMaximized() or w.isFullScreen():
            return False  # the window system keeps those on the screen
        area = self.available()
        frame, inner = w.frameGeometry(), w.geometry()
        extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
        width = max(min(inner.width(), area.width() - extra_w), w.minimumSizeHint().width())
        height = max(min(inner.height(), area.height() - extra_h), w.minimumSizeHint().height())
        changed = (width, height) != (inner.width(), inner.height())
        if changed:
            w.resize(width, height)
        frame = w.frameGeometry()
        x = min(max(frame.x(), area.x()), max(area.x(), area.right() + 1 - frame.width()))
        y = min(max(frame.y(), area.y()), max(area.y(), area.bottom() + 1 - frame.height()))
        if (x, y) != (frame.x(), frame.y()):
            w.move(x, y)
            changed = True
        return changed
