"""The composer's helpers (mixed into CaptionComposer): saved hashtag sets inserted with one
click, hashtag suggestions from the assets' tags, caption templates filled from those tags,
code replacement for pasted text, the publishing settings and the rights override. Every write
(a set, a template, the settings, an override) is one step on the window's undo stack."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMenu, QToolButton

from liveassets.people import user_name
from liveassets.publish.captions import split_hashtags
from liveassets.publish.hashtags import HashtagSet, HashtagSets, insert_set, suggest
from liveassets.publish.templates import CaptionTemplates, expand_codes, fill, template_fields
from liveassets.ui.commands import push_edit
from liveassets.ui.flow import FlowLayout
from liveassets.ui.posts.caption_edit import CODE_TIP, red

# Offered while the library has no templates of its own (saving one replaces them in the menu).
STARTER_TEMPLATES = (
    ("Event recap", "Recap of {event} 🎉 {date}. Thanks {creator} for the moments!"),
    ("Creator showcase", "Meet {creator} at {event} ✨"),
    ("Campaign highlight", "{campaign}: the best of {event} on {date}"),
)




class ComposerToolsMixin:
    """Needs: catalog, undo_stack, editor, hashtags_edit, first_comment_edit, settings, report,
    _assets, post, _when(), save(), flush(), on_change(), refresh_context(), message."""

    def _build_tools(self, parent) -> None:
        self.sets = HashtagSets(self.catalog)
        self.templates = CaptionTemplates(self.catalog)
        self.sets_button = QToolButton(parent)
        self.sets_button.setText("Hashtag sets")
        self.sets_menu = QMenu(self.sets_button)
        self.templates_button = QToolButton(parent)
        self.templates_button.setText("Templates")
        self.templates_menu = QMenu(self.templates_button)
        for button, menu in ((self.sets_button, self.sets_menu),
                             (self.templates_button, self.templates_menu)):
            button.setMenu(menu)
            button.setPopupMode(QToolButton.InstantPopup)
        self.sets_button.setToolTip("Insert a saved group of hashtags (duplicates are skipped)")
        self.templates_button.setToolTip("Insert a caption template filled from the assets' tags "
                                         "({event}, {date}, {creator}, {campaign}…)")
        self.expand_button = QToolButton(parent)
        self.expand_button.setText("Expand codes")
        self.expand_button.setToolTip(CODE_TIP)
        self.settings_button = QToolButton(parent)
        self.settings_button.setText("Settings…")
        self.settings_button.setToolTip("Code table, never-use hashtags, tag-to-hashtag map, "
                                        "recommended hashtag count, platform rules")
        self.tools_row = FlowLayout()  # wraps in a narrow dock rather than widening it
        for b in (self.sets_button, self.templates_button, self.expand_button):
            self.tools_row.addWidget(b)
        self.tools_row.add_stretch()
        self.tools_row.addWidget(self.settings_button)
        self.suggest_label = QLabel(parent)
        self.suggest_label.setWordWrap(True)
        self.suggest_label.setToolTip("Suggested by the assets' tags: click one to add it. "
                                      "Struck-through red ones are on the never-use list.")
        self._suggest_key: tuple | None = None

    def _connect_tools(self) -> None:
        self.sets_menu.aboutToShow.connect(self._fill_sets_menu)
        self.templates_menu.aboutToShow.connect(self._fill_templates_menu)
        self.expand_button.clicked.connect(lambda: self.expand_codes())
        self.settings_button.clicked.connect(self.edit_settings)
        self.suggest_label.linkActivated.connect(
            lambda href: self.add_hashtag(href.removeprefix("add:")))
        self.editor.codeExpanded.connect(
            lambda code, value: self.message.emit(f"{code} → {value}", False))

    # -- hashtags ------------------------------------------------------------------------
    def _hashtags(self) -> list[str]:
        return split_hashtags(self.hashtags_edit.text())

    def _set_hashtags(self, tags: list[str]) -> None:
        self.hashtags_edit.setText(" ".join(tags))
        self.save()

    def add_hashtag(self, tag: str) -> None:
        tags = self._hashtags()
        if tag.casefold() not in {t.casefold() for t in tags}:
            self._set_hashtags(tags + [tag])

    def insert_hashtag_set(self, hset: HashtagSet) -> int:
        """One click: the set's hashtags appended to the post's, skipping those already there."""
        before = self._hashtags()
        after = insert_set(before, hset)
        added = len(after) - len(before)
        if added:
            self._set_hashtags(after)
        self.message.emit(f'Added {added} hashtag{"s" * (added != 1)} from "{hset.name}"'
                          if added else f'Every hashtag of "{hset.name}" is on the post already.',
                          False)
        return added

    def _update_suggestions(self) -> None:
        have = [str(t) for t in self.report.hashtags] if self.report else []
        found = suggest(self._assets, self.settings, exclude=have) if self._assets else []
        key = tuple((s.hashtag, s.never_use) for s in found)
        if key == self._suggest_key:
            return
        self._suggest_key = key
        bits = []
        for s in found[:12]:
            h = html.escape(s.hashtag)
            bits.append(f'<span style="color:{red().name()}"><s>{h}</s></span>' if s.never_use
                        else f'<a href="add:{h}">{h}</a>')
        self.suggest_label.setText("Suggested: " + " &nbsp;".join(bits) if bits else "")
        self._tags_form.setRowVisible(self.suggest_label, bool(bits))

    def _fill_menu(self, menu, entries: list, empty: str, save: tuple, delete: str,
                   saved: list) -> None:
        """A saved-items menu: `entries` (label, tooltip, on click) or the disabled `empty`
        line, a Save… action (text, slot), and a `delete` submenu of `saved` items (name, undo
        label, the core's delete) when there are any."""
        menu.clear()
        for label, tip, slot in entries:
            action = menu.addAction(label)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, slot=slot: slot())
        if not entries:
            menu.addAction(empty).setEnabled(False)
        menu.setToolTipsVisible(True)
        menu.addSeparator()
        menu.addAction(*save)
        if saved:
            sub = menu.addMenu(delete)
            for name, label, remove in saved:
                sub.addAction(name, lambda label=label, remove=remove: self._push(label, remove))

    def _fill_sets_menu(self) -> None:
        sets = self.sets.all()
        self._fill_menu(
            self.sets_menu,
            [(f"{h.name}  ({len(h.hashtags)})", h.text(),
              lambda h=h: self.insert_hashtag_set(h)) for h in sets], "No saved sets yet",
            ("Save current hashtags as set…", lambda: self.save_hashtag_set()), "Delete set",
            [(h.name, f'Delete hashtag set "{h.name}"', lambda h=h: self.sets.delete(h.id))
             for h in sets])

    def _ask_name(self, name: str | None, title: str, label: str) -> str | None:
        """`name`, or one asked for (None when the user cancels)."""
        if name is not None:
            return name
        name, ok = QInputDialog.getText(self, title, label)
        return name if ok else None

    def save_hashtag_set(self, name: str | None = None) -> bool:
        tags = self._hashtags()
        if not tags:
            self.message.emit("Type some hashtags first, then save them as a set.", False)
            return False
        name = self._ask_name(name, "Save hashtag set", "Name of the set:")
        if name is None:
            return False
        return self._push(f'Hashtag set "{name.strip()}"',
                          lambda: self.sets.save(HashtagSet(name, tags)))

    # -- templates and codes -------------------------------------------------------------
    def _fill_templates_menu(self) -> None:
        saved = self.templates.all()
        entries = [(d["name"], d["text"]) for d in saved] or [
            (f"{name} (starter)", text) for name, text in STARTER_TEMPLATES]
        self._fill_menu(
            self.templates_menu,
            [(name, text, lambda t=text: self.apply_template(t)) for name, text in entries], "",
            ("Save caption as template…", lambda: self.save_template()), "Delete template",
            [(d["name"], f'Delete template "{d["name"]}"',
              lambda d=d: self.templates.delete(d["id"])) for d in saved])

    def apply_template(self, template: str) -> list[str]:
        """Fill {fields} from the assets' tags and put it at the caret (or as the caption when
        it is empty); returns the fields that had no value (left as typed and selected)."""
        when = self._when()
        filled = fill(template, template_fields(self._assets, when))
        cursor = self.editor.textCursor()
        if not self.editor.text().strip():
            cursor.select(cursor.SelectionType.Document)
        start = cursor.selectionStart()
        cursor.insertText(filled.text)
        self.editor.setTextCursor(cursor)
        if filled.missing:
            names = ", ".join("{" + m + "}" for m in dict.fromkeys(filled.missing))
            self.message.emit(f"No value for {names}: the assets have no such tag (e.g. "
                              "creator:@name). Type it in, or tag the assets.", False)
            first = self.editor.document().find("{" + filled.missing[0] + "}", start)
            if not first.isNull():
                self.editor.setTextCursor(first)
        self.editor.setFocus()
        return filled.missing

    def save_template(self, name: str | None = None) -> bool:
        text = self.editor.text()
        if not text.strip():
            self.message.emit("Write a caption first (use {event}, {date}, {creator}…).", False)
            return False
        name = self._ask_name(name, "Save caption template", "Name of the template:")
        if name is None:
            return False
        return self._push(f'Caption template "{name.strip()}"',
                          lambda: self.templates.save(name, text))

    def expand_codes(self) -> list[str]:
        """Expand every =code= in the caption and first comment (for pasted text)."""
        missing = []
        for box in (self.editor, self.first_comment_edit):
            text = box.text() if box is self.editor else box.toPlainText()
            done = expand_codes(text, self.settings.codes)
            missing += done.missing
            if done.text != text:
                cursor = box.textCursor()
                cursor.select(cursor.SelectionType.Document)
                cursor.insertText(done.text)  # one undo step in the box
        if missing:
            self.message.emit(f"Unknown code{'s' * (len(missing) > 1)}: {', '.join(missing)}. "
                              "Add them in Settings….", False)
        return missing

    # -- settings and rights -------------------------------------------------------------
    def edit_settings(self) -> None:
        dialog = self.settings_dialog()
        if dialog.exec() == QDialog.Accepted:
            self.save_settings(dialog.result_settings())
        dialog.deleteLater()

    def settings_dialog(self, tab: str = ""):
        """The Publishing settings dialog (not shown): its Platform rules tab records each rule
        change as one step on the undo stack at once; `tab` "rules" opens on that tab."""
        from liveassets.ui.posts.publish_settings import PublishSettingsDialog
        from liveassets.ui.posts.rules_tab import PlatformRulesTab

        def push(label, perform):
            return push_edit(self.undo_stack, self.catalog, label, perform, self.on_change)

        dialog = PublishSettingsDialog(self.settings, self,
                                       PlatformRulesTab(self.catalog, push))
        if tab == "rules":
            dialog.tabs.setCurrentWidget(dialog.rules_tab)
        return dialog

    def save_settings(self, settings) -> bool:
        return self._push("Publishing settings", lambda: settings.save(self.catalog))

    def override_rights(self, reason: str | None = None) -> bool:
        if self.post is None:
            return False
        self.flush()
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, "Override the rights gate",
                "Why may this post go out although its assets' rights block it?\n"
                "(Your name, the reason and the time are recorded.)")
            if not ok:
                return False
        post_id = self.post.id
        return self._push("Override rights", lambda: self.store.override_rights(
            post_id, user_name(), reason))

    def _push(self, label: str, perform) -> bool:
        error = push_edit(self.undo_stack, self.catalog, label, perform, self.on_change,
                          notify=self.message.emit)
        if error:
            self.message.emit(error, True)
            self._state(error, red())
        return error is None
