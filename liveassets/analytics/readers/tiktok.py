"""TikTok's exports: TikTok Studio's per-tab CSVs (Overview, FollowerHistory, Viewers,
FollowerActivity, FollowerGender, FollowerTopTerritories, Content) and the TikTok Business
account's Overview, as SPECS.md "Analytics exports" and ../shared/analytics/README.md describe
them. Studio's and Business's daily columns are one vocabulary: the same figure has the same
header in both, so a day read from either is stored once."""

from __future__ import annotations

import re

from liveassets.analytics.readers.formats import (AUDIENCE, DAYS, HOURS, PAID_COLUMNS, POSTS,
                                                  SKIP, Context, Format, day_row, hour_row,
                                                  paid_fields, posted)

_DAY_COLUMNS = {
    "date": "date", "video views": "views", "profile views": "profile_views", "likes": "likes",
    "comments": "comments", "shares": "shares",
    "followers": "followers", "difference in followers from previous day": "followers_net",
    "total viewers": "viewers", "new viewers": "new_viewers",
    "returning viewers": "returning_viewers",
    # TikTok Business account export
    "reached audience": "reach", "net growth": "followers_net", "new followers": "new_followers",
    "lost followers": "lost_followers", "phone clicks": SKIP, "leads": SKIP,
    "website clicks": SKIP, "email clicks": SKIP, "address clicks": SKIP,
}
_CONTENT_COLUMNS = {
    "video title": "caption", "video link": "url", "post time": "published",
    "total views": "views", "total likes": "likes", "total comments": "comments",
    "total shares": "shares",
    # columns some Studio versions add (SPECS.md)
    "reach": "reach", "average watch time": SKIP, "watched full video": SKIP,
    "total play time": SKIP, "total saves": "saves", "saves": "saves",
    **PAID_COLUMNS,
}
_HANDLE = re.compile(r"tiktok\.com/@([A-Za-z0-9_.]+)/(video|photo)/(\d{8,25})", re.ASCII)


def content_row(fields: dict, context: Context) -> dict | None:
    from liveassets.analytics.values import whole

    link = (fields.get("url") or "").strip()
    found = _HANDLE.search(link)
    if not found:
        return None
    handle, kind, post_id = found.groups()
    out = {"platform_post_id": post_id, "url": f"https://www.tiktok.com/@{handle}/{kind}/{post_id}",
           "account": handle, "caption": fields.get("caption", ""),
           "published": posted(fields.get("published", ""), context),
           "type": "photo" if kind == "photo" else "video"}
    for name in ("views", "likes", "comments", "shares", "saves", "reach"):
        out[name] = whole(fields[name]) if name in fields else None
    out.update(paid_fields(fields, out["views"]))
    return out


FORMATS = (
    Format("tiktok", DAYS, "TikTok daily figures", ("date",), _DAY_COLUMNS, day_row),
    Format("tiktok", HOURS, "TikTok follower activity", ("date", "hour", "active followers"),
           {"date": "date", "hour": "hour", "active followers": "active"}, hour_row),
    Format("tiktok", POSTS, "TikTok content", ("video link",), _CONTENT_COLUMNS, content_row),
    Format("tiktok", AUDIENCE, "TikTok follower gender", ("gender", "distribution"),
           {"gender": SKIP, "distribution": SKIP}),
    Format("tiktok", AUDIENCE, "TikTok follower territories", ("top territories", "distribution"),
           {"top territories": SKIP, "distribution": SKIP}),
)


def account_from_zip(zip_name: str) -> str:
    """`Overview_2026-11-16_1795938374_liveanz.zip`, `Content_live_anz.zip` -> the handle:
    Studio names each zip `<Tab>_<handle>.zip`, the Overview one `Overview_<start>_<end>_
    <handle>.zip` (fixtures' README); handles may hold "_" and ".". "" for other names."""
    found = _ZIP_NAME.fullmatch(zip_name)
    return found.group(1) if found else ""


_ZIP_NAME = re.compile(r"[A-Za-z]+(?:_\d{4}-\d{2}-\d{2}_\d{9,11})?_([A-Za-z0-9_.]+?)"
                       r"(?: \(\d+\))?\.zip", re.ASCII | re.IGNORECASE)
