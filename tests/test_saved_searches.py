"""Saved searches in the core: kept in the library, names unique and tidy, malformed queries
refused, every save, rename and delete undoable."""

import pytest

from catalog_helpers import fill
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.errors import CatalogError
from liveassets.catalog.query import QueryError
from liveassets.catalog.saved_searches import SavedSearches


def test_saved_searches_live_in_the_library_and_undo(tmp_path):
    with Catalog(tmp_path / "lib") as cat:
        fill(cat, 5)
        saved = SavedSearches(cat)
        change = saved.save("  Best   of  night ", "rating>=4 kind:image")
        rid = next(iter(change.after))
        assert saved.all() == [{"id": rid, "name": "Best of night",
                                "query": "rating>=4 kind:image"}]
        renamed = saved.rename(rid, "Keepers")
        cat.undo(renamed)
        assert saved.find("best OF night")["id"] == rid
        cat.redo(renamed)
        gone = saved.delete(rid)
        assert saved.all() == []
        cat.undo(gone)
        assert saved.find("keepers")["query"] == "rating>=4 kind:image"
    with Catalog(tmp_path / "lib") as cat:  # reopened: still there
        assert [s["name"] for s in SavedSearches(cat).all()] == ["Keepers"]


def test_bad_names_and_queries_are_refused_with_nothing_saved(library):
    saved = SavedSearches(library)
    saved.save("Videos of Nova", "kind:video tag:creator:@nova")
    with pytest.raises(CatalogError, match="already"):
        saved.save("videos OF nova", "kind:video")
    with pytest.raises(CatalogError, match="needs a name"):
        saved.save("   ", "kind:video")
    with pytest.raises(CatalogError, match="at most 80"):
        saved.save("x" * 81, "kind:video")
    with pytest.raises(QueryError):
        saved.save("Broken", "rating>=")
    other = saved.save("Other", "")
    with pytest.raises(CatalogError, match="already"):
        saved.rename(next(iter(other.after)), "Videos of Nova")
    assert [s["name"] for s in saved.all()] == ["Videos of Nova", "Other"]
