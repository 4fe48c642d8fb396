"""Instagram's exports from Meta Business Suite: the content export (one row per post, lifetime
figures, `MM/DD/YYYY HH:MM` times, "12,400" numbers) and the per-metric account files
(`Views.csv`, `Reach.csv`, `Follows.csv`: UTF-16 with a `sep=,` line, a title line naming the
figure, then "Date","Primary"), as SPECS.md and ../shared/analytics/README.md describe them."""

from __future__ import annotations

import re

from liveassets.analytics.readers.formats import (DAYS, PAID_COLUMNS, POSTS, SKIP, Context,
                                                  Format, day_row, paid_fields, posted)

_CONTENT_COLUMNS = {
    "post id": "export_id", "account id": SKIP, "account username": "account",
    "account name": SKIP, "description": "caption", "duration (sec)": "duration",
    "publish time": "published", "permalink": "url", "post type": "type",
    "data comment": SKIP, "date": SKIP, "views": "views", "reach": "reach", "likes": "likes",
    "shares": "shares", "follows": "follows", "comments": "comments", "saves": "saves",
    "impressions": SKIP, "plays": SKIP,
    **PAID_COLUMNS,
}
_SHORTCODE = re.compile(r"instagram\.com/(?:[A-Za-z0-9_.]+/)?(p|reel|reels|tv)/([A-Za-z0-9_-]{5,40})",
                        re.ASCII)
# The title line of a per-metric file names its figure (Meta's documentation names the files).
# "Follows" counts accounts that started following: gains, not net growth.
TITLES = {"views": "views", "reach": "reach", "follows": "new_followers",
          "interactions": SKIP, "link clicks": SKIP, "visits": "profile_views"}


def content_row(fields: dict, context: Context) -> dict | None:
    from liveassets.analytics.values import whole

    found = _SHORTCODE.search(fields.get("url") or "")
    if not found:
        return None
    kind, code = found.groups()
    post_type = (fields.get("type") or "").casefold()
    out = {"platform_post_id": code, "url": f"https://www.instagram.com/{kind}/{code}/",
           "account": (fields.get("account") or "").strip().lstrip("@"),
           "caption": fields.get("caption", ""), "export_id": fields.get("export_id", ""),
           "published": posted(fields.get("published", ""), context),
           "type": "video" if ("reel" in post_type or "video" in post_type or kind != "p")
           else "photo"}
    for name in ("views", "likes", "comments", "shares", "saves", "reach", "follows"):
        out[name] = whole(fields[name]) if name in fields else None
    out.update(paid_fields(fields, out["views"]))
    return out


FORMATS = (
    Format("instagram", POSTS, "Instagram content", ("permalink",), _CONTENT_COLUMNS, content_row),
    # A per-metric file: "Primary" is whatever the title names (TITLES); see readers.read.
    Format("instagram", DAYS, "Instagram daily", ("date", "primary"),
           {"date": "date", "primary": "primary"}, day_row, title_fields=TITLES),
)
