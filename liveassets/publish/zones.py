"""Time zones for scheduling: zones by name (the team's zone comes from liveassets.clock), the
system's zone (tzlocal-style detection with zoneinfo, offered as a suggestion), and wall-clock
times that fall in a DST gap or overlap."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from liveassets import clock
from liveassets.errors import UserError

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
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError):
        return False


def default_zone_name() -> str:
    """The zone new posts get: the team's (clock.zone_name: the library's setting, else
    $LIVEASSETS_TZ, else Australia/Sydney), never the machine's, so every view agrees."""
    return clock.zone_name()


def zone(name: str | None) -> ZoneInfo:
    """The zone by IANA name (None: the team's); raises ZoneError for an unknown name."""
    name = name or default_zone_name()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ZoneError(f'"{name}" is not a time zone: use a name such as Australia/Sydney '
                        "or Pacific/Auckland.") from None


def localize(naive: dt.datetime, zone_name: str, fold: int = 0, strict: bool = True) -> dt.datetime:
    """Attach a zone to a wall-clock time. A time inside a DST gap (02:30 when clocks jump from
    02:00 to 03:00) does not exist: raise a ZoneError when strict, else move it forward by the
    gap. In an overlap (the repeated hour in April) `fold=0` is the first pass, 1 the second."""
    tz = zone(zone_name)
    aware = naive.replace(tzinfo=tz, fold=fold)
    back = aware.astimezone(dt.timezone.utc).astimezone(tz)
    if back.replace(tzinfo=None) != naive:
        if strict:
            raise ZoneError(
                f"{naive:%Y-%m-%d %H:%M} does not exist in {zone_name}: the clocks jump forward "
                f"that night. Pick {back:%H:%M} or later.")
        return back
    return aware


def parse_when(text: str, zone_name: str, fold: int = 0) -> dt.datetime:
    """'YYYY-MM-DD HH:MM' (or ISO with an offset) -> an aware datetime in the zone."""
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("T", " "))
    except ValueError:
        raise UserError(f'"{text}" is not a date and time: write it as YYYY-MM-DD HH:MM, '
                        "e.g. 2026-10-04 18:30.") from None
    if when.tzinfo is not None:
        return when.astimezone(zone(zone_name))
    return localize(when, zone_name, fold=fold)


def parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f'"{text}" is not a date: write it as YYYY-MM-DD.') from None


def known_zones() -> set[str]:
    return available_timezones()
