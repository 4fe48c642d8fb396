"""The publishing verbs through liveassets.cli.main: post new/list, sheet, calendar."""

import csv
import json

import pytest

from cli_helpers import cli  # noqa: E402
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.schema import new_asset


@pytest.fixture
def lib(tmp_path):
    folder = tmp_path / "lib"
    docs = []
    for name, status, creator in (("a.jpg", "cleared", "@nova"), ("b.jpg", "pending", "@kai")):
        d = new_asset(f"/ev/{name}", "image", 1, 1.0, name)
        d["tags"] = [f"creator:{creator}", "campaign:LIVE Fest 2026"]
        d["rights"].update(status=status, credit=f"Photo: {creator}")
        docs.append(d)
    with Catalog(folder) as cat:
        cat.apply("Fill", {d["id"]: d for d in docs})
    return folder


def test_post_sheet_calendar_round_trip(capsys, lib, tmp_path):
    code, out, err = cli(capsys, "--library", lib, "post", "new", "--assets", "tag:creator:@nova",
                         "--caption", "@nova =1+1 🎉", "--hashtags", "#LiveFest #sydney",
                         "--at", "2027-02-01 18:00", "--tz", "Australia/Sydney",
                         "--account", "@livefest_au")
    assert code == 0, err
    assert "Created post" in out and "UTF-16" in out
    code, out, _ = cli(capsys, "--library", lib, "post", "new", "--assets", "tag:creator:@kai",
                       "--caption", "With @kai", "--at", "2027-02-01 18:05", "--tz",
                       "Australia/Sydney", "--account", "@livefest_au", "--platform", "instagram")
    assert code == 0 and "rights:" in out and "BLOCKED" in out
    code, out, _ = cli(capsys, "--library", lib, "post", "list", "--json")
    posts = json.loads(out)
    assert [p["full_caption"] for p in posts] == ["@nova =1+1 🎉\n\n#LiveFest #sydney", "With @kai"]
    assert posts[0]["scheduled_utc"] == "2027-02-01T07:00:00+00:00"
    assert posts[1]["rights"].startswith("BLOCKED")

    xlsx = tmp_path / "week.xlsx"
    code, out, _ = cli(capsys, "--library", lib, "sheet", "-o", xlsx)
    assert code == 0 and "For people" in out and "BLOCKED" in out
    code, _, err = cli(capsys, "--library", lib, "sheet", "-o", xlsx)
    assert code == 1 and "exists already" in err and "--force" in err
    assert cli(capsys, "--library", lib, "sheet", "-o", xlsx, "--force")[0] == 0

    code, out, _ = cli(capsys, "--library", lib, "sheet", "tag:creator:@nova", "-o", tmp_path / "nova.csv")
    with open(tmp_path / "nova.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 2 and rows[1][6] == "'@nova =1+1 🎉"

    sprout = tmp_path / "sprout.csv"
    code, _, err = cli(capsys, "--library", lib, "sheet", "-o", sprout, "--preset", "sprout")
    assert code == 1 and "Not written" in err and "rights gate" in err and "10 minutes" in err
    assert not sprout.exists()
    code, _, err = cli(capsys, "--library", lib, "sheet", "-o", sprout, "--preset", "sprout",
                       "--override-rights", "Email from Kai")
    assert code == 1 and "10 minutes" in err
    code, out, _ = cli(capsys, "--library", lib, "post", "list", "--json")
    assert all(p["rights_override"] is None for p in json.loads(out))   # failed export: undone
    code, out, err = cli(capsys, "--library", lib, "sheet", "-o", sprout, "--preset", "sprout",
                         "--to", "2027-02-01", "tag:creator:@nova")
    assert code == 0, err
    assert sprout.read_bytes().startswith(b"date,time_24hr,message_text\r\n01/02/2027,18:00,")

    ics = tmp_path / "cal.ics"
    code, out, err = cli(capsys, "--library", lib, "calendar", "-o", ics, "--from", "2027-02-01")
    assert code == 0 and "2 posts" in out and ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    code, _, err = cli(capsys, "--library", lib, "calendar", "-o", tmp_path / "x.ics", "--from", "2030-01-01")
    assert code == 1 and "No scheduled posts" in err


def test_post_new_errors_are_one_line(capsys, lib):
    for argv, message in (
        (["--at", "2027-13-01 10:00"], "not a date and time"),
        (["--at", "2026-10-04 02:30", "--tz", "Australia/Sydney"], "does not exist"),
        (["--tz", "Nowhere/Land"], "not a time zone"),
        (["--platform", "myspace"], "Unknown platform"),
    ):
        code, _, err = cli(capsys, "--library", lib, "post", "new", "--assets", "tag:creator:@nova",
                           "--caption", "x", *argv)
        assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    code, _, err = cli(capsys, "--library", lib, "post", "new", "--assets", "tag:nobody",
                       "--caption", "x")
    assert code == 1 and "No assets match" in err
    code, _, err = cli(capsys, "--library", lib, "sheet", "-o", "x.xlsx")
    assert code == 1 and "No posts match" in err
