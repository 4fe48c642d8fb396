"""Which library post each exported post is: by the platform's post ID (recorded from the URL
when the post was marked published), else by platform, account and time within 30 minutes, else
by caption similarity. Below the ID tier a match is a suggestion; a person confirms or refuses
it once, and the answer is kept in the catalog's "analytics_links" records.

Caption threshold: 0.7 (difflib ratio, case and spacing ignored), measured on the fixtures'
captions (../shared/analytics, 14 posts): each caption against itself with hashtags or a
mention added, hashtags removed, commas removed, upper-cased or cut to half scored 0.73-1.0;
different posts of one platform scored at most 0.47; two posts of one series with different
creators ("Creator showcase: @mia… part 1" / "@noah… part 1") 0.67. Posts of one series
differing only in "part 1"/"part 2" score 0.98: no caption rule tells them apart, which is
why this tier only suggests.
"""

from __future__ import annotations

import datetime as dt
import difflib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from liveassets import clock
from liveassets.catalog.changes import EDIT

LINKS = "analytics_links"
TIME_WINDOW = dt.timedelta(minutes=30)  # issue #14
CAPTION_THRESHOLD = 0.7
# A caption match is only looked for among posts that went out within a week of the exported
# one (when both times are known): the same words a month apart are a series, not the post.
CAPTION_DAYS = dt.timedelta(days=7)
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


def caption_score(a: str, b: str, floor: float = 0.0) -> float:
    """Similarity 0..1 of two captions: difflib's ratio, case and spacing ignored; the shorter
    is also compared with the start of the longer (TikTok's Content.csv may cut captions).
    Pairs whose cheap upper bounds (difflib's real_quick_ratio, quick_ratio, as
    get_close_matches uses them) are below `floor` score 0 without the full comparison."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    short, long_ = sorted((a, b), key=len)
    pairs = [(a, b)] + ([(short, long_[:len(short)])] if len(short) >= 20 else [])
    best = 0.0
    for x, y in pairs:
        m = difflib.SequenceMatcher(None, x, y, autojunk=False)
        if m.real_quick_ratio() < max(floor, best) or m.quick_ratio() < max(floor, best):
            continue
        best = max(best, m.ratio())
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
    and a library post taken by one exported post is not offered to another. Library posts
    are indexed by platform and time, so the time and caption tiers look only at posts near
    the exported one (2,000 against 2,000: ~0.1 s instead of ~2 s scanning them all)."""
    by_ppid = {(p.platform, p.platform_post_id): p for p in posts if p.platform_post_id}
    library = {p.id: p for p in posts}
    index = _Index(posts)
    out: dict[str, Match] = {}
    taken: set[str] = set()
    keys = [(link_key(e["platform"], e["platform_post_id"]), e) for e in exported]
    for key, e in keys:  # a person's answers first, then exact IDs
        answer = answers.get(key, {})
        if answer.get("confirmed") in library and answer["confirmed"] not in taken:
            out[key] = Match(answer["confirmed"], CONFIRMED)
            taken.add(answer["confirmed"])
    for key, e in keys:
        hit = by_ppid.get((e["platform"], e["platform_post_id"]))
        if key not in out and hit is not None and hit.id not in taken:
            out[key] = Match(hit.id, ID)
            taken.add(hit.id)
    for tier in (TIME, CAPTION):
        for key, e in keys:
            if key in out:
                continue
            refused = set(answers.get(key, {}).get("refused", []))
            found = _best(e, index, taken | refused, tier, zone)
            if found is not None:
                out[key] = found
                taken.add(found.post_id)
    for key, _ in keys:
        out.setdefault(key, Match(None, NONE))
    return out


class _Index:
    """Library posts per platform: sorted by the instant they went out, plus those without
    one; each with its account and caption prepared once."""

    def __init__(self, posts):
        self.timed: dict[str, list] = {}
        self.untimed: dict[str, list] = {}
        for p in posts:
            # Both the time it was scheduled for and the time it was marked published: marking
            # happens when someone gets to it, maybe hours after the post went out.
            instants = {w.timestamp() for w in (p.utc, post_instant(p)) if w is not None}
            for stamp in instants:
                self.timed.setdefault(p.platform, []).append((stamp, p.id, _account(p.account), p))
            if not instants:
                self.untimed.setdefault(p.platform, []).append((None, p.id, _account(p.account), p))
        for items in self.timed.values():
            items.sort(key=lambda i: i[0])
        self.stamps = {k: [i[0] for i in v] for k, v in self.timed.items()}
        self._captions: dict[str, str] = {}

    def near(self, platform: str, at: dt.datetime | None, span: dt.timedelta,
             untimed: bool) -> list:
        if at is None:
            return self.timed.get(platform, []) + self.untimed.get(platform, [])
        stamps = self.stamps.get(platform, [])
        t, w = at.timestamp(), span.total_seconds()
        items = self.timed.get(platform, [])[bisect_left(stamps, t - w):bisect_right(stamps, t + w)]
        return items + (self.untimed.get(platform, []) if untimed else [])

    def caption(self, p) -> str:
        text = self._captions.get(p.id)
        if text is None:
            text = self._captions[p.id] = p.full_caption()
        return text


def _best(e: dict, index: _Index, excluded: set, tier: str, zone) -> Match | None:
    at = export_instant(e.get("published"), zone)
    account = _account(e.get("account"))
    if tier == TIME:
        if at is None:
            return None
        best = None
        for stamp, pid, acct, _p in index.near(e["platform"], at, TIME_WINDOW, False):
            if pid in excluded or (acct and account and acct != account):
                continue
            gap = abs(stamp - at.timestamp()) / 60
            if best is None or gap < best.score:
                best = Match(pid, TIME, gap)
        return best
    best, seen = None, set()
    for _stamp, pid, _acct, p in index.near(e["platform"], at, CAPTION_DAYS, True):
        if pid in excluded or pid in seen:
            continue
        seen.add(pid)
        score = caption_score(e.get("caption", ""), index.caption(p), CAPTION_THRESHOLD)
        if score >= CAPTION_THRESHOLD and (best is None or score > best.score):
            best = Match(pid, CAPTION, round(score, 3))
    return best
