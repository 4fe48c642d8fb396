"""The catalog: assets and tags in a library folder, every edit durable and undoable.

A library is a folder holding `catalog.json` (TinyDB on `JournalStorage`), its journal, the
thumbnail cache and renders. Every write goes through `_write`, which journals the changed
documents, keeps the in-memory indexes in step, and returns a `Change` that knows how to undo
itself. One writer per library is enforced with a lock file.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from liveassets.catalog import schema, search
from liveassets.catalog.edits import UserEdits
from liveassets.catalog.errors import CatalogError, LibraryLockedError
from liveassets.catalog.index import AssetIndex
from liveassets.catalog.records import RecordStore, _copy
from liveassets.catalog.storage import CatalogDB, StorageError
from liveassets.catalog.tags import tag_key

CATALOG_FILE = "catalog.json"
INDEXED_FIELDS = frozenset({"tags", "kind", "status", "pick", "rights", "path", "fingerprint"})


@dataclass
class Change:
    """What one operation changed: enough to refresh views, undo and redo.

    `before`/`after` map asset id -> the fields it had/has (None: the asset did not/does not
    exist; a whole document on the other side).
    """

    label: str
    before: dict[str, dict | None] = field(default_factory=dict)
    after: dict[str, dict | None] = field(default_factory=dict)
    table: str = "assets"  # or the name of a RecordStore (cuts, posts, ...)

    @property
    def ids(self) -> list[str]:
        return list(self.after)

    def __len__(self) -> int:
        return len(self.after)


class Catalog(UserEdits):
    def __init__(self, folder: str | Path):
        self.folder = Path(folder).expanduser().resolve()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / "thumbs").mkdir(exist_ok=True)
        except OSError as exc:
            raise CatalogError(
                f"Cannot use {self.folder} as a library: {exc.strerror or exc}. "
                "Pick a folder on a writable disk with --library."
            ) from None
        self._lock_file = FileLock(str(self.folder / ".lock"), timeout=0)
        try:
            self._lock_file.acquire()
        except Timeout:
            raise LibraryLockedError(
                f"The library {self.folder} is open in another LiveAssets window or command. "
                "Close it there and try again."
            ) from None
        except OSError as exc:
            raise CatalogError(
                f"Cannot open the library {self.folder}: {exc.strerror or exc}. "
                "Check that the disk is writable."
            ) from None
        self.lock = threading.RLock()
        self._stores: dict[str, RecordStore] = {}
        # Loading builds millions of small objects: the cyclic GC would rescan them over and
        # over (measured: 0.73 s -> 0.40 s to parse 40 MB), so it waits until the load is done.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            self.db = CatalogDB(str(self.folder / CATALOG_FILE))
            self._assets = self.db.table("assets")
            self._tags_table = self.db.table("tags")
            self._migrate()
            self._build_indexes()
        except BaseException:
            self._lock_file.release()
            raise
        finally:
            if gc_was_on:
                gc.enable()
        # The documents live as long as the window: keep full collections from walking them
        # again and again (each walk of 50k documents would stall the UI thread).
        gc.freeze()

    def _build_indexes(self) -> None:
        tables = self.db.storage.read()
        self.index = AssetIndex()
        self.index.build(tables.get("assets", {}))
        self.tag_display: dict[str, str] = {}
        self._tag_doc_ids: dict[str, int] = {}
        for doc_id, doc in tables.get("tags", {}).items():
            self.tag_display[doc["key"]] = doc["display"]
            self._tag_doc_ids[doc["key"]] = int(doc_id)

    # -- lifecycle -------------------------------------------------------------------------
    def _migrate(self) -> None:
        meta = self.db.table("meta")
        rows = meta.all()
        version = rows[0]["schema"] if rows else (schema.SCHEMA_VERSION if not len(self._assets) else 0)
        if not rows:
            meta.insert({"schema": version})
        if version != schema.SCHEMA_VERSION:
            tables = self.db.storage.read()
            schema.migrate(tables, version)
            tables["meta"] = {"1": {"schema": schema.SCHEMA_VERSION}}
            self.db.storage.write(tables)
            meta.clear_cache()

    @property
    def schema_version(self) -> int:
        return self.db.table("meta").all()[0]["schema"]

    def close(self) -> None:
        with self.lock:
            if self._lock_file.is_locked:
                self.db.close()
                self._lock_file.release()

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.index)

    def __contains__(self, asset_id: str) -> bool:
        return asset_id in self.index.docs

    def get(self, asset_id: str) -> dict:
        """The asset document (live and read-only: never mutate it; edit through the catalog)."""
        try:
            return self.index.docs[asset_id]
        except KeyError:
            raise CatalogError(f"No asset with id {asset_id} in this library.") from None

    def by_path(self, path: str) -> dict | None:
        with self.lock:
            aid = self.index.by_path.get(str(path))
            return self.index.docs[aid] if aid else None

    def by_fingerprint(self, fingerprint: str | None) -> list[dict]:
        """Assets whose content fingerprint is this one (a moved or copied file)."""
        with self.lock:
            return [self.index.docs[a] for a in self.index.by_fingerprint.get(fingerprint, ())]

    def all(self) -> list[dict]:
        return list(self.index.docs.values())

    def thumb_path(self, asset_id: str) -> Path:
        return self.folder / "thumbs" / asset_id[:2] / f"{asset_id}.jpg"

    def query(self, text="", today: dt.date | None = None, sort: str = "path") -> list[dict]:
        """Assets matching a query in the search language (raises QueryError when malformed)."""
        with self.lock:
            ids = search.run(text, self.index, today or dt.date.today())
            docs = [self.index.docs[i] for i in ids]
        return search.sort_docs(docs, sort)

    def tag_counts(self) -> dict[str, int]:
        """Display spelling -> number of assets carrying exactly that tag."""
        with self.lock:
            return {
                self.tag_display.get(k, k): len(ids) for k, ids in self.index.by_tag.items() if ids
            }

    # -- the one write path --------------------------------------------------------------
    def _write(self, label: str, values: dict[str, dict | None]) -> Change:
        """Set fields per asset (a whole document to add one, None to remove it), durably."""
        change = Change(label)
        if not values:
            return change
        with self.lock:
            docs = self.index.docs
            updates: dict[str, dict] = {}
            inserts: list[dict] = []
            removes: list[str] = []
            for aid, fields in values.items():
                doc = docs.get(aid)
                if fields is None:
                    if doc is not None:
                        removes.append(aid)
                        change.before[aid] = _copy(doc)
                        change.after[aid] = None
                elif doc is None:
                    inserts.append(fields)
                    change.before[aid] = None
                    change.after[aid] = fields
                else:
                    fields = {k: v for k, v in fields.items() if doc.get(k) != v}
                    if fields:
                        updates[aid] = fields
                        change.before[aid] = {k: _copy(doc.get(k)) for k in fields}
                        change.after[aid] = fields
            try:
                with self.db.storage.batch():
                    self._apply(updates, inserts, removes)
            except StorageError:
                self._reload()  # what the user sees stays what is saved
                raise
        return change

    def _apply(self, updates: dict, inserts: list, removes: list) -> None:
        self._register_new_tags([f for f in updates.values() if "tags" in f] + inserts)
        if updates:
            self._apply_updates(updates)
        if removes:
            doc_ids = [self.index.doc_ids[a] for a in removes]
            for aid in removes:
                self.index.remove(aid)
            self._assets.remove(doc_ids=doc_ids)
        if inserts:
            raw = self.db.storage.read().setdefault("assets", {})
            for doc_id in self._assets.insert_multiple(inserts):
                self.index.add(raw[str(doc_id)], doc_id)

    def _apply_updates(self, updates: dict[str, dict]) -> None:
        index = self.index
        # Only documents whose indexed fields change leave and re-enter the indexes (a rating
        # or caption edit on 50,000 assets touches none of them).
        doc_ids = [index.doc_ids[a] for a in updates]
        moving = [(aid, index.docs[aid], index.doc_ids[aid]) for aid, fields in updates.items()
                  if not INDEXED_FIELDS.isdisjoint(fields)]
        for aid, _, _ in moving:
            index.remove(aid)
        try:
            self._assets.update(lambda doc: doc.update(updates[doc["id"]]), doc_ids=doc_ids)
        finally:
            for aid, doc, doc_id in moving:
                index.add(doc, doc_id)

    def _register_new_tags(self, docs) -> None:
        """Tags that arrive inside documents (undo, imports) get their first spelling noted."""
        for doc in docs:
            for tag in doc.get("tags") or ():
                key = tag_key(tag)
                if key not in self.tag_display:
                    self._register_tag(key, tag)

    def _reload(self) -> None:
        """Drop what is in memory and read back what is on disk (after a failed save)."""
        self.db.storage.abandon()
        self.db = CatalogDB(str(self.folder / CATALOG_FILE))
        self._assets = self.db.table("assets")
        self._tags_table = self.db.table("tags")
        self._build_indexes()
        self._stores.clear()

    def apply(self, label: str, values: dict[str, dict | None]) -> Change:
        """Write fields per asset id (a whole document adds it, None removes it)."""
        return self._write(label, values)

    def records(self, table: str) -> RecordStore:
        """The store of named documents of one kind: "cuts", "posts", "hashtag_sets", ..."""
        with self.lock:
            store = self._stores.get(table)
            if store is None:
                store = self._stores[table] = RecordStore(self, table)
            return store

    def undo(self, change: Change) -> Change:
        if change.table != "assets":
            self.records(change.table).apply(change.before)
            return Change(f"Undo {change.label}", change.after, change.before, change.table)
        return self._write(f"Undo {change.label}", change.before)

    def redo(self, change: Change) -> Change:
        if change.table != "assets":
            self.records(change.table).apply(change.after)
            return change
        return self._write(change.label, change.after)
