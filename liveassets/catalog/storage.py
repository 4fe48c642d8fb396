"""Durable TinyDB storage: a JSON snapshot plus an append-only journal of changed documents.

TinyDB's default `JSONStorage` rewrites the whole file in place on every write (O(library) per
edit, and a crash mid-write truncates the catalog). Here an edit appends one checksummed line
holding only the documents it changed, then fsyncs: durable when the call returns, cheap at any
library size. The snapshot (TinyDB's usual JSON layout) is rewritten atomically (temp file, fsync,
rename) only when the journal has grown large, and on close. Opening reads the snapshot and
replays the journal; a torn last line (a crash mid-append) is dropped, never the lines before it.

`CatalogTable` feeds the journal: it replaces TinyDB's whole-table rewrite (two passes over every
document per write) with a view that records which documents an operation touched.
"""

from __future__ import annotations

from liveassets.errors import UserError

import json
import os
import zlib
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table


def _dumps(obj) -> bytes:
    """JSON bytes; falls back to the standard library only for text orjson refuses: file names
    that are not valid UTF-8 reach Python as lone surrogates (PEP 383), which json writes as
    \\udcXX escapes and reads back exactly, so such a path still opens the file."""
    try:
        return orjson.dumps(obj)
    except TypeError:
        return json.dumps(obj, separators=(",", ":")).encode("ascii")


def _loads(body: bytes):
    """Inverse of `_dumps` (orjson first: it is ~5x faster; json for surrogate escapes)."""
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError:
        try:
            return json.loads(body)
        except ValueError:
            pass
        raise


JOURNAL_SUFFIX = ".journal"
# Compact when the journal passes this many bytes and is larger than half the snapshot.
MIN_COMPACT_BYTES = 8 * 1024 * 1024


class StorageError(UserError, OSError):
    """The catalog files could not be read or written (named, with what to do)."""


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _encode_line(record: dict) -> bytes:
    body = _dumps(record)
    return b"%08x " % zlib.crc32(body) + body + b"\n"


def _decode_line(line: bytes) -> dict | None:
    if not line.endswith(b"\n") or len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:-1]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        return _loads(body)
    except ValueError:
        return None


