"""The "Posts" dock: every post (local date and time, platform, account, a status chip, the
caption's first line, ⚠ when the caption breaks a platform limit or the rights gate blocks it)
above the CaptionComposer for the selected one. It follows the catalog's changes (the window's
ChangeRelay): its own edits, other views', undo and redo, the CLI's all show up the same way.
The window installs it and its Post menu entries (ui/window/docks.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from liveassets.publish import paid as paid_marks
from liveassets.publish.captions import analyse
from liveassets.publish.gate import check_post, is_photo_post
from liveassets.publish.platforms import NAMES
from liveassets.publish.posts import Post, PostStore, published_text
from liveassets.ui.changes import ChangeRelay
from liveassets.ui.commands import push_edit
from liveassets.ui.posts.composer import CaptionComposer, status_icon
from liveassets.shorten import shorten

ID_ROLE = Qt.UserRole + 1
REFRESH_DELAY_MS = 150


DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def when_text(post: Post) -> str:
    """'Mon 16 Nov 09:00' (English, as the rest of the window; strftime costs 20x more)."""
    w = post.scheduled
    if w is None:
        return "Not scheduled"
    return f"{DAYS[w.weekday()]} {w.day} {MONTHS[w.month - 1]} {w.hour:02d}:{w.minute:02d}"


def first_line(post: Post, width: int = 70) -> str:
    line = next((ln.strip() for ln in post.body.splitlines() if ln.strip()), "")
    line = line or " ".join(post.hashtags) or "(no caption yet)"
    return shorten(line, width)


class PostsPanel(QDockWidget):
    """The dock. `selection()` gives the grid's selected asset ids (New post uses them)."""

    message = Signal(str, bool)

    def __init__(self, catalog, undo_stack, selection=None, parent=None, relay=None):
        super().__init__("Posts", parent)
        self.setObjectName("postsDock")
        self.catalog, self.undo_stack = catalog, undo_stack
        self.store = PostStore(catalog)
        self.selection = selection or (lambda: [])
        self._limits: dict[tuple, bool] = {}   # (platform, photo, caption) -> within limits
        self._stale = False
        self._shown_posts: list[Post] = []
        body = QWidget(self)
        self.list = QListWidget(body)
        self.list.setObjectName("postsList")
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.count_label = QLabel(body)
        self.new_button = QPushButton("New post", body)
        self.new_button.setToolTip("A post with the assets selected in the grid (Ctrl+Shift+N)")
        self.delete_button = QPushButton("Delete", body)
        self.delete_button.setToolTip("Delete the selected post (Ctrl+Z brings it back)")
        self.composer = CaptionComposer(catalog, undo_stack, body)
        self.composer.selection_source = lambda: self.selection()
        top = QWidget(body)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addLayout(buttons)
        top_column.addWidget(self.list)
        self.splitter = QSplitter(Qt.Vertical, body)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.composer)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([170, 600])
        self.splitter.setCollapsible(1, False)
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 6)
        column.addWidget(self.splitter)
        self.setWidget(body)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_if_shown)
        self.list.currentItemChanged.connect(self._current_changed)
        self.new_button.clicked.connect(lambda: self.new_post())
        self.delete_button.clicked.connect(self.delete_post)
        self.composer.message.connect(self.message)
        if relay is None:  # on its own (tests, a tool window): it follows the catalog itself
            relay = self._own_relay = ChangeRelay(catalog, self)
        relay.changed.connect(self.follow)
        self.composer.follows_feed = True
        self.refresh()

    # -- the list ----------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Rebuild the list from the store, keeping (or moving to) the selected post."""
        self._stale = False
        keep = select or self.composer.post_id
        posts = self.store.all()
        self._shown_posts = posts
        shown = [self.list.item(r).data(ID_ROLE) for r in range(self.list.count())]
        self.list.blockSignals(True)
        try:
            if [p.id for p in posts] == shown and not select:  # same rows: keep the scroll
                for r, post in enumerate(posts):
                    self._paint(self.list.item(r), post)
                posts_changed = False
            else:
                self.list.clear()
                posts_changed = True
            for post in posts if posts_changed else ():
                item = QListWidgetItem()
                item.setData(ID_ROLE, post.id)
                self._paint(item, post)
                self.list.addItem(item)
                if post.id == keep:
                    self.list.setCurrentItem(item)
        finally:
            self.list.blockSignals(False)
        self.count_label.setText(f"{len(posts)} post{'s' * (len(posts) != 1)}")
        self.delete_button.setEnabled(self.composer.post_id is not None or select is not None)
        if not self.composer.dirty:
            self.composer.sync()  # another view (calendar, CLI undo) may have moved it

    def follow(self, batch) -> None:
        """A batch of catalog changes (ChangeRelay): the composer follows its post and the
        settings; rows of changed posts repaint (the list is rebuilt when one came, went or
        moved); a change to assets the posts use re-reads the list once typing pauses."""
        if batch.everything:
            self.refresh_later()
            return
        posts = batch.of("posts")
        if posts or batch.touches("settings"):
            self.composer.follow(batch)
        for change in posts:
            self._changed(change)
        if batch.touches("assets") and batch.touches_assets(self._linked_assets()):
            self.refresh_later()

    def _linked_assets(self) -> set[str]:
        return {aid for p in self._shown_posts for aid in p.asset_ids}

    def refresh_later(self, *_args) -> None:
        self._refresh_timer.start()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()
            self.composer.refresh_context()  # asset rights may have changed
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
            self.composer.refresh_context()  # asset rights may have changed meanwhile

    def new_day(self) -> None:
        """Local midnight in the team's zone: rows and the rights line judge the new today."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True
        self.composer.new_day()

    def item_for(self, post_id: str) -> QListWidgetItem | None:
        for r in range(self.list.count()):
            if self.list.item(r).data(ID_ROLE) == post_id:
                return self.list.item(r)
        return None

    def problems(self, post: Post) -> list[str]:
        """What the ⚠ marker stands for: a broken limit, a rights block without override."""
        out = []
        photo = is_photo_post(self.catalog, post)
        key = (post.platform, photo, post.title, post.full_caption())
        if key not in self._limits:
            if len(self._limits) > 5000:
                self._limits.clear()
            report = analyse(key[3], post.platform, photo=photo, title=post.title or None,
                             detail=False)
            self._limits[key] = report.within_limits
        if not self._limits[key]:
            out.append(f"The caption breaks a {NAMES[post.platform]} limit.")
        if post.asset_ids:
            rights = check_post(self.catalog, post)
            if not rights.may_export:
                out.append("Rights block it: " + "; ".join(rights.problems))
        return out

    def _paint(self, item: QListWidgetItem, post: Post) -> None:
        problems = self.problems(post)
        head = f"{when_text(post)}  ·  {NAMES[post.platform]}" + (
            f"  ·  {post.account}" if post.account else "") + (
            f"  ·  {paid_marks.label(post.paid)}" if paid_marks.is_paid(post.paid) else "")
        item.setText(("⚠ " if problems else "") + head + "\n" + first_line(post))
        item.setIcon(status_icon(post.status))
        tip = [f"{post.status.capitalize()} · {len(post.asset_ids)} asset(s)"] + problems
        if post.published_url:
            tip += [published_text(post), post.published_url]
        item.setToolTip("\n".join(tip))

    def _current_changed(self, current, _previous) -> None:
        post_id = current.data(ID_ROLE) if current is not None else None
        self.composer.load(post_id)
        self.delete_button.setEnabled(post_id is not None)

    def _changed(self, change) -> None:
        """After a step that touched posts: repaint their rows, or rebuild when one came or went."""
        if change.table != "posts":
            return
        for pid in change.ids:
            item = self.item_for(pid)
            exists = pid in self.store.records
            moved = (change.before.get(pid) or {}).get("scheduled") != \
                (change.after.get(pid) or {}).get("scheduled")  # its place in the list too
            if item is None or not exists or moved:
                QTimer.singleShot(0, self.refresh)  # not while a list signal is being handled
                return
            self._paint(item, self.store.get(pid))

    # -- creating and deleting ---------------------------------------------------------------
    def select_post(self, post_id: str) -> None:
        item = self.item_for(post_id)
        if item is not None:
            self.list.setCurrentItem(item)

    def new_post(self, asset_ids: list[str] | None = None) -> str | None:
        """A draft post linking `asset_ids` (default: the grid selection), opened for editing."""
        ids = list(self.selection() if asset_ids is None else asset_ids)
        self.composer.flush()
        post = Post(asset_ids=ids)
        error = push_edit(self.undo_stack, self.catalog, "New post",
                          lambda: self.store.create(post), notify=self.message.emit)
        if error:
            self.message.emit(error, True)
            return None
        self.show()
        self.raise_()
        self.refresh(select=post.id)
        self.composer.load(post.id)
        self.composer.editor.setFocus()
        n = len(ids)
        self.message.emit(f"New post with {n} asset{'s' * (n != 1)}." if n else
                          "New post with no assets: select some in the grid, then Use grid "
                          "selection.", False)
        return post.id

    def delete_post(self) -> bool:
        post_id = self.composer.post_id
        if post_id is None:
            item = self.list.currentItem()
            post_id = item.data(ID_ROLE) if item is not None else None
        if post_id is None:
            return False
        self.composer.flush()  # so that Undo brings back the latest text
        error = push_edit(self.undo_stack, self.catalog, "Delete post",
                          lambda: self.store.delete(post_id), notify=self.message.emit)
        if error:
            self.message.emit(error, True)
            return False
        self.composer.load(None)
        self.refresh()
        self.message.emit("Post deleted. Edit > Undo (Ctrl+Z) brings it back.", False)
        return True

    def shutdown(self) -> None:
        """Save pending edits and stop timers (call from the window's shutdown)."""
        self._refresh_timer.stop()
        self.composer.shutdown()
        if getattr(self, "_own_relay", None) is not None:
            self._own_relay.shutdown()
