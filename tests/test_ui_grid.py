"""The grid's model, cells and speed: badges in their colours, 50,000 rows, lazy thumbnails."""

import datetime as dt
import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402
from liveassets.ui.library.grid_delegate import RIGHTS_COLOURS, rights_state  # noqa: E402
from liveassets.ui.library.grid_model import DOC_ROLE, AssetGridModel  # noqa: E402
from liveassets.ui.library.grid_view import AssetGridView  # noqa: E402
from liveassets.ui.library.thumbs import ThumbnailLoader  # noqa: E402


def _paint_cell(view, row, state=QStyle.State_Enabled):
    image = QImage(200, 220, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 180, 210)
    option.state = state
    view.delegate.paint(painter, option, view.model().index(row))
    painter.end()
    return image


def _close(a: QColor, b: QColor, tol=40):
    return all(abs(x - y) <= tol for x, y in zip(a.getRgb()[:3], b.getRgb()[:3]))


@pytest.fixture
def grid(qtbot, library):
    make_app(dark=True)
    thumbs = ThumbnailLoader(library)
    view = AssetGridView(thumbs)
    qtbot.addWidget(view)
    model = AssetGridModel(library)
    view.setModel(model)
    yield library, model, view
    thumbs.shutdown()


def test_rights_badges_have_their_colours_and_expired_its_own(grid):
    library, model, view = grid
    ids = fill(library, 6)
    today = dt.date(2026, 11, 22)
    library.set_rights(ids[:1], status="cleared", expires="2026-01-01")
    library.set_rights(ids[1:2], status="pending", expires=None)
    library.set_rights(ids[2:3], status="restricted", expires=None)
    view.delegate.today = today
    model.set_ids(ids[:3])
    for row, state in enumerate(("expired", "pending", "restricted")):
        assert rights_state(library.get(ids[row]), today) == state
        image = _paint_cell(view, row)
        badge = image.pixelColor(16, 14)  # inside the pill, left of the text
        assert _close(badge, RIGHTS_COLOURS[state]), (state, badge.name())


def test_focused_cell_still_shows_its_content(grid):
    library, model, view = grid
    ids = fill(library, 2)
    library.set_rights(ids[:1], status="cleared", expires=None)
    model.set_ids(ids)
    plain = _paint_cell(view, 0)
    focused = _paint_cell(view, 0, QStyle.State_Enabled | QStyle.State_HasFocus)
    assert focused.pixelColor(16, 14) == plain.pixelColor(16, 14)


def test_fifty_thousand_assets_load_and_scroll_quickly(qtbot, grid):
    library, model, view = grid
    fill(library, 50_000)
    started = time.perf_counter()
    model.run_query("", sort="taken")
    assert model.rowCount() == 50_000
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    load = time.perf_counter() - started
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 50_000 // 5 * 150)  # batched layout finished
    worst = 0.0
    seen = set()
    for step in range(0, 21):
        t = time.perf_counter()
        bar.setValue(bar.maximum() * step // 20)
        view.viewport().repaint()
        QApplication.processEvents()
        worst = max(worst, time.perf_counter() - t)
        seen.add(view.indexAt(view.viewport().rect().topLeft() + QPoint(30, 30)).row())
    print(f"50k: query+show {load * 1000:.0f} ms, worst scroll frame {worst * 1000:.1f} ms")
    assert max(seen) > 49_000  # really reached the end
    # The 50 ms budget is for the benchmark on a quiet laptop; a test on a shared, busy
    # machine only catches a grid that lays out or reads all 50,000 rows per frame.
    assert worst < 1.0
    doc = model.index(49_999).data(DOC_ROLE)
    assert doc["id"] == model.ids[-1]


def test_thumbnail_size_follows_ctrl_wheel_and_stays_in_range(qtbot, grid):
    _, _, view = grid
    sizes = []
    view.sizeChanged.connect(sizes.append)
    view.set_thumb_size(1000)
    assert view.delegate.thumb_size == 400
    view.set_thumb_size(10)
    assert view.delegate.thumb_size == 80
    assert sizes == [400, 80]


def test_new_rows_are_inserted_in_place_keeping_the_selection(grid, qtmodeltester):
    library, model, view = grid
    ids = fill(library, 10)
    model.set_ids(ids[0:10:2])
    qtmodeltester.check(model)
    view.selectionModel().select(model.index(1), QItemSelectionModel.Select)
    resets, inserts = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsInserted.connect(lambda _p, first, last: inserts.append((first, last)))
    assert model.set_ids(ids) is False  # rows only arrived: no reset
    assert model.ids == ids and not resets
    assert inserts == [(1, 1), (3, 3), (5, 5), (7, 7), (9, 9)]
    assert [model.row_of(a) for a in ids] == list(range(10))
    assert [i.row() for i in view.selectionModel().selectedIndexes()] == [2]  # still ids[2]
    qtmodeltester.check(model)
    assert model.set_ids(ids[1:]) is True  # a row went: reset
    assert model.ids == ids[1:]


def test_a_cell_repaints_when_its_asset_changes(grid):
    library, model, view = grid
    ids = fill(library, 1)
    library.rate(ids, 0)
    library.set_pick(ids, "none")
    model.set_ids(ids)
    first = _paint_cell(view, 0)
    assert _paint_cell(view, 0) == first  # from the painted-cell cache
    library.set_pick(ids, "picked")
    picked = _paint_cell(view, 0)
    assert picked != first  # the flag shows at once: the cache key follows the document
    library.rate(ids, 5)
    assert _paint_cell(view, 0) != picked
