"""The catalog: edits persist, undo, tags keep their first spelling, one writer per library."""

import datetime as dt

import pytest

from catalog_helpers import fake_assets, fill
from liveassets.catalog import schema
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.errors import CatalogError, LibraryLockedError
from liveassets.catalog.rights import RightsError


def reopen(cat: Catalog) -> Catalog:
    folder = cat.folder
    cat.close()
    return Catalog(folder)


def test_edits_survive_reopen(library):
    ids = fill(library, 20)
    library.tag(ids[:5], add=["Sponsor:LIVE Fest 2026", "  stage  lights "])
    library.rate(ids[:2], 5)
    library.set_pick([ids[3]], "rejected")
    library.set_rights(ids[:1], status="cleared", expires="2027-01-31", credit="Photo: Mika")
    library.set_caption([ids[4]], "@mika.live on stage 🎤")
    cat = reopen(library)
    try:
        a0 = cat.get(ids[0])
        assert "stage lights" in a0["tags"] and "Sponsor:LIVE Fest 2026" in a0["tags"]
        assert a0["rating"] == 5 and cat.get(ids[2])["rating"] == 2
        assert cat.get(ids[3])["pick"] == "rejected"
        assert a0["rights"]["status"] == "cleared" and a0["rights"]["expires"] == "2027-01-31"
        assert a0["rights"]["credit"] == "Photo: Mika"
        assert cat.get(ids[4])["caption"] == "@mika.live on stage 🎤"
        assert len(cat) == 20
    finally:
        cat.close()


def test_edits_are_on_disk_without_close(tmp_path):
    """Durable when the call returns: a second process-like open reads them with no close()."""
    cat = Catalog(tmp_path / "lib")
    ids = fill(cat, 5)
    cat.tag(ids, add=["durable"])
    # Simulate a crash: drop the lock and the handle without compacting.
    cat.db.storage.abandon()
    cat._lock.release()
    again = Catalog(tmp_path / "lib")
    assert all("durable" in again.get(i)["tags"] for i in ids)
    again.close()


def test_tags_match_case_insensitively_and_keep_first_spelling(library):
    ids = fill(library, 3)
    library.tag([ids[0]], add=["LIVE Fest"])
    library.tag([ids[1]], add=["live   fest"])
    library.tag([ids[0]], add=["Live Fest"])  # already there in another case: no duplicate
    assert [t for t in library.get(ids[1])["tags"] if t.lower() == "live fest"] == ["LIVE Fest"]
    assert [t for t in library.get(ids[0])["tags"] if t.lower() == "live fest"] == ["LIVE Fest"]
    library.tag(ids[:2], remove=["LIVE FEST"])
    assert not library.query("tag:'live fest'".replace("'", '"'))


def test_rename_and_merge_tags_update_every_asset(library):
    ids = fill(library, 4)
    library.tag(ids[:2], add=["places/Sydney/Opera House"])
    library.tag(ids[1:3], add=["Sydney"])
    library.rename_tag("places/sydney", "places/NSW/Sydney")
    assert "places/NSW/Sydney/Opera House" in library.get(ids[0])["tags"]
    library.rename_tag("sydney", "places/NSW/Sydney")  # merge into an existing tag
    tags = library.get(ids[1])["tags"]
    assert "Sydney" not in tags and "places/NSW/Sydney" in tags
    assert {d["id"] for d in library.query("tag:places/nsw")} == set(ids[:3])
    counts = library.tag_counts()
    assert counts["places/NSW/Sydney"] == 2 and counts["places/NSW/Sydney/Opera House"] == 2


def test_undo_and_redo_every_kind_of_edit(library):
    ids = fill(library, 5)
    before = {i: dict(library.get(i)) for i in ids}
    changes = [
        library.tag(ids, add=["keeper"]),
        library.rate(ids[:3], 4),
        library.set_pick(ids[:1], "picked"),
        library.set_rights(ids[:2], status="restricted", terms="No ads"),
        library.remove_assets(ids[4:]),
    ]
    assert len(library) == 4
    for change in reversed(changes):
        library.undo(change)
    assert len(library) == 5
    for i in ids:
        now = library.get(i)
        for key in ("tags", "rating", "pick", "rights"):
            assert now[key] == before[i][key]
    for change in changes:
        library.redo(change)
    assert library.get(ids[0])["rights"]["status"] == "restricted" and len(library) == 4


