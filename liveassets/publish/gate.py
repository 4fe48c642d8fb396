"""The rights gate for posts: may each of a post's assets go out publicly on the post's
scheduled date and on the post's platform (catalog.rights.may_publish; a file cleared for
TikTok only is blocked on an Instagram post)? Also builds the composer's CaptionContext
(creators whose assets are not cleared, never-use hashtags, the recommended count)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from liveassets import clock
from liveassets.catalog.rights import Decision, may_publish
from liveassets.publish.captions import CaptionContext
from liveassets.publish.posts import Post


@dataclass(frozen=True)
class AssetCheck:
    asset_id: str
    name: str
    path: str
    rights_status: str
    expires: str | None
    credit: str
    decision: Decision


@dataclass(frozen=True)
class PostRights:
    post_id: str
    on: dt.date
    checks: tuple[AssetCheck, ...]
    override: dict | None

    @property
    def cleared(self) -> bool:
        return all(c.decision.allowed for c in self.checks)

    @property
    def may_export(self) -> bool:
        """Cleared, or blocked but overridden explicitly (who and why recorded)."""
        return self.cleared or bool(self.override)

    @property
    def problems(self) -> list[str]:
        return [f"{c.name}: {c.decision.reason}" for c in self.checks if not c.decision.allowed]

    @property
    def label(self) -> str:
        """One short cell for a sheet: 'cleared', 'BLOCKED: …' or 'OVERRIDDEN (…): …'."""
        if self.cleared:
            return "cleared"
        text = "; ".join(self.problems)
        if self.override:
            return f"OVERRIDDEN by {self.override.get('by') or '?'} ({self.override.get('reason')}): {text}"
        return f"BLOCKED: {text}"


def check_post(catalog, post: Post, today: dt.date | None = None) -> PostRights:
    """Rights of every asset on the post's local scheduled date (today when unscheduled) and
    on the post's platform (the rights' channels)."""
    on = post.local_date or today or clock.today()
    checks = []
    for aid in post.asset_ids:
        if aid not in catalog:
            checks.append(AssetCheck(aid, aid, "", "missing", None, "",
                                     Decision(False, "asset no longer in the library")))
            continue
        asset = catalog.get(aid)
        rights = asset.get("rights") or {}
        checks.append(AssetCheck(aid, asset.get("name") or aid, asset.get("path") or "",
                                 rights.get("status") or "unknown", rights.get("expires"),
                                 rights.get("credit") or "", may_publish(asset, on=on, catalog=catalog,
                                                             platform=post.platform)))
    return PostRights(post.id, on, tuple(checks), post.rights_override)


def creator_handles(asset: dict) -> list[str]:
    """'creator:@nova' tags -> ['nova'] (casefolded, without '@')."""
    out = []
    for tag in asset.get("tags") or ():
        ns, _, value = tag.partition(":")
        if ns.strip().casefold() == "creator" and value.strip():
            out.append(value.strip().lstrip("@").casefold())
    return out


def uncleared_creators(catalog, post: Post, today: dt.date | None = None) -> dict[str, str]:
    """Creators tagged on the post's assets whose rights block a public post on its date and
    platform."""
    out: dict[str, str] = {}
    on = post.local_date or today or clock.today()
    for aid in post.asset_ids:
        if aid not in catalog:
            continue
        asset = catalog.get(aid)
        decision = may_publish(asset, on=on, catalog=catalog, platform=post.platform)
        if not decision.allowed:
            for handle in creator_handles(asset):
                out.setdefault(handle, decision.reason)
    return out


def is_photo_post(catalog, post: Post, cache: dict | None = None) -> bool:
    """A TikTok post of images only is a photo post (4,000-unit description, 90-char title)."""
    if post.platform != "tiktok" or not post.asset_ids:
        return False
    cache = {} if cache is None else cache
    for aid in post.asset_ids:
        if aid not in cache:
            cache[aid] = aid in catalog and catalog.get(aid).get("kind") == "image"
        if not cache[aid]:
            return False
    return True


def post_report(catalog, post: Post, context: CaptionContext | None = None,
                cache: dict | None = None, detail: bool = True, full: str | None = None):
    """The composer's analysis of a post's full caption with its platform variant (plus, in
    detail, warnings about the post's hashtag list: their positions are list indices).
    `full`: the post's `full_caption()` when the caller has it already."""
    from liveassets.publish.captions import CaptionContext, analyse, check_hashtag_list
    from liveassets.publish.platforms import library_book

    if context is None:  # the rules in effect on the post's day, with the library's own entries
        context = CaptionContext(book=library_book(catalog), on=post.local_date)
    full = post.full_caption() if full is None else full
    report = analyse(full, post.platform, photo=is_photo_post(catalog, post, cache),
                     title=post.title or None, context=context, detail=detail)
    if detail:
        report.warnings.extend(check_hashtag_list(post.hashtags))
    return report


def caption_context(catalog, post: Post, today: dt.date | None = None) -> CaptionContext:
    from liveassets.publish.hashtags import PublishSettings

    from liveassets.publish.platforms import library_book

    settings = PublishSettings.load(catalog)
    return CaptionContext(
        recommended_hashtags=settings.recommended_hashtags,
        never_use=frozenset(h.lstrip("#").casefold() for h in settings.never_use),
        uncleared_creators=uncleared_creators(catalog, post, today),
        book=library_book(catalog),
        on=post.local_date or today,
    )
