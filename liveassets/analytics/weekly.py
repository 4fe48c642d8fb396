"""The weekly report's figures: one dict built from the analytics snapshots, the library's posts
and their assets, for a Monday-Sunday week in the team's time zone. Every output (JSON, PDF,
XLSX, HTML, the window's Report view) is drawn from this dict and nothing else.

Shape (keys are only ever added, never renamed; a figure the exports do not give is None):

    {"week": "2026-W48", "from": "2026-11-23", "to": "2026-11-29",
     "zone": "Australia/Sydney", "generated": "2026-12-01T09:00:00+11:00",
     "platforms": {"tiktok": {
         "views", "likes", "comments", "shares", "saves", "followers_net", "profile_views",
         "reach", "new_followers",                       # int or None (summed over the days)
         "engagements": int or None,                      # likes+comments+shares(+saves)
         "engagement_rate": float or None,                # engagements / views (0.081 = 8.1 %)
         "engagement_denominator": "views",
         "days": 7,                                       # days of the week with any figure
         "accounts": ["liveanz"],
         "by_account": {"liveanz": {same figures}},
         "previous": {same figures, for the week before},
         "change": {"views": 0.77, ...},                  # (this - previous) / previous, or None
         "exported": "2026-11-30" or None,              # the newest export of its days
         "paid": {"posts", "views"} or None,     # its paid posts (analytics/paid.py); the
                                                 # same under "previous" for the week before
         "posts_total": {"posts", "views", "likes", "comments", "shares", "saves",
                         "engagement_rate"},  # the week's post figures summed (Instagram's
                                              # account files give views, not likes)
     }},
     "daily": {"tiktok": [{"date": "2026-11-23", "views", "likes", "comments", "shares",
                           "saves", "followers_net", "profile_views",
                           "provisional": bool}, ... 7 days]},  # exported < 3 days after
     "posts": [{"post_id": library post id or None, "platform", "account",
                "platform_post_id", "url", "caption", "published_at" (local ISO, or a date),
                "hour": 0-23 or None (posting hour in `zone`),
                "views", "likes", "comments", "shares", "saves", "engagement_rate",
                "asset_ids": [...], "tags": [...], "content_type": "video"|"photo",
                "match": "id|time|caption|confirmed|none", "suggested": bool,
                "figures": "week|lifetime", "as_of": "2026-11-30",
                "thumbnail_asset_id": the first asset whose rights allow internal use today
                                      (catalog.thumb_path(id) is its picture) or None,
                "thumbnail_withheld": "" or why no picture ("crowd.jpg: restricted"),
                "paid": "spark"|"boost"|"promotion"|"promoted"|"organic"|None (not marked),
                "paid_label": "paid: Spark Ads"|"organic"|"not marked"|...,
                "paid_source": "library"|"export"|"", "paid_conflict": "" or the disagreement,
                "paid_views": the export's paid views of the week or None,
                "spark_code": bool (an asset came with a Spark Ads code, intake)}],
                                                                      # sorted by views, desc
     "top": [posts entries], "bottom": [posts entries],               # copies, no overlap
     "ranked_on": "organic" | "all",          # organic: paid posts are not ranked (paid.py)
     "paid_posts": [posts entries that were paid], # listed apart, biggest first
     "by_tag": {"campaign:x": {"posts", "views", "likes", "comments", "shares", "saves",
                               "engagement_rate"}},
     "by_creator": {"@mia": {...}}, "by_campaign": {"LIVE Fest": {...}},
     "by_content_type": {"video": {...}, "photo": {...}},
     "by_hour": {"18": {...}}, "by_hashtag": {"#livefest": {...}},
     "no_figures": [library post ids published that week with no figures yet],
     "notes": ["tiktok: one content snapshot only: post figures are lifetime totals", ...],
     "summary": ["TikTok views up 77 % on the week (65,497 against 36,910)", ...],
     "paid": None or the organic/paid split (analytics/paid.py `split`)}

A week's post figures are the difference between the latest content snapshot exported on or
before the Monday and the latest exported after it up to the Monday after, else the earliest
exported in the week after that (a Tuesday import: `notes` says the figures run past the
Sunday). A post published in the week starts from zero; with no earlier snapshot for an older post the figures are its
lifetime totals, "figures": "lifetime", and `notes` says so. Such posts are listed in "posts"
only: "top", "bottom", the roll-ups and "posts_total" count posts with the week's own figures.
Paid posts (a Spark Ads boost, ...; analytics/paid.py) count in "posts_total" but never in the
roll-ups, and in "top"/"bottom" only when ranked on "all".
"""

