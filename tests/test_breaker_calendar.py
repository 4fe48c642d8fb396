"""The .ics calendar in the zones that break naive exports (helper "breaker", issue #13): a
post in a repeated hour (either pass) and a post after a zone dropped summer time land at
their instant in ical.js (Thunderbird) and in icalendar alike."""

import datetime as dt

import pytest

from liveassets.catalog.schema import new_asset
from liveassets.publish import zones
from liveassets.publish.calendar_ics import write_ics
from liveassets.publish.posts import PostStore
from test_publish_calendar import icaljs, read_with_icaljs  # noqa: F401  (the fixture)

icalendar = pytest.importorskip("icalendar")
UTC = dt.timezone.utc

# (zone, wall time, fold): repeated hours of 30 minutes (Lord Howe), 1 hour (Dublin, whose
# winter is the "negative summer time" in the tz database; Chatham at +12:45), 2 hours
# (Troll); Casablanca's Ramadan change; Mexico City before and after it dropped summer time.
WHEN = [("Australia/Lord_Howe", "2026-04-05 01:45", 0), ("Australia/Lord_Howe", "2026-04-05 01:45", 1),
        ("Europe/Dublin", "2026-10-25 01:30", 0), ("Europe/Dublin", "2026-10-25 01:30", 1),
        ("Pacific/Chatham", "2026-04-05 03:30", 1), ("Antarctica/Troll", "2026-10-25 02:30", 1),
        ("Africa/Casablanca", "2026-02-15 02:30", 0), ("Africa/Casablanca", "2026-02-15 02:30", 1),
        ("America/Mexico_City", "2021-04-04 03:30", 0),
        ("America/Mexico_City", "2023-04-02 02:30", 0),
        ("Australia/Sydney", "2026-04-05 02:55", 0)]  # its end, 03:05, is not repeated


@pytest.fixture
def posts(library):
    doc = new_asset("/event/a.jpg", "image", 100, 1.0, "fp-a")
    doc["rights"].update(status="cleared")
    library.apply("Fill", {doc["id"]: doc})
    store = PostStore(library)
    for zone, when, fold in WHEN:
        store.create(asset_ids=[doc["id"]], body=f"{zone} {when} {fold}", timezone=zone,
                     scheduled=zones.parse_when(when, zone, fold=fold), status="scheduled")
    return library, store.all()


def test_every_post_lands_at_its_instant_in_both_readers(posts, icaljs, tmp_path):  # noqa: F811
    lib, all_posts = posts
    out = tmp_path / "cal.ics"
    write_ics(lib, all_posts, out)
    by_icaljs = read_with_icaljs(icaljs, out)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    by_icalendar = {str(e["uid"]): e.decoded("dtstart").astimezone(UTC) for e in cal.walk("VEVENT")}
    wrong = []
    for post in all_posts:
        uid = f"{post.id}@liveassets.local"
        start, end, _ = by_icaljs[uid]
        if (start, end - start) != (int(post.utc.timestamp()), 600):
            wrong.append(f"ical.js {post.body}: {dt.datetime.fromtimestamp(start, UTC)}")
        if by_icalendar[uid] != post.utc:
            wrong.append(f"icalendar {post.body}: {by_icalendar[uid]}")
    assert not wrong, wrong
    # the two passes of one repeated wall time are an hour (Lord Howe: 30 minutes) apart
    lh = sorted(p.utc for p in all_posts if p.timezone == "Australia/Lord_Howe")
    assert lh[1] - lh[0] == dt.timedelta(minutes=30)


def test_a_rule_the_zone_dropped_ends_where_it_stopped():
    from zoneinfo import ZoneInfo

    from liveassets.publish.vtimezone import vtimezone

    mx = ZoneInfo("America/Mexico_City")
    text = vtimezone("America/Mexico_City", dt.datetime(2021, 4, 4, 12, tzinfo=mx),
                     dt.datetime(2023, 4, 2, 12, tzinfo=mx)).to_ical().decode()
    assert "UNTIL=20221030T070000Z" in text  # the last change back to standard time, in UTC
