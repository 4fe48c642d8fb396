"""Watching the cut before rendering it (#16): Preview renders a half-size draft and plays it
in the cut editor's own player (Watch tab), the picture shown at a time is the segment that
plays there, the playing segment is selected in the list (and picking one moves the play head),
Space / J / K / L drive it, and an edit marks the preview out of date. The framing preview
scrubs through a segment (a clip that starts black can be framed), with decodes coalesced.

Frames are read from the player's video sink (what the window paints) with Qt Multimedia's
FFmpeg backend offscreen; there is no sound device here, so sound output is not checked."""

import os

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import liveassets.ui.playback as playback  # noqa: E402
from mediagen import make_video  # noqa: E402
from test_ui_cut_segments import _add  # noqa: E402
from test_ui_cuts import _clear_rights  # noqa: E402

RED, GREEN, BLUE = (220, 40, 40), (40, 200, 60), (40, 160, 220)  # a.mp4's halves, b.mp4


def _near(rgb, want, tol=45):
    return all(abs(a - b) <= tol for a, b in zip(rgb, want))


def _looks(image, colour, tol=45):
    return image is not None and not image.isNull() and _near(_centre(image), colour, tol)


def _centre(image):
    c = image.pixelColor(image.width() // 2, image.height() * 3 // 4)  # below the moving bar
    return c.red(), c.green(), c.blue()


def _needs_multimedia():
    if isinstance(playback.load_multimedia(), str):
        pytest.skip(f"Qt Multimedia does not load here: {playback.load_multimedia()}")


def _previewed(qtbot, window, media, *keys):
    _clear_rights(window)
    editor = _add(window, *(media[k] for k in keys))
    editor.render_size = (180, 320)
    with qtbot.waitSignal(editor.previewed, timeout=60_000) as done:
        editor.preview_button.click()
    return editor, done.args[0]


def _shown(player):
    """The picture the player's sink holds now (what the window paints), or None."""
    frame = player._sink.videoFrame()
    image = frame.toImage() if frame.isValid() else None
    return image if image is not None and not image.isNull() else None


def _shows(qtbot, player, colour):
    qtbot.waitUntil(lambda: _shown(player) is not None
                    and _near(_centre(_shown(player)), colour), timeout=10_000)


def test_preview_plays_in_the_window_and_follows_the_segments(qtbot, window, media):
    _needs_multimedia()
    editor, path = _previewed(qtbot, window, media, "a", "b")
    watch = editor.watching.player
    assert editor.tabs.currentWidget() is editor.watch_page  # shown where it is edited
    assert watch.path == path and watch.player.source().toLocalFile() == path
    assert watch.timeline.spans == [(0.0, 2.0), (2.0, 3.0)]
    watch.seek(0.5)  # a.mp4's red half
    _shows(qtbot, watch, RED)
    assert editor.list.currentRow() == 0 and watch.timeline.current == 0
    watch.seek(1.5)  # its green half
    _shows(qtbot, watch, GREEN)
    watch.seek(2.5)  # b.mp4: the second segment is highlighted in the list
    _shows(qtbot, watch, BLUE)
    assert editor.list.currentRow() == 1 and watch.timeline.current == 1
    assert "0:02.5" in watch.time_label.text()
    editor.list.setCurrentRow(0)  # picking a segment brings the play head to its start
    assert watch.position() == pytest.approx(0.0, abs=0.01)
    _shows(qtbot, watch, RED)


def test_space_plays_and_k_pauses_j_steps_back(qtbot, window, media):
    _needs_multimedia()
    editor, _path = _previewed(qtbot, window, media, "a", "b")
    watch = editor.watching.player
    watch.setFocus()
    qtbot.keyClick(watch, Qt.Key_Space)
    qtbot.waitUntil(lambda: watch.playing() and watch.position() > 0.2, timeout=10_000)
    qtbot.keyClick(watch, Qt.Key_K)
    qtbot.waitUntil(lambda: not watch.playing(), timeout=5_000)
    at = watch.position()
    qtbot.keyClick(watch, Qt.Key_J)
    assert watch.position() == pytest.approx(max(0.0, at - 1.0), abs=0.05)
    qtbot.keyClick(watch, Qt.Key_L)
    qtbot.waitUntil(watch.playing, timeout=5_000)
    qtbot.keyClick(watch, Qt.Key_L)  # again: faster
    assert watch.player.playbackRate() == 2.0
    qtbot.keyClick(watch, Qt.Key_Space)
    qtbot.waitUntil(lambda: not watch.playing(), timeout=5_000)
    qtbot.keyClick(watch, Qt.Key_Space)
    qtbot.waitUntil(watch.playing, timeout=5_000)
    editor.tabs.setCurrentIndex(0)  # out of sight: it stops rather than play on unseen
    qtbot.waitUntil(lambda: not watch.playing(), timeout=5_000)


def test_an_edit_puts_the_preview_out_of_date_and_a_new_one_replaces_it(qtbot, window, media):
    editor, path = _previewed(qtbot, window, media, "a", "b")
    watch = editor.watching.player
    assert not watch.stale and "out of date" not in watch.note.text()
    editor.name_edit.setText("Another name")  # the video would not change
    assert not watch.stale
    editor.list.setCurrentRow(0)
    editor.segment_panel.end_spin.setValue(1.0)  # it would: the first clip is shorter now
    assert watch.stale and "Preview is out of date" in watch.note.text()
    assert watch.isVisibleTo(editor) and watch.note.isVisibleTo(editor)
    with qtbot.waitSignal(editor.previewed, timeout=60_000):
        watch.render_button.click()  # Preview from the Watch tab itself
    assert not watch.stale and os.path.basename(watch.path) == "another-name-preview.mp4"
    assert watch.timeline.spans == [(0.0, 1.0), (1.0, 2.0)]


def test_without_qt_multimedia_the_preview_says_it_cannot_play(qtbot, window, media,
                                                               monkeypatch):
    monkeypatch.setattr(playback, "_multimedia", "libpulse.so.0: cannot open shared object")
    editor = window.cut_editor
    editor.watching.player.player = None  # as if this were the first preview of the run
    editor, path = _previewed(qtbot, window, media, "b")
    watch = editor.watching.player
    assert watch.path == path and "cannot be played here" in watch.note.text()
    assert "libpulse" in watch.note.text() and not watch.play_button.isEnabled()


def _drag(widget, xs):
    y = widget.height() / 2
    steps = [(QMouseEvent.MouseButtonPress, xs[0])] + \
        [(QMouseEvent.MouseMove, x) for x in xs[1:]] + [(QMouseEvent.MouseButtonRelease, xs[-1])]
    for kind, x in steps:
        buttons = Qt.NoButton if kind == QMouseEvent.MouseButtonRelease else Qt.LeftButton
        QApplication.sendEvent(widget, QMouseEvent(kind, QPointF(x, y), widget.mapToGlobal(
            QPointF(x, y)), Qt.LeftButton, buttons, Qt.NoModifier))


def test_a_clip_that_starts_black_can_be_framed_by_scrubbing(qtbot, window, tmp_path):
    from liveassets.cuts.plan import Segment

    clip = make_video(tmp_path / "dark_start.mp4", size=(160, 90), seconds=2.0, fps=15,
                      black_lead=1.0, colors=[RED])
    editor = window.cut_editor
    editor.show()
    editor.tabs.setCurrentIndex(0)
    editor.add_segment(Segment(clip, start=0.0, end=2.0), 2.0)
    panel = editor.segment_panel
    qtbot.waitUntil(lambda: panel.preview.image is not None, timeout=10_000)
    assert _near(_centre(panel.preview.image), (0, 0, 0), tol=20)  # the in point is black
    assert panel.scrub.isVisibleTo(panel) and (panel.scrub.lo, panel.scrub.hi) == (0.0, 2.0)
    scrub = panel.scrub
    scrub.resize(400, scrub.height())
    xs = [scrub.x_of(t / 10) for t in range(2, 19)]  # a drag across the clip
    _drag(scrub, xs)
    assert panel.frame_at == pytest.approx(1.8, abs=0.02)
    qtbot.waitUntil(lambda: _looks(panel.preview.image, RED), timeout=10_000)
    qtbot.waitUntil(lambda: not editor.watching.scrubber._busy, timeout=10_000)
    decoded = editor.watching.scrubber.decoded
    assert 1 <= decoded < len(xs)  # coalesced: not one decode per position
    assert panel.scrub_label.text() == "0:01.8"
    assert editor.segment(0).start == 0.0  # looking does not trim
    _drag(scrub, [scrub.x_of(0.2)])  # back to the black part: a cached or new frame, black
    qtbot.waitUntil(lambda: _looks(panel.preview.image, (0, 0, 0), tol=20),
                    timeout=10_000)
    panel.start_spin.setValue(1.2)  # a new in point: the preview shows it, scrub follows
    assert panel.frame_at is None and scrub.lo == pytest.approx(1.2)
    qtbot.waitUntil(lambda: _looks(panel.preview.image, RED), timeout=10_000)


def test_the_scrubber_answers_the_newest_request_last(qtbot, window, media):
    from liveassets.ui.cut.scrub import FrameScrubber

    scrubber = FrameScrubber(window.jobs, window)
    seen = []
    scrubber.frame.connect(lambda path, t, image: seen.append((t, _centre(image))))
    for t in (0.1, 0.3, 0.5, 0.7, 1.2, 1.6):
        scrubber.request(media["a"], t)
    qtbot.waitUntil(lambda: not scrubber._busy and seen and seen[-1][0] == 1.6, timeout=10_000)
    assert scrubber.decoded <= 2  # the first, then only the newest
    assert _near(seen[-1][1], GREEN)
    scrubber.request(media["a"], 1.6)  # cached: answered at once, no decode
    assert seen[-1][0] == 1.6 and scrubber.decoded <= 2
    scrubber.shutdown()
    assert os.path.exists(media["a"])


def test_the_timeline_seeks_where_it_is_clicked_and_steps_with_arrows(qtbot):
    from liveassets.ui.cut.timeline import Mark, MomentTimeline

    bar = MomentTimeline()
    qtbot.addWidget(bar)
    bar.resize(406, 28)  # a 394 px bar between its 6 px margins
    bar.set_range(2.0, 12.0)
    bar.set_spans([(2.0, 6.0), (6.0, 12.0)])
    bar.set_marks([Mark(9.0, "scene", 0.4, "b.mp4"), Mark(4.0, "loud", 0.9, "a.mp4")])
    assert [m.t for m in bar.marks] == [4.0, 9.0]
    asked = []
    bar.seek.connect(asked.append)
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.rect().center())
    assert asked[-1] == pytest.approx(7.0, abs=0.05) and bar.position == asked[-1]
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key_Right)
    assert asked[-1] == pytest.approx(7.1, abs=0.05)
    qtbot.keyClick(bar, Qt.Key_Left, Qt.ShiftModifier)
    assert asked[-1] == pytest.approx(6.1, abs=0.05)
    mark = bar.mark_at(bar.x_of(4.0) + 2)
    assert mark is not None and mark.kind == "loud"
    assert bar.describe(mark) == "Crowd peak (loud) at 0:04.0 in a.mp4, score 0.90"
    assert bar.mark_at(bar.x_of(5.0)) is None
    bar.set_position(50)  # clamped to the range
    assert bar.position == 12.0
