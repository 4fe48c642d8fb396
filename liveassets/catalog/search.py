"""Runs parsed queries against the catalog's indexes: set look-ups first, scans only for the rest.

Terms on tags, kind, status, flag, rights and id are answered from `AssetIndex` sets; an AND
intersects those (smallest first) and filters what is left with the compiled predicate of the
other terms, so `tag:x rights:cleared kind:video` never touches most documents.
"""

from __future__ import annotations

import datetime as dt

from liveassets.catalog import query as q
from liveassets.catalog.predicates import compile_query
from liveassets.catalog.index import AssetIndex
from liveassets.catalog.rights import is_expired

_VALUE_FIELDS = {"kind", "status", "pick"}


def run(text_or_node, index: AssetIndex, today: dt.date) -> set[str]:
    node = q.parse(text_or_node) if isinstance(text_or_node, str) else text_or_node
    return _eval(node, index, today)


def _indexed(term, index: AssetIndex, today: dt.date) -> set[str] | None:
    """The ids matching a term straight from an index, or None if the term needs a scan."""
    if not isinstance(term, q.Term) or term.op != ":":
        return None
    f, v = term.field, term.value
    if f == "tag":
        return index.tag_ids(v, prefix=term.prefix)
    if f in _VALUE_FIELDS:
        return index.by_value[f].get(v, set())
    if f == "rights":
        if v == "expired":
            return {a for a in index.with_expiry if is_expired(index.docs[a]["rights"], today)}
        ids = index.by_rights.get(v, set())
        if v == "cleared":
            stale = ids & index.with_expiry
            if stale:
                ids = ids - {a for a in stale if is_expired(index.docs[a]["rights"], today)}
        return ids
    if f == "id":  # an id or a prefix of one
        return {v} if v in index.docs else {a for a in index.docs if a.startswith(v)}
    return None


def _eval(node, index: AssetIndex, today: dt.date) -> set[str]:
    if isinstance(node, q.Everything):
        return set(index.docs)
    if isinstance(node, q.Not):
        return set(index.docs) - _eval(node.item, index, today)
    if isinstance(node, q.Or):
        out: set[str] = set()
        for item in node.items:
            out |= _eval(item, index, today)
        return out
    items = node.items if isinstance(node, q.And) else (node,)
    sets, scans, groups = [], [], []
    for item in items:
        found = _indexed(item, index, today)
        if found is not None:
            sets.append(found)
        elif isinstance(item, q.Term):
            scans.append(item)
        else:
            groups.append(item)
    if sets:
        sets.sort(key=len)
        ids = set(sets[0])
        for other in sets[1:]:
            ids &= other
    else:
        ids = None
    for group in groups:
        found = _eval(group, index, today)
        ids = found if ids is None else ids & found
    if scans:
        pred = compile_query(q.And(tuple(scans)) if len(scans) > 1 else scans[0], today)
        docs = index.docs
        pool = docs if ids is None else ids
        ids = {a for a in pool if pred(docs[a])}
    return ids if ids is not None else set(index.docs)


_SORTS = {
    "path": lambda d: d.get("path") or "",
    "name": lambda d: ((d.get("name") or "").casefold(), d.get("path") or ""),
    "taken": lambda d: (d.get("taken") or "9999", d.get("path") or ""),
    "rating": lambda d: (-(d.get("rating") or 0), d.get("path") or ""),
    "added": lambda d: (d.get("added") or "", d.get("path") or ""),
}
SORTS = tuple(_SORTS)


def sort_docs(docs: list[dict], sort: str = "path") -> list[dict]:
    key = _SORTS.get(sort)
    if key is None:
        raise ValueError(f'Cannot sort by "{sort}": use one of {", ".join(SORTS)}.')
    return sorted(docs, key=key)
