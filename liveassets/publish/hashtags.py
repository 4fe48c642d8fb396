"""Hashtag sets (named, saved groups inserted with one click), the tag-to-hashtag map that
suggests hashtags from a post's asset tags, the never-use list, and the team's publishing
settings (recommended hashtag count, creator code table, the team's time zone) kept in one
settings record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from liveassets import clock
from liveassets.catalog.tags import tag_key
from liveassets.errors import UserError
from liveassets.shorten import shorten
from liveassets.publish.captions import DEFAULT_RECOMMENDED_HASHTAGS, normalize_hashtag, split_hashtags

SETTINGS_ID = "publish"


@dataclass
class PublishSettings:
    recommended_hashtags: int = DEFAULT_RECOMMENDED_HASHTAGS
    never_use: list[str] = field(default_factory=list)      # '#tag' spellings
    tag_map: dict[str, list[str]] = field(default_factory=dict)  # asset tag -> hashtags
    codes: dict[str, str] = field(default_factory=dict)     # 'c1' -> '@nova' (code replacement)
    # The team's time zone (IANA name; "" = clock.DEFAULT_ZONE): which day "today" is for
    # rights, calendars and new posts. Kept in the library so everyone on the team shares it;
    # the catalog hands it to liveassets.clock whenever this record is written.
    team_zone: str = ""

    @classmethod
    def load(cls, catalog) -> PublishSettings:
        store = catalog.records("settings")
        doc = store.get(SETTINGS_ID) if SETTINGS_ID in store else {}
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in doc.items() if k in known})

    def save(self, catalog):
        """Store the settings; returns the undoable Change."""
        if self.recommended_hashtags < 0:
            raise UserError("The recommended number of hashtags is 0 or more.")
        if self.team_zone and not clock.valid_zone(self.team_zone.strip()):
            raise UserError(f'"{shorten(self.team_zone.strip(), 60)}" is not a time zone: use a '
                            "name such as Australia/Sydney or Pacific/Auckland.")
        doc = {"id": SETTINGS_ID, **asdict(self)}
        doc["team_zone"] = self.team_zone.strip()
        doc["never_use"] = [normalize_hashtag(h) for h in self.never_use if normalize_hashtag(h)]
        doc["tag_map"] = {k: [normalize_hashtag(h) for h in v if normalize_hashtag(h)]
                          for k, v in self.tag_map.items()}
        doc["codes"] = {k.strip().strip("="): v for k, v in self.codes.items() if k.strip("= ")}
        return catalog.records("settings").put(doc, label="Publishing settings")

    def is_never_use(self, hashtag: str) -> bool:
        key = normalize_hashtag(hashtag).casefold()
        return any(normalize_hashtag(h).casefold() == key for h in self.never_use)


@dataclass
class HashtagSet:
    name: str
    hashtags: list[str]
    id: str | None = None

    def text(self) -> str:
        """What one click inserts: '#a #b #c'."""
        return " ".join(self.hashtags)


class HashtagSets:
    """Named hashtag groups in the catalog's "hashtag_sets" records."""

    def __init__(self, catalog):
        self.store = catalog.records("hashtag_sets")

    def all(self) -> list[HashtagSet]:
        return sorted((HashtagSet(d["name"], d["hashtags"], d["id"]) for d in self.store.all()),
                      key=lambda s: s.name.casefold())

    def save(self, hset: HashtagSet):
        name = hset.name.strip()
        if not name:
            raise UserError("A hashtag set needs a name.")
        tags = split_hashtags(" ".join(hset.hashtags))
        clash = [s for s in self.all() if s.name.casefold() == name.casefold() and s.id != hset.id]
        if clash:
            raise UserError(f'A hashtag set named "{name}" exists already: pick another name.')
        doc = {"name": name, "hashtags": tags}
        if hset.id:
            doc["id"] = hset.id
        return self.store.put(doc, label=f"Hashtag set {name}")

    def delete(self, set_id: str):
        return self.store.delete(set_id, label="Delete hashtag set")


def insert_set(hashtags: list[str], hset: HashtagSet) -> list[str]:
    """The post's hashtags after inserting a set: appended in order, duplicates skipped."""
    out = list(hashtags)
    seen = {h.casefold() for h in out}
    for h in hset.hashtags:
        if h.casefold() not in seen:
            out.append(h)
            seen.add(h.casefold())
    return out


@dataclass(frozen=True)
class Suggestion:
    hashtag: str
    from_tag: str
    never_use: bool


def suggest(assets: list[dict], settings: PublishSettings,
            exclude: list[str] = ()) -> list[Suggestion]:
    """Hashtags suggested by the assets' tags through the user's tag-to-hashtag map (matching
    is case-insensitive and a parent tag's entry applies to its children). Never-use hashtags
    come back flagged, not hidden, so the window can show them in red."""
    mapping = {tag_key(k): v for k, v in settings.tag_map.items()}
    have = {h.casefold() for h in exclude}
    out: list[Suggestion] = []
    for asset in assets:
        for tag in asset.get("tags") or ():
            key = tag_key(tag)
            parts = key.split("/")
            for i in range(len(parts), 0, -1):
                for h in mapping.get("/".join(parts[:i]), ()):
                    h = normalize_hashtag(h)
                    if h.casefold() not in have:
                        have.add(h.casefold())
                        out.append(Suggestion(h, tag, settings.is_never_use(h)))
    return out
