"""The composer draws a file's name as written (helper "breaker"): a TikTok-only photo named
with "<b>" on an Instagram post shows its name, tags and all, in the assets line and in the
rights line that blocks it, instead of Qt guessing rich text and drawing it bold."""

import pytest

pytest.importorskip("PySide6")

from test_breaker_ui_plain_text import HOSTILE, draws_literally  # noqa: E402
from test_ui_composer import lib, make, stack  # noqa: E402,F401  (fixtures)


def test_the_assets_and_rights_lines_draw_a_hostile_name_as_written(make, lib):
    doc = dict(lib.get(lib.ids["ok"]))
    doc["name"] = f"{HOSTILE}.jpg"
    doc["rights"] = dict(doc["rights"], status="cleared", channels=["tiktok"])
    lib.apply("Hostile", {doc["id"]: doc})
    c = make(body="Night one", platform="instagram", asset_ids=[doc["id"]])
    assert HOSTILE in c.rights_label.text() and "TikTok only, not Instagram" in \
        c.rights_label.text()
    assert draws_literally(c.rights_label, c.rights_label.text())
    assert HOSTILE in c.assets_label.text()
    assert draws_literally(c.assets_label, c.assets_label.text())
