"""The .ics calendar read by the parsers calendars use: ical.js (Thunderbird's, run with node)
and icalendar both put every post at its instant, across the April and October changes in
Sydney and Auckland, in zones without summer time and across a new year."""

import datetime as dt
import json
import shutil
import subprocess

import pytest

from liveassets.catalog.schema import new_asset
from liveassets.publish import zones
from liveassets.publish.posts import PostStore
from liveassets.publish.sheets import export
from liveassets.publish.vtimezone import changes

icalendar = pytest.importorskip("icalendar")
UTC = dt.timezone.utc

# (zone, local wall time): each side of every change the year holds, summer and winter posts
WHEN = [
    ("Australia/Sydney", "2026-01-15 19:00"), ("Australia/Sydney", "2026-03-20 09:00"),
    ("Australia/Sydney", "2026-04-05 01:30"), ("Australia/Sydney", "2026-04-05 03:30"),
    ("Australia/Sydney", "2026-07-01 12:00"),
    ("Australia/Sydney", "2026-10-04 01:30"), ("Australia/Sydney", "2026-10-04 03:30"),
    ("Australia/Sydney", "2026-12-24 18:00"), ("Australia/Sydney", "2027-01-02 08:00"),
    ("Pacific/Auckland", "2026-02-10 20:00"),
    ("Pacific/Auckland", "2026-04-05 01:30"), ("Pacific/Auckland", "2026-04-05 03:30"),
    ("Pacific/Auckland", "2026-09-27 01:30"), ("Pacific/Auckland", "2026-09-27 03:30"),
    ("Pacific/Auckland", "2026-11-11 11:00"),
    ("Australia/Brisbane", "2026-01-15 19:00"), ("Australia/Brisbane", "2026-10-04 03:30"),
    ("Australia/Perth", "2026-04-05 03:30"), ("Australia/Perth", "2026-12-01 09:00"),
    ("UTC", "2026-06-01 00:00"),
]

NODE_SCRIPT = """
import ICAL from %s;
import { readFileSync } from 'node:fs';
const comp = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], 'utf8')));
const out = {};
for (const v of comp.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(v);
  out[ev.uid] = [ev.startDate.toUnixTime(), ev.endDate.toUnixTime(), ev.startDate.zone.tzid];
}
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="session")
def icaljs(pytestconfig, tmp_path_factory):
    """(node, path of ical.js's entry module), installed once with npm into pytest's cache
    folder (.pytest_cache, kept between runs), else into this run's temporary folder."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node and npm are not installed: cannot run ical.js (Thunderbird's parser)")
    cache = getattr(pytestconfig, "cache", None)
    folder = cache.mkdir("icaljs") if cache else tmp_path_factory.mktemp("icaljs")
    entry = folder / "node_modules" / "ical.js" / "dist" / "ical.js"
    if not entry.exists():
        try:
            subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix",
                            str(folder), "ical.js@2"], check=True, capture_output=True, timeout=180)
        except (subprocess.SubprocessError, OSError) as exc:
            pytest.skip(f"npm could not install ical.js into {folder} ({exc}): offline?")
    if not entry.exists():
        pytest.skip(f"npm ran but {entry} is missing")
    return node, entry


@pytest.fixture
def posts(library):
    doc = new_asset("/event/a.jpg", "image", 100, 1.0, "fp-a")
    doc["rights"].update(status="cleared")
    library.apply("Fill", {doc["id"]: doc})
    store = PostStore(library)
    for zone, when in WHEN:
        store.create(asset_ids=[doc["id"]], body=f"{zone} {when}", timezone=zone,
                     scheduled=zones.parse_when(when, zone), status="scheduled")
    store.create(asset_ids=[doc["id"]], body="not yet scheduled")
    return library, store.all()


def read_with_icaljs(icaljs, ics) -> dict:
    """uid -> [start, end (Unix seconds), zone id] as ical.js reads the file `ics`."""
    node, entry = icaljs
    script = ics.parent / "read.mjs"
    script.write_text(NODE_SCRIPT % json.dumps(entry.as_uri()), encoding="utf-8")
    run = subprocess.run([node, str(script), str(ics)], capture_output=True, text=True,
                         timeout=60, check=True)
    return json.loads(run.stdout)


