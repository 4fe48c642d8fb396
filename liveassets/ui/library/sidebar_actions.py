"""SidebarActions: what the sidebar's context menu and the search bar's Save button do with the
library — rename or merge a tag, save the current search as a smart collection, rename or
delete a saved one — each one step on the window's undo stack over a core edit.

The window composes it (handing over the catalog, the undo stack, its message callback and the
query the grid runs; `on_change` is None there, as the views follow the catalog's change feed);
the questions it asks are methods a test can replace.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QLineEdit

from liveassets import clock
from liveassets.catalog.saved_searches import SavedSearches
from liveassets.catalog.tags import key_matches, tag_key
from liveassets.catalog.query import quote
from liveassets.ui.commands import push_edit, push_edits
from liveassets.ui.library.sidebar import PATH_ROLE, SAVED_ROLE, smart_collections


class SidebarActions(QObject):
    """`save_search_action` (also on the search bar's Save button); tag and saved-search
    entries in the sidebar's context menu."""

    def __init__(self, sidebar, search, catalog, undo_stack, on_change: Callable,
                 notify: Callable, current_query: Callable[[], str], parent=None):
        super().__init__(parent)
        self.sidebar, self.search, self.catalog = sidebar, search, catalog
        self.undo_stack, self.on_change, self.notify = undo_stack, on_change, notify
        self.current_query = current_query
        self.saved = SavedSearches(catalog)
        self.save_search_action = QAction("Save search…", self)
        self.save_search_action.setToolTip("Keep this search as a smart collection in the "
                                           "sidebar")
        self.save_search_action.triggered.connect(self.save_search)
        sidebar.menu_providers.append(self._fill_menu)
        self.rename_action = QAction("Rename…", self)  # F2, as in file managers
        self.rename_action.setShortcut(QKeySequence(Qt.Key_F2))
        self.rename_action.setShortcutContext(Qt.WidgetShortcut)
        self.rename_action.triggered.connect(self.rename_current)
        sidebar.addAction(self.rename_action)
        if hasattr(search, "saveRequested"):
            search.saveRequested.connect(self.save_search)

    # -- the menu ------------------------------------------------------------------------
    def _fill_menu(self, index, menu) -> None:
        side = self.sidebar
        if not index.isValid():
            return
        item = side.model().itemFromIndex(index)
        if item is side.collections or (item.parent() is side.collections):
            if not menu.isEmpty():
                menu.addSeparator()
            menu.addAction(self.save_search_action)
            rid = index.data(SAVED_ROLE)
            if rid:
                menu.addSeparator()
                menu.addAction("Rename…", lambda: self.rename_saved(rid))
                menu.addAction("Delete", lambda: self.delete_saved(rid))
            return
        path = index.data(PATH_ROLE)
        if path:
            menu.addAction("Rename…", lambda: self.rename_tag(path))
            menu.addAction("Merge into…", lambda: self.merge_tag(path))

    def rename_current(self) -> bool:
        """F2: rename the tag or saved search the sidebar's current entry stands for."""
        index = self.sidebar.currentIndex()
        if not index.isValid():
            return False
        if index.data(SAVED_ROLE):
            return self.rename_saved(index.data(SAVED_ROLE))
        if index.data(PATH_ROLE):
            return self.rename_tag(index.data(PATH_ROLE))
        return False

    # -- questions (replaced in tests) -----------------------------------------------------
    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.sidebar, title, label, QLineEdit.Normal, text)
        return value if ok else None

    def ask_choice(self, title: str, label: str, choices: list[str]) -> str | None:
        value, ok = QInputDialog.getItem(self.sidebar, title, label, choices, 0, True)
        return value if ok and value else None

    # -- tags ------------------------------------------------------------------------------
    def rename_tag(self, path: str) -> bool:
        new = self.ask_text("Rename tag", f"New name for “{path}” (the tags below it follow; "
                            "an existing tag's name merges the two):", path)
        if new is None or new.strip() == path:
            return False
        return self._retag(path, new)

    def merge_tag(self, path: str) -> bool:
        key = tag_key(path)
        choices = sorted((t for t in self.catalog.tag_counts()
                          if not key_matches(tag_key(t), key)), key=str.casefold)
        if not choices:
            self.notify("There is no other tag to merge into.")
            return False
        into = self.ask_choice("Merge tag", f"Merge “{path}” into:", choices)
        if into is None:
            return False
        return self._retag(path, into)

    def _retag(self, old: str, new: str) -> bool:
        """Rename (or merge) a tag; the saved searches naming it follow, in the same undo step."""
        old_query = f"tag:{quote(old)}"
        searches = SavedSearches(self.catalog)
        steps = [lambda: self.catalog.rename_tag(old, new)]
        if searches.following_tag_rename(old, new):
            steps.append(lambda: searches.follow_tag_rename(old, new))
        error = push_edits(self.undo_stack, self.catalog, "Rename tag", steps, self.on_change,
                           notify=self.notify)
        if error:
            self.notify(error, error=True)
        ok = error is None
        if ok and self.search.text().strip() == old_query:
            # The grid was showing that tag: keep showing those assets under their new name.
            self.search.set_text(f"tag:{quote(self.catalog.tag_display.get(tag_key(new), new))}")
        return ok

    # -- saved searches ----------------------------------------------------------------------
    def save_search(self) -> bool:
        query = self.current_query().strip()
        name = self.ask_text("Save search", f"Name for the smart collection showing "
                             f"“{query or 'every asset'}”:", "")
        if name is None:
            return False
        if self._builtin(name):
            self.notify(f"“{name.strip()}” is a built-in collection: pick another name.",
                        error=True)
            return False
        return self._push("Save search", lambda: self.saved.save(name, query))

    def rename_saved(self, rid: str) -> bool:
        doc = self.saved.store.get(rid)
        name = self.ask_text("Rename saved search", "New name:", doc["name"])
        if name is None or name.strip() == doc["name"]:
            return False
        if self._builtin(name):
            self.notify(f"“{name.strip()}” is a built-in collection: pick another name.",
                        error=True)
            return False
        return self._push("Rename saved search", lambda: self.saved.rename(rid, name))

    def delete_saved(self, rid: str) -> bool:
        # No question asked: Edit > Undo brings it back.
        return self._push("Delete saved search", lambda: self.saved.delete(rid))

    @staticmethod
    def _builtin(name: str) -> bool:
        key = " ".join(name.split()).casefold()
        return any(key == n.casefold() for n, _ in smart_collections(clock.today()))

    # -- one undo step -----------------------------------------------------------------------
    def _push(self, label: str, perform: Callable) -> bool:
        error = push_edit(self.undo_stack, self.catalog, label, perform, self.on_change,
                          notify=self.notify)
        if error:
            self.notify(error, error=True)
        return error is None

