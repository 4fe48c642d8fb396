"""The XLSX caption sheet for people, written with XlsxWriter: frozen header, autofilter,
wrapped caption columns, set widths, rights-blocked and over-limit cells in red, and every text
cell stored as text.

What keeps a cell text: every text cell goes through `write_string` (a shared string, never a
formula, number or link; the workbook's strings_to_* conversions are off as well); cells that
Excel would read as a formula when re-typed (=, +, -, @, tab, CR, LF first) also get the text
number format (@) and Excel's quote prefix, so editing the cell in Excel keeps it text. The
prefix is a cell format, not a character: the text copied out of the cell is the caption.
Control characters and what XML cannot hold (lone surrogates from broken JSON, U+FFFE/U+FFFF)
become U+FFFD here, because XlsxWriter would write them as `_xHHHH_` escapes (Excel then shows
the control character) or fail to encode them; XlsxWriter escapes a literal `_xHHHH_` itself.
Line ends are LF: XML parsers turn a stored CR into LF, so CR LF cannot survive an XLSX. Text
over Excel's cell limit is cut with a visible mark (`cells.fit_excel`).

XlsxWriter replaced a hand-written SpreadsheetML writer (tests/bench/bench_xlsx.py keeps it
as the baseline and measures both in the same run).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from liveassets import clock
from liveassets.atomic import write_atomic
from liveassets.cells import EXCEL_CELL_MAX, fit_excel, starts_like_formula
from liveassets.publish.sheets import (COLUMNS, FOR_WHOM, PASTE_COLUMN, PASTE_NOTE, ExportResult,
                                       build_rows)

# XML 1.0 cannot hold these (pasted from PDFs and chat apps; lone surrogates from broken
# JSON); tab, LF and CR are allowed.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# XlsxWriter stores a column width as given plus Excel's 5 pixels of cell padding (at 7 pixels
# a character); take them off so the file holds the widths in COLUMNS, as the previous writer did.
_PADDING_CHARS = 5 / 7
_HEADER_FILL, _RED_FILL = "#DDE3EA", "#F8CBCB"
# Row height per line of 11 pt Calibri (Excel's default row, 15 pt) and Excel's largest row
# height, 409 points ("Excel specifications and limits").
LINE_POINTS, MAX_ROW_POINTS = 15, 409
# Workbook options: nothing a cell holds may turn into a formula, number or link.
_OPTIONS = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}


def clean(value: str) -> str:
    """The text as an XLSX cell can carry it (see the module docstring)."""
    if "\r" in value:  # XML would turn a CR into LF anyway: say so by doing it here
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("\ufffd", value)
    return value


class _Formats:
    """The few cell formats the sheet uses, made once per workbook: body cells by (wrap,
    guard against formulas, red)."""

    def __init__(self, book):
        self.header = book.add_format({"bold": True, "bg_color": _HEADER_FILL, "pattern": 1,
                                       "text_wrap": True, "valign": "top"})
        self.body = {}
        for wrap in (False, True):
            for guard in (False, True):
                for red in (False, True):
                    spec = {"valign": "top", "text_wrap": wrap}
                    if guard:
                        spec.update(num_format="@", quote_prefix=True)
                    if red:
                        spec.update(bg_color=_RED_FILL, pattern=1)
                    self.body[wrap, guard, red] = book.add_format(spec)
        self.plain = self.body[False, False, False]


class _Texts:
    """Each distinct cell text cleaned and measured once (platform names, accounts, "cleared"
    repeat on every row); counts the cells cut to fit Excel."""

    def __init__(self):
        self.seen: dict[str, tuple[str, bool, bool, int]] = {}
        self.cut_values: set[str] = set()
        self.cut = 0

    def get(self, value: str) -> tuple[str, bool, bool, int]:
        """(text to write, looks like a formula, has a line break, length) for `value`."""
        known = self.seen.get(value)
        if known is None:
            text, was_cut = fit_excel(clean(value))
            known = (text, starts_like_formula(text), "\n" in text, len(text))
            self.seen[value] = known
            if was_cut:
                self.cut_values.add(value)
        if value in self.cut_values:
            self.cut += 1
        return known


def wrapped_lines(text: str, width: int) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide (a character
    per width unit; wide CJK and emoji make it an underestimate)."""
    per_line = max(1, width - 1)
    return sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))


