"""The window's docks, installed by the window: the Cut dock, the Posts dock, the Calendar and
the Report,
each handed what it needs (catalog, undo stack, change relay, job runner, a way to report),
and their actions placed in the menus the window owns. The docks themselves never see the
window; this module is where the window's parts meet them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from liveassets.ui.cut.editor import CutEditor
from liveassets.ui.posts.calendar_dock import CalendarDock
from liveassets.ui.posts.export_sheet import ExportSheetDialog
from liveassets.ui.posts.panel import PostsPanel
from liveassets.ui.report.dock import ReportDock


def _action(window, text: str, slot, keys: str | None = None, tip: str | None = None) -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setToolTip(tip)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


# -- the Cut dock --------------------------------------------------------------------------------
def player_marks(window) -> dict:
    """{path: (in, out)} for the clip in the inspector's player, when it has marks."""
    player = getattr(window.inspector, "video", None)
    if player is None or not getattr(player, "path", None):
        return {}
    mark_in, mark_out = getattr(player, "mark_in", None), getattr(player, "mark_out", None)
    if mark_in is None and mark_out is None:
        return {}
    return {player.path: (mark_in, mark_out)}


def add_selection(window) -> int:
    """Add the grid's selected clips and photos to the cut (Ctrl+K); returns how many."""
    ids = window.selected_ids()
    if not ids:
        window.notify("Select clips or photos first, then Add to cut (Ctrl+K).")
        return 0
    docs = []
    for aid in ids:
        try:
            docs.append(window.catalog.get(aid))
        except ValueError:
            pass
    editor = window.cut_editor
    added = editor.add_assets(docs, player_marks(window))
    editor.show()
    editor.raise_()
    skipped = len(docs) - added
    window.notify(f"Added {added} to the cut" + (f" ({skipped} not a clip or photo)"
                                                  if skipped else "") + ".")
    return added


def install_cut(window, menu) -> CutEditor:
    """The (hidden) Cut dock, "Add to cut" (Ctrl+K) in `menu` (Asset) and the grid's context
    menu, and the dock's toggle. A finished render joins the library through the catalog: the
    views follow its change feed."""
    editor = CutEditor(window.catalog, window, jobs=window.jobs, undo_stack=window.undo_stack)
    window.addDockWidget(Qt.RightDockWidgetArea, editor)
    editor.hide()
    editor.segment_panel.marks = lambda path: player_marks(window).get(path, (None, None))
    action = _action(window, "Add to cut", lambda: add_selection(window), "Ctrl+K",
                     "Add the selected clips and photos to the cut (Ctrl+K)")
    window.add_to_cut_action = action
    window.view.context_actions.append(action)
    menu.addSeparator()
    menu.addAction(action)
    toggle = editor.toggleViewAction()
    toggle.setText("Cut editor")
    menu.addAction(toggle)
    return editor


# -- the Posts dock and the caption sheet --------------------------------------------------------
def grid_query(window) -> str:
    """The query behind what the grid shows: the search text ANDed with the quick filters."""
    text = window.search.text().strip()
    terms = window.filters.terms()
    return " ".join(([f"({text})"] if text and terms else [text] if text else []) + terms)


def open_export_sheet(window) -> ExportSheetDialog:
    """Post > Export caption sheet…: the dialog over the window, modal."""
    dialog = ExportSheetDialog(window.catalog, window, grid_query(window), window.undo_stack,
                               thumbs=window.thumbs, jobs=window.jobs)
    dialog.exec()
    return dialog


