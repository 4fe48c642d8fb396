"""The catalog under faults: damaged journal and snapshot bytes, full disks, read-only folders,
foreign and empty catalog files, a removed lock file, readers beside the writer, stale undo.

Each test asserts what a user would notice: which edits a fresh open still shows, the one-line
message (never a traceback), and that files LiveAssets does not own are left byte for byte.
The random kill/damage suite at the end runs a few trials by default; set
LIVEASSETS_FAULT_TRIALS=N for a bigger run (it prints its counts).
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from liveassets.catalog import storage
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.errors import CatalogError, LibraryLockedError
from liveassets.catalog.storage import StorageError
from liveassets.errors import UserError

sys.path.insert(0, os.path.dirname(__file__))
from catalog_helpers import fake_assets  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def cli(library, *args, timeout=60):
    """Run the real command line; returns (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "liveassets", "--library", str(library), *args],
                          capture_output=True, text=True, env=env, timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def crash(cat: Catalog) -> None:
    """Leave the library as a killed process would: no close, no compaction."""
    cat.db.storage.abandon()
    cat._release()


def filled(lib: Path, n: int = 30) -> tuple[Catalog, list[str]]:
    cat = Catalog(lib)
    docs = fake_assets(n, seed=5)
    cat.apply("Fill", {d["id"]: d for d in docs})
    cat.db.storage.compact()
    return cat, sorted(d["id"] for d in docs)


# -- 1. a damaged line in the middle of the journal -------------------------------------------

def test_a_damaged_middle_line_keeps_every_whole_edit_and_says_so(tmp_path):
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    for i in range(20):
        cat.tag([ids[i]], add=[f"edit{i}"])
    crash(cat)
    journal = lib / "catalog.json.journal"
    data = bytearray(journal.read_bytes())
    lines = bytes(data).splitlines(keepends=True)
    # The assets line of the 7th edit, about a third of the way in (each edit also notes its
    # new tag on a line of its own).
    hit = next(n for n, line in enumerate(lines) if b'"assets"' in line and b'"edit6"' in line)
    data[sum(map(len, lines[:hit])) + 20] ^= 0x20
    journal.write_bytes(bytes(data))

    code, out, err = cli(lib, "list")  # a reader: reports, changes nothing
    assert code == 0 and "Traceback" not in err
    assert "1 damaged line" in err and str(journal) in err
    assert journal.read_bytes() == bytes(data)

    with Catalog(lib) as cat:  # the writer keeps the whole lines and a copy of the damaged file
        assert any("damaged" in w for w in cat.warnings)
        kept = [i for i in range(20) if f"edit{i}" in cat.get(ids[i])["tags"]]
        assert kept == [i for i in range(20) if i != 6]
        copies = list(lib.glob("catalog.json.journal.damaged-*"))
        assert len(copies) == 1 and copies[0].read_bytes() == bytes(data)
    with Catalog(lib) as cat:  # after the compaction at close: still there, no new warning
        assert cat.warnings == []
        assert sum(f"edit{i}" in cat.get(ids[i])["tags"] for i in range(20)) == 19


def test_a_torn_last_line_is_dropped_quietly(tmp_path):
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    cat.tag([ids[0]], add=["kept"])
    crash(cat)
    with open(lib / "catalog.json.journal", "ab") as fh:
        fh.write(b'0badc0de {"t": "assets", "s": {"1')
    with Catalog(lib) as cat:
        assert cat.warnings == [] and "kept" in cat.get(ids[0])["tags"]
    assert not list(lib.glob("*.damaged-*"))


# -- 2. a failed write is not left applied in memory --------------------------------------------

@contextmanager
def disk_full(monkeypatch):
    """fsync reports ENOSPC, as a full disk does for data that did not fit (man 2 fsync)."""
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(storage.os, "fsync", full)
        yield


def on_disk(lib: Path) -> dict:
    with Catalog(lib, readonly=True) as cat:
        return {d["id"]: d for d in cat.all()}, dict(cat.tag_counts())


