"""Scheduled posts as an iCalendar file (icalendar package) so the team's calendar shows them:
one 10-minute event per post at its local time in its own zone, with a stable UID per post so
a re-import updates instead of duplicating. The zones are written by `vtimezone` (yearly rules
at the right local times), not by icalendar's `add_missing_timezones`: icalendar 7.3 dated each
change at the wall time after it (Sydney's summer time from 03:00 AEST, i.e. 17:00Z instead of
16:00Z) and listed every change since 1970 on one line, and ical.js (Thunderbird) then put
posts an hour late."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from liveassets import clock
from liveassets.atomic import write_atomic
from liveassets.publish import zones
from liveassets.publish.gate import check_post
from liveassets.publish.platforms import NAMES
from liveassets.publish.sheets import FOR_WHOM, ExportResult
from liveassets.publish.vtimezone import vtimezone
from liveassets.shorten import shorten

EVENT_LENGTH = dt.timedelta(minutes=10)
UID_DOMAIN = "liveassets.local"
# icalendar writes times in these zones as UTC ("...Z"), which needs no VTIMEZONE.
_NO_VTIMEZONE = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Zulu", "Zulu", "Etc/UCT", "UCT"}


def build_calendar(catalog, posts, now: dt.datetime | None = None):
    """(icalendar Calendar, number of events) for the scheduled ones of `posts`; each event's
    DTSTART carries its post's zone (TZID) and the calendar one VTIMEZONE per zone used."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//LiveAssets//Content calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "LiveAssets posts")
    stamp = (now or clock.now()).astimezone(dt.timezone.utc)
    count = 0
    spans: dict[str, list[dt.datetime]] = {}   # zone name -> instants of its events
    events = []
    for post in posts:
        if post.scheduled is None:
            continue
        start = post.scheduled.astimezone(zones.zone(post.timezone))  # ZoneError: one line
        if not zones.FIRST_YEAR <= start.year <= zones.LAST_YEAR:
            # Stored before years were checked: one line, not an overflow past 9999-12-31.
            raise zones.ZoneError(f"Post {post.id} is scheduled for {start.date().isoformat()}, "
                                  f"outside {zones.FIRST_YEAR}-{zones.LAST_YEAR}: reschedule "
                                  "it and export again. Nothing written.")
        first_line = shorten((post.body.strip().splitlines() or [""])[0], 60)
        platform = NAMES.get(post.platform, post.platform)
        account = f" {post.account}" if post.account else ""
        ev = Event()
        ev.add("uid", f"{post.id}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        if zones.classify(start, post.timezone).kind == "ambiguous":
            # RFC 5545 3.3.5: a local time that happens twice means the first; the second
            # 02:30 of a DST change would show an hour early. Such an event is written in UTC.
            start = start.astimezone(dt.timezone.utc)
        else:
            spans.setdefault(post.timezone, []).extend([start, start + EVENT_LENGTH])
        ev.add("dtstart", start)
        ev.add("dtend", start + EVENT_LENGTH)
        ev.add("summary", f"{platform}{account}: {first_line}".rstrip(": "))
        rights = check_post(catalog, post)
        desc = [post.full_caption(), "", f"Status: {post.status}", f"Rights: {rights.label}"]
        ev.add("description", "\n".join(desc))
        ev.add("categories", [platform, post.status])
        ev.add("status", "CONFIRMED" if post.status in ("scheduled", "published") else "TENTATIVE")
        events.append(ev)
        count += 1
    # Zones first: a reader that resolves TZIDs while it parses has met the zone already.
    for name, instants in sorted(spans.items()):
        if name not in _NO_VTIMEZONE:
            cal.add_component(vtimezone(name, min(instants), max(instants)))
    for ev in events:
        cal.add_component(ev)
    return cal, count


def write_ics(catalog, posts, path: str | Path, *, force: bool = False,
              now: dt.datetime | None = None) -> ExportResult:
    cal, count = build_calendar(catalog, posts, now)
    data = cal.to_ical()

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    skipped = sum(1 for p in posts if p.scheduled is None)
    notes = [f"{skipped} posts without a date and time were left out."] if skipped else []
    return ExportResult(write_atomic(path, write, force=force, catalog=catalog), count, FOR_WHOM["ics"], notes)
