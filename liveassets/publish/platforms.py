"""Each platform's caption rules, read from `resources/rules/platform_rules.json`: every value
with the date it took effect and its source, so a change such as Instagram's 5 hashtags per
post (December 2025) is one dated entry, not a code change. A library can add its own entries
(the team learns of a change before a release ships): they sit in the library's settings and
win over the shipped file from their date on.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache

from liveassets import clock
from liveassets.errors import UserError
from liveassets.resources import resource_path

PLATFORMS = ("tiktok", "instagram", "youtube", "x")
DEFAULT_PLATFORM = "tiktok"
NAMES = {"tiktok": "TikTok", "instagram": "Instagram", "youtube": "YouTube Shorts", "x": "X"}
UNIT_NAMES = {"utf16": "UTF-16 units", "chars": "characters", "bytes": "bytes",
              "x_weighted": "weighted characters"}
RULE_SETS = PLATFORMS + ("tiktok_photo",)
FIELDS = ("unit", "limit", "title_limit", "hashtag_limit", "mention_limit", "mention_max",
          "forbidden")
FIELD_NAMES = {"unit": "unit", "limit": "caption length", "title_limit": "title length",
               "hashtag_limit": "hashtags", "mention_limit": "mentions",
               "mention_max": "handle length", "forbidden": "forbidden characters"}
# Handle spellings are a pattern, not a number: they stay in code.
MENTION_PATTERNS = {"x": r"[A-Za-z0-9_]+"}
DEFAULT_MENTION_PATTERN = r"[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
RULES_FILE = ("rules", "platform_rules.json")
OVERRIDES_ID = "platform_rules"  # the library's settings record holding its own entries


@dataclass(frozen=True)
class RuleEntry:
    """One dated value of one rule: `since` is the first day it applies."""

    value: object
    since: dt.date
    source: str
    local: bool = False  # added in this library (settings or CLI), not shipped

    def describe(self) -> str:
        where = "this library" if self.local else self.source
        return f"since {self.since:%d %b %Y}; {where}"


@dataclass(frozen=True)
class Rules:
    platform: str
    unit: str                    # utf16 | chars | bytes | x_weighted
    limit: int                   # caption / description
    title_limit: int | None = None
    hashtag_limit: int | None = None
    mention_limit: int | None = None
    forbidden: str = ""          # characters the platform refuses (YouTube: < >)
    mention_pattern: str = DEFAULT_MENTION_PATTERN
    mention_max: int = 30
    sources: dict = field(default_factory=dict, compare=False, hash=False)  # field -> RuleEntry

    def describe(self) -> str:
        """Several lines for a tooltip: each rule in effect, its date and source."""
        lines = []
        for name in FIELDS:
            entry = self.sources.get(name)
            value = getattr(self, name)
            shown = UNIT_NAMES.get(value, value) if name == "unit" else value
            if value in (None, ""):
                shown = "none" if name == "forbidden" else "no cap"
            elif isinstance(value, int):
                shown = f"{value:,}"
            if entry is not None:
                lines.append(f"{FIELD_NAMES[name].capitalize()}: {shown} ({entry.describe()})")
        return "\n".join(lines)


def _date(text: str, where: str) -> dt.date:
    """"2025-12" (a month, as reported) or "2025-12-18"."""
    try:
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise UserError(f'{where}: "{text}" is not a date; write YYYY-MM-DD or YYYY-MM.') from None


def _check_value(name: str, value, where: str):
    if name == "unit":
        if value not in UNIT_NAMES:
            raise UserError(f'{where}: unit "{value}" is not one of {", ".join(UNIT_NAMES)}.')
    elif name == "forbidden":
        if not isinstance(value, str):
            raise UserError(f"{where}: forbidden characters are written as one text.")
    elif name == "limit" or value is not None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise UserError(f"{where}: {FIELD_NAMES[name]} must be a whole number of 0 or more"
                            + ("" if name == "limit" else ", or none") + ".")
    return value


class RuleBook:
    """Every platform's rules through time. `rules(platform, photo, on)` -> `Rules` in effect
    on date `on` (default: today). Raises UserError for an unknown platform."""

    def __init__(self, entries: dict[str, dict[str, list[RuleEntry]]]):
        self.entries = entries

    @classmethod
    def shipped(cls) -> RuleBook:
        return _shipped()

    def with_local(self, local: list[dict]) -> RuleBook:
        """This book plus a library's own entries ({platform, field, value, since, source})."""
        entries = {p: {f: list(es) for f, es in fs.items()} for p, fs in self.entries.items()}
        for n, item in enumerate(local or ()):
            try:
                entry = local_entry(item)
            except UserError:
                continue  # a damaged local entry never hides the shipped rules
            entries.setdefault(item["platform"], {}).setdefault(item["field"], []).append(entry)
        for fields in entries.values():
            for values in fields.values():
                values.sort(key=lambda e: (e.since, e.local))
        return RuleBook(entries)

    def rules(self, platform: str, photo: bool = False, on: dt.date | None = None) -> Rules:
        platform = check_platform(platform)
        key = "tiktok_photo" if platform == "tiktok" and photo else platform
        on = on or clock.today()
        values, sources = {}, {}
        for name, history in self.entries[key].items():
            current = [e for e in history if e.since <= on] or history[:1]
            values[name], sources[name] = current[-1].value, current[-1]
        return Rules(platform, values["unit"], values["limit"], values.get("title_limit"),
                     values.get("hashtag_limit"), values.get("mention_limit"),
                     values.get("forbidden") or "",
                     MENTION_PATTERNS.get(platform, DEFAULT_MENTION_PATTERN),
                     values.get("mention_max") or 30, sources)

    def history(self, platform: str, name: str) -> list[RuleEntry]:
        return list(self.entries[platform][name])


