"""The cut's one undo history. Every edit of the segment list (add, reorder, remove, trim,
framing, a draft from the top moments) is a CutStep, and every edit that moves all the footage
(a title or end card added, removed or made longer, the crossfade) a LayoutStep, on the
editor's undo stack (the window's when docked, so Edit > Undo and Ctrl+Z reach it), and each
step carries the timed captions as they follow their footage (cuts/caption_map.py): a caption
whose footage was trimmed away or removed comes back with Undo. The Captions tab pushes its
edits on the same stack (captions.SetCaptions), so caption and segment edits undo in the order
they were made.

A step holds the whole state before and after (copies of the segments and captions: a few KB),
so undo and redo are exact whatever the edit was; repeated edits of one segment's same fields
within a few seconds (arrow keys on the in point, a drag of the crop window) fold into one step,
and their captions are worked out from the step's first state, so stepping an out point past a
caption and back again brings it back."""

from __future__ import annotations

import copy
import time

from PySide6.QtGui import QUndoCommand

from liveassets.cuts.caption_map import Followed, follow
from liveassets.cuts.plan import Card, CutPlan, Segment
from liveassets.ui.commands import CatalogCommand

TRIMS = frozenset({"start", "end", "duration"})


def _view(plan: CutPlan, segments: list[Segment]) -> CutPlan:
    """`plan` (its cards and crossfade) with other segments: what caption_map measures."""
    view = copy.copy(plan)
    view.segments = segments
    return view


class CutStep(QUndoCommand):
    """One edit of `plan`'s segments (and the captions moved with them). `before`/`after`:
    (segments, captions) copies. `applied`: the editor already shows `after`'s segments (the
    user's own edit), so the first redo only settles the captions; `message` is what the
    status line says after redo (how many captions were lost, "" for none)."""

    MERGE_ID = 0x4353
    MERGE_SECONDS = CatalogCommand.MERGE_SECONDS  # the window's one "same edit" window

    def __init__(self, history: SegmentHistory, plan: CutPlan, before: tuple, after: tuple,
                 label: str, merge_key=None, applied: bool = False, message: str = ""):
        super().__init__(label)
        self.history, self.plan = history, plan
        self.before, self.after = before, after
        self.merge_key, self.at = merge_key, time.monotonic()
        self.applied, self.message = applied, message

    def redo(self) -> None:
        if self.applied:
            self.applied = False
            self.history.settle(self.plan, self.after[1], self.message)
            return
        self.history.restore(self.plan, self.after, self.message)

    def undo(self) -> None:
        self.history.restore(self.plan, self.before, "")

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other) -> bool:
        if not isinstance(other, CutStep) or other.merge_key != self.merge_key \
                or other.plan is not self.plan or other.at - self.at > self.MERGE_SECONDS:
            return False
        segments = other.after[0]
        followed = follow(self.before[1], _view(self.plan, self.before[0]),
                          _view(self.plan, segments), list(range(len(segments))))
        self.after = (segments, followed.captions)
        self.message, self.at = followed.message(), other.at
        self.history.settle(self.plan, followed.captions, self.message)
        # stepped back to where it started: no empty step in the history (Qt drops it)
        self.setObsolete(segments == self.before[0] and followed.captions == self.before[1])
        return True


class LayoutStep(CutStep):
    """A change of the cut's timing around its segments: `before`/`after` are (timing,
    captions), timing as `_timing()` takes it (the card objects themselves, so their text and
    colours typed meanwhile stay). Merges like CutStep (a crossfade stepped with the arrows)."""

    def redo(self) -> None:
        if not self.applied:
            self.history.restore_timing(self.plan, self.after[0])
        self.applied = False
        self.history.settle(self.plan, self.after[1], self.message)

    def undo(self) -> None:
        self.history.restore_timing(self.plan, self.before[0])
        self.history.settle(self.plan, self.before[1], "")

    def mergeWith(self, other) -> bool:
        if not isinstance(other, LayoutStep) or other.merge_key != self.merge_key \
                or other.plan is not self.plan or other.at - self.at > self.MERGE_SECONDS:
            return False
        segments = list(self.plan.segments)
        followed = follow(self.before[1], _timed(self.plan, self.before[0]),
                          _timed(self.plan, other.after[0]), list(range(len(segments))))
        self.after = (other.after[0], followed.captions)
        self.message, self.at = followed.message(), other.at
        self.history.settle(self.plan, followed.captions, self.message)
        self.setObsolete(other.after[0] == self.before[0]
                         and followed.captions == self.before[1])
        return True


