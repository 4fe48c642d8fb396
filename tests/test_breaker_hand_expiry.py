"""An expiry edited by hand in the library's JSON (helper "breaker"): "31/12/2026" is read as
the team types dates, so the file stops on 1 January 2027 everywhere; a value nobody can read
holds the file back with a reason naming it. Before, every export, `list rights:expired`, a
pack and the grid's badges stopped with a ValueError traceback."""

import datetime as dt

import pytest

from cli_helpers import cli
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.rights import is_expired, may_publish
from liveassets.catalog.schema import new_asset
from liveassets.cuts.lineage import inherit
from liveassets.cuts.plan import CutPlan, Segment


def _library(folder, expires):
    doc = new_asset("/ev/a.jpg", "image", 1, 1.0, "a.jpg")
    doc["rights"].update(status="cleared", credit="Photo: Nova")
    doc["rights"]["expires"] = expires          # as a hand edit leaves it: not through clean
    with Catalog(folder) as cat:
        cat.apply("Fill", {doc["id"]: doc})
    return doc


@pytest.mark.parametrize("typed", ["31/12/2026", "31 Dec 2026", "2026-12-31T18:00:00"])
def test_a_hand_typed_expiry_is_read_as_the_team_writes_dates(typed):
    rights = {"status": "cleared", "expires": typed}
    assert not is_expired(rights, dt.date(2026, 12, 31))
    assert is_expired(rights, dt.date(2027, 1, 1))
    why = may_publish({"rights": rights}, on=dt.date(2027, 1, 1))
    assert why.reason == "rights expired (valid until 2026-12-31)"


@pytest.mark.parametrize("odd", ["soon", "12/31/2026", 20261231, ["2026-12-31"]])
def test_an_expiry_nobody_can_read_holds_the_file_back_and_says_why(odd):
    why = may_publish({"rights": {"status": "cleared", "expires": odd}}, on=dt.date(2026, 1, 1))
    assert not why
    assert why.reason.startswith(f'rights expiry "{odd}" cannot be read')
    assert is_expired({"expires": odd}, dt.date(2026, 1, 1))


def test_cli_lists_packs_and_exports_read_a_hand_typed_expiry(tmp_path, capsys, monkeypatch):
    from liveassets import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2027, 1, 2))
    _library(tmp_path / "lib", "31/12/2026")
    lib = ("--library", tmp_path / "lib")
    code, out, err = cli(capsys, *lib, "list", "rights:expired")
    assert code == 0 and "a.jpg" in out and not err
    code, out, err = cli(capsys, *lib, "list", "rights:cleared")
    assert code == 0 and out == ""
    code, out, err = cli(capsys, *lib, "pack", "", "-o", tmp_path / "pack")
    assert "Traceback" not in err and "ValueError" not in err
    assert not (tmp_path / "pack" / "a.jpg").exists()


def test_a_render_inherits_a_hand_typed_expiry_as_a_date(tmp_path):
    _library(tmp_path / "lib", "31/12/2026")
    other = new_asset("/ev/b.mp4", "video", 1, 1.0, "b.mp4")
    other["rights"].update(status="cleared", expires="2027-06-30")
    with Catalog(tmp_path / "lib") as cat:
        cat.apply("Fill", {other["id"]: other})
        plan = CutPlan(segments=[Segment("/ev/b.mp4", 0, 1), Segment("/ev/a.jpg", duration=1)])
        assert inherit(plan, cat).rights["expires"] == "2026-12-31"


def test_the_expires_term_reads_a_hand_typed_expiry(tmp_path):
    _library(tmp_path / "lib", "31/12/2026")
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        assert len(cat.query("expires<2027")) == 1 and not cat.query("expires<31/12/2026")
        assert len(cat.query("expires:2026-12")) == 1


@pytest.mark.parametrize("odd", ["Cleared", "cleared ", "ok", ["cleared"], 1])
def test_a_hand_typed_status_the_app_does_not_know_holds_the_file_back(odd):
    why = may_publish({"rights": {"status": odd}}, on=dt.date(2026, 1, 1))
    assert not why and why.reason.startswith(f'rights status "{odd}" is not one of')


def test_creators_read_a_hand_typed_expiry(tmp_path, capsys, monkeypatch):
    from liveassets import clock

    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 24))
    doc = new_asset("/ev/a.jpg", "image", 1, 1.0, "a.jpg")
    doc["tags"] = ["creator:@nova"]
    doc["rights"].update(status="cleared")
    doc["rights"]["expires"] = "31/12/2026"
    with Catalog(tmp_path / "lib") as cat:
        cat.apply("Fill", {doc["id"]: doc})
    code, out, err = cli(capsys, "--library", tmp_path / "lib", "creators")
    assert code == 0 and not err
    assert "next expiry 2026-12-31" in out
