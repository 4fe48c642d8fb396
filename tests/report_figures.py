"""A weekly figures dict shaped as liveassets/analytics/weekly.py documents it (the issue's JSON
plus the report keys), filled with the W47/W48 TikTok sums of /work/shared/analytics/README.md,
for testing the report's documents and view without importing anything."""

from __future__ import annotations

import copy

KEYS = ("views", "likes", "comments", "shares", "saves")


def _rate(d: dict) -> float | None:
    views = d.get("views") or 0
    if not views:
        return None
    return sum(d.get(k) or 0 for k in ("likes", "comments", "shares", "saves")) / views


def _group(posts: list[dict]) -> dict:
    out = {"posts": len(posts)}
    for k in ("views", "likes", "comments", "shares"):
        out[k] = sum(p.get(k) or 0 for p in posts)
    out["engagement_rate"] = _rate(out)
    return out


def post(n: int, views: int, *, platform="tiktok", caption="", asset_ids=(), tags=(),
         post_id=None, published="2026-11-24T07:05:00+00:00", likes=None, figures="week") -> dict:
    likes = views // 12 if likes is None else likes
    p = {"post_id": post_id, "platform": platform, "account": "liveanz",
         "platform_post_id": f"730000000000000000{n}",
         "url": f"https://www.tiktok.com/@liveanz/video/730000000000000000{n}",
         "caption": caption or f"Post number {n}", "published_at": published,
         "views": views, "likes": likes, "comments": views // 200, "shares": views // 150,
         "saves": None, "asset_ids": list(asset_ids), "tags": list(tags),
         "thumbnail_asset_id": asset_ids[0] if asset_ids else None, "thumbnail_withheld": "",
         "match": "id" if post_id else "none", "figures": figures}
    p["engagement_rate"] = _rate(p)
    return p


def sample_figures(posts: list[dict] | None = None) -> dict:
    """W48 of @liveanz: TikTok totals from the fixtures' README (W47 as "previous"), Instagram
    views from its Views.csv, seven TikTok days summing to the week's views, and six posts."""
    tiktok = {"views": 65497, "likes": 4912, "comments": 107, "shares": 421, "saves": None,
              "followers_net": 342, "profile_views": 1396}
    tiktok["engagement_rate"] = _rate(tiktok)
    prev = {"views": 36910, "likes": 2625, "comments": 107, "shares": 248, "saves": None,
            "followers_net": 122, "profile_views": 808}
    prev["engagement_rate"] = _rate(prev)
    insta = {"views": 65236, "likes": 3100, "comments": 210, "shares": 150, "saves": 95,
             "followers_net": 40, "profile_views": None}
    insta["engagement_rate"] = _rate(insta)
    iprev = {"views": 36946, "likes": 2000, "comments": 150, "shares": 90, "saves": 60,
             "followers_net": 25, "profile_views": None}
    iprev["engagement_rate"] = _rate(iprev)
    days = ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28",
            "2026-11-29"]
    tviews = [8000, 9500, 10400, 11000, 12100, 10497, 4000]
    iviews = [9000, 9100, 9300, 9500, 9600, 9736, 9000]
    if posts is None:
        posts = [
            post(1, 24000, caption="Creator showcase 🎉 with @mia — \"best night\", Sydney #LIVEFest",
                 tags=["campaign:fest", "creator:mia", "creator showcase"], asset_ids=[]),
            post(2, 15000, caption="Behind the scenes at the meetup ❤️ #LIVE",
                 tags=["campaign:fest", "creator:leo"], published="2026-11-25T09:00:00+00:00"),
            post(3, 9000, caption="日本語のキャプション テスト", tags=["creator:mia"],
                 published="2026-11-26T02:30:00+00:00"),
            post(4, 4000, caption="مرحبا بالجميع في البث المباشر", tags=["campaign:gala"],
                 published="2026-11-27T10:00:00+00:00"),
            post(5, 1200, caption="Quiet Tuesday clip", tags=[],
                 published="2026-11-24T22:15:00+00:00"),
            post(6, 300, caption="Lifetime only", tags=["campaign:gala"], figures="lifetime",
                 published="2026-11-28T06:00:00+00:00"),
        ]
    ranked = sorted(posts, key=lambda p: -(p.get("views") or 0))
    by_tag: dict[str, list] = {}
    for p in posts:
        for t in p["tags"]:
            by_tag.setdefault(t, []).append(p)
    figures = {
        "week": "2026-W48", "from": "2026-11-23", "to": "2026-11-29",
        "zone": "Australia/Sydney",
        "platforms": {
            "tiktok": {**tiktok, "engagement_denominator": "views", "accounts": ["liveanz"],
                       "previous": prev},
            "instagram": {**insta, "engagement_denominator": "views", "accounts": ["liveanz"],
                          "previous": iprev},
        },
        "daily": {
            "tiktok": [{"date": d, "views": v, "likes": v // 13, "comments": 15, "shares": 60,
                        "profile_views": 200} for d, v in zip(days, tviews)],
            "instagram": [{"date": d, "views": v, "likes": v // 20, "comments": 30,
                           "shares": 20, "profile_views": None} for d, v in zip(days, iviews)],
        },
        "posts": posts,
        "top": ranked[:3],
        "bottom": ranked[-3:][::-1],
        "by_tag": {t: _group(ps) for t, ps in by_tag.items()},
        "by_campaign": {t.split(":", 1)[1]: _group(ps) for t, ps in by_tag.items()
                        if t.startswith("campaign:")},
        "by_creator": {t.split(":", 1)[1]: _group(ps) for t, ps in by_tag.items()
                       if t.startswith("creator:")},
        "by_content_type": {"video": _group(posts[:4]), "photo": _group(posts[4:])},
        "by_hour": {"18": _group(posts[:1]), "20": _group(posts[1:2]),
                    "13": _group(posts[2:3]), "21": _group(posts[3:4])},
        "no_figures": [],
        "summary": ["views up 77.5 % on the week", "creator showcases led"],
    }
    return copy.deepcopy(figures)
