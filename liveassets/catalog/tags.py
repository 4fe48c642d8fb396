"""Tag spelling rules: one normal form for display, one key for matching.

A tag is free text. Namespaces are written `namespace:value` (`creator:@nova`,
`campaign:LIVE Fest 2026`); hierarchy levels are joined with `/` (`places/Sydney/Opera House`).
Matching is case-insensitive; the first spelling the library saw is the one it shows.
"""

from __future__ import annotations

from liveassets.errors import UserError

import re
from functools import lru_cache
import unicodedata

_SPACES = re.compile(r"\s+")


class TagError(UserError, ValueError):
    """A tag that cannot be stored (empty after trimming)."""


def normalize_tag(text: str) -> str:
    """Trim, collapse runs of white space, tidy `/` levels and `:` namespaces; keep the case.

    >>> normalize_tag("  places /  Sydney/Opera   House ")
    'places/Sydney/Opera House'
    """
    text = unicodedata.normalize("NFC", str(text))
    text = _SPACES.sub(" ", text).strip()
    if "/" in text:
        text = "/".join(part.strip() for part in text.split("/") if part.strip())
    if ":" in text:
        ns, _, rest = text.partition(":")
        if ns.strip() and rest.strip():
            text = f"{ns.strip()}:{rest.strip()}"
    if not text:
        raise TagError("A tag cannot be empty: type at least one letter or number.")
    return text


@lru_cache(maxsize=1 << 16)
def tag_key(text: str) -> str:
    """The matching key of a tag: its normal form, case-folded (cached: tags repeat a lot)."""
    return normalize_tag(text).casefold()


def key_matches(asset_key: str, wanted_key: str) -> bool:
    """True when a tag key equals the wanted key or sits below it in the hierarchy."""
    return asset_key == wanted_key or asset_key.startswith(wanted_key + "/")


def ancestors(key: str) -> list[str]:
    """`a/b/c` -> [`a`, `a/b`, `a/b/c`]: every level a hierarchical tag belongs to."""
    parts = key.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
