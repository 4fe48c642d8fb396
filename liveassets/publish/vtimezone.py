"""VTIMEZONE blocks that every calendar reader turns into the same instants: the zone's offset
changes (from the system tz database via zoneinfo) written as one yearly rule per kind of change
when the years in question follow one, else as one date per change, each at the local time it
happens in the offset in force before it (RFC 5545 section 3.6.5)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
_DAY = dt.timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One offset change: `at` is the UTC instant; `local` the wall time in the old offset."""
    at: dt.datetime
    local: dt.datetime          # naive, in offset_from
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    name: str                   # abbreviation in force after the change (AEDT, NZST, ...)
    daylight: bool


def _state(tz: ZoneInfo, when: dt.datetime) -> tuple:
    local = when.astimezone(tz)
    return local.utcoffset(), local.tzname(), bool(local.dst())


def changes(tz: ZoneInfo, first_year: int, last_year: int) -> list[Change]:
    """Every change of offset, name or daylight flag from 1 Jan `first_year` to 31 Dec
    `last_year` (UTC), found day by day and then to the second by bisection."""
    out = []
    start = dt.datetime(first_year, 1, 1, tzinfo=UTC)
    end = dt.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    before = _state(tz, start)
    t = start
    while t < end:
        nxt = t + _DAY
        after = _state(tz, nxt)
        if after != before:
            lo, hi = t, nxt          # _state(lo) == before, _state(hi) == after
            while hi - lo > dt.timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if _state(tz, mid) == before:
                    lo = mid
                else:
                    hi = mid
            hi = hi.replace(microsecond=0)
            out.append(Change(hi, (hi + before[0]).replace(tzinfo=None), before[0], after[0],
                              after[1], after[2]))
            before = after
        t = nxt
    return out


def _week_rules(day: dt.date) -> set[str]:
    """The BYDAY forms that name `day` in its month: "2SU", and "-1SU" when it is the last."""
    code = _WEEKDAYS[day.weekday()]
    rules = {f"{(day.day - 1) // 7 + 1}{code}"}
    if day.day + 7 > calendar.monthrange(day.year, day.month)[1]:
        rules.add(f"-1{code}")
    return rules


def _yearly_rule(group: list[Change]) -> dict | None:
    """An RRULE (icalendar dict) every change in `group` (one per year, consecutive years, same
    month, clock time and offsets) follows, or None."""
    first = group[0]
    years = [c.local.year for c in group]
    if years != list(range(years[0], years[0] + len(years))):
        return None
    if any((c.local.month, c.local.time(), c.offset_from, c.offset_to, c.name)
           != (first.local.month, first.local.time(), first.offset_from, first.offset_to, first.name)
           for c in group):
        return None
    common = set.intersection(*(_week_rules(c.local.date()) for c in group))
    if not common:
        return None
    byday = sorted(common)[0]        # "-1SU" sorts before "4SU": prefer "last Sunday"
    return {"freq": "yearly", "bymonth": first.local.month, "byday": byday}


def vtimezone(name: str, first: dt.datetime, last: dt.datetime):
    """An icalendar Timezone component for zone `name` that is right for every instant from
    `first` to `last` (aware datetimes): it starts a year before `first` so the offset in force
    at `first` is defined. Raises zoneinfo.ZoneInfoNotFoundError for an unknown zone."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    tz = ZoneInfo(name)
    first_year = first.astimezone(UTC).year - 1
    last_year = last.astimezone(UTC).year + 1
    found = changes(tz, first_year, last_year)
    zone = Timezone()
    zone.add("tzid", name)
    if not found:
        offset, abbrev, daylight = _state(tz, dt.datetime(first_year, 1, 1, tzinfo=UTC))
        part = TimezoneDaylight() if daylight else TimezoneStandard()
        part.add("dtstart", dt.datetime(first_year, 1, 1))
        part.add("tzoffsetfrom", offset)
        part.add("tzoffsetto", offset)
        part.add("tzname", abbrev)
        zone.add_component(part)
        return zone
    kinds: dict[tuple, list[Change]] = {}
    for c in found:
        kinds.setdefault((c.daylight, c.offset_from, c.offset_to, c.name), []).append(c)
    for (daylight, offset_from, offset_to, abbrev), group in kinds.items():
        part = TimezoneDaylight() if daylight else TimezoneStandard()
        part.add("dtstart", group[0].local)
        part.add("tzoffsetfrom", offset_from)
        part.add("tzoffsetto", offset_to)
        part.add("tzname", abbrev)
        rule = _yearly_rule(group) if len(group) > 1 else None
        if rule:
            if group[-1].at.year < last_year:
                # The zone stopped following the rule inside the years looked at (Mexico
                # dropped summer time after 2022): without UNTIL, ical.js kept applying it
                # and put a 2023 post an hour early. RFC 5545 3.3.10: UNTIL in UTC here.
                rule["until"] = group[-1].at
            part.add("rrule", rule)
        else:
            for c in group[1:]:      # one RDATE line per change: short lines every reader takes
                part.add("rdate", c.local)
        zone.add_component(part)
    return zone
