"""No edit by accident: a mouse wheel over any combo box, spin box, date or time field or slider
of the window changes nothing unless that field has focus (the panel scrolls instead), and a
wheel never hands a field focus. A field the user clicked into still follows the wheel."""

import datetime as dt
import json

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import (QAbstractSlider, QAbstractSpinBox, QApplication,  # noqa: E402
                               QComboBox, QDateTimeEdit, QLineEdit, QScrollBar,
                               QWidget)

from catalog_helpers import fill  # noqa: E402
from liveassets.publish.posts import PostStore  # noqa: E402
from liveassets.ui import wheel_guard  # noqa: E402

FIELDS = (QComboBox, QAbstractSpinBox, QDateTimeEdit, QAbstractSlider)


def wheel(widget, notches: int, modifiers=Qt.NoModifier) -> bool:
    """Send `notches` wheel notches (positive: away from the user) at the widget's centre, as
    a mouse would; returns whether the event was accepted."""
    local = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(local, QPointF(widget.mapToGlobal(local.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.NoButton, modifiers, Qt.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def catalog_bytes(library) -> dict:
    """Everything a wheel could change in the library: the files on disk and every record."""
    files = {p.name: p.read_bytes() for p in sorted(library.folder.iterdir())
             if p.is_file() and p.name.startswith("catalog")}
    records = {name: sorted(library.records(name).all(), key=lambda d: d["id"])
               for name in ("posts", "cuts")}
    records["assets"] = sorted(library.all(), key=lambda d: d["id"])
    return {"files": files, "records": json.dumps(records, sort_keys=True, default=str)}


def value(widget):
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QAbstractSlider):
        return widget.value()
    return widget.text()


def fields(win) -> list:
    """Every visible wheel-able field of the window, its docks and their panels."""
    found = [w for w in win.findChildren(QWidget) if isinstance(w, FIELDS) and w.isVisible()
             and not isinstance(w, QScrollBar) and not w.property(wheel_guard.ALLOW)]
    return list(dict.fromkeys(found))


@pytest.fixture
def busy_window(qtbot, open_window, library):
    """The window on 12 assets with 5 selected (mixed rights), every dock open: a cut with a
    photo and a clip, a post open in the composer (with its "More" part shown), the calendar."""
    ids = fill(library, 12)
    post_id = PostStore(library).create(body="Recap", asset_ids=ids[:2],
                                        scheduled=dt.datetime(2026, 11, 23, 9, 0)).ids[0]
    library.records("cuts")  # the table exists even before a cut is saved
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 12)
    picked = ids[2:7]
    win.select_ids(picked, picked[0])
    win.cut_editor.add_assets([library.get(a) for a in (ids[3], ids[4])])  # a clip, a photo
    win.cut_editor.show()
    win.posts_panel.show()
    win.posts_panel.refresh()
    win.posts_panel.select_post(post_id)
    win.posts_panel.composer.more_button.setChecked(True)
    win.calendar.show()
    win.view.setFocus()
    qtbot.waitUntil(lambda: win.posts_panel.composer.post_id == post_id)
    return win


def _walk(qtbot, win, library) -> int:
    """Wheel every visible field up and down; asserts no value and nothing stored changed."""
    before = catalog_bytes(library)
    shown = fields(win)
    values = [value(w) for w in shown]
    plan = json.dumps(win.cut_editor.plan.to_dict(), sort_keys=True)
    for widget in shown:
        assert not widget.hasFocus()
        for notches in (1, 1, -1, -3, 2):
            wheel(widget, notches)
            editor = widget.findChild(QLineEdit)  # a spin box's editor is under the mouse
            if editor is not None and editor.isVisible():
                wheel(editor, notches)
    qtbot.wait(600)  # past the composer's save delay: a change would be written by now
    win.posts_panel.composer.flush()
    assert catalog_bytes(library) == before
    assert [value(w) for w in shown] == values
    assert json.dumps(win.cut_editor.plan.to_dict(), sort_keys=True) == plan
    return len(shown)


def test_a_wheel_over_any_unfocused_field_changes_nothing(qtbot, busy_window, library):
    win = busy_window
    shown = fields(win)
    names = {type(w).__name__ for w in shown}
    # The walk really covers the inspector, cut editor and composer fields.
    for expected in ("QComboBox", "QDateEdit", "QTimeEdit", "QDoubleSpinBox", "QSlider"):
        assert expected in names, expected
    assert win.inspector.rights.status in shown and win.inspector.rights.release in shown
    assert win.posts_panel.composer.date_edit in shown and win.cut_editor.format_combo in shown
    walked = _walk(qtbot, win, library)
    win.cut_editor.tabs.setCurrentIndex(1)  # the extras tab: its spins, combos and volume
    walked += _walk(qtbot, win, library)
    assert walked >= 20


def test_a_wheel_never_gives_a_field_focus(busy_window):
    for widget in fields(busy_window):
        assert widget.focusPolicy() & Qt.WheelFocus != Qt.WheelFocus, widget
        assert widget.focusPolicy() & Qt.ClickFocus  # a click still does


def test_a_focused_combo_follows_the_wheel(qtbot, busy_window, library):
    win = busy_window
    status = win.inspector.rights.status
    ids = win.selected_ids()
    library.set_rights(ids, status="pending")
    win.update_inspector()
    status.setFocus()
    qtbot.waitUntil(status.hasFocus)
    wheel(status, -1)  # one notch towards the user: the next status down the list
    after = status.currentData()
    assert after != "pending"
    assert {library.get(a)["rights"]["status"] for a in ids} == {after}
    win.undo_stack.undo()
    assert {library.get(a)["rights"]["status"] for a in ids} == {"pending"}


def test_the_inspector_scrolls_when_the_wheel_is_over_an_unfocused_combo(qtbot, busy_window,
                                                                        library):
    win = busy_window
    win.cut_editor.hide()
    win.posts_panel.hide()
    win.calendar.hide()
    win.resize(1000, 420)  # the inspector taller than its panel: it has somewhere to scroll
    panel = win.inspector
    bar = panel.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    status = win.inspector.rights.status
    panel.ensureWidgetVisible(status)
    start, shown = bar.value(), value(status)
    assert wheel(status, -2)
    assert bar.value() > start  # down, as over any other part of the panel
    assert value(status) == shown
    wheel(status, 2)
    assert bar.value() < start + 1


def test_the_toolbar_thumbnail_slider_still_follows_the_wheel(busy_window):
    """A view control outside any panel: a wheel over it has nothing else to mean."""
    slider = busy_window.size_slider
    before = busy_window.view.delegate.thumb_size
    wheel(slider, 1)
    assert busy_window.view.delegate.thumb_size != before


def test_a_wheel_over_the_clip_scrub_bar_scrolls_the_inspector_not_the_clip(qtbot, window,
                                                                            media, library):
    """The player's scrub bar sits in the scrolling inspector: the panel wins there too; once
    clicked (focused) the wheel steps through the clip."""
    from liveassets.ui.inspector import video

    if isinstance(video.load_multimedia(), str):
        pytest.skip(f"Qt Multimedia does not load here: {video.load_multimedia()}")
    win = window
    row = next(r for r in range(win.model.rowCount()) if win.model.doc(r)["path"] == media["a"])
    win.view.move_to_row(row)
    player = win.inspector.video
    qtbot.waitUntil(lambda: player.slider.maximum() > 0, timeout=10_000)
    assert player.slider in fields(win)
    walked = _walk(qtbot, win, library)
    assert walked >= 3 and player.slider.value() == 0
    player.slider.setFocus()
    qtbot.waitUntil(player.slider.hasFocus)
    wheel(player.slider, 3)
    assert player.slider.value() > 0
