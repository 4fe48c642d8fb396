"""The window's part of `liveassets --self-test`: open the main window offscreen on a library
and report how many assets it shows (the core never imports Qt; this lives here)."""

from __future__ import annotations

import os
from pathlib import Path


def window_rows(library: Path, work: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.window.app import make_app
    from liveassets.ui.window.main_window import MainWindow

    app = make_app()
    with Catalog(library) as cat:
        win = MainWindow(cat, QSettings(str(work / "settings.ini"), QSettings.IniFormat))
        win.show()
        app.processEvents()
        rows = win.model.rowCount()
        win.shutdown()
        win.close()
        del win
    return rows
