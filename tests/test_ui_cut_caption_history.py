"""The Cut dock's one undo history: segment edits (add, reorder, trim, remove) and caption edits
are steps of the window's undo stack, undone by Edit > Undo in the order they were made; the
captions stay on their footage through every segment edit (checked by the clip and second under
each caption), a caption trimmed or removed away is counted in the status line and comes back
with Undo, and an old saved cut timed in cut time opens and follows its segments."""

import os

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402

from liveassets.cuts import caption_map  # noqa: E402
from liveassets.cuts.plan import CutPlan  # noqa: E402
from test_ui_cuts import _add_all  # noqa: E402


def under(plan, caption) -> tuple:
    """(clip name, footage second at start, at end): what a viewer sees under the caption."""
    p = next(p for p in caption_map.parts(plan) if p.lo <= caption["start"] < p.hi)
    return (os.path.basename(p.source), round(p.footage(caption["start"]), 3),
            round(p.footage(caption["end"]), 3))


def names(plan) -> list[str]:
    return [os.path.basename(s.source) for s in plan.segments]


def captioned(editor) -> dict:
    """One caption on each segment, 0.2 s after its start, imported as one step."""
    spans = editor.plan.timeline()
    rows = [{"start": round(a + 0.2, 3), "end": round(a + 0.6, 3), "text": f"on {n}"}
            for n, (a, _b) in zip(names(editor.plan), spans)]
    editor.captions.apply(rows, "Import captions")
    return {c["text"]: under(editor.plan, c) for c in editor.plan.captions}


def footage(plan) -> dict:
    return {c["text"]: under(plan, c) for c in plan.captions}


def test_segment_and_caption_edits_undo_in_order_from_edit_undo(qtbot, window, media):
    editor = _add_all(window, media)
    stack = window.undo_stack
    assert stack is editor.undo_stack and stack.undoText().startswith("Add 3 segments")
    want = captioned(editor)
    first = editor.plan.captions[:]
    order = names(editor.plan)
    # reorder: the first segment to the end, its caption with it
    assert editor.list.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert names(editor.plan) == order[1:] + order[:1]
    assert footage(editor.plan) == want
    assert stack.undoText() == "Reorder segments"
    # trim a.mp4's head by 0.1 s: its caption (footage 0.2-0.6) shifts with it
    row = names(editor.plan).index("a.mp4")
    editor.list.setCurrentRow(row)
    editor.segment_panel.start_spin.setValue(0.1)
    assert editor.plan.segments[row].start == 0.1
    assert footage(editor.plan) == want and stack.undoText() == "Trim segment"
    # a caption edit in the Captions tab: the same history
    m = editor.captions.model
    assert m.setData(m.index(0, 2), "Edited words")
    assert stack.undoText() == "Edit caption text"
    texts = sorted(c["text"] for c in editor.plan.captions)
    window.undo_action.trigger()  # Edit > Undo (Ctrl+Z): the caption edit first
    assert "Edited words" not in [c["text"] for c in editor.plan.captions]
    assert editor.captions.model.rowCount() == 3
    window.undo_action.trigger()  # then the trim
    assert editor.plan.segments[names(editor.plan).index("a.mp4")].start == 0.0
    assert footage(editor.plan) == want
    assert editor.list.count() == 3 and editor.segment_panel.seg in editor.plan.segments
    window.undo_action.trigger()  # then the reorder
    assert names(editor.plan) == order and editor.plan.captions == first
    window.undo_action.trigger()  # then the import
    assert editor.plan.captions == [] and editor.captions.model.rowCount() == 0
    for _ in range(4):
        window.redo_action.trigger()
    assert names(editor.plan) == order[1:] + order[:1]
    assert sorted(c["text"] for c in editor.plan.captions) == texts
    assert editor.plan.segments[names(editor.plan).index("a.mp4")].start == 0.1
    assert [editor.segment(r) for r in range(3)] == editor.plan.segments
    # one Ctrl+Z in the window: the Captions list adds no second (ambiguous) one
    assert window.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert not [a for a in editor.captions.table.actions()
                if a.shortcut() == QKeySequence(QKeySequence.Undo)]


