"""Dates and date-times as people in Australia and New Zealand type them, read one way
everywhere a person types one: rights expiry (CLI, inspector, templates), `post --at`, query
terms (`expires<`, `taken:`), `--from/--to/--on/--since/--as-of`, intake manifests.

Accepted (FORMS names them in every message):
- ISO 8601 days: 2026-12-31, 2026/12/31, 2026.12.31, 20261231;
- day first, the team's convention (SPECS.md: the app is for AU/NZ): 31/12/2026, 31-12-2026,
  31.12.2026, and two-digit years 31/12/26 (read 2026: 20xx);
- month names, unambiguous in any order: 31 Dec 2026, 31 December 2026, 31-Dec-2026,
  31st December 2026, Dec 31 2026, December 31, 2026; a leading weekday ("Thu 31 Dec 2026",
  as the window shows dates) is checked against the day.

Refused, never guessed: a slash date impossible day first but valid month first
("12/31/2026 has no month 31: write day first, 31/12/2026"), impossible days ("31/02/2026":
February 2026 has 28 days), a weekday that does not fit, partial dates outside `parse_span`.
Ranges are left to each caller (a post goes out in 2000..2999, a report week in 1970..9998):
this module gives any day Python's dates hold (years 1 to 9999).

Why not dateutil (installed with matplotlib): `parser.parse(text, dayfirst=True)` gives
2026-12-31 for "12/31/2026" (it swaps), fills a missing year ("31 Dec") with this year and a
missing day with today's, and reads "2026" as 1 December: measured 2026-12-01, each a wrong
expiry written without a word. For rights, a refusal is worth more than a guess.

No relative words ("today", "tomorrow"): no date field in the app took them; a metadata
template's expiry takes "+90d" (catalog/templates.py), which is a duration, not a date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from liveassets.errors import UserError
from liveassets.shorten import shorten

FORMS = "31/12/2026, 31 Dec 2026 or 2026-12-31"
TIME_FORMS = "31/12/2026 18:30 or 2026-12-31 18:30"
SPAN_FORMS = f"{FORMS}, a month as Dec 2026 or 2026-12, or a year as 2026"

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_MONTHS = {**{name: n for n, name in enumerate(_MONTH_NAMES, 1)},
           **{name[:3]: n for n, name in enumerate(_MONTH_NAMES, 1)}, "sept": 9}
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = {**{name: n for n, name in enumerate(_DAY_NAMES)},
             **{name[:3]: n for n, name in enumerate(_DAY_NAMES)},
             "tues": 1, "thur": 3, "thurs": 3}

_ISO = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{4})(\d{2})(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})")
_DAY_NAME = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4}|\d{2})")
_NAME_DAY = re.compile(r"([a-z]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_MONTH_ONLY = re.compile(r"(\d{4})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{4})|([a-z]+)\.?[\s-]+(\d{4})")
_YEAR = re.compile(r"\d{4}")
_TIME = re.compile(
    r"(?P<day>.+?)(?:\s*t\s*|\s+|,\s*)(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})"
    r"(?:[.,](?P<f>\d{1,6}))?)?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<off>z|utc|gmt|[+-]\d{2}:?\d{2})?")


class TypedDateError(UserError, ValueError):
    """A typed date or date-time that cannot be read. Its text is the one line to show:
    the value in quotes, then `reason` ("has no month 31: write day first, 31/12/2026.")."""

    def __init__(self, value, reason: str):
        super().__init__(f"{_quoted(value)} {reason}")
        self.value, self.reason = value, reason


class NotADateError(TypedDateError):
    """Text in none of the accepted forms (a caller may word its own line naming FORMS);
    the other TypedDateErrors say what is wrong with a date-shaped value: keep their line."""


def _normal(text) -> str:
    """NFKC (full-width digits), case folded, single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(text)).casefold()).strip()


def _quoted(text) -> str:
    return f'"{shorten(str(text).strip(), 60)}"'


def _year(digits: str) -> int:
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _make(year: int, month: int, day: int, text) -> dt.date:
    """The date, or TypedDateError saying which part does not exist."""
    if not 1 <= month <= 12:
        raise TypedDateError(text, f"is not a date: there is no month {month}. "
                             f"Write it as {FORMS}.")
    if not 1 <= year <= 9999:
        raise TypedDateError(text, f"is not a date: the year {year} is out of range. "
                             f"Write it as {FORMS}.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise TypedDateError(text, f"is not a date: {_MONTH_NAMES[month - 1].title()} "
                             f"{year} has {last} days.")
    return dt.date(year, month, day)


def _not_a_date(text) -> NotADateError:
    return NotADateError(text, f"is not a date: write it as {FORMS}.")


