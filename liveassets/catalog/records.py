"""Named documents beside the assets (cut plans, posts, hashtag sets, templates, settings).

Each kind lives in its own TinyDB table on the same journaled storage as the assets, so a save
is durable when it returns; every save or delete returns a `Change` the window can undo, and publishes it.
"""

from __future__ import annotations

import copy

import orjson

from liveassets.catalog.changes import EDIT, Change
from liveassets.catalog.errors import CatalogError
from liveassets.catalog.schema import new_id


def _copy(value):
    """A deep copy of JSON data (orjson's round trip is ~4x faster than copy.deepcopy; a
    non-UTF-8 file name, held as lone surrogates, takes the slow path)."""
    if not isinstance(value, (dict, list)):
        return value
    try:
        return orjson.loads(orjson.dumps(value))
    except TypeError:
        return copy.deepcopy(value)


class RecordStore:
    """Documents of one kind, keyed by their `id` field."""

    def __init__(self, catalog, table: str):
        if table in ("assets", "tags", "meta"):
            raise ValueError(f"{table} is not a record table")
        self.catalog, self.name = catalog, table
        self._table = catalog.db.table(table)
        self.reindex()

    def reindex(self) -> None:
        """Re-read which documents exist (after the catalog went back to what is on disk)."""
        raw = self.catalog.db.storage.read().get(self.name, {})
        self._doc_ids = {doc["id"]: int(doc_id) for doc_id, doc in raw.items()}

    def _raw(self) -> dict:
        return self.catalog.db.storage.read().get(self.name, {})

    def all(self) -> list[dict]:
        """Copies, in the order they were first saved."""
        with self.catalog.lock:
            raw = self._raw()
            return _copy([raw[str(i)] for i in sorted(self._doc_ids.values())])

    def get(self, rid: str) -> dict:
        with self.catalog.lock:
            doc_id = self._doc_ids.get(rid)
            if doc_id is None:
                raise CatalogError(f"No {self.name[:-1] if self.name.endswith('s') else self.name} "
                                   f"with id {rid} in this library.")
            return _copy(self._raw()[str(doc_id)])

    def current(self, rid: str) -> dict | None:
        """The live document (never mutate it), or None: for comparisons without a copy."""
        doc_id = self._doc_ids.get(rid)
        return None if doc_id is None else self._raw().get(str(doc_id))

    def __contains__(self, rid: str) -> bool:
        return rid in self._doc_ids

    def put(self, doc: dict, label: str = "Save", source: str = EDIT) -> Change:
        """Insert or replace a document (a new `id` is given when it has none); the Change is
        published to the catalog's subscribers as coming from `source`."""
        doc = copy.deepcopy(doc)
        doc.setdefault("id", new_id())
        with self.catalog.saving():
            rid = doc["id"]
            before = self.get(rid) if rid in self._doc_ids else None
            self._set(rid, doc)
            change = Change(label, {rid: before}, {rid: copy.deepcopy(doc)}, table=self.name)
            return self.catalog._publish(change, source)

    def put_many(self, values: dict[str, dict | None], label: str = "Save",
                 source: str = EDIT) -> Change:
        """Write several documents (id -> document, None deletes) as ONE durable, undoable
        Change (an import of many days is one step to undo, one journal line to save);
        documents equal to what is stored are left out, so an empty Change means no change."""
        with self.catalog.saving():
            before, after = {}, {}
            for rid, doc in values.items():
                old = self.current(rid)
                if old == doc:
                    continue
                before[rid] = _copy(old)
                after[rid] = _copy(doc)
            for rid, doc in after.items():
                self._set(rid, _copy(doc))
            return self.catalog._publish(Change(label, before, after, table=self.name), source)

    def delete(self, rid: str, label: str = "Delete", source: str = EDIT) -> Change:
        with self.catalog.saving():
            before = self.get(rid)
            self._set(rid, None)
            return self.catalog._publish(Change(label, {rid: before}, {rid: None},
                                                table=self.name), source)

    def _set(self, rid: str, doc: dict | None) -> None:
        doc_id = self._doc_ids.get(rid)
        if doc is None:
            if doc_id is not None:
                self._table.remove(doc_ids=[doc_id])
                del self._doc_ids[rid]
        elif doc_id is None:
            self._doc_ids[rid] = self._table.insert(doc)
        else:
            self._table.update(lambda d: (d.clear(), d.update(copy.deepcopy(doc))),
                               doc_ids=[doc_id])
        if self.name == "settings":
            self.catalog.follow_team_zone()  # the team's zone may have changed (or been undone)

    def apply(self, values: dict) -> None:
        """Set each id to its document (None deletes): the undo/redo path (the catalog's undo
        and redo publish the step)."""
        with self.catalog.saving():
            for rid, doc in values.items():
                self._set(rid, copy.deepcopy(doc) if doc is not None else None)
