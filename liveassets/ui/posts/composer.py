"""CaptionComposer: the post editor. Platform, account, date and time in the post's zone,
status, the caption with a live counter in the platform's own unit (UTF-16 units for TikTok,
characters for Instagram, bytes for YouTube, weighted characters for X), hashtag and mention
counts against the platform's caps and the team's recommended number, and the warnings, each
of which selects its span when clicked. Hashtag sets, suggestions, templates and codes live in
ComposerToolsMixin (composer_tools.py); where a published post went, ComposerPublishedMixin
(composer_published.py); the date, time and zone with their daylight-saving cases,
ComposerWhenMixin (composer_when.py); the counters and warnings, ComposerCountMixin
(composer_count.py); whether the post was paid (Spark Ads, ...), ComposerPaidMixin
(composer_paid.py).

Counting is synchronous, so the number never lags what is on screen: `captions.analyse`
takes 1-2 ms on a 4,000-character caption, and a key press reaches the updated counter in
~4-5 ms, the painted frame in ~8-11 ms (median; a bare QPlainTextEdit: ~1.3 ms) against the
16 ms budget (tests/bench/bench_composer.py, 2 cores). What made the frame fit: marks inside
the text are highlighter formats, redone per paragraph, not extra selections repainted whole
(caption_edit.py); the warnings list and whole-caption re-highlights wait for a 60 ms pause
in typing. Saving is deferred too: 500 ms after the last edit, on leaving a field, or on
Save; each save (~2-3 ms) is one CatalogCommand on the window's undo stack.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, QEvent, QSize, QStringListModel, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QStyle, QWidget

from liveassets.catalog.changes import REDO, UNDO
from liveassets.errors import UserError
from liveassets.publish.captions import CaptionContext, split_hashtags, split_mentions
from liveassets.publish.gate import caption_context, check_post, is_photo_post
from liveassets.publish.hashtags import PublishSettings
from liveassets.publish.platforms import rules_for
from liveassets.publish.posts import Post, PostError, PostStore, describe_change
from liveassets.ui.posts.caption_edit import amber, green, red, set_colour
from liveassets.ui.posts.calendar_paint import status_icon
from liveassets.ui.posts.composer_form import ComposerFormMixin
from liveassets.ui.commands import push_edit
from liveassets.ui.posts.composer_count import ComposerCountMixin
from liveassets.ui.posts.composer_paid import ComposerPaidMixin
from liveassets.ui.posts.composer_published import ComposerPublishedMixin
from liveassets.ui.posts.composer_tools import ComposerToolsMixin
from liveassets.ui.posts.composer_when import ComposerWhenMixin

__all__ = ["CaptionComposer", "status_icon"]

SAVE_DELAY_MS = 500
class CaptionComposer(ComposerFormMixin, ComposerCountMixin, ComposerToolsMixin,
                      ComposerPublishedMixin, ComposerWhenMixin, ComposerPaidMixin, QWidget):
    """Edits one post (`load(post_id)`); every save goes through `undo_stack`."""

    changed = Signal(object)        # a catalog Change this composer made (posts, sets, ...)
    message = Signal(str, bool)     # text, is_error: for the window's status bar

    def __init__(self, catalog, undo_stack, parent=None):
        super().__init__(parent)
        self.setObjectName("captionComposer")
        self.catalog, self.undo_stack = catalog, undo_stack
        self.store = PostStore(catalog)
        self.settings = PublishSettings.load(catalog)
        self.selection_source = None     # callable -> asset ids (the window's grid selection)
        self.follows_feed = False        # True once a ChangeRelay's batches reach `follow`
        self.post: Post | None = None     # the saved version of the post being edited
        self.report = None
        self._assets: list[dict] = []
        self._asset_ids: list[str] = []
        self._photo_assets = False
        self._context = CaptionContext()
        self._body = self._full = ""
        self._loading = False
        self._dirty = False
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save)
        self._build()
        self._connect()
        self._show(None)

    def _connect(self) -> None:
        self.editor.textChanged.connect(self._body_changed)
        for edit in (self.hashtags_edit, self.mentions_edit, self.title_edit):
            edit.textChanged.connect(self._text_edited)
        for edit in (self.account_edit, self.alt_text_edit):
            edit.textChanged.connect(self._edited)
        for box in (self.first_comment_edit, self.notes_edit):
            box.textChanged.connect(self._edited)
        self.cover_spin.valueChanged.connect(self._edited)
        self.date_edit.dateChanged.connect(self._when_edited)
        self.time_edit.timeChanged.connect(self._when_edited)
        self.zone_combo.currentIndexChanged.connect(self._when_edited)
        self.fold_combo.currentIndexChanged.connect(self._when_edited)
        self.dst_button.clicked.connect(self.use_suggested_time)
        self.schedule_check.toggled.connect(self._schedule_toggled)
        self.platform_combo.currentIndexChanged.connect(self._platform_changed)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.published_edit.editingFinished.connect(self._link_entered)
        self.warnings_list.chosen.connect(self.show_warning)
        self.save_button.clicked.connect(self.save)
        self.use_selection_button.clicked.connect(self.use_grid_selection)
        self.override_button.clicked.connect(lambda: self.override_rights())
        self.more_button.toggled.connect(self._toggle_more)
        self._connect_tools()
        for w in (self.editor, self.hashtags_edit, self.mentions_edit, self.title_edit,
                  self.account_edit, self.first_comment_edit, self.alt_text_edit,
                  self.notes_edit, self.date_edit, self.time_edit, self.cover_spin):
            w.installEventFilter(self)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the form's rows allow (measured, fonts included) plus the scroll bar:
        no wider, so the Posts dock fits a laptop screen beside the grid."""
        hint = super().minimumSizeHint()
        scroll = self.scroll
        rows = scroll.widget().minimumSizeHint().width() + 2 * scroll.frameWidth() + \
            self.style().pixelMetric(QStyle.PM_ScrollBarExtent)
        return QSize(max(hint.width(), rows), hint.height())

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.FocusOut and self._dirty:
            self.save()  # leaving a field saves it at once
        return False

    # -- showing a post ----------------------------------------------------------------------
    def load(self, post_id: str | None) -> None:
        """Edit this post (None: nothing); pending edits to the previous one are saved first."""
        self.flush()
        post = None
        if post_id:
            try:
                post = self.store.get(post_id)
            except (PostError, ValueError):
                post = None
        if post is not None:
            self._offer_accounts()
        self._show(post)

    def _offer_accounts(self) -> None:
        """The account field completes the accounts the library's posts already use."""
        accounts = sorted({str(d.get("account")).strip() for d in self.store.records.all()
                           if str(d.get("account") or "").strip()}, key=str.casefold)
        if self.account_edit.completer() is None:
            completer = QCompleter(self)
            completer.setCaseSensitivity(Qt.CaseInsensitive)
            completer.setModel(QStringListModel(self))
            self.account_edit.setCompleter(completer)
        self.account_edit.completer().model().setStringList(accounts)

    @property
    def post_id(self) -> str | None:
        return self.post.id if self.post else None

    @property
    def dirty(self) -> bool:
        """Edits not saved yet (the save is waiting for a pause in typing)."""
        return self._dirty

    def _show(self, post: Post | None) -> None:
        self._save_timer.stop()
        self.post = post
        self._dirty = False
        self.pages.setCurrentIndex(1 if post else 0)
        if post is None:
            self.report = None
            return
        self._loading = True
        try:
            self._set_combo(self.platform_combo, post.platform)
            self._set_combo(self.status_combo, post.status)
            _set_text(self.account_edit, post.account)
            if self.editor.text() != post.body:
                pos = self.editor.textCursor().position()
                self.editor.setPlainText(post.body)
                cursor = self.editor.textCursor()
                cursor.setPosition(min(pos, self.editor.document().characterCount() - 1))
                self.editor.setTextCursor(cursor)
            _set_text(self.hashtags_edit, " ".join(post.hashtags))
            _set_text(self.mentions_edit, " ".join(post.mentions))
            _set_text(self.title_edit, post.title)
            _set_text(self.alt_text_edit, post.alt_text)
            for box, text in ((self.first_comment_edit, post.first_comment),
                              (self.notes_edit, post.notes)):
                if box.toPlainText() != text:
                    box.setPlainText(text)
            self.cover_spin.setValue(-0.1 if post.cover_time is None else post.cover_time)
            self.schedule_check.setChecked(post.scheduled is not None)
            when = post.scheduled or self._default_when(post.timezone)
            if self.zone_combo.findData(post.timezone) < 0:  # a zone from the CLI or a sheet
                self.zone_combo.addItem(post.timezone.split("/")[-1].replace("_", " "),
                                        post.timezone)
            self.zone_combo.setCurrentIndex(self.zone_combo.findData(post.timezone))
            self.date_edit.setDate(QDate(when.year, when.month, when.day))
            self.time_edit.setTime(QTime(when.hour, when.minute))
            self._show_dst(when.fold)
            self._show_paid(post)
        finally:
            self._loading = False
        self.date_edit.setEnabled(post.scheduled is not None)
        self.time_edit.setEnabled(post.scheduled is not None)
        self._show_zone(post.scheduled)
        self._asset_ids = list(post.asset_ids)
        self._load_assets()
        self._marking = False
        self._show_published(post)
        self._state("Saved", None)
        self.refresh_context()

    @staticmethod
    def _set_combo(combo: QComboBox, value: str) -> None:
        i = combo.findData(value)
        if i >= 0 and i != combo.currentIndex():
            combo.setCurrentIndex(i)

    def _load_assets(self) -> None:
        self._assets = [self.catalog.get(a) for a in self._asset_ids if a in self.catalog]
        names = [a.get("name") or a["id"] for a in self._assets]
        gone = len(self._asset_ids) - len(self._assets)
        text = (f"{len(names)}: " + ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
                if names else "none linked")
        self.assets_label.setText(text + (f" ({gone} no longer in the library)" if gone else ""))
        self.assets_label.setToolTip("\n".join(names))
        has_video = any(a.get("kind") == "video" for a in self._assets)
        self.cover_spin.setEnabled(has_video)
        self.cover_spin.setToolTip("" if has_video else "Only for posts with a video")
        probe = Post(asset_ids=self._asset_ids, platform="tiktok", id="probe", timezone="UTC")
        self._photo_assets = is_photo_post(self.catalog, probe)

    def refresh_context(self) -> None:
        """Rebuild what the analysis knows beyond the text (settings, rights on the date) and
        analyse again: after loading, a new date or assets, settings or rights edits."""
        if self.post is None:
            return
        post = self.current_post()
        self.settings = PublishSettings.load(self.catalog)
        self.editor.set_codes(self.settings.codes)
        self._context = caption_context(self.catalog, post)
        loading, self._loading = self._loading, True  # re-highlighting is not an edit
        try:
            self.editor.highlighter.configure(self._context.never_use,
                                              self._context.uncleared_creators, post.platform)
        finally:
            self._loading = loading
        rights = check_post(self.catalog, post)
        day = f"{rights.on.day} {rights.on:%b %Y}" + ("" if post.scheduled else " (today)")
        if not post.asset_ids:
            text, colour = "No assets linked: nothing to check.", None
        elif rights.cleared:
            text, colour = f"Rights cleared for {day}.", green()
        elif rights.override:
            text, colour = rights.label, amber()
        else:
            text, colour = f"Rights block a public post on {day}: " + "; ".join(
                rights.problems), red()
        self.rights_label.setText(text)
        set_colour(self.rights_label, colour)
        self.override_button.setVisible(bool(post.asset_ids) and not rights.cleared
                                         and not rights.override)
        rules = rules_for(post.platform, photo=self._photo(post.platform), on=self._context.on,
                          book=self._context.book)
        self._tags_form.setRowVisible(self.title_edit, rules.title_limit is not None)
        if rules.title_limit:
            self.title_edit.setPlaceholderText(f"Up to {rules.title_limit} characters")
        self._analyse()

    # -- reading the fields ------------------------------------------------------------------
    def _platform(self) -> str:
        return self.platform_combo.currentData()

    def _photo(self, platform: str) -> bool:
        return platform == "tiktok" and self._photo_assets

    def current_post(self) -> Post | None:
        """The post as the fields show it now (not validated, not saved)."""
        if self.post is None:
            return None
        cover = self.cover_spin.value()
        return replace(
            self.post, platform=self._platform(), account=self.account_edit.text().strip(),
            body=self.editor.text(), hashtags=split_hashtags(self.hashtags_edit.text()),
            mentions=split_mentions(self.mentions_edit.text()), scheduled=self._when(),
            timezone=self._zone(),
            status=self.status_combo.currentData(), title=self.title_edit.text().strip(),
            first_comment=self.first_comment_edit.toPlainText(),
            alt_text=self.alt_text_edit.text().strip(),
            cover_time=None if cover < 0 or not self.cover_spin.isEnabled() else cover,
            notes=self.notes_edit.toPlainText(), asset_ids=list(self._asset_ids),
            paid=self._current_paid())

    # -- reacting to edits -------------------------------------------------------------------
    def _body_changed(self) -> None:
        # The highlighter's re-formatting also signals textChanged: only real edits count.
        if not self._loading and self.post is not None and self.editor.text() != self._body:
            self._text_edited()

    def _text_edited(self) -> None:
        if self._loading or self.post is None:
            return
        self._analyse(typing=True)
        self._edited()

    def _edited(self, *_args, now: bool = False) -> None:
        if self._loading or self.post is None:
            return
        self._dirty = True
        if now:
            self.save()
        else:
            self._state("Editing…", None)
            self._save_timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # Rights may have been edited, or the day moved on, while the composer was hidden.
        self.refresh_context()

    def new_day(self) -> None:
        """The team's day changed while open (local midnight): unscheduled posts are judged on
        the new today."""
        self.refresh_context()

    def _platform_changed(self, _index: int) -> None:
        if self._loading or self.post is None:
            return
        self._dirty = True
        self.save()
        self.refresh_context()

    def _toggle_more(self, on: bool) -> None:
        self.more.setVisible(on)
        self.more_button.setArrowType(Qt.DownArrow if on else Qt.RightArrow)

    # -- the live analysis -------------------------------------------------------------------
    # -- saving ------------------------------------------------------------------------------
    def _state(self, text: str, colour: QColor | None) -> None:
        self.state_label.setText(text)
        set_colour(self.state_label, colour)

    def flush(self) -> None:
        """Save pending edits now (before switching posts, closing, or undoing elsewhere)."""
        if self._dirty:
            self.save()

    def save(self) -> bool:
        """Store the fields as the post, as one undoable step; False when refused."""
        self._save_timer.stop()
        if self.post is None:
            return False
        post = self.current_post()
        local = self._local()
        if local is not None and local.kind == "skipped":  # never shifted silently
            self._state(f"{local.naive:%H:%M} does not exist that night in {self._zone()}: "
                        f"pick another time or use {local.suggestion:%H:%M}.", red())
            return False
        if post.status == "published" and post.scheduled is None:
            self._state("Set a date and time, or paste the post's link under Published at, "
                        "before marking the post published.", red())
            return False
        if post.status == "scheduled" and post.scheduled is None:
            self._state("Set a date and time before marking the post scheduled.", red())
            return False
        try:
            post = post.validated()
        except UserError as exc:
            self._state(str(exc), red())
            return False
        self._dirty = False
        if post == self.post:
            self._state("Saved", None)
            return True
        label = describe_change(self.post, post)
        error = push_edit(self.undo_stack, self.catalog, label,
                          lambda: self.store.update(post, label=label), self.on_change,
                          merge_key=(post.id, label),  # pauses in typing: one step
                          notify=self.message.emit)
        if error:
            self._state(error, red())
            self.message.emit(error, True)
            return False
        self._state("Saved", None)
        return True

    def follow(self, batch) -> None:
        """A batch of catalog changes (ChangeRelay, through the Posts dock): follow the stored
        post and the publishing settings, whoever changed them."""
        mine = [(c, source) for c, source in batch.items
                if c.table == "posts" and self.post is not None and self.post.id in c.after]
        # While the user is typing, only an undo or redo of the post replaces the fields (as
        # Ctrl+Z in a text box would); another view's edit waits for the typing to be saved.
        if batch.everything or any(not self._dirty or source in (UNDO, REDO)
                                   for _, source in mine):
            self.sync()
        if batch.touches("settings"):
            self.refresh_context()

    def on_change(self, change) -> None:
        """After each step of a command this composer pushed (done, undone, redone), when no
        change feed is followed (a composer on its own); in the window `follow` does this."""
        if self.follows_feed:
            return
        if change.table == "posts":
            self.sync()
        elif change.table == "settings":
            self.refresh_context()
        self.changed.emit(change)

    def sync(self) -> None:
        """Follow the stored post after an undo, a redo or another view's edit; the fields are
        only rewritten where they differ, so the caret stays put while typing."""
        if self.post is None:
            return
        try:
            stored = self.store.get(self.post.id)
        except (PostError, ValueError):
            self._show(None)  # deleted (or its creation undone)
            return
        try:
            same = self.current_post().validated() == stored
        except UserError:
            same = False
        if same:
            self.post = stored
            if not self._dirty:
                self._state("Saved", None)
        else:
            self._show(stored)

    def use_grid_selection(self) -> None:
        ids = self.selection_source() if self.selection_source else []
        if not ids:
            self.message.emit("Select assets in the grid first.", False)
            return
        self._asset_ids = list(ids)
        self._load_assets()
        self._dirty = True
        if self.save():
            self.message.emit(f"The post now uses {len(ids)} asset{'s' * (len(ids) != 1)}.",
                              False)
        self.refresh_context()

    def shutdown(self) -> None:
        self.flush()
        for timer in (self._save_timer, self.editor._marks_timer, self.warnings_list._timer):
            timer.stop()


def _set_text(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)
