""""Add the top moments to the cut": a small dialog (how many segments, how long in all) that
builds a first draft from the highlight moments of the cut's clips with
`highlights.draft_segments` (each segment centred on its moment), applied as ONE undo step
(steps.CutStep) on the window's undo stack; timed captions go with their footage where the
draft keeps it. Photos in the cut stay, after the moments, and count towards the length; a
clip's framing (crop position, blur, bars) carries over to its moments."""

from __future__ import annotations

import copy
import os

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QSpinBox, QVBoxLayout)

from liveassets.cuts.plan import CutPlan, Segment


def clip_sources(plan: CutPlan) -> list[str]:
    """The distinct video sources of the cut, in the order they first appear."""
    seen: dict[str, None] = {}
    for seg in plan.segments:
        if isinstance(seg, Segment) and isinstance(seg.source, str) and not seg.is_photo:
            seen.setdefault(seg.source, None)
    return list(seen)


def draft(plan: CutPlan, found: dict[str, list], count: int, seconds: float,
          durations: dict[str, float]) -> list[Segment]:
    """The draft's segments: `count` moments of the clips (`found`: path -> moments, in cut
    order) lasting `seconds` minus the photos' and cards' time, then the cut's photos. Each
    moment's segment takes the framing of the first segment of its clip. [] when there is
    no moment to use."""
    from liveassets.cuts.highlights import draft_segments

    photos = [s for s in plan.segments if isinstance(s, Segment) and s.is_photo]
    fixed = sum(s.length for s in photos) + plan.card_seconds()
    target = max(0.0, float(seconds) - fixed)
    made = draft_segments(found, target, count=count, durations=durations) if target else []
    if not made:
        return []
    framing = {}
    for seg in plan.segments:
        if isinstance(seg, Segment) and not seg.is_photo:
            framing.setdefault(seg.source, seg)
    out = []
    for d in made:
        like = framing.get(d["source"])
        seg = Segment(d["source"], start=d["start"], end=d["end"],
                      reframe=like.reframe if like else d.get("reframe", "crop"))
        if like is not None:
            seg.x, seg.color = like.x, like.color
        out.append(seg)
    return out + copy.deepcopy(photos)


class DraftDialog(QDialog):
    """Asks for the number of segments and the length; shows how many of the cut's clips have
    been analysed (the moments arrive from MomentStore while it is open)."""

    def __init__(self, moments, plan: CutPlan, target: float, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add the top moments to the cut")
        self.moments, self.plan = moments, plan
        self.sources = clip_sources(plan)
        self.count_spin = QSpinBox(self)
        self.count_spin.setRange(1, 60)
        self.count_spin.setValue(max(1, min(60, round(target / 5))))
        self.count_spin.setToolTip("How many segments: the strongest moments first")
        self.length_spin = QDoubleSpinBox(self)
        self.length_spin.setRange(3, 600)
        self.length_spin.setDecimals(1)
        self.length_spin.setSuffix(" s")
        self.length_spin.setValue(target)
        self.length_spin.setToolTip("How long the cut lasts in all (photos and cards included)")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("Build the draft")
        form = QFormLayout()
        form.addRow("Segments", self.count_spin)
        form.addRow("Length", self.length_spin)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.summary)
        column.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        moments.ready.connect(self._refresh)
        self._refresh()

    def found(self) -> dict[str, list]:
        """path -> moments for the clips analysed so far (in cut order)."""
        out = {}
        for path in self.sources:
            known = self.moments.get(path)
            if known is not None:
                out[path] = known
        return out

    def _refresh(self, *_) -> None:
        found = self.found()
        waiting = len(self.sources) - len(found)
        n = sum(len(v) for v in found.values())
        clips = f"{len(self.sources)} clip{'s' if len(self.sources) != 1 else ''}"
        if not self.sources:
            text = "The cut has no clips yet: add clips (Ctrl+K), then draft from their moments."
        elif waiting:
            text = f"Finding the moments of {clips}: {waiting} still being listened to…"
        elif not n:
            text = f"No loud moment or scene change was found in the cut's {clips}."
        else:
            text = (f"{n} moment{'s' if n != 1 else ''} found in the cut's {clips}. The cut's "
                    "segments are replaced by the draft (photos stay, after it); Undo "
                    "(Ctrl+Z) brings them back.")
        self.summary.setText(text)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(self.sources) and not waiting
                                                            and n > 0)

    def done(self, result: int) -> None:
        try:
            self.moments.ready.disconnect(self._refresh)
        except (RuntimeError, TypeError):
            pass
        super().done(result)


def source_durations(catalog, paths: list[str]) -> dict[str, float]:
    """path -> seconds, from the library (clips it does not know are left out)."""
    out = {}
    for path in paths:
        doc = catalog.by_path(os.path.abspath(path))
        if doc and doc.get("duration"):
            out[path] = float(doc["duration"])
    return out


def add_top_moments(editor) -> bool:
    """The editor's "Top moments…": ask, then replace the segments with the draft as one
    undo step on `editor.undo_stack`. True when the draft was applied."""
    plan = editor.plan
    dialog = DraftDialog(editor.watching.moments, plan, editor.target(), editor)
    try:
        if not editor.ask_draft(dialog):
            return False
        found = dialog.found()
        count, seconds = dialog.count_spin.value(), dialog.length_spin.value()
    finally:
        dialog.deleteLater()
    after = draft(plan, found, count, seconds,
                  source_durations(editor.catalog, list(found)))
    if not after:
        editor.status.setText("No moments to draft from: the cut is unchanged.")
        return False
    lost = editor.history.replace(after, f"Draft from the top {count} moments").message(False)
    lost = f" {lost}" if lost else ""
    editor.status.setText(f"Drafted {sum(1 for s in after if not s.is_photo)} segments from "
                          f"the top moments ({editor.plan.duration():.1f} s).{lost} Undo "
                          "(Ctrl+Z) brings the cut back.")
    return True