def test_bad_values_are_refused_with_a_message(library):
    ids = fill(library, 1)
    with pytest.raises(CatalogError, match="0 to 5"):
        library.rate(ids, 7)
    with pytest.raises(RightsError, match="31/12/2026, 31 Dec 2026 or 2026-12-31"):
        library.set_rights(ids, status="cleared", expires="next week")
    with pytest.raises(RightsError, match="not one of"):
        library.set_rights(ids, status="approved")
    with pytest.raises(CatalogError, match="No asset"):
        library.tag(["nope"], add=["x"])
    assert library.get(ids[0])["rights"]["status"] != "approved"


def test_one_writer_per_library(library):
    with pytest.raises(LibraryLockedError, match="open in another"):
        Catalog(library.folder)


def test_schema_version_is_stored_and_migrations_run(tmp_path, monkeypatch):
    cat = Catalog(tmp_path / "lib")
    fill(cat, 3)
    assert cat.schema_version == schema.SCHEMA_VERSION
    cat.close()

    def add_flag(tables):
        for doc in tables["assets"].values():
            doc["migrated"] = True

    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, schema.SCHEMA_VERSION - 1, add_flag)
    cat = Catalog(tmp_path / "lib")
    assert all(d.get("migrated") for d in cat.all())
    assert cat.schema_version == schema.SCHEMA_VERSION
    cat.close()


def test_newer_catalog_is_refused_not_damaged(tmp_path, monkeypatch):
    cat = Catalog(tmp_path / "lib")
    fill(cat, 2)
    cat.close()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 0)
    with pytest.raises(schema.SchemaError, match="newer LiveAssets"):
        Catalog(tmp_path / "lib")


def test_big_batch_is_one_journal_record(library):
    docs = fake_assets(1000)
    library.apply("Fill", {d["id"]: d for d in docs})
    journal = library.db.storage.journal_path
    lines = journal.read_bytes().count(b"\n")
    change = library.tag([d["id"] for d in docs], add=["bulk"])
    assert len(change) == 1000
    assert journal.read_bytes().count(b"\n") - lines == 2  # the tag's registry entry, the edit


def test_query_uses_rights_on_a_date(library):
    ids = fill(library, 30)
    library.set_rights(ids[:3], status="cleared", expires="2026-01-31")
    library.set_rights(ids[3:5], status="cleared", expires=None)
    today = dt.date(2026, 2, 1)
    cleared = {d["id"] for d in library.query("rights:cleared", today=today)}
    assert set(ids[:3]).isdisjoint(cleared) and set(ids[3:5]) <= cleared
    expired = {d["id"] for d in library.query("rights:expired", today=today)}
    assert set(ids[:3]) <= expired


def test_records_are_durable_and_undoable(library):
    cuts = library.records("cuts")
    first = cuts.put({"name": "Sydney recap", "segments": [{"source": "a.mov", "start": 1.0}]})
    rid = first.ids[0]
    edit = cuts.put({**cuts.get(rid), "name": "Sydney recap v2"}, label="Rename cut")
    library.undo(edit)
    assert cuts.get(rid)["name"] == "Sydney recap"
    library.redo(edit)
    gone = cuts.delete(rid)
    assert rid not in cuts and cuts.all() == []
    library.undo(gone)
    cat = reopen(library)
    try:
        assert cat.records("cuts").get(rid)["name"] == "Sydney recap v2"
        assert cat.records("cuts").get(rid)["segments"][0]["start"] == 1.0
    finally:
        cat.close()


def test_tags_arriving_in_documents_keep_their_spelling(library):
    fill(library, 3)
    assert "campaign:LIVE Fest 2024" in library.tag_counts()  # not lower-cased


def test_last_library_is_remembered_without_qt(tmp_path, monkeypatch):
    from liveassets.library import last_library, remember_library

    monkeypatch.setenv("LIVEASSETS_CONFIG", str(tmp_path / "config"))
    assert last_library() is None
    remember_library(tmp_path)
    assert last_library() == tmp_path.resolve()
