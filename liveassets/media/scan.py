"""Scanning folders into the catalog: find media, read facts, then make thumbnails.

Incremental: a file whose size and mtime are unchanged costs one `stat`. A new path whose
content fingerprint matches an asset that vanished from the scanned folders is that asset,
moved: it keeps its id, tags and rights. Vanished files become `missing`, never dropped. Facts
land in the catalog in batches as they are read (so a big folder is browsable early); thumbnails
follow. Small scans decode on threads; big ones in worker processes, so a window stays
responsive while thousands of files are read (see `_Workers`).
"""

from __future__ import annotations

import os
import time
import weakref
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from liveassets.catalog.changes import SCAN
from liveassets.catalog.schema import FACT_FIELDS, new_asset
from liveassets.catalog.stacks import SCORE_FIELDS, regroup
from liveassets.errors import UserError, disk_message
from liveassets.jobs import CancelToken, Progress, ProgressFn, no_progress
from liveassets.lifetime import process_pool
from liveassets.temps import sweep
from liveassets.media.errors import MediaError
from liveassets.media.fingerprint import fingerprint
from liveassets.media.formats import is_ignored_name, kind_for
from liveassets.media.probe import probe
from liveassets.media.thumbs import thumbnail_with_scores

BATCH_SECONDS = 0.5
# From this many files up, decoding runs in worker processes (spawn costs ~0.5 s once).
PROCESS_MIN_JOBS = 48
BATCH_SIZE = 250
THUMB_SIZE = 512
# Culling scores and stacks at scan time (media/scores.py, catalog/stacks.py); off only for
# tests/bench/bench_stacks.py's baseline, read in this process (workers are handed it).
SCORES = True
# Per-file budget, seconds: a file still being read after this becomes an error row. Real
# files take milliseconds (SPECS: ~9 ms a probe); a 100 MP photo's thumbnail ~1 s.
FILE_SECONDS = 30.0
_ABANDONED: weakref.WeakSet = weakref.WeakSet()  # jobs left running past FILE_SECONDS


class ScanError(UserError, ValueError):
    """A folder that cannot be scanned (named, with what to do)."""


@dataclass
class ScanReport:
    found: int = 0
    added: int = 0
    updated: int = 0
    moved: int = 0
    missing: int = 0
    unchanged: int = 0
    errors: int = 0
    thumbnails: int = 0
    stacked: int = 0  # photos whose stack changed (catalog/stacks.py)
    cancelled: bool = False
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.found} media files", f"{self.added} new", f"{self.updated} changed",
                 f"{self.moved} moved", f"{self.missing} missing", f"{self.errors} unreadable",
                 f"{self.thumbnails} thumbnails"]
        text = ", ".join(parts) + f" in {self.seconds:.1f} s"
        if self.problems:  # e.g. thumbnails that could not be written: said once, with the fix
            text += ". " + " ".join(self.problems)
        return ("Cancelled: " + text) if self.cancelled else text


@dataclass(frozen=True)
class Found:
    path: str
    kind: str
    size: int
    mtime: float


def library_folders(catalog) -> list[str]:
    """The folders of `catalog`'s library that hold files LiveAssets made for itself
    (thumbnails, the moments cache): never media to index. A scan or an intake of a folder
    holding the library (the user's home, or the library folder the demo was written into)
    took every thumbnail in as a photo, and the next scan the thumbnails of those."""
    return [os.path.join(os.fspath(catalog.folder), name) for name in ("thumbs", "cache")]


