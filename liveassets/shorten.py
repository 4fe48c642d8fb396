"""Shortening text where a person reads it: always between the characters a person sees
(grapheme clusters, Unicode UAX #29, via `regex`'s `\\X`), never through a flag, a skin-tone or
family emoji, a keycap, or a letter and its accents. Slicing by code points left a lone
regional-indicator letter before the `…` in calendar titles and the posts list (issue #13).

Every place that cuts text for display or for a length limit (file names in bytes, list lines,
calendar titles, messages) goes through here.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

ELLIPSIS = "…"
_GRAPHEME = regex.compile(r"\X")


def head(text: str, limit: int, measure: Callable[[str], int] = len) -> str:
    """The longest run of whole grapheme clusters from the start of `text` whose `measure`
    is at most `limit`. `measure` must add up over pieces (code points by default; UTF-8 bytes
    with `utf8_len`; UTF-16 units). Reads only as far as it keeps: linear in what it returns."""
    if measure(text) <= limit:
        return text
    end = total = 0
    for cluster in _GRAPHEME.finditer(text):
        total += measure(cluster.group())
        if total > limit:
            break
        end = cluster.end()
    return text[:end]


def shorten(text: str, limit: int, mark: str = ELLIPSIS,
            measure: Callable[[str], int] = len) -> str:
    """`text` if it fits in `limit` (measured by `measure`, default code points), else whole
    clusters from its start, trailing spaces dropped, plus `mark`; the result fits `limit`."""
    if measure(text) <= limit:
        return text
    return head(text, limit - measure(mark), measure).rstrip() + mark


def utf8_len(text: str) -> int:
    """UTF-8 bytes of `text` (lone surrogates from undecodable names count as their escapes)."""
    return len(text.encode("utf-8", "surrogateescape"))


def first_line(text: str, limit: int) -> str:
    """The first non-empty line of `text`, shortened to `limit` code points."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return shorten(line, limit)
