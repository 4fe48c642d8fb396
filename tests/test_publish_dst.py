"""Daylight saving: wall-clock times that happen twice (clocks go back) or never (clocks go
forward), by the tz database's rules, through classification, storage, the CLI and Sprout."""

import csv
import datetime as dt
import json

import pytest

from cli_helpers import cli  # noqa: E402
from liveassets.catalog.schema import new_asset
from liveassets.publish import zones
from liveassets.publish.posts import Post, PostStore, describe_change
from liveassets.publish.sheets import HEADERS, build_rows, export
from liveassets.publish.sheets_md import render_markdown

SYD, AKL, BNE = "Australia/Sydney", "Pacific/Auckland", "Australia/Brisbane"
UTC = dt.timezone.utc
NOW = dt.datetime(2027, 1, 1, tzinfo=UTC)


def utc(*args):
    return dt.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("zone_name", [SYD, AKL, BNE, "Australia/Lord_Howe", "Europe/London"])
def test_sheet_time_labels_name_the_pass_exactly_where_the_hour_repeats(zone_name):
    """Every quarter hour across a year: the sheet's time says which pass (and its offset)
    exactly when `classify` calls the wall-clock time ambiguous (Lord Howe's half-hour shift
    included), and is the bare time otherwise."""
    tz = zones.zone(zone_name)
    when, end, seen = utc(2026, 12, 31, 13), utc(2027, 12, 31, 13), 0
    while when < end:
        local = when.astimezone(tz)
        label = zones.clock_label(when, zone_name)
        ambiguous = zones.classify(local.replace(tzinfo=None), zone_name).kind == "ambiguous"
        if ambiguous:
            seen += 1
            word = "first" if local.fold == 0 else "second"
            assert label == f"{local:%H:%M} ({word}, {zones.offset_text(local)})"
        else:
            assert label == f"{local:%H:%M}"
        when += dt.timedelta(minutes=15)
    # a zone with daylight saving repeats each quarter of the hour (or half hour) twice a year
    assert seen == {BNE: 0, "Australia/Lord_Howe": 4}.get(zone_name, 8)
    fixed = dt.timezone(dt.timedelta(hours=11))   # an offset, not a zone: nothing repeats
    assert zones.clock_label(utc(2027, 4, 3, 15, 30).astimezone(fixed)) == "02:30"


# -- classifying a wall-clock time ------------------------------------------------------------
@pytest.mark.parametrize("zone, naive, first_utc, second_utc", [
    (SYD, (2027, 4, 4, 2, 30), utc(2027, 4, 3, 15, 30), utc(2027, 4, 3, 16, 30)),  # AEDT, AEST
    (AKL, (2027, 4, 4, 2, 30), utc(2027, 4, 3, 13, 30), utc(2027, 4, 3, 14, 30)),  # NZDT, NZST
])
def test_repeated_hour_is_ambiguous_with_both_instants(zone, naive, first_utc, second_utc):
    local = zones.classify(dt.datetime(*naive), zone)
    assert local.kind == "ambiguous"
    assert [i.astimezone(UTC) for i in local.instants] == [first_utc, second_utc]
    assert [i.fold for i in local.instants] == [0, 1]
    assert all((i.hour, i.minute) == naive[3:] for i in local.instants)
    assert zones.localize(dt.datetime(*naive), zone, fold=1).astimezone(UTC) == second_utc
    with pytest.raises(zones.AmbiguousTimeError, match="happens twice"):
        zones.localize(dt.datetime(*naive), zone, fold=None)


@pytest.mark.parametrize("zone, naive, suggestion_utc", [
    (SYD, (2027, 10, 3, 2, 30), utc(2027, 10, 2, 16, 0)),   # 03:00 AEDT
    (SYD, (2027, 10, 3, 2, 0), utc(2027, 10, 2, 16, 0)),
    (AKL, (2027, 9, 26, 2, 30), utc(2027, 9, 25, 14, 0)),   # 03:00 NZDT
])
def test_skipped_time_suggests_the_first_time_after_the_gap(zone, naive, suggestion_utc):
    local = zones.classify(dt.datetime(*naive), zone)
    assert local.kind == "skipped" and local.instants == ()
    assert local.suggestion.astimezone(UTC) == suggestion_utc
    assert (local.suggestion.hour, local.suggestion.minute) == (3, 0)   # not 03:30
    assert zones.localize(dt.datetime(*naive), zone, strict=False) == local.suggestion
    with pytest.raises(zones.SkippedTimeError, match="does not exist.*03:00"):
        zones.localize(dt.datetime(*naive), zone)


@pytest.mark.parametrize("naive", [(2027, 4, 4, 2, 30), (2027, 10, 3, 2, 30), (2027, 4, 4, 1, 59)])
def test_brisbane_has_no_daylight_saving_nothing_flagged(naive):
    local = zones.classify(dt.datetime(*naive), BNE)
    assert local.kind == "ok" and local.instants[0].utcoffset() == dt.timedelta(hours=10)


