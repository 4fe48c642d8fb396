"""How the weekly report writes its figures, in one place for the PDF, the HTML page and the
window: whole numbers with thousands separators, rates and changes in percent, and every date
and time in the team's zone with the zone named (the figures dict carries the zone it was
computed in; `weekly.py` documents the dict)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from liveassets import clock

# The KPI columns of the report, in the order the issue lists them, with their labels.
KPIS = (("views", "Views"), ("likes", "Likes"), ("comments", "Comments"),
        ("shares", "Shares"), ("saves", "Saves"), ("engagement_rate", "Engagement rate"),
        ("followers_net", "Net followers"), ("profile_views", "Profile views"))
POST_FIGURES = (("views", "views"), ("likes", "likes"), ("comments", "comments"),
                ("shares", "shares"), ("saves", "saves"))
PLATFORM_NAMES = {"tiktok": "TikTok", "instagram": "Instagram", "youtube": "YouTube"}
# The rollups, in the order the report shows them (the issue's "campaign, creator, content
# type and hashtag set"), with the figures key each comes from.
ROLLUPS = (("by_campaign", "By campaign"), ("by_creator", "By creator"),
           ("by_content_type", "By content type"), ("by_hashtag", "By hashtag"),
           ("by_tag", "By tag"))


def zone_of(figures: dict) -> ZoneInfo:
    """The zone the figures were computed in (their "zone"), else the team's (clock.py)."""
    name = figures.get("zone") or clock.zone_name()
    return ZoneInfo(name) if clock.valid_zone(name) else clock.zone()


def platform_name(key: str) -> str:
    return PLATFORM_NAMES.get(key, key.title() if key else "Unknown platform")


def number(value) -> str:
    """65497 -> '65,497'; None -> '–' (not given by the platform, never 0)."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def percent(rate) -> str:
    """0.0781 -> '7.8 %' (a fraction as percent, one decimal); None -> '–'."""
    return "–" if rate is None else f"{rate * 100:.1f} %"


def change(now, before, rate: bool = False) -> str:
    """The change against the week before: '+77.5 %' for counts, '+0.4 pt' for rates
    (a change of a percentage is in points), 'new' when the week before had none, '–' when
    either is unknown."""
    if now is None or before is None:
        return "–"
    if rate:
        return f"{(now - before) * 100:+.1f} pt"
    if before == 0:
        return "±0" if now == 0 else "new"
    return f"{(now - before) / abs(before) * 100:+.1f} %"


def day(date: str | dt.date, figures: dict, weekday: bool = True) -> str:
    """'2026-11-23' -> 'Mon 23 Nov 2026' (a calendar day of the team's zone)."""
    d = dt.date.fromisoformat(date) if isinstance(date, str) else date
    return d.strftime("%a %d %b %Y" if weekday else "%d %b %Y")


def week_line(figures: dict) -> str:
    """'2026-W48: Mon 23 Nov 2026 to Sun 29 Nov 2026 (Australia/Sydney)'."""
    zone = figures.get("zone") or clock.zone_name()
    return (f"{figures.get('week', '')}: {day(figures['from'], figures)} to "
            f"{day(figures['to'], figures)} ({zone})")


def _instant(value, figures: dict) -> dt.datetime | dt.date | None:
    """A publish time as an aware datetime in the report's zone; a bare date stays a date.
    Text without an offset is the zone's wall clock (weekly.py gives the exports' local
    times: a TikTok export carries no zone); an aware time is converted."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        if len(text) == 10:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return None
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    if not isinstance(value, dt.datetime):
        return None
    tz = zone_of(figures)
    return value.replace(tzinfo=tz) if value.tzinfo is None else value.astimezone(tz)


def when(value, figures: dict) -> str:
    """A post's publish time (ISO text, datetime or date) in the report's zone:
    'Tue 24 Nov 2026 18:05 AEDT', or 'Tue 24 Nov 2026 (Australia/Sydney)' for a day;
    '' for none; the text itself when it is not a time."""
    if not value:
        return ""
    at = _instant(value, figures)
    if at is None:
        return str(value)
    if not isinstance(at, dt.datetime):
        return f"{at:%a %d %b %Y} ({zone_of(figures).key})"
    return at.strftime("%a %d %b %Y %H:%M %Z")


def local_naive(value, figures: dict) -> dt.datetime | None:
    """A publish time as a naive datetime on the report zone's wall clock (for a spreadsheet
    cell, which has no zone: the sheet names it; a bare day is its midnight), or None."""
    at = _instant(value, figures) if value else None
    if at is None:
        return None
    if not isinstance(at, dt.datetime):
        return dt.datetime(at.year, at.month, at.day)
    return at.replace(tzinfo=None)


def post_figures(post: dict) -> str:
    """'24,000 views · 2,000 likes · 120 comments · 160 shares · engagement 9.5 %' (the
    figures the platform gave; saves only where given); '24,000 views (3,000 paid) · …' when
    the export splits paid views."""
    parts = [f"{number(post.get(k))} {label if post.get(k) != 1 else label[:-1]}"
             for k, label in POST_FIGURES if post.get(k) is not None]
    if post.get("engagement_rate") is not None:
        parts.append(f"engagement {percent(post['engagement_rate'])}")
    if post.get("paid_views") is not None and parts and post.get("views") is not None:
        parts[0] += f" ({number(post['paid_views'])} paid)"     # the export's own split
    if post.get("figures") == "lifetime":
        parts.append("lifetime totals (one snapshot so far)")
    return " · ".join(parts) if parts else "no figures yet"


def paid_badge(post: dict) -> str:
    """'paid: Spark Ads' for a paid post (its mark, else its export), '' for any other: the
    badge the PDF, HTML page and window put on a post's heading line (analytics/paid.py)."""
    from liveassets.analytics.paid import is_paid

    return str(post.get("paid_label") or "paid") if is_paid(post) else ""