def walk(roots: list[str], cancel: CancelToken | None = None,
         follow_links: bool = False, skip: list[str] | None = None) -> list[Found]:
    """Media files below `roots` (folders, or single files): hidden and system files skipped,
    symlink loops cut, folders in `skip` (see library_folders) not entered. Symbolic links
    inside the folders are skipped unless `follow_links` (a link can lead out of what the user
    chose, and one file would be indexed twice); when followed, a file is recorded at its real
    path, once."""
    out: list[Found] = []
    seen_dirs: set[tuple[int, int]] = set()
    for folder in skip or ():
        try:
            st = os.stat(folder)
            seen_dirs.add((st.st_dev, st.st_ino))  # as if walked already: by any path
        except OSError:
            pass
    linked: set[str] = set()  # real paths of files reached through links
    stack = [os.path.abspath(r) for r in roots]
    for root in list(stack):
        if os.path.isfile(root):  # a single file dropped or named on the command line
            stack.remove(root)
            kind = kind_for(root)
            if kind is not None and not is_ignored_name(os.path.basename(root)):
                st = os.stat(root)
                out.append(Found(root, kind, st.st_size, st.st_mtime))
    while stack:
        if cancel is not None and cancel.cancelled:
            break
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen_dirs:
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            entries = list(os.scandir(folder))
        except OSError:
            continue  # unreadable subfolder: skip it, keep scanning the rest
        for entry in sorted(entries, key=lambda e: e.name, reverse=True):
            if is_ignored_name(entry.name):
                continue
            try:
                if entry.is_symlink():
                    if not follow_links:
                        continue
                    real = os.path.realpath(entry.path)
                    if os.path.isdir(real):
                        stack.append(real)
                        continue
                    kind = kind_for(entry.name) or kind_for(real)
                    if kind is None or not os.path.isfile(real) or real in linked:
                        continue
                    linked.add(real)
                    st = os.stat(real)
                    out.append(Found(real, kind, st.st_size, st.st_mtime))
                    continue
                if entry.is_dir():
                    stack.append(entry.path)
                    continue
                kind = kind_for(entry.name)
                if kind is None or not entry.is_file():
                    continue
                st = entry.stat()
            except OSError:
                continue
            out.append(Found(entry.path, kind, st.st_size, st.st_mtime))
    if linked:  # a linked file that is also inside a scanned folder is listed once
        unique = {f.path: f for f in out}
        out = list(unique.values())
    return out


# Bumped when facts or thumbnails are read differently, so a rescan re-reads what an older
# version read: 2 = colour-managed, tone-mapped, flip-aware thumbnails, real durations and
# colour facts (issue #10). Assets without the field were read by version 1.
READER_VERSION = 2


def _read(found: Found) -> dict:
    """Worker: fingerprint and facts of one file; damage becomes an `error` status."""
    result = {"size": found.size, "mtime": found.mtime, "kind": found.kind,
              "reader": READER_VERSION}
    try:
        result["fingerprint"] = fingerprint(found.path, found.size)
    except OSError as exc:
        result.update(status="error", error=f"Cannot read the file: {exc.strerror or exc}.")
        return result
    try:
        facts = probe(found.path)
    except MediaError as exc:
        result.update(status="error", error=str(exc))
        return result
    result.update({k: facts.get(k) for k in FACT_FIELDS})
    result.update(status="ok", error=None)
    return result


def _thumb(path: str, kind: str, dest: str, rotation: int, scored: bool = True
           ) -> tuple[bool, str | None, str | None, dict | None]:
    """Worker: make one thumbnail; (written, what is wrong with the file, what stopped writing
    the thumbnail: a full disk or read-only `thumbs/` is the library's problem, not the file's,
    a photo's culling scores from the same decode: media/scores.py)."""
    try:
        written, found = thumbnail_with_scores(path, kind, dest, THUMB_SIZE, rotation or 0,
                                               scored)
        return written, None, None, found
    except MediaError as exc:
        return False, str(exc), None, None
    except OSError as exc:
        return False, None, disk_message(exc, "write thumbnails into", os.path.dirname(dest)), None


class _Workers:
    """Threads for small jobs; for big ones, processes, so decoding never competes with the
    window for Python's global lock (and a decoder that crashes takes only its worker down)."""

    def __init__(self, n: int):
        self.n = n
        self._threads: ThreadPoolExecutor | None = None
        self._processes: ProcessPoolExecutor | None = None

    def pool(self, jobs: int):
        if jobs >= PROCESS_MIN_JOBS and self.n > 1:
            if self._processes is None:
                # workers die with this process, even when it is killed (lifetime.py)
                self._processes = process_pool(self.n)
            return self._processes
        if self._threads is None:
            self._threads = ThreadPoolExecutor(self.n, thread_name_prefix="scan")
        return self._threads

    def close(self) -> None:
        # never wait on a file that stalls for good (its job was abandoned by _overdue)
        wait_for = not any(not fut.done() for fut in list(_ABANDONED))
        for pool in (self._threads, self._processes):
            if pool is not None:
                try:
                    pool.shutdown(wait=wait_for, cancel_futures=True)
                except RuntimeError:  # Ctrl+C / SIGTERM hit the pool while it was starting
                    pass  # its workers exit with us (lifetime.py)


