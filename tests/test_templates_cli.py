"""`liveassets template list|show|apply|save|delete` through liveassets.cli.main: what a user
reads on the terminal and finds in the library afterwards; errors are one line, exit 1."""

import datetime as dt
import json

import pytest

from cli_helpers import cli  # noqa: E402
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.schema import new_asset


@pytest.fixture
def lib(tmp_path):
    folder = tmp_path / "lib"
    docs = []
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        d = new_asset(f"/ev/{name}", "image", 1, 1.0, name)
        d["tags"] = ["draft"] if name != "c.jpg" else []
        d["rights"].update(owner="LIVE Events", model_release="MR-UMR", credit="Photo: old")
        docs.append(d)
    with Catalog(folder) as cat:
        cat.apply("Fill", {d["id"]: d for d in docs})
    return folder


def _assets(folder):
    with Catalog(folder, readonly=True) as cat:
        return {d["name"]: d for d in cat.all()}


def test_save_list_show_apply_delete(capsys, lib):
    code, out, err = cli(capsys, "--library", lib, "template", "save", "Meetup cleared",
                         "--status", "cleared", "--expires", "+90d", "--credit", "Photo: LIVE",
                         "--terms", "", "--add-tag", "campaign:Meetup", "--remove-tag", "draft")
    assert code == 0, err
    assert out.startswith("Saved template “Meetup cleared”")
    code, out, _ = cli(capsys, "--library", lib, "template", "list")
    assert out.splitlines() == ["Meetup cleared: Status: cleared; Expires: 90 days after "
                                "applying; Credit: Photo: LIVE; Terms: (cleared); add tags: "
                                "campaign:Meetup; remove tags: draft"]
    code, out, _ = cli(capsys, "--library", lib, "template", "show", "MEETUP CLEARED", "--json")
    shown = json.loads(out)
    assert shown["fields"] == {"status": "cleared", "expires": "+90d", "credit": "Photo: LIVE",
                               "terms": ""}
    assert shown["add_tags"] == ["campaign:Meetup"] and shown["remove_tags"] == ["draft"]
    code, out, _ = cli(capsys, "--library", lib, "template", "show", "Meetup cleared")
    assert "  Expires        90 days after applying" in out.splitlines()

    code, out, err = cli(capsys, "--library", lib, "template", "apply", "Meetup cleared",
                         "tag:draft")
    assert code == 0, err
    assert out.strip() == "Applied “Meetup cleared”: 2 of 2 matching assets changed."
    assets = _assets(lib)
    expiry = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    for name in ("a.jpg", "b.jpg"):
        rights, tags = assets[name]["rights"], assets[name]["tags"]
        assert (rights["status"], rights["expires"], rights["credit"], rights["terms"]) == (
            "cleared", expiry, "Photo: LIVE", "")
        # Not given to `save`, so not ticked: left as they were.
        assert rights["owner"] == "LIVE Events" and rights["model_release"] == "MR-UMR"
        assert tags == ["campaign:Meetup"]
    assert assets["c.jpg"]["rights"]["status"] == "unknown"

    code, out, _ = cli(capsys, "--library", lib, "template", "save", "Meetup cleared",
                       "--update", "--owner", "LIVE Pty")
    assert code == 0 and out.startswith("Updated template")
    code, out, _ = cli(capsys, "--library", lib, "template", "list", "--json")
    (t,) = json.loads(out)
    assert t["fields"]["owner"] == "LIVE Pty" and t["fields"]["status"] == "cleared"
    code, out, _ = cli(capsys, "--library", lib, "template", "delete", "meetup cleared")
    assert code == 0 and out.strip() == "Deleted template “Meetup cleared”."
    code, out, _ = cli(capsys, "--library", lib, "template", "list", "--json")
    assert json.loads(out) == []


def test_list_beside_an_open_window(capsys, lib):
    with Catalog(lib) as writer:  # the window holds the writer lock
        from liveassets.catalog.templates import MetadataTemplate, TemplateStore

        TemplateStore(writer).save(MetadataTemplate("T", {"credit": "x"}, frozenset({"credit"})))
        code, out, err = cli(capsys, "--library", lib, "template", "list")
    assert code == 0, err
    assert out.strip() == "T: Credit: x"


@pytest.mark.parametrize("argv, words", [
    (["save", "Bad", "--status", "approved"], "Rights status \"approved\" is not one of"),
    (["save", "Bad", "--expires", "tomorrow"], "Expiry \"tomorrow\" is neither a date"),
    (["save", "Bad", "--model-release", "yes"], "Model release \"YES\" is not one of"),
    (["save", "Bad", "--add-tag", "x", "--remove-tag", "X"], "both adds and removes"),
    (["save", "  "], "needs a name"),
    (["save", "Nope", "--update", "--credit", "x"], "No metadata template named “Nope”"),
    (["show", "Nope"], "No metadata template named “Nope”: the library has “Keep”"),
    (["apply", "Nope", ""], "No metadata template named “Nope”"),
    (["apply", "Keep", "tag:nothing-has-this"], "No assets match"),
    (["delete", "Nope"], "No metadata template named “Nope”"),
])
def test_errors_are_one_line_and_change_nothing(capsys, lib, argv, words):
    assert cli(capsys, "--library", lib, "template", "save", "Keep", "--credit", "k")[0] == 0
    before = _assets(lib)
    code, out, err = cli(capsys, "--library", lib, "template", *argv)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err, err
    assert _assets(lib) == before
    code, out, _ = cli(capsys, "--library", lib, "template", "list", "--json")
    assert [t["name"] for t in json.loads(out)] == ["Keep"]
