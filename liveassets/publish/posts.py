"""Posts: what goes out where and when. A `Post` links assets to a platform, account, caption,
hashtags and a scheduled time in a named zone; `PostStore` keeps them in the catalog's "posts"
records, every edit returning an undoable `Change`. Conflicts: two posts on one account within
ten minutes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field, fields, replace

from liveassets import clock
from liveassets.catalog.schema import new_id
from liveassets.errors import UserError
from liveassets.publish import paid as paid_mark
from liveassets.publish import zones
from liveassets.publish.captions import normalize_hashtag
from liveassets.publish.platforms import DEFAULT_PLATFORM, NAMES, check_platform

STATUSES = ("draft", "ready", "scheduled", "published")
CONFLICT_WINDOW = dt.timedelta(minutes=10)


class PostError(UserError):
    pass


@dataclass
class Post:
    asset_ids: list[str] = field(default_factory=list)
    platform: str = DEFAULT_PLATFORM
    account: str = ""
    body: str = ""
    hashtags: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    scheduled: dt.datetime | None = None        # aware, in `timezone`
    timezone: str = field(default_factory=zones.default_zone_name)
    status: str = "draft"
    title: str = ""                             # YouTube title, TikTok photo title
    first_comment: str = ""
    cover_time: float | None = None             # seconds into the video
    alt_text: str = ""
    notes: str = ""
    rights_override: dict | None = None         # {by, reason, at}
    published_url: str = ""                     # the post's public URL once published
    platform_post_id: str = ""                  # the platform's ID, parsed from that URL
    published_at: str | None = None             # ISO time, UTC, when it was marked published
    paid: dict | None = None                    # publish/paid.py mark; None: not marked
    id: str = field(default_factory=new_id)

    def __eq__(self, other) -> bool:
        """Field by field, the time as an instant and its UTC offset: Python compares
        datetimes sharing a tzinfo on the wall clock and ignores `fold` (PEP 495), so 02:30
        AEDT would equal 02:30 AEST and choosing the second pass of a repeated hour would
        look like no change and never save."""
        if not isinstance(other, Post):
            return NotImplemented
        a, b = self.scheduled, other.scheduled
        if (a is None) != (b is None) or (a is not None and (
                a.utcoffset() != b.utcoffset() or self.utc != other.utc)):
            return False
        return all(getattr(self, k) == getattr(other, k) for k in _COMPARED)

    # -- derived -------------------------------------------------------------------------
    def full_caption(self) -> str:
        """Body, then mentions and hashtags not already written in it, after a blank line."""
        body = self.body.rstrip()
        low = body.casefold()
        extra = [m if m.startswith("@") else "@" + m for m in self.mentions]
        extra = [m for m in extra if m.casefold() not in low]
        extra += [h for h in self.hashtags if h and h.casefold() not in low]
        if not extra:
            return body
        return f"{body}\n\n{' '.join(extra)}" if body else " ".join(extra)

    @property
    def local_date(self) -> dt.date | None:
        return self.scheduled.date() if self.scheduled else None

    @property
    def utc(self) -> dt.datetime | None:
        return self.scheduled.astimezone(dt.timezone.utc) if self.scheduled else None

    # -- storage -------------------------------------------------------------------------
    def to_doc(self) -> dict:
        doc = asdict(self)
        doc["scheduled"] = self.scheduled.isoformat() if self.scheduled else None
        return doc

    @classmethod
    def from_doc(cls, doc: dict) -> Post:
        known = {f.name for f in fields(cls)}
        data = {k: v for k, v in doc.items() if k in known}
        tz = data.get("timezone") or zones.default_zone_name()
        data["timezone"] = tz
        when = data.get("scheduled")
        if isinstance(when, str):
            data["scheduled"] = dt.datetime.fromisoformat(when).astimezone(zones.zone(tz))
        return cls(**data)

    def validated(self) -> Post:
        """A copy with platform, hashtags and zone normalised; raises PostError when wrong."""
        if self.status not in STATUSES:
            raise PostError(f'Post status "{self.status}" is not one of {", ".join(STATUSES)}.')
        tz = zones.zone(self.timezone)
        when = self.scheduled
        if when is not None:
            zones.check_year(when)
            if when.tzinfo is None:
                when = zones.localize(when, self.timezone)
            when = when.astimezone(tz)
        elif self.status in ("scheduled", "published"):
            raise PostError(f"A {self.status} post needs a date and time: set one with --at.")
        if self.cover_time is not None and self.cover_time < 0:
            raise PostError("The cover time is a number of seconds into the video, 0 or more.")
        tags = []
        for h in self.hashtags:
            h = normalize_hashtag(visible_text(h))
            if h and h.casefold() not in {t.casefold() for t in tags}:
                tags.append(h)
        mentions = [visible_text(m).strip() for m in self.mentions]
        mentions = [m for m in mentions if m.lstrip("@")]
        texts = {k: visible_text(getattr(self, k)) for k in ("body", "title", "first_comment",
                                                             "alt_text", "notes")}
        return replace(self, platform=check_platform(self.platform), scheduled=when,
                       hashtags=tags, mentions=mentions, asset_ids=list(self.asset_ids),
                       paid=paid_mark.normalised(self.paid), **texts)


_COMPARED = tuple(f.name for f in fields(Post) if f.name != "scheduled")


def newlines(text: str) -> str:
    """CR LF, lone CR and the other control characters that mean a line break -> LF: platforms
    treat them alike, and XLSX cannot keep a CR (XML parsers turn it into LF), so a caption is
    stored the way every sheet can carry it. Word puts a vertical tab (U+000B) where Shift+Enter
    broke a line and copies it that way; form feed, the file/group/record separators and NEL
    are line breaks to Python's str.splitlines too (the calendar's title already broke there)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(_BREAKS) if _BREAK_CHARS.search(text) else text


