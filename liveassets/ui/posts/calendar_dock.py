"""The content calendar in the window: a "Calendar" dock at the bottom (Post > Calendar,
Ctrl+Shift+L). Its moves go on the window's undo stack; a post opened from it (double-click or
Enter) shows in the Posts dock's composer; edits made elsewhere (composer, inspector, undo)
reach it through the undo stack, re-read once the typing pauses and only while it is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from liveassets.ui.posts.calendar_view import CalendarView
from liveassets.ui.posts.composer import push_edit
from liveassets.ui.stack_steps import StepWatcher

REFRESH_DELAY_MS = 300


class CalendarDock(QDockWidget):
    def __init__(self, window, posts_panel):
        super().__init__("Calendar", window)
        self.setObjectName("calendarDock")
        self.window_, self.posts_panel = window, posts_panel
        self.view = CalendarView(window.catalog, self, run_edit=self._run_edit)
        self.setWidget(self.view)
        self._own_step = False  # the stack step just taken was this view's: already shown
        self._stale = False
        self.first_show_sizing = True  # 40 % of the window when first shown
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        self._steps = StepWatcher(window.undo_stack, lambda: {
            aid for p in self.view.model.posts.values() for aid in p.asset_ids})
        window.undo_stack.indexChanged.connect(self._stack_moved)
        self.view.postActivated.connect(self.open_post)
        self.view.message.connect(lambda text: window.notify(text, error=True))

    def _run_edit(self, label: str, perform) -> bool:
        error = push_edit(self.window_.undo_stack, self.window_.catalog, label, perform,
                          self._on_change)
        if error:
            self.window_.notify(error, error=True)
        return error is None

    def _on_change(self, change) -> None:
        """Each step of a move made here (done, undone, redone): shown at once."""
        self._own_step = True
        self.view.apply_change(change)

    def _stack_moved(self, index: int) -> None:
        concerns = self._steps.concerns(index)  # (keeps the watcher's index in step)
        if self._own_step:
            self._own_step = False
            return
        if concerns:
            self._timer.start()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.view.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.first_show_sizing and not self.isFloating():
            self.first_show_sizing = False
            self.window_.resizeDocks([self], [max(260, int(self.window_.height() * 0.4))],
                                     Qt.Vertical)
        if self._stale:
            self._stale = False
            self.view.refresh()

    def open_post(self, post_id: str) -> None:
        panel = self.posts_panel
        panel.show()
        panel.raise_()
        panel.refresh()
        panel.select_post(post_id)

    def shutdown(self) -> None:
        self._timer.stop()


def install(window, posts_panel, menu) -> CalendarDock:
    """Add the (hidden) Calendar dock under the grid and its toggle to `menu` (the Post menu)."""
    dock = CalendarDock(window, posts_panel)
    window.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)  # the Posts and Cut docks
    window.addDockWidget(Qt.BottomDockWidgetArea, dock)                # keep their full height
    dock.hide()
    toggle = dock.toggleViewAction()
    toggle.setText("Calendar")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
    window.addAction(toggle)
    window.calendar_action = toggle
    menu.addAction(toggle)
    return dock
