"""Caption analysis for a live composer: length in the platform's unit, hashtags and mentions
with their positions, and warnings (over limit, duplicates, broken hashtags, never-use
hashtags, mentions of creators whose rights are not cleared).

`analyse()` is a pure function, cheap enough to call on every keystroke (well under a
millisecond or two on a 4,000-character caption; see tests/bench/bench_publish.py). Positions are
Python string indices (code points); `counting.utf16_offset` turns them into Qt positions.
"""

from __future__ import annotations

import datetime as dt

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

from liveassets.publish import counting
from liveassets.publish.platforms import NAMES, UNIT_NAMES, RuleBook, Rules, rules_for

DEFAULT_RECOMMENDED_HASHTAGS = 5
# The sigil comes first and the look-behind after it: a pattern that starts with a character
# set lets the regex engine skip to the next '#' or '@' in C, where a leading look-behind is
# tried at every position (3-5x slower on a long caption; same matches).
_HASH = re.compile(r"[#＃](?<![\w&#＃][#＃])")
_AT = re.compile(r"[@＠](?<![\w@＠.][@＠])")
_BREAKERS = "-'’.·/&+"


@dataclass(frozen=True)
class Token:
    """A hashtag or mention found in text: `text` without its sigil, [start, end) with it."""
    kind: str
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.casefold()

    def __str__(self) -> str:
        return ("#" if self.kind == "hashtag" else "@") + self.text


@dataclass(frozen=True)
class CaptionWarning:
    code: str       # over_limit, too_many_hashtags, duplicate_hashtag, broken_hashtag, ...
    message: str    # in the user's words
    start: int = 0
    end: int = 0
    severity: str = "warning"   # "error" blocks "within limits"; "warning" is advice


@dataclass(frozen=True)
class CaptionContext:
    """What the composer knows beyond the text; build it once per post, not per keystroke."""
    recommended_hashtags: int = DEFAULT_RECOMMENDED_HASHTAGS
    never_use: frozenset = frozenset()          # casefolded hashtag texts, without '#'
    uncleared_creators: dict = field(default_factory=dict)  # casefolded handle -> reason
    book: RuleBook | None = None    # platform rules (None: the shipped file)
    on: dt.date | None = None       # the day the post goes out (None: today)


@dataclass
class CaptionReport:
    platform: str
    unit: str
    length: int
    limit: int
    hashtags: list[Token]
    mentions: list[Token]
    hashtag_limit: int | None
    mention_limit: int | None
    recommended_hashtags: int
    title_length: int | None = None
    title_limit: int | None = None
    warnings: list[CaptionWarning] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        return self.limit - self.length

    @property
    def unit_name(self) -> str:
        return UNIT_NAMES[self.unit]

    @property
    def within_limits(self) -> bool:
        return not any(w.severity == "error" and w.code in LIMIT_CODES for w in self.warnings)

    @property
    def errors(self) -> list[CaptionWarning]:
        return [w for w in self.warnings if w.severity == "error"]

    def summary(self) -> str:
        return f"{self.length:,}/{self.limit:,} {self.unit_name}, {len(self.hashtags)} hashtags"


LIMIT_CODES = {"over_limit", "too_many_hashtags", "too_many_mentions", "forbidden_character",
                "title_over_limit"}


_TAG_RUN = re.compile(r"[\w\u200c\u200d]+")


