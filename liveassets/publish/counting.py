"""Length in each platform's own unit: UTF-16 code units, code points, UTF-8 bytes, X weight.

X's weighted length and what counts as a link come from `twitter-text-parser`, the Python port
of X's own twitter-text library (v3 rules, conformance-tested against its test suite): NFC
first; each URL counts 23 whether or not it has `https://` (any domain its TLD list knows,
`livefest.party/…` included); an emoji sequence counts 2; other code points weigh 1 in the
light ranges and 2 elsewhere. We do not keep a copy of those rules: a hand-kept TLD list here
once counted `livefest.party/…` as 66 where X counts 23 (issue #13). Measured: 25 ms for a
3,600-character caption on 2 cores, 0.3 ms for a 280-character one; the composer counts after
typing pauses, so that is not felt.

Its emoji list is Unicode 12 (2019): a newer ZWJ sequence (❤️‍🔥) weighs its parts, as it
does in the library X publishes. `find_emoji` below (UTS #51 grammar) is for drawing and
cutting text, not for X's count.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from twitter_text import extract_urls_with_indices, parse_tweet
from twitter_text.config import config as _TWITTER_CONFIG

X_URL_WEIGHT = _TWITTER_CONFIG["defaults"]["transformed_url_length"]  # 23

# Code points that may be (part of) an emoji: pictographic blocks and the symbols Unicode marks
# as emoji. A generous superset is harmless: only whole sequences matter.
_PICT = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf"
    "\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf"
    "\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001f1e5\U0001f200-\U0001f3fa\U0001f400-\U0001faff"
)
_RI = "\U0001f1e6-\U0001f1ff"
_MOD = "\U0001f3fb-\U0001f3ff"
_TAGS = "\U000e0020-\U000e007e"
_ELEMENT = (
    f"(?:[{_RI}][{_RI}]"                                   # a flag
    f"|[#*0-9]\ufe0f?\u20e3"                               # a keycap
    f"|[{_PICT}][\ufe0e\ufe0f]?(?:[{_MOD}])?(?:[{_TAGS}]+\U000e007f)?"
    f"|[{_RI}])"
)
EMOJI = re.compile(f"{_ELEMENT}(?:\u200d{_ELEMENT}[\ufe0f]?)*")
# Quick pre-filter: where could an emoji start at all? (Avoids running EMOJI over plain text.)
_EMOJI_START = re.compile(f"[{_PICT}{_RI}#*0-9]")
_NEWLINES = re.compile(r"\r\n|\r")


def utf16_len(text: str) -> int:
    """UTF-16 code units, the unit of TikTok's API and of Qt's text positions."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf16_offset(text: str, index: int) -> int:
    """Python index (code points) -> UTF-16 offset, for QTextCursor positions."""
    return len(text[:index].encode("utf-16-le", "surrogatepass")) // 2


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def code_points(text: str) -> int:
    return len(text)


def find_urls(text: str) -> list[tuple[int, int]]:
    """(start, end) code-point spans of each URL, as twitter-text finds them (with or without
    a scheme; trailing punctuation left out). Hashtags and mentions inside them are not tags."""
    if "." not in text:
        return []
    # Word by word, only words with a dot (a link always has one; it never holds white space):
    # on a 1,500-character caption this takes 0.05 ms where the whole text took 0.3 ms.
    spans = []
    for m in _DOTTED_WORD.finditer(text):
        spans += [(m.start() + a, m.start() + b) for a, b in _word_urls(m.group())]
    return spans


# The white-space-delimited words holding a dot. Anchored at a word's start: unanchored, a
# word without a dot was rescanned from each of its letters (2,000 bench captions: 69 -> 43 ms).
_DOTTED_WORD = re.compile(r"(?<!\S)[^\s.]*\.\S*")


@lru_cache(maxsize=1 << 14)
def _word_urls(word: str) -> tuple:
    return tuple(tuple(u["indices"]) for u in extract_urls_with_indices(word))


def find_emoji(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each emoji sequence (one visible emoji each)."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    while True:
        hit = _EMOJI_START.search(text, pos, end)
        if hit is None:
            return spans
        m = EMOJI.match(text, hit.start(), end)
        if m is None:
            pos = hit.start() + 1
        else:
            spans.append(m.span())
            pos = m.end()


def x_normalize(text: str) -> str:
    return _NEWLINES.sub("\n", unicodedata.normalize("NFC", text))


def x_weighted_len(text: str) -> int:
    """Weighted length of an X post (280 allowed), as twitter-text's `parse_tweet` counts it.

    Counted word by word (a word with the white space after it), each word's weight cached:
    links and emoji sequences never contain white space, NFC never joins across it and CR LF
    stays inside one piece, so the sum is `parse_tweet(text).weightedLength` exactly (checked
    against it on generated text in tests/test_publish_counting.py). Measured on 2 cores:
    `parse_tweet` runs its emoji pattern at every position, 0.9 ms for a 130-character caption
    and 25 ms for 3,600; word by word a keystroke re-counts one new word (under 0.1 ms) and a
    2,000-post sheet counts each distinct word once.
    """
    return sum(_word_weight(word) for word in _WORDS.findall(text))


_WORDS = re.compile(r"\s+|\S+\s*")


@lru_cache(maxsize=1 << 16)
def _word_weight(word: str) -> int:
    return parse_tweet(word).weightedLength


def x_overflow_index(text: str, limit: int) -> int | None:
    """Index (code points) of the first character of an NFC `text` past weighted length
    `limit`, or None when it fits. Whole words are added up from the cache; only the word that
    crosses the limit goes through twitter-text's `parse_tweet`, whose valid range (UTF-16
    units) says where inside it. Callers with text that is not NFC use a prefix search."""
    total = 0
    for m in _WORDS.finditer(text):
        weight = _word_weight(m.group())
        if total + weight <= limit:
            total += weight
            continue
        room = limit - total
        if room <= 0:
            return m.start()
        # A leading space (weight 1, neutral to link detection) makes the valid range say
        # something even when the word's first link or emoji does not fit at all.
        options = dict(_TWITTER_CONFIG["defaults"], max_weighted_tweet_length=room + 1)
        end16 = parse_tweet(" " + m.group(), options).validRangeEnd  # units of the word kept
        units = 0
        for i, ch in enumerate(m.group()):
            if units >= end16:
                return m.start() + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return m.end()
    return None


def measure(text: str, unit: str) -> int:
    """Length of `text` in one of the units: utf16, chars, bytes, x_weighted."""
    if unit == "utf16":
        return utf16_len(text)
    if unit == "chars":
        return len(text)
    if unit == "bytes":
        return utf8_len(text)
    if unit == "x_weighted":
        return x_weighted_len(text)
    raise ValueError(f"unknown unit {unit}")
