"""The cut editor beyond adding and rendering: poster frames at each segment's in point, the
framing controls (drag the crop window, blur, bars of a colour), a still's slow zoom, saved cuts
reopened and duplicated, the rights override recorded in the cut's history, Quick export, a
half-size Preview kept out of the library, and Add to cut in the grid's context menu."""

import os

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QItemSelectionModel, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from test_ui_cuts import _clear_rights  # noqa: E402

RED, GREEN = (220, 40, 40), (40, 200, 60)  # the halves of a.mp4 in clip_fixtures' media


def _add(win, *paths):
    sel = win.view.selectionModel()
    sel.clearSelection()
    rows = {win.model.doc(r)["path"]: r for r in range(win.model.rowCount())}
    for p in paths:
        sel.select(win.model.index(rows[p], 0), QItemSelectionModel.Select)
    win.add_to_cut_action.trigger()
    return win.cut_editor


def _centre_colour(image):
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    return c.red(), c.green(), c.blue()


def _near(rgb, want, tol=40):
    return all(abs(a - b) <= tol for a, b in zip(rgb, want))


def test_posters_show_the_picture_at_each_in_point(qtbot, window, media):
    editor = _add(window, media["a"], media["photo"])
    qtbot.waitUntil(lambda: all(not editor.list.item(r).icon().isNull()
                                for r in range(editor.list.count())), timeout=10_000)
    row = next(r for r in range(2) if editor.segment(r).source == media["a"])
    editor.list.setCurrentRow(row)
    qtbot.waitUntil(lambda: editor.segment_panel.preview.image is not None, timeout=10_000)
    assert _near(_centre_colour(editor.segment_panel.preview.image), RED)
    editor.segment_panel.start_spin.setValue(1.5)  # the green half
    qtbot.waitUntil(lambda: editor.segment_panel.preview.image is not None
                    and _near(_centre_colour(editor.segment_panel.preview.image), GREEN),
                    timeout=10_000)
    assert "1.5 s → 2 s" in editor.list.item(row).text()


def test_framing_drag_blur_and_bars(qtbot, window, media):
    editor = _add(window, media["a"])
    panel = editor.segment_panel
    seg = editor.segment(0)
    assert editor.plan.format == "9:16" and seg.reframe == "crop" and seg.x == 0.5
    qtbot.waitUntil(lambda: panel.preview.can_drag(), timeout=10_000)  # 16:9 into 9:16
    preview = panel.preview
    preview.resize(300, 200)
    y = preview.height() / 2
    for kind, x in ((QMouseEvent.MouseButtonPress, 150), (QMouseEvent.MouseMove, 100),
                    (QMouseEvent.MouseButtonRelease, 100)):
        buttons = Qt.NoButton if kind == QMouseEvent.MouseButtonRelease else Qt.LeftButton
        QApplication.sendEvent(preview, QMouseEvent(kind, QPointF(x, y), preview.mapToGlobal(
            QPointF(x, y)), Qt.LeftButton, buttons, Qt.NoModifier))
    assert seg.x < 0.5  # dragged left: the kept window moved towards the left edge
    assert panel.x_slider.value() == round(seg.x * 100)
    panel.x_slider.setValue(100)
    assert seg.x == 1.0
    panel.reframe_combo.setCurrentIndex(panel.reframe_combo.findData("fit"))
    assert seg.reframe == "fit" and panel.color_button.isVisibleTo(panel)
    assert not panel.x_slider.isEnabled()
    panel.set_color("#ff00aa")
    assert seg.color == "#ff00aa"
    panel.reframe_combo.setCurrentIndex(panel.reframe_combo.findData("blur"))
    assert seg.reframe == "blur" and not panel.color_button.isVisibleTo(panel)
    grab = preview.grab().toImage()  # blur: the frame is filled, no bars of the old colour
    assert not _near(_centre_colour(grab), (255, 0, 170), tol=30)


def test_a_still_gets_duration_and_slow_zoom(qtbot, window, media):
    editor = _add(window, media["photo"])
    panel = editor.segment_panel
    assert panel.zoom_spin.isVisibleTo(panel) and not panel.start_spin.isVisibleTo(panel)
    panel.zoom_spin.setValue(10)
    panel.duration_spin.setValue(3)
    seg = editor.segment(0)
    assert seg.zoom == pytest.approx(0.1) and seg.length == 3
    assert "still 3 s, slow zoom" in editor.list.item(0).text()
    assert editor.plan.duration() == 3


def test_player_marks_retrim_a_segment(qtbot, window, media):
    editor = _add(window, media["a"])
    panel = editor.segment_panel
    panel.marks = lambda path: (0.4, 1.2) if path == media["a"] else (None, None)
    panel.marks_button.click()
    seg = editor.segment(0)
    assert (seg.start, seg.end) == (0.4, 1.2) and editor.plan.duration() == pytest.approx(0.8)