def install_posts(window, menu, relay) -> PostsPanel:
    """The (hidden) Posts dock, tabbed with the Cut dock, and `menu` (Post) filled: New post
    from selection (Ctrl+Shift+N), Delete post, Mark published…, Posts (the dock), Publishing
    settings…, Export caption sheet… (Ctrl+Shift+E)."""
    panel = PostsPanel(window.catalog, window.undo_stack, window.selected_ids, window, relay)
    window.addDockWidget(Qt.RightDockWidgetArea, panel)
    window.tabifyDockWidget(window.cut_editor, panel)
    panel.hide()
    panel.message.connect(window.notify)
    new = _action(window, "New post from selection", lambda: panel.new_post(), "Ctrl+Shift+N",
                  "A draft post with the selected assets, opened in the Posts dock "
                  "(Ctrl+Shift+N)")
    window.new_post_action = new
    delete = QAction("Delete post", window)
    delete.triggered.connect(panel.delete_post)
    settings = QAction("Publishing settings…", window)
    settings.triggered.connect(panel.composer.edit_settings)

    def mark_published() -> None:
        panel.show()
        panel.raise_()
        panel.composer.begin_mark_published()

    mark = _action(window, "Mark published…", mark_published, None,
                   "Paste the selected post's public link: its post ID and the time are "
                   "recorded and it is marked published")
    window.mark_published_action = mark
    menu.addAction(new)
    menu.addAction(delete)
    menu.addAction(mark)
    menu.addSeparator()
    toggle = panel.toggleViewAction()
    toggle.setText("Posts")
    menu.addAction(toggle)
    menu.addAction(settings)
    sheet = _action(window, "Export caption sheet…", lambda: open_export_sheet(window),
                    "Ctrl+Shift+E", "Posts as a sheet for people, a Sprout Social import, a "
                    "chat message or a calendar file (Ctrl+Shift+E)")
    window.export_sheet_action = sheet
    menu.addAction(sheet)
    return panel


# -- the Calendar --------------------------------------------------------------------------------
def install_calendar(window, posts_panel, menu, relay) -> CalendarDock:
    """The (hidden) Calendar dock under the grid, its toggle (Ctrl+Shift+L) in `menu` (Post)."""
    dock = CalendarDock(window.catalog, window.undo_stack, posts_panel, relay, window.notify,
                        window)
    window.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)  # the Posts and Cut docks
    window.addDockWidget(Qt.BottomDockWidgetArea, dock)                # keep their full height
    dock.hide()
    toggle = dock.toggleViewAction()
    toggle.setText("Calendar")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
    window.addAction(toggle)
    window.calendar_action = toggle
    menu.addAction(toggle)
    return dock


# -- the Report ----------------------------------------------------------------------------------
def open_post(posts_panel, post_id: str) -> None:
    """Show `post_id` in the Posts dock's composer (as the calendar opens one)."""
    posts_panel.show()
    posts_panel.raise_()
    posts_panel.refresh()
    posts_panel.select_post(post_id)


def install_report(window, posts_panel, relay) -> ReportDock:
    """The (hidden) Report dock, tabbed with the Posts and Cut docks; its toggle
    (Ctrl+Shift+R) goes in the View menu with the other docks' (menus.py). A post activated in
    it opens in the composer; its messages go to the status line."""
    dock = ReportDock(window.catalog, window.jobs, relay, window)
    window.addDockWidget(Qt.RightDockWidgetArea, dock)
    window.tabifyDockWidget(posts_panel, dock)
    dock.hide()
    dock.message.connect(window.notify)
    dock.postActivated.connect(lambda pid: open_post(posts_panel, pid))
    toggle = dock.toggleViewAction()
    toggle.setText("Report")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+R"))
    toggle.setToolTip("The weekly report: platform analytics joined to the library's posts "
                      "(Ctrl+Shift+R)")
    window.addAction(toggle)
    window.report_action = toggle
    return dock


# -- the Creators dock and File > Import submissions… ------------------------------------------
def open_import_submissions(window, folder: str = ""):
    """File > Import submissions…: the dialog over the window, modal; returns it."""
    from liveassets.ui.creators.intake_dialog import ImportSubmissionsDialog

    dialog = ImportSubmissionsDialog(window.catalog, window.undo_stack, window.jobs,
                                     window.notify, window, folder)
    window.import_dialog = dialog
    dialog.open()  # window-modal, without a nested event loop
    return dialog


def install_creators(window, file_menu):
    """The (hidden) Creators dock, tabbed with the Posts dock, and File > Import submissions…
    (after Add folder…). Clicking a creator puts `tag:creator:@handle` in the search box."""
    from liveassets.ui.creators.dock import CreatorsDock

    dock = CreatorsDock(window.catalog, window.relay, window.jobs, window.search.set_text, window)
    window.addDockWidget(Qt.RightDockWidgetArea, dock)
    window.tabifyDockWidget(window.posts_panel, dock)
    dock.hide()
    dock.toggleViewAction().setText("Creators")
    action = _action(window, "Import submissions…", lambda: open_import_submissions(window),
                     None, "Take in a folder of creator submissions with its response sheet: "
                     "creator and campaign tags, rights and consent from each row")
    window.import_submissions_action = action
    file_menu.insertAction(window.export_pack_action, action)
    return dock
