"""Test set-up: Qt offscreen before any QApplication, and small shared fixtures."""

import os
import tempfile
from pathlib import Path

import pytest

# Never touch the user's own "last library" note (the folder goes when the run ends).
_CONFIG = tempfile.TemporaryDirectory(prefix="liveassets-config-")
os.environ["LIVEASSETS_CONFIG"] = _CONFIG.name
# The offscreen screen is a 1280x800 laptop (its default is 800x800), so window tests see
# the screen the app must fit (test_ui_fit.py).
_SCREEN = Path(_CONFIG.name) / "offscreen-screen.json"
_SCREEN.write_text('{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1280, '
                   '"height": 800, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
# The log file too (liveassets/logs.py): never into the user's own log folder.
os.environ["LIVEASSETS_LOG_DIR"] = os.path.join(_CONFIG.name, "logs")

# clip_fixtures: media, window and messages for the clip tests; leaks: a Qt test fails when it
# leaves a thread, a background job or a timer running.
pytest_plugins = ["clip_fixtures", "leaks"]

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "photos"


@pytest.fixture
def library(tmp_path):
    from liveassets.catalog.catalog import Catalog

    cat = Catalog(tmp_path / "lib")
    yield cat
    cat.close()


@pytest.fixture
def corpus():
    if not CORPUS.is_dir():
        pytest.skip("shared/corpus is not beside the repo")
    return CORPUS


@pytest.fixture
def open_window(qtbot, library, tmp_path):
    """Opens the real main window on the `library` fixture (settings in tmp); afterwards checks
    that no scan or thumbnail job outlived it."""
    from PySide6.QtCore import QSettings

    from liveassets.ui.window.app import make_app
    from liveassets.ui.window.main_window import MainWindow

    opened = []

    def _open():
        make_app(dark=True)
        win = MainWindow(library, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        opened.append(win)
        return win

    yield _open
    for win in opened:
        win.shutdown()
        assert all(pool.activeThreadCount() == 0 for pool in win.jobs.pools.values())