class SegmentHistory:
    """The editor's side of CutStep: `commit(label)` turns what the list and the segment panel
    now show into a step; `replace(segments, label)` applies new segments as one (a draft).
    `editor` is the CutEditor: its `undo_stack`, `plan`, `keys()`, `live(key)`,
    `show_segments(segments)`, `captions` (the Captions tab) and `status`."""

    def __init__(self, editor):
        self.editor = editor
        self.shown: list[tuple[int, Segment]] = []  # (list key, copy) as of the last step
        self.timing: tuple = (None, None, None, None, 0.0)  # _timing() as of the last step

    def reset(self) -> None:
        """Take what the list and the extras show as the state the next edit starts from."""
        ed = self.editor
        self.shown = [(k, copy.deepcopy(ed.live(k))) for k in ed.keys()]
        self.timing = _timing(ed.plan)

    def commit_timing(self) -> None:
        """The cards' presence and length and the crossfade as the extras now show them, as
        one undo step (merged with the last within a few seconds) that keeps the captions on
        their footage; nothing when none of them changed (a card's text, the logo...)."""
        plan = self.editor.plan
        now = _timing(plan)
        if now == self.timing:
            return
        before = self.timing
        captions = [dict(c) if isinstance(c, dict) else c for c in _list(plan.captions)]
        followed = follow(captions, _timed(plan, before), plan,
                          list(range(len(_list(plan.segments)))))
        what = [name for name, a, b in (("title card", before[:2], now[:2]),
                                        ("end card", before[2:4], now[2:4]),
                                        ("crossfade", before[4:], now[4:])) if a != b]
        label = "Change the " + " and ".join(what)
        self.editor.undo_stack.push(LayoutStep(self, plan, (before, captions),
                                               (now, followed.captions), label,
                                               merge_key=("timing", tuple(what)), applied=True,
                                               message=followed.message()))

    def restore_timing(self, plan: CutPlan, timing: tuple) -> None:
        """Put the cards and crossfade of `timing` back into `plan` (and the extras panel)."""
        title, title_s, end, end_s, xf = timing
        plan.title, plan.end_card, plan.crossfade = title, end, xf
        for card, seconds in ((title, title_s), (end, end_s)):
            if isinstance(card, Card):
                card.seconds = seconds
        if self.editor.plan is plan:
            self.editor.extras.reload()
            self.editor.refresh_total()

    def commit(self, label: str | None = None, merge: bool = False) -> None:
        """The list's segments (order, in/out, framing) become the plan's as one undo step,
        the captions following their footage; nothing when nothing changed. `label` None:
        named by what changed; `merge`: a segment panel edit that may fold into the last."""
        ed = self.editor
        plan, keys = ed.plan, ed.keys()
        live = [ed.live(k) for k in keys]
        plan.segments = live
        if len(set(keys)) != len(keys):
            return  # halfway through a drop (a copy inserted, the original not yet removed)
        old_keys = [k for k, _ in self.shown]
        before = [s for _, s in self.shown]
        after = copy.deepcopy(live)
        pairing = [old_keys.index(k) if k in old_keys else None for k in keys]
        if pairing == list(range(len(before))) and after == before:
            return
        fields = _changed(before, after, pairing)
        label = label or _label(keys, old_keys, fields)
        captions = [dict(c) if isinstance(c, dict) else c for c in _list(plan.captions)]
        followed = follow(captions, _view(plan, before), _view(plan, after), pairing)
        key = None
        if merge and len(keys) == len(old_keys) and keys == old_keys and fields:
            moved = [k for k, b, a in zip(keys, before, after) if a != b]
            key = (moved[0], frozenset(fields)) if len(moved) == 1 else None
        ed.undo_stack.push(CutStep(self, plan, (before, captions), (after, followed.captions),
                                   label, merge_key=key, applied=True,
                                   message=followed.message()))

    def replace(self, segments: list[Segment], label: str) -> Followed:
        """`segments` (new ones, e.g. a draft) as the plan's, one undo step; captions go to
        the segment of their source holding their footage. Returns what became of them."""
        ed = self.editor
        plan = ed.plan
        before = [copy.deepcopy(ed.live(k)) for k in ed.keys()]
        captions = [dict(c) if isinstance(c, dict) else c for c in _list(plan.captions)]
        after = copy.deepcopy(segments)
        followed = follow(captions, _view(plan, before), _view(plan, after))
        ed.undo_stack.push(CutStep(self, plan, (before, captions), (after, followed.captions),
                                   label, message=followed.message()))
        return followed

    def settle(self, plan: CutPlan, captions: list, message: str) -> None:
        """The editor shows the step's segments already: set its captions and say so."""
        if isinstance(plan.captions, list) or captions:  # not a list: validate() names it
            plan.captions = [dict(c) if isinstance(c, dict) else c for c in captions]
        if self.editor.plan is plan:
            self.reset()
            self.editor.captions.refresh(plan)
            status = self.editor.status
            if message:
                status.setText(message)
            elif status.text().endswith("Undo brings them back."):
                status.clear()  # an earlier count no longer true

    def restore(self, plan: CutPlan, state: tuple, message: str) -> None:
        """Make `state` (segments, captions) the plan's; shown when it is the open cut."""
        segments = copy.deepcopy(state[0])  # later edits never alter the step
        if self.editor.plan is plan:
            self.editor.show_segments(segments)
        else:
            plan.segments = segments
        self.settle(plan, state[1], message)


