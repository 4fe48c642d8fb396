"""Durable TinyDB storage: a JSON snapshot plus an append-only journal of changed documents.

TinyDB's default `JSONStorage` rewrites the whole file in place on every write (O(library) per
edit, and a crash mid-write truncates the catalog). Here an edit appends one checksummed line
holding only the documents it changed, then fsyncs: durable when the call returns, cheap at any
library size. The snapshot (TinyDB's usual JSON layout) is rewritten atomically (temp file, fsync,
rename) only when the journal has grown large, and on close.

Opening reads the snapshot and replays the journal. Crash points and what opening does:
- mid-append: the last line is torn; it is dropped quietly (the edit was never acknowledged).
- mid-compaction, before the rename: a hidden `.catalog.json.<pid>.tmp` is left; the writer
  that next opens the library (holding the lock, so no live writer owns it) removes it.
- between the rename and the journal truncate: the old journal replays over the new snapshot,
  which is harmless (records are whole documents, replayed in order).
Anything else wrong in the journal (a damaged line with whole lines after it: a bad disk block,
a sync tool) is not a crash: every valid line is kept, a copy of the damaged journal is saved
beside the catalog, and `damage` says what was skipped. A snapshot that is empty, unreadable or
not shaped like ours is refused with a message and never rewritten.

A failed append leaves the journal as it was (truncated back) and the storage usable; `reload()`
puts memory back to what is on disk. A snapshot that cannot be written (disk full at compaction
or close) is not an error: the journal still holds every edit.

Readers (`readonly=True`) take no lock and write nothing: they read the snapshot, then the
journal, and retry if a compaction replaced the snapshot in between.

`CatalogTable` feeds the journal: it replaces TinyDB's whole-table rewrite (two passes over every
document per write) with a view that records which documents an operation touched.
"""

from __future__ import annotations

import errno
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

from liveassets import clock
from liveassets.errors import UserError


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
# A reader retries this many times when compactions keep replacing the snapshot under it.
READ_RETRIES = 20
# errno values that mean "this disk or folder cannot be written" rather than a damaged file.
READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class StorageError(UserError, OSError):
    """The catalog files could not be read or written (named, with what to do)."""

    read_only = False


class ReadOnlyError(StorageError):
    """The library's folder or files cannot be written (permissions, a read-only disk)."""

    read_only = True


def _write_error(exc: OSError) -> type[StorageError]:
    return ReadOnlyError if exc.errno in READ_ONLY_ERRNOS else StorageError


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def temp_name(path: Path) -> Path:
    """The hidden temporary a compaction of `path` writes before its rename."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def stale_temps(path: Path) -> list[Path]:
    """Compaction temporaries of `path` (any process's): only safe to remove under the lock."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one."""
    path = Path(path)
    tmp = temp_name(path)
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
        record = _loads(body)
    except ValueError:
        return None
    if not (isinstance(record, dict) and isinstance(record.get("t"), str)
            and isinstance(record.get("s", {}), dict) and isinstance(record.get("d", []), list)):
        return None
    return record


def _check_shape(path: Path, tables) -> None:
    """Our snapshot is {table: {doc id: document}}; anything else is not ours or is damaged."""
    ok = isinstance(tables, dict) and all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values())
        for t in tables.values())
    if not ok:
        raise StorageError(
            f"{path} is not a LiveAssets catalog (it holds other JSON). If this folder belongs "
            "to another program, pick another folder with --library; if it is your library, "
            "restore catalog.json from a backup. LiveAssets has not changed it.")


