"""YouTube Studio's Advanced-mode export: `Table data.csv` (one row per video, after a `Total`
row that is not a video) and `Totals.csv` (daily views), as SPECS.md and
../shared/analytics/README.md describe them. The table's figures cover the period chosen in
Studio; stored as the video's totals on the export day."""

from __future__ import annotations

import re

from liveassets.analytics.readers.formats import (DAYS, PAID_COLUMNS, POSTS, SKIP, Context,
                                                  Format, day_row, paid_fields, posted)

_TABLE_COLUMNS = {
    "content": "video_id", "video title": "caption", "video publish time": "published",
    "duration": SKIP, "views": "views", "watch time (hours)": "watch_hours",
    "subscribers": "subscribers", "impressions": SKIP,
    "impressions click-through rate (%)": SKIP, "average view duration": SKIP,
    "likes": "likes", "comments added": "comments", "shares": "shares",
    **PAID_COLUMNS,
}
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}", re.ASCII)


def table_row(fields: dict, context: Context) -> dict | None:
    from liveassets.analytics.values import number, whole

    video = (fields.get("video_id") or "").strip()
    if not _VIDEO_ID.fullmatch(video):  # the "Total" row, or anything else that is no video
        return None
    out = {"platform_post_id": video, "url": f"https://youtube.com/shorts/{video}",
           "account": context.account, "caption": fields.get("caption", ""),
           "published": posted(fields.get("published", ""), context), "type": "video"}
    for name in ("views", "likes", "comments", "shares", "subscribers"):
        out[name] = whole(fields[name]) if name in fields else None
    hours = number(fields.get("watch_hours"))
    out["watch_hours"] = hours
    out.update(paid_fields(fields, out["views"]))
    return out


FORMATS = (
    Format("youtube", POSTS, "YouTube table data", ("content", "views"), _TABLE_COLUMNS, table_row),
    Format("youtube", DAYS, "YouTube daily totals", ("date", "views"),
           {"date": "date", "views": "views", "watch time (hours)": SKIP,
            "subscribers": SKIP}, day_row),
)
