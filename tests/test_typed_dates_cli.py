"""Every command-line option and query term that takes a date reads it the way the team writes
it (31/12/2026 day first, 31 Dec 2026, 2026-12-31), stores ISO, and refuses a month-first date
in one line that gives the day-first spelling, changing nothing."""

import json

import pytest

from cli_helpers import cli, one_asset_library, one_line
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.saved_searches import SavedSearches
from liveassets.publish.platforms import local_entries
from liveassets.publish.posts import PostStore
from test_analytics_readers import SHARED

MONTH_FIRST = "has no month 31: write day first, 31/12/2026."


@pytest.fixture
def lib(tmp_path):
    folder = tmp_path / "lib"
    one_asset_library(folder, status="cleared")
    return folder


def _rights(lib) -> dict:
    with Catalog(lib, readonly=True) as cat:
        return cat.query("")[0]["rights"]


@pytest.mark.parametrize("typed", ["31/12/2026", "31.12.2026", "31/12/26", "31 Dec 2026",
                                   "December 31, 2026", "2026-12-31"])
def test_rights_expires_takes_the_teams_forms_and_stores_iso(capsys, lib, typed):
    code, _, err = cli(capsys, "--library", lib, "rights", "", "--status", "cleared",
                       "--expires", typed)
    assert code == 0, err
    assert _rights(lib)["expires"] == "2026-12-31"


def test_rights_expires_refuses_month_first_and_changes_nothing(capsys, lib):
    assert cli(capsys, "--library", lib, "rights", "", "--status", "cleared",
               "--expires", "1/6/2027")[0] == 0
    assert _rights(lib)["expires"] == "2027-06-01"  # 1 June, not January 6
    code, _, err = cli(capsys, "--library", lib, "rights", "", "--status", "cleared",
                       "--expires", "12/31/2026")
    assert code == 1
    assert one_line(err) == f'liveassets: "12/31/2026" {MONTH_FIRST}'
    assert _rights(lib)["expires"] == "2027-06-01"
    code, _, err = cli(capsys, "--library", lib, "rights", "", "--status", "cleared",
                       "--expires", "next week")
    assert code == 1 and "write it as 31/12/2026, 31 Dec 2026 or 2026-12-31" in one_line(err)


def test_list_query_terms_read_day_first(capsys, lib):
    assert cli(capsys, "--library", lib, "rights", "", "--status", "cleared",
               "--expires", "2026-12-31")[0] == 0
    for query, hits in (("expires<1/1/2027", 1), ("expires<31/12/2026", 0),
                        ("expires:31.12.2026", 1), ('expires:"Dec 2026"', 1),
                        ("expires:1/12/2026..31/12/2026", 1), ("expires>1/1/2027", 0)):
        code, out, err = cli(capsys, "--library", lib, "list", query, "--json")
        assert code == 0, (query, err)
        assert len(json.loads(out)) == hits, query
    code, _, err = cli(capsys, "--library", lib, "list", "expires<12/31/2026")
    assert code == 1 and MONTH_FIRST in one_line(err)


def test_saved_searches_read_day_first_and_refuse_a_month_first_date_when_saved(lib):
    with Catalog(lib) as cat:
        cat.set_rights([a["id"] for a in cat.query("")], expires="2026-12-30")
        searches = SavedSearches(cat)
        searches.save("Before NYE", "expires<31/12/2026")
        with pytest.raises(ValueError, match=MONTH_FIRST):
            searches.save("US order", "expires<12/31/2026")
        assert [s["name"] for s in searches.all()] == ["Before NYE"]
        assert len(cat.query(searches.find("Before NYE")["query"])) == 1


def _posts(capsys, lib) -> list[dict]:
    code, out, _ = cli(capsys, "--library", lib, "post", "list", "--json")
    return json.loads(out)


@pytest.mark.parametrize("typed", ["31/12/2026 18:30", "31 Dec 2026 6:30pm", "31/12/26 18:30",
                                   "2026-12-31 18:30", "31/12/2026 18:30 +11:00"])
def test_post_at_takes_the_teams_forms(capsys, lib, typed):
    code, _, err = cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption",
                       "NYE", "--at", typed, "--tz", "Australia/Sydney")
    assert code == 0, err
    assert _posts(capsys, lib)[0]["scheduled_utc"] == "2026-12-31T07:30:00+00:00"


def test_post_at_refusals_are_one_line_and_create_nothing(capsys, lib):
    for typed, words in (("12/31/2026 18:30", '"12/31/2026 18:30" has no month 31: write day '
                                              'first, 31/12/2026 18:30.'),
                         ("31/02/2027 18:30", "February 2027 has 28 days"),
                         ("tonight", "is not a date and time: write it as 31/12/2026 18:30")):
        code, _, err = cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption",
                           "NYE", "--at", typed, "--tz", "Australia/Sydney")
        assert code == 1 and words in one_line(err), err
    assert _posts(capsys, lib) == []