def post_heading(rank: int, post: dict, figures: dict) -> str:
    """'1. TikTok · @liveanz · Tue 24 Nov 2026 20:15 AEDT · paid: Spark Ads'."""
    head = f"{rank}. {platform_name(post.get('platform', ''))}"
    if post.get("account"):
        head += f" · @{str(post['account']).lstrip('@')}"
    if post.get("published_at"):
        head += f" · {when(post['published_at'], figures)}"
    badge = paid_badge(post)
    return head + (f" · {badge}" if badge else "")


def ranking_line(figures: dict) -> str:
    """What the top and bottom posts are ranked among, when any post was paid ('' if none)."""
    paid = figures.get("paid")
    if not paid:
        return ""
    n = paid.get("posts") or 0
    many = "s" if n != 1 else ""
    if figures.get("ranked_on") == "all":
        return f"Ranked on every post's views: {n} paid post{many} among them, badged."
    return (f"Ranked on organic posts only (and posts not marked): {n} paid post{many} "
            f"{'are' if n != 1 else 'is'} listed under Paid posts.")


def paid_groups(figures: dict) -> dict[str, dict]:
    """The organic/paid split of the posts' figures as rollup-shaped groups, by platform:
    {"TikTok · organic": group, "TikTok · paid": group, ...}, plus "All · organic"/"All · paid"
    with two platforms or more; {} when no post was paid."""
    paid = figures.get("paid") or {}
    out = {}
    for key, pair in (paid.get("by_platform") or {}).items():
        for side in ("organic", "paid"):
            out[f"{platform_name(key)} · {side}"] = pair.get(side) or {}
    if len(paid.get("by_platform") or {}) > 1:
        for side in ("organic", "paid"):
            out[f"All · {side}"] = (paid.get("groups") or {}).get(side) or {}
    return out


def paid_lines(figures: dict) -> list[str]:
    """The sentences under the organic/paid table: what the groups hold, the exports' paid
    views, the posts nobody marked. Empty when no post was paid."""
    paid = figures.get("paid")
    if not paid:
        return []
    kinds = ", ".join(f"{n} {k}" for k, n in (paid.get("kinds") or {}).items())
    lines = [f"Paid posts this week: {kinds}. Organic counts every post not paid, those not "
             "marked included."]
    if paid.get("paid_views") is not None:
        lines.append(f"The exports say {number(paid['paid_views'])} of the paid posts' views "
                     "were paid.")
    if paid.get("not_marked"):
        n = paid["not_marked"]
        lines.append(f"{n} post{'s are' if n != 1 else ' is'} not marked paid or organic: "
                     "mark them in the composer or with liveassets post set ID --paid KIND "
                     "(or --organic).")
    return lines


def denominator_line(figures: dict) -> str:
    """The engagement rate's definition, naming its denominator (the issue asks for it)."""
    denominators = sorted({p.get("engagement_denominator") or "views"
                           for p in figures.get("platforms", {}).values()}) or ["views"]
    return ("Engagement rate = (likes + comments + shares + saves where given) / "
            + " or ".join(denominators) + ".")


def hour_label(hour) -> str:
    """18 or '18' -> '18:00'."""
    try:
        return f"{int(hour):02d}:00"
    except (TypeError, ValueError):
        return str(hour)


def has_figures(figures: dict) -> bool:
    """True when the week holds anything to report (account totals, daily rows or posts)."""
    return bool(figures.get("platforms") or figures.get("posts")
                or any(figures.get("daily", {}).values()))
