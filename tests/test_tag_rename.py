"""Renaming and merging tags in the core (the one path the window's tag tree and the CLI's
`tags --rename` share): every asset follows, one Change undoes it, spellings stay consistent."""

import pytest

from catalog_helpers import fill
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.errors import CatalogError
from liveassets.catalog.tags import TagError
from liveassets.cli.main import main


def test_merge_into_an_existing_tag_keeps_its_spelling_and_undoes_in_one_step(library):
    ids = fill(library, 6)
    library.tag(ids[:3], add=["Nova"])
    library.tag(ids[2:5], add=["creator:@nova"])
    before = {i: list(library.get(i)["tags"]) for i in ids}
    counts = library.tag_counts()
    change = library.rename_tag("nova", "CREATOR:@NOVA")  # typed in another case: a merge
    assert len(change) == 3
    for i in ids[:5]:
        tags = library.get(i)["tags"]
        assert "creator:@nova" in tags and "Nova" not in tags
        assert len([t for t in tags if t.casefold() == "creator:@nova"]) == 1  # ids[2] had both
    after = library.tag_counts()
    assert "Nova" not in after and after["creator:@nova"] == 5
    library.undo(change)
    assert {i: library.get(i)["tags"] for i in ids} == before
    assert library.tag_counts() == counts
    library.redo(change)
    assert library.tag_counts() == after


def test_a_new_case_is_a_rename_undone_with_its_spelling(library):
    ids = fill(library, 3)
    library.tag(ids, add=["nova/backstage"])
    change = library.rename_tag("NOVA", "Nova")
    assert library.get(ids[0])["tags"][-1] == "Nova/backstage"
    assert "Nova/backstage" in library.tag_counts()
    library.undo(change)
    assert library.get(ids[0])["tags"][-1] == "nova/backstage"
    assert "nova/backstage" in library.tag_counts() and "Nova/backstage" not in library.tag_counts()
    library.redo(change)
    assert "Nova/backstage" in library.tag_counts()


def test_levels_below_follow_even_when_case_folding_changes_the_length(library):
    ids = fill(library, 2)
    library.tag(ids, add=["Straße/Nacht", "Straße"])
    library.rename_tag("STRASSE", "places/Street")
    tags = library.get(ids[0])["tags"]
    assert "places/Street/Nacht" in tags and "places/Street" in tags
    assert not [t for t in tags if "stra" in t.casefold()]


def test_a_rename_survives_reopening(tmp_path):
    with Catalog(tmp_path / "lib") as cat:
        ids = fill(cat, 2)
        cat.tag(ids, add=["nova"])
        cat.rename_tag("nova", "Nova")
    with Catalog(tmp_path / "lib") as cat:
        assert cat.tag_counts()["Nova"] == 2
        assert cat.get(ids[0])["tags"][-1] == "Nova"


def test_bad_renames_are_refused_with_nothing_changed(library):
    ids = fill(library, 2)
    library.tag(ids, add=["places/Sydney"])
    counts = library.tag_counts()
    with pytest.raises(CatalogError, match='No asset carries the tag "nowhere"'):
        library.rename_tag("nowhere", "x")
    with pytest.raises(CatalogError, match="inside itself"):
        library.rename_tag("places", "places/NSW")
    with pytest.raises(TagError):
        library.rename_tag("places", "  ")
    assert library.tag_counts() == counts


def test_the_cli_renames_through_the_same_path(capsys, tmp_path):
    with Catalog(tmp_path / "lib") as cat:
        ids = fill(cat, 3)
        cat.tag(ids[:2], add=["Nova"])
        cat.tag(ids[1:], add=["creator:@nova"])
    assert main(["--library", str(tmp_path / "lib"), "tags", "--rename", "nova",
                 "creator:@NOVA"]) == 0
    assert "Renamed on 2 assets (Rename tag nova to creator:@nova)" in capsys.readouterr().out
    code = main(["--library", str(tmp_path / "lib"), "tags", "--rename", "nova", "x"])
    out, err = capsys.readouterr()
    assert code != 0 and err.strip().count("\n") == 0 and 'No asset carries the tag "nova"' in err
    with Catalog(tmp_path / "lib") as cat:
        assert cat.tag_counts()["creator:@nova"] == 3 and "Nova" not in cat.tag_counts()


# -- saved searches follow a rename ------------------------------------------------------------
def test_saved_searches_naming_a_renamed_tag_still_find_its_assets(library):
    """What a user sees: the smart collection shows the same assets after the rename, its
    other terms untouched; a tag that only starts with the same letters is left alone."""
    from liveassets.catalog.saved_searches import SavedSearches

    ids = fill(library, 6)
    library.tag(ids[:2], add=["places/Sydney"])
    library.tag(ids[2:3], add=["places/Sydney/Opera House"])
    library.tag(ids[3:4], add=["places/Sydneyside"])
    library.rate(ids[:3], 4)
    searches = SavedSearches(library)
    queries = {
        "exact": "tag:places/sydney rating>=4",
        "below": '(tag:"places/Sydney/Opera House" | kind:video) -tag:draft',
        "prefix": "tag:places/syd*",
        "other": "tag:places/Sydneyside",
    }
    for name, query in queries.items():
        searches.save(name, query)
    before = {n: {d["id"] for d in library.query(q)} for n, q in queries.items()}
    library.rename_tag("places/Sydney", "venues/Sydney CBD")
    change = searches.follow_tag_rename("places/Sydney", "venues/Sydney CBD")
    now = {s["name"]: s["query"] for s in searches.all()}
    assert now["exact"] == 'tag:"venues/Sydney CBD" rating>=4'
    assert now["below"] == '(tag:"venues/Sydney CBD/Opera House" | kind:video) -tag:draft'
    assert now["other"] == queries["other"] and now["prefix"] == queries["prefix"]
    assert {n: {d["id"] for d in library.query(now[n])} for n in ("exact", "below")} == \
        {n: before[n] for n in ("exact", "below")}
    assert len(change) == 2
    library.undo(change)
    assert {s["name"]: s["query"] for s in searches.all()} == queries


def test_a_prefix_search_inside_the_renamed_tag_keeps_its_star():
    from liveassets.catalog.query import with_tag_renamed

    def rename(value):
        return "Venues" + value[len("places"):]

    assert with_tag_renamed("tag:places/Syd* nova", "places", rename) == "tag:Venues/Syd* nova"
    assert with_tag_renamed("tag:places/*", "places", rename) == "tag:Venues/*"
    assert with_tag_renamed('tag:* "tag:places"', "places", rename) == 'tag:* "tag:places"'


def test_the_cli_rename_says_which_saved_searches_follow(capsys, tmp_path):
    from liveassets.catalog.saved_searches import SavedSearches

    with Catalog(tmp_path / "lib") as cat:
        ids = fill(cat, 2)
        cat.tag(ids, add=["Nova"])
        SavedSearches(cat).save("Nova's", "tag:nova")
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "tags", "--rename", "Nova", "creator:@nova"]) == 0
    assert "1 saved search naming it now finds it" in capsys.readouterr().out
    with Catalog(tmp_path / "lib") as cat:
        assert SavedSearches(cat).find("Nova's")["query"] == "tag:creator:@nova"
