"""Everyday desktop manners of the window's menus: File > Quit (Ctrl+Q) closes the window the
normal way; View toggles the docks, chooses the palette (kept for next time) and sizes the
thumbnails; Help opens a keyboard sheet read from the window's own actions and About with the
versions a bug report needs; Undo and Redo say what they undo."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from shiboken6 import Shiboken  # noqa: E402
from liveassets.ui.theme.palette import is_dark  # noqa: E402
from liveassets.ui.window.help import keys_text  # noqa: E402


def _titles(win) -> list[str]:
    return [a.text().replace("&", "") for a in win.menuBar().actions()]


def _items(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


@pytest.fixture
def win(qtbot, open_window, library):
    ids = fill(library, 6)
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 6)
    win.ids = ids
    return win


def _press(qtbot, win, key, modifiers=Qt.NoModifier) -> None:
    """A key press as a user makes it, in the active window (so shortcuts fire)."""
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    win.view.setFocus()
    qtbot.keyClick(win.view, key, modifiers)


def test_menus_in_desktop_order_with_quit_view_and_help(win):
    titles = _titles(win)
    assert titles[:3] == ["File", "Edit", "View"] and titles[-1] == "Help"
    assert _items(win.menus.file)[-1] == "Quit"
    assert _items(win.menus.help) == ["Keyboard shortcuts", "About LiveAssets"]
    view = _items(win.menus.view)
    assert view[:3] == ["Cut editor", "Posts", "Calendar"]
    assert view[-3:] == ["Bigger thumbnails", "Smaller thumbnails", "Default thumbnail size"]
    assert QKeySequence("Ctrl+Q") in win.quit_action.shortcuts()


def test_ctrl_q_closes_the_window_saving_settings_and_stopping_work(qtbot, win, tmp_path):
    win.view.set_thumb_size(220)
    _press(qtbot, win, Qt.Key_Q, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not win.isVisible())
    saved = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    assert int(saved.value("thumb_size")) == 220 and saved.value("geometry")
    assert not win.day_watch._timer.isActive()  # shutdown ran: the midnight timer stopped
    assert all(pool.activeThreadCount() == 0 for pool in win.jobs.pools.values())


def test_view_toggles_every_dock(qtbot, win):
    for dock in (win.cut_editor, win.posts_panel, win.calendar):
        toggle = next(a for a in win.menus.view.actions() if a is dock.toggleViewAction())
        assert dock.isHidden()
        toggle.trigger()
        assert dock.isVisible()
        toggle.trigger()
        assert dock.isHidden()


def test_palette_choice_applies_and_is_kept_for_next_time(qtbot, open_window, win, tmp_path):
    assert win.theme_actions["dark"].isChecked()  # the tests open the app dark
    win.theme_actions["light"].trigger()
    assert not is_dark(QGuiApplication.palette())
    assert win.theme_actions["light"].isChecked() and not win.theme_actions["dark"].isChecked()
    win.close()
    again = open_window()  # make_app(dark=True) first, then the window's own choice wins
    assert not is_dark(QGuiApplication.palette())
    assert again.theme_actions["light"].isChecked()
    again.theme_actions["system"].trigger()
    assert QApplication.instance()._la_follow_system
    again.theme_actions["dark"].trigger()
    assert QGuiApplication.palette().color(QPalette.Window).lightness() < 128


def test_thumbnail_size_keys_follow_the_grid_and_the_toolbar_slider(qtbot, win):
    grid = win.view
    grid.set_thumb_size(150)
    _press(qtbot, win, Qt.Key_Equal, Qt.ControlModifier)
    assert grid.delegate.thumb_size == 170 and win.size_slider.value() == 170
    _press(qtbot, win, Qt.Key_Minus, Qt.ControlModifier)
    _press(qtbot, win, Qt.Key_Minus, Qt.ControlModifier)
    assert grid.delegate.thumb_size == 130 and win.size_slider.value() == 130
    _press(qtbot, win, Qt.Key_0, Qt.ControlModifier)
    assert grid.delegate.thumb_size == 150


def test_ctrl_0_is_not_a_rating(qtbot, win, library):
    """Ctrl+0 resets the size; the plain 0 key still clears a rating, not the other way."""
    win.select_ids([win.ids[0]], win.ids[0])
    library.rate([win.ids[0]], 4)
    win.view.set_thumb_size(250)
    _press(qtbot, win, Qt.Key_0, Qt.ControlModifier)
    assert library.get(win.ids[0])["rating"] == 4 and win.view.delegate.thumb_size == 150
    _press(qtbot, win, Qt.Key_0)
    assert library.get(win.ids[0])["rating"] == 0


def test_undo_and_redo_say_what_they_undo(qtbot, win, library):
    assert win.undo_action.text() == "Undo" and not win.undo_action.isEnabled()
    win.select_ids(win.ids[:2], win.ids[0])
    win.rate(3)
    assert win.undo_action.text() == "Undo Rate 3 stars"
    win.flag("rejected")
    assert win.undo_action.text() == "Undo Reject"
    win.edits.set_rights({"status": "cleared"})
    assert win.undo_action.text() == "Undo Set status to cleared"
    win.undo_stack.undo()
    assert win.redo_action.text() == "Redo Set status to cleared"
    assert win.undo_action.text() == "Undo Reject"
    assert win.menus.edit.actions()[0].text() == "Undo Reject"  # as the Edit menu shows it
    win.add_tags(["creator:@nova"])
    assert win.undo_action.text() == "Undo Tag creator:@nova"
    assert win.redo_action.text() == "Redo" and not win.redo_action.isEnabled()
    assert win.undo_action.iconText() == "Undo"  # the toolbar button keeps its short label


def test_keyboard_sheet_lists_every_action_with_a_shortcut(qtbot, win):
    win.select_ids(win.ids[:1], win.ids[0])
    win.rate(3)  # Undo now reads "Undo Rate 3 stars"; the sheet names the key "Undo"
    titles = _titles(win)
    _press(qtbot, win, Qt.Key_F1)
    sheet = win.keyboard_sheet
    assert sheet.isVisible()
    import gc

    gc.collect()  # reading the menus must leave every one of them in the menu bar
    assert _titles(win) == titles
    assert all(Shiboken.isValid(m) for m in vars(win.menus).values())
    rows = sheet.rows()
    listed = {(text, keys) for _section, text, keys in rows}
    actions = [a for a in win.findChildren(QAction) if keys_text(a) and a.text()]
    assert len(actions) > 25
    for action in actions:
        text = action.property("laSheetText") or action.text().replace("&", "")
        assert (text, keys_text(action)) in listed, action.text()
    sections = [s for s, *_ in rows]
    assert sections.index("File") < sections.index("Edit") < sections.index("View")
    assert ("Asset", "Rate 3 stars", "3") in rows
    assert ("Edit", "Undo", "Ctrl+Z") in rows and ("File", "Quit", "Ctrl+Q") in rows
    assert ("Help", "Keyboard shortcuts", "F1, Ctrl+/") in rows

    # Never stale: an action added later is on the sheet next time (Ctrl+/ opens it too).
    late = QAction("Frobnicate", win)
    late.setShortcut(QKeySequence("Ctrl+Shift+F12"))
    win.menus.asset.addAction(late)
    sheet.close()
    _press(qtbot, win, Qt.Key_Slash, Qt.ControlModifier)
    assert ("Asset", "Frobnicate", "Ctrl+Shift+F12") in win.keyboard_sheet.rows()
    win.keyboard_sheet.filter.setText("frob")
    assert [r[1] for r in win.keyboard_sheet.rows()] == ["Frobnicate"]


def test_about_names_versions_and_the_library(qtbot, win, library):
    import platform

    from PySide6.QtCore import qVersion

    from liveassets import __version__
    from liveassets.logs import log_path

    win.about_action.trigger()
    dialog = win.about_dialog
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: "checking" not in dialog.text(), timeout=10000)
    text = dialog.text()
    for needle in (f"LiveAssets: {__version__}", f"Python: {platform.python_version()}",
                   f"Qt: {qVersion()}", "moviepy: ", f"Library: {library.folder}",
                   "ffmpeg: ", f"Log file: {log_path()}"):
        assert needle in text, needle
    ffmpeg = next(line for line in text.splitlines() if line.startswith("ffmpeg: "))
    assert any(ch.isdigit() for ch in ffmpeg) and "not found" not in ffmpeg
    assert dialog.label.text() == text
    dialog.close()
