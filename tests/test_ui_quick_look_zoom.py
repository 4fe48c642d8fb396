"""Quick look at 100 %: Z or a click zooms so one photo pixel is one device pixel, at the point
clicked; a drag or the arrows pan; Z or a click fits again; the rating and flag drawn on the
photo follow the keys pressed in quick look. Photos are gradients whose pixel values say where
they came from (red = x // 8, green = y // 8), read back from the window as a user sees it."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("PySide6")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QPoint, QPointF, QRect, QSize, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap  # noqa: E402

from liveassets.catalog.schema import new_asset  # noqa: E402
from liveassets.ui.zoom import Zoom, draw_photo  # noqa: E402

PICKED = QColor("#2ea043")


def gradient(width: int, height: int, blue: int = 128) -> Image.Image:
    """red = x // 8, green = y // 8 (saved as PNG: read back exactly)."""
    x = (np.arange(width) // 8 % 256).astype(np.uint8)
    y = (np.arange(height) // 8 % 256).astype(np.uint8)
    pixels = np.empty((height, width, 3), np.uint8)
    pixels[..., 0], pixels[..., 1], pixels[..., 2] = x[None, :], y[:, None], blue
    return Image.fromarray(pixels)


def add_photos(library, folder, count=1, size=(1600, 1200)) -> list[str]:
    """`count` gradient photos (blue 40, 80, ... tells them apart) in the library, as a scan
    leaves them (no thumbnail yet: quick look decodes the original)."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = {}
    for i in range(count):
        path = folder / f"IMG_{i:04d}.png"
        gradient(*size, blue=40 + 40 * i).save(path, compress_level=1)
        doc = new_asset(str(path), "image", path.stat().st_size, path.stat().st_mtime,
                        f"{i}:{path.name}")
        doc.update(width=size[0], height=size[1], taken=f"2026-11-20T20:00:{i:02d}")
        docs[doc["id"]] = doc
    library.apply("Add photos", docs)
    return list(docs)


def where(colour: QColor) -> tuple[int, int]:
    """The photo pixel (x, y) a screen pixel shows, from its gradient colour (to 8 px)."""
    return colour.red() * 8, colour.green() * 8


def grab(widget) -> QImage:
    return widget.grab().toImage()


@pytest.fixture
def look(qtbot, open_window, library, tmp_path):
    ids = add_photos(library, tmp_path / "shoot")
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 1)
    win.activateWindow()  # keys reach the grid only in the active window
    win.view.setFocus()
    qtbot.waitUntil(lambda: win.view.hasFocus())
    win.view.move_to_row(0)
    win.looking.open_quick_look()
    ql = win.quick_look
    qtbot.waitUntil(lambda: ql.full_pixmap(ids[0]) is not None, timeout=10_000)
    return win, ql, ids[0]


def zoomed_in(qtbot, ql, aid):
    assert ql.zoom.zoomed
    qtbot.waitUntil(lambda: ql.full.pixmap(ql.doc) is not None, timeout=10_000)
    assert ql.full.pixmap(ql.doc).size() == QSize(1600, 1200)  # the whole photo, decoded


def test_z_shows_one_photo_pixel_per_screen_pixel_and_z_fits_again(qtbot, look):
    win, ql, aid = look
    centre = ql.photo_area().center()
    fitted = grab(ql)
    x0, _ = where(fitted.pixelColor(centre))
    x1, _ = where(fitted.pixelColor(centre + QPoint(160, 0)))
    assert x1 - x0 > 200  # fitted: 160 screen px cover ~280 photo px
    qtbot.keyClick(ql, Qt.Key_Z)
    zoomed_in(qtbot, ql, aid)
    shot = grab(ql)
    cx, cy = where(shot.pixelColor(centre))
    assert abs(cx - 800) <= 16 and abs(cy - 600) <= 16  # Z alone zooms at the centre
    for step in (80, 160, 320):  # 1:1 — n screen px to the right are n photo px further
        x, y = where(shot.pixelColor(centre + QPoint(step, 0)))
        assert abs((x - cx) - step) <= 8 and y == cy
    qtbot.keyClick(ql, Qt.Key_Z)
    assert not ql.zoom.zoomed
    again = grab(ql)
    assert where(again.pixelColor(centre + QPoint(160, 0)))[0] - where(
        again.pixelColor(centre))[0] > 200


def test_a_click_zooms_at_the_point_clicked_and_a_drag_pans(qtbot, look):
    win, ql, aid = look
    point = ql.photo_area().center() + QPoint(-250, -150)
    before = where(grab(ql).pixelColor(point))
    qtbot.mouseClick(ql, Qt.LeftButton, pos=point)
    zoomed_in(qtbot, ql, aid)
    after = where(grab(ql).pixelColor(point))
    assert abs(after[0] - before[0]) <= 16 and abs(after[1] - before[1]) <= 16  # stays put
    centre = ql.photo_area().center()
    start = where(grab(ql).pixelColor(centre))
    qtbot.mousePress(ql, Qt.LeftButton, pos=centre)
    for dx in (-20, -60, -100):  # drag left: the photo follows the hand
        qtbot.mouseMove(ql, centre + QPoint(dx, 0))
    qtbot.mouseRelease(ql, Qt.LeftButton, pos=centre + QPoint(-100, 0))
    assert ql.zoom.zoomed  # a drag is not a click
    moved = where(grab(ql).pixelColor(centre))
    assert abs((moved[0] - start[0]) - 100) <= 8 and moved[1] == start[1]
    qtbot.mouseClick(ql, Qt.LeftButton, pos=centre)
    assert not ql.zoom.zoomed  # a click fits again


def test_arrows_pan_at_100_percent_and_move_on_when_fitted(qtbot, look):
    win, ql, aid = look
    qtbot.keyClick(ql, Qt.Key_Z)
    zoomed_in(qtbot, ql, aid)
    centre = ql.photo_area().center()
    start = where(grab(ql).pixelColor(centre))
    qtbot.keyClick(ql, Qt.Key_Right)
    right = where(grab(ql).pixelColor(centre))
    assert abs((right[0] - start[0]) - 120) <= 8  # looks further right
    qtbot.keyClick(ql, Qt.Key_Down)
    down = where(grab(ql).pixelColor(centre))
    assert abs((down[1] - start[1]) - 120) <= 8
    for _ in range(30):  # never past the photo's edge
        qtbot.keyClick(ql, Qt.Key_Right)
    edge = grab(ql)
    area = ql.photo_area()
    assert where(edge.pixelColor(QPoint(area.right() - 2, centre.y())))[0] >= 1600 - 16
    assert ql.isVisible() and ql.doc["id"] == aid  # panning never stepped to another photo


def test_rating_and_flag_are_drawn_on_the_photo_as_keys_change_them(qtbot, look):
    win, ql, aid = look
    qtbot.keyClick(ql, Qt.Key_3)
    qtbot.keyClick(ql, Qt.Key_P)
    assert win.catalog.get(aid)["rating"] == 3 and win.catalog.get(aid)["pick"] == "picked"
    qtbot.waitUntil(lambda: ql.doc["pick"] == "picked" and ql.doc["rating"] == 3)
    shot = grab(ql)
    area = ql.photo_area()
    size = QSize(1600, 1200).scaled(area.size(), Qt.KeepAspectRatio)
    photo = QRect(QPoint(0, 0), size)
    photo.moveCenter(area.center())
    pill = shot.pixelColor(photo.topLeft() + QPoint(10 + 4, 10 + 13))
    assert abs(pill.green() - PICKED.green()) < 30 and pill.red() < 90  # the green "picked" pill
    win.undo_stack.undo()  # undo from the menu: the pill goes with the flag
    qtbot.waitUntil(lambda: ql.doc["pick"] == "none")
    plain = grab(ql).pixelColor(photo.topLeft() + QPoint(10 + 4, 10 + 13))
    assert plain.green() < 100  # the dark pill of the stars alone


@pytest.mark.parametrize("dpr", [1.0, 2.0])
def test_100_percent_is_one_image_pixel_per_device_pixel_on_hidpi(qtbot, dpr):
    """At a device pixel ratio of 2 (a Retina screen) the photo is drawn at half its pixel
    size in logical px, so each photo pixel still lands on one device pixel."""
    photo = QPixmap.fromImage(QImage(gradient(400, 400).tobytes(), 400, 400, 1200,
                                     QImage.Format_RGB888).copy())
    canvas = QImage(int(200 * dpr), int(200 * dpr), QImage.Format_RGB32)
    canvas.setDevicePixelRatio(dpr)
    canvas.fill(Qt.black)
    zoom = Zoom()
    area = QRect(0, 0, 200, 200)
    zoom.toggle_at(None, area, photo.size(), dpr)
    p = QPainter(canvas)
    target = draw_photo(p, area, zoom, photo, photo.size(), dpr)
    p.end()
    assert target.width() == pytest.approx(400 / dpr)
    mid = int(100 * dpr)
    x0 = canvas.pixelColor(mid, mid).red() * 8
    x1 = canvas.pixelColor(mid + 40, mid).red() * 8
    assert abs((x1 - x0) - 40) <= 8  # 40 device px = 40 photo px at either ratio


def test_zoom_keeps_the_photo_filling_the_view_when_panned_past_an_edge():
    zoom = Zoom()
    area, size = QRect(0, 0, 300, 200), QSize(1000, 800)
    zoom.toggle_at(QPointF(5, 5), area, size, 1.0)  # near the top-left corner
    rect = zoom.image_rect(area, size, 1.0)
    assert rect.left() <= 0 and rect.top() <= 0  # no empty band at the left or top
    zoom.pan(10_000, 10_000, area, size, 1.0)
    rect = zoom.image_rect(area, size, 1.0)
    assert (rect.left(), rect.top()) == (0, 0)
    small = QSize(100, 80)  # smaller than the view at 100 %: centred
    zoom.pan(-50, -50, area, small, 1.0)
    assert zoom.image_rect(area, small, 1.0).center() == QPointF(150, 100)


def test_100_percent_is_the_same_colour_managed_upright_photo(qtbot, tmp_path):
    """The full-resolution decode (quick look at 100 % and compare) is the screen-size one at
    full size: an Adobe RGB photo turned by EXIF comes out upright and in sRGB, as a viewer
    shows it, never as Qt would read it raw."""
    from icc_profiles import rgb_profile, viewer_srgb
    from liveassets.ui.zoom import FullPictures
    from mediagen import exif_bytes
    from test_pictures_colour import close, encoded, sample

    icc = rgb_profile("adobe")
    stored = encoded(icc)
    path = tmp_path / "adobe.jpg"
    stored.save(path, quality=95, icc_profile=icc, exif=exif_bytes(orientation=6))
    doc = new_asset(str(path), "image", 1, 1.0, "x")
    full = FullPictures()
    assert full.pixmap(doc) is None  # asked for, decoded on the pictures pool
    qtbot.waitUntil(lambda: full.pixmap(doc) is not None, timeout=10_000)
    image = full.pixmap(doc).toImage().convertToFormat(QImage.Format_RGB888)
    assert (image.width(), image.height()) == (stored.height, stored.width)  # upright, full
    shown = Image.frombuffer("RGB", (image.width(), image.height()),
                             bytes(image.constBits())[: image.bytesPerLine() * image.height()],
                             "raw", "RGB", image.bytesPerLine(), 1)
    want = viewer_srgb(stored, icc).transpose(Image.Transpose.ROTATE_270)
    assert close(sample(shown), sample(want), 5)
    full.shutdown()


def test_a_photo_that_cannot_be_decoded_zooms_its_stand_in_without_error(qtbot, open_window,
                                                                         library, tmp_path):
    ids = add_photos(library, tmp_path / "shoot", size=(800, 600))
    path = library.get(ids[0])["path"]
    with open(path, "r+b") as f:  # cut short after opening: the full decode fails
        f.truncate(200)
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 1)
    win.view.move_to_row(0)
    win.looking.open_quick_look()
    ql = win.quick_look
    ql.toggle_zoom()
    assert ql.zoom.zoomed
    qtbot.waitUntil(lambda: ids[0] in ql.full._failed, timeout=10_000)
    ql.repaint()  # paints the placeholder: no traceback, no stuck job
    ql.toggle_zoom()
    assert not ql.zoom.zoomed and win.jobs.pending(pool="pictures") == 0
