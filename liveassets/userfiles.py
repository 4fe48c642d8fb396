"""Reading small files a user names (cut plans, settings, lists): regular files only, with a
size cap and a nesting cap, so `/dev/zero`, a FIFO or a hostile JSON file gives one line
instead of filling memory, hanging or crashing the parser.

Caps are far above anything a person makes (a 1,000-segment cut plan is ~200 KB) and are
passed by the caller, who says in its docstring why its cap is what it is.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat

from liveassets.errors import UserError, disk_message

MAX_DEPTH = 32  # JSON nesting a person writes stays under 6; Python's parser fails near 1,000


class UserFileError(UserError, ValueError):
    """A named file that is missing, not a regular file, too big or malformed (one line)."""


def read_bytes(path: str | os.PathLike, what: str, max_bytes: int) -> bytes:
    """The bytes of `path`, a regular file of at most `max_bytes`; `what` names it in errors
    ("the plan"). Raises UserFileError: missing, a folder, a pipe or device, too big, unreadable."""
    shown = os.fspath(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise UserFileError(disk_message(exc, f"read {what}", shown)) from None
    if stat.S_ISDIR(st.st_mode):
        raise UserFileError(f"{what[:1].upper()}{what[1:]} {shown} is a folder: name a file.")
    if not stat.S_ISREG(st.st_mode):
        raise UserFileError(f"{what[:1].upper()}{what[1:]} {shown} is not a regular file (a pipe "
                            "or device?): name a file saved on disk.")
    if st.st_size > max_bytes:
        raise UserFileError(_too_big(what, shown, st.st_size, max_bytes))
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, open must not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UserFileError(f"{what[:1].upper()}{what[1:]} {shown} is not a regular file.")
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UserFileError(disk_message(exc, f"read {what}", shown)) from None
    if len(data) > max_bytes:  # it grew since the stat
        raise UserFileError(_too_big(what, shown, len(data), max_bytes))
    return data


def read_text(path, what: str, max_bytes: int) -> str:
    """read_bytes decoded as decode_text does; undecodable text is a UserFileError."""
    return decode_text(read_bytes(path, what, max_bytes), f"{what} {os.fspath(path)}")


# Byte-order marks, longest first (UTF-32's little-endian mark begins with UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, what: str) -> str:
    """`data` as text: UTF-8 (a BOM is allowed), or UTF-16/32 when a byte-order mark says so
    (Windows Notepad's "Unicode" and Excel's "Unicode text" save UTF-16 with a mark; the mark
    makes the reading certain). Raises UserFileError naming `what` for bytes that are not UTF-8
    (saying when they look like Windows-1252, Notepad's "ANSI"), and for text holding NUL
    characters: valid UTF-8, but what UTF-16 saved without a mark, or a binary file, looks
    like, never a caption or a list a person typed."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UserFileError(f"{what[:1].upper()}{what[1:]} is not UTF-8 text (byte {exc.start}"
                            f"{_looks_like(data)}): save it as UTF-8 and try again.") from None
    if "\0" in text:
        raise UserFileError(f"{what[:1].upper()}{what[1:]} holds NUL bytes (byte "
                            f"{data.index(0)}{_looks_like(data)}): save it as UTF-8 text and "
                            "try again.")
    return text


def _looks_like(data: bytes) -> str:
    # NUL in one of each pair of bytes and not the other (ASCII-heavy text as UTF-16 LE or BE),
    # in the first few hundred: UTF-16 written without its mark. A binary file has NULs in both.
    head = data[:512]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if len(head) >= 4 and min(even, odd) == 0 and max(even, odd) * 2 >= len(head) // 2:
        return ", it looks like UTF-16 without a byte-order mark"
    if 0 in head:
        return ", it looks like a binary file"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return ", it looks like Windows-1252"


def text_argument(value: str, what: str) -> str:
    """A command-line argument as text. Bytes that were not UTF-8 reach Python as lone
    surrogates (PEP 383); they would fail later, far from the cause, so they fail here with
    one line naming the argument (`what`: "--caption")."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogateescape")
        raise UserFileError(f"{what} is not UTF-8 text{_looks_like(raw)}: convert it to UTF-8 "
                            "(or pass a UTF-8 file with --caption-file).") from None
    return value


def read_json(path, what: str, max_bytes: int, max_depth: int = MAX_DEPTH):
    """read_text parsed as JSON, at most `max_depth` levels of nesting; raises UserFileError
    naming the file, line and column of a mistake."""
    text = read_text(path, what, max_bytes)
    name = os.path.basename(os.fspath(path))
    if _depth(text) > max_depth:
        raise UserFileError(f"{what[:1].upper()}{what[1:]} {name} nests more than {max_depth} "
                            "levels deep: it is not a file LiveAssets wrote. Check it is the "
                            "right file.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserFileError(f"{what[:1].upper()}{what[1:]} {name} is not valid JSON: {exc.msg} "
                            f"at line {exc.lineno}, column {exc.colno}.") from None
    except RecursionError:  # belt and braces: _depth should have caught it
        raise UserFileError(f"{what[:1].upper()}{what[1:]} {name} nests too deeply.") from None


def _depth(text: str) -> int:
    """Deepest [ / { nesting outside strings. Strings are cut out with one regular expression
    and only brackets are walked: 4 MB of plan text takes ~20 ms, a char-by-char loop ~400 ms."""
    brackets = _BRACKETS.findall(_STRINGS.sub("", text))
    depth = deepest = 0
    for ch in brackets:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(r"[\[\]{}]")


def _too_big(what: str, shown: str, size: int, cap: int) -> str:
    return (f"{what[:1].upper()}{what[1:]} {shown} is {_amount(size)}; LiveAssets reads at "
            f"most {_amount(cap)} for it. Check it is the right file.")


def _amount(size: int) -> str:
    """"2 MB", "39.9 MB", "200 KB": a cap under 1 MB (a script's 200 KB) once read "0 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1e6:.0f} MB" if size % 1_000_000 == 0 else f"{size / 1e6:.1f} MB"
