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
from liveassets.typed_dates import TypedDateError, parse_span

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
            if entry is not None:
                lines.append(f"{FIELD_NAMES[name].capitalize()}: "
                             f"{show_value(name, getattr(self, name))} ({entry.describe()})")
        return "\n".join(lines)


def show_value(name: str, value) -> str:
    """A rule's value as a person reads it: "2,200", "no cap", "UTF-16 units", "none"."""
    if value in (None, ""):
        return "none" if name == "forbidden" else "no cap"
    if name == "unit":
        return UNIT_NAMES.get(value, str(value))
    return f"{value:,}" if isinstance(value, int) else str(value)


def parse_value(name: str, text: str):
    """A rule value as typed (CLI `rules set`, the settings dialog): a unit name or forbidden
    characters as they are; for numbers "1,000" -> 1000 and "none" / "no cap" / "-" -> None.
    Raises UserError for text that is not a whole number."""
    if name in ("unit", "forbidden"):
        return text
    if text.strip().lower() in ("none", "no cap", "-"):
        return None
    try:
        return int(text.strip().replace(",", ""))
    except ValueError:
        raise UserError(f'{FIELD_NAMES.get(name, name).capitalize()} takes a whole number or '
                        f'"no cap", not "{text.strip()}".') from None


def _date(text, where: str) -> dt.date:
    """A rule's first day: a day ("2025-12-18", or typed 18/12/2025, 18 Dec 2025) or a month
    ("2025-12", "Dec 2025", as platforms report changes: its first day); typed_dates reads
    both. Raises UserError naming `where` and the value."""
    if isinstance(text, dt.date):
        return text
    try:
        return parse_span(text if isinstance(text, str) else "")[0]
    except TypedDateError as e:
        raise UserError(f"{where}: {e}") from None


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
        # (rule set, day) -> Rules: a sheet asks for each post, and a book never changes
        # (`with_local` makes a new one); 2,000 posts fall on a few hundred days at most
        self._in_effect: dict[tuple[str, dt.date], Rules] = {}

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
        known = self._in_effect.get((key, on))
        if known is not None:
            return known
        values, sources = {}, {}
        for name, history in self.entries[key].items():
            current = [e for e in history if e.since <= on] or history[:1]
            values[name], sources[name] = current[-1].value, current[-1]
        rules = Rules(platform, values["unit"], values["limit"], values.get("title_limit"),
                      values.get("hashtag_limit"), values.get("mention_limit"),
                      values.get("forbidden") or "",
                      MENTION_PATTERNS.get(platform, DEFAULT_MENTION_PATTERN),
                      values.get("mention_max") or 30, sources)
        if len(self._in_effect) < 4096:
            self._in_effect[key, on] = rules
        return rules

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
    # Sheets ask once per post: the book is built once per distinct set of entries.
    return _book_with(json.dumps(local_entries(catalog), sort_keys=True, default=str))


@lru_cache(maxsize=8)
def _book_with(entries_json: str) -> RuleBook:
    return RuleBook.shipped().with_local(json.loads(entries_json))


def local_entries(catalog) -> list[dict]:
    """The library's own rule entries as stored: [{platform, field, value, since, source}]."""
    store = catalog.records("settings")
    doc = store.get(OVERRIDES_ID) if OVERRIDES_ID in store else {}
    return [dict(e) for e in doc.get("entries") or []]


def _same(item: dict, platform: str, name: str, since: dt.date) -> bool:
    """Whether a stored entry is the one for (platform, rule, first day): "2025-12" and
    "2025-12-01" name the same day."""
    try:
        day = _date(item.get("since"), "")
    except UserError:
        return False
    return (item.get("platform"), item.get("field"), day) == (platform, name, since)


def add_local_rule(catalog, platform: str, name: str, value, since: str, source: str = ""):
    """Store one dated rule entry in the library (undoable Change); it replaces the library's
    entry for the same platform, rule and first day. `value`: an int, None (no cap), a unit
    name or forbidden characters per FIELDS; `since`: a day or a month as typed (31/12/2026, 2026-12-31, Dec 2026;
    stored as YYYY-MM-DD). Raises
    UserError naming the platform, rule or value that is wrong."""
    item = {"platform": platform, "field": name, "value": value, "since": since,
            "source": source}
    day = local_entry(item).since
    item["since"] = day.isoformat()  # stored ISO, however it was typed (31/12/2026)
    return _put_entries(catalog, [e for e in local_entries(catalog)
                                  if not _same(e, platform, name, day)] + [item],
                        f"Platform rule: {NAMES.get(platform, platform)} {FIELD_NAMES[name]}")


def remove_local_rule(catalog, platform: str, name: str, since: str | dt.date):
    """Remove the library's own entry for (platform, rule, first day) (undoable Change); the
    shipped rules or the library's earlier entries apply again. Raises UserError when the
    library has no such entry."""
    day = since if isinstance(since, dt.date) else _date(since, f"{platform} {name}")
    entries = local_entries(catalog)
    kept = [e for e in entries if not _same(e, platform, name, day)]
    if len(kept) == len(entries):
        raise UserError(f"This library has no {platform} {name} entry from {day:%Y-%m-%d}: "
                        "only the library's own entries can be removed.")
    return _put_entries(catalog, kept, f"Remove platform rule: {NAMES.get(platform, platform)} "
                                       f"{FIELD_NAMES.get(name, name)}")


def _put_entries(catalog, entries: list[dict], label: str):
    store = catalog.records("settings")
    doc = store.get(OVERRIDES_ID) if OVERRIDES_ID in store else {"id": OVERRIDES_ID}
    return store.put({**doc, "id": OVERRIDES_ID, "entries": entries}, label=label)


def check_platform(platform: str | None) -> str:
    name = (platform or DEFAULT_PLATFORM).strip().lower()
    name = {"twitter": "x", "ig": "instagram", "yt": "youtube", "shorts": "youtube",
            "youtube shorts": "youtube"}.get(name, name)
    if name not in PLATFORMS:
        raise UserError(f'Unknown platform "{platform}": use one of {", ".join(PLATFORMS)}.')
    return name