def local_entry(item: dict) -> RuleEntry:
    """A library's own rule entry checked: {platform, field, value, since, source}."""
    platform, name = item.get("platform"), item.get("field")
    if platform not in RULE_SETS:
        raise UserError(f'Unknown platform "{platform}": use one of {", ".join(RULE_SETS)}.')
    if name not in FIELDS:
        raise UserError(f'Unknown rule "{name}": use one of {", ".join(FIELDS)}.')
    where = f"{platform} {name}"
    return RuleEntry(_check_value(name, item.get("value"), where),
                     _date(item.get("since"), where), str(item.get("source") or "").strip()
                     or "added in this library", local=True)


@lru_cache(maxsize=1)
def _shipped() -> RuleBook:
    doc = json.loads(resource_path(*RULES_FILE).read_text(encoding="utf-8"))
    entries: dict[str, dict[str, list[RuleEntry]]] = {}
    for platform, fields in doc["platforms"].items():
        for name in FIELDS:
            where = f"{'/'.join(RULES_FILE)}: {platform} {name}"
            history = [RuleEntry(_check_value(name, e["value"], where), _date(e["since"], where),
                                 e["source"]) for e in fields[name]]
            entries.setdefault(platform, {})[name] = sorted(history, key=lambda e: e.since)
    return RuleBook(entries)


def rules_for(platform: str, photo: bool = False, on: dt.date | None = None,
              book: RuleBook | None = None) -> Rules:
    """The rules in effect on `on` (default today) from `book` (default: the shipped file)."""
    return (book or RuleBook.shipped()).rules(platform, photo, on)


def library_book(catalog) -> RuleBook:
    """The shipped rules plus the entries stored in this library's settings."""
    store = catalog.records("settings")
    doc = store.get(OVERRIDES_ID) if OVERRIDES_ID in store else {}
    # Sheets ask once per post: the book is built once per distinct set of entries.
    return _book_with(json.dumps(doc.get("entries") or [], sort_keys=True, default=str))


@lru_cache(maxsize=8)
def _book_with(entries_json: str) -> RuleBook:
    return RuleBook.shipped().with_local(json.loads(entries_json))


def add_local_rule(catalog, platform: str, name: str, value, since: str, source: str = ""):
    """Store one dated rule entry in the library (undoable Change). Raises UserError."""
    item = {"platform": platform, "field": name, "value": value, "since": since,
            "source": source}
    local_entry(item)
    store = catalog.records("settings")
    doc = store.get(OVERRIDES_ID) if OVERRIDES_ID in store else {"id": OVERRIDES_ID}
    entries = [e for e in doc.get("entries") or []
               if (e.get("platform"), e.get("field"), e.get("since")) != (platform, name, since)]
    return store.put({**doc, "id": OVERRIDES_ID, "entries": entries + [item]},
                     label=f"Platform rule: {platform} {name}")


def check_platform(platform: str | None) -> str:
    name = (platform or DEFAULT_PLATFORM).strip().lower()
    name = {"twitter": "x", "ig": "instagram", "yt": "youtube", "shorts": "youtube",
            "youtube shorts": "youtube"}.get(name, name)
    if name not in PLATFORMS:
        raise UserError(f'Unknown platform "{platform}": use one of {", ".join(PLATFORMS)}.')
    return name
