"""Date fields in the window read what the team types (liveassets/typed_dates.py through
ui/field_typing.py): 15/03/2027 day first, 15 Mar 2027, 2027-03-15, whatever order the field
displays; a refused entry ("03/15/2027") is said in one line and writes nothing."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtWidgets import QDateEdit  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.catalog.templates import MetadataTemplate, TemplateStore  # noqa: E402
from liveassets.errors import UserError  # noqa: E402
from liveassets.publish.posts import PostStore  # noqa: E402
from liveassets.ui.field_typing import parse_typed, typed_entry  # noqa: E402
from test_ui_fields import click, composer  # noqa: E402, F401  (click: on a field's text,
#   x of the way across; composer: the Posts dock open on a scheduled video post)

MARCH_15 = QDate(2027, 3, 15)


@pytest.fixture
def win(qtbot, open_window, library):
    ids = fill(library, 4)
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 4)
    win.ids = ids
    return win


def _expiry(library, asset_id):
    return library.get(asset_id)["rights"]["expires"]


@pytest.mark.parametrize("typed", ["15/03/2027", "15-03-2027", "15.03.2027", "15 Mar 2027",
                                   "15 March 2027", "Mar 15 2027", "Mon 15 Mar 2027",
                                   "2027-03-15", "20270315"])
def test_a_whole_typed_date_in_any_form(typed):
    assert parse_typed(typed, True, False) == MARCH_15


@pytest.mark.parametrize("typed", ["15/03/202", "15/03/20", "15 Mar 20", "2027-03-1", "15",
                                   "15 Mar"])
def test_a_date_still_being_typed_is_left_to_the_sections(typed):
    assert parse_typed(typed, True, False) is None


def test_a_date_and_time_field_takes_a_day_first_date():
    value = parse_typed("15/03/2027 09:30", True, True)
    assert (value.date(), value.time().hour(), value.time().minute()) == (MARCH_15, 9, 30)


@pytest.mark.parametrize("typed,words", [("03/15/2027", "has no month 15: write day first, "
                                                        "15/03/2027"),
                                         ("31/02/2027", "February 2027 has 28 days"),
                                         ("Tue 15 Mar 2027", "is a Monday")])
def test_a_whole_date_the_app_refuses_raises_its_line(typed, words):
    with pytest.raises(UserError, match=words):
        parse_typed(typed, True, False)


@pytest.mark.parametrize("typed", ["15/03/2027", "15 Mar 2027", "Mar 15, 2027"])
def test_inspector_expiry_takes_day_first_and_month_names_and_stores_iso(qtbot, win, library,
                                                                        typed):
    a = win.ids[0]
    library.set_rights([a], expires="2027-01-31")
    win.select_ids([a], a)
    form = win.inspector.rights
    click(qtbot, form.expires, 0.9)
    qtbot.keyClicks(form.expires, typed)
    assert form.expires.date() == MARCH_15
    qtbot.keyClick(form.expires, Qt.Key_Return)
    assert _expiry(library, a) == "2027-03-15"
    assert form.expires.text() == "2027-03-15"
    win.undo_stack.undo()
    assert _expiry(library, a) == "2027-01-31"


def test_inspector_expiry_takes_a_two_digit_year_on_enter(qtbot, win, library):
    a = win.ids[1]
    library.set_rights([a], expires=None)
    win.select_ids([a], a)
    form = win.inspector.rights
    click(qtbot, form.expires, 0.2)
    qtbot.keyClicks(form.expires, "15/03/27")
    qtbot.keyClick(form.expires, Qt.Key_Return)
    assert _expiry(library, a) == "2027-03-15"
    assert not form.no_expiry.isChecked()


@pytest.mark.parametrize("stored,shown", [("2027-01-31", "2027-01-31"), (None, "Never")])
def test_inspector_expiry_refuses_a_month_first_date_and_writes_nothing(qtbot, win, library,
                                                                       stored, shown):
    a = win.ids[2]
    library.set_rights([a], expires=stored)
    win.select_ids([a], a)
    form = win.inspector.rights
    steps = win.undo_stack.count()
    click(qtbot, form.expires, 0.2)
    with qtbot.waitSignal(typed_entry(form.expires).refused) as refused:
        qtbot.keyClicks(form.expires, "03/15/2027")
    assert refused.args == ['"03/15/2027" has no month 15: write day first, 15/03/2027.']
    assert win.status_label.text() == refused.args[0]   # stays after the tooltip has gone
    qtbot.keyClick(form.expires, Qt.Key_Return)
    form.fields["owner"].setFocus()  # and leaving the field
    assert _expiry(library, a) == stored
    assert form.expires.text() == shown
    assert win.undo_stack.count() == steps  # nothing written, so nothing to undo


def test_composer_date_takes_a_day_first_date(qtbot, composer, library):  # noqa: F811
    c, post_id = composer, composer.post_id_
    click(qtbot, c.date_edit, 0.5)
    qtbot.keyClicks(c.date_edit, "4/5/2027")  # 4 May, the team's way
    assert c.date_edit.date() == QDate(2027, 5, 4)
    qtbot.keyClick(c.date_edit, Qt.Key_Return)
    c.editor.setFocus()
    c.flush()
    when = PostStore(library).get(post_id).scheduled
    assert (when.date(), when.hour, when.minute) == (dt.date(2027, 5, 4), 9, 0)


def test_a_plain_date_field_gets_the_refusal_and_keeps_its_date(qtbot):
    edit = QDateEdit(QDate(2026, 12, 1))
    edit.setDisplayFormat("d MMM yyyy")
    qtbot.addWidget(edit)
    entry = typed_entry(edit)
    edit.show()
    edit.setFocus()
    with qtbot.waitSignal(entry.refused):
        qtbot.keyClicks(edit, "31/02/2027")
    assert edit.date() == QDate(2026, 12, 1)


def test_template_dialog_expiry_takes_day_first_and_a_refusal_leaves_it_unticked(
        qtbot, win, library):
    TemplateStore(library).save(MetadataTemplate("Cleared", {"status": "cleared"},
                                                 frozenset({"status"})))
    win.templates.edit_templates()
    dialog = win.templates.dialog
    form = dialog.form
    form.expiry_mode.setCurrentIndex(form.expiry_mode.findData("date"))
    form.ticks["expires"].setChecked(False)
    click(qtbot, form.expiry_date, 0.9)
    with qtbot.waitSignal(typed_entry(form.expiry_date).refused):
        qtbot.keyClicks(form.expiry_date, "12/31/2027")
    assert not form.ticks["expires"].isChecked()  # nothing typed was meant: not written
    click(qtbot, form.expiry_date, 0.9)
    qtbot.keyClicks(form.expiry_date, "31/12/2027")
    assert form.ticks["expires"].isChecked()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    (saved,) = TemplateStore(library).all()
    assert saved.values["expires"] == "2027-12-31"
    dialog.close()


def test_search_box_reads_day_first_and_says_why_a_month_first_date_is_refused(qtbot, win,
                                                                               library):
    a, b = win.ids[0], win.ids[1]
    library.set_rights([a], expires="2026-12-30")
    library.set_rights([b], expires="2027-01-02")
    win.search.set_text("expires<31/12/2026")
    qtbot.waitUntil(lambda: win.model.rowCount() == 1)
    assert win.model.ids == [a] and not win.search.error.isVisible()
    win.search.set_text("expires<12/31/2026")
    assert win.search.error.isVisible()
    assert "has no month 31: write day first, 31/12/2026." in win.search.error.text()
    assert win.model.ids == [a]  # the last good result stays