@pytest.mark.parametrize("edit", ["tag", "rename", "rights", "post"])
def test_after_a_full_disk_memory_equals_disk_and_the_next_edit_works(tmp_path, monkeypatch,
                                                                     edit):
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    cat.tag(ids[:3], add=["before"])
    posts = cat.records("posts")
    post = posts.put({"body": "first"})
    saved_docs, saved_counts = on_disk(lib)
    attempt = {
        "tag": lambda: cat.tag(ids[:5], add=["lost"]),
        "rename": lambda: cat.rename_tag("before", "after"),
        "rights": lambda: cat.set_rights(ids[:5], status="cleared", owner="Lost"),
        "post": lambda: posts.put({"id": post.after[next(iter(post.after))]["id"],
                                   "body": "lost"}),
    }[edit]
    with disk_full(monkeypatch):
        with pytest.raises(StorageError, match="Free some disk space"):
            attempt()
    assert {d["id"]: d for d in cat.all()} == saved_docs
    assert cat.tag_counts() == saved_counts
    assert "lost" not in cat.tag_display and "after" not in cat.tag_display
    assert [p["body"] for p in posts.all()] == ["first"]
    # Space is back: the next edit of each kind works and nothing of the failed one rides along.
    cat.rate(ids[:1], 4)
    posts.put({"body": "second"})
    cat.close()
    docs, counts = on_disk(lib)
    assert docs[ids[0]]["rating"] == 4 and "lost" not in counts and "after" not in counts
    assert all(docs[i]["rights"]["owner"] != "Lost" for i in ids)


def test_a_snapshot_that_cannot_be_written_leaves_reads_and_edits_on_the_journal(tmp_path,
                                                                                 monkeypatch):
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    cat.tag(ids[:2], add=["one"])

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage, "atomic_write_bytes", full)
    cat.db.storage.min_compact_bytes = 1  # every edit would like to compact now
    cat.db.storage._snapshot_bytes = 0
    cat.tag(ids[:2], add=["two"])  # acknowledged although the snapshot could not be written
    assert "No space" in cat.db.storage.compact_error
    cat.close()  # no error: the journal holds the edits
    monkeypatch.undo()
    with Catalog(lib) as again:
        assert {"one", "two"} <= set(again.get(ids[0])["tags"])


def test_a_partial_journal_write_is_rolled_back_before_the_next_append(tmp_path, monkeypatch):
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    journal = cat.db.storage._journal
    real_write = type(journal).write

    class HalfFile:
        """Writes half of what it is given, then reports the disk full (a short write)."""

        def __init__(self, fh):
            self.fh, self.calls = fh, 0

        def write(self, data):
            self.calls += 1
            if self.calls == 1:
                return real_write(self.fh, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.fh, name)

    cat.db.storage._journal = HalfFile(journal)
    with pytest.raises(StorageError):
        cat.tag(ids[:1], add=["lost"])
    assert not isinstance(cat.db.storage._journal, HalfFile)  # reopened after the failure
    cat.tag(ids[:1], add=["kept"])
    crash(cat)
    with Catalog(lib) as again:
        assert again.warnings == []  # no half line was left in front of the next one
        assert again.get(ids[0])["tags"][-1] == "kept" and "lost" not in again.tag_display


def test_damage_met_while_reloading_after_a_failed_save_is_reported_and_repaired_later(tmp_path, monkeypatch):
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    for i in range(6):
        cat.rate([ids[i]], 5 if cat.get(ids[i])["rating"] != 5 else 4)
    journal = lib / "catalog.json.journal"
    with open(journal, "r+b") as fh:  # a bad block in the middle, under the running writer
        fh.seek(len(journal.read_bytes().splitlines(keepends=True)[0]) + 15)
        fh.write(b"#")
    with disk_full(monkeypatch):
        with pytest.raises(StorageError):
            cat.set_caption(ids[:1], "lost")  # the reload after it meets the damaged line
    assert any("damaged" in w and "next time" in w for w in cat.db.storage.damage)
    assert cat.get(ids[0])["caption"] != "lost"
    cat.set_caption(ids[:1], "kept")
    crash(cat)
    with Catalog(lib) as again:  # repaired now; every whole edit, the last one included
        assert again.get(ids[0])["caption"] == "kept"
        assert any("1 damaged line" in w for w in again.warnings)
        assert sum(again.get(i)["rating"] in (4, 5) for i in ids[:6]) >= 5


