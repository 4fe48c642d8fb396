"""Which library post each exported post is: by the platform's post ID (recorded from the URL
when the post was marked published), else by platform, account and time within 30 minutes, else
by caption similarity. Below the ID tier a match is a suggestion; a person confirms or refuses
it once, and the answer is kept in the catalog's "analytics_links" records.

Caption threshold: 0.6 (difflib ratio, case and spacing ignored). Measured on the fixtures'
captions against library captions written from them: the same caption with hashtags or mentions
added or removed scored 0.71-0.93; a cut caption against its full text 0.78-1.0 (the shorter is
also compared with the longer's start); unrelated captions of the same campaign 0.21-0.52.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from liveassets import clock
from liveassets.catalog.changes import EDIT

LINKS = "analytics_links"
TIME_WINDOW = dt.timedelta(minutes=30)  # issue #14
CAPTION_THRESHOLD = 0.6
ID, TIME, CAPTION, CONFIRMED, NONE = "id", "time", "caption", "confirmed", "none"


@dataclass(frozen=True)
class Match:
    """`post_id` is the library post (None: no match); `tier` one of id, time, caption,
    confirmed, none; `score` the caption ratio (caption tier) or minutes apart (time tier)."""

    post_id: str | None
    tier: str
    score: float = 0.0

    @property
    def needs_confirming(self) -> bool:
        return self.tier in (TIME, CAPTION)


def link_key(platform: str, platform_post_id: str) -> str:
    return f"{platform}|{platform_post_id}"


def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _account(text: str) -> str:
    return (text or "").strip().lstrip("@").casefold()


def caption_score(a: str, b: str) -> float:
    """Similarity 0..1 of two captions: difflib's ratio, case and spacing ignored; the shorter
    is also compared with the start of the longer (TikTok's Content.csv may cut captions)."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    best = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    if len(short) >= 20:
        best = max(best, difflib.SequenceMatcher(None, short, long_[:len(short)],
                                                 autojunk=False).ratio())
    return best


def post_instant(post) -> dt.datetime | None:
    """When a library post went out (published_at, else its scheduled time), aware UTC."""
    if post.published_at:
        try:
            at = dt.datetime.fromisoformat(post.published_at)
            return at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)
        except ValueError:
            pass
    return post.utc


def export_instant(published: str | None, zone=None) -> dt.datetime | None:
    """An exported post's local publish time ("2026-11-24T20:15") as an aware instant in the
    team's zone; None for a date without a time (YouTube) or nothing."""
    if not published or "T" not in published:
        return None
    local = dt.datetime.fromisoformat(published)
    return local.replace(tzinfo=zone or clock.zone())


class Links:
    """A person's answers: {platform|post id: {"confirmed": library post id or None,
    "refused": [library post ids]}} in the catalog's "analytics_links" records."""

    def __init__(self, catalog):
        self.records = catalog.records(LINKS)

    def answers(self) -> dict[str, dict]:
        return {d["id"]: d for d in self.records.all()}

    def confirm(self, platform: str, platform_post_id: str, post_id: str):
        """Record that the exported post is library post `post_id`; undoable Change."""
        key = link_key(platform, platform_post_id)
        doc = self.answers().get(key, {"id": key, "refused": []})
        doc["confirmed"] = post_id
        doc["refused"] = [p for p in doc.get("refused", []) if p != post_id]
        return self.records.put_many({key: doc}, label="Link exported post", source=EDIT)

    def refuse(self, platform: str, platform_post_id: str, post_id: str):
        """Record that the exported post is NOT library post `post_id`; undoable Change."""
        key = link_key(platform, platform_post_id)
        doc = self.answers().get(key, {"id": key, "refused": []})
        if doc.get("confirmed") == post_id:
            doc["confirmed"] = None
        if post_id not in doc.setdefault("refused", []):
            doc["refused"].append(post_id)
        return self.records.put_many({key: doc}, label="Refuse suggested post", source=EDIT)


def match_all(exported: list[dict], posts: list, answers: dict[str, dict],
              zone=None) -> dict[str, Match]:
    """{link_key: Match} for every exported post (snapshots.AnalyticsStore.posts documents)
    against library `posts` (publish.posts.Post). Tiers run in order over all exported posts,
    and a library post taken by one exported post is not offered to another."""
    by_ppid = {(p.platform, p.platform_post_id): p for p in posts if p.platform_post_id}
    library = {p.id: p for p in posts}
    out: dict[str, Match] = {}
    taken: set[str] = set()
    # confirmed answers and exact IDs first
    for e in exported:
        key = link_key(e["platform"], e["platform_post_id"])
        answer = answers.get(key, {})
        if answer.get("confirmed") in library:
            out[key] = Match(answer["confirmed"], CONFIRMED)
            taken.add(answer["confirmed"])
    for e in exported:
        key = link_key(e["platform"], e["platform_post_id"])
        hit = by_ppid.get((e["platform"], e["platform_post_id"]))
        if key not in out and hit is not None and hit.id not in taken:
            out[key] = Match(hit.id, ID)
            taken.add(hit.id)
    for tier in (TIME, CAPTION):
        for e in exported:
            key = link_key(e["platform"], e["platform_post_id"])
            if key in out:
                continue
            refused = set(answers.get(key, {}).get("refused", []))
            found = _best(e, [p for p in posts if p.id not in taken and p.id not in refused
                              and p.platform == e["platform"]], tier, zone)
            if found is not None:
                out[key] = found
                taken.add(found.post_id)
    for e in exported:
        out.setdefault(link_key(e["platform"], e["platform_post_id"]), Match(None, NONE))
    return out


def _best(e: dict, candidates: list, tier: str, zone) -> Match | None:
    if tier == TIME:
        at = export_instant(e.get("published"), zone)
        if at is None:
            return None
        best = None
        for p in candidates:
            if _account(p.account) and _account(e.get("account")) and \
                    _account(p.account) != _account(e.get("account")):
                continue
            when = post_instant(p)
            if when is None:
                continue
            gap = abs((when - at).total_seconds()) / 60
            if gap <= TIME_WINDOW.total_seconds() / 60 and (best is None or gap < best.score):
                best = Match(p.id, TIME, gap)
        return best
    best = None
    for p in candidates:
        score = caption_score(e.get("caption", ""), p.full_caption())
        if score >= CAPTION_THRESHOLD and (best is None or score > best.score):
            best = Match(p.id, CAPTION, round(score, 3))
    return best
