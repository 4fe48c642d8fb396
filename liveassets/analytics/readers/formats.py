"""What a known export file looks like: its platform, what one row is (a day of account figures,
a post's lifetime totals, an hour of follower activity, an audience breakdown) and which header
holds which figure. One `Format` per layout; the platform modules list theirs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

DAYS, POSTS, HOURS, AUDIENCE = "days", "posts", "hours", "audience"
SKIP = "-"  # a column mapped to this is read past (`--map "Leads=-"`)

# The figures a day of account data may carry, in the report's words. Rows keep only these.
DAY_FIGURES = ("views", "profile_views", "likes", "comments", "shares", "saves", "reach",
               "followers", "followers_net", "new_followers", "lost_followers", "viewers",
               "new_viewers", "returning_viewers")
POST_FIGURES = ("views", "likes", "comments", "shares", "saves", "reach", "follows",
                "subscribers", "watch_hours", "paid_views")

# Columns saying a post's reach was bought, in any platform's content export. None of the
# exports SPECS.md and ../shared/analytics/README.md describe has one (Spark Ads and boosts are
# reported in the ads managers); these are the names an ads-aware export or a person's own
# column would use, read when present so a file that has them is believed.
PAID_COLUMNS = {"promoted": "promoted", "paid": "promoted", "ad": "promoted",
                "boosted": "promoted", "spark ads": "promoted", "is ad": "promoted",
                "paid views": "paid_views", "views from ads": "paid_views",
                "organic views": "organic_views"}
_YES = {"yes", "y", "true", "1", "promoted", "paid", "boosted", "ad", "spark ads", "x", "✓"}
_NO = {"no", "n", "false", "0", "organic", "not promoted", "-", "–"}


def paid_fields(fields: dict, views: int | None) -> dict:
    """{"promoted": True/False/None, "paid_views": int or None} of a content row's
    PAID_COLUMNS: a flag as written ("Yes", "TRUE", "Promoted"; empty: not said), paid views
    given or found as views minus organic views; paid views above zero say "promoted" too."""
    from liveassets.analytics.values import whole

    flag = None
    if "promoted" in fields:
        cell = " ".join(str(fields["promoted"]).split()).casefold()
        flag = True if cell in _YES else False if cell in _NO else None
    paid = whole(fields["paid_views"]) if "paid_views" in fields else None
    organic = whole(fields["organic_views"]) if "organic_views" in fields else None
    if paid is None and organic is not None and views is not None:
        paid = max(views - organic, 0)
    if flag is None and paid is not None:
        flag = paid > 0
    return {"promoted": flag, "paid_views": paid}


def header_key(text: str) -> str:
    """A header as compared: case, surrounding quotes, a BOM and repeated spaces ignored."""
    return " ".join(text.replace("\ufeff", "").strip().strip('"').split()).casefold()


@dataclass(frozen=True)
class Context:
    """What a row's reader knows beyond the row: the date yearless dates are placed before
    (`reference`), the account named on the command line or in a zip's name, and the file."""

    reference: dt.date
    account: str = ""
    name: str = ""


@dataclass(frozen=True)
class Format:
    """`columns` maps a header (as `header_key` gives it) to the field it fills (SKIP: known,
    not used); `required` headers pick the format; `row(fields, context)` turns one row's
    fields (field -> cell text) into the stored row, or None to drop it (a total line)."""

    platform: str
    kind: str
    label: str
    required: tuple[str, ...]
    columns: dict[str, str]
    row: Callable[[dict, Context], dict | None] | None = None
    title_fields: dict[str, str] = field(default_factory=dict)  # Meta: the title names the figure

    def known(self) -> set[str]:
        return set(self.columns)


def day_row(fields: dict, context: Context) -> dict | None:
    """{"date": "2026-11-16", figure: int or None, ...}; None for a row without a date (a
    total line). Figures that are `undefined`/`NAN` stay None: never stored as a number."""
    from liveassets.analytics.values import day, whole

    when = day(fields.get("date", ""), context.reference)
    if when is None:
        return None
    out = {"date": when.isoformat()}
    for name, cell in fields.items():
        if name in DAY_FIGURES:
            out[name] = whole(cell)
    return out


def hour_row(fields: dict, context: Context) -> dict | None:
    from liveassets.analytics.values import day, whole

    when, hour = day(fields.get("date", ""), context.reference), whole(fields.get("hour"))
    if when is None or hour is None or not 0 <= hour <= 23:
        return None
    return {"date": when.isoformat(), "hour": hour, "active": whole(fields.get("active"))}


def posted(cell: str, context: Context) -> str | None:
    """A post's publish time as local wall-clock ISO text ("2026-11-24T20:15", or a bare date
    when the export gives no time), None when unreadable. The exports carry no zone: the
    time is the account's, taken as the team's zone when it is used (README of the fixtures)."""
    from liveassets.analytics.values import moment

    found = moment(cell or "", context.reference)
    if found is None:
        return None
    d, t = found
    return d.isoformat() if t is None else dt.datetime.combine(d, t).isoformat(timespec="minutes")