def test_post_published_at_day_first(capsys, lib):
    cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption", "NYE",
        "--at", "31/12/2026 18:30", "--tz", "Australia/Sydney")
    post_id = _posts(capsys, lib)[0]["id"]
    code, _, err = cli(capsys, "--library", lib, "post", "published", post_id, "--url",
                       "https://www.tiktok.com/@liveanz/video/7300000000000000001",
                       "--at", "1/1/2027 9:05")
    assert code == 0, err
    with Catalog(lib, readonly=True) as cat:
        post = PostStore(cat).get(post_id)
    assert post.published_at == "2026-12-31T22:05:00+00:00"  # 1 Jan 09:05 in Sydney (+11)


def test_calendar_and_sheet_ranges_day_first(capsys, lib, tmp_path):
    for at in ("1/12/2026 10:00", "31/12/2026 10:00", "1/1/2027 10:00"):
        cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption", "x",
            "--at", at, "--tz", "Australia/Sydney")
    code, out, err = cli(capsys, "--library", lib, "calendar", "-o", tmp_path / "dec.ics",
                         "--from", "1/12/2026", "--to", "31 Dec 2026")
    assert code == 0 and "2 posts" in out, err
    code, out, err = cli(capsys, "--library", lib, "sheet", "-o", tmp_path / "jan.csv",
                         "--from", "1.1.2027")
    assert code == 0, err
    assert (tmp_path / "jan.csv").read_text(encoding="utf-8-sig").count("\n") == 2  # head + 1
    code, _, err = cli(capsys, "--library", lib, "calendar", "-o", tmp_path / "x.ics",
                       "--from", "12/31/2026")
    assert code == 1 and MONTH_FIRST in one_line(err) and not (tmp_path / "x.ics").exists()


def test_rules_on_and_since_day_first_and_stored_iso(capsys, lib):
    code, out, err = cli(capsys, "--library", lib, "rules", "set", "x", "limit", "300",
                         "--since", "1/2/2027")
    assert code == 0, err
    assert "from 2027-02-01" in out  # 1 February
    with Catalog(lib, readonly=True) as cat:
        assert [e["since"] for e in local_entries(cat)] == ["2027-02-01"]
    code, out, _ = cli(capsys, "--library", lib, "rules", "--on", "15/02/2027", "--json")
    limit = json.loads(out)["x"]["limit"]
    assert (limit["value"], limit["since"]) == (300, "2027-02-01")
    code, out, _ = cli(capsys, "--library", lib, "rules", "--on", "31/01/2027", "--json")
    assert json.loads(out)["x"]["limit"]["value"] != 300
    code, _, err = cli(capsys, "--library", lib, "rules", "set", "x", "limit", "300",
                       "--since", "12/31/2026")
    assert code == 1 and MONTH_FIRST in one_line(err)


def test_template_expiry_day_first_stored_iso(capsys, lib):
    code, _, err = cli(capsys, "--library", lib, "template", "save", "NYE", "--expires",
                       "31/12/2026")
    assert code == 0, err
    code, out, _ = cli(capsys, "--library", lib, "template", "show", "NYE")
    assert "2026-12-31" in out and "31/12/2026" not in out
    code, _, err = cli(capsys, "--library", lib, "template", "save", "US", "--expires",
                       "12/31/2026")
    assert code == 1 and MONTH_FIRST in one_line(err)
    code, _, err = cli(capsys, "--library", lib, "template", "save", "US", "--expires", "soon")
    assert code == 1 and "neither a date (31/12/2026, 31 Dec 2026 or 2026-12-31)" in one_line(err)


def test_report_week_takes_a_day_in_it(capsys, lib):
    code, out, err = cli(capsys, "--library", lib, "report", "--week", "25/11/2026", "--json")
    assert code == 0, err
    figures = json.loads(out)
    assert (figures["week"], figures["from"], figures["to"]) == ("2026-W48", "2026-11-23",
                                                                 "2026-11-29")
    code, _, err = cli(capsys, "--library", lib, "report", "--week", "11/25/2026")
    assert code == 1 and "has no month 25: write day first, 25/11/2026." in one_line(err)
    code, _, err = cli(capsys, "--library", lib, "report", "--week", "late Nov")
    assert code == 1 and "ISO week, e.g. 2026-W48, or a day in it" in one_line(err)


def test_stats_as_of_day_first(capsys, lib):
    studio = SHARED / "tiktok-studio"
    code, out, err = cli(capsys, "--library", lib, "stats", "import", studio / "Content.csv",
                         "--as-of", "30/11/2026")
    assert code == 0, err
    assert "totals as of 2026-11-30" in out
    code, _, err = cli(capsys, "--library", lib, "stats", "import", studio / "Content.csv",
                       "--as-of", "11/30/2026")
    assert code == 1 and "has no month 30: write day first, 30/11/2026." in one_line(err)