class JournalStorage(Storage):
    """Snapshot + journal storage for TinyDB. Not thread-safe: the catalog holds one lock."""

    def __init__(self, path: str | os.PathLike, min_compact_bytes: int | None = None):
        self.path = Path(path)
        self.journal_path = self.path.with_name(self.path.name + JOURNAL_SUFFIX)
        self.min_compact_bytes = MIN_COMPACT_BYTES if min_compact_bytes is None else min_compact_bytes
        self._tables: dict = {}
        self._snapshot_bytes = 0
        self._journal_bytes = 0
        self._batch_depth = 0
        self._pending: list[bytes] = []
        self._load()
        self._journal = open(self.journal_path, "ab")

    # -- loading -------------------------------------------------------------------------
    def _load(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            raw = self.path.read_bytes()
            self._snapshot_bytes = len(raw)
            try:
                self._tables = _loads(raw) if raw.strip() else {}
            except orjson.JSONDecodeError as exc:
                raise StorageError(
                    f"The catalog file {self.path} is damaged ({exc}). Restore it from a backup, "
                    "or move it aside and rescan your folders to rebuild the library."
                ) from None
        good = 0
        if self.journal_path.exists():
            with open(self.journal_path, "rb") as fh:
                for line in fh:
                    record = _decode_line(line)
                    if record is None:
                        break  # a torn tail from a crash mid-append: everything before it stands
                    self._apply(record)
                    good += len(line)
            if good != self.journal_path.stat().st_size:
                with open(self.journal_path, "r+b") as fh:
                    fh.truncate(good)
                    os.fsync(fh.fileno())
        self._journal_bytes = good

    def _apply(self, record: dict) -> None:
        table = self._tables.setdefault(record["t"], {})
        table.update(record.get("s", {}))
        for doc_id in record.get("d", ()):
            table.pop(doc_id, None)

    # -- TinyDB's Storage interface -------------------------------------------------------
    def read(self) -> dict:
        # The live tables: TinyDB and the catalog read them without copying.
        return self._tables

    def write(self, data: dict) -> None:
        # A whole-database write (TinyDB's drop/truncate paths): take it as a new snapshot.
        self._tables = data
        self.compact()

    def close(self) -> None:
        if self._journal.closed:
            return
        if self._journal_bytes:
            self.compact()
        self._journal.close()

    # -- journal ---------------------------------------------------------------------------
    def write_changes(self, table: str, changed: dict, removed: list) -> None:
        """Record documents an operation set or removed; durable on return (or at batch end)."""
        if not changed and not removed:
            return
        record = {"t": table}
        self._apply({"t": table, "s": changed, "d": removed})  # a no-op for CatalogTable's writes
        if changed:
            record["s"] = changed
        if removed:
            record["d"] = list(removed)
        self._pending.append(_encode_line(record))
        if self._batch_depth == 0:
            self._flush()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group many writes into one fsync (the scanner's result batches)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        try:
            self._journal.write(data)
            self._journal.flush()
            os.fsync(self._journal.fileno())
        except OSError as exc:
            self._rollback_journal()
            raise StorageError(
                f"Could not save to the catalog journal {self.journal_path}: {exc.strerror or exc}. "
                "Free some disk space or move the library to a writable disk; nothing was lost "
                "before this edit."
            ) from exc
        self._journal_bytes += len(data)
        if self._journal_bytes > max(self.min_compact_bytes, self._snapshot_bytes // 2):
            self.compact()

    def _rollback_journal(self) -> None:
        # A half-written line must not stay in front of later appends, or replay would stop there.
        try:
            self._journal.truncate(self._journal_bytes)
            self._journal.seek(self._journal_bytes)
        except OSError:
            pass

    def abandon(self) -> None:
        """Close without writing anything more (after a failed save; disk state stands)."""
        self._pending.clear()
        self._rollback_journal()
        self._journal.close()

    def compact(self) -> None:
        """Fold the journal into a fresh snapshot (atomic), then empty the journal."""
        data = _dumps(self._tables)
        try:
            atomic_write_bytes(self.path, data)
        except OSError as exc:
            raise StorageError(
                f"Could not write the catalog {self.path}: {exc.strerror or exc}. Free some disk "
                "space or move the library to a writable disk."
            ) from exc
        self._snapshot_bytes = len(data)
        # Replaying the old journal over the new snapshot would be harmless (records are whole
        # documents), so a crash between the rename and this truncate loses nothing.
        self._journal.truncate(0)
        self._journal.seek(0)
        os.fsync(self._journal.fileno())
        self._journal_bytes = 0


class _TrackingView(MutableMapping):
    """The int-keyed table TinyDB's updaters expect, over the str-keyed raw table, noting writes."""

    def __init__(self, raw: dict):
        self.raw = raw
        self.touched: set[str] = set()
        self.removed: set[str] = set()

    def __getitem__(self, doc_id):
        key = str(doc_id)
        doc = self.raw[key]
        self.touched.add(key)  # updaters mutate the document they fetched
        return doc

    def __setitem__(self, doc_id, doc) -> None:
        key = str(doc_id)
        self.raw[key] = doc
        self.touched.add(key)
        self.removed.discard(key)

    def __delitem__(self, doc_id) -> None:
        key = str(doc_id)
        del self.raw[key]
        self.removed.add(key)
        self.touched.discard(key)

    def __contains__(self, doc_id) -> bool:
        return str(doc_id) in self.raw

    def __iter__(self):
        return (int(k) for k in list(self.raw))

    def __len__(self) -> int:
        return len(self.raw)


class CatalogTable(Table):
    """A TinyDB table whose writes journal only the documents they touch."""

    def _update_table(self, updater) -> None:
        tables = self._storage.read()
        raw = tables.setdefault(self.name, {})
        view = _TrackingView(raw)
        updater(view)
        self._storage.write_changes(
            self.name, {k: raw[k] for k in view.touched if k in raw}, sorted(view.removed)
        )
        self.clear_cache()


class CatalogDB(TinyDB):
    table_class = CatalogTable
    default_storage_class = JournalStorage
