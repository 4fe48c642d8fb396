"""In-memory indexes over the asset documents, kept in step with every write.

They turn the common filters (tags, kind, rights, status, pick) into set look-ups so a query over
50,000 assets answers in milliseconds, and find files by path or content fingerprint for rescans.
"""

from __future__ import annotations

from collections import defaultdict

from liveassets.catalog.tags import tag_key

# Fields indexed by their exact value: field -> value -> ids.
VALUE_FIELDS = ("kind", "status", "pick")


class AssetIndex:
    def __init__(self) -> None:
        self.docs: dict[str, dict] = {}  # asset id -> live document (read-only outside the catalog)
        self.doc_ids: dict[str, int] = {}  # asset id -> TinyDB doc id
        # Paths and fingerprints are only needed by scans and drops: built on first use, since
        # 50,000 little sets cost a third of the time it takes to open a library.
        self._by_path: dict[str, str] | None = None
        self._by_fingerprint: dict[str, set[str]] | None = None
        self.by_tag: dict[str, set[str]] = defaultdict(set)  # tag key -> ids
        self.by_value: dict[str, dict[str, set[str]]] = {f: defaultdict(set) for f in VALUE_FIELDS}
        self.by_rights: dict[str, set[str]] = defaultdict(set)
        self.with_expiry: set[str] = set()

    def __len__(self) -> int:
        return len(self.docs)

    @property
    def by_path(self) -> dict[str, str]:
        if self._by_path is None:
            self._by_path = {doc["path"]: aid for aid, doc in self.docs.items()}
        return self._by_path

    @property
    def by_fingerprint(self) -> dict[str, set[str]]:
        if self._by_fingerprint is None:
            self._by_fingerprint = defaultdict(set)
            for aid, doc in self.docs.items():
                if doc.get("fingerprint"):
                    self._by_fingerprint[doc["fingerprint"]].add(aid)
        return self._by_fingerprint

    def add(self, doc: dict, doc_id: int) -> None:
        aid = doc["id"]
        self.docs[aid] = doc
        self.doc_ids[aid] = doc_id
        if self._by_path is not None:
            self._by_path[doc["path"]] = aid
        if self._by_fingerprint is not None and doc.get("fingerprint"):
            self._by_fingerprint[doc["fingerprint"]].add(aid)
        for tag in doc.get("tags") or ():
            self.by_tag[tag_key(tag)].add(aid)
        for field in VALUE_FIELDS:
            self.by_value[field][doc.get(field)].add(aid)
        rights = doc.get("rights") or {}
        self.by_rights[rights.get("status") or "unknown"].add(aid)
        if rights.get("expires"):
            self.with_expiry.add(aid)

    def build(self, raw_table: dict) -> None:
        """Index a whole table at load (the same as `add` per document, with locals hoisted)."""
        docs, doc_ids = self.docs, self.doc_ids
        by_tag, by_rights = self.by_tag, self.by_rights
        kinds, statuses, picks = (self.by_value[f] for f in VALUE_FIELDS)
        with_expiry = self.with_expiry
        for doc_id, doc in raw_table.items():
            aid = doc["id"]
            docs[aid] = doc
            doc_ids[aid] = int(doc_id)
            for tag in doc.get("tags") or ():
                by_tag[tag_key(tag)].add(aid)
            kinds[doc.get("kind")].add(aid)
            statuses[doc.get("status")].add(aid)
            picks[doc.get("pick")].add(aid)
            rights = doc.get("rights") or {}
            by_rights[rights.get("status") or "unknown"].add(aid)
            if rights.get("expires"):
                with_expiry.add(aid)

    def remove(self, aid: str) -> None:
        doc = self.docs.pop(aid)
        self.doc_ids.pop(aid)
        if self._by_path is not None and self._by_path.get(doc["path"]) == aid:
            del self._by_path[doc["path"]]
        if self._by_fingerprint is not None:
            _discard(self._by_fingerprint, doc.get("fingerprint"), aid)
        for tag in doc.get("tags") or ():
            _discard(self.by_tag, tag_key(tag), aid)
        for field in VALUE_FIELDS:
            _discard(self.by_value[field], doc.get(field), aid)
        rights = doc.get("rights") or {}
        _discard(self.by_rights, rights.get("status") or "unknown", aid)
        self.with_expiry.discard(aid)

    def tag_ids(self, key: str, prefix: bool = False) -> set[str]:
        """Assets with the tag `key` or one below it in the hierarchy (or any tag starting so)."""
        if prefix:
            keys = [k for k in self.by_tag if k.startswith(key)]
        else:
            below = key + "/"
            keys = [k for k in self.by_tag if k == key or k.startswith(below)]
        if len(keys) == 1:
            return self.by_tag[keys[0]]
        out: set[str] = set()
        for k in keys:
            out |= self.by_tag[k]
        return out


def _discard(mapping: dict, key, aid: str) -> None:
    ids = mapping.get(key)
    if ids is not None:
        ids.discard(aid)
        if not ids:
            del mapping[key]
