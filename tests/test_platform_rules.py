"""Platform rules are data with a date and a source (issue #13.2): the shipped file, the rule
in effect on a post's day, a library's own entries, and the CLI and exports that use them."""

import datetime as dt
import json

import pytest

from cli_helpers import cli, one_asset_library  # noqa: E402
from liveassets.catalog.catalog import Catalog
from liveassets.errors import UserError
from liveassets.publish.platforms import (FIELDS, RULE_SETS, RULES_FILE, RuleBook,
                                          add_local_rule, library_book, local_entries,
                                          remove_local_rule, rules_for)
from liveassets.resources import resource_path


def test_every_rule_in_the_file_has_a_value_a_date_and_a_source():
    doc = json.loads(resource_path(*RULES_FILE).read_text(encoding="utf-8"))
    assert set(doc["platforms"]) == set(RULE_SETS)
    for platform, fields in doc["platforms"].items():
        for name in FIELDS:
            assert fields[name], (platform, name)
            for entry in fields[name]:
                assert set(entry) >= {"value", "since", "source"}, (platform, name)
                assert len(entry["source"]) > 10, (platform, name)   # a real citation


def test_instagram_allows_5_hashtags_from_december_2025_and_30_before():
    assert rules_for("instagram", on=dt.date(2025, 12, 1)).hashtag_limit == 5
    assert rules_for("instagram", on=dt.date(2026, 11, 30)).hashtag_limit == 5
    assert rules_for("instagram", on=dt.date(2025, 11, 30)).hashtag_limit == 30
    rules = rules_for("instagram", on=dt.date(2026, 1, 5))
    assert "Hashtags: 5 (since 01 Dec 2025" in rules.describe()
    assert "Caption length: 2,200 (since 01 Jan 2017; Meta Graph API" in rules.describe()


def test_shipped_limits_are_those_of_specs():
    assert rules_for("tiktok").limit == 2200 and rules_for("tiktok").unit == "utf16"
    photo = rules_for("tiktok", photo=True)
    assert (photo.limit, photo.title_limit) == (4000, 90)
    yt = rules_for("youtube")
    assert (yt.unit, yt.limit, yt.title_limit, yt.forbidden) == ("bytes", 5000, 100, "<>")
    assert (rules_for("x").unit, rules_for("x").limit) == ("x_weighted", 280)
    assert rules_for("instagram").mention_limit == 20


@pytest.fixture
def lib(tmp_path):
    one_asset_library(tmp_path / "lib", status="cleared")
    return tmp_path / "lib"


def test_a_library_entry_wins_from_its_date_and_is_undoable(lib):
    with Catalog(lib) as cat:
        change = add_local_rule(cat, "instagram", "hashtag_limit", 3, "2027-03-01",
                                "Instagram newsroom, 1 March 2027")
        book = library_book(cat)
        assert book.rules("instagram", on=dt.date(2027, 2, 28)).hashtag_limit == 5
        now = book.rules("instagram", on=dt.date(2027, 3, 1))
        assert now.hashtag_limit == 3 and "this library" in now.describe()
        cat.undo(change)
        assert library_book(cat).rules("instagram", on=dt.date(2027, 3, 2)).hashtag_limit == 5


def test_a_library_entry_is_replaced_by_day_and_removed_undoably(lib):
    with Catalog(lib) as cat:
        add_local_rule(cat, "instagram", "hashtag_limit", 3, "2027-03")
        add_local_rule(cat, "instagram", "hashtag_limit", 4, "2027-03-01")  # the same day
        assert [e["value"] for e in local_entries(cat)] == [4]
        change = remove_local_rule(cat, "instagram", "hashtag_limit", dt.date(2027, 3, 1))
        assert local_entries(cat) == []
        assert library_book(cat).rules("instagram", on=dt.date(2027, 4, 1)).hashtag_limit == 5
        cat.undo(change)
        assert library_book(cat).rules("instagram", on=dt.date(2027, 4, 1)).hashtag_limit == 4
        with pytest.raises(UserError) as err:   # a shipped rule is not the library's to remove
            remove_local_rule(cat, "instagram", "limit", "2017-01-01")
    assert "only the library's own entries" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("platform,name,value,since,words", [
    ("myspace", "limit", 10, "2027-01-01", "Unknown platform"),
    ("instagram", "colour", 10, "2027-01-01", "Unknown rule"),
    ("instagram", "hashtag_limit", -1, "2027-01-01", "whole number"),
    ("instagram", "unit", "furlongs", "2027-01-01", "is not one of"),
    ("instagram", "limit", None, "2027-01-01", "whole number"),
    ("instagram", "limit", 100, "March", "is not a date"),
])
def test_bad_library_entries_are_refused_with_one_line(lib, platform, name, value, since, words):
    with Catalog(lib) as cat:
        with pytest.raises(UserError) as err:
            add_local_rule(cat, platform, name, value, since)
    assert words in str(err.value) and "\n" not in str(err.value)


def test_a_damaged_stored_entry_never_hides_the_shipped_rules():
    book = RuleBook.shipped().with_local([{"platform": "instagram", "field": "limit",
                                           "value": "lots", "since": "2020-01-01"}])
    assert book.rules("instagram").limit == 2200


def test_cli_lists_rules_with_sources_and_records_a_change(capsys, lib):
    code, out, err = cli(capsys, "--library", lib, "rules", "--json", "--on", "2026-06-01")
    assert code == 0, err
    rules = json.loads(out)
    assert rules["instagram"]["hashtag_limit"]["value"] == 5
    assert rules["instagram"]["hashtag_limit"]["since"] == "2025-12-01"
    assert "Meta" in rules["instagram"]["limit"]["source"]
    code, out, err = cli(capsys, "--library", lib, "rules", "set", "x", "limit", "500",
                         "--since", "2027-01-01", "--source", "X developer docs")
    assert code == 0, err
    code, out, _ = cli(capsys, "--library", lib, "rules", "--on", "2027-02-01")
    assert "Caption length: 500 (since 01 Jan 2027; this library)" in out
    code, _, err = cli(capsys, "--library", lib, "rules", "set", "x", "limit", "lots",
                       "--since", "2027-01-01")
    assert code == 1 and err.count("\n") == 1 and "whole number" in err


def test_sprout_file_refuses_an_instagram_post_over_todays_hashtag_cap(capsys, lib, tmp_path):
    code, out, err = cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption",
                         "Meetup night", "--hashtags", " ".join(f"#t{i}" for i in range(12)),
                         "--platform", "instagram", "--at", "2027-02-01 18:00",
                         "--tz", "Australia/Sydney")
    assert code == 0, err
    assert "12 hashtags: this platform allows 5." in out
    target = tmp_path / "sprout.csv"
    code, out, err = cli(capsys, "--library", lib, "sheet", "-o", target, "--preset", "sprout")
    assert code == 1 and not target.exists()
    assert "hashtag" in err