@pytest.fixture
def tiny_disk(tmp_path):
    """A 96 kB tmpfs (root only); the real ENOSPC path, kernel included."""
    if not IS_ROOT:
        pytest.skip("mounting a small tmpfs needs root; the injected ENOSPC tests cover this")
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mnt)],
                      capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_really_full_disk_loses_no_acknowledged_edit(tiny_disk):
    lib = tiny_disk / "lib"
    cat = Catalog(lib)
    acked, failures = {}, 0
    docs = fake_assets(10, seed=2)
    cat.apply("Fill", {d["id"]: d for d in docs})
    for i in range(3000):
        aid = docs[i % 10]["id"]
        try:
            cat.set_caption([aid], "x" * 200 + str(i))
        except StorageError as exc:
            failures += 1
            assert "Free some disk space" in str(exc)
            assert cat.get(aid)["caption"] == acked.get(aid, docs[i % 10]["caption"])
            if failures > 5:
                break
        else:
            acked[aid] = "x" * 200 + str(i)
    assert failures, "the disk never filled up"
    cat.close()
    with Catalog(lib, readonly=True) as again:
        for aid, caption in acked.items():
            assert again.get(aid)["caption"] == caption


# -- 3. undo and redo check what they find ------------------------------------------------------

def test_undo_of_a_removal_after_a_rescan_refuses_instead_of_duplicating(tmp_path):
    from PIL import Image

    from liveassets.media.scan import scan

    photos = tmp_path / "photos"
    photos.mkdir()
    for i in range(3):
        Image.new("RGB", (32, 24), (i * 60, 90, 30)).save(photos / f"p{i}.jpg")
    with Catalog(tmp_path / "lib") as cat:
        scan(cat, [photos], thumbnails=False)
        removal = cat.remove_assets([d["id"] for d in cat.all()])
        scan(cat, [photos], thumbnails=False)
        with pytest.raises(CatalogError, match="in the library again"):
            cat.undo(removal)
        assert sorted(d["path"] for d in cat.all()) == sorted(str(p) for p in photos.iterdir())


def test_redo_refuses_when_the_assets_changed_meanwhile(tmp_path):
    cat, ids = filled(tmp_path / "lib")
    ids = [i for i in ids if cat.get(i)["rating"] not in (1, 5)][:2]
    change = cat.rate(ids, 5)
    cat.undo(change)
    cat.rate(ids[:1], 1)  # someone else's edit in between
    with pytest.raises(CatalogError, match="changed again"):
        cat.redo(change)
    assert cat.get(ids[0])["rating"] == 1 and cat.get(ids[1])["rating"] != 5
    cat.close()


def test_ctrl_z_after_remove_folder_and_rescan_keeps_one_asset_per_file(qtbot, library, tmp_path,
                                                                        open_window,
                                                                        monkeypatch):
    pytest.importorskip("PySide6")
    from PIL import Image
    from PySide6.QtCore import Qt

    photos = tmp_path / "photos"
    photos.mkdir()
    for i in range(3):
        Image.new("RGB", (32, 24), (i * 60, 90, 30)).save(photos / f"p{i}.jpg")
    win = open_window()
    messages = []
    monkeypatch.setattr(win, "notify", lambda text, error=False: messages.append(text))
    monkeypatch.setattr(win, "confirm", lambda *a: True)
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000):
        win.scanner.start([str(photos)])
    win.remove_folder(str(photos))
    assert len(library) == 0
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000):
        win.scanner.start([str(photos)])
    assert len(library) == 3
    qtbot.keyClick(win, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(lambda: any("Cannot undo" in m for m in messages), timeout=5_000)
    qtbot.waitUntil(lambda: win.model.rowCount() == 3)
    assert len(library) == 3
    assert "in the library again" in messages[-1]
    assert not win.undo_stack.canRedo()  # the refused step left the history


# -- 4, 14. empty, foreign and wrong-shaped catalog files are refused, never rewritten ----------

FOREIGN = {
    "emptied": b"",
    "whitespace": b"  \n\t\n",
    "a list": b"[1, 2, 3]",
    "tables of numbers": b'{"assets": {"1": 5}}',
    "another program's TinyDB": b'{"_default": {"1": {"title": "Song", "artist": "X"}}}',
    "no meta table": json.dumps({"assets": {"1": {"id": "a", "path": "/x.jpg"}}}).encode(),
}


@pytest.mark.parametrize("name", sorted(FOREIGN))
def test_a_catalog_file_that_is_not_ours_is_refused_by_name(tmp_path, name):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "catalog.json").write_bytes(FOREIGN[name])
    for verb in (["list"], ["tag", "", "--add", "x"], ["tags"]):
        code, out, err = cli(lib, *verb)
        assert code != 0 and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1 and str(lib / "catalog.json") in err
    with pytest.raises(UserError):
        Catalog(lib)
    assert (lib / "catalog.json").read_bytes() == FOREIGN[name]
    assert sorted(p.name for p in lib.iterdir()) == ["catalog.json"]  # nothing written beside