def test_times_next_to_the_transitions_are_ok():
    assert zones.classify(dt.datetime(2027, 4, 4, 3, 0), SYD).kind == "ok"
    assert zones.classify(dt.datetime(2027, 4, 4, 1, 59), SYD).kind == "ok"
    assert zones.classify(dt.datetime(2027, 10, 3, 1, 59), SYD).kind == "ok"
    assert zones.classify(dt.datetime(2027, 10, 3, 3, 0), SYD).kind == "ok"


def test_parse_when_with_offset_or_fold_names_one_instant():
    assert zones.parse_when("2027-04-04 02:30 +10:00", SYD).astimezone(UTC) == utc(2027, 4, 3, 16, 30)
    assert zones.parse_when("2027-04-04 02:30+11:00", SYD).astimezone(UTC) == utc(2027, 4, 3, 15, 30)
    assert zones.parse_when("2027-04-04 02:30", SYD, fold=1).fold == 1
    with pytest.raises(zones.AmbiguousTimeError) as err:
        zones.parse_when("2027-04-04 02:30", SYD, fold=None)
    assert "+11:00" in str(err.value) and "+10:00" in str(err.value) and "--fold" in str(err.value)


# -- storage ----------------------------------------------------------------------------------
def test_stored_posts_keep_the_second_pass_through_save_and_load(library):
    store = PostStore(library)
    first = zones.parse_when("2027-04-04 02:30", SYD, fold=0)
    second = zones.parse_when("2027-04-04 02:30", SYD, fold=1)
    pid = store.create(scheduled=second, timezone=SYD).ids[0]
    assert library.records("posts").get(pid)["scheduled"].endswith("+10:00")
    got = store.get(pid)
    assert got.scheduled.fold == 1 and got.utc == utc(2027, 4, 3, 16, 30)
    assert zones.clock_label(got.scheduled) == "02:30 (second, +10:00)"
    # first -> second is an edit (Python alone compares the two as equal wall clocks)
    store.update(Post(**{**got.__dict__, "scheduled": first}))
    moved = store.get(pid)
    assert moved.utc == utc(2027, 4, 3, 15, 30) and moved != got
    assert describe_change(got, moved) == "Reschedule post"


def test_people_sheets_say_which_pass(library):
    store = PostStore(library)
    for fold in (0, 1):
        store.create(scheduled=zones.parse_when("2027-04-04 02:30", SYD, fold=fold), timezone=SYD,
                     body=f"pass {fold}")
    store.create(scheduled=zones.parse_when("2027-04-04 02:30", BNE), timezone=BNE, body="bne")
    rows = build_rows(library, store.all())
    times = [r.values[HEADERS.index("Time")] for r in rows]
    assert times == ["02:30 (first, +11:00)", "02:30 (second, +10:00)", "02:30"]
    text = render_markdown(library, store.all())
    assert "02:30 (first, +11:00)" in text and "02:30 (second, +10:00)" in text


def test_reschedule_by_day_into_gap_or_fold_takes_the_rule_and_says_so(library):
    store = PostStore(library)
    pid = store.create(scheduled=zones.parse_when("2027-10-02 02:30", SYD), timezone=SYD).ids[0]
    post = store.get(pid)
    note = store.reschedule_note(post, dt.date(2027, 10, 3))
    assert "does not exist" in note and "03:00" in note
    store.reschedule(pid, dt.date(2027, 10, 3))
    assert store.get(pid).utc == utc(2027, 10, 2, 16, 0)            # 03:00 AEDT
    pid2 = store.create(scheduled=zones.parse_when("2027-04-03 02:30", SYD), timezone=SYD).ids[0]
    note = store.reschedule_note(store.get(pid2), dt.date(2027, 4, 4))
    assert "happens twice" in note and "+11:00" in note and "+10:00" in note
    store.reschedule(pid2, dt.date(2027, 4, 4))
    assert store.get(pid2).utc == utc(2027, 4, 3, 15, 30)           # the first pass
    assert store.reschedule_note(store.get(pid2), dt.date(2027, 4, 5)) == ""


# -- Sprout ------------------------------------------------------------------------------------
@pytest.fixture
def cleared(library):
    d = new_asset("/event/ok.jpg", "image", 100, 1.0, "fp-ok")
    d["rights"].update(status="cleared", credit="Photo: ok")
    library.apply("Fill", {d["id"]: d})
    library.ok = d["id"]
    return library


