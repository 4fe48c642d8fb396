"""The cut editor in the window: Add to cut (Ctrl+K) puts the grid selection into the Cut dock
with the right lengths, reordering and trimming change the plan and its running total, a public
cut of assets with unknown rights is blocked with every problem listed, and a render runs on a
worker (progress, Cancel), then enters the library tagged with the cut's name."""

import os

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QModelIndex, QItemSelectionModel, Qt  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

import liveassets.ui.cut.editor as cut_editor  # noqa: E402


def _row(win, path):
    return next(r for r in range(win.model.rowCount()) if win.model.doc(r)["path"] == path)


def _select(win, *paths):
    sel = win.view.selectionModel()
    sel.clearSelection()
    for p in paths:
        sel.select(win.model.index(_row(win, p), 0), QItemSelectionModel.Select)


def _add_all(win, media):
    _select(win, media["a"], media["b"], media["photo"])
    win.add_to_cut_action.trigger()
    return win.cut_editor


def _lengths(editor):
    return {os.path.basename(s.source): round(s.length, 2) for s in editor.plan.segments}


def _clear_rights(win):
    win.catalog.set_rights([win.model.doc(r)["id"] for r in range(win.model.rowCount())],
                           status="cleared")


def test_add_to_cut_lists_the_selection_with_lengths_and_total(qtbot, window, media):
    win = window
    assert not win.cut_editor.isVisible()
    assert win.add_to_cut_action.shortcut().toString() == "Ctrl+K"
    asset_menu = next(m for m in win.menuBar().findChildren(cut_editor.QMenu)
                      if m.title() == "&Asset")
    assert win.add_to_cut_action in asset_menu.actions()
    editor = _add_all(win, media)
    assert editor.isVisible() and editor.windowTitle() == "Cut"
    assert editor.list.count() == 3
    assert _lengths(editor) == {"a.mp4": 2.0, "b.mp4": 1.0, "IMG_0001.jpg": 2.0}
    assert editor.plan.duration() == pytest.approx(5.0)
    assert editor.total_label.text().startswith("5 s of 15 s")
    photo_item = next(editor.list.item(r) for r in range(3)
                      if "IMG_0001" in editor.list.item(r).text())
    assert "still 2 s" in photo_item.text()
    editor.target_combo.setCurrentIndex(3)  # custom
    editor.custom_target.setValue(4)
    assert editor.total_label.text().startswith("5 s of 4 s — 1 s over")


def test_reorder_remove_and_trim_change_the_plan(qtbot, window, media):
    editor = _add_all(window, media)
    names = [os.path.basename(s.source) for s in editor.plan.segments]
    model = editor.list.model()
    assert model.moveRow(QModelIndex(), 0, QModelIndex(), 3)  # first to the end
    assert [os.path.basename(s.source) for s in editor.plan.segments] == names[1:] + names[:1]
    assert [editor.segment(r) for r in range(3)] == editor.plan.segments
    video_row = next(r for r in range(3) if not editor.segment(r).is_photo)
    editor.list.setCurrentRow(video_row)
    seg = editor.segment(video_row)
    assert editor.segment_panel.end_spin.isVisibleTo(editor) and not editor.segment_panel.duration_spin.isVisibleTo(editor)
    before = editor.plan.duration()
    editor.segment_panel.end_spin.setValue(seg.end - 0.5)
    assert seg.end == pytest.approx(seg.start + seg.length)
    assert editor.plan.duration() == pytest.approx(before - 0.5)
    assert editor.total_label.text().startswith(f"{before - 0.5:g} s of 15 s")
    photo_row = next(r for r in range(3) if editor.segment(r).is_photo)
    editor.list.setCurrentRow(photo_row)
    assert editor.segment_panel.duration_spin.isVisibleTo(editor)
    editor.segment_panel.duration_spin.setValue(3.0)
    assert editor.plan.duration() == pytest.approx(before + 0.5)
    editor.remove_selected()
    assert editor.list.count() == 2 and not any(s.is_photo for s in editor.plan.segments)
    assert editor.plan.duration() == pytest.approx(before - 2.5)