def _tag_end(text: str, e: int) -> int:
    """End of the hashtag body from `e`: word characters, ZWNJ/ZWJ, and combining marks
    (Devanagari or Thai vowel signs are marks, not letters, yet belong to the word)."""
    n = len(text)
    while e < n:
        m = _TAG_RUN.match(text, e)
        if m:
            e = m.end()
        elif unicodedata.category(text[e])[0] == "M":
            e += 1
        else:
            break
    return e


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    """Is index i inside one of the sorted, non-overlapping spans?"""
    k = bisect_right(spans, (i, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= i < spans[k][1]


def _is_tag_char(ch: str) -> bool:
    if ch.isalnum() or ch == "_" or ch in "\u200c\u200d":
        return True
    return unicodedata.category(ch)[0] == "M"


def extract_hashtags(text: str, skip: list[tuple[int, int]] | None = None,
                     warnings: list | None = None) -> list[Token]:
    """Hashtags in reading order; Unicode letters, digits, marks and _ belong to a hashtag.
    `skip`: spans to ignore (URLs; found here when not given)."""
    if skip is None:
        skip = counting.find_urls(text)
    out = []
    n = len(text)
    for m in _HASH.finditer(text):
        s = m.start()
        if skip and _inside(skip, s):
            continue
        e = _tag_end(text, s + 1)
        body = text[s + 1:e]
        if not body:
            if warnings is not None and s + 2 < n and text[s + 1] == " " and _is_tag_char(text[s + 2]):
                warnings.append(CaptionWarning(
                    "space_after_hash", "A space after # breaks the hashtag: remove the space.",
                    s, s + 2))
            continue
        if warnings is not None:
            if e + 1 < n and text[e] in _BREAKERS and _is_tag_char(text[e + 1]):
                rest = _tag_end(text, e + 1)
                warnings.append(CaptionWarning(
                    "broken_hashtag",
                    f'"{text[s:rest]}" stops at "{text[e]}": only #{body} becomes a hashtag. '
                    f'Remove the "{text[e]}".', s, rest))
            elif body.isdigit():
                warnings.append(CaptionWarning(
                    "numeric_hashtag", f"#{body} is only digits: platforms do not link it.", s, e))
        out.append(Token("hashtag", body, s, e))
    return out


def extract_mentions(text: str, rules: Rules | None = None,
                     skip: list[tuple[int, int]] | None = None) -> list[Token]:
    rules = rules or rules_for("tiktok")
    if skip is None:
        skip = counting.find_urls(text)
    body = re.compile(rules.mention_pattern)
    out = []
    for m in _AT.finditer(text):
        s = m.start()
        if skip and _inside(skip, s):
            continue
        b = body.match(text, s + 1)
        if b is None:
            continue
        name = b.group().rstrip(".")[: rules.mention_max]
        if name:
            out.append(Token("mention", name, s, s + 1 + len(name)))
    return out


def _overflow_at(text: str, unit: str, limit: int) -> int:
    """First index whose character no longer fits (binary search on prefixes)."""
    if unit == "chars":
        return limit
    if unit == "x_weighted" and "\r" not in text and unicodedata.is_normalized("NFC", text):
        at = counting.x_overflow_index(text, limit)
        return len(text) if at is None else at
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        if counting.measure(text[: mid + 1], unit) > limit:
            hi = mid
        else:
            lo = mid + 1
    return lo


def analyse(text: str, platform: str = "tiktok", *, photo: bool = False, title: str | None = None,
            context: CaptionContext | None = None, detail: bool = True) -> CaptionReport:
    """Everything the composer shows about a full caption (body plus hashtags).
    `detail=False` is for sheets: counts and the limit checks only (no advice warnings, no
    mention list unless the platform caps mentions, no position of the overflow)."""
    ctx = context or CaptionContext()
    rules = rules_for(platform, photo=photo, on=ctx.on, book=ctx.book)
    warnings: list[CaptionWarning] = []
    length = counting.measure(text, rules.unit)
    urls = counting.find_urls(text)
    tags = extract_hashtags(text, urls, warnings if detail else None)
    mentions = extract_mentions(text, rules, urls) if detail or rules.mention_limit else []
    report = CaptionReport(rules.platform, rules.unit, length, rules.limit, tags, mentions,
                           rules.hashtag_limit, rules.mention_limit, ctx.recommended_hashtags,
                           warnings=warnings)
    unit = UNIT_NAMES[rules.unit]
    if length > rules.limit:
        at = _overflow_at(text, rules.unit, rules.limit) if detail else 0
        warnings.append(CaptionWarning(
            "over_limit", f"{length - rules.limit:,} {unit} over the limit of {rules.limit:,}: "
            "shorten the caption.", at, len(text), "error"))
    if rules.hashtag_limit is not None and len(tags) > rules.hashtag_limit:
        first = tags[rules.hashtag_limit]
        warnings.append(CaptionWarning(
            "too_many_hashtags", f"{len(tags)} hashtags: this platform allows "
            f"{rules.hashtag_limit}.", first.start, tags[-1].end, "error"))
    elif detail and ctx.recommended_hashtags and len(tags) > ctx.recommended_hashtags:
        first = tags[ctx.recommended_hashtags]
        warnings.append(CaptionWarning(
            "more_than_recommended", f"{len(tags)} hashtags: the team recommends "
            f"{ctx.recommended_hashtags} or fewer.", first.start, tags[-1].end))
    if rules.mention_limit is not None and len(mentions) > rules.mention_limit:
        warnings.append(CaptionWarning(
            "too_many_mentions", f"{len(mentions)} mentions: this platform allows "
            f"{rules.mention_limit}.", mentions[rules.mention_limit].start, mentions[-1].end, "error"))
    for kind, found in (("hashtag", tags), ("mention", mentions)) if detail else ():
        seen = set()
        for t in found:
            if t.key in seen:
                warnings.append(CaptionWarning(f"duplicate_{kind}", f"{t} appears more than once.",
                                               t.start, t.end))
            seen.add(t.key)
    for t in tags if detail else ():
        if t.key in ctx.never_use:
            warnings.append(CaptionWarning(
                "never_use", f"{t} is on the team's never-use list: remove it.", t.start, t.end,
                "error"))
    for t in mentions if detail else ():
        reason = ctx.uncleared_creators.get(t.key)
        if reason:
            warnings.append(CaptionWarning(
                "creator_rights", f"{t} is credited on assets whose rights are not cleared "
                f"({reason}).", t.start, t.end))
    for ch in rules.forbidden:
        i = text.find(ch)
        if i >= 0:
            warnings.append(CaptionWarning(
                "forbidden_character", f"{NAMES[rules.platform]} refuses '{ch}' in a "
                "description: remove it.", i, i + 1, "error"))
    if title is not None and rules.title_limit is not None:
        report.title_length, report.title_limit = len(title), rules.title_limit
        if len(title) > rules.title_limit:
            warnings.append(CaptionWarning(
                "title_over_limit", f"Title is {len(title) - rules.title_limit} characters over "
                f"the limit of {rules.title_limit}.", 0, 0, "error"))
    warnings.sort(key=lambda w: (w.start, w.code))
    return report


def check_hashtag_list(hashtags: list[str]) -> list[CaptionWarning]:
    """Warnings for a post's hashtag list (chips in the window): an entry with a space or
    punctuation inside would only link up to that character. Positions are list indices."""
    out = []
    for i, tag in enumerate(hashtags):
        body = tag.lstrip("#＃")
        end = _tag_end(body, 0)
        if body and end < len(body):
            what = "a space" if body[end].isspace() else f'"{body[end]}"'
            out.append(CaptionWarning(
                "broken_hashtag", f'"{tag}" has {what} inside: only #{body[:end]} would link. '
                "Remove it or join the words.", i, i + 1))
    return out


def normalize_hashtag(text: str) -> str:
    """'live fest' / '#LiveFest' / '＃x' -> '#LiveFest'-style text (spaces are kept to be flagged)."""
    t = unicodedata.normalize("NFC", str(text)).strip().lstrip("#＃").strip()
    return "#" + t if t else ""


def split_hashtags(text: str) -> list[str]:
    """'#a #b, c' -> ['#a', '#b', '#c'] (commas and white space separate)."""
    return [normalize_hashtag(p) for p in re.split(r"[\s,]+", text or "") if p.strip("#＃ ")]


def split_mentions(text: str) -> list[str]:
    """'@a @b, c' -> ['@a', '@b', '@c']."""
    return ["@" + p.lstrip("@＠") for p in re.split(r"[\s,]+", text or "") if p.strip("@＠")]