def test_saved_cuts_reopen_and_duplicate(qtbot, window, media):
    editor = _add(window, media["a"], media["photo"])
    editor.name_edit.setText("Sydney recap")
    editor.segment(0).reframe = "blur"
    editor.save()
    saved_id = editor.plan.id
    editor.new_cut()
    assert editor.list.count() == 0 and editor.plan.duration() == 0
    editor.cuts_menu.aboutToShow.emit()
    opened = next(a for a in editor.cuts_menu.actions() if a.menu())
    assert [a.text() for a in opened.menu().actions()] == ["Sydney recap"]
    opened.menu().actions()[0].trigger()
    assert editor.plan.id == saved_id and editor.name_edit.text() == "Sydney recap"
    assert editor.list.count() == 2 and editor.segment(0).reframe == "blur"
    assert editor.plan.duration() == pytest.approx(4.0)
    editor.duplicate()
    assert editor.plan.id != saved_id and editor.plan.name == "Sydney recap (copy)"
    video = next(r for r in range(2) if not editor.segment(r).is_photo)
    editor.list.setCurrentRow(video)
    editor.segment_panel.start_spin.setValue(1.0)
    editor.save()
    from liveassets.cuts.store import load_cut
    copy, original = (load_cut(window.catalog, i) for i in (editor.plan.id, saved_id))
    assert copy.segments[video].start == 1.0
    assert original.segments[video].start == 0.0  # the original is untouched
    assert {d["name"] for d in editor.saved_cuts()} == {"Sydney recap", "Sydney recap (copy)"}


def test_rights_override_is_asked_for_and_recorded(qtbot, window, media, messages,
                                                   monkeypatch):
    editor = _add(window, media["b"])  # rights unknown: a public cut is blocked
    editor.render_size = (90, 160)
    monkeypatch.setattr(editor, "ask_override", lambda problems: "Client approved by email")
    with qtbot.waitSignal(editor.rendered, timeout=60_000):
        assert editor.start_render()
    assert messages == []
    from liveassets.cuts.store import load_cut
    history = load_cut(window.catalog, editor.plan.id).history
    override = next(h for h in history if h["event"] == "rights override")
    assert override["reason"] == "Client approved by email" and override["by"]
    assert any("b.mp4" in line for line in override["blocked"])


def test_quick_export_copies_alike_clips(qtbot, window, media, messages, monkeypatch):
    import av

    win = window
    _clear_rights(win)
    editor = _add(win, media["a"], media["photo"])
    editor.quick_export()  # a photo cannot be stream-copied: said, nothing started
    assert messages and "clips only" in messages[-1][2] and not editor.is_rendering()
    editor.new_cut()
    editor = _add(win, media["a"], media["b"])
    editor.format_combo.setCurrentIndex(editor.format_combo.findData("16:9"))
    explained = []
    monkeypatch.setattr(editor, "confirm_quick", lambda text: explained.append(text) or True)
    with qtbot.waitSignal(editor.rendered, timeout=60_000) as done:
        assert editor.quick_export()
    assert "keyframe" in explained[0]
    out = editor.last_output
    with av.open(out) as c:
        assert c.streams.video[0].width == 160
        assert float(c.duration / 1_000_000) == pytest.approx(3.0, abs=0.2)
    asset = win.catalog.get(done.args[0])
    assert editor.plan.name in asset["tags"]


def test_add_to_cut_is_in_the_grids_context_menu(qtbot, window, media):
    menu = window.view.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert "Add to cut" in texts and "Export pack…" in texts


def test_preview_renders_half_size_plays_it_and_keeps_it_out_of_the_library(
        qtbot, window, media, messages, monkeypatch):
    import av
    from PySide6.QtGui import QDesktopServices

    _clear_rights(window)
    editor = _add(window, media["b"], media["photo"])
    editor.name_edit.setText("Recap")
    editor.render_size = (180, 320)
    opened = []  # played in the window's own player, not handed to another program
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    with qtbot.waitSignal(editor.previewed, timeout=60_000) as done:
        assert editor.preview_button.isEnabled()
        editor.preview_button.click()
    path = done.args[0]
    assert os.path.basename(path) == "recap-preview.mp4" and opened == []
    assert editor.watching.player.path == path
    with av.open(path) as c:
        assert (c.streams.video[0].width, c.streams.video[0].height) == (90, 160)
    assert window.catalog.by_path(os.path.abspath(path)) is None
    assert "not in the library" in editor.status.text() and messages == []
