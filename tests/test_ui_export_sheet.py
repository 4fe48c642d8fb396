"""Post > Export caption sheet…: what a user gets from each choice (the file read back, the
clipboard), the Sprout choice blocked by the rights gate until overridden with a reason or
cleared, nothing overwritten without asking, core errors shown with nothing written."""

import copy
import datetime as dt

import pytest
from PySide6.QtGui import QDesktopServices, QGuiApplication, QUndoStack
from PySide6.QtWidgets import QMenu

from catalog_helpers import fill
from liveassets.publish import zones
from liveassets.publish.posts import PostStore
from liveassets.publish.sheet_preview import prepare
from liveassets.ui.posts.export_sheet import ExportSheetDialog

openpyxl = pytest.importorskip("openpyxl")
icalendar = pytest.importorskip("icalendar")

SYD = "Australia/Sydney"
CAPTIONS = ["=1+1 is not a formula here", "@nova thanks for coming!\nsecond line",
            "Skin tones 👍🏽 and 👨‍👩‍👧‍👦", '"quoted", with a comma']
# fill(): asset 0 has rights "unknown", 1 "pending", 2 "cleared"
UNKNOWN, PENDING, CLEARED = 0, 1, 2


def make_posts(library, captions=CAPTIONS, asset=CLEARED, gap=15, days_ahead=2, **kw):
    ids = fill(library, 3) if len(library) == 0 else library.ids_
    library.ids_ = ids
    store = PostStore(library)
    first = zones.localize(dt.datetime.combine(dt.date.today() + dt.timedelta(days=days_ahead),
                                               dt.time(9, 0)), SYD)
    for i, body in enumerate(captions):
        store.create(asset_ids=[ids[asset]], body=body, timezone=SYD, account="@livefest_au",
                     scheduled=first + dt.timedelta(minutes=gap * i), status="scheduled", **kw)
    return store.all()


@pytest.fixture
def dialog(qtbot, library):
    def _open(kind="xlsx", **kw):
        d = ExportSheetDialog(library, **kw)
        qtbot.addWidget(d)
        d.set_kind(kind)
        return d
    return _open


def run_export(qtbot, d, path):
    d.choose_path = lambda: str(path)
    assert d.export()
    qtbot.waitUntil(lambda: not d.busy, timeout=5000)


