"""The everyday menus a desktop app is expected to have, added once the docks exist:
File > Quit (Ctrl+Q), a View menu (the docks, the palette, thumbnail size), a Help menu (the
keyboard sheet, About), and Undo/Redo items that say what they undo ("Undo Rate 3 stars")."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication

from liveassets.ui.menu_text import menu_text
from liveassets.ui.window import docks
from liveassets.ui.theme.palette import THEMES, choose_theme
from liveassets.ui.window.help import SHEET_TEXT, AboutDialog, KeyboardSheet

THEME_KEY = "theme"  # QSettings: "dark", "light" or "system" (unset: the system's)
THEME_LABELS = (("dark", "Dark"), ("light", "Light"), ("system", "Same as the system"))
SIZE_STEP = 20  # pixels per step, as Ctrl+wheel over the grid
RESET_SIZE = 150  # the size a new window starts with (state.py's default)


# Keys written out rather than QKeySequence's standard keys: those differ by platform (Quit has
# none on Windows) and add media keys ("Exit", "Zoom In", "Help") that only clutter the sheet.
# Ctrl is Cmd on macOS, as Qt maps it.


def _action(window, text: str, slot, keys=(), tip: str | None = None) -> QAction:
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(k) for k in keys])
    if tip:
        action.setToolTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work with the menu bar hidden (or in full screen)
    return action


def install(window) -> None:
    """Add Quit, View and Help to `window` (a MainWindow whose docks are installed) and make
    Undo/Redo name their step. Sets window.menus.view/.help and the actions it makes as
    attributes (quit_action, theme_actions, bigger_action, ..., shortcuts_action, about_action).
    """
    window.creators = docks.install_creators(window, window.menus.file)  # and Import submissions…
    _file_quit(window)
    _undo_texts(window)
    _view_menu(window)
    _help_menu(window)
    restore_theme(window)


def _file_quit(window) -> None:
    window.quit_action = _action(window, "Quit", window.close, ["Ctrl+Q"],
                                 tip="Close LiveAssets (settings are saved, work is stopped)")
    window.quit_action.setMenuRole(QAction.QuitRole)  # macOS moves it to the app menu
    window.menus.file.addSeparator()
    window.menus.file.addAction(window.quit_action)


def _undo_texts(window) -> None:
    """The menu items read "Undo Rate 3 stars"; the toolbar buttons keep their short label."""
    stack = window.undo_stack
    for action, word, signal, text in (
            (window.undo_action, "Undo", stack.undoTextChanged, stack.undoText()),
            (window.redo_action, "Redo", stack.redoTextChanged, stack.redoText())):
        action.setIconText(word)
        action.setProperty(SHEET_TEXT, word)  # the keyboard sheet names the key, not the step
        action.setText(_step_text(word, text))
        signal.connect(lambda t, a=action, w=word: a.setText(_step_text(w, t)))


def _step_text(word: str, text: str) -> str:
    """'Undo Rename tag R&&D to Fest': the step's own words are shortened to one menu line (a
    10,000-character template name made the Edit menu wider than the screen) and their "&"
    doubled, or Qt reads "R&D" as a shortcut letter and shows "RD"."""
    return f"{word} {menu_text(text)}" if text else word



def _view_menu(window) -> None:
    bar = window.menuBar()
    view = bar.addMenu("&View")
    bar.insertMenu(window.menus.asset.menuAction(), view)  # after Edit, as desktop apps have it
    window.menus.view = view
    for dock in (window.cut_editor, window.posts_panel, window.calendar, window.creators,
                 window.report):
        view.addAction(dock.toggleViewAction())  # the docks' own toggles, texts and keys
    view.addSeparator()
    view.addAction(window.stacks.toggle_action)  # burst stacks collapsed in the grid
    view.addSeparator()
    palette = view.addMenu("Palette")
    group = QActionGroup(window)
    window.theme_actions = {}
    for choice, label in THEME_LABELS:
        action = QAction(label, window, checkable=True)
        action.triggered.connect(lambda _=False, c=choice: set_theme_choice(window, c))
        group.addAction(action)
        palette.addAction(action)
        window.theme_actions[choice] = action
    view.addSeparator()
    grid = window.view
    window.bigger_action = _action(
        window, "Bigger thumbnails", lambda: grid.set_thumb_size(grid.delegate.thumb_size
                                                                 + SIZE_STEP),
        ["Ctrl++", "Ctrl+="])
    window.smaller_action = _action(
        window, "Smaller thumbnails", lambda: grid.set_thumb_size(grid.delegate.thumb_size
                                                                  - SIZE_STEP),
        ["Ctrl+-"])
    window.reset_size_action = _action(window, "Default thumbnail size",
                                       lambda: grid.set_thumb_size(RESET_SIZE), ["Ctrl+0"])
    for action in (window.bigger_action, window.smaller_action, window.reset_size_action):
        view.addAction(action)


def _help_menu(window) -> None:
    help_menu = window.menuBar().addMenu("&Help")
    window.menus.help = help_menu
    window.shortcuts_action = _action(window, "Keyboard shortcuts", lambda: show_sheet(window),
                                      ["F1", "Ctrl+/"])
    window.about_action = _action(window, "About LiveAssets", lambda: show_about(window))
    window.about_action.setMenuRole(QAction.AboutRole)
    help_menu.addAction(window.shortcuts_action)
    help_menu.addSeparator()
    help_menu.addAction(window.about_action)


def show_sheet(window) -> KeyboardSheet:
    """Open the keyboard sheet, read from the window's actions now (not modal; opening it
    again replaces the one open)."""
    old = getattr(window, "keyboard_sheet", None)
    if old is not None:
        old.close()
        old.deleteLater()
    window.keyboard_sheet = sheet = KeyboardSheet(window)
    sheet.show()
    return sheet


def show_about(window) -> AboutDialog:
    dialog = AboutDialog(window)
    window.about_dialog = dialog
    dialog.open()  # window-modal, without a nested event loop
    return dialog


# -- the palette ----------------------------------------------------------------------------------
def set_theme_choice(window, choice: str) -> None:
    """Apply and remember the user's palette ("dark", "light", "system")."""
    choose_theme(QApplication.instance(), choice)
    window.settings.setValue(THEME_KEY, choice)
    window.theme_actions[choice].setChecked(True)


def restore_theme(window) -> None:
    """The palette chosen last time; none chosen yet: the one the app opened with is left."""
    choice = str(window.settings.value(THEME_KEY, "") or "")
    if choice in THEMES:
        choose_theme(QApplication.instance(), choice)
    else:
        app = QApplication.instance()
        choice = "system" if getattr(app, "_la_follow_system", True) else (
            "dark" if getattr(app, "_la_dark", True) else "light")
    window.theme_actions[choice].setChecked(True)
