"""TemplatesController: the Templates menu (New from selection…, Edit templates…, Apply “name”
on Ctrl+1..9) over the library's metadata templates (catalog/templates.py). Applying one, and
saving or deleting one, is one CatalogCommand on the window's undo stack.

Templates used to live in the user's QSettings; `import_old` copies those into the library the
first time a window opens it (the old keys are left as they were).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from liveassets.catalog.templates import (TABLE, MetadataTemplate, TemplateStore, apply_template,
                                          propose)
from liveassets.errors import UserError
from liveassets.ui.commands import CatalogCommand
from liveassets.ui.dialogs.templates import TemplatesDialog
from liveassets.ui.menu_text import menu_text

OLD_SETTINGS_KEY = "templates"  # the QSettings key of the old per-user store (a JSON list)


class TemplatesController(QObject):
    """Owns the Templates menu it is handed and the actions in it.

    `selected_ids()` gives the selection; `notify(text, error=False)` the status line;
    `relay` is the window's ChangeRelay (the menu and the dialog follow the library's
    templates through it, whoever changed them); `host` is the window, which
    carries the Ctrl+1..9 shortcuts and parents the dialog; `today()` is the day a relative
    expiry counts from.
    """

    def __init__(self, catalog, undo_stack, selected_ids: Callable[[], list[str]],
                 notify: Callable, menu, relay, host,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(host)
        self.catalog, self.undo_stack, self.selected_ids = catalog, undo_stack, selected_ids
        self.notify, self.menu, self.host, self.today = notify, menu, host, today
        relay.changed.connect(self.follow)
        self.store = TemplateStore(catalog)
        self.dialog: TemplatesDialog | None = None
        self.apply_actions: list[QAction] = []
        self.rebuild_menu()

    # -- the menu ---------------------------------------------------------------------------
    def rebuild_menu(self) -> None:
        for action in self.apply_actions:
            self.host.removeAction(action)
        self.menu.clear()
        self.new_action = self.menu.addAction("New from selection…", self.new_from_selection)
        self.new_action.setToolTip("A template of the rights and tags all selected assets share")
        self.edit_action = self.menu.addAction("Edit templates…", self.edit_templates)
        self.apply_actions = []
        templates = self.store.all()
        if templates:
            self.menu.addSeparator()
        for n, template in enumerate(templates):
            action = QAction(f"Apply “{menu_text(template.name)}”", self.host)
            action.setToolTip(template.describe())
            action.setStatusTip(template.describe())
            if n < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            action.triggered.connect(lambda _=False, t=template: self.apply(t))
            self.host.addAction(action)  # the shortcut works while the menu is closed
            self.menu.addAction(action)
            self.apply_actions.append(action)
        self.menu.setToolTipsVisible(True)

    # -- applying ---------------------------------------------------------------------------
    def apply(self, template: MetadataTemplate) -> bool:
        """Apply to the selection as one undo step; a refusal goes to the status line."""
        ids = self.selected_ids()
        if not ids:
            self.notify("Select the assets to apply the template to.")
            return False
        today = self.today()
        command = CatalogCommand(
            self.catalog, f"Apply template {template.name}",
            lambda: apply_template(self.catalog, template, ids, today),
            on_error=lambda exc: self.notify(str(exc), error=True))
        self.undo_stack.push(command)
        if command.error is not None:
            self.notify(str(command.error), error=True)
            return False
        changed = len(command.change)
        self.notify(f"Applied “{template.name}” to {len(ids):,} assets"
                    + ("" if changed == len(ids) else f" ({changed:,} changed)") + ".")
        return True

    def follow(self, batch) -> None:
        """A batch of catalog changes (ChangeRelay): the menu and the open dialog re-read the
        templates when they changed (here, by undo, or by the CLI)."""
        if batch.touches(TABLE):
            self.rebuild_menu()
            if self.dialog is not None:
                self.dialog.reload()

    # -- making and editing -------------------------------------------------------------------
    def new_from_selection(self) -> TemplatesDialog | None:
        """Open the editor on a template proposed from the selection (not saved until Save)."""
        ids = self.selected_ids()
        if not ids:
            self.notify("Select the assets whose shared rights and tags the template should "
                        "hold.")
            return None
        dialog = self.edit_templates()
        name = dialog._free_name(f"From {len(ids):,} asset{'s' if len(ids) != 1 else ''}")
        dialog.new_template(propose(name, [self.catalog.get(a) for a in ids]))
        return dialog

    def edit_templates(self) -> TemplatesDialog:
        if self.dialog is None:
            self.dialog = TemplatesDialog(
                self.store.all, self.save, self.delete, self.host,
                tag_choices=lambda: sorted(self.catalog.tag_counts(), key=str.casefold))
        elif not self.dialog.isVisible():
            self.dialog.start()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def save(self, template: MetadataTemplate) -> MetadataTemplate | None:
        saved = []

        def perform():
            result, change = self.store.save(template)
            saved.append(result)
            return change

        if not self._push(f"Save template {template.name.strip()}", perform):
            return None
        self.notify(f"Saved template “{saved[0].name}”: {saved[0].describe()}")
        return saved[0]

    def delete(self, template: MetadataTemplate) -> bool:
        if not self._push(f"Delete template {template.name}",
                          lambda: self.store.records.delete(
                              template.id, label=f"Delete template {template.name}")):
            return False
        self.notify(f"Deleted template “{template.name}” (Ctrl+Z brings it back).")
        return True

    def _push(self, label: str, perform) -> bool:
        command = CatalogCommand(self.catalog, label, perform,
                                 on_error=lambda exc: self.notify(str(exc), error=True))
        self.undo_stack.push(command)
        if command.error is not None:
            if self.dialog is not None:
                self.dialog.show_error(str(command.error))
            self.notify(str(command.error), error=True)
            return False
        return True

    # -- the old per-user store --------------------------------------------------------------
    def import_old(self, settings) -> list[str]:
        """Copy the templates of the old QSettings store into this library (once per template
        and library; the store itself is only read). Returns the names brought in."""
        if self.catalog.readonly:
            return []
        try:
            raws = json.loads(settings.value(OLD_SETTINGS_KEY, "[]") or "[]")
        except (TypeError, ValueError):
            return []  # unreadable: leave it, the library's own templates still work
        if not isinstance(raws, list) or not raws:
            return []
        try:
            added = self.store.import_old(raws)
        except (UserError, OSError) as exc:
            self.notify(f"Could not bring the templates saved on this computer into the "
                        f"library: {exc}", error=True)
            return []
        if added:
            self.rebuild_menu()
            self.notify(f"Templates saved on this computer are now in the library, for everyone "
                        f"who opens it: {', '.join(added)}.")
        return added
