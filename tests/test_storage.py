"""Crash safety: every acknowledged edit survives a kill at any instant; torn tails are dropped."""

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

from liveassets.catalog.catalog import Catalog
from liveassets.catalog.storage import JournalStorage

WRITER = textwrap.dedent("""
    import sys
    from liveassets.catalog import storage
    storage.MIN_COMPACT_BYTES = 20_000   # compact often, so kills land inside compactions too
    from liveassets.catalog.catalog import Catalog
    sys.path.insert(0, sys.argv[2])
    from catalog_helpers import fake_assets
    cat = Catalog(sys.argv[1])
    if not len(cat):
        docs = fake_assets(300, seed=3)
        cat.apply("Fill", {d["id"]: d for d in docs})
    ids = sorted(d["id"] for d in cat.all())
    print("ready", flush=True)
    i = 0
    while True:
        aid = ids[i % len(ids)]
        cat.tag([aid], add=[f"edit{i}"])
        print(f"ack {aid} edit{i}", flush=True)
        i += 1
""")


def test_kill_at_random_moments_loses_no_acknowledged_edit(tmp_path):
    lib = tmp_path / "lib"
    tests_dir = os.path.dirname(__file__)
    rng = random.Random(7)
    acked: list[tuple[str, str]] = []
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(lib), tests_dir],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.4))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        for line in out.splitlines():
            if line.startswith("ack "):
                _, aid, tag = line.split()
                acked.append((aid, tag))
        # Release of the lock by the kernel lets the next writer in; the journal may be torn.
        with Catalog(lib) as cat:
            assert len(cat) == 300
            for aid, tag in acked:
                assert tag in cat.get(aid)["tags"], f"acknowledged {tag} on {aid} was lost"
    assert len(acked) > 50


def test_torn_journal_tail_is_dropped_and_later_appends_survive(tmp_path):
    path = tmp_path / "c.json"
    s = JournalStorage(path)
    s.write_changes("assets", {"1": {"id": "a"}}, [])
    s.write_changes("assets", {"2": {"id": "b"}}, [])
    s._journal.close()
    with open(s.journal_path, "ab") as fh:
        fh.write(b'1234abcd {"t": "assets", "s": {"3"')  # a crash mid-append
    s = JournalStorage(path)
    assert set(s.read()["assets"]) == {"1", "2"}
    s.write_changes("assets", {"4": {"id": "d"}}, [])
    s._journal.close()
    assert set(JournalStorage(path).read()["assets"]) == {"1", "2", "4"}


def test_checksum_catches_a_damaged_line(tmp_path):
    path = tmp_path / "c.json"
    s = JournalStorage(path)
    s.write_changes("assets", {"1": {"id": "a"}}, [])
    s._journal.close()
    data = bytearray(s.journal_path.read_bytes())
    data[-5] ^= 0x01
    s.journal_path.write_bytes(bytes(data))
    assert JournalStorage(path).read().get("assets", {}) == {}


def test_compaction_keeps_everything_and_empties_the_journal(tmp_path):
    path = tmp_path / "c.json"
    s = JournalStorage(path, min_compact_bytes=1)
    for i in range(20):
        s.write_changes("assets", {str(i): {"id": str(i), "v": i}}, [])
    s.write_changes("assets", {}, ["3"])
    s.close()
    assert s.journal_path.stat().st_size == 0
    data = JournalStorage(path).read()["assets"]
    assert len(data) == 19 and data["7"]["v"] == 7 and "3" not in data


def test_a_damaged_catalog_file_is_named_and_left_alone(tmp_path):
    import pytest

    from liveassets.catalog.storage import StorageError

    lib = tmp_path / "lib"
    Catalog(lib).close()
    (lib / "catalog.json").write_bytes(b'{"assets": {"1": {"id"')
    with pytest.raises(StorageError, match="damaged") as err:
        Catalog(lib)
    assert "catalog.json" in str(err.value) and "rescan" in str(err.value)
    assert (lib / "catalog.json").read_bytes() == b'{"assets": {"1": {"id"'  # not overwritten
    with pytest.raises(StorageError):  # the lock was released: not "open in another window"
        Catalog(lib)
