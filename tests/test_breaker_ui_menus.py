"""User text in the window's menus (helper "breaker", issue #12): a template or tag named with
"&" shows its "&" (Qt otherwise takes it as a shortcut letter and hides it), and a
10,000-character name gives a menu row of one short line, in the Templates menu and in
Edit > Undo."""

import re

import pytest

pytest.importorskip("PySide6")

from catalog_helpers import fill  # noqa: E402
from liveassets.catalog.templates import TemplateStore  # noqa: E402


def shown(action_text: str) -> str:
    """What Qt draws for a QAction text: "&&" is "&", a lone "&x" is "x" (underlined)."""
    return re.sub(r"&(.)", r"\1", action_text)


@pytest.fixture
def win(qtbot, open_window, library):
    fill(library, 3)
    with library.saving():
        store = TemplateStore(library)
        for name, owner in (("R&D cleared", "R&D"), ("b" * 10_000, "Long")):
            store.records.put({"name": name, "values": {"owner": owner}, "apply": ["owner"],
                               "add_tags": [], "remove_tags": []}, label="Save template")
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 3)
    return win


def test_template_names_in_the_menu_show_their_ampersand_and_fit(win):
    texts = [shown(a.text()) for a in win.templates.apply_actions]
    assert texts[0] == "Apply “R&D cleared”"
    assert len(texts[1]) < 80 and texts[1].startswith("Apply “bbb") and "…" in texts[1]


def test_undo_names_show_their_ampersand_and_fit(qtbot, win, library):
    win.select_ids(win.model.ids[:1], win.model.ids[0])
    for template in win.templates.store.all():
        assert win.templates.apply(template)  # a long name stored elsewhere still applies
        undo = shown(win.undo_action.text())
        assert undo.startswith("Undo Apply template ") and len(undo) < 90
    assert library.get(win.model.ids[0])["rights"]["owner"] == "Long"
    win.undo_stack.undo()
    assert shown(win.undo_action.text()) == "Undo Apply template R&D cleared"
