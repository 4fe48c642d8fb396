"""The catalog's change feed (no Qt): every durable write of every kind is published once, with
exactly what changed and where it came from; failed writes publish nothing; a subscriber runs
outside the catalog's lock and its errors never break the write."""

import errno
import os
import threading

import pytest
from PIL import Image

from catalog_helpers import fill
from liveassets.catalog import storage
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.changes import SOURCES
from liveassets.catalog.storage import StorageError


@pytest.fixture
def feed(library):
    heard = []
    library.subscribe(lambda change, source: heard.append((change, source)))
    return library, heard


def test_every_asset_edit_publishes_exactly_what_it_changed(feed):
    cat, heard = feed
    ids = fill(cat, 4)
    assert [(c.label, s, set(c.after)) for c, s in heard] == [("Fill", "edit", set(ids))]
    assert all(c.before[i] is None for c, _ in heard for i in ids)  # inserts
    heard.clear()
    cat.rate(ids[:2], 5)
    cat.rate(ids[:2], 5)  # nothing changes: nothing published
    cat.set_pick(ids[1:2], "picked")
    cat.tag(ids[:3], add=["night"])
    cat.set_rights(ids[3:], status="cleared")
    cat.set_caption(ids[:1], "Main stage")
    cat.set_notes(ids[:1], "ask the crew")
    cat.rename_tag("night", "late night")
    cat.remove_assets(ids[3:])
    got = [(c.label, s, c.table, set(c.after)) for c, s in heard]
    assert got[0] == ("Rate", "edit", "assets", set(ids[:2]))  # fill gave them 0 and 1 stars
    assert [g[0] for g in got] == ["Rate", "Pick", "Tag", "Set rights", "Edit caption",
                                   "Edit notes", "Rename tag night to late night",
                                   "Remove from library"]
    assert got[2][3] == set(ids[:3]) and got[3][3] == {ids[3]}
    assert got[6][3] == set(ids[:3])
    tag = heard[2][0]
    assert all("night" in tag.after[i]["tags"] for i in ids[:3])
    removal = heard[-1][0]
    assert removal.after == {ids[3]: None} and removal.before[ids[3]]["id"] == ids[3]
    rename = heard[6][0]
    assert all("late night" in rename.after[i]["tags"] for i in ids[:3])
    assert all(s in SOURCES for _, s in heard)


def test_undo_and_redo_publish_with_their_source(feed):
    cat, heard = feed
    ids = fill(cat, 2)
    change = cat.rate(ids, 3)
    heard.clear()
    cat.undo(change)
    cat.redo(change)
    assert [(c.label, s) for c, s in heard] == [("Undo Rate", "undo"), ("Rate", "redo")]
    assert heard[0][0].after == change.before and heard[1][0].after == change.after


def test_records_saves_deletes_and_their_undo_are_published(feed):
    cat, heard = feed
    posts = cat.records("posts")
    made = posts.put({"body": "first"}, label="New post")
    rid = made.ids[0]
    posts.put({"id": rid, "body": "second"}, label="Edit post")
    gone = posts.delete(rid, label="Delete post")
    cat.undo(gone)
    cat.records("hashtag_sets").put({"name": "fest", "tags": ["#live"]})
    got = [(c.label, s, c.table) for c, s in heard]
    assert got == [("New post", "edit", "posts"), ("Edit post", "edit", "posts"),
                   ("Delete post", "edit", "posts"), ("Undo Delete post", "undo", "posts"),
                   ("Save", "edit", "hashtag_sets")]
    assert heard[1][0].after[rid]["body"] == "second" and heard[2][0].after == {rid: None}
    assert heard[3][0].after[rid]["body"] == "second"


def test_a_scan_publishes_each_batch_it_commits_as_a_scan(feed, tmp_path):
    from liveassets.media.scan import scan

    cat, heard = feed
    folder = tmp_path / "shoot"
    folder.mkdir()
    for i in range(3):
        Image.new("RGB", (32, 24), (i * 70, 80, 20)).save(folder / f"p{i}.jpg")
    report = scan(cat, [folder], workers=1)
    assert report.added == 3
    assert heard and all(s == "scan" for _, s in heard)
    added = {aid for c, _ in heard for aid, before in c.before.items() if before is None}
    assert added == {d["id"] for d in cat.all()}
    thumbs = {aid for c, _ in heard for aid, after in c.after.items()
              if after and after.get("thumbnail")}
    assert thumbs == added  # the thumbnails' batch is announced too
    heard.clear()
    (folder / "p0.jpg").unlink()
    scan(cat, [folder], workers=1)
    missing = [c for c, s in heard if c.label == "Mark missing"]
    assert len(missing) == 1 and [a["status"] for a in missing[0].after.values()] == ["missing"]


def test_a_write_that_could_not_be_saved_publishes_only_a_reread(feed, monkeypatch):
    cat, heard = feed
    ids = fill(cat, 3)
    heard.clear()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(storage.os, "fsync", full)
        with pytest.raises(StorageError):
            cat.tag(ids, add=["lost"])
    assert [(c.label, s, len(c)) for c, s in heard] == [("Read back from disk", "reload", 0)]


def test_a_grouped_write_is_published_when_the_group_is_saved(feed):
    cat, heard = feed
    ids = fill(cat, 2)
    heard.clear()
    with cat.lock:
        with cat.saving():
            cat.rate(ids[:1], 1)
            cat.rate(ids[1:], 2)
            assert heard == []  # not yet on disk
        assert heard == []  # on disk, but the lock is still held
    assert [c.label for c, _ in heard] == ["Rate", "Rate"]


def test_subscribers_run_outside_the_lock_and_their_errors_do_not_break_the_write(library,
                                                                                  caplog):
    cat = library
    ids = fill(cat, 2)
    free, later = [], []

    def other_thread_can_take_the_lock(change, source):
        got = []
        t = threading.Thread(target=lambda: got.append(cat.lock.acquire(timeout=2)
                                                        and (cat.lock.release() or True)))
        t.start()
        t.join()
        free.append(got == [True])

    def broken(change, source):
        raise RuntimeError("a view fell over")

    cat.subscribe(other_thread_can_take_the_lock)
    cat.subscribe(broken)
    unsubscribe = cat.subscribe(lambda c, s: later.append(c.label))
    change = cat.rate(ids, 4)
    assert len(change) == 2 and all(cat.get(i)["rating"] == 4 for i in ids)
    assert free == [True] and later == ["Rate"]
    assert "a view fell over" in caplog.text
    unsubscribe()
    cat.rate(ids, 1)
    assert later == ["Rate"] and free == [True, True]


def test_a_subscriber_may_write_and_is_told_of_its_own_write(library):
    cat = library
    ids = fill(cat, 1)
    heard = []

    def follow(change, source):
        heard.append(change.label)
        if change.label == "Rate":
            cat.set_notes(ids, "rated")

    cat.subscribe(follow)
    cat.rate(ids, 2)
    assert heard == ["Rate", "Edit notes"] and cat.get(ids[0])["notes"] == "rated"


def test_a_reopened_library_holds_what_was_published(tmp_path):
    lib = tmp_path / "lib"
    heard = []
    with Catalog(lib) as cat:
        cat.subscribe(lambda c, s: heard.append(c))
        ids = fill(cat, 2)
        cat.rate(ids, 5)
    replayed: dict = {}  # what a view that only listened would believe
    for change in heard:
        for aid, fields in change.after.items():
            replayed.setdefault(aid, {}).update(fields)
    with Catalog(lib, readonly=True) as again:
        assert {a: again.get(a) for a in ids} == replayed
        assert {replayed[a]["rating"] for a in ids} == {5}