_BREAKS = {ord(c): "\n" for c in "\x0b\x0c\x1c\x1d\x1e\x85"}
_BREAK_CHARS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85]")
# Control characters left after `newlines` (tab and LF are text), Unicode category Cc: no
# platform shows them, XLSX's XML cannot hold them (a BEL from a PDF came out as U+FFFD in
# the sheet) and ESC starts escape sequences when a caption is printed in a terminal. They
# are dropped, not refused: a person cannot see them in the composer to delete them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def visible_text(text: str) -> str:
    """`text` with line breaks as LF (`newlines`) and the invisible control characters
    dropped (_CONTROL); tab and LF stay."""
    text = newlines(text)
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


class PostStore:
    """Posts in a catalog. Reads return `Post` objects; writes return undoable Changes."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.records = catalog.records("posts")

    def all(self) -> list[Post]:
        """Every post, scheduled ones first in time order, then unscheduled in saved order."""
        posts = [Post.from_doc(d) for d in self.records.all()]
        far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
        return sorted(posts, key=lambda p: p.utc or far)

    def get(self, post_id: str) -> Post:
        if post_id not in self.records:
            raise PostError(f"No post with id {post_id} in this library.")
        return Post.from_doc(self.records.get(post_id))

    def create(self, post: Post | None = None, **values):
        """Save a new post (from a Post or field values); returns the Change (`.ids[0]` is it)."""
        post = replace(post, **values) if post is not None else Post(**values)
        missing = [a for a in post.asset_ids if a not in self.catalog]
        if missing:
            raise PostError(f"No asset with id {missing[0]} in this library.")
        if post.id in self.records:
            raise PostError(f"A post with id {post.id} exists already.")
        return self.records.put(post.validated().to_doc(), label="New post")

    def update(self, post: Post, label: str = "Edit post"):
        self.get(post.id)
        return self.records.put(post.validated().to_doc(), label=label)

    def delete(self, post_id: str):
        self.get(post_id)
        return self.records.delete(post_id, label="Delete post")

    def reschedule(self, post_id: str, when: dt.datetime | dt.date):
        """Move a post; returns the undoable Change. A date keeps the post's wall-clock time
        (dragging on the calendar). Where that time does not exist on the new day (a DST gap)
        the post takes the first time after the gap (03:00 for 02:30 in Sydney's October gap);
        where it happens twice it takes the first (fold=0, PEP 495). `reschedule_note` says
        which, for the caller to show."""
        post = self.get(post_id)
        if isinstance(when, dt.datetime):
            new = when if when.tzinfo else zones.localize(when, post.timezone, strict=False)
        else:
            clock = post.scheduled.time() if post.scheduled else dt.time(12, 0)
            new = zones.localize(dt.datetime.combine(when, clock), post.timezone, strict=False)
        return self.update(replace(post, scheduled=new), label="Reschedule post")

    @staticmethod
    def reschedule_note(post: Post, day: dt.date) -> str:
        """What moving `post` to `day` at its wall-clock time does to that time, in one line
        ('' when the time exists once that day). See `reschedule` and zones.classify."""
        clock = post.scheduled.time() if post.scheduled else dt.time(12, 0)
        local = zones.classify(dt.datetime.combine(day, clock), post.timezone)
        if local.kind == "skipped":
            return (f"{clock:%H:%M} does not exist on {day:%d %b %Y} in {post.timezone} (the "
                    f"clocks jump forward): post {post.id} goes out at "
                    f"{local.suggestion:%H:%M}, the first time after the gap.")
        if local.kind == "ambiguous":
            a, b = local.instants
            return (f"{clock:%H:%M} happens twice on {day:%d %b %Y} in {post.timezone}: post "
                    f"{post.id} goes out at the first, {zones.instant_label(a)}; open it to "
                    f"choose the second ({zones.instant_label(b)}).")
        return ""

    def set_paid(self, post_id: str, mark: dict | None):
        """Mark a post paid ({"kind": "spark", ...}), organic ({"kind": "organic"}) or not
        marked (None); see publish/paid.py. Returns the undoable Change; raises PostError for
        an unknown post, PaidError for a bad mark."""
        post = replace(self.get(post_id), paid=paid_mark.normalised(mark))
        return self.update(post, label=paid_label(post.paid))

    def set_status(self, post_id: str, status: str):
        return self.update(replace(self.get(post_id), status=status), label="Set post status")

    def mark_published(self, post_id: str, url: str, when: dt.datetime | None = None):
        """Record where a post went: its URL, the platform's post ID parsed from it (see
        `post_urls`) and the time (aware; default now), and set it published. Undoable Change.
        Raises UserError for a URL that is not a post link of the post's platform."""
        return self.update(published(self.get(post_id), url, when), label="Mark post published")

    def override_rights(self, post_id: str, by: str, reason: str, now: dt.datetime | None = None):
        """Record an explicit decision to publish despite the rights gate (who, why, when)."""
        if not reason.strip():
            raise PostError("Say why the rights gate is overridden: the reason is recorded.")
        at = (now or clock.now()).isoformat(timespec="seconds")
        post = replace(self.get(post_id), rights_override={"by": by, "reason": reason.strip(),
                                                           "at": at})
        return self.update(post, label="Override rights")

    def select(self, asset_query: str = "", start: dt.date | None = None,
               end: dt.date | None = None) -> list[Post]:
        """Posts with an asset matching the query (empty: all), scheduled within [start, end]
        local dates when given (unscheduled posts are left out of a dated selection)."""
        posts = self.all()
        if asset_query.strip():
            ids = {d["id"] for d in self.catalog.query(asset_query)}
            posts = [p for p in posts if ids.intersection(p.asset_ids)]
        if start or end:
            posts = [p for p in posts if p.scheduled
                     and (start is None or p.local_date >= start)
                     and (end is None or p.local_date <= end)]
        return posts


