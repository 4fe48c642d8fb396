"""AssetGridView: the thumbnail grid (uniform cells so 50,000 rows scroll smoothly), with
Ctrl+wheel to resize, file URLs when assets are dragged out, and a context menu of the
window's actions for the selection (`context_actions`, None for a separator)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu, QStyle

from liveassets.ui.library.grid_delegate import AssetCellDelegate

MIN_SIZE, MAX_SIZE = 80, 400


class AssetGridView(QListView):
    sizeChanged = Signal(int)
    badgeClicked = Signal(str)  # the id of the cell whose stack badge was clicked

    def __init__(self, thumbs, parent=None):
        super().__init__(parent)
        self.delegate = AssetCellDelegate(thumbs, self)
        self.setObjectName("grid")
        self.setItemDelegate(self.delegate)
        self.setViewMode(QListView.IconMode)
        self.setMovement(QListView.Static)  # a catalog has no manual order: drags go out only
        self.setResizeMode(QListView.Adjust)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.SinglePass)
        self.setBatchSize(2000)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)
        self.setDefaultDropAction(Qt.CopyAction)
        self.setSpacing(2)
        self.setWrapping(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setMouseTracking(False)
        self.set_thumb_size(160)
        self.context_actions: list = []

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for action in self.context_actions:
            menu.addSeparator() if action is None else menu.addAction(action)
        return menu

    def contextMenuEvent(self, event) -> None:
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)  # a right-click outside the selection selects that cell
        if self.selectionModel().hasSelection() and self.context_actions:
            self.context_menu().exec(event.globalPos())

    def mousePressEvent(self, event) -> None:
        """A click on a cell's stack badge opens or closes the stack (and selects the cell)."""
        index = self.indexAt(event.position().toPoint())
        model = self.model()
        if index.isValid() and event.button() == Qt.LeftButton \
                and hasattr(model, "stack_badge"):
            aid = model.ids[index.row()]
            badge = model.stack_badge(aid)
            doc = model.doc(index.row()) if badge else None
            if doc is not None and self.delegate.badge_rect(self.visualRect(index), doc, badge) \
                    .contains(event.position().toPoint()):
                super().mousePressEvent(event)
                self.badgeClicked.emit(aid)
                return
        super().mousePressEvent(event)

    def set_thumb_size(self, size: int) -> None:
        size = max(MIN_SIZE, min(MAX_SIZE, int(size)))
        if size == self.delegate.thumb_size and self.gridSize().isValid():
            return
        self.delegate.thumb_size = size
        self._fit_grid()
        self.sizeChanged.emit(size)
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current)

    def layout_width(self) -> int:
        """The width QListView lays cells out in (px): the viewport's width as if the vertical
        scroll bar were always shown, less the spacing before the first column.

        QListView itself reserves the scroll bar's extent in left-to-right flow whether or not
        the bar shows (QListViewPrivate::prepareItemsLayout, Qt 6), so columns counted from the
        viewport's current width flipped as the bar came and went: in a 7-asset folder,
        rejecting one asset took the bar away, the cells widened, a column no longer fitted,
        the bar came back (measured: 3 columns <-> 2 at 1100 px, 160 px thumbnails).
        """
        bar = self.verticalScrollBar()
        extent = 0
        if self.verticalScrollBarPolicy() != Qt.ScrollBarAlwaysOff:
            extent = self.style().pixelMetric(QStyle.PM_ScrollBarExtent, None, bar)
            if self.verticalScrollBarPolicy() == Qt.ScrollBarAlwaysOn:
                extent = 0  # maximumViewportSize() has taken it off already
        return self.maximumViewportSize().width() - extent - self.spacing()

    def _fit_grid(self) -> None:
        """Cells of the chosen size, spaced so the columns fill the width (no ragged edge),
        counted from a width that does not depend on the scroll bar showing (see
        `layout_width`), so the number of columns holds while rows are filtered away."""
        hint = self.delegate.sizeHint(None, None)
        cell_w = hint.width() + 4
        avail = max(cell_w, self.layout_width())
        columns = max(1, avail // cell_w)
        grid = QSize(avail // columns, hint.height() + 4)
        if grid != self.gridSize():
            self.setGridSize(grid)

    def columns(self) -> int:
        """How many cells one row holds at the current width and size."""
        return max(1, self.layout_width() // max(1, self.gridSize().width()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_grid()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.ControlModifier:
            step = 20 if event.angleDelta().y() > 0 else -20
            self.set_thumb_size(self.delegate.thumb_size + step)
            event.accept()
            return
        super().wheelEvent(event)

    def move_to_row(self, row: int) -> None:
        """Make `row` the current and only selected asset (culling moves one at a time)."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        idx = model.index(row, 0)
        self.selectionModel().setCurrentIndex(idx, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(idx)
