"""Plain helpers for a content calendar view: posts grouped by local day, week and month
grids, and the conflicts per day. The window draws; this decides what goes where."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections import defaultdict

from liveassets.publish.posts import Conflict, Post, conflicts


def by_day(posts: list[Post]) -> dict[dt.date, list[Post]]:
    """Scheduled posts by their local date (in each post's own zone), in time order."""
    days: dict[dt.date, list[Post]] = defaultdict(list)
    for p in sorted((p for p in posts if p.scheduled), key=lambda p: p.utc):
        days[p.local_date].append(p)
    return dict(days)


def week_of(day: dt.date, first_weekday: int = 0) -> list[dt.date]:
    """The seven dates of the week holding `day` (first_weekday: 0 = Monday, 6 = Sunday)."""
    start = day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)
    return [start + dt.timedelta(days=i) for i in range(7)]


def month_grid(year: int, month: int, first_weekday: int = 0) -> list[list[dt.date]]:
    """Weeks (lists of 7 dates, spilling into the months around) covering a month."""
    return _calendar.Calendar(first_weekday).monthdatescalendar(year, month)


def conflicts_by_post(posts: list[Post]) -> dict[str, list[Conflict]]:
    """Post id -> the conflicts it is part of (for a red mark on its calendar chip)."""
    out: dict[str, list[Conflict]] = defaultdict(list)
    for c in conflicts(posts):
        out[c.first].append(c)
        out[c.second].append(c)
    return dict(out)
