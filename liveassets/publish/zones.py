"""Time zones for scheduling: zones by name (the team's zone comes from liveassets.clock), the
system's zone (tzlocal-style detection with zoneinfo, offered as a suggestion), and wall-clock
times that fall in a DST gap or overlap."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

from liveassets import clock
from liveassets.errors import UserError
from liveassets.shorten import shorten
from liveassets.typed_dates import parse_date_time, parse_optional_day

FALLBACK_ZONE = "Australia/Sydney"
_UTC_ALIASES = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Universal", "GMT",
                "Etc/GMT"}


class ZoneError(UserError):
    pass


def system_zone_name(fallback: str = FALLBACK_ZONE) -> str:
    """The system's IANA zone name: $TZ, /etc/timezone, /etc/localtime's link, Windows' zone."""
    explicit = os.environ.get("TZ", "").lstrip(":")
    if explicit and _valid(explicit):
        return explicit  # a zone the user set on purpose, UTC included
    candidates = []
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    try:
        target = os.readlink("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    if os.name == "nt":  # pragma: no cover - Windows only
        candidates.append(_windows_zone())
    for name in candidates:
        # A machine set to UTC (servers, CI, fresh VMs) has no zone known to the user.
        if name and name not in _UTC_ALIASES and _valid(name):
            return name
    return fallback


def _windows_zone() -> str:  # pragma: no cover - Windows only
    try:
        import winreg

        key = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                             r"SYSTEM\CurrentControlSet\Control\TimeZoneInformation")
        name = winreg.QueryValueEx(key, "TimeZoneKeyName")[0]
    except OSError:
        return ""
    return {"AUS Eastern Standard Time": "Australia/Sydney",
            "E. Australia Standard Time": "Australia/Brisbane",
            "Cen. Australia Standard Time": "Australia/Adelaide",
            "AUS Central Standard Time": "Australia/Darwin",
            "W. Australia Standard Time": "Australia/Perth",
            "Tasmania Standard Time": "Australia/Hobart",
            "New Zealand Standard Time": "Pacific/Auckland",
            "UTC": "UTC"}.get(name, "")


def _valid(name: str) -> bool:
    return clock.valid_zone(name)


def default_zone_name() -> str:
    """The zone new posts get: the team's (clock.zone_name: the library's setting, else
    $LIVEASSETS_TZ, else Australia/Sydney), never the machine's, so every view agrees."""
    return clock.zone_name()


def zone(name: str | None) -> ZoneInfo:
    """The zone by IANA name (None: the team's); raises ZoneError for an unknown name."""
    name = name or default_zone_name()
    if not clock.valid_zone(name):  # "Australia" (a folder of zones), "x"*5000, "../etc"
        raise ZoneError(f'"{shorten(name, 60)}" is not a time zone: use a name such as '
                        "Australia/Sydney or Pacific/Auckland.")
    return ZoneInfo(name)


FOLD_WORDS = ("first", "second")   # fold=0, fold=1 (PEP 495), as the user chooses them


class AmbiguousTimeError(ZoneError):
    """A wall-clock time that happens twice (the repeated hour when clocks go back); `.local`
    is the LocalTime with both instants."""

    def __init__(self, message: str, local: "LocalTime"):
        super().__init__(message)
        self.local = local


class SkippedTimeError(ZoneError):
    """A wall-clock time that never happens (the hour skipped when clocks go forward); `.local`
    is the LocalTime with the suggested instant."""

    def __init__(self, message: str, local: "LocalTime"):
        super().__init__(message)
        self.local = local


@dataclass(frozen=True)
class LocalTime:
    """What a wall-clock time is in a zone, by the tz database's rules.

    kind: "ok" (one instant), "ambiguous" (two: `instants` = (first, second), i.e. fold=0 and
    fold=1 in PEP 495's terms, the first an hour earlier in UTC when clocks go back an hour) or
    "skipped" (none: `instants` = (); `suggestion` is the first instant after the gap, e.g.
    03:00 when Sydney's clocks jump from 02:00 to 03:00). Every datetime is aware, in the zone.
    """

    kind: str
    naive: dt.datetime
    zone_name: str
    instants: tuple[dt.datetime, ...] = ()
    suggestion: dt.datetime | None = None

    @property
    def first(self) -> dt.datetime | None:
        return self.instants[0] if self.instants else None

    @property
    def second(self) -> dt.datetime | None:
        return self.instants[-1] if self.instants else None


