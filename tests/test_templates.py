"""Metadata templates in the core: only ticked fields are written, relative expiry counts from
the day applied, tags added and removed, one write undone in one step, nothing written on a bad
field, and the templates live in the library (a second opening sees them)."""

import datetime as dt

import pytest

from catalog_helpers import fill
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.errors import CatalogError
from liveassets.catalog.templates import (MetadataTemplate, TemplateError, TemplateStore,
                                          apply_template, parse_expiry, propose, resolve_expiry)

TODAY = dt.date(2026, 1, 31)


def _assets(library, n=4):
    ids = fill(library, n)
    library.set_rights(ids, status="pending", owner="LIVE Events", credit="Photo: Old",
                       model_release="MR-UMR", terms="Social only")
    library.tag(ids, add=["draft", "campaign:Fest"])
    return ids


def test_only_ticked_fields_are_written_and_an_unticked_empty_owner_is_left_alone(library):
    ids = _assets(library)
    template = MetadataTemplate(
        "Cleared", values={"status": "cleared", "credit": "Photo: LIVE", "owner": "",
                           "model_release": None, "terms": ""},
        apply=frozenset({"status", "credit", "terms"}))
    change = apply_template(library, template, ids, TODAY)
    assert len(change) == len(ids)
    for aid in ids:
        rights = library.get(aid)["rights"]
        assert rights["status"] == "cleared" and rights["credit"] == "Photo: LIVE"
        assert rights["terms"] == ""  # ticked and empty: cleared on purpose
        assert rights["owner"] == "LIVE Events"  # empty but unticked: untouched
        assert rights["model_release"] == "MR-UMR"


def test_relative_expiry_counts_from_the_day_it_is_applied(library):
    ids = _assets(library, 2)
    in_90 = MetadataTemplate("90 days", {"expires": "+90 days"}, frozenset({"expires"}))
    apply_template(library, in_90, ids[:1], TODAY)
    assert library.get(ids[0])["rights"]["expires"] == "2026-05-01"
    apply_template(library, in_90, ids[:1], dt.date(2026, 3, 1))
    assert library.get(ids[0])["rights"]["expires"] == "2026-05-30"
    # Calendar months clamp to the month's end: 31 January + 1 month is 28 February.
    month = MetadataTemplate("1 month", {"expires": "+1m"}, frozenset({"expires"}))
    apply_template(library, month, ids[1:], TODAY)
    assert library.get(ids[1])["rights"]["expires"] == "2026-02-28"
    never = MetadataTemplate("No expiry", {"expires": ""}, frozenset({"expires"}))
    apply_template(library, never, ids, TODAY)
    assert {library.get(a)["rights"]["expires"] for a in ids} == {None}


@pytest.mark.parametrize("text, stored, resolved", [
    ("+90d", "+90d", "2026-05-01"), ("+ 12 weeks", "+12w", "2026-04-25"),
    ("+6 months", "+6m", "2026-07-31"), ("+1y", "+1y", "2027-01-31"),
    ("2026-12-31", "2026-12-31", "2026-12-31"), ("none", "", None)])
def test_expiry_forms(text, stored, resolved):
    assert parse_expiry(text) == stored
    assert resolve_expiry(stored, TODAY) == resolved


def test_tags_added_and_removed_in_the_same_write(library):
    ids = _assets(library, 3)
    template = MetadataTemplate("Approved", add_tags=["approved", "Campaign:Fest"],
                                remove_tags=["DRAFT"])
    apply_template(library, template, ids, TODAY)
    for aid in ids:
        tags = library.get(aid)["tags"]
        assert "draft" not in tags and "approved" in tags
        assert [t for t in tags if t.casefold() == "campaign:fest"] == ["campaign:Fest"]


def test_one_change_is_undone_in_one_step(library):
    ids = _assets(library, 3)
    before = {a: (dict(library.get(a)["rights"]), list(library.get(a)["tags"])) for a in ids}
    template = MetadataTemplate("All", {"status": "cleared", "expires": "+30d"},
                                frozenset({"status", "expires"}), ["approved"], ["draft"])
    change = apply_template(library, template, ids, TODAY)
    assert {library.get(a)["rights"]["status"] for a in ids} == {"cleared"}
    library.undo(change)
    assert {a: (library.get(a)["rights"], library.get(a)["tags"]) for a in ids} == before


@pytest.mark.parametrize("values, apply, words", [
    ({"status": "approved"}, {"status"}, "status"),
    ({"expires": "next tuesday"}, {"expires"}, "Expiry"),
    ({"model_release": "signed"}, {"model_release"}, "Model release"),
    ({"status": ""}, {"status"}, "status"),
])
def test_a_bad_field_means_nothing_is_written(library, values, apply, words):
    ids = _assets(library, 2)
    before = {a: (dict(library.get(a)["rights"]), list(library.get(a)["tags"])) for a in ids}
    template = MetadataTemplate("Broken", {"credit": "New", **values},
                                frozenset({"credit", *apply}), ["approved"])
    with pytest.raises(TemplateError) as err:
        apply_template(library, template, ids, TODAY)
    message = str(err.value)
    assert "\n" not in message and "Broken" in message and words in message
    assert {a: (library.get(a)["rights"], library.get(a)["tags"]) for a in ids} == before
    with pytest.raises(TemplateError):
        TemplateStore(library).save(template)
    assert TemplateStore(library).all() == []


