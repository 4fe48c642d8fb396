"""Starting the app: Fusion style, dark and light palettes, icons, a locked library named."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QPalette  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from liveassets.ui.window import app as app_module  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402
from liveassets.ui.theme.icons import app_icon, icon  # noqa: E402
from liveassets.ui.theme.palette import ClearIndicators, is_dark, make_palette, set_theme  # noqa: E402


def test_fusion_style_and_both_palettes(qapp):
    app = make_app(dark=True)
    sheet = app.styleSheet()
    assert "QGroupBox" in sheet  # resources/style/app.qss was loaded
    app.setStyleSheet("")  # (a style sheet wraps the style; look at the style beneath)
    style = app.style()
    assert isinstance(style, ClearIndicators) and style.baseStyle().name().lower() == "fusion"
    app.setStyleSheet(sheet)
    assert is_dark(app.palette())
    set_theme(app, dark=False)
    assert not is_dark(app.palette())
    assert app.palette().color(QPalette.Text).lightness() < 80
    set_theme(app, dark=True)
    for dark in (True, False):
        pal = make_palette(dark)
        text, base = pal.color(QPalette.Text), pal.color(QPalette.Base)
        assert abs(text.lightness() - base.lightness()) > 150  # readable contrast


def test_an_unticked_box_is_visible_on_the_dark_palette(qapp):
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    make_app(dark=True)
    for kind in (QCheckBox, QRadioButton):
        box = kind("Off")
        box.resize(80, 24)
        image = box.grab().toImage()
        rim = max(image.pixelColor(x, y).lightness() for x in range(20) for y in range(24))
        assert rim > 110, kind.__name__  # the window is ~34: a rim at least three times as light


def test_icons_are_drawn(qapp):
    make_app(dark=True)
    assert not app_icon().isNull()
    for name in ("add-folder", "undo", "redo", "quicklook", "advance", "delete"):
        pix = icon(name).pixmap(24, 24)
        assert not pix.isNull()
        image = pix.toImage()
        assert any(image.pixelColor(x, y).alpha() for x in range(24) for y in range(24)), name


def test_a_library_open_elsewhere_is_a_message_not_a_traceback(qapp, library, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    assert app_module.run_app(library.folder) == 1
    assert shown and "open in another" in shown[0]


def test_run_app_shows_the_window_and_releases_the_library(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from liveassets.catalog.catalog import Catalog

    shown = []

    def fake_exec(*_):
        shown.extend(w for w in QApplication.topLevelWidgets()
                     if w.isVisible() and w.windowTitle().startswith("LiveAssets"))
        for w in shown:
            w.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # keep real settings clean
    assert app_module.run_app(tmp_path / "lib") == 0
    assert shown
    Catalog(tmp_path / "lib").close()  # the lock was released
