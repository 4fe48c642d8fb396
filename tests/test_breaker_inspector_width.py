"""The inspector keeps its fields inside its edge when a dock is widened (helper "breaker"): at
1280x800 with the Report dock dragged to half the window, "No expiry", the channel toggles and
the release document's clear button were cut off at the panel's right edge (the panel does not
scroll sideways)."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402

from catalog_helpers import fill  # noqa: E402


def test_the_rights_box_stays_inside_the_panel_beside_a_wide_dock(qtbot, open_window, library):
    ids = fill(library, 2)
    win = open_window()
    win.resize(1280, 800)
    qtbot.waitUntil(lambda: win.width() == 1280)
    win.select_ids(ids, ids[0])
    for dock in (win.report, win.cut_editor):
        dock.show()
        dock.raise_()
        win.resizeDocks([dock], [640], Qt.Horizontal)      # as a user widens it
        qtbot.wait(100)
        view = win.inspector.viewport()
        form = win.inspector.rights
        for widget in (form.no_expiry, form.clear_doc, *form.channels.values(), form.status):
            rect = QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())
            assert rect.right() <= view.width(), (dock.objectName(), widget, rect, view.width())
        assert win.frameGeometry().width() <= 1280
        dock.hide()
