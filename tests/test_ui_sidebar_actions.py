"""The sidebar's own actions in the real window: rename and merge a tag from the tag tree,
save the current search as a smart collection, rename and delete it; each one undo step, the
sidebar, the tag editor and the grid following."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.catalog.saved_searches import SavedSearches  # noqa: E402
from liveassets.ui.inspector.tag_editor import TAG_ROLE as EDITOR_TAG  # noqa: E402
from liveassets.ui.library.sidebar import PATH_ROLE, SAVED_ROLE, smart_collections  # noqa: E402


@pytest.fixture
def window(open_window, library):
    ids = fill(library, 12)
    library.tag(ids[:4], add=["Nova"])
    library.tag(ids[3:6], add=["creator:@nova"])
    library.tag(ids[6:8], add=["places/Sydney/Opera House"])
    win = open_window()
    win.ids = ids
    return win


def _walk(item):
    for r in range(item.rowCount()):
        yield item.child(r)
        yield from _walk(item.child(r))


def _tag_node(win, path):
    return next(i for i in _walk(win.sidebar.tags) if i.data(PATH_ROLE) == path)


def _labels(win, head):
    return [head.child(r).text() for r in range(head.rowCount())]


def _menu_texts(win, item):
    return [a.text() for a in win.sidebar.menu_for(item.index()).actions() if a.text()]


def _trigger(win, item, text):
    menu = win.sidebar.menu_for(item.index())
    next(a for a in menu.actions() if a.text() == text).trigger()


def _editor_tags(win):
    choices = win.inspector.tag_editor.choices
    return {choices.item(r).data(EDITOR_TAG) for r in range(choices.rowCount())}


def test_renaming_a_tag_from_the_tree_is_one_undo_step(qtbot, window, library):
    win = window
    node = _tag_node(win, "Nova")
    assert _menu_texts(win, node) == ["Rename…", "Merge into…"]
    win.sidebar.clicked.emit(node.index())  # the grid shows that tag
    assert set(win.model.ids) == set(win.ids[:4])
    asked = []
    win.sidebar_actions.ask_text = lambda title, label, text="": asked.append(text) or "Nova Live"
    steps = win.undo_stack.count()
    _trigger(win, node, "Rename…")
    assert asked == ["Nova"] and win.undo_stack.count() == steps + 1
    assert all("Nova Live" in library.get(a)["tags"] for a in win.ids[:4])
    assert win.search.text() == 'tag:"Nova Live"' and set(win.model.ids) == set(win.ids[:4])
    qtbot.waitUntil(lambda: any(i.data(PATH_ROLE) == "Nova Live" for i in _walk(win.sidebar.tags)))
    assert not any(i.data(PATH_ROLE) == "Nova" for i in _walk(win.sidebar.tags))
    assert "Nova Live" in _editor_tags(win) and "Nova" not in _editor_tags(win)
    win.undo_stack.undo()
    assert all("Nova" in library.get(a)["tags"] for a in win.ids[:4])
    qtbot.waitUntil(lambda: "Nova" in _editor_tags(win) and "Nova Live" not in _editor_tags(win))


def test_a_saved_search_follows_a_renamed_tag_in_the_same_undo_step(qtbot, window, library):
    """The smart collection "Nova's" keeps showing Nova's four assets after the rename, and
    one Ctrl+Z puts back both the tag and the saved query."""
    win = window
    searches = SavedSearches(library)
    searches.save("Nova's", "tag:Nova rating<=5")
    win.sidebar_actions.ask_text = lambda title, label, text="": "Nova Live"
    steps = win.undo_stack.count()
    _trigger(win, _tag_node(win, "Nova"), "Rename…")
    assert win.undo_stack.count() == steps + 1
    assert searches.find("Nova's")["query"] == 'tag:"Nova Live" rating<=5'
    assert {d["id"] for d in library.query(searches.find("Nova's")["query"])} == set(win.ids[:4])
    win.undo_stack.undo()
    assert searches.find("Nova's")["query"] == "tag:Nova rating<=5"
    assert all("Nova" in library.get(a)["tags"] for a in win.ids[:4])
    win.undo_stack.redo()
    assert searches.find("Nova's")["query"] == 'tag:"Nova Live" rating<=5'
    # a refused rename (into a tag below itself) changes neither, and leaves no step behind
    steps = win.undo_stack.count()
    win.sidebar_actions.ask_text = lambda title, label, text="": "Nova Live/inner"
    assert not win.sidebar_actions.rename_tag("Nova Live")
    assert win.undo_stack.count() == steps
    assert searches.find("Nova's")["query"] == 'tag:"Nova Live" rating<=5'


def test_merging_a_tag_into_another_chosen_from_the_list(qtbot, window, library):
    win = window
    offered = []

    def choose(title, label, choices):
        offered.extend(choices)
        return "creator:@nova"
    win.sidebar_actions.ask_choice = choose
    _trigger(win, _tag_node(win, "Nova"), "Merge into…")
    assert "Nova" not in offered and "creator:@nova" in offered
    assert library.tag_counts()["creator:@nova"] == 6 and "Nova" not in library.tag_counts()
    assert library.get(win.ids[3])["tags"].count("creator:@nova") == 1  # it had both
    qtbot.waitUntil(lambda: not any(i.data(PATH_ROLE) == "Nova" for i in _walk(win.sidebar.tags)))
    assert "(6)" in _tag_node(win, "creator:@nova").text()
    win.undo_stack.undo()
    assert library.tag_counts()["Nova"] == 4 and library.tag_counts()["creator:@nova"] == 3


def test_a_level_of_the_hierarchy_renames_everything_below_it(qtbot, window, library):
    win = window
    places = _tag_node(win, "places")  # no asset carries "places" alone
    assert places.data(PATH_ROLE) == "places" and "Rename…" in _menu_texts(win, places)
    heading = next(i for i in _walk(win.sidebar.tags) if i.text() == "creator")
    assert _menu_texts(win, heading) == []  # a namespace heading is not a tag to rename
    win.sidebar_actions.ask_text = lambda *a: "Venues"
    _trigger(win, places, "Rename…")
    assert "Venues/Sydney/Opera House" in library.get(win.ids[6])["tags"]
    # F2 on the current entry renames it too.
    win.sidebar_actions.ask_text = lambda *a: "Sites"
    win.sidebar.setFocus()
    qtbot.waitUntil(lambda: any(i.data(PATH_ROLE) == "Venues" for i in _walk(win.sidebar.tags)))
    win.sidebar.setCurrentIndex(_tag_node(win, "Venues").index())
    qtbot.keyClick(win.sidebar, Qt.Key_F2)
    assert "Sites/Sydney/Opera House" in library.get(win.ids[6])["tags"]
    win.sidebar_actions.ask_text = lambda *a: "Sites/Sydney/Opera House/Stage"
    assert not win.sidebar_actions.rename_tag("Sites")  # a tag inside itself: refused
    assert "inside itself" in win.last_message


def test_saving_the_search_as_a_smart_collection(qtbot, window, library, tmp_path):
    win = window
    win.search.set_text("rating>=3")
    expected = len(library.query("rating>=3"))
    win.sidebar_actions.ask_text = lambda *a: "Keepers"
    win.search.save_button.click()
    side = win.sidebar
    builtin = len(smart_collections(dt.date.today()))
    qtbot.waitUntil(lambda: _labels(win, side.collections)[-1] == f"Keepers  ({expected})")
    assert _labels(win, side.collections)[0].startswith("All assets")
    item = side.collections.child(builtin)
    rid = item.data(SAVED_ROLE)
    assert SavedSearches(library).store.get(rid)["query"] == "rating>=3"
    win.search.set_text("")
    side.clicked.emit(item.index())
    assert win.search.text() == "rating>=3" and win.model.rowCount() == expected
    assert _menu_texts(win, item) == ["Save search…", "Rename…", "Delete"]
    # Renamed, then deleted; undo brings it back under its new name.
    win.sidebar_actions.ask_text = lambda *a: "Best of the night"
    _trigger(win, side.collections.child(builtin), "Rename…")
    qtbot.waitUntil(lambda: _labels(win, side.collections)[-1].startswith("Best of the night"))
    _trigger(win, side.collections.child(builtin), "Delete")
    qtbot.waitUntil(lambda: len(_labels(win, side.collections)) == builtin)
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: _labels(win, side.collections)[-1].startswith("Best of the night"))
    # The quick filters are part of what is saved: the collection shows what the grid shows.
    win.filters.buttons["Videos"].click()
    shown = set(win.model.ids)
    win.sidebar_actions.ask_text = lambda *a: "Keeper videos"
    assert win.sidebar_actions.save_search()
    kept = SavedSearches(library).find("keeper videos")["query"]
    assert {d["id"] for d in library.query(kept)} == shown and "kind:video" in kept
    win.sidebar_actions.ask_text = lambda *a: "All assets"
    assert not win.sidebar_actions.save_search()  # a built-in's name
    assert "built-in" in win.last_message
    win.sidebar_actions.ask_text = lambda *a: "best OF the night"
    assert not win.sidebar_actions.save_search()
    assert "already" in win.last_message
    assert len(SavedSearches(library).all()) == 2


def test_save_search_from_the_collections_heading_and_the_edit_menu(window):
    win = window
    assert "Save search…" in _menu_texts(win, win.sidebar.collections)
    assert win.sidebar_actions.save_search_action in win.menus.edit.actions()
