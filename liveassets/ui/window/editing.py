"""EditController: the window's edits to the selected assets (rate, flag, tag, rights, caption,
notes, remove), each one CatalogCommand on the undo stack, and the actions that trigger them.
It refreshes nothing itself: the catalog publishes every change and the views follow the
ChangeRelay."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject

from liveassets.catalog.channels import name
from liveassets.ui.commands import push_edit
from liveassets.ui.library.selection import selected_ids, selected_rows


RIGHTS_NAMES = {"status": "status", "expires": "expiry", "owner": "owner", "credit": "credit",
                "terms": "terms", "model_release": "model release",
                "release_doc": "release document", "notes": "rights notes",
                "channels": "channels"}


def rights_label(fields: dict) -> str:
    """What the Edit menu's Undo names: "Set status to cleared", "Set expiry to 2027-03-15",
    "Set no expiry", "Set credit"."""
    if fields == {"expires": None}:
        return "Set no expiry"
    if len(fields) == 1:
        (key, value), = fields.items()
        if key in ("status", "expires") and value:
            return f"Set {RIGHTS_NAMES[key]} to {value}"
    return "Set " + ", ".join(RIGHTS_NAMES.get(k, k) for k in fields)


class EditController(QObject):
    """`make_action(text, slot, keys, grid=, icon_name=, tip=)` builds an action the window
    owns the shortcut scope and icon colour of; `notify(text, error=False)` reports;
    `confirm(title, text) -> bool` asks before removing."""

    def __init__(self, catalog, undo_stack, view, make_action: Callable,
                 notify: Callable, confirm: Callable, parent=None):
        super().__init__(parent)
        self.catalog, self.undo_stack, self.view = catalog, undo_stack, view
        self.notify, self.confirm = notify, confirm
        # A full-window viewer showing one photo answers with its id (else None): the keys
        # then act on the photo on screen, not on a folded stack behind it.
        self.shown_ids: Callable[[], list[str] | None] | None = None
        a = make_action
        self.auto_advance = a("Auto-advance", lambda: None, icon_name="advance",
                              tip="Move to the next asset after rating or flagging")
        self.auto_advance.setCheckable(True)
        self.rate_actions = [a(f"Rate {n} star{'s' if n != 1 else ''}" if n else "Clear rating",
                               lambda _=False, n=n: self.rate(n), [str(n)], grid=True)
                             for n in range(6)]
        self.pick_action = a("Pick", lambda: self.flag("picked"), ["P"], grid=True)
        self.reject_action = a("Reject", lambda: self.flag("rejected"), ["X"], grid=True)
        self.unflag_action = a("Clear flag", lambda: self.flag("none"), ["U"], grid=True)
        self.delete_action = a("Remove from library…", self.delete_selected,
                               ["Delete", "Backspace"], grid=True, icon_name="delete")

    @property
    def culling_actions(self) -> list:
        return [*self.rate_actions, self.pick_action, self.reject_action, self.unflag_action]

    def selected_ids(self) -> list[str]:
        """What an edit acts on: the one photo a viewer shows (`shown_ids`, e.g. quick look's,
        when it answers), else the grid's selection (a folded stack: all of it)."""
        shown = self.shown_ids() if self.shown_ids is not None else None
        return shown if shown is not None else selected_ids(self.view)

    def edit(self, label: str, perform, ids: list[str] | None = None) -> bool:
        """Run `perform(ids)` (a core edit returning a Change) on the selection, undoably."""
        ids = self.selected_ids() if ids is None else ids
        if not ids:
            self.notify("Select one or more assets first.")
            return False
        error = push_edit(self.undo_stack, self.catalog, label, lambda: perform(ids),
                          notify=self.notify)
        if error:
            self.notify(error, error=True)
        return error is None

    # -- culling ---------------------------------------------------------------------------
    def rate(self, stars: int, ids: list[str] | None = None) -> None:
        """Rate the selection (or `ids`: the compare view's focused photo)."""
        label = f"Rate {stars} star{'s' if stars != 1 else ''}" if stars else "Clear rating"
        if self.edit(label, lambda i: self.catalog.rate(i, stars), ids) and ids is None:
            self.advance()

    def flag(self, pick: str, ids: list[str] | None = None) -> None:
        """Flag the selection (or `ids`) "picked", "rejected" or "none"."""
        label = {"picked": "Pick", "rejected": "Reject"}.get(pick, "Clear flag")
        if self.edit(label, lambda i: self.catalog.set_pick(i, pick), ids) and ids is None:
            self.advance()

    def advance(self) -> None:
        """With auto-advance on and one cell selected (a collapsed stack is one), move to the
        next one (as cullers do)."""
        if not self.auto_advance.isChecked() or len(selected_rows(self.view)) != 1:
            return
        row = self.view.currentIndex().row()
        if row + 1 < self.view.model().rowCount():
            self.view.move_to_row(row + 1)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        what = "this asset" if len(ids) == 1 else f"these {len(ids):,} assets"
        if not self.confirm("Remove from library",
                            f"Remove {what} from the library?\n\nThe files on disk are not "
                            "touched; scanning their folder again brings them back."):
            return
        self.edit("Remove from library", self.catalog.remove_assets, ids)

    def remove_folder(self, folder: str) -> None:
        """Forget every asset in a folder (and below it); the files stay where they are."""
        prefix = folder.rstrip(os.sep) + os.sep
        with self.catalog.lock:
            ids = [d["id"] for d in self.catalog.all() if d["path"].startswith(prefix)]
        if ids and self.confirm("Remove folder from library",
                                f"Remove the {len(ids):,} assets in {folder} from the library?"
                                "\n\nThe files on disk are not touched."):
            self.edit("Remove folder from library", self.catalog.remove_assets, ids)

    # -- from the inspector and the sidebar ------------------------------------------------
    def add_tags(self, tags: list[str], ids: list[str] | None = None) -> None:
        label = f"Tag {tags[0]}" if len(tags) == 1 else f"Add {len(tags)} tags"
        self.edit(label, lambda i: self.catalog.tag(i, add=tags), ids)

    def remove_tags(self, tags: list[str]) -> None:
        label = f"Remove tag {tags[0]}" if len(tags) == 1 else f"Remove {len(tags)} tags"
        self.edit(label, lambda ids: self.catalog.tag(ids, remove=tags))

    def set_rights(self, fields: dict) -> None:
        self.edit(rights_label(fields), lambda ids: self.catalog.set_rights(ids, **fields))

    def set_channels(self, add: list[str], remove: list[str]) -> None:
        """Allow or stop channels on the selection, keeping each asset's others (one step)."""
        words = [f"Allow {name(c)}" for c in add] + [f"Stop {name(c)}" for c in remove]
        label = ", ".join(words) if words else "Set channels"
        self.edit(label, lambda ids: self.catalog.change_channels(ids, add=add, remove=remove))

    def set_caption(self, text: str) -> None:
        self.edit("Edit caption", lambda ids: self.catalog.set_caption(ids, text))

    def set_notes(self, text: str) -> None:
        self.edit("Edit notes", lambda ids: self.catalog.set_notes(ids, text))
