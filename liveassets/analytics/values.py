"""Cells of the platforms' export files as numbers and dates: "12,400", "1.2K", `undefined`,
`NAN`, "November 24" without a year, "24 novembre", "11/24/2026 21:05", "Nov 24, 2026".

The forms are the ones SPECS.md "Analytics exports" and ../shared/analytics/README.md list;
anything else is None (unknown), never a guessed number and never 0.
"""

from __future__ import annotations

import datetime as dt
import re

from liveassets import clock

# Cells that mean "no figure": TikTok Studio writes `undefined`, TikTok Business `NAN`, sheets
# re-saved by people `-`, `--`, `N/A` or nothing.
_MISSING = {"", "undefined", "nan", "null", "none", "-", "--", "n/a", "na"}
_SUFFIX = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")  # thousands spaces (French: U+202F, U+00A0)
_NUMBER = re.compile(r"([+-]?)(\d+(?:[.,]\d+)*)([kmb]?)(%?)", re.IGNORECASE)
# Longest cell read as a figure: "-1,234,567,890,123.45%" and its spaces fit; a longer one is
# text (and a 5,000-digit cell would pass Python's int() limit, PEP 651's 4,300 digits).
_LONGEST = 40
# Largest figure believed: Excel keeps 15 significant digits ("Excel specifications and limits",
# number precision), so a count of 10**15 or more could not even be shown exactly in the XLSX
# report, and no platform's views come near it (the most viewed videos ever: ~10**10). Such a
# cell is a broken or hostile export: unknown, not a 1e+31 in the week's totals.
_LARGEST = 10**15
# Years an export day or a report week may be in: dates near Python's ends (years 1 and 9999)
# overflow once a day or a week is added or taken away; no platform export predates Unix time
# (1970), the clock of TikTok's Overview zip names.
FIRST_YEAR, LAST_YEAR = 1970, 9998
_CLOCK = re.compile(r"(\d+):(\d{2})(?::(\d{2}))?")


def number(cell: str | None) -> int | float | None:
    """A figure from one cell: int when whole, float otherwise, None when the cell holds no
    figure (`undefined`, `NAN`, empty, text). "12,400" -> 12400 (a comma or point followed by
    exactly three digits groups thousands), "1.2K" -> 1200, "3,4 M" -> 3400000, "12,5" -> 12.5,
    "-2" -> -2, "5.56%" -> 5.56 (the percent sign kept as the number shown), "0:01:04" -> 64
    (seconds, for YouTube's average view duration). A figure of 10**15 or more either way is
    None too (see _LARGEST)."""
    if cell is None:
        return None
    if len(cell) > _LONGEST:  # no figure is written with this many characters
        return None
    if cell.isdigit() and cell.isascii():  # most cells: skip the patterns (~5x faster)
        return int(cell) if len(cell) <= 15 else _believed(int(cell))
    text = _SPACES.sub("", str(cell)).strip().strip('"')
    if text.casefold() in _MISSING:
        return None
    clock = _CLOCK.fullmatch(text)
    if clock:
        h, m, s = clock.groups()
        return int(h) * 3600 + int(m) * 60 + int(s) if s is not None else int(h) * 60 + int(m)
    found = _NUMBER.fullmatch(text)
    if not found:
        return None
    sign, digits, suffix, _percent = found.groups()
    value = _digits(digits, bool(suffix))
    if value is None:
        return None
    if suffix:
        value = value * _SUFFIX[suffix.lower()]
    value = -value if sign == "-" else value
    if isinstance(value, float) and value.is_integer() and (suffix or "." not in digits
                                                            and "," not in digits):
        return _believed(int(value))
    return _believed(round(value) if suffix else value)


def _believed(value: int | float) -> int | float | None:
    return value if -_LARGEST < value < _LARGEST else None


