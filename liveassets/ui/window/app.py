"""Starting the window: one QApplication, Fusion style with a palette that follows the
system, the log file and the exception hook, the library opened (with a clear message if it
cannot be), and the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from liveassets import logs
from liveassets.catalog.catalog import Catalog
from liveassets.errors import UserError
from liveassets.resources import resource_path
from liveassets.ui import message_text, wheel_guard
from liveassets.ui.theme.icons import app_icon
from liveassets.ui.theme.palette import ClearIndicators, apply_palette
from liveassets.ui.window.exception_hook import ExceptionHook


# Scans run Python on worker threads; with the default 5 ms GIL switch interval the UI thread
# waits up to that long at every hand-over, which added up to 200+ ms stalls while scanning
# 2,000 files (measured; 1 ms brings the longest stall near 100 ms for a small scan slow-down).
GIL_SWITCH_SECONDS = 0.001


def make_app(argv: list[str] | None = None, dark: bool | None = None) -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_SECONDS)
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName("LiveAssets")
        QCoreApplication.setApplicationName("LiveAssets")
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    # Restyling an application re-polishes every widget it has, so only what changed is set
    # (opening a second window, or one per test, stays quick).
    if not getattr(app, "_la_fusion", False):
        app.setStyle(ClearIndicators("Fusion"))
        app._la_fusion = True
    wheel_guard.install(app)  # a wheel over a field it has not focused never edits it
    message_text.install(app)  # names in messages are drawn as written, never as HTML
    apply_palette(app, dark)
    app.setWindowIcon(app_icon())
    try:
        sheet = resource_path("style", "app.qss").read_text(encoding="utf-8")
    except OSError:
        sheet = app.styleSheet()  # a missing style sheet only costs looks
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    return app


def run_app(library: Path) -> int:
    app = make_app()
    logs.setup()
    logging.getLogger("liveassets").info("Window: Qt %s, PySide6 %s, library %s", qVersion(),
                                         pyside_version, library)
    opened: list = []  # the window, once there: the hook's messages sit on it
    hook = ExceptionHook(lambda: opened[0] if opened else None, parent=app).install()
    try:
        catalog = Catalog(library)
    except UserError as exc:  # locked elsewhere, damaged, read-only disk: say so, no traceback
        hook.uninstall()
        QMessageBox.critical(None, "Cannot open the library", str(exc))
        return 1
    from liveassets.ui.window.main_window import MainWindow

    try:
        opened.append(MainWindow(catalog))
        opened[0].show()
        for warning in catalog.warnings:  # skipped journal lines, opened read-only
            QMessageBox.warning(opened[0], "Library opened with a problem", warning)
        return app.exec()
    finally:
        hook.uninstall()
        if opened:
            opened[0].shutdown()  # (closeEvent did this already unless exec ended otherwise)
            opened.clear()  # widgets go before the QApplication, never after (a crash at exit)
        catalog.close()
