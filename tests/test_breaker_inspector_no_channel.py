"""The inspector says "No channel" for a file the gate holds on every platform (helper
"breaker"): a recap whose sources share no channel, or channels edited by hand to a value that
names none of ours. It said "Every channel" (no box ticked) while every post of it was blocked."""

import pytest

pytest.importorskip("PySide6")

from liveassets.catalog.rights import may_publish  # noqa: E402
from test_ui_channels import window  # noqa: E402,F401  (fixture)


def _hand_set(library, aid, channels):
    doc = dict(library.get(aid))
    doc["rights"] = dict(doc["rights"], status="cleared", channels=channels)
    library.apply("Hand edit", {aid: doc})


def test_the_note_says_no_channel_where_the_gate_allows_none(qtbot, window, library):
    win = window
    a, b, c = win.model.ids[:3]
    _hand_set(library, a, ["none"])
    _hand_set(library, b, "myspace")
    assert not may_publish(library.get(a), platform="tiktok")
    note = win.inspector.rights.channels_note
    win.select_ids([a], a)
    qtbot.waitUntil(lambda: note.text() == "No channel")
    win.select_ids([a, b], a)
    qtbot.waitUntil(lambda: note.text() == "No channel")
    win.select_ids([a, c], a)                     # one at no channel, one at every channel
    qtbot.waitUntil(lambda: note.text() == "Multiple values")
    win.select_ids([c], c)
    qtbot.waitUntil(lambda: note.text() == "Every channel")
    win.select_ids([a], a)
    qtbot.waitUntil(lambda: note.text() == "No channel")
    win.inspector.rights.channels["youtube"].click()          # allow YouTube: now that only
    qtbot.waitUntil(lambda: note.text() == "YouTube only")
    assert library.get(a)["rights"]["channels"] == ["youtube"]