def _digits(text: str, scaled: bool) -> int | float | None:
    parts = re.split(r"[.,]", text)
    if len(parts) == 1:
        return int(text)
    seps = [c for c in text if c in ".,"]
    last = parts[-1]
    # "1.2K", "3,4M": with a suffix the last separator is always the decimal one.
    if scaled:
        whole = "".join(parts[:-1])
        return float(f"{whole}.{last}")
    if len(set(seps)) == 2:  # "1,234.5" or "1.234,5": the last one is the decimal separator
        return float("".join(parts[:-1]) + "." + last)
    if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
        return int("".join(parts))  # "12,400", "1.044": thousands (no export writes 3 decimals)
    if len(parts) == 2:
        return float(f"{parts[0]}.{last}")
    return None


def whole(cell: str | None) -> int | None:
    """`number` rounded to a whole count (views, likes), None when no figure."""
    value = number(cell)
    return None if value is None else int(round(value))


_MONTHS = {
    # English (TikTok, YouTube "Nov 24, 2026") and French ("24 novembre", "24 nov.") month
    # names: the languages of the exports we have seen; a mapping covers any other header.
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
_ABBREVIATED = {name[:3]: n for name, n in _MONTHS.items() if name.isascii()}
_ABBREVIATED.update({"fév": 2, "déc": 12, "juil": 7, "sept": 9})


def month(word: str) -> int | None:
    w = word.strip().rstrip(".").casefold()
    return _MONTHS.get(w) or _ABBREVIATED.get(w) or _ABBREVIATED.get(w[:3])


_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2})?)?")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::\d{2})?)?")
_MONTH_DAY = re.compile(r"([^\W\d]+\.?)\s+(\d{1,2})(?:,\s*(\d{4}))?")   # November 24[, 2026]
_DAY_MONTH = re.compile(r"(\d{1,2})\.?\s+([^\W\d]+\.?)(?:\s+(\d{4}))?")  # 24 novembre [2026]


def moment(cell: str, reference: dt.date | None = None) -> tuple[dt.date, dt.time | None] | None:
    """(date, time or None) of a date cell in any form the exports use, None when it is not a
    date. A date without a year takes the latest year in which it falls on or before
    `reference` + 1 day (`reference`: the export's end from a zip name, else the import date),
    so "December 28" read on 5 January is last year's and "January 2" this year's. A year
    outside FIRST_YEAR..LAST_YEAR is not a date either."""
    text = " ".join(str(cell).strip().split())
    if not text:
        return None
    found = _ISO.fullmatch(text)
    if found:
        y, mo, d, h, mi = found.groups()
        return _made(int(y), int(mo), int(d), h, mi)
    found = _US.fullmatch(text)
    if found:  # Meta's "MM/DD/YYYY HH:MM" (SPECS.md): month first
        mo, d, y, h, mi = found.groups()
        return _made(int(y), int(mo), int(d), h, mi)
    found = _MONTH_DAY.fullmatch(text)
    if found:
        mo, d, y = month(found.group(1)), int(found.group(2)), found.group(3)
    else:
        found = _DAY_MONTH.fullmatch(text)
        if not found:
            return None
        d, mo, y = int(found.group(1)), month(found.group(2)), found.group(3)
    if mo is None:
        return None
    if y is not None:
        return _made(int(y), mo, d, None, None)
    return _yearless(mo, d, reference or clock.today())


def _made(y, mo, d, h, mi):
    if not FIRST_YEAR <= y <= LAST_YEAR:  # "0001-01-01 00:00" Sydney is year 0 in UTC
        return None
    try:
        day = dt.date(y, mo, d)
        return day, (dt.time(int(h), int(mi)) if h is not None else None)
    except ValueError:
        return None


def _yearless(mo: int, d: int, reference: dt.date):
    limit = reference + dt.timedelta(days=1)
    for year in (limit.year, limit.year - 1, limit.year - 2, limit.year - 3, limit.year - 4):
        try:
            day = dt.date(year, mo, d)
        except ValueError:  # 29 February in a year without one: try the year before
            continue
        if day <= limit:
            return day, None
    return None


def day(cell: str, reference: dt.date | None = None) -> dt.date | None:
    found = moment(cell, reference)
    return found[0] if found else None
