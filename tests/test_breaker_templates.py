"""Hostile template names and expiries through the CLI (helper "breaker", issue #12): each bad
input gives one line naming the template and what to do, exit 1, and nothing is written."""

import datetime as dt
import unicodedata

import pytest

from cli_helpers import cli, one_asset_library  # noqa: E402
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.rights import RightsError
from liveassets.catalog.templates import TemplateStore, resolve_expiry


@pytest.fixture
def lib(tmp_path):
    one_asset_library(tmp_path / "lib")
    return tmp_path / "lib"


def _rights(folder):
    with Catalog(folder, readonly=True) as cat:
        return cat.all()[0]["rights"]


def test_far_relative_expiry_is_refused_at_save_and_never_a_traceback_at_apply(capsys, lib):
    code, _, err = cli(capsys, "--library", lib, "template", "save", "Forever",
                       "--expires", "+9999y")
    assert code == 1
    assert err.count("\n") == 1 and "Forever" in err and "+9999y" in err
    assert "Traceback" not in err
    # A template stored before the limit (another version, a hand edit) still applies cleanly.
    with Catalog(lib) as cat:
        cat.records("metadata_templates").put(
            {"name": "Old", "values": {"expires": "+9998y"}, "apply": ["expires"],
             "add_tags": [], "remove_tags": []}, label="old")
    before = _rights(lib)
    code, _, err = cli(capsys, "--library", lib, "template", "apply", "Old", "a.jpg")
    assert code == 1
    assert err.count("\n") == 1 and "Old" in err and "+9998y" in err
    assert _rights(lib) == before


def test_an_expiry_past_the_last_calendar_day_is_one_line():
    with pytest.raises(RightsError, match="9999-12-31"):
        resolve_expiry("+1y", dt.date(9999, 6, 1))


def test_longest_allowed_relative_expiry_applies(capsys, lib):
    code, out, err = cli(capsys, "--library", lib, "template", "save", "Long",
                         "--expires", "+3650y")
    assert code == 0, err
    code, out, err = cli(capsys, "--library", lib, "template", "apply", "Long", "a.jpg")
    assert code == 0, err
    assert int(_rights(lib)["expires"][:4]) >= 5600


def test_a_ten_thousand_character_name_is_refused_in_one_short_line(capsys, lib):
    code, _, err = cli(capsys, "--library", lib, "template", "save", "a" * 10_000,
                       "--owner", "x")
    assert code == 1 and err.count("\n") == 1 and len(err) < 300
    assert "10000" in err
    with Catalog(lib, readonly=True) as cat:
        assert TemplateStore(cat).all() == []


def test_a_long_stored_name_does_not_flood_the_not_found_line(capsys, lib):
    with Catalog(lib) as cat:
        cat.records("metadata_templates").put(
            {"name": "b" * 10_000, "values": {"owner": "x"}, "apply": ["owner"],
             "add_tags": [], "remove_tags": []}, label="old")
    code, _, err = cli(capsys, "--library", lib, "template", "apply", "c" * 5_000, "a.jpg")
    assert code == 1 and err.count("\n") == 1 and len(err) < 400


def test_a_name_typed_with_a_combining_accent_finds_the_precomposed_one(capsys, lib):
    composed = unicodedata.normalize("NFC", "Café cleared")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert cli(capsys, "--library", lib, "template", "save", composed, "--owner", "Café")[0] == 0
    code, out, err = cli(capsys, "--library", lib, "template", "save", decomposed,
                         "--owner", "Bar")
    assert code == 0 and "Replaced" in out
    code, out, err = cli(capsys, "--library", lib, "template", "apply", decomposed, "a.jpg")
    assert code == 0, err
    assert _rights(lib)["owner"] == "Bar"
    with Catalog(lib, readonly=True) as cat:
        assert len(TemplateStore(cat).all()) == 1
