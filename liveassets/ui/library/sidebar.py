"""Sidebar: smart collections (the built-in queries, then the library's saved searches) and the
tag tree with counts; choosing an entry asks the window to run its query (shown in the search
bar, so users learn the syntax). Its context menu holds the folder entries and whatever the
`menu_providers` add (tag and saved-search actions live in `sidebar_actions`)."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QMenu, QStyledItemDelegate, QTreeView

from liveassets import clock
from liveassets.catalog.query import QueryError
from liveassets.catalog.saved_searches import SavedSearches
from liveassets.media.scores import BLURRY
from liveassets.ui.library.grid_model import IDS_MIME
from liveassets.catalog.query import quote

QUERY_ROLE = Qt.UserRole + 1
COUNT_ROLE = Qt.UserRole + 2
TAG_ROLE = Qt.UserRole + 3
FOLDER_ROLE = Qt.UserRole + 4
PATH_ROLE = Qt.UserRole + 5  # a tag-tree node's tag path ("places/Sydney"), even if no asset
#                              carries exactly it; None for a namespace heading ("creator")
SAVED_ROLE = Qt.UserRole + 6  # a saved search's record id


def folder_counts(paths) -> dict[str, int]:
    """Assets per folder they sit in (the sidebar's source folders, Lightroom style)."""
    counts: dict[str, int] = {}
    for path in paths:
        folder = os.path.dirname(path)
        counts[folder] = counts.get(folder, 0) + 1
    return counts


def folder_labels(folders) -> dict[str, str]:
    """Short names; a parent is added where two folders share a name."""
    names: dict[str, list[str]] = {}
    for f in folders:
        names.setdefault(os.path.basename(f) or f, []).append(f)
    out = {}
    for name, group in names.items():
        for f in group:
            parent = os.path.basename(os.path.dirname(f))
            out[f] = name if len(group) == 1 or not parent else f"{parent}/{name}"
    return out


def smart_collections(today: dt.date) -> list[tuple[str, str]]:
    soon = (today + dt.timedelta(days=14)).isoformat()
    return [
        ("All assets", ""),
        ("Needs rights", "rights:unknown OR rights:pending"),
        ("Cleared", "rights:cleared"),
        ("Expiring within 14 days", f"expires>={today.isoformat()} expires<={soon}"),
        ("Expired", "rights:expired"),
        ("Picks", "pick:yes"),
        ("Rejected", "pick:rejected"),
        # Culling scores (media/scores.py): below BLURRY is blurry; clipped is over
        # CLIPPED_SHARE (4 %) of the pixels blown or crushed.
        ("Blurry", f"sharpness<{BLURRY:g}"),
        ("Blown out", "exposure:clipped"),
        ("Videos", "kind:video"),
        ("Errors and missing", "status:error OR status:missing"),
    ]


def tag_tree(counts: dict[str, int]) -> dict:
    """Nest tags: `creator:@nova` under `creator`, `places/Sydney` under `places`.

    Each node: {"children": {...}, "tag": display or None, "count": n, "query": text,
    "path": the tag this level stands for (None for a namespace heading)}.
    """
    root: dict = {"children": {}}
    for tag in sorted(counts, key=str.casefold):
        ns, colon, rest = tag.partition(":")
        parts = ([ns + ":"] + rest.split("/")) if colon and rest else tag.split("/")
        node, so_far = root, ""
        for i, part in enumerate(parts):
            so_far = so_far + part if (i == 1 and colon) or i == 0 else so_far + "/" + part
            child = node["children"].get(part.casefold())
            if child is None:
                synthetic = i == 0 and colon and rest
                child = {"children": {}, "label": part.rstrip(":") if synthetic else part,
                         "tag": None, "count": 0, "path": None if synthetic else so_far,
                         "query": f"tag:{quote(ns)}:*" if synthetic else f"tag:{quote(so_far)}"}
                node["children"][part.casefold()] = child
            node = child
        node["tag"] = tag
        node["count"] = counts[tag]
    return root


class _RoomyRows(QStyledItemDelegate):
    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


class Sidebar(QTreeView):
    """`queryChosen(query)` on a click; `tagDropped(tag, ids)` when assets land on a tag."""

    queryChosen = Signal(str)
    tagDropped = Signal(str, list)
    rescanFolder = Signal(str)
    removeFolder = Signal(str)

    def __init__(self, catalog, parent=None):
        super().__init__(parent)
        self.catalog = catalog
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setItemDelegate(_RoomyRows(self))
        self.setUniformRowHeights(True)
        self.setAnimated(False)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DropOnly)
        self.setDropIndicatorShown(True)
        self.viewport().setAcceptDrops(True)
        self.collections = QStandardItem("COLLECTIONS")
        self.folders = QStandardItem("FOLDERS")
        self.tags = QStandardItem("TAGS")
        for head in (self.collections, self.folders, self.tags):
            head.setSelectable(False)
            f = QFont(self.font())
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * 0.85)
            head.setFont(f)
            self.model_.appendRow(head)
        self.clicked.connect(self._chosen)
        self.activated.connect(self._chosen)
        self.refresh()
        for head in (self.collections, self.folders, self.tags):
            self.expand(head.index())
        self.menu_providers: list = []
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def menu_for(self, index) -> QMenu:
        """The context menu of the entry at `index` (maybe empty): folder entries here, then
        what each of `menu_providers(index, menu)` adds."""
        menu = QMenu(self)
        folder = index.data(FOLDER_ROLE) if index.isValid() else None
        if folder:
            menu.addAction("Rescan", lambda: self.rescanFolder.emit(folder))
            menu.addAction("Remove from library…", lambda: self.removeFolder.emit(folder))
        for provide in self.menu_providers:
            provide(index, menu)
        return menu

    def _menu(self, pos) -> None:
        menu = self.menu_for(self.indexAt(pos))
        if not menu.isEmpty():
            menu.exec(self.viewport().mapToGlobal(pos))

    # -- assets dropped on a tag get it ----------------------------------------------------
    def _drop_tag(self, event) -> str | None:
        if not event.mimeData().hasFormat(IDS_MIME):
            return None
        return self.indexAt(event.position().toPoint()).data(TAG_ROLE)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._drop_tag(event):
            event.setDropAction(Qt.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        tag = self._drop_tag(event)
        if not tag:
            event.ignore()
            return
        ids = bytes(event.mimeData().data(IDS_MIME)).decode().split("\n")
        event.setDropAction(Qt.CopyAction)
        event.accept()
        self.tagDropped.emit(tag, [i for i in ids if i])

    def _chosen(self, index) -> None:
        query = index.data(QUERY_ROLE)
        if query is not None:
            self.queryChosen.emit(query)

    def refresh(self, today: dt.date | None = None) -> None:
        """Recount the collections and rebuild the tag tree (keeping what was expanded)."""
        self.show_counts(gather_counts(self.catalog, today))

    def show_counts(self, counts: dict) -> None:
        """Rebuild the tree from `gather_counts` (which may have run on another thread)."""
        expanded = self._expanded()
        self.collections.removeRows(0, self.collections.rowCount())
        for name, query, count in counts["collections"]:
            self.collections.appendRow(_entry(name, query, count))
        for rid, name, query, count in counts.get("saved", ()):
            item = _entry(name, query, count)
            item.setData(rid, SAVED_ROLE)
            item.setToolTip(f"{query or 'Everything in the library'}\n"
                            "Saved search: right-click to rename or delete")
            self.collections.appendRow(item)
        self.folders.removeRows(0, self.folders.rowCount())
        folders = counts["folders"]
        labels = folder_labels(folders)
        for folder in sorted(folders, key=lambda f: labels[f].casefold()):
            item = _entry(labels[folder], f"path:{quote(folder + os.sep)}", folders[folder])
            item.setData(folder, FOLDER_ROLE)
            item.setToolTip(f"{folder}\nRight-click to rescan or remove from the library")
            self.folders.appendRow(item)
        self.tags.removeRows(0, self.tags.rowCount())
        self._add_nodes(self.tags, tag_tree(counts["tags"]))
        for item in self._walk(self.tags):
            if item.data(QUERY_ROLE) in expanded:
                self.expand(item.index())

    def _add_nodes(self, parent: QStandardItem, node: dict) -> None:
        for child in sorted(node["children"].values(), key=lambda c: c["label"].casefold()):
            item = _entry(child["label"], child["query"], child["count"] or None)
            item.setData(child["tag"], TAG_ROLE)
            item.setData(child.get("path"), PATH_ROLE)
            if child["tag"]:
                item.setToolTip(f"{child['query']}\nDrop assets here to tag them {child['tag']}"
                                "\nRight-click (or F2) to rename it or merge it into another")
            parent.appendRow(item)
            self._add_nodes(item, child)

    def _walk(self, item: QStandardItem):
        for row in range(item.rowCount()):
            child = item.child(row)
            yield child
            yield from self._walk(child)

    def _expanded(self) -> set[str]:
        return {i.data(QUERY_ROLE) for i in self._walk(self.tags) if self.isExpanded(i.index())}


def _entry(label: str, query: str, count: int | None) -> QStandardItem:
    item = QStandardItem(f"{label}  ({count:,})" if count is not None else label)
    item.setData(query, QUERY_ROLE)
    item.setData(count, COUNT_ROLE)
    item.setToolTip(query or "Everything in the library")
    return item


def gather_counts(catalog, today: dt.date | None = None) -> dict:
    """Everything the sidebar counts, read from the catalog only (safe on a worker thread:
    a 50,000-asset library takes a few hundred ms, which the UI thread must not spend)."""
    today = today or clock.today()
    collections = []
    for name, query in smart_collections(today):
        try:
            count = len(catalog.query(query, today=today)) if query else len(catalog)
        except QueryError:
            count = 0
        collections.append((name, query, count))
    saved = []
    for doc in SavedSearches(catalog).all():
        try:
            count = len(catalog.query(doc["query"], today=today)) if doc["query"] \
                else len(catalog)
        except QueryError:
            count = 0
        saved.append((doc["id"], doc["name"], doc["query"], count))
    with catalog.lock:
        folders = folder_counts(d["path"] for d in catalog.all())
    return {"collections": collections, "saved": saved, "folders": folders,
            "tags": catalog.tag_counts()}