def _posts_sheet(book, formats: _Formats, texts: _Texts, rows) -> None:
    ws = book.add_worksheet("Posts")
    ws.activate()
    for i, (name, width, _) in enumerate(COLUMNS):
        ws.set_column(i, i, width - _PADDING_CHARS)
        ws.write_string(0, i, name, formats.header)
        if name == PASTE_COLUMN:   # the note Excel and LibreOffice show on the header
            ws.write_comment(0, i, PASTE_NOTE, {"author": "LiveAssets"})
    ws.freeze_panes(1, 1)
    ws.autofilter(0, 0, len(rows), len(COLUMNS) - 1)
    names = [c[0] for c in COLUMNS]
    gate_col, limits_col = names.index("Rights gate"), names.index("Within limits")
    # per column, worked out once: (index, width, wrapped, number, red when blocked, red on "no")
    plan = [(c, width, kind == "wrap", kind == "int", c == gate_col, c == limits_col)
            for c, (_, width, kind) in enumerate(COLUMNS)]
    body, plain = formats.body, formats.plain
    write_string, write_number, get = ws.write_string, ws.write_number, texts.get
    for r, row in enumerate(rows, start=1):
        lines = 1
        blocked = row.blocked
        for (c, width, wraps, number, gate, limits), value in zip(plan, row.values):
            if number:
                write_number(r, c, int(value), plain)
                continue
            if not isinstance(value, str):
                value = str(value)
            red = (gate and blocked) or (limits and value == "no")
            if not value and not red:
                continue           # an empty cell: nothing to write
            text, guard, multiline, length = get(value)
            # wrapping only changes how a cell looks when its text is longer than the column
            wrap = wraps and (multiline or length > width)
            write_string(r, c, text, body[wrap, guard, red])
            if wrap:
                lines = max(lines, wrapped_lines(text, width))
        if lines > 1:   # row heights are not recomputed on opening by every reader (LibreOffice)
            ws.set_row(r, min(LINE_POINTS * lines, MAX_ROW_POINTS))


def write_xlsx(catalog, posts, path: str | Path, *, force: bool = False,
               today: dt.date | None = None) -> ExportResult:
    """Write the posts' caption sheet to `path` (.xlsx); returns an ExportResult whose notes
    name blocked posts and cells cut to fit Excel."""
    rows = build_rows(catalog, posts, today)
    blocked = sum(r.blocked for r in rows)
    notes = [f"{blocked} posts are BLOCKED by the rights gate (see the Rights gate column)."] \
        if blocked else []
    out = write_rows_xlsx(rows, path, force=force, catalog=catalog, notes=notes)
    return ExportResult(out, len(rows), FOR_WHOM["xlsx"], notes)


def write_rows_xlsx(rows, path: str | Path, *, force: bool = False, catalog=None,
                    notes: list[str] | None = None) -> Path:
    """Write sheet rows (`sheets.build_rows`) as the XLSX caption sheet; returns the path.
    A line for each cell cut to fit Excel goes to `notes` when given. Raises what
    `atomic.write_atomic` raises (ExportError for an existing file without `force`, OSError)."""
    import xlsxwriter
    import xlsxwriter.exceptions

    blocked = sum(r.blocked for r in rows)
    texts = _Texts()

    def write(tmp: Path) -> None:
        # into memory (~0.4 MB for 2,000 posts), then one write: a full disk is then our own
        # OSError, and XlsxWriter never holds the target open after a failure
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, _OPTIONS)
        # the app's one clock (tests pin it), as UTC without a zone, which XlsxWriter writes as Z
        book.set_properties({"author": "LiveAssets",
                             "created": clock.now().astimezone(dt.timezone.utc).replace(tzinfo=None)})
        formats = _Formats(book)
        _posts_sheet(book, formats, texts, rows)
        about = book.add_worksheet("About")
        about.set_column(0, 0, 90 - _PADDING_CHARS)
        for i, line in enumerate((
            "LiveAssets caption sheet",
            FOR_WHOM["xlsx"],
            PASTE_NOTE,
            "For Sprout Social's bulk import, export with: liveassets sheet -o FILE.csv --preset sprout",
            f"Posts: {len(rows)}; blocked by the rights gate: {blocked}",
            f"Written: {clock.local_now():%Y-%m-%d %H:%M %Z}",
        )):
            about.write_string(i, 0, line, formats.body[False, starts_like_formula(line), False])
        try:
            book.close()
        except xlsxwriter.exceptions.FileCreateError as exc:
            # XlsxWriter wraps the OSError (a full disk, a vanished folder): hand that on, so
            # write_atomic turns it into the one-line message every export gives
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
            raise (cause or OSError(str(exc))) from None
        tmp.write_bytes(buffer.getvalue())

    out = write_atomic(path, write, force=force, catalog=catalog)
    if texts.cut and notes is not None:
        notes.append(f"{texts.cut} cells were longer than Excel's limit of {EXCEL_CELL_MAX:,} "
                     "characters: they end in a [cut] mark; the full text is in the catalog.")
    return out
