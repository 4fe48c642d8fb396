"""The compare view: 2-4 selected photos side by side (C), the focused one outlined, culling
keys acting on it alone, zoom to 100 % and pan synchronised across all of them, full-resolution
decodes off the UI thread, Esc back to the grid. Photos are the gradient photos of
test_ui_quick_look_zoom (red = x // 8, green = y // 8, blue tells them apart)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QSize, Qt  # noqa: E402
from PySide6.QtGui import QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from test_ui_quick_look_zoom import add_photos, where  # noqa: E402

SIZE = (1200, 900)


@pytest.fixture
def compare(qtbot, open_window, library, tmp_path):
    ids = add_photos(library, tmp_path / "burst", count=4, size=SIZE)
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 4)
    win.activateWindow()  # keys reach the grid only in the active window
    win.view.setFocus()
    qtbot.waitUntil(lambda: win.view.hasFocus())
    win.view.move_to_row(0)
    win.view.selectAll()
    qtbot.keyClick(win.view, Qt.Key_C)
    cv = win.compare
    assert cv.isVisible() and cv.hasFocus()
    return win, cv, ids


def shot(cv):
    return cv.grab().toImage()


def blue_at_centres(qtbot, cv) -> list[int]:
    image = shot(cv)
    return [image.pixelColor(a.center()).blue() for a in cv.photo_areas()]


def test_c_shows_the_selected_photos_side_by_side_focused_one_outlined(qtbot, compare):
    win, cv, ids = compare
    assert [d["id"] for d in cv.docs] == ids  # the focused cell first, then in grid order
    qtbot.waitUntil(lambda: blue_at_centres(qtbot, cv) == [40, 80, 120, 160], timeout=10_000)
    panes = cv.panes()
    assert all(not a.intersects(b) for i, a in enumerate(panes) for b in panes[i + 1:])
    highlight = QApplication.palette().color(QPalette.Highlight)
    image = shot(cv)

    def outlined(i: int) -> bool:
        c = image.pixelColor(QPoint(panes[i].center().x(), panes[i].top() - 4))
        return abs(c.red() - highlight.red()) + abs(c.green() - highlight.green()) \
            + abs(c.blue() - highlight.blue()) < 40
    assert outlined(0) and not outlined(1)
    qtbot.keyClick(cv, Qt.Key_Tab)
    assert cv.focus == 1
    image = shot(cv)
    assert outlined(1) and not outlined(0)


def test_culling_keys_act_on_the_focused_photo_only(qtbot, compare):
    win, cv, ids = compare
    qtbot.keyClick(cv, Qt.Key_Right)
    qtbot.keyClick(cv, Qt.Key_4)
    qtbot.keyClick(cv, Qt.Key_X)
    assert [win.catalog.get(a)["rating"] for a in ids] == [0, 4, 0, 0]
    assert [win.catalog.get(a)["pick"] for a in ids] == ["none", "rejected", "none", "none"]
    qtbot.waitUntil(lambda: cv.docs[1]["pick"] == "rejected")  # drawn on it through the relay
    win.undo_stack.undo()
    assert win.catalog.get(ids[1])["pick"] == "none"
    qtbot.waitUntil(lambda: cv.docs[1]["pick"] == "none")
    qtbot.mouseClick(cv, Qt.LeftButton, pos=cv.panes()[3].center())  # a click focuses
    assert cv.focus == 3 and not cv.zoom.zoomed
    qtbot.keyClick(cv, Qt.Key_P)
    assert win.catalog.get(ids[3])["pick"] == "picked"


def test_zoom_and_pan_are_synchronised_and_decoded_off_the_ui_thread(qtbot, compare):
    win, cv, ids = compare
    qtbot.keyClick(cv, Qt.Key_Z)
    assert cv.zoom.zoomed
    # Nothing decoded on the UI thread: the key returned before the pictures arrived.
    assert all(cv.full._kept.get(a) is None for a in ids)
    qtbot.waitUntil(lambda: all(cv.full.pixmap(d) is not None for d in cv.docs), timeout=20_000)
    assert all(cv.full.pixmap(d).size() == QSize(*SIZE) for d in cv.docs)
    image = shot(cv)
    centres = [where(image.pixelColor(a.center())) for a in cv.photo_areas()]
    assert all(abs(x - 600) <= 16 and abs(y - 450) <= 16 for x, y in centres)
    one = cv.photo_areas()[0].center()
    x0 = where(image.pixelColor(one))[0]
    assert abs(where(image.pixelColor(one + QPoint(40, 0)))[0] - x0 - 40) <= 8  # 1:1
    start = cv.photo_areas()[2].center()
    qtbot.mousePress(cv, Qt.LeftButton, pos=start)
    qtbot.mouseMove(cv, start + QPoint(-30, -10))
    qtbot.mouseRelease(cv, Qt.LeftButton, pos=start + QPoint(-60, -20))
    image = shot(cv)
    moved = [where(image.pixelColor(a.center())) for a in cv.photo_areas()]
    for (x, y), (mx, my) in zip(centres, moved):  # every photo panned by the same amount
        assert abs((mx - x) - 60) <= 8 and abs((my - y) - 20) <= 8
    qtbot.keyClick(cv, Qt.Key_Z)
    assert not cv.zoom.zoomed


def test_esc_goes_back_to_the_grid_and_a_wrong_selection_says_what_to_do(qtbot, compare):
    win, cv, ids = compare
    qtbot.keyClick(cv, Qt.Key_Escape)
    assert not cv.isVisible() and win.view.hasFocus()
    win.view.move_to_row(0)  # one photo selected
    qtbot.keyClick(win.view, Qt.Key_C)
    assert not cv.isVisible()
    assert "Select 2 to 4 photos" in win.last_message
    assert win.compare_action in win.menus.asset.actions()


def test_four_landscape_photos_on_a_wide_window_sit_in_two_rows_when_that_is_larger():
    from PySide6.QtCore import QRect

    from liveassets.ui.compare.view import pane_rects

    wide = [QSize(4000, 3000)] * 4
    panes = pane_rects(QRect(0, 0, 1280, 800), wide)
    assert len({p.top() for p in panes}) == 2
    tall = [QSize(3000, 4000)] * 4
    panes = pane_rects(QRect(0, 0, 1920, 1080), tall)
    assert len({p.top() for p in panes}) == 1  # portrait photos: one row is larger
