"""Hostile arguments to the CLI found by helper "breaker" (issues #12, #13): "-" as an output
means standard output (or a one-line refusal), never a file or folder named "-"; zone names
that are folders or too long for a file name are one line, never a traceback."""

import os
import subprocess
import sys

import pytest
from icalendar import Calendar

import mediagen
from cli_helpers import cli, one_line  # noqa: E402


@pytest.fixture
def lib(tmp_path, capsys):
    media = tmp_path / "media"
    mediagen.make_jpeg(media / "IMG_0.jpg", size=(64, 48))
    lib = tmp_path / "lib"
    assert cli(capsys, "--library", lib, "scan", media)[0] == 0
    assert cli(capsys, "--library", lib, "rights", "", "--status", "cleared")[0] == 0
    assert cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption", "Recap",
               "--at", "2027-04-04 10:00", "--tz", "Australia/Sydney")[0] == 0
    return lib


def test_calendar_to_standard_output_is_a_calendar_not_a_file_named_dash(lib, tmp_path):
    run = subprocess.run([sys.executable, "-m", "liveassets", "--library", str(lib), "calendar",
                          "-o", "-"], capture_output=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert run.returncode == 0, run.stderr
    assert not (tmp_path / "-").exists()
    events = Calendar.from_ical(run.stdout).walk("VEVENT")
    assert len(events) == 1 and "Recap" in str(events[0]["SUMMARY"])


def test_a_pack_to_standard_output_is_refused_in_one_line(capsys, lib, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "--library", lib, "pack", "", "-o", "-")
    assert code == 1 and ".zip" in one_line(err)
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("name", ["Australia", "America", "A" * 5000])
def test_a_zone_that_is_a_region_folder_or_too_long_is_one_line(capsys, lib, name):
    code, _, err = cli(capsys, "--library", lib, "zone", name)
    line = one_line(err)
    assert code == 1 and "not a time zone" in line and len(line) < 200
    code, _, err = cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption",
                       "x", "--at", "2027-01-01 10:00", "--tz", name)
    assert code == 1 and "not a time zone" in one_line(err)
    code, out, _ = cli(capsys, "--library", lib, "zone")
    assert code == 0 and "Australia/Sydney" in out  # the team's zone did not change


@pytest.mark.parametrize("at,tz", [("9999-12-31 23:59", "Pacific/Kiritimati"),
                                   ("9999-12-31 23:59 -12:00", "UTC"),
                                   ("0001-01-01 00:00", "America/New_York"),
                                   ("1999-12-31 23:00", "Australia/Sydney")])
def test_a_post_time_in_an_impossible_year_is_one_line(capsys, lib, at, tz):
    code, _, err = cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption", "x",
                       "--at", at, "--tz", tz)
    assert code == 1 and "year" in one_line(err)
    code, out, _ = cli(capsys, "--library", lib, "post", "list")
    assert code == 0 and len(out.strip().splitlines()) == 1  # only the fixture's post


def test_a_stored_post_in_year_9999_stops_the_calendar_in_one_line(capsys, lib, tmp_path):
    from liveassets.catalog.catalog import Catalog
    from liveassets.publish.posts import PostStore

    with Catalog(lib) as cat:  # as a version without the year check stored it
        doc = PostStore(cat).all()[0].to_doc()
        doc["scheduled"] = "9999-12-31T23:59:00+14:00"
        doc["timezone"] = "Pacific/Kiritimati"
        cat.records("posts").put(doc, label="old")
    out = tmp_path / "c.ics"
    code, _, err = cli(capsys, "--library", lib, "calendar", "-o", out)
    assert code == 1 and "9999-12-31" in one_line(err) and not out.exists()


def test_exports_and_post_list_work_beside_an_open_window(capsys, lib, tmp_path):
    """The window holds the library's lock; commands that only read still run beside it."""
    from liveassets.catalog.catalog import Catalog

    with Catalog(lib):  # as the open window holds it
        for argv in (["post", "list"], ["calendar", "-o", tmp_path / "c.ics"],
                     ["sheet", "-o", tmp_path / "s.xlsx"], ["pack", "", "-o", tmp_path / "p.zip"]):
            code, out, err = cli(capsys, "--library", lib, *argv)
            assert code == 0, (argv, err)
        assert Calendar.from_ical((tmp_path / "c.ics").read_bytes()).walk("VEVENT")
        assert (tmp_path / "s.xlsx").stat().st_size and (tmp_path / "p.zip").stat().st_size
        # Recording a rights override is a write: it still waits for the library.
        code, _, err = cli(capsys, "--library", lib, "sheet", "-o", tmp_path / "o.xlsx",
                           "--override-rights", "approved by Sam")
        assert code == 1 and "open in another" in one_line(err)
