"""The content calendar in the window: a "Calendar" dock at the bottom (Post > Calendar,
Ctrl+Shift+L). Its moves go on the window's undo stack; a post opened from it (double-click or
Enter) shows in the Posts dock's composer; every change to posts, or to assets they use, reaches
it through the window's ChangeRelay (its own moves, other views', undo, redo, the CLI), and is
shown at once while the dock is open, or when it is next shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from liveassets.ui.docking import size_when_first_shown
from liveassets.ui.posts.calendar_view import CalendarView
from liveassets.ui.commands import push_edit


class CalendarDock(QDockWidget):
    def __init__(self, catalog, undo_stack, posts_panel, relay, notify, parent=None):
        """`notify(text, error=False)` reports in the window's status line; moves go on
        `undo_stack`; a post opened here shows in `posts_panel`."""
        super().__init__("Calendar", parent)
        self.setObjectName("calendarDock")
        self.catalog, self.undo_stack, self.notify = catalog, undo_stack, notify
        self.posts_panel = posts_panel
        self.view = CalendarView(catalog, self, run_edit=self._run_edit)
        self.setWidget(self.view)
        self._stale = False
        self.first_show_sizing = True  # 40 % of the window when first shown
        relay.changed.connect(self.follow)
        self.view.postActivated.connect(self.open_post)
        self.view.message.connect(lambda text: notify(text, error=True))

    def _run_edit(self, label: str, perform) -> bool:
        error = push_edit(self.undo_stack, self.catalog, label, perform, notify=self.notify)
        if error:
            self.notify(error, error=True)
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
        size_when_first_shown(self, 0.4, 260, Qt.Vertical)
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
