"""Highlight moments for the cut editor: `liveassets.cuts.highlights.moments` run per clip on the
JobRunner's "pictures" pool (it reads the clip, never writes), kept per path for the session,
and turned into timeline marks, in source time for a segment's Look at bar and in cut time for
the player (`cut_marks`)."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal

from liveassets.cuts.plan import CutPlan, Segment
from liveassets.ui.cut.timeline import Mark
from liveassets.ui.jobs import JobRunner


def find_moments(path: str, cancel=None) -> list:
    """highlights.moments(path): [Moment(t, kind, score)] sorted by time. Raises what it raises
    (MediaError / OSError for an unreadable clip: the job reports it as failed)."""
    from liveassets.cuts.highlights import moments

    return list(moments(path, cancel=cancel))


class MomentStore(QObject):
    """`get(path)`: the clip's moments when known (a list, maybe empty), else None after starting
    the analysis; `ready(path)` when they arrive. A clip that cannot be analysed has none."""

    ready = Signal(str)

    def __init__(self, jobs: JobRunner, parent=None):
        super().__init__(parent)
        self.jobs = jobs
        self._known: dict[str, list] = {}
        self._pending: set[str] = set()

    def get(self, path: str, priority: int = 0) -> list | None:
        """`priority` below 0 lets thumbnails and poster frames go first (a list's
        background analysis); 0 for what the user is looking at."""
        if path in self._known:
            return self._known[path]
        if not os.path.isfile(path):
            return []  # missing (an unplugged drive): none now, asked again when it is back
        if path not in self._pending:
            self._pending.add(path)
            self.jobs.run("pictures", lambda job: find_moments(path, cancel=job.token),
                          what=f"finding the highlight moments of {os.path.basename(path)}",
                          owner=self, done=lambda found: self._arrived(path, found),
                          failed=lambda _message: self._arrived(path, []),
                          cancelled=lambda: self._pending.discard(path), priority=priority)
        return None

    def known(self, path: str) -> list | None:
        """The moments if analysed, without starting anything."""
        return self._known.get(path)

    def _arrived(self, path: str, found: list) -> None:
        self._pending.discard(path)
        self._known[path] = found
        self.ready.emit(path)

    def source_marks(self, seg: Segment | None) -> list[Mark]:
        """Marks for one segment's Look at bar, in the source's seconds (its whole clip: the
        bar shows the in..out part)."""
        if seg is None or seg.is_photo or not isinstance(seg.source, str):
            return []
        return [Mark(float(m.t), m.kind, float(m.score)) for m in self.get(seg.source) or []]

    def cut_marks(self, plan: CutPlan) -> list[Mark]:
        """Marks in the cut's time: each segment's moments between its in and out points,
        placed where that segment plays (plan.timeline())."""
        marks = []
        segments = [s for s in plan.segments if isinstance(s, Segment)]
        if len(segments) != len(plan.segments):
            return []  # a hand-written plan's odd entry: validate() names it
        for seg, (begin, _end) in zip(segments, plan.timeline()):
            if seg.is_photo or not isinstance(seg.source, str):
                continue
            start, end = float(seg.start or 0), float(seg.end or 0)
            for m in self.get(seg.source) or []:
                if start <= m.t <= end:
                    marks.append(Mark(begin + float(m.t) - start, m.kind, float(m.score),
                                      os.path.basename(seg.source)))
        return marks

    def shutdown(self) -> None:
        self.jobs.cancel(owner=self)
        self.jobs.wait(owner=self)