from __future__ import annotations

import datetime as dt
import re

from liveassets import clock
from liveassets.analytics import paid as paid_split
from liveassets.analytics import rollups
from liveassets.analytics.join import Links, export_instant, link_key, match_all, post_instant
from liveassets.analytics.snapshots import AnalyticsStore
from liveassets.analytics.values import FIRST_YEAR, LAST_YEAR  # 0001-W01 raised OverflowError
from liveassets.catalog.rights import may_publish
from liveassets.errors import UserError
from liveassets.typed_dates import NotADateError, TypedDateError, parse_day

FIGURES = ("views", "likes", "comments", "shares", "saves", "followers_net", "profile_views",
           "reach", "new_followers")
DAILY = ("views", "likes", "comments", "shares", "saves", "followers_net", "profile_views")
POST_FIGURES = ("views", "likes", "comments", "shares", "saves")
_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)


class ReportError(UserError):
    pass



def week_bounds(week: str | None = None, today: dt.date | None = None) -> tuple[str, dt.date]:
    """("2026-W48", its Monday) for an ISO week "2026-W48" (or "2026W48"), or a day typed in
    it ("25/11/2026", day first, "25 Nov 2026", "2026-11-25": typed_dates.parse_day), or for
    None the last complete week before `today` (default: today in the team's zone). Raises
    ReportError."""
    if week is None:
        today = today or clock.today()
        monday = today - dt.timedelta(days=today.weekday() + 7)
    elif not _WEEK.fullmatch(week.strip()):
        try:
            day = parse_day(week)
        except NotADateError:
            raise ReportError(f'"{week}" is not a week: write it as an ISO week, e.g. 2026-W48, '
                              "or a day in it, e.g. 25/11/2026.") from None
        except TypedDateError as e:  # "11/25/2026 has no month 25: write day first, ..."
            raise ReportError(str(e)) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ReportError(f"{week} is outside the years a report covers ({FIRST_YEAR} to "
                              f"{LAST_YEAR}): check the year.")
        monday = day - dt.timedelta(days=day.weekday())
    else:
        found = _WEEK.fullmatch(week.strip())
        year = int(found.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ReportError(f"{week} is outside the years a report covers ({FIRST_YEAR} to "
                              f"{LAST_YEAR}): check the year.")
        try:
            monday = dt.date.fromisocalendar(year, int(found.group(2)), 1)
        except ValueError:
            raise ReportError(f"{week} does not exist: ISO years have 52 or 53 weeks.") from None
    y, w, _ = monday.isocalendar()
    return f"{y}-W{w:02d}", monday


def weekly_report(catalog, week: str | None = None, zone: str | None = None,
                  today: dt.date | None = None, ranked_on: str = "organic") -> dict:
    """The figures of one week (see the module docstring for the shape). `week` "2026-W48"
    (default: the last complete week before `today`, itself default today in the team's zone);
    `zone` an IANA zone for posting hours and the week's days (default: the team's,
    clock.zone_name()). Daily figures stay on the platforms' own days (an export gives dates,
    not instants); exported posting times are the account's clock, read in the team's zone and
    shown in `zone`. `ranked_on` "organic" (default) ranks top and bottom posts among organic
    posts only, "all" among every post (paid ones badged). Raises ReportError for a bad week
    or zone, UserError for a bad ranking. Reads only."""
    from zoneinfo import ZoneInfo

    from liveassets.publish.posts import PostStore

    ranked_on = paid_split.check_ranking(ranked_on)
    zone_name = zone or clock.zone_name()
    if not clock.valid_zone(zone_name):
        raise ReportError(f'"{zone_name}" is not a time zone: use an IANA name such as '
                          "Australia/Sydney.")
    tz = ZoneInfo(zone_name)
    label, monday = week_bounds(week, today)
    sunday = monday + dt.timedelta(days=6)
    store = AnalyticsStore(catalog)
    days, exported = store.split()
    library = PostStore(catalog).all()
    # exported times are the account's wall clock, taken in the team's zone (not --tz)
    matches = match_all(exported, library, Links(catalog).answers())

    platforms, daily = {}, {}
    names = sorted({d["platform"] for d in days} | {e["platform"] for e in exported})
    for platform in names:
        mine = [d for d in days if d["platform"] == platform]
        figures = _totals(mine, monday, sunday)
        figures["accounts"] = sorted(({d.get("account") or "" for d in mine
                                       if monday.isoformat() <= d["date"] <= sunday.isoformat()}
                                      | {e.get("account") or "" for e in exported
                                         if e["platform"] == platform}) - {""})
        figures["by_account"] = {a: _totals([d for d in mine if d.get("account") == a],
                                            monday, sunday) for a in figures["accounts"]}
        before = monday - dt.timedelta(days=7)
        figures["previous"] = _totals(mine, before, before + dt.timedelta(days=6))
        figures["change"] = {k: _change(figures[k], figures["previous"][k])
                             for k in (*FIGURES, "engagements", "engagement_rate")}
        figures["exported"] = max((d.get("exported") or "" for d in mine), default="") or None
        platforms[platform] = figures
        daily[platform] = _daily(mine, monday)

    notes: list[str] = []
    for platform, rows in daily.items():
        late = [r["date"] for r in rows if r["provisional"]]
        if late:
            span = late[0] if len(late) == 1 else f"{late[0]} to {late[-1]}"
            notes.append(f"{platform}: the figures of {span} were exported less than "
                         f"{SETTLED_DAYS} days after them and may still grow (the platforms "
                         "report with a lag): import a later export to complete them.")
    posts = _week_posts(exported, matches, {p.id: p for p in library}, catalog, monday, tz, notes)
    posts.sort(key=lambda p: (-(p["views"] or 0), p["platform"], p["platform_post_id"]))
    # Lifetime totals are not the week's: listed, never ranked or summed with week figures;
    # paid posts are ranked only on request, never rolled up (analytics/paid.py).
    counted = [p for p in posts if p["figures"] == "week"]
    ranks = paid_split.ranking(posts, ranked_on)
    notes += paid_split.conflicts(posts) + paid_split.spark_notes(posts)
    reported = {p["post_id"] for p in posts if p["post_id"]}
    no_figures = [p.id for p in library if p.status == "published" and p.id not in reported
                  and _in_week(post_instant(p), monday, tz)]

    paid_now = paid_split.tally(posts)
    paid_before = _paid_before(exported, matches, {p.id: p for p in library},
                               monday - dt.timedelta(days=7))
    for platform, figures in platforms.items():
        figures["paid"] = paid_now.get(platform)
        figures["previous"]["paid"] = paid_before.get(platform)
        mine = [p for p in counted if p["platform"] == platform]
        total = rollups.all_rollups(mine)["by_content_type"]
        figures["posts_total"] = _sum_groups(total.values())
    report = {
        "week": label, "from": monday.isoformat(), "to": sunday.isoformat(), "zone": zone_name,
        "generated": clock.now().astimezone(tz).isoformat(timespec="seconds"),
        "platforms": platforms, "daily": daily, "posts": posts, "top": ranks["top"],
        "bottom": ranks["bottom"], "ranked_on": ranked_on, "paid_posts": ranks["paid_posts"],
        **rollups.all_rollups(ranks["organic"]),
        "no_figures": no_figures, "notes": notes, "paid": paid_split.split(posts, ranked_on),
    }
    from liveassets.analytics.summary import summary_lines

    report["summary"] = summary_lines(report)
    return report


def _sum_groups(groups) -> dict:
    out = {"posts": 0, **{k: None for k in POST_FIGURES}}
    for g in groups:
        out["posts"] += g["posts"]
        for k in POST_FIGURES:
            if g.get(k) is not None:
                out[k] = (out[k] or 0) + g[k]
    out["engagement_rate"] = rate(out)
    return out


def _in_week(at: dt.datetime | None, monday: dt.date, tz) -> bool:
    if at is None:
        return False
    local = at.astimezone(tz).date()
    return monday <= local <= monday + dt.timedelta(days=6)


def _totals(days: list[dict], first: dt.date, last: dt.date) -> dict:
    """Figures summed over [first, last]; a figure no day gives is None (never 0)."""
    lo, hi = first.isoformat(), last.isoformat()
    out: dict = {k: None for k in FIGURES}
    seen = set()
    for d in days:
        if lo <= d["date"] <= hi:
            figures = d.get("figures") or {}
            if figures:
                seen.add(d["date"])
            for k in FIGURES:
                v = figures.get(k)
                if v is not None:
                    out[k] = (out[k] or 0) + v
    out["engagements"] = engagements(out)
    out["engagement_rate"] = rate(out)
    out["engagement_denominator"] = "views"
    out["days"] = len(seen)
    return out


def engagements(f: dict) -> int | None:
    """likes + comments + shares (+ saves where given); None when none of them is given."""
    parts = [f.get(k) for k in ("likes", "comments", "shares", "saves")]
    return None if all(v is None for v in parts) else sum(v or 0 for v in parts)


def rate(f: dict) -> float | None:
    """Engagement rate = engagements / views (SPECS.md: one named denominator); None without
    views or engagements. A fraction: 0.081 means 8.1 %."""
    e, views = engagements(f), f.get("views")
    return None if e is None or not views else round(e / views, 4)


def _change(now, before) -> float | None:
    if now is None or before is None or before == 0:
        return None
    return round((now - before) / abs(before), 4)


# TikTok Studio's data lag 2-3 days (SPECS.md "Analytics exports"): a day exported less than
# this many days after it may still grow.
SETTLED_DAYS = 3


def _daily(days: list[dict], monday: dt.date) -> list[dict]:
    out = []
    for i in range(7):
        day = monday + dt.timedelta(days=i)
        date = day.isoformat()
        row = {"date": date, **{k: None for k in DAILY}, "provisional": False}
        for d in days:
            if d["date"] == date:
                for k in DAILY:
                    v = (d.get("figures") or {}).get(k)
                    if v is not None:
                        row[k] = (row[k] or 0) + v
                exported = d.get("exported")
                if exported and (dt.date.fromisoformat(exported) - day).days < SETTLED_DAYS:
                    row["provisional"] = True
        out.append(row)
    return out


def post_figures(snapshots: dict[str, dict], published: str | None, monday: dt.date
                 ) -> tuple[dict, str, str] | None:
    """(figures, "week"|"lifetime", as-of day) of one exported post for the week starting
    `monday`, from its snapshots {export day ISO: {figure: int}}. The end is the latest
    snapshot exported after the Monday up to the Monday after, else the earliest in the week
    after that; None when there is neither (nothing is known of that week)."""
    start_day, end_limit = monday.isoformat(), (monday + dt.timedelta(days=7)).isoformat()
    late_limit = (monday + dt.timedelta(days=14)).isoformat()
    before = [d for d in snapshots if d <= start_day]
    after = [d for d in snapshots if start_day < d <= end_limit]
    if not after:
        # Exported later in the next week (a Tuesday import): the earliest such snapshot,
        # its day in "as_of" so the report can say the figures run past the Sunday.
        later = sorted(d for d in snapshots if end_limit < d <= late_limit)
        if not later:
            return None
        after = later[:1]
    end = snapshots[max(after)]
    if before:
        start, kind = snapshots[max(before)], "week"
    elif published and published[:10] >= start_day:
        start, kind = {}, "week"  # published in the week: it started from nothing
    else:
        start, kind = {}, "lifetime"
    out = {}
    for k in (*POST_FIGURES, "paid_views"):
        e, s = end.get(k), start.get(k)
        out[k] = None if e is None else e - (s or 0)
    if start and start.get("paid_views") is None:
        out["paid_views"] = None  # the earlier export had no paid split: no week's difference
    return out, kind, max(after)


def _paid_before(exported, matches, library, monday: dt.date) -> dict[str, dict]:
    """paid.tally of the week starting `monday` (the week before's paid posts, for the
    change on the week) without building that week's post entries."""
    if not any(p.paid for p in library.values()) and not any(e.get("promoted")
                                                             for e in exported):
        return {}                 # nothing was ever marked or said paid: the usual case
    week = (monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat())
    entries = []
    for e in exported:
        if e.get("published") and e["published"][:10] > week[1]:
            continue
        match = matches.get(link_key(e["platform"], e["platform_post_id"]))
        post = library.get(match.post_id) if match and match.post_id else None
        keys = paid_split.post_paid(post.paid if post else None, e.get("promoted"), week)
        if not paid_split.is_paid(keys):
            continue
        found = post_figures(e.get("snapshots") or {}, e.get("published"), monday)
        if found is not None and found[1] == "week":
            entries.append({"platform": e["platform"], "views": found[0]["views"], **keys})
    return paid_split.tally(entries)


def _week_posts(exported, matches, library, catalog, monday, tz, notes) -> list[dict]:
    out = []
    assets: dict[str, dict | None] = {}  # read each asset once: many posts share one
    lifetime_platforms = set()
    end = (monday + dt.timedelta(days=6)).isoformat()
    end_limit = (monday + dt.timedelta(days=7)).isoformat()
    for e in exported:
        if e.get("published") and e["published"][:10] > end:
            continue  # published after the week
        found = post_figures(e.get("snapshots") or {}, e.get("published"), monday)
        if found is None:
            continue
        figures, kind, as_of = found
        if kind == "lifetime":
            lifetime_platforms.add(e["platform"])
        match = matches.get(link_key(e["platform"], e["platform_post_id"]))
        post = library.get(match.post_id) if match and match.post_id else None
        asset_ids = list(post.asset_ids) if post else []
        tags, kinds, thumb, withheld, spark = [], set(), None, "", False
        for a in asset_ids:
            if a not in assets:
                assets[a] = catalog.get(a) if a in catalog else None
            doc = assets[a]
            if doc is not None:
                kinds.add(doc.get("kind"))
                spark = spark or paid_split.has_spark_code(doc)
                tags += [t for t in doc.get("tags", []) if t not in tags]
                if thumb is None:
                    # The report is the team's internal update: an asset's picture appears in
                    # it only when its rights allow internal use today (HOUSE.md: every export
                    # asks may_publish).
                    decision = may_publish(doc, audience="internal", catalog=catalog)
                    if decision:
                        thumb = a
                    elif not withheld:
                        withheld = f"{doc.get('name') or a}: {decision.reason}"
        content = ("video" if "video" in kinds else "photo") if kinds else e.get("type") or "video"
        at = export_instant(e.get("published"))  # the account's clock = the team's zone
        if at is None and post is not None:
            at = post_instant(post)
        at = at.astimezone(tz) if at is not None else None
        out.append({
            "post_id": post.id if post else None, "platform": e["platform"],
            "account": e.get("account", ""), "platform_post_id": e["platform_post_id"],
            "url": e.get("url", ""), "caption": e.get("caption", ""),
            "published_at": e.get("published"), "hour": at.hour if at else None,
            **figures, "engagement_rate": rate(figures), "asset_ids": asset_ids, "tags": tags,
            "content_type": content, "match": match.tier if match else "none",
            "suggested": bool(match and match.needs_confirming), "figures": kind,
            "as_of": as_of, "thumbnail_asset_id": thumb,
            "thumbnail_withheld": "" if thumb else withheld,
            **paid_split.post_paid(post.paid if post else None, e.get("promoted"),
                                   (monday.isoformat(), end)),
            "spark_code": spark,
        })
    late = sorted({(p["platform"], p["as_of"]) for p in out if p["as_of"] > end_limit})
    for platform, day in late:
        notes.append(f"{platform}: post figures run to the export of {day}, after the week's "
                     "end: import the content export on the Monday to cut them at the week.")
    for p in sorted(lifetime_platforms):
        notes.append(f"{p}: posts published before {monday.isoformat()} have no content "
                     "snapshot from before the week, so their figures are lifetime totals; "
                     "import a content export each Monday to get the week's own figures.")
    return out