def _timing(plan: CutPlan) -> tuple:
    """What in `plan` besides its segments moves the footage in the cut: (title card,
    its seconds, end card, its seconds, crossfade)."""
    title = plan.title if isinstance(plan.title, Card) else None
    end = plan.end_card if isinstance(plan.end_card, Card) else None
    return (title, title.seconds if title else None, end, end.seconds if end else None,
            plan.crossfade)


def _timed(plan: CutPlan, timing: tuple) -> CutPlan:
    """`plan` as it was timed by `timing` (copies of the cards: the plan is not touched)."""
    view = copy.copy(plan)
    title, title_s, end, end_s, xf = timing
    view.title = copy.copy(title) if title is not None else None
    view.end_card = copy.copy(end) if end is not None else None
    if view.title is not None:
        view.title.seconds = title_s
    if view.end_card is not None:
        view.end_card.seconds = end_s
    view.crossfade = xf
    return view


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _changed(before: list, after: list, pairing: list) -> set[str]:
    """Names of the Segment fields edited in place (same segment, same place)."""
    out: set[str] = set()
    for j, i in enumerate(pairing):
        if i is not None and i == j:
            a, b = before[i], after[j]
            out |= {f for f in Segment.__dataclass_fields__ if getattr(a, f) != getattr(b, f)}
    return out


def _label(keys: list, old_keys: list, fields: set[str]) -> str:
    if len(keys) > len(old_keys):
        added = len(keys) - len(old_keys)
        return f"Add {added} segments" if added > 1 else "Add segment"
    if len(keys) < len(old_keys):
        return "Remove segment"
    if keys != old_keys:
        return "Reorder segments"
    return "Trim segment" if fields and fields <= TRIMS else "Frame segment"
