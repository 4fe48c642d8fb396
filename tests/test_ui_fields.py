"""Fields that take what is typed after a click: dates and times in the composer and the rights
form, seconds in the cut editor and composer (also when they show "not set"), numbers in a
dialog opened later; and the rights form's expiry, which shows "Multiple values" for a mixed
selection and is written only when the user changed it."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, QPoint, Qt, QTime  # noqa: E402
from PySide6.QtWidgets import QLineEdit  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.errors import UserError  # noqa: E402
from liveassets.publish.posts import PostStore  # noqa: E402
from liveassets.ui.field_typing import parse_typed  # noqa: E402

WHEN = dt.datetime(2026, 11, 23, 9, 0)


def click(qtbot, field, x_fraction: float) -> None:
    """A left click on the field's text, `x_fraction` of the way across it."""
    line = field.findChild(QLineEdit)
    qtbot.mouseClick(line, Qt.LeftButton, pos=QPoint(int(line.width() * x_fraction),
                                                     line.height() // 2))


@pytest.fixture
def win(qtbot, open_window, library):
    ids = fill(library, 8)
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 8)
    win.ids = ids
    return win


@pytest.fixture
def composer(qtbot, win, library):
    video = next(a for a in win.ids if library.get(a)["kind"] == "video")
    post_id = PostStore(library).create(body="Recap", asset_ids=[video], scheduled=WHEN,
                                        timezone="Australia/Sydney").ids[0]
    panel = win.posts_panel
    panel.show()
    panel.refresh()
    panel.select_post(post_id)
    qtbot.waitUntil(lambda: panel.composer.post_id == post_id)
    c = panel.composer
    c.post_id_ = post_id
    return c


def _stored(library, post_id):
    return PostStore(library).get(post_id)


@pytest.mark.parametrize("where", [0.05, 0.4, 0.6, 0.95])
def test_composer_date_takes_a_typed_date_wherever_it_was_clicked(qtbot, composer, library,
                                                                   where):
    c = composer
    click(qtbot, c.date_edit, where)
    assert c.date_edit.hasFocus()
    qtbot.keyClicks(c.date_edit, "2027-03-15")
    assert c.date_edit.date() == QDate(2027, 3, 15)
    qtbot.keyClick(c.date_edit, Qt.Key_Return)
    c.editor.setFocus()  # leaving the field saves it
    c.flush()
    when = _stored(library, c.post_id_).scheduled
    assert (when.date(), when.hour, when.minute) == (dt.date(2027, 3, 15), 9, 0)


def test_composer_time_typed_after_a_click_on_either_part(qtbot, composer, library):
    c = composer
    click(qtbot, c.time_edit, 0.9)  # on the minutes
    qtbot.keyClicks(c.time_edit, "0930")
    assert c.time_edit.time() == QTime(9, 30)
    c.editor.setFocus()
    click(qtbot, c.time_edit, 0.9)  # the minutes again: two digits replace just them
    qtbot.keyClicks(c.time_edit, "45")
    assert c.time_edit.time() == QTime(9, 45)
    c.editor.setFocus()
    click(qtbot, c.time_edit, 0.05)  # the hours
    qtbot.keyClicks(c.time_edit, "18")
    c.editor.setFocus()
    c.flush()
    when = _stored(library, c.post_id_).scheduled
    assert (when.hour, when.minute) == (18, 45)


def test_a_seconds_field_showing_not_set_takes_typed_digits(qtbot, composer, library):
    c = composer
    c.more_button.setChecked(True)
    assert c.cover_spin.text() == "not set" and c.cover_spin.isEnabled()
    click(qtbot, c.cover_spin, 0.5)
    qtbot.keyClicks(c.cover_spin, "1.5")
    c.editor.setFocus()
    c.flush()
    assert _stored(library, c.post_id_).cover_time == 1.5


def test_cut_editor_in_point_takes_typed_seconds_after_a_click(qtbot, win, media_free_cut):
    editor = win.cut_editor
    spin = editor.segment_panel.start_spin
    for where in (0.1, 0.5, 0.9):
        editor.name_edit.setFocus()
        click(qtbot, spin, where)
        qtbot.keyClicks(spin, "1.25")
        qtbot.keyClick(spin, Qt.Key_Return)
        assert editor.plan.segments[0].start == 1.25
        spin.setValue(0.0)


@pytest.fixture
def media_free_cut(win, library):
    """One clip segment of 10 s in the cut editor (the clip's file is not needed to edit)."""
    video = next(library.get(a) for a in win.ids if library.get(a)["kind"] == "video")
    video["duration"] = 10.0
    win.cut_editor.add_assets([video])
    win.cut_editor.show()
    return video


def test_a_dialog_made_later_gets_typed_numbers_too(qtbot, win, library):
    from liveassets.ui.dialogs.export_pack import ExportPackDialog

    dialog = ExportPackDialog(library, win.ids, win)
    qtbot.addWidget(dialog)
    dialog.mode.setCurrentIndex(dialog.mode.findData("renditions"))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    click(qtbot, dialog.long_edge, 0.1)
    qtbot.keyClicks(dialog.long_edge, "1080")
    assert dialog.long_edge.value() == 1080


def test_typed_forms_read_whole_dates_and_times_only():
    assert parse_typed("2027-03-15", True, False) == QDate(2027, 3, 15)
    assert parse_typed("20270315", True, False) == QDate(2027, 3, 15)
    assert parse_typed("2027/03/15", True, False) == QDate(2027, 3, 15)
    assert parse_typed("2027-03-1", True, False) is None  # the 1st or the 1xth: wait
    with pytest.raises(UserError, match="February 2027 has 28 days"):  # whole, and wrong
        parse_typed("2027-02-30", True, False)
    assert parse_typed("0930", False, True) == QTime(9, 30)
    assert parse_typed("9:30", False, True) == QTime(9, 30)
    assert parse_typed("930", False, True) is None
    assert parse_typed("24:00", False, True) is None


# -- the rights form's expiry -------------------------------------------------------------------
def _rights(library, ids, key="expires"):
    return [library.get(a)["rights"].get(key) for a in ids]


def test_mixed_expiry_shows_multiple_values_and_other_edits_leave_it(qtbot, win, library):
    a, b = win.ids[1], win.ids[2]
    library.set_rights([a], expires="2027-01-31")
    library.set_rights([b], expires="2028-06-30")
    win.select_ids([a, b], a)
    form = win.inspector.rights
    assert form.expires.text() == "Multiple values" and not form.no_expiry.isChecked()
    click(qtbot, form.expires, 0.5)  # clicked, then left without a change
    terms = form.fields["terms"]
    terms.setFocus()
    qtbot.keyClicks(terms, "Print ok")
    qtbot.keyClick(terms, Qt.Key_Return)
    assert _rights(library, [a, b], "terms") == ["Print ok", "Print ok"]
    assert _rights(library, [a, b]) == ["2027-01-31", "2028-06-30"]
    assert form.expires.text() == "Multiple values"  # the placeholder came back

    click(qtbot, form.expires, 0.5)
    qtbot.keyClicks(form.expires, "2027-03-15")
    qtbot.keyClick(form.expires, Qt.Key_Return)
    assert _rights(library, [a, b]) == ["2027-03-15", "2027-03-15"]
    win.undo_stack.undo()
    assert _rights(library, [a, b]) == ["2027-01-31", "2028-06-30"]


def test_no_expiry_field_takes_a_typed_date_and_unticks_no_expiry(qtbot, win, library):
    a, b = win.ids[4], win.ids[5]
    library.set_rights([a, b], expires=None)
    win.select_ids([a, b], a)
    form = win.inspector.rights
    assert form.no_expiry.isChecked() and form.expires.text() == "Never"
    assert form.expires.isEnabled()
    click(qtbot, form.expires, 0.2)
    qtbot.keyClicks(form.expires, "2027-03-15")
    form.fields["owner"].setFocus()  # leaving the field
    assert _rights(library, [a, b]) == ["2027-03-15", "2027-03-15"]
    assert not form.no_expiry.isChecked()
    form.no_expiry.click()
    assert _rights(library, [a, b]) == [None, None]
    assert form.expires.text() == "Never"




def test_the_calendar_of_a_never_expiry_opens_near_today_and_a_picked_day_is_written(
        qtbot, win, library):
    a = win.ids[3]
    library.set_rights([a], expires=None)
    win.select_ids([a], a)
    form = win.inspector.rights
    edit = form.expires
    qtbot.mouseClick(edit, Qt.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    ahead = QDate.currentDate().addYears(1)
    assert (calendar.yearShown(), calendar.monthShown()) == (ahead.year(), ahead.month())
    assert library.get(a)["rights"]["expires"] is None  # opening it wrote nothing
    day = QDate(ahead.year(), ahead.month(), 1)
    calendar.setSelectedDate(day)
    calendar.clicked.emit(day)  # the user's click on that day
    assert library.get(a)["rights"]["expires"] == day.toString("yyyy-MM-dd")
    assert not form.no_expiry.isChecked()
