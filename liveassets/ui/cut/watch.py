"""Watching the cut before rendering it, wired into the cut editor: the finished half-size
preview goes into the Watch tab's CutPlayer (not another program); the segment under the play
head is selected in the segment list, and selecting a segment moves the play head to it; any
edit that changes what the render would show marks the preview out of date. The framing
preview's Look at bar decodes frames through a coalescing FrameScrubber, and highlight moments
(MomentStore) are drawn on both bars."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QObject

from liveassets.cuts.plan import CutPlan
from liveassets.ui.cut.moments import MomentStore
from liveassets.ui.cut.player import CutPlayer
from liveassets.ui.cut.scrub import FrameScrubber
from liveassets.ui.cut.timeline import MomentTimeline

# Plan fields that do not change the picture or the sound of a render.
NOT_SHOWN = ("id", "name", "history", "target", "purpose", "rights_override")


def fingerprint(plan: CutPlan) -> str:
    """What a render of `plan` shows and plays, as text to compare (spec: a preview is out of
    date when the plan "changes"; naming or retargeting a cut does not change its video)."""
    data = plan.to_dict()
    for key in NOT_SHOWN:
        data.pop(key, None)
    return json.dumps(data, sort_keys=True, default=str)


class Watching(QObject):
    """Owned by the CutEditor (`editor.watching`); `player` is the Watch tab's widget."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor
        self.player = CutPlayer(editor)
        self.scrubber = FrameScrubber(editor.jobs, self)
        self.moments = MomentStore(editor.jobs, self)
        self.rendered: CutPlan | None = None  # the copy the loaded preview was made from
        self._shown = None  # fingerprint of `rendered`
        self.player.segmentChanged.connect(self._playing_segment)
        self.player.wanted.connect(editor.preview)
        self.scrubber.frame.connect(self._scrubbed_frame)
        self.moments.ready.connect(self._moments_arrived)
        editor.segment_panel.scrubbed.connect(self._scrub)

    # -- the preview -------------------------------------------------------------------------
    def show_preview(self, path: str, plan: CutPlan, duration: float) -> bool:
        """Load the finished preview of `plan` (the worker's copy) and show the Watch tab."""
        self.rendered = plan
        self._shown = fingerprint(plan)
        ok = self.player.load(path, plan.timeline(), duration)
        self.player.set_marks(self.moments.cut_marks(plan))
        tabs = self.editor.tabs
        tabs.setCurrentIndex(tabs.indexOf(self.editor.watch_page))
        self.player.setFocus()  # Space plays (the Preview button no longer has the focus)
        if getattr(plan, "snap", None) == "beats" and plan.music is not None:
            self._snapped_spans(plan, path)
        return ok

    def _snapped_spans(self, plan: CutPlan, path: str) -> None:
        """With "snap to beats" the render moved the cuts onto the bed's beats: the bands and
        marks follow where the segments really play (the beats are found again off the UI
        thread, with the same facts the render had)."""
        from liveassets.cuts.beats import for_render
        from liveassets.media.probe import probe

        def work(job):
            facts = {p: probe(p) for p in dict.fromkeys(plan.sources())}  # as validate() does
            return for_render(plan, facts, job.token)

        def arrived(snapped) -> None:
            if self.player.path == path and self.rendered is plan:
                self.rendered = snapped
                self.player.spans = snapped.timeline()
                self.player.timeline.set_spans(self.player.spans)
                self.player.set_marks(self.moments.cut_marks(snapped))

        self.editor.jobs.run("pictures", work, what="finding the music's beats", owner=self,
                             done=arrived, failed=lambda _message: None)

    def release(self) -> None:
        """A new preview is about to be written over the file. Windows cannot replace a file
        another handle has open, so the player lets go of it there; elsewhere the old preview
        stays watchable until the new one is ready (or the render is cancelled)."""
        if os.name == "nt":
            self.player.clear()

    def plan_changed(self) -> None:
        """Called after every edit: says "out of date" once the cut differs from the preview."""
        if self.player.path is not None:
            stale = fingerprint(self.editor.plan) != self._shown
            if stale != self.player.stale:
                self.player.set_stale(stale)

    def _playing_segment(self, index: int) -> None:
        """Highlight the playing segment in the list (only while the list is the cut that was
        rendered: after edits the rows no longer match the picture)."""
        lst = self.editor.list
        if index < 0 or self.player.stale or index >= lst.count():
            return
        if lst.currentRow() != index:
            lst.setCurrentRow(index)

    def selected(self, row: int) -> None:
        """The list's selection moved: bring the play head to that segment."""
        if not self.player.stale and self.player.path is not None:
            self.player.seek_segment(row)

    # -- the framing preview's Look at bar ---------------------------------------------------
    def frame_for(self, seg):
        """The picture for the framing preview when it was scrubbed, else None (the caller
        shows the in point's poster)."""
        panel = self.editor.segment_panel
        if panel.frame_at is None or seg is None or seg.is_photo:
            return None
        image = self.scrubber.cached(seg.source, panel.frame_at)
        if image is None:
            self.scrubber.request(seg.source, panel.frame_at)
        return image

    def _scrub(self, seconds: float) -> None:
        seg = self.editor.segment_panel.seg
        if seg is not None:
            self.scrubber.request(seg.source, seconds)

    def _scrubbed_frame(self, path: str, _seconds: float, image) -> None:
        panel = self.editor.segment_panel
        if panel.seg is not None and panel.seg.source == path and panel.frame_at is not None:
            panel.show_image(image)

    # -- moments -----------------------------------------------------------------------------
    def show_segment_marks(self, seg) -> None:
        self.editor.segment_panel.set_marks(self.moments.source_marks(seg))

    def moments_note(self, seg) -> tuple[str, str]:
        """(" · 2 moments" for the segment list's line, "\nCrowd peak at 0:03.0, score
        0.91..." for its tooltip): the clip's moments between the segment's in and out points
        (the analysis is started, quietly, for a clip not analysed yet)."""
        if seg is None or seg.is_photo or not isinstance(seg.source, str):
            return "", ""
        found = self.moments.get(seg.source, priority=-1)
        if not found:
            return "", ""
        start, end = float(seg.start or 0), float(seg.end or 0)
        inside = [m for m in self.moments.source_marks(seg) if start <= m.t <= end]
        if not inside:
            return "", ""
        n = len(inside)
        lines = "".join(f"\n{MomentTimeline.describe(m)}" for m in inside[:8])
        more = f"\n… and {n - 8} more" if n > 8 else ""
        return f"   · {n} moment{'s' if n != 1 else ''}", lines + more

    def _moments_arrived(self, path: str) -> None:
        self.editor.describe_source(path)
        seg = self.editor.segment_panel.seg
        if seg is not None and seg.source == path:
            self.show_segment_marks(seg)
        if self.rendered is not None:
            self.player.set_marks(self.moments.cut_marks(self.rendered))

    def shutdown(self) -> None:
        self.player.shutdown()
        self.scrubber.shutdown()
        self.moments.shutdown()
