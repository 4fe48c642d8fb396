"""`liveassets stats import|unmatched|link` and `liveassets report` as a terminal shows them:
what was read, the dates, the join; one line for every mistake a user can make."""

from __future__ import annotations

import datetime as dt
import json
import sys

import analytics_files as gen
from cli_helpers import cli, one_line
from liveassets.catalog.catalog import Catalog
from test_analytics_join import library_posts
from test_analytics_readers import SHARED

STUDIO = SHARED / "tiktok-studio"


def test_import_says_what_was_read_and_what_joined(tmp_path, capsys):
    lib = tmp_path / "lib"
    with Catalog(lib) as cat:
        ids = library_posts(cat)
    code, out, _ = cli(capsys, "--library", lib, "stats", "import", STUDIO / "Overview.csv",
                       STUDIO / "Content.csv", "--as-of", "2026-11-30")
    assert code == 0
    assert "Read Overview.csv (TikTok daily figures, TikTok @liveanz): 14 days, 2026-11-16 to " \
           "2026-11-29." in out
    assert "6 posts published, 2026-11-10 to 2026-11-27, totals as of 2026-11-30" in out
    assert "Posts: 1 matched to library posts, 2 suggested" in out
    code, out, _ = cli(capsys, "--library", lib, "stats", "import",
                       SHARED / "tiktok-studio-fr" / "Overview.csv", "--as-of", "2026-11-30")
    assert code == 0 and "Nothing changed" in out
    code, out, _ = cli(capsys, "--library", lib, "stats", "unmatched", "--json")
    rows = {r["platform_post_id"]: r for r in json.loads(out)}
    assert rows["7300000000000000006"]["suggested_post_id"] == ids["time"]
    code, out, _ = cli(capsys, "--library", lib, "stats", "unmatched")
    assert f"liveassets stats link {ids['time']} 7300000000000000006" in out
    code, out, _ = cli(capsys, "--library", lib, "stats", "link", ids["time"],
                       "7300000000000000006")
    assert code == 0 and out.startswith("Linked")
    code, out, _ = cli(capsys, "--library", lib, "stats", "unmatched", "--json")
    assert "7300000000000000006" not in {r["platform_post_id"] for r in json.loads(out)}


def test_report_json_prints_the_figures(tmp_path, capsys):
    lib = tmp_path / "lib"
    cli(capsys, "--library", lib, "stats", "import", STUDIO / "Overview.csv",
        STUDIO / "FollowerHistory.csv", "--account", "liveanz", "--as-of", "2026-11-30")
    code, out, err = cli(capsys, "--library", lib, "report", "--week", "2026-W48", "--tz",
                         "Australia/Sydney", "--json")
    assert code == 0, err
    figures = json.loads(out)
    assert figures["week"] == "2026-W48" and figures["from"] == "2026-11-23"
    assert figures["platforms"]["tiktok"]["views"] == 65497
    assert figures["platforms"]["tiktok"]["previous"]["followers_net"] == 122
    code, out, _ = cli(capsys, "--library", lib, "report", "--week", "2026-W48")
    assert "TikTok views up 77 % on the week (65,497 against 36,910)." in out


def test_unknown_columns_then_a_remembered_mapping(tmp_path, capsys):
    lib = tmp_path / "lib"
    path = gen.studio_csv(tmp_path / "Overview.csv", ("Date", "Vues", "Partages"),
                          [("23 novembre", "1 200", "7"), ("24 novembre", "1,5K", "9")])
    code, _, err = cli(capsys, "--library", lib, "stats", "import", path, "--platform", "tiktok",
                       "--as-of", "2026-11-30")
    line = one_line(err)
    assert code == 1 and '"Vues", "Partages"' in line and '--map "Vues=' in line
    code, _, err = cli(capsys, "--library", lib, "stats", "import", path, "--map",
                       "Vues=Video Views", "--map", "Partages=Shares")
    assert code == 1 and "--map needs --platform" in one_line(err)
    code, _, err = cli(capsys, "--library", lib, "stats", "import", path, "--platform", "tiktok",
                       "--map", "Vues=Vidéos", "--map", "Partages=Shares")
    assert code == 1 and '"Vidéos" is not a tiktok column' in one_line(err)
    code, out, err = cli(capsys, "--library", lib, "stats", "import", path, "--platform",
                         "tiktok", "--account", "liveanz", "--map", "Vues=Video Views", "--map",
                         "Partages=Shares", "--as-of", "2026-11-30")
    assert code == 0, err
    # remembered: another file with the same headers imports without --map
    other = gen.studio_csv(tmp_path / "Overview2.csv", ("Date", "Vues", "Partages"),
                           [("25 novembre", "300", "1")])
    code, out, err = cli(capsys, "--library", lib, "stats", "import", other, "--platform",
                         "tiktok", "--as-of", "2026-11-30")
    assert code == 0, err
    code, out, _ = cli(capsys, "--library", lib, "report", "--week", "2026-W48", "--json")
    daily = {d["date"]: d for d in json.loads(out)["daily"]["tiktok"]}
    assert (daily["2026-11-24"]["views"], daily["2026-11-24"]["shares"]) == (1500, 9)
    assert json.loads(out)["platforms"]["tiktok"]["views"] == 1200 + 1500 + 300


