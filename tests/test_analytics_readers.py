"""Reading the platforms' export files: the shared fixtures (../shared/analytics) and generated
files with each documented quirk (BOM, yearless English and French dates, UTF-16 `sep=,`
files, "12,400", "1.2K", undefined/NAN, a Total row, unknown headers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import analytics_files as gen
from liveassets.analytics import readers
from liveassets.analytics.values import moment, number

SHARED = Path(__file__).resolve().parents[3] / "shared" / "analytics"
if not SHARED.exists():
    SHARED = Path("/work/shared/analytics")
EXPORTED = dt.date(2026, 11, 30)


def one(path, **kw) -> readers.Table:
    tables = readers.read([path], **kw)
    assert len(tables) == 1, tables
    return tables[0]


@pytest.mark.parametrize("cell, value", [
    ("12,400", 12400), ('"1,044"', 1044), ("1.2K", 1200), ("3,4 M", 3400000), ("-2", -2),
    ("undefined", None), ("NAN", None), ("", None), ("N/A", None), ("12,5", 12.5),
    ("146.3862", 146.3862), ("1\u202f234", 1234), ("0:01:04", 64), ("text", None),
])
def test_cells_read_as_the_figure_a_person_sees(cell, value):
    assert number(cell) == value


@pytest.mark.parametrize("cell, reference, expected", [
    ("November 16", EXPORTED, dt.date(2026, 11, 16)),
    ("16 novembre", EXPORTED, dt.date(2026, 11, 16)),
    ("24 déc.", dt.date(2027, 1, 5), dt.date(2026, 12, 24)),
    ("December 28", dt.date(2027, 1, 5), dt.date(2026, 12, 28)),   # month rollover
    ("January 2", dt.date(2027, 1, 5), dt.date(2027, 1, 2)),
    ("December 1", EXPORTED, dt.date(2026, 12, 1)),                 # the export's next day
    ("December 2", EXPORTED, dt.date(2025, 12, 2)),
    ("February 29", dt.date(2027, 3, 1), dt.date(2024, 2, 29)),
    ("2026/11/16", None, dt.date(2026, 11, 16)),
    ("Nov 24, 2026", None, dt.date(2026, 11, 24)),
])
def test_dates_without_a_year_land_in_the_year_before_the_export(cell, reference, expected):
    assert moment(cell, reference)[0] == expected


def test_meta_publish_time_is_month_first():
    assert moment("11/04/2026 21:05") == (dt.date(2026, 11, 4), dt.time(21, 5))


def test_studio_fixture_files_read_with_their_figures():
    t = one(SHARED / "tiktok-studio" / "Overview.csv", as_of=EXPORTED)
    assert (t.platform, t.kind, t.dates) == ("tiktok", "days", ("2026-11-16", "2026-11-29"))
    nov20 = next(r for r in t.rows if r["date"] == "2026-11-20")
    assert nov20["comments"] == -2 and nov20["views"] == 6640
    t = one(SHARED / "tiktok-studio" / "FollowerHistory.csv", as_of=EXPORTED)
    first = t.rows[0]
    assert first["followers"] is None and first["followers_net"] == 31  # `undefined`
    assert sum(r["followers_net"] for r in t.rows[7:]) == 342


def test_content_fixture_is_a_snapshot_of_lifetime_totals_per_video():
    t = one(SHARED / "tiktok-studio" / "Content.csv", as_of=EXPORTED)
    assert t.kind == "posts" and t.account == "liveanz" and len(t.rows) == 6
    q = next(r for r in t.rows if r["platform_post_id"] == "7300000000000000006")
    assert q["caption"] == 'Q&A with the LIVE ANZ team, "your questions, answered"'
    assert q["published"] == "2026-11-27T18:00" and q["views"] == 5420 and q["shares"] == 22
    earlier = one(SHARED / "tiktok-studio" / "snapshot-2026-11-23" / "Content.csv")
    assert earlier.as_of == dt.date(2026, 11, 23)  # the folder's date names the export day


def test_zips_name_the_account_and_place_the_year():
    t = one(SHARED / "tiktok-studio-zips" / "Overview_2026-11-16_1795938374_liveanz.zip")
    assert t.account == "liveanz" and t.dates == ("2026-11-16", "2026-11-29")
    assert t.as_of == dt.date(2026, 11, 30)  # the day after the period's end (Unix time)
    tables = readers.read([SHARED / "tiktok-studio-zips" / "Followers_liveanz.zip"], as_of=EXPORTED)
    kinds = sorted(t.kind for t in tables)
    assert kinds == ["days", "hours"]  # gender and territories are read past


def test_the_partial_export_day_leaves_its_zero_filled_hours_unknown():
    t = one(SHARED / "tiktok-studio" / "FollowerActivity.csv", as_of=EXPORTED)
    last = sorted((r for r in t.rows if r["date"] == "2026-11-30"), key=lambda r: r["hour"])
    assert [r["active"] is None for r in last] == [False] * 11 + [True] * 13
    assert all(r["active"] for r in t.rows if r["date"] == "2026-11-29")


def test_french_file_reads_as_the_english_one():
    en = one(SHARED / "tiktok-studio" / "Overview.csv", as_of=EXPORTED).rows
    fr = one(SHARED / "tiktok-studio-fr" / "Overview.csv", as_of=EXPORTED).rows
    assert fr == en


def test_business_export_keeps_nan_as_unknown():
    t = one(SHARED / "tiktok-business" / "Overview(2026_11_16-2026_11_29).csv")
    assert t.rows[0]["reach"] is None and t.rows[1]["reach"] == 2257
    assert t.rows[0]["followers_net"] == 31 and t.rows[0]["comments"] == 25


def test_instagram_utf16_metric_files_and_content_export():
    views = one(SHARED / "instagram" / "Views.csv")
    assert views.platform == "instagram" and sum(
        r["views"] for r in views.rows if r["date"] >= "2026-11-23") == 65236
    posts = one(SHARED / "instagram" / "content-export.csv")
    reel = next(r for r in posts.rows if r["platform_post_id"] == "DA4nIgHt0ne")
    assert reel["views"] == 45100 and reel["likes"] == 3980 and reel["saves"] == 902
    assert reel["published"] == "2026-11-24T21:05" and reel["type"] == "video"
    image = next(r for r in posts.rows if r["platform_post_id"] == "DA2rEhEarsl")
    assert image["type"] == "photo"


def test_youtube_total_row_is_not_a_video():
    t = one(SHARED / "youtube" / "Table data.csv", account="LIVE ANZ")
    assert sorted(r["platform_post_id"] for r in t.rows) == ["Zr0uHc5yE8w", "b9Kd3mPzQ1s",
                                                             "qL7vXw2Tn0A"]
    assert sum(r["views"] for r in t.rows) == 25930 and t.account == "LIVE ANZ"
    assert t.skipped == 0  # the Total row is expected, not a row "not read"
    totals = one(SHARED / "youtube" / "Totals.csv")
    assert totals.platform == "youtube" and sum(r["views"] for r in totals.rows) == 25930


def test_generated_french_studio_file_and_utf16_metric_file(tmp_path):
    figures = gen.daily_figures(dt.date(2026, 12, 20), 20, seed=3)  # runs into January
    path = gen.overview(tmp_path / "Overview.csv", figures, french=True)
    t = one(path, as_of=dt.date(2027, 1, 9))
    assert [r["date"] for r in t.rows] == [f["date"].isoformat() for f in figures]
    assert [r["views"] for r in t.rows] == [f["views"] for f in figures]
    values = {f["date"]: f["views"] for f in figures}
    t = one(gen.meta_metric(tmp_path / "Reach.csv", "Reach", values))
    assert {r["date"]: r["reach"] for r in t.rows} == {d.isoformat(): v for d, v in values.items()}


def test_caption_with_a_line_break_stays_one_post(tmp_path):
    at = dt.datetime(2026, 11, 20, 18, 0)
    path = gen.content(tmp_path / "Content.csv", [
        {"id": "7300000000000000009", "caption": "line one\nline two, \"quoted\" 🎉", "at": at,
         "views": "1.2K", "likes": "1,044", "comments": "undefined", "shares": 3}])
    row = one(path, as_of=EXPORTED).rows[0]
    assert row["caption"] == 'line one\nline two, "quoted" 🎉'
    assert (row["views"], row["likes"], row["comments"]) == (1200, 1044, None)


def test_unknown_columns_name_them_and_the_option_to_map_them(tmp_path):
    path = gen.studio_csv(tmp_path / "Overview.csv", ("Date", "Vues", "J'aime"),
                          [("16 novembre", "10", "2")])
    with pytest.raises(readers.UnknownColumns) as caught:
        readers.read([path], platform="tiktok", as_of=EXPORTED)
    message = str(caught.value)
    assert '"Vues"' in message and '"J\'aime"' in message and "--map" in message
    assert caught.value.columns == ["Vues", "J'aime"] and caught.value.platform == "tiktok"
    mapped = readers.read([path], platform="tiktok", as_of=EXPORTED,
                          mappings={"tiktok": {"vues": "video views", "j'aime": "likes"}})
    assert mapped[0].rows == [{"date": "2026-11-16", "views": 10, "likes": 2}]


def test_files_that_are_no_export_give_one_line(tmp_path):
    bad = tmp_path / "notes.csv"
    bad.write_text("Colour,Shape\nred,round\n")
    with pytest.raises(readers.UnknownColumns):
        readers.read([bad])
    broken = tmp_path / "Content_liveanz.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(readers.ExportError, match="not a zip"):
        readers.read([broken])
    empty = tmp_path / "Overview.csv"
    empty.write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(readers.ExportError, match="empty"):
        readers.read([empty])


def test_hostile_cells_and_files_give_one_line_or_nothing(tmp_path):
    assert number("9" * 5000) is None and number("1" * 41) is None
    huge = gen.studio_csv(tmp_path / "Overview.csv", gen.OVERVIEW,
                          [("November 16", "1" * 200_000, "1", "1", "1", "1")])
    with pytest.raises(readers.ExportError, match="not a CSV file LiveAssets can read"):
        readers.read([huge], as_of=EXPORTED)
    odd_sep = tmp_path / "Reach.csv"
    odd_sep.write_text('sep="\n"Reach"\n"Date","Primary"\n"2026-11-16T00:00:00","5"\n')
    assert one(odd_sep).rows == [{"date": "2026-11-16", "reach": 5}]


def test_rows_that_cannot_be_read_are_counted_not_guessed(tmp_path):
    path = gen.studio_csv(tmp_path / "Overview.csv", gen.OVERVIEW,
                          [("November 16", "1", "1", "1", "1", "1"),
                           ("February 30", "2", "2", "2", "2", "2"),
                           ("soon", "3", "3", "3", "3", "3")])
    t = one(path, as_of=EXPORTED)
    assert [r["date"] for r in t.rows] == ["2026-11-16"] and t.skipped == 2


def test_an_encrypted_zip_is_one_line(tmp_path):
    member = gen.overview(tmp_path / "Overview.csv", gen.daily_figures(dt.date(2026, 11, 16), 2))
    path = gen.zipped(tmp_path / "Overview_liveanz.zip", member)
    data = bytearray(path.read_bytes())
    # set the "encrypted" flag (bit 0) in the local and central headers
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.find(sig)
        flag = at + (6 if sig == b"PK\x03\x04" else 8)
        data[flag] |= 1
    path.write_bytes(bytes(data))
    with pytest.raises(readers.ExportError, match="password-protected"):
        readers.read([path])


@pytest.mark.parametrize("name, handle", [
    ("Overview_2026-11-16_1795938374_liveanz.zip", "liveanz"),
    ("Followers_liveanz.zip", "liveanz"), ("Content_live_anz.zip", "live_anz"),
    ("Content_live.anz (1).zip", "live.anz"),   # a browser's second download of the same file
    ("export.zip", ""), ("Content.zip", ""),
])
def test_the_account_in_a_studio_zip_name(name, handle):
    from liveassets.analytics.readers.tiktok import account_from_zip

    assert account_from_zip(name) == handle


def test_the_wrong_platform_named_says_whose_file_it_is():
    with pytest.raises(readers.ExportError, match="looks like a tiktok export.*--platform tiktok"):
        readers.read([SHARED / "tiktok-studio" / "Overview.csv"], platform="instagram",
                     as_of=EXPORTED)