def parse_day(text, *, month_first: bool = False, short_years: bool = True) -> dt.date:
    """The day `text` names (see the module docstring for the forms), a datetime.date.

    `month_first=True` reads numeric dates month first: only for a source known to write them
    so (an intake column of US Google Forms timestamps, decided per column by
    intake/fields.slash_order); a person's typing is always read day first.
    `short_years=False` refuses two-digit years (a field reading as keys arrive: "31/12/20"
    is the start of 31/12/2026). A date.date passes through; a datetime gives its day.
    Raises TypedDateError (one line naming the value and the accepted forms).
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = _normal(text or "")
    weekday = None
    head, _, rest = raw.partition(" ")
    if head.rstrip(",.") in _WEEKDAYS and rest:
        weekday, raw = _WEEKDAYS[head.rstrip(",.")], rest
    day = _read(raw, text, month_first, short_years)
    if weekday is not None and day.weekday() != weekday:
        raise TypedDateError(text, f"is not a date: {day.day} "
                             f"{_MONTH_NAMES[day.month - 1][:3].title()} {day.year} is a "
                             f"{calendar.day_name[day.weekday()]}.")
    return day


def _read(raw: str, text, month_first: bool, short_years: bool) -> dt.date:
    if m := _ISO.fullmatch(raw):
        y, mo, d = (m[1], m[3], m[4]) if m[1] else (m[5], m[6], m[7])
        return _make(int(y), int(mo), int(d), text)
    if m := _NUMERIC.fullmatch(raw):
        if len(m[4]) == 2 and not short_years:
            raise _not_a_date(text)
        a, b, year = int(m[1]), int(m[3]), _year(m[4])
        day, month = (b, a) if month_first else (a, b)
        if not month_first and month > 12 and 1 <= day <= 12 and month <= 31:
            fixed = f"{m[3]}{m[2]}{m[1]}{m[2]}{m[4]}"
            raise TypedDateError(text, f"has no month {month}: write day first, "
                                 f"{fixed}.")
        return _make(year, month, day, text)
    for pattern, order in ((_DAY_NAME, (1, 2, 3)), (_NAME_DAY, (2, 1, 3))):
        if m := pattern.fullmatch(raw):
            day, name, year = (m[i] for i in order)
            if name in _MONTHS and (short_years or len(year) == 4):
                return _make(_year(year), _MONTHS[name], int(day), text)
    raise _not_a_date(text)


def parse_optional_day(text, **options) -> dt.date | None:
    """parse_day, with None or blank text giving None (an optional option left out)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    return parse_day(text, **options)


def parse_span(text) -> tuple[dt.date, dt.date]:
    """The inclusive (first day, last day) a query value names: a day (any parse_day form),
    a month ("2026-11", "11/2026", "Nov 2026", "November 2026") or a year ("2026").
    Raises TypedDateError naming the value and SPAN_FORMS."""
    raw = _normal(text or "")
    if _YEAR.fullmatch(raw):
        year = int(raw)
        if year < 1:
            raise TypedDateError(text, f"is not a year: write it as {SPAN_FORMS}.")
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if m := _MONTH_ONLY.fullmatch(raw):
        if m[1]:
            year, month = int(m[1]), int(m[2])
        elif m[3]:
            year, month = int(m[4]), int(m[3])
        else:
            year, month = int(m[6]), _MONTHS.get(m[5], 0)
            if not month:
                raise NotADateError(text, f"is not a month: write it as {SPAN_FORMS}.")
        first = _make(year, month, 1, text)
        return first, first.replace(day=calendar.monthrange(year, month)[1])
    try:
        day = parse_day(text)
    except NotADateError:
        raise NotADateError(text, f"is not a date: write it as {SPAN_FORMS}.") from None
    return day, day


def parse_date_time(text) -> dt.datetime:
    """A typed day and time of day -> datetime: naive (a wall clock, for the caller's zone) or
    aware when an offset was typed ("+11:00", "+1100", "Z", "UTC").

    The day takes any parse_day form, the time H:MM, HH:MM, HH:MM:SS (24-hour) or with am/pm
    ("6:30 pm"), after a space, a comma or ISO's "T": "31/12/2026 18:30", "31 Dec 2026 6:30pm",
    "2026-12-31T18:30:00+11:00". A day alone means its midnight. Raises TypedDateError naming
    the value and TIME_FORMS (or, for a month-first day, the day-first spelling of the whole).
    """
    if isinstance(text, dt.datetime):
        return text
    raw = _normal(text or "")
    m = _TIME.fullmatch(raw)
    if not m:
        try:
            return dt.datetime.combine(parse_day(text), dt.time())
        except TypedDateError as e:
            raise _time_error(text, e) from None
    try:
        day = parse_day(m["day"])
    except TypedDateError as e:
        raise _time_error(text, e) from None
    hour, minute, second = int(m["h"]), int(m["m"]), int(m["s"] or 0)
    if m["ampm"]:
        if not 1 <= hour <= 12:
            raise TypedDateError(text, f"is not a time of day: with am or pm the hour "
                                 f"is 1 to 12. Write it as {TIME_FORMS}.")
        hour = hour % 12 + (12 if m["ampm"].startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise TypedDateError(text, f"is not a time of day: write it as {TIME_FORMS}.")
    micro = int((m["f"] or "0").ljust(6, "0"))
    zone = _offset(m["off"], text)
    return dt.datetime.combine(day, dt.time(hour, minute, second, micro), zone)


def _time_error(text, e: TypedDateError) -> TypedDateError:
    """The date part's refusal said of the whole date-time the user typed."""
    month_first = re.match(r"has no month (\d+): write day first, (.+)\.$", e.reason)
    typed_day = str(e.value).strip()
    if month_first and typed_day in str(text):
        fixed = str(text).strip().replace(typed_day, month_first[2], 1)
        return TypedDateError(text, f"has no month {month_first[1]}: write day first, {fixed}.")
    if isinstance(e, NotADateError):
        return NotADateError(text, f"is not a date and time: write it as {TIME_FORMS}.")
    reason = e.reason.removeprefix("is not a date: ").replace(FORMS, TIME_FORMS)
    return TypedDateError(text, f"is not a date and time: {reason}")


def _offset(text: str | None, whole) -> dt.tzinfo | None:
    if not text:
        return None
    if text in ("z", "utc", "gmt"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise TypedDateError(whole, "has an offset that is not one: write it as +11:00 or "
                                    "-05:00.")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
