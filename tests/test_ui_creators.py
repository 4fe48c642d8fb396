"""The window's side of creator submissions: File > Import submissions… takes a Google
Forms-style folder in (one undo step), the Creators dock lists the creators and filters the
grid by one, and the inspector shows the row a file came with, read-only."""

import pytest

pytest.importorskip("PySide6")

from intake_gen import make_folder, write_csv  # noqa: E402
from liveassets import clock  # noqa: E402


@pytest.fixture
def submissions(tmp_path):
    folder = make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", clock.today())
    return folder


def _import(qtbot, win, folder):
    from liveassets.ui.window.docks import open_import_submissions

    dialog = open_import_submissions(win, str(folder))
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    assert "7 rows · 6 media files · 5 matched · 1 file with no row · 1 row with no file" \
        in dialog.matches.text()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    return dialog


def test_import_then_undo_as_one_step(qtbot, open_window, submissions):
    win = open_window()
    assert win.import_submissions_action in win.menus.file.actions()
    dialog = _import(qtbot, win, submissions)
    text = dialog.report_text.toPlainText()
    assert text.startswith("6 files taken in as campaign:LIVE Fest Submissions (responses.csv): "
                           "2 cleared, 4 pending.")  # no copy of Dan's file here
    assert "row 7 @fay.wu" in text and "stray - Zed Stray.jpg" in text
    assert len(win.catalog) == 6
    assert win.undo_stack.undoText() == "Import submissions"
    dialog.close()
    win.undo_stack.undo()
    assert len(win.catalog) == 0
    win.undo_stack.redo()
    assert len(win.catalog) == 6


def test_creators_dock_lists_and_filters_the_grid(qtbot, open_window, submissions,
                                                  qtmodeltester):
    win = open_window()
    _import(qtbot, win, submissions).close()
    dock = win.creators
    assert dock.toggleViewAction() in win.menus.view.actions()
    dock.show()
    qtbot.waitUntil(lambda: dock.model.rowCount() == 5, timeout=10_000)
    qtmodeltester.check(dock.model)
    rows = {dock.model.index(r, 0).data(): r for r in range(dock.model.rowCount())}
    assert set(rows) == {"@ana.live", "@ben_ng", "@cara.d", "@danroe", "@eve.k"}
    ben = rows["@ben_ng"]
    assert dock.model.index(ben, 3).data() == 1  # pending
    assert dock.model.index(ben, 2).data() == 0  # public today
    assert dock.model.index(rows["@ana.live"], 2).data() == 1
    index = dock.model.index(rows["@ana.live"], 0)
    dock.table.clicked.emit(index)
    assert win.search.text() == "tag:creator:@ana.live"
    qtbot.waitUntil(lambda: win.model.rowCount() == 1, timeout=10_000)
    assert win.model.doc(0)["name"] == "dance - Ana Lee.jpg"


def test_the_inspector_shows_the_submission_read_only(qtbot, open_window, submissions):
    win = open_window()
    _import(qtbot, win, submissions).close()
    win.search.set_text("tag:creator:@ben_ng")
    qtbot.waitUntil(lambda: win.model.rowCount() == 1, timeout=10_000)
    win.select_ids([win.model.doc(0)["id"]])
    box = win.inspector.submission
    qtbot.waitUntil(lambda: not box.isHidden(), timeout=5_000)
    text = box.text()
    assert "Creator: @ben_ng" in text and "From: responses.csv row 3" in text
    assert "Minor: Yes" in text and "Pending: a minor: guardian consent missing" in text
    assert "Favourite colour: red" in text
    win.select_ids([])
    qtbot.waitUntil(box.isHidden, timeout=5_000)


def test_an_unknown_column_is_mapped_in_the_dialog(qtbot, open_window, tmp_path):
    from intake_gen import HEADERS
    from liveassets.intake.columns import remembered
    from liveassets.ui.window.docks import open_import_submissions

    folder = make_folder(tmp_path / "drive")
    headers = list(HEADERS)
    headers[3] = "Where do fans find you?"
    write_csv(tmp_path / "drive" / "responses.csv", clock.today(), headers=headers)
    win = open_window()
    dialog = open_import_submissions(win, str(folder))
    qtbot.waitUntil(lambda: 'no column for "Handle"' in dialog.status.text(), timeout=10_000)
    assert not dialog.import_button.isEnabled()
    combo = dialog.columns.cellWidget(3, 1)
    combo.setCurrentIndex(combo.findData("handle"))
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    assert win.catalog.query("tag:creator:@ana.live")
    assert remembered(win.catalog)["where do fans find you?"] == "handle"
    dialog.close()


def test_cancel_in_the_dialog_imports_nothing(qtbot, open_window, submissions):
    from liveassets.ui.window.docks import open_import_submissions

    win = open_window()
    dialog = open_import_submissions(win, str(submissions))
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10_000)
    dialog.import_button.click()
    assert dialog.close_button.text() == "Cancel"
    dialog.close_button.click()  # cancels the running intake, whatever phase it is in
    qtbot.waitUntil(lambda: dialog.running is None, timeout=30_000)
    assert len(win.catalog) == 0
    assert "Cancelled" in dialog.status.text() or dialog.report is not None and \
        dialog.report.cancelled
    assert win.undo_stack.count() == 0
    dialog.close()
