"""File names that are safe on every desktop system (Windows, macOS, Linux), and a numbering
allocator so that no two names in a pack collide, even case-insensitively.

The pack keeps the original name in its manifest; only the file's own name is made safe.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from liveassets.safe_paths import utf8
from liveassets.shorten import head, utf8_len

MAX_BYTES = 150  # UTF-8 bytes of a whole name; leaves room for " (12)" and ".xmp" under 255
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
             *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³")}
_FORBIDDEN = set('<>:"/\\|?*')
_LINE_BREAKS = {"\u0085", "\u2028", "\u2029"}
_EXT = re.compile(r"^\.[A-Za-z0-9]{1,10}$")


def _clean_char(ch: str) -> str:
    if ch in _FORBIDDEN:
        return "_"
    if ch in _LINE_BREAKS or unicodedata.category(ch) == "Cc":
        return " "  # newlines, tabs and other controls become plain spaces
    if unicodedata.category(ch) in ("Zl", "Zp"):
        return " "
    return ch


def split_ext(name: str) -> tuple[str, str]:
    """("photo", ".jpg"); only a short alphanumeric suffix counts as an extension."""
    dot = name.rfind(".")
    if dot > 0 and _EXT.match(name[dot:]):
        return name[:dot], name[dot:]
    return name, ""


def _cap(text: str, limit: int) -> str:
    """text cut to at most `limit` UTF-8 bytes, between characters a person sees."""
    return head(text, max(0, limit), utf8_len)


def safe_name(name: str, fallback: str = "file", max_bytes: int = MAX_BYTES) -> str:
    """One file-name component safe on Windows, macOS and Linux.

    No path separators (so no traversal), no <>:"/\\|?* or control characters, no newlines,
    no leading dots (hidden files) or trailing dots/spaces, no reserved Windows device names
    (CON, NUL, COM1, ... with any extension), at most `max_bytes` UTF-8 bytes. Emoji and
    other letters are kept.
    """
    text = unicodedata.normalize("NFC", utf8(str(name or "")))  # non-UTF-8 bytes: U+FFFD
    text = "".join(_clean_char(ch) for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    text = text.lstrip(". ")
    stem, ext = split_ext(text)
    stem = stem.rstrip(". ")
    if not stem:
        stem = fallback
    if stem.split(".")[0].rstrip(" ").upper() in _RESERVED:
        stem = "_" + stem
    stem = _cap(stem, max_bytes - len(ext.encode("utf-8"))).rstrip(". ") or fallback
    return stem + ext


def name_key(name: str) -> str:
    """How file systems compare names: Windows and macOS ignore case, macOS normalises."""
    return unicodedata.normalize("NFC", name).casefold()


class NameAllocator:
    """Hands out unique safe names: "photo.jpg", "photo (2).jpg", ... (case-insensitively).

    `companions(name)` lists names that travel with a file (its sidecar); they must be free
    too, so `IMG_1.HEIC` and `IMG_1.MOV` cannot both claim `IMG_1.xmp`.
    """

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._taken: set[str] = {name_key(n) for n in reserved}

    def allocate(self, wanted: str, companions=lambda name: ()) -> str:
        base = safe_name(wanted)
        stem, ext = split_ext(base)
        number = 1
        while True:
            if number == 1:
                candidate = base
            else:
                tail = f" ({number}){ext}"
                candidate = _cap(stem, MAX_BYTES - len(tail.encode("utf-8"))).rstrip(". ") + tail
            names = [candidate, *companions(candidate)]
            keys = [name_key(n) for n in names]
            if not any(k in self._taken for k in keys) and len(set(keys)) == len(keys):
                self._taken.update(keys)
                return candidate
            number += 1