def test_icaljs_puts_every_post_at_its_instant(posts, icaljs, tmp_path):
    lib, all_posts = posts
    export(lib, all_posts, tmp_path / "cal.ics")
    seen = read_with_icaljs(icaljs, tmp_path / "cal.ics")
    want = {f"{p.id}@liveassets.local": p for p in all_posts if p.scheduled}
    assert set(seen) == set(want) and len(want) == len(WHEN)
    wrong = []
    for uid, (start, end, tzid) in seen.items():
        post = want[uid]
        if (start, end - start) != (int(post.utc.timestamp()), 600):
            got = dt.datetime.fromtimestamp(start, UTC)
            wrong.append(f"{post.body}: ical.js {got:%Y-%m-%d %H:%M}Z, want {post.utc:%Y-%m-%d %H:%M}Z")
        assert tzid == post.timezone
    assert not wrong, wrong
    # the instants themselves, as the zones' published rules give them (not only zoneinfo's word)
    by_body = {p.body: p.utc for p in all_posts if p.scheduled}
    assert by_body["Australia/Sydney 2026-10-04 03:30"] == dt.datetime(2026, 10, 3, 16, 30, tzinfo=UTC)
    assert by_body["Australia/Sydney 2026-04-05 03:30"] == dt.datetime(2026, 4, 4, 17, 30, tzinfo=UTC)
    assert by_body["Pacific/Auckland 2026-09-27 03:30"] == dt.datetime(2026, 9, 26, 14, 30, tzinfo=UTC)
    assert by_body["Australia/Brisbane 2026-10-04 03:30"] == dt.datetime(2026, 10, 3, 17, 30, tzinfo=UTC)


def test_icalendar_reads_the_same_instants_and_zones_are_short(posts, tmp_path):
    lib, all_posts = posts
    export(lib, all_posts, tmp_path / "cal.ics")
    raw = (tmp_path / "cal.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(raw)
    want = {f"{p.id}@liveassets.local": p.utc for p in all_posts if p.scheduled}
    got = {str(e["uid"]): e.decoded("dtstart").astimezone(UTC) for e in cal.walk("VEVENT")}
    assert got == want
    zones_written = {str(z["tzid"]): z for z in cal.walk("VTIMEZONE")}
    assert set(zones_written) == {"Australia/Sydney", "Pacific/Auckland", "Australia/Brisbane",
                                  "Australia/Perth"}          # UTC is written as ...Z
    text = raw.decode()
    assert "RDATE" not in text and text.count("RRULE:FREQ=YEARLY") == 4   # a rule a year each
    # Sydney's summer time starts at 02:00 in the offset before it (16:00Z), ends at 03:00 AEDT
    syd = zones_written["Australia/Sydney"]
    starts = {str(p["tzname"]): p.decoded("dtstart") for p in syd.subcomponents}
    assert starts["AEDT"].time() == dt.time(2, 0) and starts["AEST"].time() == dt.time(3, 0)
    # no summer time in Brisbane: one fixed offset
    bne = zones_written["Australia/Brisbane"]
    assert [p.name for p in bne.subcomponents] == ["STANDARD"]
    assert bne.subcomponents[0].decoded("tzoffsetto") == dt.timedelta(hours=10)


def test_years_when_the_rule_changed_are_written_as_dates(icaljs, tmp_path):
    """Sydney moved its changes in 2008: no single yearly rule covers 2007-2009, so each change
    is its own date, each at the local time in the offset before it."""
    from zoneinfo import ZoneInfo

    from liveassets.publish.vtimezone import vtimezone

    zone = vtimezone("Australia/Sydney", dt.datetime(2008, 1, 1, tzinfo=UTC),
                     dt.datetime(2008, 12, 1, tzinfo=UTC))
    cal = icalendar.Calendar()
    cal.add_component(zone)
    ev = icalendar.Event()
    ev.add("uid", "x")
    ev.add("dtend", dt.datetime(2008, 10, 5, 3, 40, tzinfo=ZoneInfo("Australia/Sydney")))
    ev.add("dtstart", dt.datetime(2008, 10, 5, 3, 30, tzinfo=ZoneInfo("Australia/Sydney")))
    cal.add_component(ev)
    assert "RRULE" not in cal.to_ical().decode()
    found = changes(ZoneInfo("Australia/Sydney"), 2007, 2009)
    assert [c.at for c in found][2:4] == [dt.datetime(2008, 4, 5, 16, 0, tzinfo=UTC),
                                          dt.datetime(2008, 10, 4, 16, 0, tzinfo=UTC)]
    (tmp_path / "2008.ics").write_bytes(cal.to_ical())
    start = read_with_icaljs(icaljs, tmp_path / "2008.ics")["x"][0]
    assert dt.datetime.fromtimestamp(start, UTC) == dt.datetime(2008, 10, 4, 16, 30, tzinfo=UTC)
