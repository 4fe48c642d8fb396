"""The edits a user makes to assets (tags, ratings, flags, rights, captions), as catalog methods.

Each returns the `Change` it made, so the window can undo it and refresh only what changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from liveassets.catalog.errors import CatalogError
from liveassets.catalog.channels import channels_of, name, ordered
from liveassets.catalog.rights import clean_channels, clean_rights
from liveassets.catalog.schema import PICKS
from liveassets.catalog.tags import key_matches, normalize_tag, tag_key


class UserEdits:
    """Mixed into `Catalog`; relies on its `index`, `tag_display`, `_write` and `lock`."""

    def _ids(self, ids: Iterable[str]) -> list[str]:
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if i not in self.index.docs]
        if missing:
            raise CatalogError(f"No asset with id {missing[0]} in this library.")
        return ids

    # -- tags ------------------------------------------------------------------------------
    def _display(self, tag: str) -> str:
        """The spelling to store: the first one the library saw for this key."""
        tag = normalize_tag(tag)
        key = tag.casefold()
        known = self.tag_display.get(key)
        if known is None:
            self._register_tag(key, tag)
            return tag
        return known

    def _register_tag(self, key: str, display: str) -> None:
        self.tag_display[key] = display
        doc_id = self._tag_doc_ids.get(key)
        if doc_id is None:
            self._tag_doc_ids[key] = self._tags_table.insert({"key": key, "display": display})
        else:
            self._tags_table.update({"display": display}, doc_ids=[doc_id])

    def tag(self, ids: Iterable[str], add: Iterable[str] = (), remove: Iterable[str] = ()):
        """Add and remove tags on every asset in `ids` (matching is case-insensitive)."""
        with self.lock:
            ids = self._ids(ids)
            add = [normalize_tag(t) for t in add]
            drop = {tag_key(t) for t in remove}
            with self.saving():
                adding = [self._display(t) for t in add]
                values = {}
                for aid in ids:
                    current = self.index.docs[aid].get("tags") or []
                    tags = _retagged(current, adding, drop)
                    if tags != current:
                        values[aid] = {"tags": tags}
                label = "Tag" if add else "Remove tag"
                return self._write(label, values)

    def edit_metadata(self, label: str, ids: Iterable[str], rights: dict | None = None,
                      add: Iterable[str] = (), remove: Iterable[str] = ()):
        """Set some rights fields and add/remove tags on every asset in `ids`, as ONE write.

        One `Change` (one undo step) covers the rights and the tags together. Everything is
        checked before anything is written: a bad rights value (RightsError), an empty tag
        (TagError) or an unknown id (CatalogError) leaves the library as it was.
        """
        changes = clean_rights(rights or {})
        add = [normalize_tag(t) for t in add]
        drop = {tag_key(t) for t in remove}
        with self.lock:
            ids = self._ids(ids)
            with self.saving():
                adding = [self._display(t) for t in add]
                values = {}
                for aid in ids:
                    doc = self.index.docs[aid]
                    fields = {}
                    if changes:
                        merged = {**doc["rights"], **changes}
                        if merged != doc["rights"]:
                            fields["rights"] = merged
                    current = doc.get("tags") or []
                    tags = _retagged(current, adding, drop)
                    if tags != current:
                        fields["tags"] = tags
                    if fields:
                        values[aid] = fields
                return self._write(label, values)

    def rename_tag(self, old: str, new: str):
        """Rename the tag `old` (and the tags below it: `places/Sydney` renames
        `places/Sydney/Opera House`) on every asset; one Change, undone as one step.

        When `new` is a tag already, the two merge: assets carrying both keep it once, and the
        spelling the library shows for `new` stays its first one. Renaming to a new case of
        the same tag ("nova" to "Nova") changes that spelling. A namespace is part of a tag's
        text (`creator:@nova` renames like any other). Raises TagError for an empty `new` and
        CatalogError when no asset carries `old` or `new` sits below `old`.
        """
        with self.lock:
            old_key, new_tag = tag_key(old), normalize_tag(new)
            new_key = new_tag.casefold()
            ids = self.index.tag_ids(old_key)
            if not ids:
                raise CatalogError(f'No asset carries the tag "{normalize_tag(old)}": check its '
                                   "spelling in the tag list.")
            if new_key != old_key and key_matches(new_key, old_key):
                raise CatalogError(f'Cannot rename "{normalize_tag(old)}" to "{new_tag}", a tag '
                                   "inside itself: pick a name outside it.")
            levels = old_key.count("/") + 1
            in_use = self.index.by_tag

            def renamed(tag: str) -> str:
                # By levels, not characters: a case-folded key can be longer than its tag
                # ("Straße" -> "strasse"), so slicing the tag at len(key) would cut it wrongly.
                out = "/".join([new_tag, *normalize_tag(tag).split("/")[levels:]])
                key = out.casefold()
                if key != tag_key(tag) and in_use.get(key):
                    return self.tag_display.get(key, out)  # merging: its spelling stays
                return out

            values = {}
            for aid in ids:
                tags, seen = [], set()
                for t in self.index.docs[aid]["tags"]:
                    if key_matches(tag_key(t), old_key):
                        t = renamed(t)
                    k = tag_key(t)
                    if k not in seen:
                        seen.add(k)
                        tags.append(t)
                values[aid] = {"tags": tags}
            spellings = {}
            for key in [k for k in self.tag_display if key_matches(k, old_key)]:
                display = renamed(self.tag_display[key])
                to = display.casefold()
                before = self.tag_display.get(to)
                if before != display and (to == key or not in_use.get(to)):
                    spellings[to] = (before, display)
            with self.saving():
                change = self._write(f"Rename tag {normalize_tag(old)} to "
                                     f"{renamed(normalize_tag(old))}", values)
                self._respell({k: after for k, (_, after) in spellings.items()})
            change.spellings = spellings
            return change

    def _respell(self, spellings: dict[str, str | None]) -> None:
        """Set the shown spelling of these tag keys (None: the key had none before)."""
        for key, display in spellings.items():
            if display is not None:
                self._register_tag(key, display)

    # -- ratings, flags, rights, text --------------------------------------------------------
    def rate(self, ids: Iterable[str], stars: int):
        stars = int(stars)
        if not 0 <= stars <= 5:
            raise CatalogError(f"A rating is 0 to 5 stars, not {stars}.")
        return self._set("Rate", ids, {"rating": stars})

    def set_pick(self, ids: Iterable[str], pick: str):
        if pick not in PICKS:
            raise CatalogError(f'A flag is one of {", ".join(PICKS)}, not "{pick}".')
        return self._set({"picked": "Pick", "rejected": "Reject"}.get(pick, "Clear flag"), ids,
                         {"pick": pick})

    def set_rights(self, ids: Iterable[str], **changes):
        """Change some rights fields (status, expires, owner, credit, terms, ...) on each asset."""
        changes = clean_rights(changes)
        with self.lock:
            values = {
                aid: {"rights": {**self.index.docs[aid]["rights"], **changes}}
                for aid in self._ids(ids)
            }
            return self._write("Set rights", values)

    def change_channels(self, ids: Iterable[str], add: Iterable[str] = (),
                        remove: Iterable[str] = ()):
        """Allow (`add`) or stop (`remove`) channels on each asset in `ids`, keeping each
        asset's other channels (a mixed selection stays mixed): ONE Change, one undo step.

        Channels are platform ids or their spellings (catalog.channels); an empty list means
        every channel, so adding TikTok to an asset with no limit leaves it "TikTok only", and
        removing its last channel lifts the limit. Raises RightsError for an unknown channel."""
        adding, dropping = set(clean_channels(list(add))), set(clean_channels(list(remove)))
        with self.lock:
            values = {}
            for aid in self._ids(ids):
                rights = self.index.docs[aid]["rights"]
                now = channels_of(rights) or frozenset()
                new = ordered((now | adding) - dropping)
                if new != rights.get("channels", []):
                    values[aid] = {"rights": {**rights, "channels": new}}
            words = [f"allow {name(c)}" for c in ordered(adding)] + \
                    [f"stop {name(c)}" for c in ordered(dropping)]
            label = ("Channels: " + ", ".join(words)) if words else "Set channels"
            return self._write(label, values)

    def set_caption(self, ids: Iterable[str], caption: str):
        return self._set("Edit caption", ids, {"caption": str(caption)})

    def set_notes(self, ids: Iterable[str], notes: str):
        return self._set("Edit notes", ids, {"notes": str(notes)})

    def remove_assets(self, ids: Iterable[str]):
        """Forget assets (catalog only: the files on disk are never touched)."""
        with self.lock:
            return self._write("Remove from library", {aid: None for aid in self._ids(ids)})

    def _set(self, label: str, ids: Iterable[str], fields: dict):
        with self.lock:
            return self._write(label, {aid: dict(fields) for aid in self._ids(ids)})


def _retagged(current: list[str], adding: list[str], drop: set[str]) -> list[str]:
    """`current` without the `drop` keys, then each of `adding` it lacks (in order)."""
    tags = [t for t in current if tag_key(t) not in drop]
    have = {tag_key(t) for t in tags}
    for t in adding:
        k = t.casefold()
        if k not in have and k not in drop:
            tags.append(t)
            have.add(k)
    return tags
