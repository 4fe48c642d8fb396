"""The one route by which a file name or path leaves LiveAssets: to the terminal, into a
document (sheet, PDF, zip, XMP) or to another program (ffmpeg arguments and concat lists).

Names come from outside and can hold anything a file system allows: newlines, ESC sequences
that repaint a terminal, a leading `-` that a program reads as an option, bytes that are not
UTF-8 (Python hands those over as lone surrogates, PEP 383). Each function here makes one
destination safe; callers never format a path for another program by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable

# Characters that change how following text is shown (bidi overrides and isolates, line and
# paragraph separators): Unicode TR9 section 2 and the Trojan Source advisory (CVE-2021-42574).
_INVISIBLE_MOVERS = set("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udfff"


def shown(text: object) -> str:
    """`text` as one safe line for a terminal or a log: control characters, bidi overrides
    and undecodable bytes written as escapes (`\\n`, `\\x1b`, `\\u202e`, `\\xff` for the
    byte 0xFF of a non-UTF-8 name). Always encodable as UTF-8."""
    out = []
    for ch in str(text):
        if _is_surrogate(ch):
            code = ord(ch)
            out.append(f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}")
        elif ch in _INVISIBLE_MOVERS or unicodedata.category(ch) == "Cc":
            out.append(repr(ch)[1:-1])
        else:
            out.append(ch)
    return "".join(out)


def utf8(text: str) -> str:
    """`text` with undecodable bytes of a file name (lone surrogates) as U+FFFD: encodable."""
    if not any(map(_is_surrogate, text)):
        return text
    try:  # PEP 383: U+DC80..U+DCFF stand for the raw bytes 0x80..0xFF
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def utf8_tree(value):
    """`utf8` applied to every string inside lists and dicts (for JSON output)."""
    if isinstance(value, str):
        return utf8(value)
    if isinstance(value, dict):
        return {utf8_tree(k): utf8_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [utf8_tree(v) for v in value]
    return value


def shown_lines(text: object) -> str:
    """Several lines of messages, each made safe by `shown` (the line breaks between them stay)."""
    return "\n".join(shown(line) for line in str(text).split("\n"))


# What `readable` replaces: control characters (Unicode category Cc is exactly U+0000-U+001F
# and U+007F-U+009F), lone surrogates and the two noncharacters XML 1.0 forbids. One regex pass
# is ~20x faster than a per-character loop on caption-sized text (2,000-post sheet: 1 s -> 0.05 s).
_UNREADABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNREADABLE_KEEP_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def readable(text: object, keep_newlines: bool = False) -> str:
    """`text` for a document a person reads (sheet cell, PDF, zip member name, XMP): bytes that
    are not UTF-8 become U+FFFD, control characters become U+FFFD (with keep_newlines,
    tab and line breaks stay). Valid UTF-8 and valid XML 1.0 text (XML section 2.2)."""
    pattern = _UNREADABLE_KEEP_LINES if keep_newlines else _UNREADABLE
    return pattern.sub("\ufffd", str(text))


def is_readable(text: str, keep_newlines: bool = False) -> bool:
    """True when `readable(text, keep_newlines)` would leave `text` as it is (one search, no
    copy: a sheet checks a whole row's text at once)."""
    pattern = _UNREADABLE_KEEP_LINES if keep_newlines else _UNREADABLE
    return pattern.search(text) is None


def program_path(path: str | os.PathLike) -> str:
    """An absolute path for another program's argument list: it starts with the separator, so
    a name like `-rf.mp4` is never read as an option."""
    return os.path.abspath(os.fspath(path))


def ffmpeg_url(path: str | os.PathLike) -> str:
    """A path as ffmpeg input/output: `file:` + absolute path, so ffmpeg never takes a name
    such as `concat:a|b.mp4` or `-i.mp4` for a protocol or an option (ffmpeg-protocols(1),
    "file")."""
    return "file:" + program_path(path)


def _concat_quote(path: str) -> str:
    # The concat demuxer reads one directive per line and splits tokens like av_get_token:
    # inside '...' everything but a quote is literal (ffmpeg-formats(1), "concat", and
    # ffmpeg-utils(1), "Quoting and escaping").
    return "'" + path.replace("'", "'\\''") + "'"


class ConcatList:
    """An ffconcat listing in a private temporary folder (0700), deleted by `close()`.

    A name holding a line break cannot be written into the listing at all (the demuxer reads
    line by line: `a\\n#.mp4` would read as the file `a` and a comment), so such a file is
    linked (symbolic, else hard, else copied) to a plain name inside the private folder first.
    """

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="liveassets-concat-")
        self.path = os.path.join(self.folder, "list.ffconcat")
        self._lines = ["ffconcat version 1.0"]
        self._aliases = 0

    def _safe_source(self, source: str) -> str:
        source = program_path(source)
        if not any(ch in source for ch in "\n\r") and not any(map(_is_surrogate, source)):
            return ffmpeg_url(source)
        self._aliases += 1
        ext = os.path.splitext(source)[1]
        ext = ext if ext[1:].isascii() and ext[1:].isalnum() else ""
        alias = os.path.join(self.folder, f"source-{self._aliases}{ext}")
        try:  # a symbolic link costs nothing and crosses file systems
            os.symlink(source, alias)
        except OSError:  # Windows without the privilege: a hard link, else a private copy
            try:
                os.link(source, alias)
            except OSError:
                shutil.copyfile(source, alias)
        return ffmpeg_url(alias)

    def add(self, source: str, inpoint: float, outpoint: float) -> None:
        """One segment: source file (any name), in and out points in seconds."""
        self._lines += [f"file {_concat_quote(self._safe_source(source))}",
                        f"inpoint {inpoint:.6f}", f"outpoint {outpoint:.6f}"]

    def write(self) -> str:
        """Write the listing (UTF-8); returns its path."""
        with open(self.path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(self._lines) + "\n")
        return self.path

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ConcatList:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def zip_member(parts: Iterable[str]) -> str:
    """A zip member name from path parts: readable text, no `/`, `\\`, or `..` inside a part."""
    clean = []
    for part in parts:
        part = readable(part).replace("/", "_").replace("\\", "_")
        clean.append("_" if part in ("", ".", "..") else part)
    return "/".join(clean)