def published(post: Post, url: str, when: dt.datetime | None = None) -> Post:
    """`post` marked published at `url`: the cleaned URL, the platform's post ID parsed from it
    (`post_urls.post_id_from_url`), the time (aware; default now) stored in UTC, and a post
    without a date dated to that time in its zone. Not stored (PostStore.mark_published or the
    composer stores it). Raises UserError for a URL that is not a post of the post's platform."""
    from liveassets.publish.post_urls import post_id_from_url

    clean, platform_id = post_id_from_url(post.platform, url)
    when = (when or clock.now()).astimezone(dt.timezone.utc)
    scheduled = post.scheduled or when.astimezone(zones.zone(post.timezone))
    return replace(post, status="published", published_url=clean, platform_post_id=platform_id,
                   published_at=when.isoformat(timespec="seconds"), scheduled=scheduled)


def published_text(post: Post) -> str:
    """Where a published post went, in one line for a person: "TikTok post ID 7300… ·
    published Tue 1 Dec 2026 15:20 AEDT" (the time in the post's zone); "" without a link."""
    from liveassets.publish.platforms import NAMES

    if not post.published_url:
        return ""
    text = f"{NAMES.get(post.platform, post.platform)} post ID {post.platform_post_id}"
    try:
        at = dt.datetime.fromisoformat(post.published_at or "")
    except ValueError:
        return text
    local = at.astimezone(zones.zone(post.timezone))
    return text + f" · published {local:%a} {local.day} {local:%b %Y %H:%M} {local.tzname()}"