def offset_text(when: dt.datetime) -> str:
    """'+11:00' for an aware datetime (its UTC offset as ISO 8601 writes it)."""
    off = when.utcoffset() or dt.timedelta()
    sign = "-" if off < dt.timedelta() else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def instant_label(when: dt.datetime) -> str:
    """'02:30 AEDT (+11:00)': a wall-clock time that stays unambiguous when read."""
    return f"{when:%H:%M} {when.tzname()} ({offset_text(when)})"


def clock_label(when: dt.datetime, zone_name: str | None = None) -> str:
    """A time of day as people's sheets show it: '18:30', or '02:30 (second, +10:00)' where
    that wall-clock time happens twice in the zone (PEP 495 fold; tz database rules), so a
    reader can tell the two passes of a repeated hour apart."""
    tz = zone(zone_name) if zone_name else when.tzinfo
    local = when.astimezone(tz)
    text = f"{local:%H:%M}"
    # `local` is a real instant, so it is never in a gap: its wall-clock time happens twice
    # exactly when the other fold gives another UTC offset (PEP 495), as `classify` says
    # ("ambiguous") at a tenth of the cost; a sheet asks for every post
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        text += f" ({FOLD_WORDS[local.fold]}, {offset_text(local)})"
    return text


def classify(naive: dt.datetime, zone_name: str) -> LocalTime:
    """Whether a wall-clock time (naive; any tzinfo is dropped) exists once, twice or never in
    the zone. Uses PEP 495: a time is ambiguous when fold=0 and fold=1 give different UTC
    offsets and both read back as the same wall clock; skipped when it does not read back.
    The rules are the IANA tz database's (zoneinfo), so Brisbane (no DST) is always "ok".
    Raises ZoneError for an unknown zone."""
    tz = zone(zone_name)
    naive = naive.replace(tzinfo=None, fold=0)
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    back0 = first.astimezone(dt.timezone.utc).astimezone(tz)
    if back0.replace(tzinfo=None, fold=0) != naive:
        return LocalTime("skipped", naive, zone_name, (), _after_gap(naive, tz))
    if first.utcoffset() != second.utcoffset():
        # Normalise through UTC so each carries the fold zoneinfo gives it on the way back.
        return LocalTime("ambiguous", naive, zone_name,
                         (back0, second.astimezone(dt.timezone.utc).astimezone(tz)))
    return LocalTime("ok", naive, zone_name, (back0,))


def _after_gap(naive: dt.datetime, tz) -> dt.datetime:
    """The first instant whose wall clock comes after the gap holding `naive`: the moment of
    the transition (found by bisection on whole seconds between the two readings of `naive`,
    which lie on either side of it)."""
    before = naive.replace(tzinfo=tz, fold=1).astimezone(dt.timezone.utc)  # offset after gap
    after = naive.replace(tzinfo=tz, fold=0).astimezone(dt.timezone.utc)   # offset before gap
    lo, hi = min(before, after), max(before, after)
    old = (lo - dt.timedelta(seconds=1)).astimezone(tz).utcoffset()
    while hi - lo > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid.astimezone(tz).utcoffset() == old:
            lo = mid
        else:
            hi = mid
    if lo.astimezone(tz).utcoffset() != old:
        hi = lo
    return hi.astimezone(tz)


def _ambiguous_message(local: LocalTime, how: str) -> str:
    a, b = local.instants
    return (f"{local.naive:%Y-%m-%d %H:%M} happens twice in {local.zone_name} (the clocks go "
            f"back that night): first at {instant_label(a)}, then at {instant_label(b)}. {how}")


def _skipped_message(local: LocalTime, how: str) -> str:
    s = local.suggestion
    return (f"{local.naive:%Y-%m-%d %H:%M} does not exist in {local.zone_name}: the clocks jump "
            f"forward that night. The first time after the gap is {s:%H:%M}; {how}")


