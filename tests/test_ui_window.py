"""The main window on a catalog of made-up assets: models, search, keyboard culling, undo."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.ui.library.grid_model import AssetGridModel  # noqa: E402


@pytest.fixture
def window(open_window, library):
    fill(library, 40)
    return open_window()


def test_grid_model_passes_modeltester(qtmodeltester, library):
    fill(library, 30)
    model = AssetGridModel(library)
    model.run_query("")
    qtmodeltester.check(model)
    model.run_query("kind:video")
    qtmodeltester.check(model)


def test_sidebar_model_passes_modeltester(qtmodeltester, window):
    qtmodeltester.check(window.sidebar.model())
    qtmodeltester.check(window.inspector.tag_editor.choices)


def test_grid_shows_every_asset(window):
    assert window.model.rowCount() == 40
    assert "40 assets" in window.count_label.text()


def _focus_grid(qtbot, win, row=0):
    win.activateWindow()
    win.view.setFocus()
    qtbot.waitUntil(lambda: win.view.hasFocus())
    win.view.move_to_row(row)


def test_keyboard_culling_with_auto_advance_and_undo(qtbot, window, library):
    win = window
    win.auto_advance.setChecked(True)
    _focus_grid(qtbot, win)
    first, second, third = win.model.ids[:3]
    before = library.get(first)["rating"], library.get(second)["pick"]
    qtbot.keyClick(win.view, Qt.Key_5)
    assert library.get(first)["rating"] == 5
    assert win.view.currentIndex().row() == 1  # auto-advanced
    qtbot.keyClick(win.view, Qt.Key_P)
    assert library.get(second)["pick"] == "picked"
    assert win.view.currentIndex().row() == 2
    qtbot.keyClick(win.view, Qt.Key_X)
    assert library.get(third)["pick"] == "rejected"
    assert library.get(win.model.ids[3])["pick"] == "none"
    qtbot.keyClick(win.view, Qt.Key_U)  # clearing a flag that is clear changes nothing...
    assert win.undo_stack.count() == 3  # ...so it leaves no empty step in the history

    # Undo everything back to the start, then redo the first two.
    while win.undo_stack.canUndo():
        qtbot.keyClick(win.view, Qt.Key_Z, Qt.ControlModifier)
    assert library.get(first)["rating"] == before[0]
    assert library.get(second)["pick"] == before[1]
    assert library.get(third)["pick"] == "none"
    qtbot.keyClick(win.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.keyClick(win.view, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert library.get(first)["rating"] == 5
    assert library.get(second)["pick"] == "picked"


def test_stars_apply_to_the_whole_selection_without_advancing(qtbot, window, library):
    win = window
    win.auto_advance.setChecked(True)
    _focus_grid(qtbot, win)
    win.view.selectAll()
    qtbot.keyClick(win.view, Qt.Key_2)
    assert {d["rating"] for d in library.all()} == {2}
    assert len(win.selected_ids()) == 40
    qtbot.keyClick(win.view, Qt.Key_0)
    assert {d["rating"] for d in library.all()} == {0}


def test_culling_keys_do_not_fire_while_typing_in_a_field(qtbot, window, library):
    win = window
    _focus_grid(qtbot, win)
    aid = win.model.ids[0]
    rating = library.get(aid)["rating"]
    qtbot.keyClick(win.view, Qt.Key_F, Qt.ControlModifier)
    assert win.search.edit.hasFocus()
    qtbot.keyClicks(win.search.edit, "5")
    assert library.get(aid)["rating"] == rating


def test_delete_removes_from_catalog_after_confirmation_and_undo_restores(qtbot, window, library,
                                                                         monkeypatch):
    win = window
    _focus_grid(qtbot, win, 3)
    aid = win.model.ids[3]
    asked = []
    monkeypatch.setattr(win, "confirm", lambda title, text: asked.append(text) or False)
    qtbot.keyClick(win.view, Qt.Key_Delete)
    assert asked and aid in library
    monkeypatch.setattr(win, "confirm", lambda title, text: True)
    qtbot.keyClick(win.view, Qt.Key_Delete)
    assert aid not in library
    qtbot.waitUntil(lambda: win.model.rowCount() == 39)  # the grid follows the change feed
    win.undo_stack.undo()
    assert aid in library
    qtbot.waitUntil(lambda: win.model.rowCount() == 40)


def test_space_opens_and_closes_quick_look(qtbot, window):
    win = window
    _focus_grid(qtbot, win, 2)
    qtbot.keyClick(win.view, Qt.Key_Space)
    assert win.quick_look.isVisible()
    assert win.quick_look.doc["id"] == win.model.ids[2]
    qtbot.keyClick(win.quick_look, Qt.Key_Right)
    assert win.quick_look.doc["id"] == win.model.ids[3]
    qtbot.keyClick(win.quick_look, Qt.Key_Escape)
    assert not win.quick_look.isVisible()
    assert win.view.hasFocus()


def test_culling_inside_quick_look_rates_and_follows_auto_advance(qtbot, window, library):
    win = window
    win.auto_advance.setChecked(True)
    _focus_grid(qtbot, win, 0)
    first, second = win.model.ids[:2]
    qtbot.keyClick(win.view, Qt.Key_Space)
    assert win.quick_look.isVisible() and win.quick_look.hasFocus()
    qtbot.keyClick(win.quick_look, Qt.Key_4)
    assert library.get(first)["rating"] == 4
    assert win.quick_look.doc["id"] == second  # moved on, still looking
    qtbot.keyClick(win.quick_look, Qt.Key_X)
    assert library.get(second)["pick"] == "rejected"
    qtbot.keyClick(win.quick_look, Qt.Key_Space)
    assert not win.quick_look.isVisible()


def test_ctrl_wheel_resizes_thumbnails(qtbot, window):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    win = window
    before = win.view.delegate.thumb_size
    pos = QPointF(50, 50)
    event = QWheelEvent(pos, QPointF(win.view.viewport().mapToGlobal(QPoint(50, 50))),
                        QPoint(0, 0), QPoint(0, 120), Qt.NoButton, Qt.ControlModifier,
                        Qt.NoScrollPhase, False)
    QApplication.sendEvent(win.view.viewport(), event)
    assert win.view.delegate.thumb_size == before + 20
    assert win.size_slider.value() == before + 20
