"""The weekly figures narrowed to one platform (the Report view's platform filter, and what its
exports then write): the platform's totals and days, its posts, and the rollups, top and bottom
posts and summary lines recomputed from those posts with weekly.py's own rules."""

from __future__ import annotations

import copy


def only_platform(figures: dict, platform: str | None, catalog=None) -> dict:
    """A copy of `figures` (weekly_report's dict) holding only `platform` ("tiktok", ...);
    None or "" gives an unfiltered copy. `catalog` (optional) drops the week's posts without
    figures that are on another platform; without it they are all kept."""
    out = copy.deepcopy(figures)
    if not platform:
        return out
    from liveassets.analytics import paid as paid_split
    from liveassets.analytics import rollups
    from liveassets.analytics.summary import summary_lines

    out["platform_filter"] = platform
    out["platforms"] = {k: v for k, v in (out.get("platforms") or {}).items() if k == platform}
    out["daily"] = {k: v for k, v in (out.get("daily") or {}).items() if k == platform}
    posts = [p for p in out.get("posts") or [] if p.get("platform") == platform]
    out["posts"] = posts
    # weekly.py's own rules (analytics/paid.py): up to five each, no post both top and bottom,
    # week figures only, paid posts apart unless ranked on "all", rollups organic only
    ranked_on = out.get("ranked_on") or "organic"
    ranks = paid_split.ranking(posts, ranked_on)
    out.update(top=ranks["top"], bottom=ranks["bottom"], paid_posts=ranks["paid_posts"],
               paid=paid_split.split(posts, ranked_on))
    out.update(rollups.all_rollups(ranks["organic"]))
    if catalog is not None and out.get("no_figures"):
        from liveassets.publish.posts import PostStore

        store = PostStore(catalog)
        kept = []
        for pid in out["no_figures"]:
            try:
                if store.get(pid).platform == platform:
                    kept.append(pid)
            except Exception:  # noqa: BLE001 - a post deleted meanwhile: not this platform's
                continue
        out["no_figures"] = kept
    out["notes"] = [n for n in out.get("notes") or [] if n.startswith(f"{platform}:")]
    out["summary"] = summary_lines(out)
    return out


def platforms_in(figures: dict) -> list[str]:
    """The platforms the figures hold anything for, sorted."""
    found = set(figures.get("platforms") or {}) | {p.get("platform") for p in
                                                    figures.get("posts") or []}
    return sorted(f for f in found if f)
