"""Highlight moments in the cut editor (#16): the segment's Look at bar and the player's
timeline show the crowd peaks and the scene change of a generated clip where they are (ticks
in the moment's colour, tooltips with the score), and "Top moments…" drafts the cut from them
as one undo step on the window's undo stack."""

import pytest

pytest.importorskip("PySide6")


from mediagen import make_jpeg  # noqa: E402
from sound_media import clip, crowd  # noqa: E402
from test_ui_cuts import _clear_rights  # noqa: E402

CHEERS, CUT, SECONDS = (3.0, 9.0), 6.0, 12.0


@pytest.fixture
def cheering(tmp_path):
    """A 12 s clip: murmur with cheers at 3 s and 9 s, red then blue (a hard cut at 6 s)."""
    return clip(tmp_path / "crowd.mp4", crowd(SECONDS, list(CHEERS)), SECONDS,
                colors=[(200, 30, 30)] * 6 + [(30, 30, 200)] * 6)


def _editor_with(window, qtbot, *segments):
    editor = window.cut_editor
    editor.show()
    editor.tabs.setCurrentIndex(0)
    for seg, length in segments:
        editor.add_segment(seg, length)
    return editor


def _ticks(marks, kind):
    return [m.t for m in marks if m.kind == kind]


def _tick_colour(timeline, t):
    grab = timeline.grab().toImage()
    x = round(timeline.x_of(t))
    y = grab.height() - 7  # the foot of every tick, above the bottom margin
    return max((grab.pixelColor(x + dx, y) for dx in (-1, 0, 1)),
               key=lambda c: c.red() - c.blue())


def test_moments_show_on_the_segment_bar_and_the_players_timeline(qtbot, window, cheering,
                                                                   tmp_path):
    from liveassets.cuts.plan import Segment

    photo = make_jpeg(tmp_path / "first.jpg")
    editor = _editor_with(window, qtbot, (Segment(photo, duration=2.0), None),
                          (Segment(cheering, start=0.0, end=SECONDS), SECONDS))
    panel = editor.segment_panel
    editor.list.setCurrentRow(1)
    qtbot.waitUntil(lambda: len(panel.scrub.marks) >= 3, timeout=20_000)
    loud = _ticks(panel.scrub.marks, "loud")
    assert sorted(min(loud, key=lambda t: abs(t - c)) for c in CHEERS) == \
        pytest.approx(list(CHEERS), abs=0.5)
    assert any(abs(t - CUT) <= 0.5 for t in _ticks(panel.scrub.marks, "scene"))
    panel.scrub.resize(480, panel.scrub.sizeHint().height())
    colour = _tick_colour(panel.scrub, min(loud, key=lambda t: abs(t - CHEERS[0])))
    assert colour.red() > 200 and colour.blue() < 120  # the loud (orange) tick is drawn there
    mark = panel.scrub.mark_at(panel.scrub.x_of(loud[0]))
    assert mark is not None and "score" in panel.scrub.describe(mark)
    assert "Crowd peak" in panel.scrub.describe(mark)
    item = editor.list.item(1)  # the segment list says so too, the tooltip lists them
    assert "3 moments" in item.text() and "Crowd peak (loud) at 0:03.0, score" in item.toolTip()
    panel.end_spin.setValue(7.0)  # trimmed before the second cheer: two are left in it
    assert "2 moments" in item.text() and "0:09" not in item.toolTip()
    panel.end_spin.setValue(SECONDS)
    # The preview's timeline: the same moments in cut time (after the 2 s photo).
    _clear_rights(window)
    editor.ask_override = lambda problems: "Generated test media"  # not in the library
    editor.render_size = (64, 114)
    with qtbot.waitSignal(editor.previewed, timeout=60_000):
        editor.preview_button.click()
    marks = editor.watching.player.timeline.marks
    assert sorted(min(_ticks(marks, "loud"), key=lambda t: abs(t - c - 2.0)) for c in CHEERS) \
        == pytest.approx([c + 2.0 for c in CHEERS], abs=0.5)
    assert all(m.label == "crowd.mp4" for m in marks)


def test_top_moments_drafts_the_cut_as_one_undo_step(qtbot, window, cheering, tmp_path):
    from liveassets.cuts.plan import Segment
    from PySide6.QtWidgets import QDialogButtonBox

    photo = make_jpeg(tmp_path / "last.jpg")
    whole = Segment(cheering, start=0.0, end=SECONDS, reframe="blur")
    editor = _editor_with(window, qtbot, (whole, SECONDS), (Segment(photo, duration=2.0), None))
    asked = []

    def answer(dialog):
        ok = dialog.buttons.button(QDialogButtonBox.Ok)
        qtbot.waitUntil(ok.isEnabled, timeout=20_000)  # the clip has been listened to
        asked.append(dialog.summary.text())
        dialog.count_spin.setValue(2)
        dialog.length_spin.setValue(8.0)  # 6 s of moments + the 2 s photo
        return True

    editor.ask_draft = answer
    before = editor.undo_stack.count()
    assert editor.add_top_moments()
    assert "moments found" in asked[0]
    segs = [editor.segment(r) for r in range(editor.list.count())]
    clips = [s for s in segs if not s.is_photo]
    assert len(clips) == 2 and segs[-1].is_photo  # the photo stays, after the moments
    assert editor.plan.duration() == pytest.approx(8.0, abs=0.05)
    found = editor.watching.moments.known(cheering)
    for seg in clips:  # each centred on a moment, framed like the clip was
        middle = (seg.start + seg.end) / 2
        assert any(abs(m.t - middle) < 0.05 for m in found)
        assert seg.reframe == "blur" and seg.length == pytest.approx(3.0)
    assert editor.undo_stack.count() == before + 1
    window.undo_stack.undo()  # the window's Undo brings the cut back, in one step
    assert [(s.source, s.start, s.end) for s in editor.plan.segments][0] == \
        (cheering, 0.0, SECONDS)
    assert editor.list.count() == 2 and editor.plan.duration() == pytest.approx(14.0)
    window.undo_stack.redo()
    assert editor.list.count() == 3 and editor.plan.duration() == pytest.approx(8.0, abs=0.05)


def test_top_moments_without_clips_says_so(qtbot, window, tmp_path):
    from liveassets.cuts.plan import Segment
    from PySide6.QtWidgets import QDialogButtonBox

    editor = _editor_with(window, qtbot, (Segment(make_jpeg(tmp_path / "p.jpg"),
                                                  duration=2.0), None))
    seen = []

    def answer(dialog):
        seen.append((dialog.summary.text(),
                     dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()))
        return False

    editor.ask_draft = answer
    assert not editor.add_top_moments()
    assert "no clips" in seen[0][0] and seen[0][1] is False
    assert editor.list.count() == 1  # the cut is unchanged


def test_a_missing_clip_has_no_moments_and_the_draft_says_so(qtbot, window, tmp_path):
    from liveassets.cuts.plan import Segment
    from PySide6.QtWidgets import QDialogButtonBox

    gone = str(tmp_path / "unplugged" / "clip.mp4")
    editor = _editor_with(window, qtbot, (Segment(gone, start=0.0, end=3.0), 3.0))
    seen = []

    def answer(dialog):
        seen.append((dialog.summary.text(),
                     dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()))
        return False

    editor.ask_draft = answer
    assert not editor.add_top_moments()
    assert "No loud moment or scene change" in seen[0][0] and seen[0][1] is False
    assert editor.segment_panel.scrub.marks == [] and "moment" not in editor.list.item(0).text()
