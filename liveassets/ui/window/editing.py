"""The window's edits: every change to the selection becomes a CatalogCommand on the undo
stack, then only the views showing the changed assets refresh (mixed into MainWindow)."""

from __future__ import annotations

import os

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QMessageBox

from liveassets.ui.commands import CatalogCommand


RIGHTS_NAMES = {"status": "status", "expires": "expiry", "owner": "owner", "credit": "credit",
                "terms": "terms", "model_release": "model release",
                "release_doc": "release document", "notes": "rights notes"}


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


class EditingMixin:
    """Needs: catalog, model, view, inspector, sidebar, undo_stack, notify, auto_advance."""

    def selected_ids(self) -> list[str]:
        sel = self.view.selectionModel()
        if sel is None:
            return []
        ids = self.model.ids
        rows = set()
        for rng in sel.selection():  # ranges, not one QModelIndex per row: select-all is cheap
            rows.update(range(rng.top(), min(rng.bottom(), len(ids) - 1) + 1))
        return [ids[r] for r in sorted(rows)]

    def edit(self, label: str, perform, ids: list[str] | None = None) -> bool:
        """Run `perform(ids)` (a core edit returning a Change) on the selection, undoably."""
        ids = self.selected_ids() if ids is None else ids
        if not ids:
            self.notify("Select one or more assets first.")
            return False
        command = CatalogCommand(self.catalog, label, lambda: perform(ids), self.on_change,
                                 on_error=lambda exc: self.notify(str(exc), error=True))
        self.undo_stack.push(command)
        if command.error is not None:
            self.notify(str(command.error), error=True)
            return False
        return True

    def on_change(self, change) -> None:
        """Refresh what a change touched: grid cells, inspector, tag counts (debounced)."""
        structural = any(v is None for v in change.after.values()) or \
            any(v is None for v in change.before.values())
        if structural:
            self.rerun_query(keep_selection=True)
        else:
            self.model.refresh(change.ids)
        self.update_inspector()
        self.schedule_counts()
        if self.quick_look.isVisible():
            self.quick_look.update()  # its stars and flag

    # -- culling ---------------------------------------------------------------------------
    def rate(self, stars: int) -> None:
        label = f"Rate {stars} star{'s' if stars != 1 else ''}" if stars else "Clear rating"
        if self.edit(label, lambda ids: self.catalog.rate(ids, stars)):
            self.advance()

    def flag(self, pick: str) -> None:
        label = {"picked": "Pick", "rejected": "Reject"}.get(pick, "Clear flag")
        if self.edit(label, lambda ids: self.catalog.set_pick(ids, pick)):
            self.advance()

    def advance(self) -> None:
        """With auto-advance on and one asset selected, move to the next one (as cullers do)."""
        if not self.auto_advance.isChecked() or len(self.selected_ids()) != 1:
            return
        row = self.view.currentIndex().row()
        if row + 1 < self.model.rowCount():
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

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        return answer == QMessageBox.Yes

    # -- from the inspector ----------------------------------------------------------------
    def add_tags(self, tags: list[str]) -> None:
        label = f"Tag {tags[0]}" if len(tags) == 1 else f"Add {len(tags)} tags"
        self.edit(label, lambda ids: self.catalog.tag(ids, add=tags))

    def remove_tags(self, tags: list[str]) -> None:
        label = f"Remove tag {tags[0]}" if len(tags) == 1 else f"Remove {len(tags)} tags"
        self.edit(label, lambda ids: self.catalog.tag(ids, remove=tags))

    def set_rights(self, fields: dict) -> None:
        self.edit(rights_label(fields), lambda ids: self.catalog.set_rights(ids, **fields))

    def set_caption(self, text: str) -> None:
        self.edit("Edit caption", lambda ids: self.catalog.set_caption(ids, text))

    def set_notes(self, text: str) -> None:
        self.edit("Edit notes", lambda ids: self.catalog.set_notes(ids, text))

    # -- keeping the selection across a re-query ------------------------------------------
    def rerun_query(self, keep_selection: bool = True, ids: list[str] | None = None) -> None:
        """Run the current query again (or show `ids`, its result fetched off the UI thread)."""
        selected = set(self.selected_ids()) if keep_selection else set()
        current = self.view.currentIndex().data(self.ID_ROLE) if keep_selection else None
        scrolled = self.view.verticalScrollBar().value()
        try:
            reset = self.model.run_query() if ids is None else self.model.set_ids(ids)
        except ValueError:
            return  # the query was valid a moment ago; a bad one is reported where typed
        if reset:  # (rows only inserted keep their selection by themselves)
            self.select_ids(selected, current)
            if keep_selection:  # new rows from a scan must not throw the user back to the top
                self.view.verticalScrollBar().setValue(scrolled)
        self.update_counts_label()

    def select_ids(self, ids, current: str | None = None) -> None:
        sel = self.view.selectionModel()
        selection = QItemSelection()
        for row in sorted(self.model.row_of(a) for a in ids):
            if row >= 0:
                idx = self.model.index(row)
                selection.select(idx, idx)
        sel.select(selection, QItemSelectionModel.ClearAndSelect)
        row = self.model.row_of(current) if current else -1
        if row >= 0:
            sel.setCurrentIndex(self.model.index(row), QItemSelectionModel.NoUpdate)
