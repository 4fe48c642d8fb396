"""Where a published post went, in the composer (mixed into CaptionComposer): the Published at
field, shown for a published post or on Post > Mark published…; a pasted link is stored with
the platform's post ID read from it and the time, together with the fields as shown, as one
undo step; a link that is not a post of the post's platform is shown under the field and
nothing is stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from liveassets.errors import UserError
from liveassets.publish.posts import Post, published, published_text
from liveassets.ui.commands import push_edit


class ComposerPublishedMixin:
    """Needs: post, store, catalog, undo_stack, status_combo, _main_form, published_row,
    published_edit, published_info, published_error, _save_timer, _loading, current_post(),
    _local(), _zone(), _edited(), _state(), sync(), on_change(), message."""

    def _status_changed(self, _index: int) -> None:
        self._show_published(self.post)
        self._edited(now=True)

    def _show_published(self, post: Post | None) -> None:
        """The Published at row: shown for a published post, one with a link, or while marking
        one (Post > Mark published…); the parsed ID and time beside the link."""
        if post is None:
            return
        visible = (self.status_combo.currentData() == "published" or bool(post.published_url)
                   or getattr(self, "_marking", False))
        self._main_form.setRowVisible(self.published_row, visible)
        if self.published_edit.text() != post.published_url:
            self.published_edit.setText(post.published_url)
        self.published_info.setText(published_text(post))
        self.published_info.setVisible(bool(post.published_url))

    def _published_error(self, text: str) -> None:
        self.published_error.setText(text)
        self.published_error.setVisible(bool(text))

    def begin_mark_published(self) -> bool:
        """Show the Published at field and put the caret in it (Post > Mark published…)."""
        if self.post is None:
            self.message.emit("Select a post in the Posts list first.", False)
            return False
        self._marking = True
        self._show_published(self.post)
        self.published_edit.setFocus()
        self.published_edit.selectAll()
        return True

    def _link_entered(self) -> None:
        if self.post is None or self._loading:
            return
        if self.published_edit.text().strip() == self.post.published_url:
            self._published_error("")
            return
        self.mark_published(self.published_edit.text())

    def mark_published(self, url: str, when: dt.datetime | None = None) -> bool:
        """Record where the post went (its link, the platform's post ID read from it, the time:
        `when`, default now) with the fields as shown, as one undo step; an empty link forgets
        a recorded one. A link that is not a post of the post's platform is shown under the
        field and nothing is stored. False when refused."""
        if self.post is None:
            return False
        self._save_timer.stop()
        post = self.current_post()
        local = self._local()
        if local is not None and local.kind == "skipped":
            self._published_error(f"{local.naive:%H:%M} does not exist that night in "
                                  f"{self._zone()}: pick another time first.")
            return False
        try:
            if url.strip():
                label, post = "Mark post published", published(post, url, when).validated()
            else:
                label = "Forget the published link"
                post = replace(post, published_url="", platform_post_id="",
                               published_at=None).validated()
        except UserError as exc:
            self._published_error(str(exc))
            return False
        self._published_error("")
        error = push_edit(self.undo_stack, self.catalog, label,
                          lambda: self.store.update(post, label=label), self.on_change,
                          notify=self.message.emit)
        if error:
            self._published_error(error)
            return False
        self._dirty = False
        self._state("Saved", None)
        self.sync()  # the status, date and ID as stored (the change feed may come later)
        return True