def test_an_unknown_asset_means_nothing_is_written(library):
    ids = _assets(library, 2)
    template = MetadataTemplate("T", {"credit": "New"}, frozenset({"credit"}), ["approved"])
    with pytest.raises(CatalogError):
        apply_template(library, template, [ids[0], "nope"], TODAY)
    assert library.get(ids[0])["rights"]["credit"] == "Photo: Old"
    assert "approved" not in library.get(ids[0])["tags"]


def test_a_template_that_adds_and_removes_one_tag_is_refused():
    with pytest.raises(TemplateError, match="both adds and removes"):
        MetadataTemplate("T", add_tags=["Draft"], remove_tags=["draft"]).cleaned()


def test_stored_in_the_library_a_second_opening_sees_it(tmp_path):
    with Catalog(tmp_path / "lib") as cat:
        store = TemplateStore(cat)
        saved, _ = store.save(MetadataTemplate(
            " Meetup  cleared ", {"status": "cleared", "expires": "+90 days", "owner": "x"},
            frozenset({"status", "expires"}), ["campaign:Meetup"]))
        assert saved.name == "Meetup cleared" and saved.id
    with Catalog(tmp_path / "lib", readonly=True) as teammate:
        (template,) = TemplateStore(teammate).all()
    assert template.name == "Meetup cleared"
    assert template.apply == {"status", "expires"}
    assert template.values["expires"] == "+90d"
    assert template.values["owner"] == "x"  # kept for the form, not applied
    assert template.add_tags == ["campaign:Meetup"]
    assert template.describe() == ("Status: cleared; Expires: 90 days after applying; "
                                   "add tags: campaign:Meetup")


def test_saving_by_name_replaces_and_renaming_onto_another_is_refused(library):
    store = TemplateStore(library)
    a, _ = store.save(MetadataTemplate("A", {"credit": "1"}, frozenset({"credit"})))
    a2, _ = store.save(MetadataTemplate("a", {"credit": "2"}, frozenset({"credit"})))
    assert a2.id == a.id and [t.values["credit"] for t in store.all()] == ["2"]
    b, _ = store.save(MetadataTemplate("B", {"credit": "3"}, frozenset({"credit"})))
    with pytest.raises(TemplateError, match="already named"):
        store.save(MetadataTemplate("A", b.values, b.apply, id=b.id))
    change = store.delete("b")
    assert [t.name for t in store.all()] == ["a"]
    library.undo(change)
    assert [t.name for t in store.all()] == ["a", "B"]
    with pytest.raises(TemplateError, match="No metadata template named “C”"):
        store.get("C")


def test_proposed_from_a_selection_only_what_all_share_and_is_not_empty(library):
    ids = fill(library, 3)
    library.set_rights(ids, status="cleared", credit="Photo: LIVE", expires="2027-06-30",
                       owner="", model_release=None)
    library.set_rights(ids[:1], terms="Social only")  # not shared by the others
    library.apply("No tags", {a: {"tags": []} for a in ids})
    library.tag(ids, add=["campaign:Fest"])
    library.tag(ids[:2], add=["stage"])
    template = propose("From 3", [library.get(a) for a in ids])
    assert template.apply == {"status", "credit", "expires"}
    assert template.values == {"status": "cleared", "credit": "Photo: LIVE",
                               "expires": "2027-06-30"}
    assert template.add_tags == ["campaign:Fest"] and template.remove_tags == []
    # Nobody recorded rights yet: "unknown" is the empty status, not a value to spread.
    fresh = fill(library, 2, seed=7)
    assert propose("x", [library.get(a) for a in fresh]).apply == frozenset()


def test_old_settings_templates_come_over_once_without_their_empty_fields(library):
    old = [{"name": "Meetup", "rights": {"status": "cleared", "expires": "2027-06-30",
                                         "owner": "", "credit": "Photo: LIVE", "terms": "",
                                         "model_release": None},
            "tags": ["campaign:Meetup"]},
           {"name": "", "rights": {}}, "junk"]
    store = TemplateStore(library)
    assert store.import_old(old) == ["Meetup"]
    (t,) = store.all()
    assert t.apply == {"status", "expires", "credit"} and t.add_tags == ["campaign:Meetup"]
    store.delete("Meetup")
    assert store.import_old(old) == []  # deleted here stays deleted
    assert store.all() == []


def test_edit_metadata_is_one_write_or_none(library):
    ids = _assets(library, 2)
    before = {a: (dict(library.get(a)["rights"]), list(library.get(a)["tags"])) for a in ids}
    for bad in ({"rights": {"status": "nope"}}, {"add": [" / "]}, {"rights": {"expires": "x"}}):
        with pytest.raises(ValueError):
            library.edit_metadata("Bad", ids, **{"rights": {"credit": "New"}, **bad})
        assert {a: (library.get(a)["rights"], library.get(a)["tags"]) for a in ids} == before
    change = library.edit_metadata("Both", ids, rights={"credit": "New"}, add=["x"],
                                   remove=["draft"])
    assert change.label == "Both" and set(change.ids) == set(ids)
    assert all(set(change.after[a]) == {"rights", "tags"} for a in ids)
    library.undo(change)
    assert {a: (library.get(a)["rights"], library.get(a)["tags"]) for a in ids} == before
    assert len(library.edit_metadata("Same again", ids, rights={"credit": "Photo: Old"})) == 0