def test_a_public_cut_of_unknown_rights_is_blocked_with_every_problem(qtbot, window, media,
                                                                      messages, monkeypatch):
    editor = _add_all(window, media)
    assert editor.plan.purpose == "public"
    asked = []
    monkeypatch.setattr(editor, "ask_override", lambda problems: asked.append(problems))
    editor.render_button.click()
    assert not editor.is_rendering() and editor.jobs.pending(owner=editor) == 0
    assert len(asked) == 1 and len(asked[0]) == 3  # offered an override first, declined
    assert len(messages) == 1
    kind, title, text = messages[0]
    assert kind == "warning" and "cannot be rendered" in title
    for n, name in enumerate(("a.mp4", "b.mp4", "IMG_0001.jpg"), 1):
        assert name in text
    assert text.count("rights") >= 3
    assert not os.path.exists(editor.catalog.folder / "renders" / "untitled-cut.mp4")


def test_render_finishes_and_the_clip_enters_the_library_tagged(qtbot, window, media, messages,
                                                                monkeypatch):
    win = window
    _clear_rights(win)
    _select(win, media["b"], media["photo"])
    win.add_to_cut_action.trigger()
    editor = win.cut_editor
    editor.name_edit.setText("Meetup recap")
    editor.render_size = (90, 160)
    seen = []
    editor.signals.progress.connect(lambda *a: seen.append(a))
    with qtbot.waitSignal(editor.rendered, timeout=60_000) as done:
        assert editor.start_render()
        assert editor.progress.isVisible() and editor.cancel_button.isVisible()
    assert messages == []
    out = editor.last_output
    assert out and os.path.basename(out) == "meetup-recap.mp4" and os.path.getsize(out) > 0
    asset = win.catalog.by_path(os.path.abspath(out))
    assert asset is not None and done.args == [asset["id"]]
    assert "Meetup recap" in asset["tags"]
    assert seen and any(eta is not None for *_, eta in seen)
    assert editor.show_button.isVisible() and not editor.progress.isVisible()
    assert editor.plan.id  # the plan was saved in the catalog
    from liveassets.cuts.store import load_cut
    saved = load_cut(win.catalog, editor.plan.id)
    assert saved.name == "Meetup recap" and saved.history[-1]["event"] == "rendered"
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    editor.show_button.click()
    assert [u.toLocalFile() for u in opened] == [os.path.dirname(out)]
    qtbot.waitUntil(lambda: any(win.model.doc(r)["path"] == asset["path"]
                                for r in range(win.model.rowCount())), timeout=5_000)


def test_cancel_stops_the_render_and_leaves_no_file(qtbot, window, media, messages,
                                                    monkeypatch):
    win = window
    _clear_rights(win)
    editor = _add_all(win, media)
    editor.render_size = (90, 160)
    chosen = str(editor.catalog.folder / "out" / "cancelled")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (chosen, "MP4 video (*.mp4)"))
    editor.output_button.click()
    assert editor.output_path == chosen + ".mp4"
    # Cancel from the worker at the first frame reported: mid-render, whatever the speed.
    editor.signals.progress.connect(
        lambda phase, *_: editor.token.cancel() if phase == "Rendering" else None,
        Qt.DirectConnection)
    with qtbot.waitSignal(editor.signals.cancelled, timeout=60_000):
        assert editor.start_render()
    assert not editor.is_rendering()
    assert "cancelled" in editor.status.text()
    folder = editor.catalog.folder / "out"
    assert not folder.exists() or os.listdir(folder) == []
    assert messages == []
    qtbot.waitUntil(lambda: editor.jobs.running() == 0, timeout=5_000)


