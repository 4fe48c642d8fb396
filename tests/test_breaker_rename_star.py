"""A tag whose name holds a star ("best*", "*") is a name, not a prefix search: a saved search
that follows a rename to it, and the query the sidebar or search box writes for it, find that
tag only (helper "breaker")."""

from liveassets.catalog.query import quote
from liveassets.catalog.saved_searches import SavedSearches
from liveassets.catalog.schema import new_asset


def _fill(cat, *tag_lists):
    docs = {}
    for i, tags in enumerate(tag_lists):
        doc = new_asset(f"/ev/{i}.jpg", "image", 100, 1.0, f"fp{i}")
        doc["tags"] = list(tags)
        docs[doc["id"]] = doc
    cat.apply("Fill", docs)
    return list(docs)


def test_a_saved_search_following_a_rename_to_a_starred_name_finds_the_same_files(library):
    ids = _fill(library, ["old"], ["best-of"], ["old", "zzz"], [])
    saved = SavedSearches(library)
    queries = {"plain": "tag:old", "not": "-tag:old", "either": "(tag:old OR tag:zzz)"}
    for name, query in queries.items():
        saved.save(name, query)
    before = {n: sorted(a["id"] for a in library.query(q)) for n, q in queries.items()}
    for new in ("best*", "*"):
        library.rename_tag("old" if new == "best*" else "best*", new)
        saved.follow_tag_rename("old" if new == "best*" else "best*", new)
        after = {s["name"]: sorted(a["id"] for a in library.query(s["query"]))
                 for s in saved.all()}
        assert after == before, (new, [s["query"] for s in saved.all()])
    assert before["plain"] == sorted([ids[0], ids[2]])


def test_the_query_written_for_a_starred_tag_is_that_tag_only(library):
    ids = _fill(library, ["best*"], ["best-of"])
    assert [a["id"] for a in library.query("tag:" + quote("best*"))] == [ids[0]]
    assert quote("best*") == '"best*"' and quote("best") == "best"