def test_trimmed_away_captions_are_counted_and_undo_brings_them_back(qtbot, window, media):
    editor = _add_all(window, media)
    row = names(editor.plan).index("a.mp4")
    a0 = editor.plan.timeline()[row][0]
    editor.captions.apply([{"start": a0 + 0.2, "end": a0 + 0.4, "text": "early"},
                           {"start": a0 + 0.5, "end": a0 + 1.0, "text": "later"},
                           {"start": a0 + 1.4, "end": a0 + 1.8, "text": "kept"}],
                          "Import captions")
    editor.list.setCurrentRow(row)
    editor.segment_panel.start_spin.setValue(1.2)
    assert [c["text"] for c in editor.plan.captions] == ["kept"]
    assert under(editor.plan, editor.plan.captions[0]) == ("a.mp4", 1.4, 1.8)
    assert editor.status.text() == ("2 captions were on footage you trimmed away: Undo brings "
                                    "them back.")
    assert editor.captions.model.rowCount() == 1
    window.undo_action.trigger()
    assert [c["text"] for c in editor.plan.captions] == ["early", "later", "kept"]
    assert editor.captions.model.rowCount() == 3


def _late_caption_in_a(window, media, start: float, end: float):
    """The cut with every clip, a caption "late in a" from `start` to `end` s into clip a.mp4,
    and that clip current in the list: (editor, its row)."""
    editor = _add_all(window, media)
    row = names(editor.plan).index("a.mp4")
    a0 = editor.plan.timeline()[row][0]
    editor.captions.apply([{"start": a0 + start, "end": a0 + end, "text": "late in a"}],
                          "Import captions")
    editor.list.setCurrentRow(row)
    return editor, row


def test_stepping_an_out_point_is_one_step_and_stepping_back_restores_a_caption(
        qtbot, window, media):
    editor, row = _late_caption_in_a(window, media, 1.65, 1.9)
    a0 = editor.plan.timeline()[row][0]
    count = window.undo_stack.count()
    spin = editor.segment_panel.end_spin
    for _ in range(4):
        spin.stepDown()  # 2.0 -> 1.6: the caption's footage is gone
    assert editor.plan.captions == [] and "trimmed away" in editor.status.text()
    for _ in range(2):
        spin.stepUp()  # 1.8: part of it is back on screen
    assert window.undo_stack.count() == count + 1  # the arrows made one "Trim segment"
    assert [(c["start"], c["end"]) for c in editor.plan.captions] == \
        [(round(a0 + 1.65, 3), round(a0 + 1.8, 3))]
    window.undo_action.trigger()
    assert editor.plan.segments[row].end == 2.0
    assert editor.plan.captions[0]["end"] == round(a0 + 1.9, 3)


def test_removing_a_segment_takes_its_captions_undoably(qtbot, window, media):
    editor = _add_all(window, media)
    want = captioned(editor)
    row = names(editor.plan).index("b.mp4")
    editor.list.setCurrentRow(row)
    editor.remove_selected()
    assert "b.mp4" not in names(editor.plan)
    assert sorted(footage(editor.plan)) == sorted(t for t in want if t != "on b.mp4")
    assert footage(editor.plan) == {t: w for t, w in want.items() if t != "on b.mp4"}
    assert editor.status.text() == ("1 caption went with the segment you removed: Undo brings "
                                    "them back.")
    assert window.undo_stack.undoText() == "Remove segment"
    window.undo_action.trigger()
    assert editor.list.count() == 3 and footage(editor.plan) == want


def test_an_old_saved_cut_timed_in_cut_time_opens_and_follows_its_segments(
        qtbot, window, media):
    """A cut saved before captions followed their footage: plain cut times, no anchors."""
    doc = {"name": "Old recap", "format": "9:16", "fps": 30, "purpose": "internal",
           "segments": [{"source": media["a"], "start": 0.0, "end": 2.0, "reframe": "crop"},
                        {"source": media["b"], "start": 0.0, "end": 1.0, "reframe": "crop"}],
           "captions": [{"start": 2.25, "end": 2.75, "text": "said in b"},
                        {"start": 0.5, "end": 1.0, "text": "said in a"}]}
    cut_id = window.catalog.records("cuts").put(doc, label="Save cut Old recap").ids[0]
    editor = window.cut_editor
    editor.open_cut(cut_id)
    old = CutPlan.from_dict(doc)
    want = {c["text"]: under(old, c) for c in old.captions}
    assert want == {"said in b": ("b.mp4", 0.25, 0.75), "said in a": ("a.mp4", 0.5, 1.0)}
    assert editor.list.model().moveRow(QModelIndex(), 1, QModelIndex(), 0)  # b first
    assert footage(editor.plan) == want
    assert [c["text"] for c in editor.plan.captions] == ["said in b", "said in a"]
    assert editor.plan.captions[0]["start"] == 0.25