def test_player_marks_in_and_out_and_add_to_cut_uses_them(qtbot, window, media):
    from liveassets.ui.inspector.video import load_multimedia

    if isinstance(load_multimedia(), str):
        pytest.skip(f"Qt Multimedia does not load here: {load_multimedia()}")
    win = window
    player = win.inspector.video
    _select(win, media["a"])
    win.view.setCurrentIndex(win.model.index(_row(win, media["a"]), 0))
    qtbot.waitUntil(lambda: player.path == media["a"] and player.player.duration() > 0,
                    timeout=10_000)
    player.setFocus()
    player.seek(500)
    qtbot.waitUntil(lambda: abs(player.position() - 500) < 50, timeout=5_000)
    qtbot.keyClick(player, Qt.Key_I)
    assert player.mark_in == pytest.approx(0.5, abs=0.05)
    qtbot.keyClick(player, Qt.Key_L)  # play ...
    playing = player.player.PlaybackState.PlayingState
    qtbot.waitUntil(lambda: player.player.playbackState() == playing, timeout=5_000)
    qtbot.keyClick(player, Qt.Key_K)  # ... and pause
    qtbot.waitUntil(lambda: player.player.playbackState() != playing, timeout=5_000)
    player.seek(1500)
    qtbot.waitUntil(lambda: abs(player.position() - 1500) < 50, timeout=5_000)
    qtbot.keyClick(player, Qt.Key_Period)  # one frame (1/15 s) on
    qtbot.waitUntil(lambda: abs(player.position() - 1567) < 20, timeout=5_000)
    qtbot.keyClick(player, Qt.Key_Comma)  # and back
    qtbot.waitUntil(lambda: abs(player.position() - 1500) < 20, timeout=5_000)
    qtbot.keyClick(player, Qt.Key_O)
    assert player.mark_out == pytest.approx(1.5, abs=0.05)
    assert player.marks_label.isVisible()
    assert player.marks_label.text() == "In 0:00.5 · Out 0:01.5"
    qtbot.keyClick(player, Qt.Key_J)  # back 1 s
    qtbot.waitUntil(lambda: abs(player.position() - 500) < 50, timeout=5_000)
    win.add_to_cut_action.trigger()
    seg = win.cut_editor.plan.segments[0]
    assert (seg.start, seg.end) == (pytest.approx(0.5, abs=0.05), pytest.approx(1.5, abs=0.05))
    assert win.cut_editor.plan.duration() == pytest.approx(1.0, abs=0.1)
    _select(win, media["b"])  # another clip: the marks are let go
    win.view.setCurrentIndex(win.model.index(_row(win, media["b"]), 0))
    assert player.mark_in is None and player.mark_out is None
    assert not player.marks_label.isVisible()


def test_a_second_render_keeps_the_first_and_both_carry_the_cuts_rights(qtbot, window, media,
                                                                         messages):
    win = window
    _clear_rights(win)
    ids = [win.catalog.by_path(media[k])["id"] for k in ("a", "b")]
    win.catalog.set_rights(ids[:1], credit="Video: Mia")
    win.catalog.set_rights(ids[1:], credit="Video: Kai", expires="2099-05-01")
    _select(win, media["a"], media["b"])
    win.add_to_cut_action.trigger()
    editor = win.cut_editor
    editor.name_edit.setText("Recap")
    editor.render_size = (90, 160)
    outputs = []
    for _ in range(2):
        with qtbot.waitSignal(editor.rendered, timeout=60_000) as done:
            assert editor.start_render()
        outputs.append((editor.last_output, done.args[0]))
        if len(outputs) == 1:
            first_bytes = open(editor.last_output, "rb").read()
    (first, first_id), (second, second_id) = outputs
    assert os.path.basename(first) == "recap.mp4"
    assert os.path.basename(second) == "recap (2).mp4"
    assert open(first, "rb").read() == first_bytes  # never silently replaced
    assert messages == [] and first_id != second_id
    for aid in (first_id, second_id):
        asset = win.catalog.get(aid)
        assert asset["rights"]["status"] == "cleared"
        assert asset["rights"]["credit"] == "Video: Mia; Video: Kai"
        assert asset["rights"]["expires"] == "2099-05-01"
        assert asset["derived_from"]["cut_id"] == editor.plan.id
    qtbot.waitUntil(lambda: any(win.model.doc(r)["id"] == second_id
                                for r in range(win.model.rowCount())), timeout=5000)
    _select(win, second)
    made_from = win.inspector.fact_labels["Made from"]
    qtbot.waitUntil(lambda: made_from.text() == 'cut "Recap" · 2 sources', timeout=5000)
    assert made_from.isVisibleTo(win.inspector)
    _select(win, media["a"])  # an original has no cut it was made from: no such row
    qtbot.waitUntil(lambda: not made_from.isVisibleTo(win.inspector), timeout=5000)
