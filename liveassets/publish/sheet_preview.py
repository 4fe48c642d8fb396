"""What a caption-sheet export of some posts would hold before it is written: how many the
rights gate flags or has seen overridden, conflicts, posts without a date, and the problems that
stop the file (the Sprout importer's rules among them). Nothing is written or recorded here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from liveassets import clock
from liveassets.publish.gate import check_post
from liveassets.publish.posts import Post, conflicts


@dataclass
class Preview:
    """What an export of these posts for `kind` would hold, and what stops it."""
    kind: str
    posts: list[Post]                 # as they would be written (this dialog's override applied)
    flagged: int = 0                  # the rights gate does not clear them
    overridden: int = 0               # of those, overridden already (recorded earlier)
    to_override: list[str] = field(default_factory=list)  # ids this export would override
    blocked: list[str] = field(default_factory=list)      # flagged and not overridden
    conflicts: list = field(default_factory=list)
    unscheduled: int = 0
    problems: list[str] = field(default_factory=list)     # nothing is written while any

    @property
    def ready(self) -> bool:
        return not self.problems


def prepare(catalog, posts: list[Post], kind: str, *, override_reason: str = "", by: str = "",
            now: dt.datetime | None = None, today: dt.date | None = None) -> Preview:
    """The summary shown before exporting (pure: nothing written, nothing recorded)."""
    from liveassets.publish.sheets_csv import sprout_problems

    rights = {p.id: check_post(catalog, p, today) for p in posts}
    flagged = [p for p in posts if not rights[p.id].cleared]
    blocked = [p.id for p in flagged if not rights[p.id].may_export]
    out = Preview(kind, list(posts), flagged=len(flagged), overridden=len(flagged) - len(blocked),
                  blocked=blocked, conflicts=conflicts(posts),
                  unscheduled=sum(p.scheduled is None for p in posts))
    if kind == "sprout" and blocked and override_reason.strip():
        at = (now or clock.now()).isoformat(timespec="seconds")
        note = {"by": by, "reason": override_reason.strip(), "at": at}
        ids = set(blocked)
        out.posts = [replace(p, rights_override=note) if p.id in ids else p for p in posts]
        out.to_override = list(blocked)
    if not posts:
        out.problems = ["No posts match: check the search and the dates."]
    elif kind == "sprout":
        out.problems = sprout_problems(catalog, out.posts, now=now, today=today)
    elif kind == "ics" and out.unscheduled == len(posts):
        out.problems = ["None of these posts has a date and time: nothing to put on a calendar."]
    return out
