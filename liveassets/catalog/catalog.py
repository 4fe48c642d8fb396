"""The catalog: assets and tags in a library folder, every edit durable and undoable.

A library is a folder holding `catalog.json` (TinyDB on `JournalStorage`), its journal, the
thumbnail cache and renders. Every write goes through `_write`, which journals the changed
documents, keeps the in-memory indexes in step, and returns a `Change` that knows how to undo
itself. One writer per library is enforced with a lock on the library folder itself
(`lock.py`); readers open beside it without one.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from dataclasses import dataclass, field
from pathlib import Path

from contextlib import contextmanager

from liveassets import clock
from liveassets.catalog import schema, search
from liveassets.catalog.edits import UserEdits
from liveassets.catalog.errors import CatalogError
from liveassets.catalog.lock import LibraryLock
from liveassets.catalog.index import AssetIndex
from liveassets.catalog.records import RecordStore, _copy
from liveassets.catalog.storage import CatalogDB, StorageError, stale_temps
from liveassets.catalog.tags import tag_key

CATALOG_FILE = "catalog.json"
# Where the team's time zone is kept: the publish settings record (PublishSettings.team_zone).
TEAM_ZONE_SETTING = ("publish", "team_zone")
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
    # tag key -> (spelling shown before, after) for edits that change how a tag is shown
    # (renaming "nova" to "Nova"); undo and redo put the matching side back.
    spellings: dict[str, tuple[str | None, str]] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        return list(self.after)

    def __len__(self) -> int:
        return len(self.after)


class Catalog(UserEdits):
    """One library. `readonly=True` opens it as a reader: no lock, nothing written, edits
    refused (the CLI's `list` beside an open window; a colleague's library on a read-only
    share). A writer whose folder turns out not to be writable falls back to that, and says so
    in `warnings`.
    """

    def __init__(self, folder: str | Path, readonly: bool = False):
        self.folder = Path(folder).expanduser().resolve()
        self.readonly = readonly
        self.warnings: list[str] = []
        if not readonly:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CatalogError(
                    f"Cannot use {self.folder} as a library: {exc.strerror or exc}. "
                    "Pick a folder on a writable disk with --library."
                ) from None
        self._lock = None if readonly else LibraryLock(self.folder)
        self.lock = threading.RLock()
        self._stores: dict[str, RecordStore] = {}
        try:
            self._open_db()
        except StorageError as exc:
            if self._lock is None or not exc.read_only:
                self._release()
                raise
            # The folder or journal cannot be written (a read-only share): open it to look.
            self._release()
            self._lock, self.readonly = None, True
            self._open_db()
            self.warnings.append(f"{exc} Opened read-only: you can look and export; edits "
                                 "will not be saved.")
        if not self.readonly:
            self._remove_dead_temps()
            try:
                (self.folder / "thumbs").mkdir(exist_ok=True)
            except OSError:
                pass  # thumbnails are a cache: their own code reports a folder it cannot use
        self.follow_team_zone()
        # The documents live as long as the window: keep full collections from walking them
        # again and again (each walk of 50k documents would stall the UI thread).
        gc.freeze()

    def follow_team_zone(self) -> None:
        """Hand the library's team time zone (publish settings' `team_zone`, see
        publish/hashtags.py) to the app's one clock: on opening, after the settings record is
        written, undone or re-read."""
        doc = self.records("settings").current(TEAM_ZONE_SETTING[0]) or {}
        clock.use_zone(doc.get(TEAM_ZONE_SETTING[1]))

    def _open_db(self) -> None:
        # Loading builds millions of small objects: the cyclic GC would rescan them over and
        # over (measured: 0.73 s -> 0.40 s to parse 40 MB), so it waits until the load is done.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            self.db = CatalogDB(str(self.folder / CATALOG_FILE), readonly=self.readonly,
                                require_table="meta")
            self._assets = self.db.table("assets")
            self._tags_table = self.db.table("tags")
            self._check_documents()
            self._migrate()
            self._build_indexes()
        except BaseException:
            db = getattr(self, "db", None)
            if db is not None:
                db.storage.abandon()
            raise
        finally:
            if gc_was_on:
                gc.enable()
        self.warnings.extend(self.db.storage.damage)

    def _check_documents(self) -> None:
        where = schema.damaged_document(self.db.storage.read())
        if where is not None:
            raise StorageError(
                f"The catalog {self.folder / CATALOG_FILE} is damaged ({where} is not whole). "
                "Restore it from a backup, or move it aside and rescan your folders to rebuild "
                "the library. LiveAssets has not changed it.")

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()

    def _remove_dead_temps(self) -> None:
        """Compaction temps a killed writer left (we hold the writer lock: none is live)."""
        for tmp in stale_temps(self.folder / CATALOG_FILE):
            try:
                tmp.unlink()
            except OSError:
                pass

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
        if self.readonly:
            if version != schema.SCHEMA_VERSION:
                schema.migrate({}, version)  # a newer library: the usual message
                raise CatalogError(
                    f"The library {self.folder} needs an upgrade (catalog version {version}); "
                    "open it once where it can be written.")
            return
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
            if self._lock is not None and self._lock.held:
                try:
                    self._lock.check()
                except StorageError:
                    self.db.storage.abandon()  # another writer may own the files now
                else:
                    self.db.close()
                self._lock.release()
            elif self.readonly:
                self.db.close()

    @contextmanager
    def saving(self):
        """Group writes into one durable step; if it cannot be saved, memory goes back to disk.

        Raises StorageError (full disk, read-only library, the lock taken by another writer).
        """
        with self.lock:
            outer = not self.db.storage.in_batch
            if self.readonly:
                self.db.storage._writable()  # refuses before anything changes in memory
            if outer and self._lock is not None:
                self._lock.check()
            try:
                with self.db.storage.batch():
                    yield
            except StorageError:
                if outer:
                    self._reload()  # what the user sees stays what is saved
                raise

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
            ids = search.run(text, self.index, today or clock.today())
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
            with self.saving():
                self._apply(updates, inserts, removes)
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
        # The same storage and tables stay (views and record stores hold them); their contents
        # and caches are re-read.
        self.db.storage.reload()
        for table in self.db._tables.values():
            table.clear_cache()
            table._next_id = None
        self._build_indexes()
        for store in self._stores.values():
            store.reindex()
        self.follow_team_zone()

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
        """Put back what `change` replaced; raises CatalogError (changing nothing) when the
        library no longer holds what `change` left (edited or rescanned since)."""
        with self.lock:
            self._expect(change, change.after, change.before, f"undo {change.label}")
            if change.table != "assets":
                with self.saving():
                    self.records(change.table).apply(change.before)
                return Change(f"Undo {change.label}", change.after, change.before, change.table)
            with self.saving():
                done = self._write(f"Undo {change.label}", change.before)
                self._respell({k: b for k, (b, _a) in change.spellings.items()})
            done.spellings = {k: (a, b) for k, (b, a) in change.spellings.items()}
            return done

    def redo(self, change: Change) -> Change:
        """Do `change` again; raises CatalogError when the library moved on meanwhile."""
        with self.lock:
            self._expect(change, change.before, change.after, f"redo {change.label}")
            if change.table != "assets":
                with self.saving():
                    self.records(change.table).apply(change.after)
                return change
            with self.saving():
                done = self._write(change.label, change.after)
                self._respell({k: a for k, (_b, a) in change.spellings.items()})
            done.spellings = dict(change.spellings)
            return done

    def _expect(self, change: Change, expected: dict, target: dict, step: str) -> None:
        """Raise unless every document is as `expected` and `target` would not duplicate one."""
        if change.table != "assets":
            store = self.records(change.table)
            # Records are whole documents edited from one form: only their existence must match
            # (a later save of the same post is not a conflict, a delete or re-create is).
            for rid, doc in expected.items():
                if (store.current(rid) is None) != (doc is None):
                    raise CatalogError(f"Cannot {step}: it was "
                                       f"{'deleted' if doc is not None else 'made again'} since. "
                                       "Nothing was changed.")
            return
        docs = self.index.docs
        for aid, fields in expected.items():
            doc = docs.get(aid)
            if fields is None:
                restored = target.get(aid) or {}
                path = restored.get("path")
                other = self.index.by_path.get(str(path)) if path else None
                if doc is not None or (other is not None and other != aid):
                    raise CatalogError(
                        f"Cannot {step}: {path or aid} is in the library again (a later scan "
                        "added it), so this would list it twice. Nothing was changed.")
            elif doc is None:
                raise CatalogError(f"Cannot {step}: an asset it touched was removed since. "
                                   "Nothing was changed.")
            elif any(doc.get(k) != v for k, v in fields.items()):
                raise CatalogError(f"Cannot {step}: {doc.get('path') or aid} was changed again "
                                   "since. Nothing was changed.")