# -- 5. one writer, even when the lock file goes ------------------------------------------------

def test_a_second_writer_is_refused_even_after_the_lock_file_is_deleted(tmp_path):
    lib = tmp_path / "lib"
    first, ids = filled(lib)
    for stray in lib.glob(".lock*"):
        stray.unlink()  # a user or a sync tool tidying up
    with pytest.raises(LibraryLockedError):
        Catalog(lib)
    code, _, err = cli(lib, "tag", "", "--add", "second")
    assert code != 0 and "open in another" in err
    first.tag(ids[:1], add=["first"])
    first.close()
    with Catalog(lib) as cat:
        assert "first" in cat.get(ids[0])["tags"] and "second" not in cat.tag_display


def test_where_folders_cannot_be_locked_a_removed_lock_file_stops_the_first_writer(tmp_path,
                                                                                  monkeypatch):
    """Windows' fallback (a lock file): once it is gone, the first writer stops saving instead
    of racing a second one that may have opened meanwhile."""
    monkeypatch.delattr(os, "O_DIRECTORY", raising=False)
    lib = tmp_path / "lib"
    first, ids = filled(lib)
    first.tag(ids[:1], add=["acknowledged"])
    (lib / ".lock").unlink()
    second = Catalog(lib)
    assert "acknowledged" in second.get(ids[0])["tags"]
    with pytest.raises(StorageError, match="lock file"):
        first.tag(ids[:1], add=["refused"])
    assert "refused" not in first.get(ids[0])["tags"]
    first.close()  # writes nothing: the second writer owns the files now
    second.rate(ids[:1], 2)
    second.close()
    with Catalog(lib) as cat:
        assert "acknowledged" in cat.get(ids[0])["tags"] and cat.get(ids[0])["rating"] == 2
        assert "refused" not in cat.tag_display


# -- 6. temporaries of a dead compaction are removed by the next writer, never a live one's -----

def test_the_next_writer_removes_dead_compaction_temps(tmp_path):
    lib = tmp_path / "lib"
    cat, _ = filled(lib)
    cat.close()
    dead = [lib / ".catalog.json.999999.tmp", lib / ".catalog.json.journal.999998.tmp"]
    for p in dead:
        p.write_bytes(b"x" * 1000)
    mine = lib / "photo.tmp"
    mine.write_bytes(b"not ours")
    with Catalog(lib, readonly=True):
        assert all(p.exists() for p in dead)  # a reader never removes anything
    with Catalog(lib):
        assert not any(p.exists() for p in dead) and mine.exists()


# -- 13. read-only and unreadable libraries ----------------------------------------------------

@contextmanager
def read_only(folder: Path):
    """Make `folder` read-only as a user would meet it: permissions, or (as root, who ignores
    permissions) a read-only bind mount like a read-only share."""
    if not IS_ROOT:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True).returncode:
        pytest.skip("cannot bind-mount here")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)],
                          capture_output=True).returncode:
            pytest.skip("cannot remount read-only here")
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_read_only_library_opens_to_look_and_refuses_edits_in_one_line(tmp_path):
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    cat.tag(ids[:2], add=["seen"])
    crash(cat)  # a journal with edits, as a colleague's library would have
    before = {p.name: p.read_bytes() for p in lib.iterdir() if p.is_file()}
    with read_only(lib):
        code, out, err = cli(lib, "list", "tag:seen")
        assert code == 0 and len(out.splitlines()) == 2 and "Traceback" not in err
        code, out, err = cli(lib, "tag", "", "--add", "x")
        assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert "read-only" in err and str(lib) in err
        with Catalog(lib) as cat:  # the window's open: falls back to looking
            assert cat.readonly and any("read-only" in w for w in cat.warnings)
            assert len(cat.query("tag:seen")) == 2
            rating = cat.get(ids[0])["rating"]
            with pytest.raises(StorageError, match="read-only"):
                cat.rate(ids[:1], (rating + 1) % 6)
            assert cat.get(ids[0])["rating"] == rating
    assert {p.name: p.read_bytes() for p in lib.iterdir() if p.is_file()} == before


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their permissions")
def test_an_unreadable_catalog_is_one_line(tmp_path):
    lib = tmp_path / "lib"
    cat, _ = filled(lib)
    cat.close()
    (lib / "catalog.json").chmod(0)
    try:
        code, _, err = cli(lib, "list")
    finally:
        (lib / "catalog.json").chmod(0o644)
    assert code != 0 and "Traceback" not in err and "catalog.json" in err


