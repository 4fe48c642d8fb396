"""MainWindow: sidebar | search + grid | inspector, a toolbar, and a status bar with scan
progress. It wires views to the catalog; edits live in EditingMixin, scans in ScanningMixin."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (QComboBox, QLabel, QMainWindow, QProgressBar, QPushButton,
                               QSizePolicy, QSlider, QSplitter, QVBoxLayout, QWidget)

from liveassets.catalog.query import QueryError, parse
from liveassets.ui.posts import calendar_dock
from liveassets.ui.cut import editor as cut_editor
from liveassets.ui.posts import panel as posts_panel
from liveassets.ui.window.day_watch import DayWatch
from liveassets.ui.window.editing import EditingMixin
from liveassets.ui.library.grid_model import ID_ROLE, AssetGridModel
from liveassets.ui.library.grid_view import MAX_SIZE, MIN_SIZE, AssetGridView
from liveassets.ui.theme.icons import app_icon, icon
from liveassets.ui.inspector.panel import InspectorPanel
from liveassets.ui.library.quick_look import QuickLook
from liveassets.ui.library.quick_filters import QuickFilters
from liveassets.ui.library.refresh import QueryRunner
from liveassets.ui.window.scanning import ScanningMixin
from liveassets.ui.library.search_bar import SearchBar
from liveassets.ui.window.templates import TemplatesController
from liveassets.ui.window.state import WindowState
from liveassets.ui.library.sidebar import Sidebar, gather_counts
from liveassets.ui.library.sidebar_actions import SidebarActions
from liveassets.ui.library.thumbs import ThumbnailLoader
from liveassets.ui.jobs import JobRunner
from liveassets.ui.workers import ScanRunner

SORTS = (("Capture time", "taken"), ("Name", "name"), ("Rating", "rating"),
         ("Date added", "added"), ("Path", "path"))


class MainWindow(EditingMixin, ScanningMixin, QMainWindow):
    ID_ROLE = ID_ROLE

    def __init__(self, catalog, settings: QSettings | None = None, jobs: JobRunner | None = None):
        super().__init__()
        self.catalog = catalog
        self.settings = settings or QSettings("LiveAssets", "LiveAssets")
        self.setWindowTitle(f"LiveAssets — {catalog.folder.name}")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.undo_stack = QUndoStack(self)
        # The one runner for background work (tests may hand in an inline one).
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.thumbs = ThumbnailLoader(catalog, self, jobs=self.jobs)
        self.scanner = ScanRunner(catalog, self, jobs=self.jobs)
        self.queries = QueryRunner(catalog, self, jobs=self.jobs)
        self.model = AssetGridModel(catalog, self)
        self.view = AssetGridView(self.thumbs, self)
        self.view.setModel(self.model)
        self.search = SearchBar(self)
        self.search.edit.tag_source = catalog.tag_counts
        self.filters = QuickFilters(self)
        self.sidebar = Sidebar(catalog, self)
        self.inspector = InspectorPanel(self.thumbs, self)
        self.quick_look = QuickLook(self.thumbs, self, jobs=self.jobs)
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
            self.sidebar, self.search, catalog, self.undo_stack, self.on_change, self.notify,
            lambda: self.model.query_text, self)
        self.menus.edit.insertAction(self.select_all_action,
                                     self.sidebar_actions.save_search_action)
        self.view.context_actions = [self.quick_look_action, None, self.pick_action,
                                     self.reject_action, self.tag_action, None]
        # The docks add their actions to the menus they are handed (never found by title).
        self.cut_editor = cut_editor.install(self, self.menus.asset)  # Cut dock, Ctrl+K
        self.posts_panel = posts_panel.install(self, self.menus.post)
        self.calendar = calendar_dock.install(self, self.posts_panel, self.menus.post)
        self.view.context_actions += [self.new_post_action, self.export_pack_action, None,
                                      self.delete_action]
        self._counts_timer = QTimer(self, singleShot=True, interval=300)
        self._counts_timer.timeout.connect(self.refresh_counts_later)
        self.refresh_timer = QTimer(self, interval=800)
        self.refresh_timer.timeout.connect(self._periodic_refresh)
        # One timer for the team's midnight: every view that shows "today" moves on with it.
        self.day_watch = DayWatch(self)
        self.day_watch.dayChanged.connect(self.new_day)
        # A new team zone (Publishing settings, or its undo) can move "today" as well.
        self.undo_stack.indexChanged.connect(lambda _: self.day_watch.check())
        self._connect()
        # Geometry, docks and view choices from last time, kept on the screen (state.py).
        self.window_state = WindowState(self, self.settings)
        self.window_state.restore()
        self.templates.import_old(self.settings)  # the old per-user store, once per library
        self.apply_query(self.search.text())
        self.inspector.tag_editor.set_choices(catalog.tag_counts())

    # -- building ----------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_label = QLabel(self)
        self.count_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_scan)
        bar.addWidget(self.status_label, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.count_label)
        self.progress.hide()
        self.cancel_button.hide()

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
        self._icon_names: dict[QAction, str] = {}
        a = self._action
        self.add_folder_action = a("Add folder…", self.add_folder, ["Ctrl+O"],
                                   icon_name="add-folder", tip="Add a folder of media and scan it")
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
        self.quick_look_action = a("Quick look", self.open_quick_look, ["Space"], grid=True,
                                   icon_name="quicklook", tip="Full-window preview (Space)")
        self.auto_advance = a("Auto-advance", lambda: None, icon_name="advance",
                              tip="Move to the next asset after rating or flagging")
        self.auto_advance.setCheckable(True)
        self.rate_actions = [a(f"Rate {n} star{'s' if n != 1 else ''}" if n else "Clear rating",
                               lambda _=False, n=n: self.rate(n), [str(n)], grid=True)
                             for n in range(6)]
        self.pick_action = a("Pick", lambda: self.flag("picked"), ["P"], grid=True)
        self.reject_action = a("Reject", lambda: self.flag("rejected"), ["X"], grid=True)
        self.unflag_action = a("Clear flag", lambda: self.flag("none"), ["U"], grid=True)
        self.tag_action = a("Tag…", self.focus_tags, ["T"], grid=True)
        self.delete_action = a("Remove from library…", self.delete_selected,
                               ["Delete", "Backspace"], grid=True, icon_name="delete")
        self.select_all_action = a("Select all", self.view.selectAll, ["Ctrl+A"], grid=True)

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action in (self.add_folder_action, None, self.undo_action, self.redo_action, None,
                       self.quick_look_action, self.auto_advance):
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
        self.size_slider.valueChanged.connect(self.view.set_thumb_size)
        self.view.sizeChanged.connect(self.size_slider.setValue)
        bar.addWidget(self.size_slider)

    def export_pack(self) -> None:
        from liveassets.ui.dialogs.export_pack import ExportPackDialog

        ExportPackDialog(self.catalog, self.selected_ids() or list(self.model.ids), self,
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
                       self.unflag_action, None, self.tag_action, self.quick_look_action,
                       self.auto_advance):
            asset.addSeparator() if action is None else asset.addAction(action)
        # Culling keys work in the full-window look too (Space/Esc close it there).
        for action in (*self.rate_actions, self.pick_action, self.reject_action,
                       self.unflag_action):
            self.quick_look.addAction(action)
        self.templates = TemplatesController(self.catalog, self.undo_stack, self.selected_ids,
                                             self.notify, bar.addMenu("&Templates"),
                                             self.on_change, self)

    def _connect(self) -> None:
        self.search.queryChanged.connect(self.apply_query)
        self.filters.changed.connect(lambda: self.apply_query(self.search.text()))
        self.sidebar.queryChosen.connect(lambda q: self.search.set_text(q))
        self.sidebar.rescanFolder.connect(lambda folder: self.scan_paths([folder]))
        self.sidebar.removeFolder.connect(self.remove_folder)
        self.sidebar.tagDropped.connect(
            lambda tag, ids: self.edit("Tag", lambda i: self.catalog.tag(i, add=[tag]), ids))
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_inspector())
        self.model.modelReset.connect(self.update_inspector)
        self.thumbs.ready.connect(lambda aid: self.model.refresh([aid]))
        ins = self.inspector
        ins.tag_editor.tagsAdded.connect(self.add_tags)
        ins.tag_editor.tagsRemoved.connect(self.remove_tags)
        ins.rights.rightsChanged.connect(self.set_rights)
        ins.captionChanged.connect(self.set_caption)
        ins.notesChanged.connect(self.set_notes)
        self.quick_look.closed.connect(self.view.setFocus)
        self.quick_look.step.connect(self._quick_look_step)
        self.view.selectionModel().currentChanged.connect(self._follow_in_quick_look)
        self.queries.ready.connect(self._scan_rows_ready)
        self.jobs.unhandled.connect(lambda message: self.notify(message, error=True))
        sig = self.scanner.signals
        sig.progress.connect(self._scan_progress)
        sig.finished.connect(self._scan_finished)
        sig.failed.connect(self._scan_failed)

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
        n, total = self.model.rowCount(), len(self.catalog)
        picked = len(self.selected_ids()) if picked is None else picked
        text = f"{n:,} of {total:,} assets" if n != total else f"{total:,} assets"
        self.count_label.setText(text + (f" · {picked:,} selected" if picked else ""))

    def schedule_counts(self) -> None:
        self._counts_timer.start()

    def refresh_counts(self) -> None:
        self._show_counts(gather_counts(self.catalog))

    def refresh_counts_later(self) -> None:
        """The debounced recount after edits and scans, counted on the query thread."""
        self.queries.call(lambda: gather_counts(self.catalog), self._show_counts)

    def _show_counts(self, counts: dict) -> None:
        self.sidebar.show_counts(counts)
        self.inspector.tag_editor.set_choices(counts["tags"])

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

    def open_quick_look(self) -> None:
        idx = self.view.currentIndex()
        doc = self.model.doc(idx.row()) if idx.isValid() else None
        if doc is not None:
            self.quick_look.open(doc)

    def _follow_in_quick_look(self, current, _previous) -> None:
        if self.quick_look.isVisible() and current.isValid():
            doc = self.model.doc(current.row())
            if doc is not None:
                self.quick_look.open(doc)

    def _quick_look_step(self, step: int) -> None:
        self.view.move_to_row(self.view.currentIndex().row() + step)
        self.open_quick_look()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange) \
                and hasattr(self, "_icon_names"):
            colour = QGuiApplication.palette().color(QPalette.ButtonText)
            for action, name in self._icon_names.items():  # strokes follow the text colour
                action.setIcon(icon(name, colour))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.quick_look.isVisible():
            self.quick_look.setGeometry(self.rect())

    def new_day(self, today) -> None:
        """The team's day moved on (DayWatch): rights badges, "expiring soon" and "expired"
        collections, the posts' rights and the calendar's today mark follow."""
        self.view.delegate.today = today
        self.view.viewport().update()
        self.apply_query(self.search.text())  # rights:expired and friends change at midnight
        self.refresh_counts_later()
        self.posts_panel.new_day()
        self.calendar.view.new_day()

    # -- closing -----------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop background work and wait for it (no thread outlives the window)."""
        self.day_watch.stop()
        self.refresh_timer.stop()
        self._counts_timer.stop()
        self.scanner.shutdown()
        self.queries.shutdown()
        self.thumbs.shutdown()
        self.quick_look.shutdown()
        self.inspector.shutdown()
        self.cut_editor.shutdown()
        self.posts_panel.shutdown()
        self.calendar.shutdown()
        self.jobs.shutdown()  # whatever is left: cancelled, and waited for

    def closeEvent(self, event) -> None:
        self.window_state.save()
        self.shutdown()
        super().closeEvent(event)
