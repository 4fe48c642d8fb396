"""Reading a submissions manifest (a Google Forms response sheet as CSV or XLSX, a Dropbox file
request's CSV, the app's own template) into header names and rows, with sheet row numbers.

Nothing here guesses what a column means (columns.py does): this only turns bytes into cells,
and bytes that are not text into one line naming the file, row and column. CSV is read with the
standard library (the sniffer picks comma, semicolon or tab: Excel writes semicolons where the
decimal mark is a comma); XLSX with openpyxl in read-only mode (cells arrive typed: dates as
datetimes).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass, field

from liveassets.intake.fields import ManifestError, text
from liveassets.userfiles import UserFileError, read_bytes

# A Google Forms sheet with 50,000 responses of ~400 bytes each is ~20 MB; nobody's is bigger.
MAX_BYTES = 64 * 1024 * 1024
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass
class Sheet:
    """A manifest as cells: `headers` (unique, in order) and `rows` as (sheet row number,
    {header: value}); row 1 is the header row, so the first answer is row 2 as in the sheet."""

    path: str
    headers: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


def read_sheet(path: str | os.PathLike) -> Sheet:
    """Read a CSV/TSV or XLSX manifest. Raises ManifestError (one line: file, row, column and
    what to do) for text that is not UTF-8/UTF-16, a workbook that is not one, no header row."""
    path = os.fspath(path)
    suffix = os.path.splitext(path)[1].casefold()
    if suffix not in SUFFIXES:
        raise ManifestError(f"{os.path.basename(path)} is not a manifest LiveAssets reads: give "
                            "the response sheet as .csv or .xlsx (Google Sheets: File > "
                            "Download).")
    try:
        data = read_bytes(path, "the manifest", MAX_BYTES)
    except UserFileError as exc:
        raise ManifestError(str(exc)) from None
    if suffix in (".xlsx", ".xlsm"):
        headers, rows = _xlsx_rows(path, data)
    else:
        headers, rows = _csv_rows(path, data)
    return _sheet(path, headers, rows)


def _sheet(path: str, header_cells: list, rows: list[tuple[int, list]]) -> Sheet:
    headers: list[str] = []
    for i, cell in enumerate(header_cells):
        name = text(cell) or f"Column {i + 1}"
        base, n = name, 2
        while name in headers:  # Google Forms allows two questions with the same title
            name, n = f"{base} ({n})", n + 1
        headers.append(name)
    sheet = Sheet(path, headers)
    for number, cells in rows:
        if not any(text(c) for c in cells):
            continue  # blank lines between answers
        sheet.rows.append((number, {h: (cells[i] if i < len(cells) else None)
                                    for i, h in enumerate(headers)}))
    return sheet


def _decode(path: str, data: bytes) -> str:
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[:exc.start]
        row = before.count(b"\n") + 1
        line = before[before.rfind(b"\n") + 1:]
        column = line.count(b",") + line.count(b";") + line.count(b"\t") + 1
        header = _header_of(data, column)
        hint = " (it looks like Windows-1252, Excel's plain \"CSV\")" if _cp1252(data) else ""
        raise ManifestError(
            f"{os.path.basename(path)}, row {row}, column {header}: the text is not UTF-8"
            f"{hint}. Save the sheet as \"CSV UTF-8\" (Excel) or download it again from Google "
            "Sheets (File > Download > .csv) and try again.") from None


def _header_of(data: bytes, column: int) -> str:
    first = data.split(b"\n", 1)[0].decode("utf-8", "replace")
    for delimiter in (",", ";", "\t"):
        cells = next(csv.reader([first], delimiter=delimiter))
        if len(cells) > 1:
            return f'"{cells[column - 1].strip()}"' if column <= len(cells) else str(column)
    return str(column)


def _cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _csv_rows(path: str, data: bytes) -> tuple[list, list[tuple[int, list]]]:
    content = _decode(path, data)
    if "\0" in content:
        raise ManifestError(f"{os.path.basename(path)} holds NUL bytes: it is not a CSV text "
                            "file. Download the sheet as .csv or .xlsx and try again.")
    first = content.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        headers = next(reader, None)
        if not headers or not any(h.strip() for h in headers):
            raise ManifestError(f"{os.path.basename(path)} has no header row: its first line "
                                "must name the columns (liveassets intake --template writes "
                                "one).")
        rows = [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:
        raise ManifestError(f"{os.path.basename(path)}, row {reader.line_num}: {exc}. Fix "
                            "the quotes in that row (or save the sheet again) and try "
                            "again.") from None
    return headers, _numbered(rows)


def _numbered(rows: list[tuple[int, list]]) -> list[tuple[int, list]]:
    """csv's line_num counts physical lines (a cell with a line break spans two); the sheet's
    row number is the record's position, as a spreadsheet shows it."""
    return [(i + 2, cells) for i, (_line, cells) in enumerate(rows)]


def _xlsx_rows(path: str, data: bytes) -> tuple[list, list[tuple[int, list]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ManifestError(f"{os.path.basename(path)} is not an Excel workbook that can be "
                            f"read ({type(exc).__name__}). Open it in Excel or Google Sheets, "
                            "save it again as .xlsx (or .csv) and try again.") from None
    try:
        sheet = book.worksheets[0]  # Google Forms: "Form Responses 1", always the first
        rows = iter(sheet.iter_rows(values_only=True))
        headers, number = None, 0
        for number, cells in enumerate(rows, 1):
            if any(text(c) for c in cells):
                headers = list(cells)
                break
        if headers is None:
            raise ManifestError(f"{os.path.basename(path)} has no header row: the first sheet "
                                "is empty.")
        while headers and not text(headers[-1]):
            headers.pop()
        out = [(n, list(cells)) for n, cells in enumerate(rows, number + 1)]
    finally:
        book.close()
    return headers, out
