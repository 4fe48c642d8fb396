"""The grid's layout in the real window: the column count holds while culling a small folder
(the scroll bar coming and going used to flip it), a wide window is used to its edge, and the
file name under a thumbnail stays readable beside the stars at every size."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtGui import QFont, QFontMetrics  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.ui.library.grid_delegate import CAPTION_HEIGHT, CAPTION_PX  # noqa: E402
from liveassets.ui.library.grid_view import MAX_SIZE, MIN_SIZE  # noqa: E402


def _columns_of(win) -> dict[int, int]:
    """Row -> the column its cell is drawn in (from where Qt put it on screen)."""
    view, model = win.view, win.model
    xs = sorted({view.visualRect(model.index(r)).x() for r in range(model.rowCount())})
    return {r: xs.index(view.visualRect(model.index(r)).x()) for r in range(model.rowCount())}


def _settle(qtbot, win):
    qtbot.wait(30)  # layout and scroll-bar changes are posted events


def test_rejecting_in_a_small_folder_keeps_the_column_count(qtbot, open_window, library):
    fill(library, 7)
    win = open_window()
    win.resize(1100, 700)
    win.view.set_thumb_size(160)
    win.auto_advance.setChecked(False)
    _settle(qtbot, win)
    win.search.set_text("-pick:rejected")
    columns = win.view.columns()
    assert 2 <= columns < 7
    seen_bar = set()
    for step in range(6):
        seen_bar.add(win.view.verticalScrollBar().isVisible())
        where = _columns_of(win)
        assert where == {r: r % columns for r in range(win.model.rowCount())}, step
        win.view.move_to_row(0)
        win.flag("rejected")
        win.apply_query(win.search.text())
        _settle(qtbot, win)
        assert win.model.rowCount() == 6 - step
        assert win.view.columns() == columns
    # The case that flipped it: the bar was there with all seven and gone with fewer.
    assert seen_bar == {True, False}
    win.search.set_text("")  # filtering back in: still the same columns
    _settle(qtbot, win)
    assert _columns_of(win) == {r: r % columns for r in range(7)}


def test_a_wide_window_uses_its_width(qtbot, open_window, library):
    fill(library, 60)
    win = open_window()
    win.resize(1920, 1080)
    _settle(qtbot, win)
    view, model = win.view, win.model
    for size in range(MIN_SIZE, MAX_SIZE + 1, 20):
        view.set_thumb_size(size)
        _settle(qtbot, win)
        first_row = [view.visualRect(model.index(r)) for r in range(view.columns())]
        assert len({r.y() for r in first_row}) == 1, size  # they are one row
        cell = first_row[0].width()
        margin = view.viewport().width() - first_row[-1].right()
        assert margin < cell, (size, margin, cell)
        assert view.visualRect(model.index(view.columns())).y() > first_row[0].y()


@pytest.mark.parametrize("name", ["IMG_00042.jpg", "DSC01234 (1).jpg",
                                  "Crowd at the main stage, final cut.mov", "x.jpg", "README"])
def test_the_name_never_runs_under_the_stars(qtbot, open_window, library, name):
    win = open_window()
    delegate = win.view.delegate
    font = QFont(win.view.font())
    font.setPixelSize(CAPTION_PX)
    fm = QFontMetrics(font)
    ext = name.rpartition(".")[2] if "." in name else ""
    for size in range(MIN_SIZE, MAX_SIZE + 1, 10):
        strip = QRect(8, size + 11, size, CAPTION_HEIGHT - 4)
        for rating in range(6):
            name_rect, text, star_rect, stars = delegate.caption_layout(
                strip, {"name": name, "rating": rating}, win.view.font())
            assert bool(stars) == bool(rating)
            assert strip.contains(name_rect)
            assert fm.horizontalAdvance(text) <= name_rect.width(), (size, rating, text)
            if rating:
                assert strip.contains(star_rect)
                assert not name_rect.intersects(star_rect), (size, rating)
                assert fm.horizontalAdvance(stars) <= star_rect.width()
                assert str(rating) in stars or stars == "★" * rating
            assert text.endswith("." + ext) if ext else text, (size, rating, text)
            if size >= 100 and name == "IMG_00042.jpg":
                assert text.endswith("00042.jpg"), (size, rating, text)  # the counter shows
            if size >= 200:
                assert text == name or fm.horizontalAdvance(name) > name_rect.width()


def test_the_full_name_is_the_cell_tooltip(open_window, library):
    from PySide6.QtCore import Qt

    ids = fill(library, 2)
    long = "Crowd at the main stage during the headline set, phone 3, final.jpg"
    library.apply("Name", {ids[0]: {"name": long}})
    win = open_window()
    row = win.model.row_of(ids[0])
    assert win.model.index(row).data(Qt.ToolTipRole).splitlines()[0] == long


def test_painted_name_and_stars_do_not_overlap(qtbot, open_window, library):
    """What the eye sees: in the painted caption strip, the name's pixels all sit left of the
    first gold star pixel, at every size."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QImage, QPainter, QPalette
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    ids = fill(library, 1)
    library.apply("Name", {ids[0]: {"name": "Crowd at the main stage 0042.jpg", "rating": 5,
                                    "thumbnail": None}})
    win = open_window()
    view, delegate = win.view, win.view.delegate
    text = view.palette().color(QPalette.Text)
    for size in range(MIN_SIZE, MAX_SIZE + 1, 40):
        view.set_thumb_size(size)
        hint = delegate.sizeHint(None, None)
        image = QImage(hint.width(), hint.height(), QImage.Format_ARGB32)
        image.fill(Qt.black)
        painter = QPainter(image)
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = QRect(0, 0, hint.width(), hint.height())
        option.state = QStyle.State_Enabled
        delegate.paint(painter, option, win.model.index(win.model.row_of(ids[0])))
        painter.end()
        top = size + 6  # the strip under the thumbnail
        gold, ink = [], []
        for y in range(top, hint.height() - 4):
            for x in range(hint.width()):
                c = image.pixelColor(x, y)
                if c.red() > 180 and c.green() > 140 and c.blue() < 120:
                    gold.append(x)
                elif abs(c.red() - text.red()) + abs(c.green() - text.green()) \
                        + abs(c.blue() - text.blue()) < 60:
                    ink.append(x)
        assert gold and ink, size
        assert max(ink) < min(gold), (size, max(ink), min(gold))