def test_a_title_card_or_crossfade_moves_the_captions_with_the_footage_undoably(
        qtbot, window, media):
    editor = _add_all(window, media)
    want = captioned(editor)
    first = [dict(c) for c in editor.plan.captions]
    extras = editor.extras
    extras.title_box.setChecked(True)  # a title card before the first segment
    seconds = editor.plan.title.seconds
    assert seconds > 0 and window.undo_stack.undoText() == "Change the title card"
    assert footage(editor.plan) == want
    assert [c["start"] for c in editor.plan.captions] == \
        [round(c["start"] + seconds, 3) for c in first]
    extras.crossfade.setValue(0.2)
    extras.crossfade.setValue(0.3)  # stepped twice: one step
    assert window.undo_stack.undoText() == "Change the crossfade"
    assert footage(editor.plan) == want
    window.undo_action.trigger()
    assert editor.plan.crossfade == 0 and extras.crossfade.value() == 0
    assert footage(editor.plan) == want
    window.undo_action.trigger()
    assert editor.plan.title is None and not extras.title_box.isChecked()
    assert editor.plan.captions == first
    window.redo_action.trigger()
    assert editor.plan.title is not None and extras.title_box.isChecked()
    assert footage(editor.plan) == want and editor.plan.captions[0]["start"] > first[0]["start"]


def test_an_alignment_finished_after_a_reorder_lands_on_its_footage(qtbot, window, media):
    """Align script… runs on a copy of the cut: segments moved while it listened take its
    lines with their footage."""
    from liveassets.cuts.align import Alignment
    from liveassets.cuts.subtitles import Cue

    editor = _add_all(window, media)
    heard = CutPlan.from_dict(editor.plan.to_dict())  # what the worker was handed
    row = names(heard).index("b.mp4")
    b0 = heard.timeline()[row][0]
    result = Alignment([], [Cue(round(b0 + 0.1, 3), round(b0 + 0.5, 3), "Said over b")])
    assert editor.list.model().moveRow(QModelIndex(), row, QModelIndex(), 0)  # b first now
    editor.captions._aligned(editor.plan, result, heard)
    assert editor.plan.captions == [{"start": 0.1, "end": 0.5, "text": "Said over b"}]
    assert under(editor.plan, editor.plan.captions[0]) == ("b.mp4", 0.1, 0.5)


def test_save_srt_from_the_tab_stops_at_the_cut_end(qtbot, window, media, tmp_path):
    from liveassets.cuts import subtitles

    editor = _add_all(window, media)
    end = editor.plan.duration()
    editor.captions.apply([{"start": end - 0.5, "end": end + 3.0, "text": "Last words"}],
                          "Import captions")
    assert editor.captions.export_srt(str(tmp_path / "tab.srt"))
    assert subtitles.read(tmp_path / "tab.srt") == [subtitles.Cue(end - 0.5, end, "Last words")]
    assert editor.captions.status.text() == f"Saved 1 caption to {tmp_path / 'tab.srt'}."


def test_stepping_back_to_the_start_leaves_no_empty_step(qtbot, window, media):
    editor = _add_all(window, media)
    captioned(editor)
    count = window.undo_stack.count()
    editor.list.setCurrentRow(names(editor.plan).index("a.mp4"))
    spin = editor.segment_panel.end_spin
    spin.stepDown()
    assert window.undo_stack.count() == count + 1
    spin.stepUp()
    assert window.undo_stack.count() == count
    assert window.undo_stack.undoText() == "Import captions"


def test_a_hand_written_captions_value_that_is_not_a_list_is_left_for_validate(
        qtbot, window, media):
    editor = _add_all(window, media)
    editor.plan.captions = "see script.txt"  # validate() names it before any render
    assert editor.list.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert editor.plan.captions == "see script.txt"


def test_a_typed_out_point_counts_when_complete(qtbot, window, media):
    from PySide6.QtCore import Qt

    editor, row = _late_caption_in_a(window, media, 1.0, 1.4)
    count = window.undo_stack.count()
    spin = editor.segment_panel.end_spin
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "1.5")  # passes through 1 s: shorter than the caption
    assert editor.plan.segments[row].end == 2.0 and window.undo_stack.count() == count
    qtbot.keyClick(spin.lineEdit(), Qt.Key_Return)
    assert editor.plan.segments[row].end == 1.5 and window.undo_stack.count() == count + 1
    assert [c["text"] for c in editor.plan.captions] == ["late in a"]
    assert under(editor.plan, editor.plan.captions[0]) == ("a.mp4", 1.0, 1.4)
