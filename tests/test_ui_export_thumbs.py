"""The export dialogs' previews show each asset's thumbnail (from the library's cache, loaded
by the window's ThumbnailLoader) beside what goes out and beside what is left out with its
reason; an asset without a thumbnail gets a placeholder."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from mediagen import make_jpeg  # noqa: E402
from liveassets.media.scan import scan  # noqa: E402
from liveassets.publish import zones  # noqa: E402
from liveassets.publish.posts import PostStore  # noqa: E402
from liveassets.ui.dialogs.export_pack import ExportPackDialog  # noqa: E402
from liveassets.ui.library.thumbs import ThumbnailLoader  # noqa: E402
from liveassets.ui.posts.export_sheet import ExportSheetDialog  # noqa: E402
from liveassets.ui.thumb_rows import ICON, PLACEHOLDER_ROLE  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402

COLOURS = [(220, 40, 40), (40, 200, 60), (40, 60, 220), (230, 200, 30)]


@pytest.fixture
def assets(library, tmp_path):
    folder = tmp_path / "event"
    folder.mkdir()
    for i, colour in enumerate(COLOURS):
        make_jpeg(folder / f"IMG_{i}.jpg", size=(120, 80), color=colour)
    scan(library, [folder])
    ids = {d["name"]: d["id"] for d in library.all()}
    library.set_rights([ids["IMG_0.jpg"], ids["IMG_1.jpg"]], status="cleared")
    library.set_rights([ids["IMG_2.jpg"]], status="internal")
    library.set_rights([ids["IMG_3.jpg"]], status="cleared",
                       expires=(dt.date.today() - dt.timedelta(days=1)).isoformat())
    return ids


@pytest.fixture
def thumbs(qtbot, library):
    make_app()
    loader = ThumbnailLoader(library)
    yield loader
    loader.shutdown()


def _rows(widget):
    return [widget.item(i) for i in range(widget.count())]


def _centre(item):
    icon = item.data(Qt.DecorationRole)
    assert icon is not None and not icon.isNull()
    image = icon.pixmap(ICON, ICON).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def _near(colour, rgb, tol=40):
    return all(abs(a - b) <= tol for a, b in zip(colour.getRgb()[:3], rgb))


def test_pack_preview_rows_carry_the_assets_thumbnails(qtbot, library, assets, thumbs):
    # IMG_1 has lost its thumbnail (a library scanned without them): its row gets a placeholder.
    library.apply("No thumbnail", {assets["IMG_1.jpg"]: {"thumbnail": None}})
    dialog = ExportPackDialog(library, list(assets.values()), thumbs=thumbs)
    qtbot.addWidget(dialog)
    going, left = _rows(dialog.going_in), _rows(dialog.left_out)
    assert sorted(i.text() for i in going) == ["IMG_0.jpg", "IMG_1.jpg"]
    assert len(left) == 2
    assert any("IMG_2.jpg" in i.text() and "internal" in i.text() for i in left)
    assert any("IMG_3.jpg" in i.text() and "expired" in i.text() for i in left)
    qtbot.waitUntil(lambda: not any(i.data(PLACEHOLDER_ROLE)
                                    for i in going + left if "IMG_1" not in i.text()))
    by_name = {i.text().split(":")[0]: i for i in going + left}
    for n, colour in enumerate(COLOURS):
        centre = _centre(by_name[f"IMG_{n}.jpg"])
        if n == 1:
            assert by_name["IMG_1.jpg"].data(PLACEHOLDER_ROLE)
            assert not _near(centre, colour)  # the placeholder, not a picture
        else:
            assert _near(centre, colour), (n, centre.getRgb())
    # Refilled (another audience): the rows are new and still carry their pictures.
    dialog.audience.setCurrentIndex(dialog.audience.findData("internal"))
    going = _rows(dialog.going_in)
    assert len(going) == 3
    qtbot.waitUntil(lambda: sum(bool(i.data(PLACEHOLDER_ROLE)) for i in going) == 1)
    dialog.close()


def test_pack_preview_without_a_loader_shows_placeholders(qtbot, library, assets):
    make_app()
    dialog = ExportPackDialog(library, list(assets.values()))
    qtbot.addWidget(dialog)
    rows = _rows(dialog.going_in) + _rows(dialog.left_out)
    assert len(rows) == 4 and all(i.data(PLACEHOLDER_ROLE) for i in rows)
    assert all(not i.data(Qt.DecorationRole).isNull() for i in rows)


def test_sheet_preview_lists_posts_going_out_and_left_out_with_thumbnails(qtbot, library,
                                                                          assets, thumbs):
    store = PostStore(library)
    syd = "Australia/Sydney"
    soon = zones.localize(dt.datetime.combine(dt.date.today() + dt.timedelta(days=1),
                                              dt.time(9, 0)), syd)
    store.create(asset_ids=[assets["IMG_0.jpg"]], body="Red stage tonight", timezone=syd,
                 scheduled=soon, status="scheduled")
    store.create(asset_ids=[assets["IMG_2.jpg"]], body="Blue crowd, no date yet", timezone=syd)
    store.create(asset_ids=[assets["IMG_1.jpg"]], body="Green room next month", timezone=syd,
                 scheduled=soon + dt.timedelta(days=40), status="scheduled")
    dialog = ExportSheetDialog(library, thumbs=thumbs)
    qtbot.addWidget(dialog)
    dialog.use_to.setChecked(True)
    dialog.to_date.setDate(dt.date.today() + dt.timedelta(days=7))
    dialog.refresh()
    going, left = _rows(dialog.going_out), _rows(dialog.left_out)
    assert [i.text().split("\n")[0] for i in going] == ["Red stage tonight"]
    reasons = {i.text().split("\n")[0]: i.text() for i in left}
    assert set(reasons) == {"Blue crowd, no date yet", "Green room next month"}
    assert "no date" in reasons["Blue crowd, no date yet"]
    assert "after" in reasons["Green room next month"]
    qtbot.waitUntil(lambda: not any(i.data(PLACEHOLDER_ROLE) for i in going + left))
    assert _near(_centre(going[0]), COLOURS[0])
    by_text = {i.text().split("\n")[0]: i for i in left}
    assert _near(_centre(by_text["Blue crowd, no date yet"]), COLOURS[2])
    # A calendar file leaves out posts without a date even with no date range.
    dialog.use_from.setChecked(False)
    dialog.use_to.setChecked(False)
    dialog.set_kind("ics")
    left = {i.text().split("\n")[0]: i.text() for i in _rows(dialog.left_out)}
    assert list(left) == ["Blue crowd, no date yet"]
    assert "calendar" in left["Blue crowd, no date yet"]
    assert len(_rows(dialog.going_out)) == 2
    dialog.close()