def test_mistakes_are_one_line(tmp_path, capsys):
    lib = tmp_path / "lib"
    bad_zip = tmp_path / "Content_liveanz.zip"
    bad_zip.write_bytes(b"PK\x03\x04garbage")
    utf16 = tmp_path / "Views.csv"
    utf16.write_bytes("Date,Views\n2026-11-16,3\n".encode("utf-16-le"))  # no byte-order mark
    cases = [
        (("stats", "import", tmp_path / "missing.csv"), "missing.csv"),
        (("stats", "import", tmp_path), "is a folder"),
        (("stats", "import", bad_zip), "not a zip"),
        (("stats", "import", utf16), "UTF-16 without a byte-order mark"),
        (("stats", "import", STUDIO / "FollowerGender.csv"), "audience breakdowns"),
        (("stats", "import", STUDIO / "Overview.csv", "--as-of", "30/11"), "30/11"),
        (("stats", "link", "nope", "7300000000000000001"), "No post with id nope"),
        (("report", "--week", "W48"), "ISO week"),
        (("report", "--tz", "Sydney"), "not a time zone"),
        (("stats", "import", STUDIO / "Overview.csv", "--map", "x"), "COLUMN=KNOWN"),
        # the calendar's ends: OverflowError tracebacks before
        (("stats", "import", STUDIO / "Overview.csv", "--as-of", "9999-12-31"), "9999-12-31"),
        (("stats", "import", STUDIO / "Overview.csv", "--as-of", "0001-01-01"), "0001-01-01"),
        (("report", "--week", "0001-W01"), "1970 to 9998"),
    ]
    for argv, words in cases:
        code, _, err = cli(capsys, "--library", lib, *argv)
        assert code == 1 and words in one_line(err), (argv, err)


def test_a_cell_beyond_any_real_figure_is_unknown_not_a_huge_total(tmp_path, capsys):
    """A broken export's 29-digit Profile Views cell must not reach the report as 1e+31
    (the report's JSON, XLSX and PDF would all show an absurd week)."""
    lib = tmp_path / "lib"
    figures = gen.daily_figures(dt.date(2026, 11, 16), 14)
    path = gen.overview(tmp_path / "Overview.csv", figures)
    text = path.read_text(encoding="utf-8-sig")
    first = str(figures[7]["profile_views"])  # 2026-11-23, the report week's Monday
    line = next(ln for ln in text.split("\n") if ln.startswith('"November 23"'))
    broken = line.replace(f'"{first}"', '"99999999999999999999999999999"', 1)
    assert broken != line
    path.write_text(text.replace(line, broken), encoding="utf-8-sig")
    code, out, _ = cli(capsys, "--library", lib, "stats", "import", path, "--as-of", "2026-11-30")
    assert code == 0
    code, out, _ = cli(capsys, "--library", lib, "report", "--week", "2026-W48", "--json")
    day = next(d for d in json.loads(out)["daily"]["tiktok"] if d["date"] == "2026-11-23")
    assert day["profile_views"] is None and day["views"] == figures[7]["views"]


def test_a_post_time_at_the_calendars_ends_is_no_time(tmp_path, capsys):
    """"0001-01-01 00:00" in Sydney is year 0 in UTC: the report in any zone west of it
    raised OverflowError. Such a cell reads as no post time, like any unreadable one."""
    lib = tmp_path / "lib"
    at = dt.datetime(2026, 11, 24, 20, 15)
    posts = [{"id": "7300000000000000001", "caption": "ok", "at": at, "views": 5, "likes": 1,
              "comments": 0, "shares": 0},
             {"id": "7300000000000000002", "caption": "far", "at": at, "views": 5, "likes": 1,
              "comments": 0, "shares": 0}]
    path = gen.content(tmp_path / "Content.csv", posts)
    text = path.read_text(encoding="utf-8-sig").replace('"far","https://www.tiktok.com/@liveanz/'
                                                        'video/7300000000000000002","2026-11-24'
                                                        ' 20:15"', '"far","https://www.tiktok.'
                                                        'com/@liveanz/video/7300000000000000002'
                                                        '","0001-01-01 00:00"')
    assert "0001-01-01" in text
    path.write_text(text, encoding="utf-8-sig")
    code, out, _ = cli(capsys, "--library", lib, "stats", "import", path, "--as-of", "2026-11-30")
    assert code == 0 and "2026-11-24 to 2026-11-24" in out  # was "0001-01-01 to 2026-11-24"
    code, out, _ = cli(capsys, "--library", lib, "stats", "unmatched", "--json")
    published = {r["platform_post_id"]: r["published"] for r in json.loads(out)}
    assert published["7300000000000000001"].startswith("2026-11-24")
    assert not published["7300000000000000002"]
