"""What the content calendar shows, without Qt: the posts read once from the catalog, grouped
by local day, their conflicts, their rights on the scheduled date and the words on each chip.
A `Change` to the posts table updates only the posts it names, so a drag does not re-read 2,000
posts; `load()` reads everything again (after edits made elsewhere)."""

from __future__ import annotations

import datetime as dt
import html

from liveassets.publish.gate import PostRights, check_post
from liveassets.publish.platforms import NAMES
from liveassets.publish.posts import Post, PostStore
from liveassets.publish.schedule import by_day, conflicts_by_post

SHORT_PLATFORM = {"tiktok": "TT", "instagram": "IG", "youtube": "YT", "x": "X"}
STATUS_NAMES = {"draft": "Draft", "ready": "Ready", "scheduled": "Scheduled",
                "published": "Published"}


def short_platform(platform: str) -> str:
    return SHORT_PLATFORM.get(platform, platform[:2].upper())


def first_words(post: Post, words: int = 8) -> str:
    """The start of the caption (its first line), else the title, else a placeholder."""
    text = (post.body or post.title or "").strip().split("\n", 1)[0]
    parts = text.split()
    if not parts:
        return "(no caption)"
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def day_label(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


class CalendarPosts:
    """The posts a calendar draws, kept in step with the catalog through its Changes."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.store = PostStore(catalog)
        self.posts: dict[str, Post] = {}
        self.days: dict[dt.date, list[Post]] = {}
        self.conflicts: dict = {}
        self.unscheduled: list[Post] = []
        self._rights: dict[str, PostRights] = {}

    # -- keeping in step ---------------------------------------------------------------------
    def load(self) -> None:
        self.posts = {p.id: p for p in self.store.all()}
        self._rights.clear()
        self._regroup()

    def update(self, docs: dict[str, dict | None]) -> None:
        """Apply the `after` side of a posts Change: changed posts in, deleted ones out."""
        for pid, doc in docs.items():
            self._rights.pop(pid, None)
            if doc is None:
                self.posts.pop(pid, None)
            else:
                self.posts[pid] = Post.from_doc(doc)
        self._regroup()

    def assets_changed(self) -> None:
        """Asset rights may have changed: forget the rights found so far (found again lazily)."""
        self._rights.clear()

    def _regroup(self) -> None:
        posts = list(self.posts.values())
        self.days = by_day(posts)
        self.conflicts = conflicts_by_post(posts)
        self.unscheduled = [p for p in posts if p.scheduled is None]

    # -- reading -----------------------------------------------------------------------------
    def on(self, day: dt.date) -> list[Post]:
        return self.days.get(day, [])

    def rights(self, post: Post) -> PostRights:
        """Rights of the post's assets on its scheduled date, found once per post and date."""
        found = self._rights.get(post.id)  # (update() forgets a post's rights when it moves)
        if found is None:
            found = self._rights[post.id] = check_post(self.catalog, post)
        return found

    def rights_blocked(self, post: Post) -> bool:
        """A rights problem nobody has overridden (an override is shown in the tooltip only)."""
        if not post.asset_ids:
            return False
        return not self.rights(post).may_export

    def conflict_partners(self, post_id: str) -> list[tuple[Post, float]]:
        out = []
        for c in self.conflicts.get(post_id, ()):
            other = self.posts.get(c.second if c.first == post_id else c.first)
            if other is not None:
                out.append((other, c.minutes))
        return out

    def describe(self, post: Post) -> str:
        """One short line naming a post: time, platform, account and its first words."""
        when = f"{post.scheduled:%H:%M} {day_label(post.local_date)} · " if post.scheduled else ""
        account = f" {post.account}" if post.account else ""
        return f"{when}{NAMES.get(post.platform, post.platform)}{account} “{first_words(post, 6)}”"

    def tooltip(self, post: Post) -> str:
        """Rich text: when and where, status, caption start, then any conflict or rights problem."""
        e = html.escape
        if post.scheduled:
            zone = post.scheduled.tzname() or ""
            head = (f"{post.scheduled:%H:%M} {zone} · {day_label(post.local_date)} "
                    f"{post.local_date.year}")
        else:
            head = "Not scheduled yet"
        where = NAMES.get(post.platform, post.platform) + (f" {post.account}" if post.account else "")
        lines = [f"<b>{e(head)}</b>", f"{e(where)} · {e(STATUS_NAMES.get(post.status, post.status))}",
                 f"<i>{e(first_words(post, 20))}</i>"]
        for other, minutes in self.conflict_partners(post.id):
            lines.append(f"<span style='color:#ff6b6b'>● Conflict:</span> {minutes:g} min from "
                         f"{e(self.describe(other))} (same account: keep 10 minutes apart)")
        if post.asset_ids and post.scheduled:
            rights = self.rights(post)
            if not rights.cleared:
                label = "Rights overridden" if rights.override else "▲ Rights problem"
                for problem in rights.problems:
                    lines.append(f"<span style='color:#ff6b6b'>{label}:</span> {e(problem)} "
                                 f"on {e(day_label(rights.on))}")
                if rights.override:
                    lines.append(e(f"Overridden by {rights.override.get('by') or '?'}: "
                                   f"{rights.override.get('reason') or ''}"))
        lines.append("<small>Drag to another day to move it; double-click to open.</small>")
        return "<br>".join(lines)
