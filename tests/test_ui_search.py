"""Searching from the window: the grid follows the query, mistakes are named inline,
completion offers field names and tag values, the sidebar's collections run their queries."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.ui.library.sidebar import QUERY_ROLE  # noqa: E402


@pytest.fixture
def window(open_window, library):
    fill(library, 40)
    return open_window()


def test_typing_a_query_filters_the_grid(qtbot, window, library):
    win = window
    videos = {d["id"] for d in library.query("kind:video")}
    assert 0 < len(videos) < 40
    qtbot.keyClicks(win.search.edit, "kind:video")
    qtbot.waitUntil(lambda: win.model.rowCount() == len(videos))
    assert set(win.model.ids) == videos
    assert not win.search.error.isVisible()
    assert f"{len(videos)} of 40" in win.count_label.text()


def test_malformed_query_shows_message_and_keeps_grid(qtbot, window):
    win = window
    qtbot.keyClicks(win.search.edit, "rating>=9 (")
    qtbot.keyClick(win.search.edit, Qt.Key_Return)
    assert win.search.error.isVisible()
    text = win.search.error.text()
    assert "<u><b>" in text  # the spot is marked in the query shown under the box
    assert win.model.rowCount() == 40  # the last good result stays
    win.search.edit.clear()
    qtbot.keyClick(win.search.edit, Qt.Key_Return)
    assert not win.search.error.isVisible()


def test_unknown_field_error_points_at_it(qtbot, window):
    win = window
    win.search.set_text("kind:video colour:red")
    assert win.search.error.isVisible()
    text = win.search.error.text()
    assert "colour" in text and "kind:video <u><b>c</b></u>olour:red" in text


def test_completion_offers_fields_then_tag_values(qtbot, window):
    edit = window.search.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "r")
    assert "rating:" in edit.words.stringList() and "rights:" in edit.words.stringList()
    assert edit.completer.completionCount() == 2
    edit.clear()
    qtbot.keyClicks(edit, "tag:creator:@host1")
    assert edit.completer.popup().isVisible()
    edit.insert_completion(edit.completer.currentCompletion())
    assert edit.text().startswith("tag:creator:@host1")
    edit.clear()
    qtbot.keyClicks(edit, "tag:camp")
    completion = edit.completer.currentCompletion()
    assert completion.lower().startswith("tag:campaign:live fest")
    qtbot.keyClick(edit, Qt.Key_Return)
    assert edit.text().lower().startswith('tag:"campaign:live fest')  # quoted: it has spaces
    qtbot.waitUntil(lambda: window.model.rowCount() < 40)


def test_sidebar_collections_and_tags_filter(qtbot, window, library):
    win = window
    side = win.sidebar
    rows = {side.collections.child(r).text().split("  (")[0]: side.collections.child(r)
            for r in range(side.collections.rowCount())}
    assert {"All assets", "Needs rights", "Cleared", "Expiring within 14 days", "Picks",
            "Videos", "Errors and missing"} <= set(rows)
    side.clicked.emit(rows["Needs rights"].index())
    expected = {d["id"] for d in library.query("rights:unknown OR rights:pending")}
    assert set(win.model.ids) == expected
    assert win.search.text() == "rights:unknown OR rights:pending"
    tag_items = [side.tags.child(r) for r in range(side.tags.rowCount())]
    creator = next(i for i in tag_items if i.text() == "creator")
    host = creator.child(0)
    side.clicked.emit(host.index())
    assert set(win.model.ids) == {d["id"] for d in library.query(host.data(QUERY_ROLE))}
    assert 0 < win.model.rowCount() < 40


def test_sort_by_rating(qtbot, window, library):
    win = window
    win.sort_combo.setCurrentIndex(win.sort_combo.findData("rating"))
    ratings = [library.get(a)["rating"] for a in win.model.ids]
    assert ratings in (sorted(ratings), sorted(ratings, reverse=True))


def test_dragging_assets_onto_a_sidebar_tag_applies_it(qtbot, window, library):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    win = window
    side = win.sidebar
    creator = next(side.tags.child(r) for r in range(side.tags.rowCount())
                   if side.tags.child(r).text() == "creator")
    side.expand(creator.index())
    target = creator.child(0)
    tag = target.data(Qt.UserRole + 3)
    assert tag and tag.startswith("creator:")
    untagged = [a for a in win.model.ids if tag not in library.get(a)["tags"]][:3]
    mime = win.model.mimeData([win.model.index(win.model.row_of(a)) for a in untagged])
    side.scrollTo(target.index())
    pos = QPointF(side.visualRect(target.index()).center())
    enter = QDragEnterEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(side.viewport(), enter)  # Qt delivers a drop to the entered target
    assert enter.isAccepted()
    move = QDragMoveEvent(pos.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(side.viewport(), move)
    assert move.isAccepted()  # a real tag under the pointer
    drop = QDropEvent(pos, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(side.viewport(), drop)
    assert all(tag in library.get(a)["tags"] for a in untagged)
    win.undo_stack.undo()
    assert not any(tag in library.get(a)["tags"] for a in untagged)


def test_quick_filters_narrow_the_search(qtbot, window, library):
    win = window
    win.search.set_text("rating>=1")
    win.filters.buttons["Videos"].click()
    expected = {d["id"] for d in library.query("rating>=1 kind:video")}
    assert set(win.model.ids) == expected
    win.filters.buttons["Photos"].click()  # one per group: Photos replaces Videos
    assert set(win.model.ids) == {d["id"] for d in library.query("rating>=1 kind:image")}
    win.filters.buttons["Cleared"].click()
    assert set(win.model.ids) == {d["id"] for d in library.query(
        "rating>=1 kind:image rights:cleared")}
    win.filters.buttons["Photos"].click()  # a second click clears it
    assert win.filters.terms() == ["rights:cleared"]
    win.search.set_text("rating>=1 OR kind:video")  # the text is grouped before ANDing
    assert set(win.model.ids) == {d["id"] for d in library.query(
        "(rating>=1 OR kind:video) rights:cleared")}
    win.search.set_text("rating>=")
    assert win.search.error.isVisible()


def test_a_query_that_breaks_in_the_background_is_said_in_the_status_line(
        qtbot, open_window, library, monkeypatch):
    """The query runner had no error handling: a bug in a background query or count was lost
    (the count's callback never came). Now each says what failed in the status line."""
    win = open_window()

    def broken(*args, **kwargs):
        raise RuntimeError("index damaged in a test")

    monkeypatch.setattr(library, "query", broken)
    assert win.queries.request("", "taken")
    qtbot.waitUntil(lambda: not win.queries.busy, timeout=5_000)
    assert win.status_label.text().startswith(
        "The search failed unexpectedly (RuntimeError: index damaged in a test)")
    win.queries.call(lambda: broken(), lambda result: None)
    qtbot.waitUntil(lambda: win.status_label.text().startswith("A count failed unexpectedly"),
                    timeout=5_000)
    assert win.queries.request("", "taken")  # not stuck busy: the next one starts
    monkeypatch.undo()
    qtbot.waitUntil(lambda: not win.queries.busy, timeout=5_000)