@dataclass(frozen=True)
class Conflict:
    first: str
    second: str
    account: str
    platform: str
    minutes: float

    @property
    def message(self) -> str:
        return (f"Posts {self.first} and {self.second} go out {self.minutes:g} minutes apart on "
                f"{self.platform} {self.account or '(no account)'}: keep them 10 minutes apart.")


def conflicts(posts: list[Post], window: dt.timedelta = CONFLICT_WINDOW) -> list[Conflict]:
    """Pairs of posts on one platform account less than `window` apart."""
    by_account: dict[tuple[str, str], list[Post]] = {}
    for p in posts:
        if p.scheduled is not None:
            by_account.setdefault((p.platform, p.account.strip().casefold()), []).append(p)
    out = []
    for (platform, _), group in by_account.items():
        group.sort(key=lambda p: p.utc)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                gap = b.utc - a.utc
                if gap >= window:
                    break
                out.append(Conflict(a.id, b.id, a.account, platform, gap.total_seconds() / 60))
    return out


FIELD_WORDS = {"body": "caption", "hashtags": "hashtags", "mentions": "mentions",
               "account": "account", "timezone": "time zone", "title": "title",
               "first_comment": "first comment", "alt_text": "alt text",
               "cover_time": "cover time", "notes": "notes", "asset_ids": "assets"}


def describe_change(old: Post, new: Post) -> str:
    """The undo label of an edit from `old` to `new`: what the user changed, in their words."""
    changed = [k for k in (*FIELD_WORDS, "platform", "status") if getattr(old, k) != getattr(new, k)]
    if old.utc != new.utc or old.scheduled != new.scheduled:  # instants: fold counts (PEP 495)
        changed.append("scheduled")
    if old.paid != new.paid:
        changed.append("paid")
    if changed == ["paid"]:
        same_kind = paid_mark.is_paid(old.paid) and (old.paid or {}).get("kind") == (
            new.paid or {}).get("kind")
        return "Edit the paid run" if same_kind else paid_label(new.paid)
    if changed == ["status"]:
        return f"Mark post {new.status}"
    if changed == ["platform"]:
        return f"Post on {NAMES[new.platform]}"
    if changed == ["scheduled"]:
        return "Reschedule post"
    if len(changed) == 1 and changed[0] in FIELD_WORDS:
        return f"Edit post {FIELD_WORDS[changed[0]]}"
    return "Edit post"


def paid_label(mark: dict | None) -> str:
    """The undo label of setting a post's paid mark: "Mark post paid (Spark Ads)", "Mark post
    organic", "Clear the paid mark"."""
    if mark is None:
        return "Clear the paid mark"
    if paid_mark.is_paid(mark):
        return f"Mark post paid ({paid_mark.KINDS[mark['kind']]})"
    return "Mark post organic"