class JournalStorage(Storage):
    """Snapshot + journal storage for TinyDB. Not thread-safe: the catalog holds one lock.

    `readonly=True` opens without writing anything (a reader beside the writer, or a library
    on a read-only disk); writes then raise StorageError. `damage` lists, in the user's words,
    journal lines that were skipped at open (empty when all was well).
    """

    def __init__(self, path: str | os.PathLike, min_compact_bytes: int | None = None,
                 readonly: bool = False, require_table: str | None = None):
        self.path = Path(path)
        self.require_table = require_table
        self.journal_path = self.path.with_name(self.path.name + JOURNAL_SUFFIX)
        self.min_compact_bytes = MIN_COMPACT_BYTES if min_compact_bytes is None else min_compact_bytes
        self.readonly = readonly
        self.damage: list[str] = []
        self.compact_error: str | None = None  # why the last snapshot could not be written
        self._tables: dict = {}
        self._snapshot_bytes = 0
        self._journal_bytes = 0
        self._batch_depth = 0
        self._pending: list[bytes] = []
        self._journal = None
        self._load()
        if not readonly:
            self._open_journal()

    def _open_journal(self) -> None:
        try:
            # Unbuffered: a failed write leaves nothing queued in a buffer for a later flush.
            self._journal = open(self.journal_path, "ab", buffering=0)
        except OSError as exc:
            raise _write_error(exc)(
                f"Cannot write the catalog journal {self.journal_path}: {_why(exc)}. Make the "
                "library folder writable, or open it read-only to look and export."
            ) from None

    # -- loading -------------------------------------------------------------------------
    def _load(self) -> None:
        if not self.readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"Cannot create the library folder {self.path.parent}: "
                                   f"{_why(exc)}. Pick a folder on a writable disk.") from None
        for _ in range(READ_RETRIES):
            snapshot_id, raw = self._read_snapshot()
            journal = self._read(self.journal_path) or b""
            # A compaction that replaced the snapshot while we read the journal may have emptied
            # the journal too: read both again (the writer never needs us to finish).
            if snapshot_id == self._file_id(self.path):
                break
        else:
            raise StorageError(f"The catalog {self.path} kept changing while being read. "
                               "Try again.")
        self._tables = self._parse_snapshot(raw)
        self._snapshot_bytes = len(raw or b"")
        self._replay(journal)
        self._check_ours(raw)

    def _check_ours(self, raw: bytes | None) -> None:
        # Before the journal is opened (which creates it), so nothing is written into a folder
        # that holds another program's catalog.json.
        if self.require_table is None or raw is None or self._tables.get(self.require_table):
            return
        raise StorageError(
            f"{self.path} does not belong to LiveAssets (it has no {self.require_table!r} "
            "table). If this folder is another program's, pick an empty or LiveAssets library "
            "folder with --library; LiveAssets has not changed it.")

    @staticmethod
    def _file_id(path: Path):
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _read_snapshot(self):
        try:
            with open(self.path, "rb") as fh:
                st = os.fstat(fh.fileno())
                return (st.st_ino, st.st_size, st.st_mtime_ns), fh.read()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise StorageError(f"Cannot read the catalog {self.path}: {_why(exc)}. Check the "
                               "file's permissions and that the disk is attached.") from None

    def _read(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageError(f"Cannot read {path}: {_why(exc)}. Check the file's permissions "
                               "and that the disk is attached.") from None

    def _parse_snapshot(self, raw: bytes | None) -> dict:
        if raw is None:
            return {}
        if not raw.strip():
            raise StorageError(
                f"The catalog file {self.path} is empty. Restore it from a backup, or move it "
                "aside and rescan your folders to rebuild the library. LiveAssets has not "
                "changed it.")
        try:
            tables = _loads(raw)
        except orjson.JSONDecodeError as exc:
            raise StorageError(
                f"The catalog file {self.path} is damaged ({exc}). Restore it from a backup, "
                "or move it aside and rescan your folders to rebuild the library."
            ) from None
        _check_shape(self.path, tables)
        return tables

    def _replay(self, data: bytes, repair: bool = True) -> None:
        lines = [line + b"\n" for line in data.split(b"\n")]
        lines[-1] = lines[-1][:-1]  # what follows the last newline: b"" or a torn tail
        if not lines[-1]:
            lines.pop()
        good: list[bytes] = []
        bad = 0
        whole = len(data)  # bytes up to the end of the last line that is not a torn tail
        for n, line in enumerate(lines):
            record = _decode_line(line)
            if record is None:
                if n == len(lines) - 1:
                    whole -= len(line)
                    break  # a torn tail from a crash mid-append: never acknowledged
                bad += 1
                continue
            self._apply(record)
            good.append(line)
        kept = b"".join(good)
        # Appends go after what stays in the file: the repaired journal, or (when not repaired
        # here) every line but a torn tail.
        self._journal_bytes = whole if bad and not (repair and not self.readonly) else len(kept)
        if bad:
            self._report_damage(data, kept, bad, len(good), repair and not self.readonly)
        elif len(kept) != len(data) and repair and not self.readonly:
            self._truncate_journal(len(kept))

    def _report_damage(self, data: bytes, kept: bytes, bad: int, good: int,
                       repair: bool) -> None:
        where = ("left as it is (opened read-only)" if self.readonly
                 else "it is repaired the next time the library opens")
        if repair:
            stamp = clock.local_now().strftime("%Y%m%d-%H%M%S")
            copy = self.journal_path.with_name(f"{self.journal_path.name}.damaged-{stamp}")
            try:
                atomic_write_bytes(copy, data)
                atomic_write_bytes(self.journal_path, kept)
                where = f"a copy of the damaged journal is at {copy}"
            except OSError as exc:
                raise _write_error(exc)(
                    f"The catalog journal {self.journal_path} has {bad} damaged lines and "
                    f"could not be repaired ({_why(exc)}). Free some disk space and open the "
                    "library again; nothing has been removed.") from None
        self.damage.append(
            f"The catalog journal {self.journal_path} had {bad} damaged line(s): those edits "
            f"were skipped, the {good} whole edit(s) around them were kept; {where}.")

    def _truncate_journal(self, size: int) -> None:
        try:
            with open(self.journal_path, "r+b") as fh:
                fh.truncate(size)
                os.fsync(fh.fileno())
        except OSError as exc:
            raise _write_error(exc)(f"Cannot write the catalog journal {self.journal_path}: "
                               f"{_why(exc)}. Make the library folder writable, or open it "
                               "read-only to look and export.") from None

    def reload(self) -> None:
        """Drop unsaved changes: memory becomes what is on disk (after a failed save)."""
        self._pending.clear()
        self._rollback_journal()
        self._load_again()
        if not self.readonly:
            # A repair while loading may have replaced the journal file: append to the new one.
            self._journal.close()
            self._open_journal()

    def _load_again(self) -> None:
        damage, self.damage = self.damage, []
        snapshot_id, raw = self._read_snapshot()
        self._tables = self._parse_snapshot(raw)
        self._snapshot_bytes = len(raw or b"")
        # No repair here: reload runs after a failed write, when writing again may fail too.
        self._replay(self._read(self.journal_path) or b"", repair=False)
        self.damage = damage + self.damage

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
        self._writable()
        self._tables = data
        self.compact(strict=True)

    def close(self) -> None:
        if self._journal is None or self._journal.closed:
            return
        if self._journal_bytes:
            self.compact()  # when the disk is full the journal stays, and replays next time
        self._journal.close()

    # -- journal ---------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.readonly or self._journal is None or self._journal.closed:
            raise StorageError(f"The library {self.path.parent} is open read-only; this edit "
                               "was not saved. Open it where it can be written to edit it.")

    def write_changes(self, table: str, changed: dict, removed: list) -> None:
        """Record documents an operation set or removed; durable on return (or at batch end)."""
        if not changed and not removed:
            return
        self._writable()
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

    @property
    def in_batch(self) -> bool:
        return self._batch_depth > 0

    def _flush(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending.clear()
        try:
            self._writable()
            view = memoryview(data)
            while view:
                view = view[self._journal.write(view):]
            os.fsync(self._journal.fileno())
        except OSError as exc:
            self._rollback_journal()
            if isinstance(exc, StorageError):
                raise
            raise StorageError(
                f"Could not save to the catalog journal {self.journal_path}: {_why(exc)}. "
                "Free some disk space or move the library to a writable disk; this edit was "
                "not saved, nothing before it was lost."
            ) from exc
        self._journal_bytes += len(data)
        # After a failed compaction (disk full) the journal carries on alone until close, rather
        # than retrying an O(library) snapshot write on every edit.
        if (self.compact_error is None
                and self._journal_bytes > max(self.min_compact_bytes, self._snapshot_bytes // 2)):
            self.compact()

    def _rollback_journal(self) -> None:
        # A half-written line must not stay in front of later appends (it would read as damage).
        if self._journal is None or self._journal.closed:
            return
        try:
            os.ftruncate(self._journal.fileno(), self._journal_bytes)
        except OSError:
            pass

    def abandon(self) -> None:
        """Close without writing anything more (after a failed save; disk state stands)."""
        self._pending.clear()
        self._rollback_journal()
        if self._journal is not None:
            self._journal.close()

    def compact(self, strict: bool = False) -> None:
        """Fold the journal into a fresh snapshot (atomic), then empty the journal.

        A snapshot that cannot be written is not an error unless `strict` (the journal still
        holds every edit): the reason is kept in `compact_error` and the journal goes on.
        """
        self._writable()
        data = _dumps(self._tables)
        try:
            atomic_write_bytes(self.path, data)
        except OSError as exc:
            self.compact_error = (f"Could not write the catalog {self.path}: {_why(exc)}. Free "
                                  "some disk space or move the library to a writable disk.")
            if strict:
                raise StorageError(self.compact_error) from exc
            return
        self.compact_error = None
        self._snapshot_bytes = len(data)
        # Replaying the old journal over the new snapshot would be harmless (records are whole
        # documents), so a crash or failure between the rename and this truncate loses nothing.
        try:
            os.ftruncate(self._journal.fileno(), 0)
            os.fsync(self._journal.fileno())
            self._journal_bytes = 0
        except OSError:
            pass


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