class _Batcher:
    """Collects per-asset writes and commits them every BATCH_SIZE items or BATCH_SECONDS."""

    def __init__(self, catalog, label: str):
        self.catalog, self.label = catalog, label
        self.values: dict = {}
        self.last = time.monotonic()

    def put(self, aid: str, fields: dict) -> None:
        self.values.setdefault(aid, {}).update(fields)
        if len(self.values) >= BATCH_SIZE or time.monotonic() - self.last > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.values:
            self.catalog.apply(self.label, self.values, source=SCAN)  # published to views
            self.values = {}
        self.last = time.monotonic()


def _under(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def scan(catalog, roots, progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
         thumbnails: bool = True, workers: int | None = None,
         follow_links: bool = False) -> ScanReport:
    """Index `roots` (folders or files) into `catalog`; returns what happened.

    Bad files never stop it: they become assets with status `error` and a message.
    `follow_links`: also index what symbolic links inside the folders point to (see walk).
    """
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    roots = [os.path.abspath(os.fspath(r)) for r in roots]
    for root in roots:
        if not os.path.exists(root):
            raise ScanError(f"{root} was not found. Check the path (was a drive unplugged?) "
                            "and scan again.")
    report = ScanReport()
    progress(Progress("Finding files", 0, 0))
    found = walk(roots, cancel, follow_links, skip=library_folders(catalog))
    report.found = len(found)
    seen = {f.path for f in found}
    with catalog.lock:
        vanished = {a["id"] for a in catalog.all()
                    if _under(a["path"], roots) and a["path"] not in seen}
    todo: list[tuple[Found, str | None]] = []
    for f in found:
        doc = catalog.by_path(f.path)
        if doc is not None and doc["size"] == f.size and doc["mtime"] == f.mtime \
                and doc["status"] != "missing" and (doc.get("reader") or 1) >= READER_VERSION:
            report.unchanged += 1
        else:
            todo.append((f, doc["id"] if doc else None))
    workers = workers or os.cpu_count() or 2
    pools = _Workers(workers)
    try:
        width = 4 * workers
        _read_all(catalog, todo, vanished, pools, progress, cancel, report, width)
        if not cancel.cancelled:
            missing = {aid: {"status": "missing", "error": "The file is no longer where it was."}
                       for aid in vanished if catalog.get(aid)["status"] != "missing"}
            catalog.apply("Mark missing", missing, source=SCAN)
            report.missing = len(missing)
        if thumbnails and not cancel.cancelled:
            scored = _thumbnails(catalog, roots, pools, progress, cancel, report, width)
            # stacks change with new scores, changed or vanished files; an unchanged rescan
            # skips this (grouping 2,000 photos costs ~20 ms, 50,000 ~1.2 s: catalog/stacks.py)
            if SCORES and not cancel.cancelled and (scored or report.updated or report.moved
                                                    or report.missing):
                progress(Progress("Finding stacks", 0, 0))
                report.stacked = len(regroup(catalog))
    finally:
        pools.close()
    report.cancelled = cancel.cancelled
    report.errors = sum(1 for a in catalog.all() if _under(a["path"], roots) and a["status"] == "error")
    report.seconds = time.perf_counter() - started
    return report


def _parallel(pool, fn, jobs, cancel: CancelToken, width: int, late=None):
    """Run fn(*args) for each (tag, args) in jobs; yield (tag, result) as they finish.

    Only `width` jobs are in flight at once: each wait stays cheap (waiting on thousands of
    futures costs O(n) per call) and Cancel takes effect after at most `width` files. A job
    running longer than FILE_SECONDS yields late(FILE_SECONDS) (default: too_slow's error row)
    instead and is left behind, so one stalling file never stalls the scan (see `_overdue`).
    """
    jobs = iter(jobs)
    pending: dict = {}
    started: dict = {}  # future -> when it was first seen running (for the per-file budget)
    while True:
        while len(pending) < width and not cancel.cancelled:
            job = next(jobs, None)
            if job is None:
                break
            pending[pool.submit(fn, *job[1])] = job[0]
        if not pending:
            return
        finished, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for fut in _overdue(pending, started, finished):
            yield pending.pop(fut), (late or too_slow)(FILE_SECONDS)
        for fut in finished:
            tag = pending.pop(fut)
            try:
                result = fut.result()
            except BrokenProcessPool:
                raise ScanError("A media reader stopped unexpectedly (a badly damaged file?). "
                                "Scan again; files already read are kept.") from None
            yield tag, result
        if cancel.cancelled:
            for fut in pending:
                fut.cancel()
            return


def too_slow(seconds: float) -> dict:
    """The error row of a file that took longer than the per-file budget to read."""
    return {"status": "error",
            "error": f"Reading this file took longer than {seconds:g} s, so it was skipped; "
                     "it may be damaged or hold huge metadata. Check it opens in another app, "
                     "then scan again."}


def _overdue(pending: dict, started: dict, finished) -> list:
    """Futures in `pending` (not in `finished`) running longer than FILE_SECONDS. Each is
    cancelled if it has not started and otherwise abandoned: a thread or worker process cannot
    be interrupted safely mid-decode, so it finishes (or not) in the background while the scan
    goes on; _Workers.close does not wait for it."""
    now, late = time.monotonic(), []
    for fut in pending:
        if fut in finished:
            continue
        if fut.running():
            started.setdefault(fut, now)
        if fut in started and now - started[fut] > FILE_SECONDS:
            late.append(fut)
    for fut in late:
        started.pop(fut, None)
        if not fut.cancel():
            _ABANDONED.add(fut)
    return late


def _read_all(catalog, todo, vanished, pools, progress, cancel, report, width) -> None:
    batch = _Batcher(catalog, "Scan")
    claimed: set[str] = set()
    total = len(todo)
    progress(Progress("Reading facts", 0, total))
    try:
        jobs = (((f, aid), (f,)) for f, aid in todo)
        pool = pools.pool(total)
        for done, ((f, aid), result) in enumerate(_parallel(pool, _read, jobs, cancel, width), 1):
            _record(catalog, batch, f, aid, result, vanished, claimed, report)
            progress(Progress("Reading facts", done, total, f.path))
    finally:
        batch.flush()


def _record(catalog, batch, f: Found, aid, result: dict, vanished: set, claimed: set,
            report) -> None:
    fields = dict(result, path=f.path, name=os.path.basename(f.path))
    if aid is not None:
        fields["thumbnail"] = None  # the file changed: its picture may have too
        fields.update(dict.fromkeys(SCORE_FIELDS))  # and its scores: made again with it
        batch.put(aid, fields)
        report.updated += 1
        return
    for doc in catalog.by_fingerprint(result.get("fingerprint")):
        candidate = doc["id"]
        # Moved within the scanned folders, or from a place outside them that no longer has it.
        if candidate in vanished or (candidate not in claimed and not os.path.exists(doc["path"])):
            vanished.discard(candidate)
            claimed.add(candidate)
            batch.put(candidate, fields)
            report.moved += 1
            return
    doc = new_asset(f.path, f.kind, f.size, f.mtime, result.get("fingerprint"))
    doc.update(fields)
    batch.put(doc["id"], doc)
    report.added += 1


def _thumbnails(catalog, roots, pools, progress, cancel, report, width) -> set[str]:
    """Make missing thumbnails (with photos' scores); returns the ids of photos scored."""
    scored: set[str] = set()
    with catalog.lock:
        need = [a for a in catalog.all()
                if a["status"] == "ok" and a["kind"] in ("image", "video") and _under(a["path"], roots)
                and (not a.get("thumbnail") or not (catalog.folder / a["thumbnail"]).exists())]
    if need:  # thumbnail work files a killed scan's workers left (temps.py)
        for sub in _subfolders(catalog.folder / "thumbs"):
            sweep(sub)
    batch = _Batcher(catalog, "Thumbnails")
    total = len(need)
    progress(Progress("Making thumbnails", 0, total))
    jobs = ((a, (a["path"], a["kind"], str(catalog.thumb_path(a["id"])), a.get("rotation"),
                 SCORES)) for a in need)
    try:
        for done, (asset, (written, error, write_error, found)) in enumerate(
                _parallel(pools.pool(total), _thumb, jobs, cancel, width,
                          lambda secs: (False, too_slow(secs)["error"], None, None)), 1):
            if write_error:  # every later thumbnail would fail the same way: stop, facts kept
                report.problems.append(f"{write_error} The facts were read; scan again to make "
                                       "the thumbnails.")
                break
            if error:
                fields = {"status": "error", "error": error, "thumbnail": None}
            else:
                thumb = catalog.thumb_path(asset["id"]).relative_to(catalog.folder)
                fields = {"thumbnail": str(thumb) if written else None}
                report.thumbnails += written
                if found:
                    fields.update(found)
                    scored.add(asset["id"])
            batch.put(asset["id"], fields)
            progress(Progress("Making thumbnails", done, total, asset["path"]))
    finally:
        batch.flush()
    return scored


def _subfolders(folder) -> list[str]:
    try:
        return [e.path for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []
