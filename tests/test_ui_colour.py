"""The HDR mark: HLG/PQ clips carry an "HDR" pill in the grid and say so (with the colour
space of other clips) in the inspector."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QRect, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem  # noqa: E402

from catalog_helpers import fake_assets  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402
from liveassets.ui.marks import HDR_COLOUR  # noqa: E402
from liveassets.ui.library.grid_model import AssetGridModel  # noqa: E402
from liveassets.ui.library.grid_view import AssetGridView  # noqa: E402
from liveassets.ui.window.main_window import MainWindow  # noqa: E402
from liveassets.ui.library.thumbs import ThumbnailLoader  # noqa: E402

SDR = {"matrix": "bt709", "range": "tv", "primaries": "bt709", "transfer": "bt709",
       "tagged": False}
HLG = {"matrix": "bt2020nc", "range": "tv", "primaries": "bt2020",
       "transfer": "arib-std-b67", "tagged": True}


def _videos(library):
    docs = [d for d in fake_assets(8) if d["kind"] == "video"][:2]
    docs[0].update(hdr="hlg", colour=HLG)
    docs[1].update(hdr="none", colour=SDR)
    library.apply("Fill", {d["id"]: d for d in docs})
    return [d["id"] for d in docs]


def _hdr_pixels(view, row) -> int:
    image = QImage(200, 220, QImage.Format_ARGB32)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = QRect(0, 0, 180, 210)
    option.state = QStyle.State_Enabled
    view.delegate.paint(painter, option, view.model().index(row))
    painter.end()
    want = HDR_COLOUR.getRgb()[:3]
    return sum(1 for y in range(120, 200) for x in range(0, 180)
               if all(abs(a - b) <= 12 for a, b in zip(image.pixelColor(x, y).getRgb()[:3],
                                                       want)))


def test_grid_marks_hdr_clips_only(qtbot, library):
    make_app(dark=True)
    thumbs = ThumbnailLoader(library)
    view = AssetGridView(thumbs)
    qtbot.addWidget(view)
    model = AssetGridModel(library)
    view.setModel(model)
    model.set_ids(_videos(library))
    try:
        assert _hdr_pixels(view, 0) > 100  # the pill, about 30 x 16 px
        assert _hdr_pixels(view, 1) == 0
    finally:
        thumbs.shutdown()


def test_inspector_says_hdr_and_colour_space(qtbot, library, tmp_path):
    make_app(dark=True)
    ids = _videos(library)
    win = MainWindow(library, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    try:
        label = win.inspector.fact_labels["Colour"]
        win.inspector.show_assets([library.get(ids[0])])
        assert label.text().startswith("HDR (HLG, BT2020)") and "SDR" in label.text()
        win.inspector.show_assets([library.get(ids[1])])
        assert label.text() == "SDR BT.709, limited range (untagged, assumed)"
    finally:
        win.shutdown()
