"""Scheduled posts as an iCalendar file (icalendar package) so the team's calendar shows them:
one 10-minute event per post at its local time in its own zone (VTIMEZONE included), with a
stable UID per post so a re-import updates instead of duplicating."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from liveassets import clock
from liveassets.atomic import write_atomic
from liveassets.publish.gate import check_post
from liveassets.publish.platforms import NAMES
from liveassets.publish.sheets import FOR_WHOM, ExportResult

EVENT_LENGTH = dt.timedelta(minutes=10)
UID_DOMAIN = "liveassets.local"


def build_calendar(catalog, posts, now: dt.datetime | None = None):
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//LiveAssets//Content calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "LiveAssets posts")
    stamp = (now or clock.now()).astimezone(dt.timezone.utc)
    count = 0
    for post in posts:
        if post.scheduled is None:
            continue
        first_line = (post.body.strip().splitlines() or [""])[0]
        if len(first_line) > 60:
            first_line = first_line[:59] + "…"
        platform = NAMES.get(post.platform, post.platform)
        account = f" {post.account}" if post.account else ""
        ev = Event()
        ev.add("uid", f"{post.id}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", post.scheduled)
        ev.add("dtend", post.scheduled + EVENT_LENGTH)
        ev.add("summary", f"{platform}{account}: {first_line}".rstrip(": "))
        rights = check_post(catalog, post)
        desc = [post.full_caption(), "", f"Status: {post.status}", f"Rights: {rights.label}"]
        ev.add("description", "\n".join(desc))
        ev.add("categories", [platform, post.status])
        ev.add("status", "CONFIRMED" if post.status in ("scheduled", "published") else "TENTATIVE")
        cal.add_component(ev)
        count += 1
    cal.add_missing_timezones()
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
