"""Saved searches: a name and a query in the search language, kept in the library (the
"collections" record table) so every window and command on it sees the same smart collections.

Every save, rename and delete returns the RecordStore's `Change`, so the window undoes it.
"""

from __future__ import annotations

import unicodedata

from liveassets.catalog.changes import Change
from liveassets.catalog.errors import CatalogError
from liveassets.catalog.query import QueryError, parse, with_tag_renamed
from liveassets.catalog.tags import normalize_tag, tag_key

TABLE = "collections"
MAX_NAME = 80  # characters: a sidebar row, not a paragraph


class SavedSearches:
    """The library's saved searches, each {"id", "name", "query"}, in the order saved."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.store = catalog.records(TABLE)

    def all(self) -> list[dict]:
        return self.store.all()

    def find(self, name: str) -> dict | None:
        """The saved search called `name` (case-insensitive), or None."""
        key = _name(name).casefold()
        return next((s for s in self.all() if s["name"].casefold() == key), None)

    def save(self, name: str, query: str):
        """Save `query` as `name`; raises CatalogError for an empty or taken name and
        QueryError for a query the search language refuses. Returns the Change."""
        name = self._free_name(name)
        query = str(query).strip()
        parse(query)  # a malformed query is refused now, not when the collection is clicked
        return self.store.put({"name": name, "query": query}, f"Save search {name}")

    def rename(self, rid: str, name: str):
        """Give the saved search `rid` a new name (CatalogError: empty or taken)."""
        doc = self.store.get(rid)
        name = self._free_name(name, keep=rid)
        old, doc["name"] = doc["name"], name
        return self.store.put(doc, f"Rename saved search {old} to {name}")

    def delete(self, rid: str):
        doc = self.store.get(rid)
        return self.store.delete(rid, f"Delete saved search {doc['name']}")

    def following_tag_rename(self, old: str, new: str) -> dict[str, dict]:
        """The saved searches whose `tag:` terms name `old` (or a tag below it), as they read
        once the tag is renamed to `new` (`Catalog.rename_tag`): id -> document. A pure
        reading; `follow_tag_rename` writes it. Saved queries that no longer lex are left as
        they are (the sidebar shows their error)."""
        old_key, new_tag = tag_key(old), normalize_tag(new)
        levels = old_key.count("/") + 1

        def rename(value: str) -> str:   # by levels, as rename_tag does
            return "/".join([new_tag, *normalize_tag(value).split("/")[levels:]])

        out = {}
        for doc in self.all():
            try:
                query = with_tag_renamed(doc["query"], old_key, rename)
            except QueryError:
                continue
            if query != doc["query"]:
                out[doc["id"]] = {**doc, "query": query}
        return out

    def follow_tag_rename(self, old: str, new: str) -> Change:
        """Rewrite the saved searches that name the tag `old` so they find it as `new`; one
        Change (empty when no saved search names it), undone as one step."""
        return self.store.put_many(self.following_tag_rename(old, new),
                                   f"Saved searches follow {normalize_tag(old)} → "
                                   f"{normalize_tag(new)}")

    def _free_name(self, name: str, keep: str | None = None) -> str:
        name = _name(name)
        if not name:
            raise CatalogError("A saved search needs a name: type one.")
        if len(name) > MAX_NAME:
            raise CatalogError(f"A saved search's name is at most {MAX_NAME} characters; "
                               f"this one has {len(name)}.")
        taken = self.find(name)
        if taken is not None and taken["id"] != keep:
            raise CatalogError(f'A saved search is called "{taken["name"]}" already: '
                               "pick another name or delete that one first.")
        return name


def _name(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text)).split())
