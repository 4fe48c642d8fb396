"""Export files as rows of cells: zips opened in memory (members at any depth), text decoded
by its byte-order mark (UTF-8 with or without one, UTF-16 as Meta writes it), Excel's `sep=,`
first line honoured and a one-cell title line (Meta's per-metric files) kept apart.

Nothing is extracted to disk and the user's files are only read. Caps: a CSV of 50 MB is far
above a year of daily figures (~40 KB) or 2,000 posts (~400 KB); a zip member above it is
refused rather than read into memory (a zip bomb inflates to gigabytes).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from liveassets.errors import UserError
from liveassets.userfiles import decode_text, read_bytes

MAX_BYTES = 50 * 1024 * 1024


class ExportError(UserError):
    """An export file that cannot be read as one (one line naming it and what to do)."""


@dataclass
class Sheet:
    """One CSV as read: `name` is what a person recognises ("Content_liveanz.zip/Content.csv"),
    `path` the file on disk, `zip_name` the zip's file name ("" for a bare CSV), `title` a
    one-cell line before the header (Meta's "Views"), `header` and `rows` the cells."""

    name: str
    path: str
    zip_name: str
    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


def sheets(path: str | os.PathLike) -> list[Sheet]:
    """Every CSV in `path` (a .csv file or a .zip of them). Raises ExportError for a file that
    is neither, a damaged zip, or text that is not UTF-8/UTF-16; DiskError-like UserFileError
    for a missing or unreadable file."""
    p = Path(path)
    data = read_bytes(p, "the export file", MAX_BYTES)
    if data[:4] == b"PK\x03\x04" or p.suffix.lower() == ".zip":
        return _zip_sheets(p, data)
    return [_sheet(p.name, str(p), "", data)]


def _zip_sheets(p: Path, data: bytes) -> list[Sheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()
                   and m.filename.lower().endswith(".csv")
                   and not os.path.basename(m.filename).startswith("._")]  # macOS resource forks
        out, total = [], 0
        for m in members:
            total += m.file_size
            if m.file_size > MAX_BYTES or total > 4 * MAX_BYTES:
                raise ExportError(f"{p.name}: {m.filename} would unpack to {m.file_size:,} bytes, "
                                  f"more than any export holds: check it is the platform's file.")
            out.append(_sheet(f"{p.name}/{m.filename}", str(p), p.name, archive.read(m)))
    except RuntimeError as exc:  # zipfile's "File ... is encrypted, password required"
        raise ExportError(f"{p.name} is password-protected: download the export again from the "
                          f"platform (its zips have no password). ({exc})") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            ValueError) as exc:
        raise ExportError(f"{p.name} is not a zip LiveAssets can open ({exc}): download the "
                          "export again.") from None
    if not out:
        raise ExportError(f"{p.name} holds no CSV file: it is not a platform's analytics export.")
    return out


def _sheet(name: str, path: str, zip_name: str, data: bytes) -> Sheet:
    text = decode_text(data, name)
    delimiter = ","
    first, _, rest = text.partition("\n")
    if first.strip().lower().startswith("sep="):
        # Excel's hint line (Meta writes `sep=,`): the character after `=` separates cells.
        delimiter = first.strip()[4:5] or ","
        if delimiter in '"\r\n ' or not delimiter.isprintable():
            delimiter = ","  # no CSV separates cells by a quote or a line break
        text = rest
    # newline="" semantics: a caption's line break inside quotes stays in its cell
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                if any(c.strip() for c in r)]
    except csv.Error as exc:  # a cell over the csv module's 128 KB limit, a stray NUL
        raise ExportError(f"{name} is not a CSV file LiveAssets can read ({exc}): export it "
                          "again from the platform.") from None
    title = ""
    if len(rows) > 1 and len(rows[0]) == 1 and len(rows[1]) > 1:
        title = rows.pop(0)[0].strip()
    if not rows:
        raise ExportError(f"{name} is empty: export it again from the platform.")
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    return Sheet(name, path, zip_name, title, header, rows[1:])
