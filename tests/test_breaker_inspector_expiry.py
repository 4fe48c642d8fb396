"""The inspector shows an expiry typed by hand into the library as the rights gate reads it
(helper "breaker"): "31/12/2026" shows 31 Dec 2026, not "Never"; a value nobody can read says
so, not "Never", since the gate holds the file back."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate  # noqa: E402

from test_breaker_inspector_no_channel import _hand_set  # noqa: E402
from test_ui_channels import window  # noqa: E402,F401  (fixture)


def _hand_expiry(library, aid, value):
    _hand_set(library, aid, [])
    doc = dict(library.get(aid))
    doc["rights"] = dict(doc["rights"], expires=value)
    library.apply("Hand edit", {aid: doc})


def test_a_hand_typed_expiry_shows_as_the_gate_reads_it(qtbot, window, library):
    win = window
    a, b = win.model.ids[:2]
    _hand_expiry(library, a, "31/12/2026")
    _hand_expiry(library, b, "soon")
    form = win.inspector.rights
    win.select_ids([a], a)
    qtbot.waitUntil(lambda: form.expires.date() == QDate(2026, 12, 31))
    assert not form.no_expiry.isChecked()
    win.select_ids([b], b)
    qtbot.waitUntil(lambda: form.expires.text() == "Cannot read 'soon'")
    assert not form.no_expiry.isChecked()
    assert library.get(b)["rights"]["expires"] == "soon"          # showing it wrote nothing
