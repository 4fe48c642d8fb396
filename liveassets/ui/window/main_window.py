"""MainWindow: sidebar | search + grid | inspector, a toolbar, and a status bar with scan
progress. It composes the views and its controllers (EditController for edits to the selection,
ScanController for adding media, Looking for quick look and compare, ...); every view follows the
catalog through one ChangeRelay."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (QComboBox, QLabel, QMainWindow, QMessageBox, QSizePolicy,
                               QSlider, QSplitter, QVBoxLayout, QWidget)

from liveassets.catalog.query import QueryError, parse
from liveassets.ui.window import docks
from liveassets.ui.changes import ChangeRelay
from liveassets.ui.window.day_watch import DayWatch
from liveassets.ui.window.editing import EditController
from liveassets.ui.window.looking import Looking
from liveassets.ui.library.grid_follow import GridFollower
from liveassets.ui.library import selection
from liveassets.ui.window import menus
from liveassets.ui.library.grid_model import ID_ROLE, AssetGridModel
from liveassets.ui.library.grid_view import MAX_SIZE, MIN_SIZE, AssetGridView
from liveassets.ui.theme.icons import app_icon, icon
from liveassets.ui.inspector.panel import InspectorPanel
from liveassets.ui.library.stack_actions import StackActions
from liveassets.ui.library.quick_filters import QuickFilters
from liveassets.ui.library.refresh import QueryRunner
from liveassets.ui.window.scanning import ScanController
from liveassets.ui.window.rescoring import RescoreController
from liveassets.ui.library.search_bar import SearchBar
from liveassets.ui.window.templates import TemplatesController
from liveassets.ui.window.state import WindowState
from liveassets.ui.library.sidebar import Sidebar, gather_counts
from liveassets.ui.library.sidebar_actions import SidebarActions
from liveassets.ui.library.thumbs import ThumbnailLoader
from liveassets.ui.jobs import JobRunner
from liveassets.ui.wheel_guard import allow_wheel
from liveassets.ui.field_typing import refusals

SORTS = (("Capture time", "taken"), ("Name", "name"), ("Rating", "rating"),
         ("Date added", "added"), ("Path", "path"))


class MainWindow(QMainWindow):
    ID_ROLE = ID_ROLE

    def __init__(self, catalog, settings: QSettings | None = None, jobs: JobRunner | None = None):
        super().__init__()
        self.catalog = catalog
        self.settings = settings or QSettings("LiveAssets", "LiveAssets")
        self.setWindowTitle(f"LiveAssets — {catalog.folder.name}")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        self.relay = ChangeRelay(catalog, self)  # every view refreshes from this, and only this
        # The one runner for background work (tests may hand in an inline one).
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.thumbs = ThumbnailLoader(catalog, self, jobs=self.jobs)
        self.queries = QueryRunner(catalog, self, jobs=self.jobs)
        self.model = AssetGridModel(catalog, self)
        self.view = AssetGridView(self.thumbs, self)
        self.view.setModel(self.model)
        self.grid_follower = GridFollower(self.model, self.view, self.queries, self.relay, self)
        self.search = SearchBar(self)
        self.search.edit.tag_source = catalog.tag_counts
        self.filters = QuickFilters(self)
        self.sidebar = Sidebar(catalog, self)
        self.inspector = InspectorPanel(self.thumbs, self)
        self.looking = Looking(self)  # quick look and compare over the window
        self.quick_look, self.compare = self.looking.quick_look, self.looking.compare
        centre = QWidget(self)
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.filters)
        column.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Horizontal, self)
        for w in (self.sidebar, centre, self.inspector):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([230, 700, 340])
        self.sidebar.setMinimumWidth(170)
        self.inspector.setMinimumWidth(300)
        self.setCentralWidget(self.splitter)
        self._build_status_bar()
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.sidebar_actions = SidebarActions(  # tag rename/merge, saved searches
            self.sidebar, self.search, catalog, self.undo_stack, None, self.notify,
            lambda: self.model.query_text, self)
        self.menus.edit.insertAction(self.select_all_action,
                                     self.sidebar_actions.save_search_action)
        self.view.context_actions = [self.quick_look_action, self.compare_action, None,
                                     self.pick_action, self.reject_action,
                                     self.stacks.reject_rest_action, self.tag_action, None]
        # The docks add their actions to the menus they are handed (never found by title).
        self.cut_editor = docks.install_cut(self, self.menus.asset)  # Cut dock, Ctrl+K
        self.posts_panel = docks.install_posts(self, self.menus.post, self.relay)
        self.calendar = docks.install_calendar(self, self.posts_panel, self.menus.post,
                                               self.relay)
        self.report = docks.install_report(self, self.posts_panel, self.relay)  # Ctrl+Shift+R
        menus.install(self)  # File > Quit, View, Help; Undo/Redo say what they undo
        self.view.context_actions += [self.new_post_action, self.export_pack_action, None,
                                      self.delete_action]
        self._counts_timer = QTimer(self, singleShot=True, interval=300)
        self._counts_timer.timeout.connect(self.refresh_counts_later)
        # One timer for the team's midnight: every view that shows "today" moves on with it.
        self.day_watch = DayWatch(self)
        self.day_watch.dayChanged.connect(self.new_day)
        self._connect()
        # Geometry, docks and view choices from last time, kept on the screen (state.py).
        self.window_state = WindowState(self, self.settings)
        self.window_state.restore()
        self.templates.import_old(self.settings)  # the old per-user store, once per library
        self.apply_query(self.search.text())
        self.inspector.tag_editor.set_choices(catalog.tag_counts())
        self.rescoring.check()

    # -- building ----------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.PlainText)  # names in messages are not HTML
        refusals().refused.connect(self._field_refused)  # a date field's "write day first"
        self.count_label = QLabel(self)
        bar.addWidget(self.status_label, 1)
        self._icon_names: dict[QAction, str] = {}
        self.scans = ScanController(self.catalog, bar, self._action, self.notify,
                                    self.status_label.setText, self, jobs=self.jobs)
        self.scanner = self.scans.scanner
        self.progress, self.cancel_button = self.scans.progress, self.scans.cancel_button
        # An old library's photos get culling scores in the background (never blocking).
        self.rescoring = RescoreController(self.catalog, bar, self.jobs,
                                           lambda fn, cb: self.queries.call(fn, cb),
                                           self.notify, self)
        bar.addPermanentWidget(self.count_label)

    def _action(self, text, slot, keys=(), grid=False, icon_name=None, tip=None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
            self._icon_names[action] = icon_name
        action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        if grid:  # culling keys act on the grid only, so typing in a field never rates
            action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
            self.view.addAction(action)
        else:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.edits = EditController(self.catalog, self.undo_stack, self.view, a,
                                    lambda *args, **kw: self.notify(*args, **kw),
                                    lambda title, text: self.confirm(title, text), self)
        e = self.edits  # the controllers own their actions; the menus below place them
        self.add_folder_action = self.scans.add_folder_action
        self.auto_advance, self.rate_actions = e.auto_advance, e.rate_actions
        self.pick_action, self.reject_action = e.pick_action, e.reject_action
        self.unflag_action, self.delete_action = e.unflag_action, e.delete_action
        self.export_pack_action = a("Export pack…", self.export_pack, ["Ctrl+E"],
                                    tip="Hand the selection (or what is shown) to designers")
        self.undo_action = a("Undo", self.undo_stack.undo, ["Ctrl+Z"], icon_name="undo")
        self.redo_action = a("Redo", self.undo_stack.redo, ["Ctrl+Shift+Z", "Ctrl+Y"],
                             icon_name="redo")
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(
            lambda t: self.undo_action.setToolTip(f"Undo {t} (Ctrl+Z)" if t else "Undo"))
        self.undo_stack.redoTextChanged.connect(
            lambda t: self.redo_action.setToolTip(f"Redo {t} (Ctrl+Shift+Z)" if t else "Redo"))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.find_action = a("Find", self.focus_search, ["Ctrl+F"])
        look = self.looking
        self.quick_look_action = a("Quick look", look.open_quick_look, ["Space"], grid=True,
                                   icon_name="quicklook", tip="Full-window preview (Space)")
        self.tag_action = a("Tag…", self.focus_tags, ["T"], grid=True)
        self.compare_action = a("Compare", look.open_compare, ["C"], grid=True,
                                tip="The selected 2-4 photos side by side, zoomed together (C)")
        self.stacks = StackActions(self.model, self.view, self.catalog, a, self.edits.edit,
                                   self.notify, self)
        self.select_all_action = a("Select all", self.view.selectAll, ["Ctrl+A"], grid=True)

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action in (self.add_folder_action, None, self.undo_action, self.redo_action, None,
                       self.quick_look_action, self.auto_advance, self.stacks.toggle_action):
            bar.addSeparator() if action is None else bar.addAction(action)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(QLabel("Sort ", self))
        self.sort_combo = QComboBox(self)
        for label, key in SORTS:
            self.sort_combo.addItem(label, key)
        self.sort_combo.currentIndexChanged.connect(lambda _: self.apply_query(self.search.text()))
        bar.addWidget(self.sort_combo)
        bar.addWidget(QLabel("   Size ", self))
        self.size_slider = QSlider(Qt.Horizontal, self)
        self.size_slider.setRange(MIN_SIZE, MAX_SIZE)
        self.size_slider.setFixedWidth(120)
        self.size_slider.setValue(self.view.delegate.thumb_size)
        allow_wheel(self.size_slider)  # a view control in no panel: the wheel can mean only it
        self.size_slider.valueChanged.connect(self.view.set_thumb_size)
        self.view.sizeChanged.connect(self.size_slider.setValue)
        bar.addWidget(self.size_slider)

    def export_pack(self) -> None:
        from liveassets.ui.dialogs.export_pack import ExportPackDialog

        ExportPackDialog(self.catalog, self.selected_ids() or list(self.model.source_ids), self,
                         thumbs=self.thumbs, jobs=self.jobs).exec()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = SimpleNamespace(**{name: bar.addMenu(title) for name, title in (
            ("file", "&File"), ("edit", "&Edit"), ("asset", "&Asset"), ("post", "&Post"))})
        file = self.menus.file
        file.addAction(self.add_folder_action)
        file.addAction(self.export_pack_action)
        edit = self.menus.edit
        for action in (self.undo_action, self.redo_action, None, self.find_action,
                       self.select_all_action, None, self.delete_action):
            edit.addSeparator() if action is None else edit.addAction(action)
        asset = self.menus.asset
        for action in (*self.rate_actions, None, self.pick_action, self.reject_action,
                       self.unflag_action, self.stacks.reject_rest_action, None,
                       self.tag_action, self.quick_look_action, self.compare_action,
                       self.stacks.open_action, self.auto_advance):
            asset.addSeparator() if action is None else asset.addAction(action)
        # Culling keys work in the full-window look too (Space/Esc close it there).
        for action in self.edits.culling_actions:
            self.quick_look.addAction(action)
        self.templates = TemplatesController(self.catalog, self.undo_stack, self.selected_ids,
                                             self.notify, bar.addMenu("&Templates"),
                                             self.relay, self)

    def _connect(self) -> None:
        self.search.queryChanged.connect(self.apply_query)
        self.filters.changed.connect(lambda: self.apply_query(self.search.text()))
        self.sidebar.queryChosen.connect(lambda q: self.search.set_text(q))
        self.sidebar.rescanFolder.connect(lambda folder: self.scan_paths([folder]))
        self.sidebar.removeFolder.connect(lambda folder: self.remove_folder(folder))
        self.sidebar.tagDropped.connect(lambda tag, ids: self.edits.add_tags([tag], ids))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_inspector())
        self.model.modelReset.connect(self.update_inspector)
        self.grid_follower.rowsChanged.connect(self.update_counts_label)
        self.thumbs.ready.connect(lambda aid: self.model.refresh([aid]))
        self.relay.changed.connect(self._catalog_changed)
        ins, e = self.inspector, self.edits
        ins.tag_editor.tagsAdded.connect(e.add_tags)
        ins.tag_editor.tagsRemoved.connect(e.remove_tags)
        ins.rights.rightsChanged.connect(e.set_rights)
        ins.rights.channelsChanged.connect(e.set_channels)
        ins.captionChanged.connect(e.set_caption)
        ins.notesChanged.connect(e.set_notes)
        self.looking.connect()
        self.jobs.unhandled.connect(lambda message: self.notify(message, error=True))

    # -- what the controllers do, for callers that hold the window ---------------------------
    def selected_ids(self) -> list[str]:
        return selection.selected_ids(self.view)

    def select_ids(self, ids, current: str | None = None) -> None:
        selection.select_ids(self.view, ids, current)

    def edit(self, label: str, perform, ids: list[str] | None = None) -> bool:
        return self.edits.edit(label, perform, ids)

    def rate(self, stars: int) -> None:
        self.edits.rate(stars)

    def flag(self, pick: str) -> None:
        self.edits.flag(pick)

    def add_tags(self, tags: list[str]) -> None:
        self.edits.add_tags(tags)

    def delete_selected(self) -> None:
        self.edits.delete_selected()

    def remove_folder(self, folder: str) -> None:
        self.edits.remove_folder(folder)

    def scan_paths(self, paths: list[str]) -> None:
        self.scans.scan_paths(paths)

    def cancel_scan(self) -> None:
        self.scans.cancel_scan()

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        return answer == QMessageBox.Yes

    # -- following the catalog ---------------------------------------------------------------
    def _catalog_changed(self, batch) -> None:
        """What the window itself shows of a change: the inspector and Quick Look when the
        selection changed, the sidebar's counts and saved searches (debounced, counted off the
        UI thread), and "today" when the team's zone moved (Publishing settings or its undo)."""
        if batch.touches("settings"):
            self.day_watch.check()
        if batch.touches("collections"):
            self._counts_timer.start()
        if not batch.touches("assets"):
            return
        if batch.touches_assets(self.selected_ids()):
            self.update_inspector()
        if self.quick_look.isVisible():
            self.quick_look.refresh_doc()  # its stars and flag
        if self.compare.isVisible():
            self.compare.refresh_docs()
        self.update_counts_label()
        self._counts_timer.start()

    # -- behaviour -------------------------------------------------------------------------
    def apply_query(self, text: str) -> None:
        """Run the search text ANDed with the quick filters (errors point into the text)."""
        try:
            parse(text)
            terms = self.filters.terms()
            full = " ".join(([f"({text})"] if text.strip() and terms else [text]) + terms)
            self.queries.forget()  # a scan's refresh still on its way is for the old query
            self.model.run_query(full.strip(), sort=self.sort_combo.currentData())
        except QueryError as exc:
            self.search.show_error(exc.message, exc.position)
            return
        self.search.show_error(None)
        self.update_counts_label()

    def update_inspector(self) -> None:
        ids = self.selected_ids()
        docs = []
        for aid in ids:
            try:
                docs.append(self.catalog.get(aid))
            except ValueError:
                pass
        self.inspector.show_assets(docs)
        self.update_counts_label(len(ids))

    def update_counts_label(self, picked: int | None = None) -> None:
        n, total = len(self.model.source_ids), len(self.catalog)
        picked = len(self.selected_ids()) if picked is None else picked
        text = f"{n:,} of {total:,} assets" if n != total else f"{total:,} assets"
        folded = n - self.model.rowCount()
        if folded > 0:  # collapsed stacks: the count is still of assets, not of cells
            text += f" · {folded:,} in closed stacks"
        self.count_label.setText(text + (f" · {picked:,} selected" if picked else ""))

    def refresh_counts(self) -> None:
        self._show_counts(gather_counts(self.catalog))

    def refresh_counts_later(self) -> None:
        """The debounced recount after edits and scans, counted on the query thread."""
        self.queries.call(lambda: gather_counts(self.catalog), self._show_counts)

    def _show_counts(self, counts: dict) -> None:
        self.sidebar.show_counts(counts)
        self.inspector.tag_editor.set_choices(counts["tags"])

    def _field_refused(self, message: str) -> None:
        self.notify(message, error=True)

    def notify(self, text: str, error: bool = False) -> None:
        self.last_message = text
        self.status_label.setStyleSheet("color: #f85149;" if error else "")
        self.status_label.setText(text)

    def focus_search(self) -> None:
        self.search.edit.setFocus()
        self.search.edit.selectAll()

    def focus_tags(self) -> None:
        self.inspector.ensureWidgetVisible(self.inspector.tag_editor)
        self.inspector.tag_editor.edit.setFocus()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange) \
                and hasattr(self, "_icon_names"):
            colour = QGuiApplication.palette().color(QPalette.ButtonText)
            for action, name in self._icon_names.items():  # strokes follow the text colour
                action.setIcon(icon(name, colour))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.looking.fit()

    # -- drops: folders and files dropped on the window are scanned ------------------------
    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() for u in urls) and event.source() is None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.scan_paths(paths)

    def new_day(self, today) -> None:
        """The team's day moved on (DayWatch): rights badges, "expiring soon" and "expired"
        collections, the posts' rights and the calendar's today mark follow."""
        self.view.delegate.today = today
        self.view.viewport().update()
        self.apply_query(self.search.text())  # rights:expired and friends change at midnight
        self.refresh_counts_later()
        self.posts_panel.new_day()
        self.calendar.view.new_day()
        self.report.new_day()  # a Monday: the week just ended becomes the default

    # -- closing -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop background work and wait for it (no thread outlives the window)."""
        self.relay.shutdown()
        self.day_watch.stop()
        self._counts_timer.stop()
        self.scans.shutdown()
        self.rescoring.shutdown()
        self.queries.shutdown()
        self.thumbs.shutdown()
        self.quick_look.shutdown()
        self.compare.shutdown()
        self.looking.full_pictures.shutdown()
        self.inspector.shutdown()
        self.cut_editor.shutdown()
        self.posts_panel.shutdown()
        self.calendar.shutdown()
        self.report.shutdown()
        self.jobs.shutdown()  # whatever is left: cancelled, and waited for

    def closeEvent(self, event) -> None:
        self.window_state.save()
        self.shutdown()
        super().closeEvent(event)