def test_xlsx_has_one_row_per_post_with_the_caption_exact(qtbot, dialog, library, tmp_path,
                                                         monkeypatch):
    make_posts(library, hashtags=["#LiveFest"])
    d = dialog("xlsx")
    assert d.export_button.isEnabled() and "4 posts" in d.summary.text()
    run_export(qtbot, d, tmp_path / "week")                     # the suffix follows the choice
    out = tmp_path / "week.xlsx"
    assert d.result.path == out and "For people" in d.status.text()
    ws = openpyxl.load_workbook(out)["Posts"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(CAPTIONS)
    assert [r[header.index("Caption body")] for r in rows] == CAPTIONS
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    assert d.show_button.isVisibleTo(d)
    d.show_button.click()
    assert opened == [str(tmp_path)]


def test_people_csv_starts_with_a_bom_and_neutralises_formulas(qtbot, dialog, library, tmp_path):
    make_posts(library)
    d = dialog("csv")
    assert "opens in Excel" in d.summary.text()
    run_export(qtbot, d, tmp_path / "sheet.csv")
    data = (tmp_path / "sheet.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'=1+1 is not a formula here" in data.decode("utf-8-sig")


def test_sprout_is_blocked_by_the_rights_gate_until_overridden_with_a_reason(
        qtbot, dialog, library, tmp_path):
    make_posts(library, asset=PENDING)
    stack = QUndoStack()
    d = dialog("sprout", undo_stack=stack)
    assert not d.export_button.isEnabled()
    assert d.problems.isVisibleTo(d) and d.override_row.isVisibleTo(d)
    said = d.problems.toPlainText()
    assert "blocked by the rights gate" in said and "rights pending" in said
    assert "Override the rights gate" in said and "--override-rights" not in said
    assert "“=1+1 is not a formula here”" in said               # posts named by caption, not id
    assert "4 posts flagged by the rights gate" in d.summary.text()
    d.override.setChecked(True)                                  # ticked, but no reason yet
    assert not d.export_button.isEnabled() and "give a reason" in d.problems.toPlainText()
    d.reason.setText("Creator approved by email")
    d.refresh()
    assert d.export_button.isEnabled() and not d.problems.isVisibleTo(d)
    assert all(p.rights_override is None for p in PostStore(library).all())  # nothing yet
    run_export(qtbot, d, tmp_path / "sprout.csv")
    text = (tmp_path / "sprout.csv").read_text(encoding="utf-8")
    assert text.startswith("date,time_24hr,message_text") and "=1+1 is not a formula" in text
    assert "Sprout Social's bulk import only" in d.status.text()
    assert "Recorded a rights override on 4 posts" in d.status.text()
    posts = PostStore(library).all()
    assert {p.rights_override["reason"] for p in posts} == {"Creator approved by email"}
    assert stack.count() == 1                                    # one undo step for all four
    stack.undo()
    assert all(p.rights_override is None for p in PostStore(library).all())


def test_sprout_works_once_the_rights_are_cleared(qtbot, dialog, library, tmp_path):
    make_posts(library, captions=["One", "Two"], asset=UNKNOWN)
    d = dialog("sprout")
    assert not d.export_button.isEnabled()
    aid = library.ids_[UNKNOWN]
    doc = copy.deepcopy(library.get(aid))
    doc["rights"].update(status="cleared", expires=None)
    library.apply("Rights", {aid: doc})
    d.refresh()
    assert d.export_button.isEnabled() and not d.override_row.isVisibleTo(d)
    run_export(qtbot, d, tmp_path / "sprout.csv")
    assert len((tmp_path / "sprout.csv").read_text().splitlines()) == 3


def test_sprout_names_posts_too_close_together(qtbot, dialog, library):
    make_posts(library, captions=["One", "Two"], gap=5)
    d = dialog("sprout")
    assert not d.export_button.isEnabled() and not d.override_row.isVisibleTo(d)
    assert "under 10 minutes apart" in d.problems.toPlainText()
    assert "1 conflict: posts under 10 minutes apart" in d.summary.text()
    d.set_kind("xlsx")                                           # people may still see them
    assert d.export_button.isEnabled() and not d.problems.isVisibleTo(d)


def test_markdown_lands_on_the_clipboard(qtbot, dialog, library, tmp_path):
    make_posts(library)
    QGuiApplication.clipboard().clear()
    d = dialog("md")
    run_export(qtbot, d, tmp_path / "chat")
    text = (tmp_path / "chat.md").read_text(encoding="utf-8")
    assert QGuiApplication.clipboard().text() == text
    assert "> @nova thanks for coming!" in text and "clipboard" in d.status.text()


def test_ics_has_one_event_per_scheduled_post(qtbot, dialog, library, tmp_path):
    make_posts(library)
    PostStore(library).create(asset_ids=[library.ids_[CLEARED]], body="Some day")  # no date
    d = dialog("ics")
    d.use_from.setChecked(False)                                 # every post, unscheduled too
    assert "4 scheduled posts</b> become events (1 post without a date left out)" in \
        d.summary.text()
    run_export(qtbot, d, tmp_path / "team.ics")
    cal = icalendar.Calendar.from_ical((tmp_path / "team.ics").read_bytes())
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    assert len(events) == 4 and d.result.rows == 4


def test_an_existing_file_is_replaced_only_when_confirmed(qtbot, dialog, library, tmp_path):
    make_posts(library)
    out = tmp_path / "sheet.xlsx"
    out.write_bytes(b"keep me")
    d = dialog("xlsx")
    asked = []
    d.confirm_overwrite = lambda path: asked.append(path) or False
    d.choose_path = lambda: str(out)
    assert not d.export()
    assert asked == [out] and out.read_bytes() == b"keep me" and "Not written" in d.status.text()
    d.confirm_overwrite = lambda path: True
    run_export(qtbot, d, out)
    assert openpyxl.load_workbook(out)["Posts"].max_row == len(CAPTIONS) + 1


def test_a_core_error_is_shown_and_nothing_is_written(qtbot, dialog, library, tmp_path):
    make_posts(library)
    d = dialog("csv")
    run_export(qtbot, d, tmp_path / "no such folder" / "sheet.csv")
    assert "does not exist" in d.status.text() and "Not written" in d.status.text()
    assert d.result is None and not d.show_button.isVisibleTo(d)
    assert d.export_button.isEnabled() and d.close_button.isEnabled()


def test_a_failed_sprout_export_records_no_override(qtbot, dialog, library, tmp_path):
    make_posts(library, captions=["One"], asset=PENDING)
    stack = QUndoStack()
    d = dialog("sprout", undo_stack=stack)
    d.override.setChecked(True)
    d.reason.setText("Approved")
    d.refresh()
    run_export(qtbot, d, tmp_path / "gone" / "sprout.csv")
    assert "Not written" in d.status.text() and stack.count() == 0
    assert PostStore(library).all()[0].rights_override is None


def test_scope_and_dates_choose_the_posts(qtbot, dialog, library):
    make_posts(library, captions=["Cleared asset"])
    make_posts(library, captions=["Pending asset"], asset=PENDING, days_ahead=30)
    d = dialog("xlsx", query="rights:pending")
    assert d.all_posts.isChecked() and d.grid_posts.isEnabled()
    assert "2 posts" in d.summary.text()
    d.grid_posts.setChecked(True)
    assert [p.body for p in d.preview.posts] == ["Pending asset"]
    d.all_posts.setChecked(True)
    d.use_to.setChecked(True)
    d.to_date.setDate(d.from_date.date().addDays(20))
    d.refresh()
    assert [p.body for p in d.preview.posts] == ["Cleared asset"]
    d.to_date.setDate(d.from_date.date().addDays(-1))
    d.refresh()
    assert "before the From date" in d.summary.text() and not d.export_button.isEnabled()
    assert not dialog("xlsx").grid_posts.isEnabled()             # no search: nothing to narrow


def test_prepare_is_pure_and_counts_what_the_sheet_will_hold(library):
    posts = make_posts(library, captions=["a", "b", "c"], asset=PENDING, gap=5)
    p = prepare(library, posts, "sprout", override_reason="ok", by="me")
    assert p.flagged == 3 and p.to_override == [q.id for q in posts] and len(p.conflicts) == 2
    assert all(q.rights_override["by"] == "me" for q in p.posts)
    assert all(q.rights_override is None for q in PostStore(library).all())
    assert prepare(library, [], "xlsx").problems == [
        "No posts match: check the search and the dates."]


def test_the_post_menu_opens_the_dialog_on_what_the_grid_shows(qtbot, open_window, library,
                                                               monkeypatch):
    make_posts(library, captions=["One"])
    win = open_window()
    menu = next(m for m in win.menuBar().findChildren(QMenu)
                if m.title().replace("&", "") == "Post")
    assert win.export_sheet_action in menu.actions()
    assert win.export_sheet_action.shortcut().toString() == "Ctrl+Shift+E"
    opened = []
    monkeypatch.setattr(ExportSheetDialog, "exec", lambda self: opened.append(self) or 0)
    win.search.set_text("rating:2")
    win.export_sheet_action.trigger()
    (d,) = opened
    assert d.query == "rating:2" and d.grid_posts.isEnabled() and d.undo_stack is win.undo_stack
    assert "1 post" in d.summary.text()
    d.close()