@pytest.mark.parametrize("name", ["catalog.json", "catalog.json.journal"])
def test_a_file_the_disk_refuses_to_read_is_one_line_naming_it(tmp_path, monkeypatch, name):
    """The same as above for any user, root included: the read itself fails (EACCES, EIO)."""
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    cat.tag(ids[:1], add=["x"])
    crash(cat)
    real_open, target = open, str(lib / name)

    def refusing(path, *args, **kwargs):
        if str(path) == target:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(storage, "open", refusing, raising=False)
    monkeypatch.setattr(Path, "read_bytes", lambda self: refusing(self, "rb").read())
    for readonly in (True, False):
        with pytest.raises(StorageError) as err:
            Catalog(lib, readonly=readonly)
        assert target in str(err.value) and "\n" not in str(err.value)
        assert "permissions" in str(err.value) or "writable" in str(err.value)


# -- 16. readers beside the writer ------------------------------------------------------------

def test_list_works_while_a_writer_has_the_library_open(tmp_path):
    lib = tmp_path / "lib"
    cat, ids = filled(lib)
    cat.tag(ids[:4], add=["fresh"])  # only in the journal so far
    code, out, err = cli(lib, "list", "tag:fresh")
    assert code == 0 and len(out.splitlines()) == 4, err
    code, out, err = cli(lib, "tags")
    assert code == 0 and "fresh" in out
    cat.close()


def test_readers_during_compactions_see_every_edit_acknowledged_before_they_opened(tmp_path):
    lib = tmp_path / "lib"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(lib), os.path.dirname(__file__),
                             "0"], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "ready"
        acked, opened = [], 0
        deadline = time.monotonic() + 30  # a loaded machine is slower, not a failure
        while opened < 5 and time.monotonic() < deadline:
            line = proc.stdout.readline().split()
            if line[:1] != ["ack"]:
                continue
            acked.append((line[1], line[2]))
            if len(acked) % 25:
                continue
            with Catalog(lib, readonly=True) as reader:  # beside the writer, mid-compactions
                opened += 1
                assert reader.warnings == []
                missing = [t for aid, t in acked if t not in reader.get(aid)["tags"]]
                assert missing == [], f"a reader missed acknowledged edits {missing[:3]}"
        assert opened >= 3
    finally:
        proc.kill()
        proc.communicate()


# -- the random fault suite: kill -9 at any point, damaged bytes --------------------------------

WRITER = textwrap.dedent("""
    import sys
    from liveassets.catalog import storage
    storage.MIN_COMPACT_BYTES = 6_000   # compact often, so kills land inside compactions too
    if len(sys.argv) > 4:
        # Widen the crash windows of a compaction (temp written / renamed, journal not yet
        # emptied) so that random kills land inside them, not only between edits.
        import os, time
        real_replace, real_ftruncate = os.replace, os.ftruncate
        def slow_replace(*a):
            time.sleep(0.02)
            real_replace(*a)
            time.sleep(0.02)
        def slow_ftruncate(*a):
            time.sleep(0.01)
            real_ftruncate(*a)
        os.replace, os.ftruncate = slow_replace, slow_ftruncate
    from liveassets.catalog.catalog import Catalog
    sys.path.insert(0, sys.argv[2])
    from catalog_helpers import fake_assets
    cat = Catalog(sys.argv[1])
    if not len(cat):
        docs = fake_assets(60, seed=3)
        cat.apply("Fill", {d["id"]: d for d in docs})
    ids = sorted(d["id"] for d in cat.all())
    posts = cat.records("posts")
    print("ready", flush=True)
    i = int(sys.argv[3])
    while True:
        aid = ids[i % len(ids)]
        if i % 5 == 4:
            posts.put({"id": f"post{i}", "body": f"edit{i}"})
            print(f"post post{i}", flush=True)
        else:
            cat.tag([aid], add=[f"edit{i}"])
            print(f"ack {aid} edit{i}", flush=True)
        i += 1
""")

SCANNER = textwrap.dedent("""
    import sys
    from liveassets.catalog.catalog import Catalog
    from liveassets.media.scan import scan
    cat = Catalog(sys.argv[1])
    print("ready", flush=True)
    scan(cat, [sys.argv[2]], thumbnails=True)
    print("done", flush=True)
""")


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _kill_group(proc, rng) -> int:
    """kill -9 the process (not its group) and count the processes it left behind."""
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate()
    deadline = time.monotonic() + 5
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    orphans = int(_group_alive(proc.pid))
    if orphans:
        os.killpg(proc.pid, signal.SIGKILL)  # do not leave them to the next test
    return out, orphans