def test_sprout_refuses_each_repeated_hour_post_in_one_line(cleared, tmp_path):
    store = PostStore(cleared)
    ids = [store.create(asset_ids=[cleared.ok], body=f"pass {f}", timezone=SYD, account="@a",
                        scheduled=zones.parse_when("2027-04-04 02:30", SYD, fold=f)).ids[0]
           for f in (0, 1)]
    out = tmp_path / "s.csv"
    with pytest.raises(Exception) as err:
        export(cleared, store.all(), out, preset="sprout", now=NOW)
    text = str(err.value)
    assert not out.exists()
    for pid, label in zip(ids, ("first pass, 02:30 AEDT (+11:00)", "second pass, 02:30 AEST (+10:00)")):
        assert f"Post {pid} at 2027-04-04 02:30 ({label})" in text
    assert text.count("no offset column") == 2
    assert "under 10 minutes" not in text    # an hour apart as instants


def test_sprout_ten_minute_check_uses_instants_across_the_fold(cleared, tmp_path):
    store = PostStore(cleared)
    # 02:58 (first pass) and 02:03 (second pass): 55 minutes apart on the wall clock, 5 in time
    for text, fold in (("2027-04-04 02:58", 0), ("2027-04-04 02:03", 1)):
        store.create(asset_ids=[cleared.ok], body=text, timezone=SYD, account="@a",
                     scheduled=zones.parse_when(text, SYD, fold=fold))
    with pytest.raises(Exception, match=r"1 pairs of posts are under 10 minutes apart .* at "
                       r"02:58 \(first, \+11:00\) and .* at 02:03 \(second, \+10:00\)"):
        export(cleared, store.all(), tmp_path / "s.csv", preset="sprout", now=NOW)


def test_sprout_writes_brisbane_0230_and_times_outside_the_fold(cleared, tmp_path):
    store = PostStore(cleared)
    store.create(asset_ids=[cleared.ok], body="bne", timezone=BNE, account="@a",
                 scheduled=zones.parse_when("2027-04-04 02:30", BNE))
    out = tmp_path / "s.csv"
    export(cleared, store.all(), out, preset="sprout", now=NOW)
    with open(out, encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh))[1][:2] == ["04/04/2027", "02:30"]


# -- command line ------------------------------------------------------------------------------


def test_cli_refuses_ambiguous_time_in_one_line_naming_both_instants(capsys, cleared, tmp_path):
    lib = cleared.folder
    cleared.close()
    args = ("--library", lib, "post", "new", "--assets", "", "--caption", "x", "--tz", SYD)
    code, out, err = cli(capsys, *args, "--at", "2027-04-04 02:30")
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1
    assert "happens twice" in err and "AEDT (+11:00)" in err and "AEST (+10:00)" in err
    assert '--at "2027-04-04 02:30 +11:00"' in err and "--fold first|second" in err
    code, out, err = cli(capsys, *args, "--at", "2027-10-03 02:30")
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert "does not exist" in err and '--at "2027-10-03 03:00"' in err
    assert cli(capsys, *args, "--at", "2027-04-04 02:30", "--fold", "second", "--json")[0] == 0
    assert cli(capsys, *args, "--at", "2027-04-04 02:30 +11:00", "--json")[0] == 0
    code, out, _ = cli(capsys, "--library", lib, "post", "list")
    assert "2027-04-04 02:30 (first, +11:00)" in out and "2027-04-04 02:30 (second, +10:00)" in out
    code, out, err = cli(capsys, "--library", lib, "post", "list", "--json")
    assert sorted(p["scheduled_utc"] for p in json.loads(out)) == [
        "2027-04-03T15:30:00+00:00", "2027-04-03T16:30:00+00:00"]


def test_the_calendar_file_keeps_the_first_and_second_0230_apart(tmp_path):
    """RFC 5545 reads a local time that happens twice as the first: the second 02:30 goes into
    the .ics in UTC, so calendars show the two posts an hour apart, as they are."""
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    from liveassets.catalog.catalog import Catalog
    from liveassets.publish.calendar_ics import write_ics
    from liveassets.publish.posts import PostStore

    syd = ZoneInfo("Australia/Sydney")
    with Catalog(tmp_path / "lib") as cat:
        store = PostStore(cat)
        for fold in (0, 1):
            store.create(body=f"pass {fold}", platform="tiktok", status="scheduled",
                         timezone="Australia/Sydney",
                         scheduled=dt.datetime(2027, 4, 4, 2, 30, fold=fold, tzinfo=syd))
        write_ics(cat, store.all(), tmp_path / "c.ics")
    cal = Calendar.from_ical((tmp_path / "c.ics").read_bytes())
    starts = sorted(ev.decoded("dtstart").astimezone(dt.timezone.utc) for ev in cal.walk("VEVENT"))
    assert starts == [dt.datetime(2027, 4, 3, 15, 30, tzinfo=dt.timezone.utc),
                      dt.datetime(2027, 4, 3, 16, 30, tzinfo=dt.timezone.utc)]