def localize(naive: dt.datetime, zone_name: str, fold: int | None = 0,
             strict: bool = True) -> dt.datetime:
    """Attach a zone to a wall-clock time (see `classify`; PEP 495, tz database rules).

    In an overlap (the repeated hour in April in Sydney) `fold=0` is the first pass and 1 the
    second; `fold=None` refuses the choice with AmbiguousTimeError. A time inside a DST gap
    (02:30 when clocks jump from 02:00 to 03:00) does not exist: SkippedTimeError when
    strict, else the first valid instant after the gap (03:00, not 03:30: the nearest time
    that exists, never a shift by the gap's length)."""
    local = classify(naive, zone_name)
    if local.kind == "skipped":
        if strict:
            raise SkippedTimeError(_skipped_message(local, f"pick {local.suggestion:%H:%M} or "
                                                    "later."), local)
        return local.suggestion
    if local.kind == "ambiguous":
        if fold is None:
            raise AmbiguousTimeError(_ambiguous_message(local, "Say which."), local)
        return local.instants[1 if fold else 0]
    return local.instants[0]


def parse_fold(text: str | None) -> int | None:
    """'first' -> 0, 'second' -> 1 (PEP 495's fold), None/'' -> None; UserError otherwise."""
    if not text:
        return None
    word = text.strip().casefold()
    if word not in FOLD_WORDS:
        raise UserError(f'"{text}" is not a choice for a repeated time: use first or second.')
    return FOLD_WORDS.index(word)


def parse_when(text: str, zone_name: str, fold: int | None = 0) -> dt.datetime:
    """A typed day and time ("31/12/2026 18:30", "31 Dec 2026 6:30pm", "2026-12-31 18:30",
    optionally with an offset: "2026-12-31 18:30 +11:00"; typed_dates.parse_date_time, day
    first) -> an aware datetime in the zone. A time with an offset names one instant. Without
    one, a time that happens twice takes `fold` (0 first, 1 second; None: AmbiguousTimeError
    naming both instants and how to choose), and a skipped time raises SkippedTimeError with
    the suggestion. Raises UserError (TypedDateError) for text that is not a date and time."""
    when = parse_date_time(text)
    check_year(when, text)
    if when.tzinfo is not None:
        return when.astimezone(zone(zone_name))
    local = classify(when, zone_name)
    if local.kind == "ambiguous" and fold is None:
        a, b = local.instants
        raise AmbiguousTimeError(_ambiguous_message(
            local, f'Choose with --at "{when:%Y-%m-%d %H:%M} {offset_text(a)}" or '
                   f'"{when:%Y-%m-%d %H:%M} {offset_text(b)}" (or --fold first|second).'), local)
    if local.kind == "skipped":
        s = local.suggestion
        raise SkippedTimeError(_skipped_message(
            local, f'use --at "{s:%Y-%m-%d %H:%M}" or later.'), local)
    return localize(when, zone_name, fold=fold)


# Years a post can go out or have gone out in: none of the platforms existed before 2000, and
# a year past 2999 is a typo. The bounds also keep every conversion through UTC, a calendar
# event's end and a sheet's dates inside what Python's datetime holds (years 1 to 9999): a post
# typed for 9999-12-31 23:59 made the calendar export overflow.
FIRST_YEAR, LAST_YEAR = 2000, 2999


def check_year(when: dt.datetime | dt.date, text: str | None = None) -> None:
    """Raise UserError (one line, quoting `text` or the date) when `when` falls outside
    FIRST_YEAR..LAST_YEAR."""
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        shown = text.strip() if text else f"{when:%Y-%m-%d}"
        raise UserError(f'"{shorten(shown, 60)}" is in the year {when.year}: a post goes out '
                        f"between {FIRST_YEAR} and {LAST_YEAR}. Check the year.")


def parse_day(text: str | None) -> dt.date | None:
    """A typed day option (--from, --to, --on, --as-of) -> datetime.date; None when left out.
    Day first, as typed_dates.parse_day reads it; raises UserError (TypedDateError)."""
    return parse_optional_day(text)


def known_zones() -> set[str]:
    return available_timezones()
