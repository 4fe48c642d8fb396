"""Burst stacks in the grid: Shift+S collapses each stack to its suggested pick with a count
badge, S or a click on the badge opens it (members side by side, pick first), culling keys on
a collapsed stack act on all of it, Shift+X rejects the rest of the stack in one undo step, and
the flags shown follow through the change feed. Stack fields are set as the stacks helper's
scan writes them (catalog/stacks.py: stack, stack_size, best)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402

from catalog_helpers import fill  # noqa: E402

REJECTED = QColor("#e5534b")


def stacked_library(library) -> dict:
    """12 assets in taken order; A = rows 1-4 (pick: row 3), B = rows 6-8 (pick: row 6)."""
    ids = fill(library, 12)
    docs = {aid: dict(library.get(aid), kind="image", taken=f"2026-11-20T20:00:{i:02d}",
                      rating=0, pick="none", stack=None, stack_size=1, best=False)
            for i, aid in enumerate(ids)}
    for members, sid, best in ((ids[1:5], "st-a", ids[3]), (ids[6:9], "st-b", ids[6])):
        for aid in members:
            docs[aid].update(stack=sid, stack_size=len(members), best=aid == best)
    library.apply("Stacks", docs)
    return {"ids": ids, "a": ids[1:5], "a_best": ids[3], "b": ids[6:9], "b_best": ids[6]}


@pytest.fixture
def grid(qtbot, open_window, library):
    s = stacked_library(library)
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 12)
    win.activateWindow()  # keys reach the grid only in the active window
    win.view.setFocus()
    qtbot.waitUntil(lambda: win.view.hasFocus())
    return win, s


def stacks_on(qtbot, win):
    qtbot.keyClick(win.view, Qt.Key_S, Qt.ShiftModifier)
    assert win.stacks.toggle_action.isChecked()


def cell_pixel(win, aid, offset: QPoint) -> QColor:
    win.view.viewport().repaint()
    image = win.view.viewport().grab().toImage()
    rect = win.view.visualRect(win.model.index(win.model.row_of(aid)))
    return image.pixelColor(rect.topLeft() + offset)


def badge_centre(win, aid) -> QPoint:
    row = win.model.row_of(aid)
    rect = win.view.visualRect(win.model.index(row))
    return win.view.delegate.badge_rect(rect, win.model.doc(row), win.model.stack_badge(aid)) \
        .center()


def test_stacks_collapse_to_their_pick_with_a_count_and_come_back(qtbot, grid):
    win, s = grid
    stacks_on(qtbot, win)
    ids = win.model.ids
    assert len(ids) == 12 - 3 - 2
    assert s["a_best"] in ids and s["b_best"] in ids
    assert not set(s["a"]) - {s["a_best"]} & set(ids)
    assert ids.index(s["a_best"]) == 1  # where the stack's first frame was
    assert win.model.stack_badge(s["a_best"]) == "4" and win.model.stack_badge(s["b_best"]) == "3"
    win.view.viewport().repaint()
    shot = win.view.viewport().grab().toImage()
    left_of_text = badge_centre(win, s["a_best"]) + QPoint(-win.view.delegate.badge_rect(
        win.view.visualRect(win.model.index(1)), win.model.doc(1), "4").width() // 2 + 4, 0)
    badge = shot.pixelColor(left_of_text)
    assert max(badge.red(), badge.green(), badge.blue()) < 60  # the dark badge is drawn
    assert win.model.stack_badge(s["ids"][0]) == ""  # a photo alone has none
    assert "12 assets · 5 in closed stacks" in win.count_label.text()  # assets, not cells
    qtbot.keyClick(win.view, Qt.Key_S, Qt.ShiftModifier)
    assert not win.stacks.toggle_action.isChecked() and len(win.model.ids) == 12


def test_s_and_the_badge_open_a_stack_beside_itself_pick_first(qtbot, grid):
    win, s = grid
    stacks_on(qtbot, win)
    win.view.move_to_row(win.model.row_of(s["a_best"]))
    qtbot.keyClick(win.view, Qt.Key_S)
    ids = win.model.ids
    start = ids.index(s["a_best"])
    assert ids[start:start + 4] == [s["a_best"]] + [a for a in s["a"] if a != s["a_best"]]
    assert [win.model.stack_badge(a) for a in ids[start:start + 4]] == ["1/4 pick", "2/4",
                                                                        "3/4", "4/4"]
    assert win.view.currentIndex().row() == start  # focus stays on the photo
    qtbot.keyClick(win.view, Qt.Key_S)  # S again folds it
    assert len(win.model.ids) == 7
    # A click on stack B's badge opens it; a click on its badge again closes it.
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=badge_centre(win, s["b_best"]))
    assert set(s["b"]) <= set(win.model.ids)
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=badge_centre(win, s["b_best"]))
    assert not (set(s["b"]) - {s["b_best"]}) & set(win.model.ids)


def test_culling_keys_on_a_collapsed_stack_act_on_all_of_it_in_one_step(qtbot, grid):
    win, s = grid
    stacks_on(qtbot, win)
    win.view.move_to_row(win.model.row_of(s["a_best"]))
    qtbot.keyClick(win.view, Qt.Key_3)
    assert [win.catalog.get(a)["rating"] for a in s["a"]] == [3, 3, 3, 3]
    assert win.catalog.get(s["ids"][0])["rating"] == 0  # nothing outside the stack
    win.undo_stack.undo()
    assert [win.catalog.get(a)["rating"] for a in s["a"]] == [0, 0, 0, 0]
    # Opened, the same key acts on the one photo.
    qtbot.keyClick(win.view, Qt.Key_S)
    win.view.move_to_row(win.model.row_of(s["a"][0]))
    qtbot.keyClick(win.view, Qt.Key_2)
    assert [win.catalog.get(a)["rating"] for a in s["a"]] == [2, 0, 0, 0]


def test_reject_the_rest_keeps_the_focused_one_in_one_undo_step(qtbot, grid):
    win, s = grid
    stacks_on(qtbot, win)
    win.view.move_to_row(win.model.row_of(s["a_best"]))
    qtbot.keyClick(win.view, Qt.Key_S)  # open it, so every member's flag is on screen
    keep = s["a"][0]  # not the suggested pick: the user's own choice wins
    win.view.move_to_row(win.model.row_of(keep))
    qtbot.keyClick(win.view, Qt.Key_X, Qt.ShiftModifier)
    picks = {a: win.catalog.get(a)["pick"] for a in s["a"]}
    assert picks[keep] == "none"
    assert all(picks[a] == "rejected" for a in s["a"] if a != keep)
    assert all(win.catalog.get(a)["pick"] == "none" for a in s["b"])
    assert win.undo_stack.count() == 1 and "Reject the rest" in win.undo_stack.undoText()
    flag = QPoint(6 + win.view.delegate.thumb_size - 12, 6 + 13)  # the flag pill's centre
    qtbot.waitUntil(lambda: _close(cell_pixel(win, s["a"][1], flag), REJECTED))
    assert not _close(cell_pixel(win, keep, flag), REJECTED)
    win.undo_stack.undo()
    assert all(win.catalog.get(a)["pick"] == "none" for a in s["a"])
    qtbot.waitUntil(lambda: not _close(cell_pixel(win, s["a"][1], flag), REJECTED))


def test_reject_the_rest_from_the_menu_on_a_photo_alone_says_so(qtbot, grid):
    win, s = grid
    win.view.move_to_row(0)  # not in a stack
    win.stacks.reject_rest_action.trigger()
    assert "not in a stack" in win.last_message
    assert win.undo_stack.count() == 0
    assert win.stacks.reject_rest_action in win.menus.asset.actions()
    assert win.stacks.toggle_action in win.menus.view.actions()


def test_a_hidden_member_selected_keeps_its_stack_selected_when_folded(qtbot, grid):
    win, s = grid
    stacks_on(qtbot, win)
    win.view.move_to_row(win.model.row_of(s["b_best"]))
    qtbot.keyClick(win.view, Qt.Key_S)
    win.view.move_to_row(win.model.row_of(s["b"][2]))
    qtbot.keyClick(win.view, Qt.Key_S)  # fold it from its third frame
    assert win.model.ids[win.view.currentIndex().row()] == s["b_best"]
    assert win.selected_ids() == [s["b_best"], *s["b"][1:]]  # the stack is what is selected


def test_a_query_matching_one_member_shows_it_as_a_plain_photo(qtbot, grid):
    win, s = grid
    stacks_on(qtbot, win)
    win.catalog.rate([s["a"][1]], 5)
    win.search.set_text("rating:5")
    qtbot.waitUntil(lambda: win.model.ids == [s["a"][1]])
    assert win.model.stack_badge(s["a"][1]) == ""


def test_the_grid_follows_a_regroup(qtbot, grid):
    """Stacks recomputed (a scan, a backfill) reach the collapsed grid through the relay."""
    win, s = grid
    stacks_on(qtbot, win)
    docs = {a: {"stack": None, "stack_size": 1, "best": False} for a in s["b"]}
    win.catalog.apply("Regroup", docs)
    qtbot.waitUntil(lambda: set(s["b"]) <= set(win.model.ids))
    assert len(win.model.ids) == 12 - 3


def _close(a: QColor, b: QColor, tol=40) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


def test_stacks_stay_folded_in_the_next_session(qtbot, grid, open_window):
    win, s = grid
    stacks_on(qtbot, win)
    win.close()  # saves the window's state
    again = open_window()
    qtbot.waitUntil(lambda: again.model.rowCount() == 7)
    assert again.stacks.toggle_action.isChecked()
    assert again.model.stack_badge(s["a_best"]) == "4"


def test_keys_in_quick_look_act_on_the_photo_shown_not_its_folded_stack(qtbot, grid):
    win, s = grid
    stacks_on(qtbot, win)
    win.view.move_to_row(win.model.row_of(s["a_best"]))
    win.looking.open_quick_look()
    qtbot.keyClick(win.quick_look, Qt.Key_X)
    assert [win.catalog.get(a)["pick"] for a in s["a"]] == [
        "rejected" if a == s["a_best"] else "none" for a in s["a"]]
    win.quick_look.close_look()
    qtbot.keyClick(win.view, Qt.Key_U)  # back in the grid the folded stack is one cell again
    qtbot.keyClick(win.view, Qt.Key_1)
    assert all(win.catalog.get(a)["rating"] == 1 for a in s["a"])


def test_c_on_a_folded_stack_compares_its_frames_pick_first(qtbot, grid):
    win, s = grid
    for aid in s["a"]:  # compare shows photos
        assert win.catalog.get(aid)["kind"] == "image"
    stacks_on(qtbot, win)
    win.view.move_to_row(win.model.row_of(s["a_best"]))
    qtbot.keyClick(win.view, Qt.Key_C)
    assert win.compare.isVisible()
    assert [d["id"] for d in win.compare.docs] == win.model.members_of(s["a_best"])
    assert win.compare.docs[0]["id"] == s["a_best"] and len(win.compare.docs) == 4
    qtbot.keyClick(win.compare, Qt.Key_Escape)
