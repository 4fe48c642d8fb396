"""The content calendar in the window: a "Calendar" dock at the bottom (Post > Calendar,
Ctrl+Shift+L). Its moves go on the window's undo stack; a post opened from it (double-click or
Enter) shows in the Posts dock's composer; every change to posts, or to assets they use, reaches
it through the window's ChangeRelay (its own moves, other views', undo, redo, the CLI), and is
shown at once while the dock is open, or when it is next shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from liveassets.ui.posts.calendar_view import CalendarView
from liveassets.ui.posts.composer import push_edit


class CalendarDock(QDockWidget):
    def __init__(self, window, posts_panel, relay):
        super().__init__("Calendar", window)
        self.setObjectName("calendarDock")
        self.window_, self.posts_panel = window, posts_panel
        self.view = CalendarView(window.catalog, self, run_edit=self._run_edit)
        self.setWidget(self.view)
        self._stale = False
        self.first_show_sizing = True  # 40 % of the window when first shown
        relay.changed.connect(self.follow)
        self.view.postActivated.connect(self.open_post)
        self.view.message.connect(lambda text: window.notify(text, error=True))

    def _run_edit(self, label: str, perform) -> bool:
        error = push_edit(self.window_.undo_stack, self.window_.catalog, label, perform)
        if error:
            self.window_.notify(error, error=True)
        return error is None

    def _linked(self) -> set[str]:
        return {aid for p in self.view.model.posts.values() for aid in p.asset_ids}

    def follow(self, batch) -> None:
        """A batch of catalog changes: posts it names are taken from the changes themselves;
        a change to assets the posts use (rights) re-reads every post."""
        linked = batch.touches("assets") and batch.touches_assets(self._linked())
        posts = batch.of("posts")
        if not (batch.everything or linked or posts):
            return
        if not self.isVisible():
            self._stale = True
        elif batch.everything or linked:
            self.view.refresh()
        else:
            for change in posts:
                self.view.apply_change(change)

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
        pass  # nothing runs in the background (kept: the window shuts every dock down)


def install(window, posts_panel, menu, relay) -> CalendarDock:
    """Add the (hidden) Calendar dock under the grid and its toggle to `menu` (the Post menu);
    `relay` is the window's ChangeRelay."""
    dock = CalendarDock(window, posts_panel, relay)
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
