"""The XLSX caption sheet for people (openpyxl, write-only mode for speed): frozen header,
autofilter, wrapped caption columns, set widths, and every text cell stored as text.

openpyxl turns any string starting with '=' into a formula; each text cell gets
`data_type = "s"` after assignment (written as an inline string, never <f>), and cells that
Excel would read as a formula when re-typed (=, +, -, @, tab, CR, LF first) also get the text
number format and Excel's quote prefix, so editing the cell in Excel keeps it text.
Line ends are LF: XML parsers turn a stored CR into LF, so CR LF cannot survive an XLSX.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from liveassets.publish.atomic import write_atomic
from liveassets.publish.sheets import COLUMNS, FOR_WHOM, ExportResult, build_rows

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="FFDDE3EA")
_RED = PatternFill("solid", fgColor="FFF8CBCB")


def _clean(value: str) -> str:
    if "\r" in value:  # XML would turn a CR into LF anyway: say so by doing it here
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if ILLEGAL_CHARACTERS_RE.search(value):
        # Control characters (pasted from PDFs, chat apps) cannot be stored in XLSX at all.
        value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _text_cell(ws, value: str, wrap: bool) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=_clean(value))
    cell.data_type = "s"   # after assignment: openpyxl made '=...' a formula
    cell.alignment = _WRAP if wrap else _TOP
    if cell.value.startswith(FORMULA_START):
        cell.number_format = "@"
        cell.quotePrefix = True
    return cell


class _Cells:
    """Makes cells fast: a plain string that cannot turn into a formula is passed to openpyxl
    as is (it stores it as text); styled cells reuse one precomputed style record instead of
    looking the style up per cell (which costs more than writing the cell)."""

    def __init__(self, ws):
        self.ws = ws
        self.styles = {}
        for key, wrap, guard in ((0, False, False), (1, True, False), (2, False, True),
                                 (3, True, True)):
            c = WriteOnlyCell(ws, value="x")
            c.alignment = _WRAP if wrap else _TOP
            if guard:
                c.number_format, c.quotePrefix = "@", True
            self.styles[key] = c._style
        c = WriteOnlyCell(ws, value="x")
        c.alignment, c.fill = _TOP, _RED
        self.styles["red"] = c._style

    def text(self, value: str, width: int, wrap: bool, red: bool = False):
        if not value and not red:
            return None        # an empty cell: nothing to write
        value = _clean(value)
        guard = value.startswith(FORMULA_START)
        # wrapping only changes how a cell looks when its text is longer than the column
        wrap = wrap and ("\n" in value or len(value) > width)
        if not (wrap or guard or red):
            return value
        cell = WriteOnlyCell(self.ws, value=value)
        cell.data_type = "s"   # after assignment: openpyxl made '=...' a formula
        cell._style = copy(self.styles["red" if red else wrap + 2 * guard])
        return cell


def write_xlsx(catalog, posts, path: str | Path, *, force: bool = False,
               today: dt.date | None = None) -> ExportResult:
    rows = build_rows(catalog, posts, today)
    blocked = sum(r.blocked for r in rows)

    def write(tmp: Path) -> None:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Posts")
        ws.freeze_panes = "B2"
        for i, (_, width, _) in enumerate(COLUMNS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header = []
        for name, _, _ in COLUMNS:
            c = _text_cell(ws, name, wrap=True)
            c.font, c.fill = _BOLD, _HEAD_FILL
            header.append(c)
        ws.append(header)
        gate_col = [c[0] for c in COLUMNS].index("Rights gate")
        limits_col = [c[0] for c in COLUMNS].index("Within limits")
        make = _Cells(ws)
        shapes = [(width, kind) for _, width, kind in COLUMNS]
        for row in rows:
            cells = []
            for i, (value, (width, kind)) in enumerate(zip(row.values, shapes)):
                if kind == "int":
                    cells.append(int(value))
                else:
                    red = (i == gate_col and row.blocked) or (i == limits_col and value == "no")
                    cells.append(make.text(str(value), width, kind == "wrap", red))
            ws.append(cells)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
        about = wb.create_sheet("About")
        for line in (
            "LiveAssets caption sheet",
            FOR_WHOM["xlsx"],
            "For Sprout Social's bulk import, export with: liveassets sheet -o FILE.csv --preset sprout",
            f"Posts: {len(rows)}; blocked by the rights gate: {blocked}",
            f"Written: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        ):
            about.append([_text_cell(about, line, wrap=False)])
        about.column_dimensions["A"].width = 90
        wb.save(tmp)

    out = write_atomic(path, write, force=force)
    notes = [f"{blocked} posts are BLOCKED by the rights gate (see the Rights gate column)."] \
        if blocked else []
    return ExportResult(out, len(rows), FOR_WHOM["xlsx"], notes)
