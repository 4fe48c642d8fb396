"""The week's post figures rolled up by what only the library knows: the posts' assets' tags
(each tag, campaigns, creators), content type, posting hour, and the caption's hashtags.

A post counts once in each group it belongs to (a post whose assets carry two creator tags
counts for both); engagement rate is recomputed from the group's sums, never averaged."""

from __future__ import annotations

import re

ROLLED = ("views", "likes", "comments", "shares", "saves")
_HASHTAG = re.compile(r"#\w+", re.UNICODE)


def _group(posts: list[dict], keys_of) -> dict[str, dict]:
    from liveassets.analytics.weekly import rate

    out: dict[str, dict] = {}
    for p in posts:
        for key in dict.fromkeys(keys_of(p)):  # each key once per post, in order
            g = out.setdefault(key, {"posts": 0, **{k: None for k in ROLLED}})
            g["posts"] += 1
            for k in ROLLED:
                if p.get(k) is not None:
                    g[k] = (g[k] or 0) + p[k]
    for g in out.values():
        g["engagement_rate"] = rate(g)
    return dict(sorted(out.items(), key=lambda kv: (-(kv[1]["views"] or 0), kv[0])))


def group_sum(posts: list[dict]) -> dict:
    """All of `posts` as one group: {"posts", "views", ..., "engagement_rate"}; a figure no
    post gives is None."""
    return _group(posts, lambda p: ["all"]).get("all") or {
        "posts": 0, **{k: None for k in ROLLED}, "engagement_rate": None}


def _namespaced(tags: list[str], space: str) -> list[str]:
    prefix = space + ":"
    return [t[len(prefix):].strip() for t in tags if t.casefold().startswith(prefix)]


def all_rollups(posts: list[dict]) -> dict[str, dict]:
    """{"by_tag", "by_creator", "by_campaign", "by_content_type", "by_hour", "by_hashtag"}:
    each {group: {"posts", "views", "likes", "comments", "shares", "saves",
    "engagement_rate"}}, biggest views first. Hours are "00".."23" in the report's zone."""
    return {
        "by_tag": _group(posts, lambda p: p.get("tags") or []),
        "by_creator": _group(posts, lambda p: _namespaced(p.get("tags") or [], "creator")),
        "by_campaign": _group(posts, lambda p: _namespaced(p.get("tags") or [], "campaign")),
        "by_content_type": _group(posts, lambda p: [p.get("content_type") or "video"]),
        "by_hour": _group(posts, lambda p: [] if p.get("hour") is None
                          else [f"{p['hour']:02d}"]),
        "by_hashtag": _group(posts, lambda p: [h.casefold() for h in
                                               _HASHTAG.findall(p.get("caption") or "")]),
    }