def _flip(path: Path, rng) -> None:
    data = bytearray(path.read_bytes())
    if data:
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))


def _note_traceback(counts: dict, err: str) -> None:
    if "Traceback" in err:
        counts["tracebacks"] += 1
        counts.setdefault("traceback_tails", []).append(err.strip().splitlines()[-1])


def run_fault_trials(tmp_path: Path, trials: int, seed: int = 11) -> dict:
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    lib = tmp_path / "lib"
    tests_dir = os.path.dirname(__file__)
    acked: list[tuple[str, str]] = []
    posts: list[str] = []
    counts = {"trials": 0, "kills": 0, "scan_kills": 0, "damage_trials": 0, "lost": 0,
              "tracebacks": 0, "orphans": 0, "refused_with_message": 0,
              "kills_mid_compaction": 0, "temps_left": 0}
    photos = tmp_path / "photos"
    photos.mkdir()
    from PIL import Image

    for i in range(12):
        Image.new("RGB", (64, 48), (i * 20, 80, 160)).save(photos / f"IMG_{i:03d}.jpg")
    n = 0
    for trial in range(trials):
        counts["trials"] += 1
        kind = ("scan" if trial % 4 == 3 else "edit")
        if kind == "edit":
            slow = ["slow-compactions"] if trial % 2 else []
            proc = subprocess.Popen([sys.executable, "-c", WRITER, str(lib), tests_dir, str(n),
                                     *slow], stdout=subprocess.PIPE, text=True, env=env,
                                    start_new_session=True)
        else:
            proc = subprocess.Popen([sys.executable, "-c", SCANNER, str(lib), str(photos)],
                                    stdout=subprocess.PIPE, text=True, env=env,
                                    start_new_session=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.01, 0.3))
        out, orphans = _kill_group(proc, rng)
        counts["orphans"] += orphans
        counts["scan_kills" if kind == "scan" else "kills"] += 1
        for line in out.splitlines():
            parts = line.split()
            if parts[:1] == ["ack"]:
                acked.append((parts[1], parts[2]))
                n = max(n, int(parts[2][4:]) + 1)
            elif parts[:1] == ["post"]:
                posts.append(parts[1])
                n = max(n, int(parts[1][4:]) + 1)
        # A temp left behind means the kill landed inside a compaction; the next writer removes it.
        counts["kills_mid_compaction"] += bool(list(lib.glob(".catalog.json*.tmp")))
        code, _, err = cli(lib, "list", "--json")
        _note_traceback(counts, err)
        with Catalog(lib) as cat:
            counts["temps_left"] += len(list(lib.glob(".catalog.json*.tmp")))
            store = cat.records("posts")
            counts["lost"] += sum(tag not in cat.get(aid)["tags"] for aid, tag in acked)
            counts["lost"] += sum(pid not in store for pid in posts)
            paths = [d["path"] for d in cat.all()]
            assert len(paths) == len(set(paths)), "a file was listed twice"
        # Every few trials, damage a copy's bytes: opening must name the problem, never crash.
        if trial % 3 == 2:
            counts["damage_trials"] += 1
            copy = tmp_path / f"damaged{trial}"
            copy.mkdir()
            for p in lib.glob("catalog.json*"):
                copy.joinpath(p.name).write_bytes(p.read_bytes())
            _flip(copy / rng.choice(["catalog.json", "catalog.json.journal"]), rng)
            for verb in (["list"], ["tag", "", "--add", "after-damage"]):
                code, _, err = cli(copy, *verb)
                _note_traceback(counts, err)
                counts["refused_with_message"] += code != 0 and len(err.strip().splitlines()) == 1
    counts["acknowledged_edits"] = len(acked) + len(posts)
    return counts


def test_random_kills_and_damage_lose_nothing_and_never_trace_back(tmp_path):
    trials = int(os.environ.get("LIVEASSETS_FAULT_TRIALS", "6"))
    counts = run_fault_trials(tmp_path, trials)
    print(json.dumps(counts))
    assert counts["lost"] == 0 and counts["tracebacks"] == 0 and counts["orphans"] == 0
    assert counts["temps_left"] == 0
    assert counts["acknowledged_edits"] > 10
