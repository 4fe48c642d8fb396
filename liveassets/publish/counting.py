"""Length in each platform's own unit: UTF-16 code units, code points, UTF-8 bytes, X weight.

X (twitter-text v3 rules): NFC first; each URL counts 23; an emoji sequence (ZWJ sequences,
skin tones, flags, keycaps, tag sequences) counts 2 as a whole; every other code point weighs 1
in the light ranges (U+0000-10FF, U+2000-200D, U+2010-201F, U+2032-2037) and 2 elsewhere (CJK,
most symbols). The `twitter-text-parser` port on PyPI implements these rules but ships an
Emoji 12.0 (2019) list, loads through `pkg_resources` and takes ~50 ms on a 4,000-character
caption, so this module follows the same rules with an Unicode emoji-sequence grammar
(UTS #51) and regexes that run in well under a millisecond; the tests check it against the
port on text both understand.
"""

from __future__ import annotations

import re
import unicodedata

X_URL_WEIGHT = 23

# Code points that may be (part of) an emoji: pictographic blocks and the symbols Unicode marks
# as emoji. A generous superset is harmless: only whole sequences change the count.
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
_HEAVY = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
_NEWLINES = re.compile(r"\r\n|\r")

# URLs as twitter-text finds them: with a scheme, or a bare domain with a common TLD.
_TLDS = ("com|net|org|edu|gov|io|co|me|tv|app|dev|gg|ly|live|link|info|biz|xyz|shop|store|news|"
         "site|online|social|media|events|au|nz|uk|us|ca|de|fr|jp|sg|id|ph|my|th|vn|in|kr|cn|hk|tw")
URL = re.compile(
    r"(?<![\w@#$./-])(?:https?://[^\s<>\"]+|"
    rf"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})(?![\w-])(?:[/?#][^\s<>\"]*)?)",
    re.IGNORECASE,
)
_URL_TRAILING = ".,!?:;'\")]}"
# Most captions hold no URL: this cheap search lets them skip the full pattern.
_URL_HINT = re.compile(rf"://|\.(?:{_TLDS})(?![a-z0-9-])", re.IGNORECASE)


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
    """(start, end) of each URL, trailing punctuation left out. The full pattern only runs over
    the white-space-delimited words that hold a hint (`://` or `.tld`): URLs never contain
    white space, so this finds exactly what a scan of the whole text would."""
    if "." not in text:
        return []
    spans: list[tuple[int, int]] = []
    done = 0
    for hint in _URL_HINT.finditer(text):
        if hint.start() < done:
            continue
        lo = max(text.rfind(" ", 0, hint.start()), text.rfind("\n", 0, hint.start()),
                 text.rfind("\t", 0, hint.start())) + 1
        hi = _SPACE.search(text, hint.end())
        hi = hi.start() if hi else len(text)
        for m in URL.finditer(text, max(lo, done), hi):
            start, end = m.span()
            while end > start and text[end - 1] in _URL_TRAILING:
                end -= 1
            spans.append((start, end))
        done = hi
    return spans


_SPACE = re.compile(r"\s")


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


def _plain_weight(text: str, start: int, end: int) -> int:
    return (end - start) + len(_HEAVY.findall(text, start, end))


def x_normalize(text: str) -> str:
    return _NEWLINES.sub("\n", unicodedata.normalize("NFC", text))


def x_weighted_len(text: str) -> int:
    """Weighted length of an X post (280 allowed)."""
    text = x_normalize(text)
    total = 0
    pos = 0
    for u_start, u_end in find_urls(text) + [(len(text), len(text))]:
        for e_start, e_end in find_emoji(text, pos, u_start):
            total += _plain_weight(text, pos, e_start) + 2
            pos = e_end
        total += _plain_weight(text, pos, u_start)
        if u_end > u_start:
            total += X_URL_WEIGHT
        pos = u_end
    return total


def x_overflow_index(text: str, limit: int) -> int | None:
    """Index of the first code point that takes an NFC text past `limit` (None: it fits), in
    one pass. Callers with text that is not NFC use a prefix search instead."""
    total = 0
    pos = 0
    for u_start, u_end in find_urls(text) + [(len(text), len(text))]:
        for e_start, e_end in find_emoji(text, pos, u_start) + [(u_start, u_start)]:
            run = _plain_weight(text, pos, e_start)
            if total + run > limit:
                for i in range(pos, e_start):
                    total += 2 if _HEAVY.match(text, i) else 1
                    if total > limit:
                        return i
            total += run
            if e_end > e_start:
                total += 2
                if total > limit:
                    return e_start
            pos = e_end
        if u_end > u_start:
            total += X_URL_WEIGHT
            if total > limit:
                return u_start
        pos = u_end
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
