"""The app's one clock: the current instant (aware, UTC) and today's date in the team's time zone.

Every "now" and "today" in LiveAssets, core, window and command line, comes from here, so the
calendar, the rights badges, the composer's rights line and the gates agree on which day it
is even when the computer's own zone differs from the team's (a machine on UTC at 14:30 on the
9th is already 01:30 on the 10th in Sydney). The team's zone is one setting kept in the library
(`PublishSettings.team_zone`); the catalog hands it to `use_zone` when it opens or when the
setting changes. Tests pin the instant with `freeze`.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# The region's default (SPECS.md: Australia and New Zealand, "Australia/Sydney is a sensible
# default"); a library's own setting, else $LIVEASSETS_TZ, comes first.
DEFAULT_ZONE = "Australia/Sydney"

_zone_name: str | None = None        # the open library's setting ("" / None: not set)
_fixed: dt.datetime | None = None    # a pinned instant (tests, screenshots)


def valid_zone(name: str) -> bool:
    """True for an IANA zone name this machine's tz database knows ('Pacific/Auckland').
    False for anything else, including what zoneinfo meets as a file error: a region folder
    ("Australia" raises IsADirectoryError) or a name too long for a file name (OSError)."""
    try:
        ZoneInfo(name)
        return True
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False


def use_zone(name: str | None) -> None:
    """Make `name` the team's zone (None or "": the default). An unknown name is ignored with
    the default standing in, so a library written elsewhere still opens."""
    global _zone_name
    _zone_name = name if name and valid_zone(name) else None


def zone_name() -> str:
    """The team's zone: the library's setting, else $LIVEASSETS_TZ, else DEFAULT_ZONE."""
    if _zone_name:
        return _zone_name
    env = os.environ.get("LIVEASSETS_TZ", "")
    return env if env and valid_zone(env) else DEFAULT_ZONE


def zone() -> ZoneInfo:
    return ZoneInfo(zone_name())


def now() -> dt.datetime:
    """The current instant, aware, in UTC (the pinned one while frozen)."""
    if _fixed is not None:
        return _fixed
    return dt.datetime.now(dt.timezone.utc)


def local_now() -> dt.datetime:
    """The current instant as the team's wall clock shows it (aware, in the team's zone)."""
    return now().astimezone(zone())


def today() -> dt.date:
    """Today's date in the team's zone: the day rights, calendars and 'expiring soon' use."""
    return local_now().date()


def seconds_to_midnight() -> float:
    """Seconds until the next midnight in the team's zone (> 0), for views that show "today".
    Midnight is taken on the wall clock, so a DST change that day is counted in."""
    here = local_now()
    tomorrow = dt.datetime.combine(here.date() + dt.timedelta(days=1), dt.time(0),
                                   tzinfo=here.tzinfo)
    # Subtract in UTC: aware datetimes sharing a tzinfo subtract as wall clocks (PEP 495).
    gap = tomorrow.astimezone(dt.timezone.utc) - here.astimezone(dt.timezone.utc)
    return max(1.0, gap.total_seconds())


def freeze(instant: dt.datetime | None) -> None:
    """Pin `now()` to an aware instant (None: follow real time again). A naive instant is
    refused: which moment it names depends on a zone it does not carry."""
    global _fixed
    if instant is not None and instant.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    _fixed = None if instant is None else instant.astimezone(dt.timezone.utc)


@contextmanager
def frozen(instant: dt.datetime, team_zone: str | None = None):
    """`with frozen(at, "Australia/Sydney"):` pins the instant (and the zone) for a block."""
    global _zone_name
    saved = _fixed, _zone_name
    freeze(instant)
    if team_zone is not None:
        use_zone(team_zone)
    try:
        yield
    finally:
        freeze(saved[0])
        _zone_name = saved[1]
