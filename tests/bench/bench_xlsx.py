"""The XLSX caption sheet's speed, as JSON: 2,000 posts end to end (load the posts, build the
rows, write the file) with XlsxWriter (`sheets_xlsx.write_rows_xlsx`) against the 0.5 s budget,
and the hand-written SpreadsheetML writer it replaced (kept below, unchanged, as
`previous_writer`) measured in the same run as the baseline.

Also the parts: loading the posts and building their rows (shared by every writer), and
`xlsxwriter_floor_s`, XlsxWriter alone writing the same cells with no logic of ours, which
says what any XlsxWriter-based sheet costs here at the least.

Run: python tests/bench/bench_xlsx.py [--posts 2000] [--repeat 5]
Medians of wall time; `cpu_s` has the CPU-time medians, less sensitive to a busy machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_publish import CPU, make_library, timed  # noqa: E402

from liveassets.atomic import write_atomic  # noqa: E402
from liveassets.cells import starts_like_formula  # noqa: E402
from liveassets.publish.posts import PostStore  # noqa: E402
from liveassets.publish.sheets import COLUMNS, FOR_WHOM, build_rows  # noqa: E402
from liveassets.publish.sheets_xlsx import write_rows_xlsx  # noqa: E402

BUDGET_S = 0.5

# ---- the previous writer (liveassets/publish/sheets_xlsx.py before XlsxWriter), verbatim ----

# XML 1.0 cannot hold these at all (pasted from PDFs and chat apps; lone surrogates from
# broken JSON); tab, LF and CR are allowed.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")
# Deflate level 3: on the benchmark sheet level 6 made the file ~25% smaller but took 3x as
# long to compress (0.09 s against 0.03 s for 6.5 MB of XML); level 1 saved little more time.
COMPRESS_LEVEL = 3

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CT = "application/vnd.openxmlformats-officedocument."

# cellXfs: 0 Normal, 1 header (bold on grey, wrapped), then body cells at
# 2 + wrap + 2 * guard (text format and quote prefix) + 4 * red (rights or limits flagged).
XF_HEADER, XF_BODY = 1, 2
_FILL_NONE, _FILL_HEAD, _FILL_RED = 0, 2, 3


def _xf(font: int = 0, fill: int = 0, wrap: bool = False, guard: bool = False) -> str:
    fmt = ' numFmtId="49" quotePrefix="1" applyNumberFormat="1"' if guard else ' numFmtId="0"'
    wrap_attr = ' wrapText="1"' if wrap else ""
    return (f'<xf{fmt} fontId="{font}" fillId="{fill}" borderId="0" xfId="0" applyFont="1" '
            f'applyFill="1" applyAlignment="1"><alignment vertical="top"{wrap_attr}/></xf>')


def _styles() -> str:
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
           _xf(font=1, fill=_FILL_HEAD, wrap=True)]
    for i in range(8):
        xfs.append(_xf(fill=_FILL_RED if i & 4 else _FILL_NONE, wrap=bool(i & 1),
                       guard=bool(i & 2)))
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    solid = '<fill><patternFill patternType="solid"><fgColor rgb="{}"/><bgColor indexed="64"/></patternFill></fill>'
    return (
        f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="4"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        f'{solid.format("FFDDE3EA")}{solid.format("FFF8CBCB")}</fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="0"/><tableStyles count="0"/></styleSheet>')


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def clean(value: str) -> str:
    """The text as an XLSX cell can carry it (see the module docstring)."""
    if "\r" in value:  # XML would turn a CR into LF anyway: say so by doing it here
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("\ufffd", value)
    if "_x" in value:
        value = _EXCEL_ESCAPE.sub(r"_x005F_\1", value)
    return value


class _Sheet:
    """One worksheet's XML, row by row (its text cells point into the shared strings)."""

    def __init__(self, widths: list[float]):
        self.widths = widths
        self.parts: list[str] = []
        self.rows = 0

    def row(self, cells: list[str]) -> None:
        self.rows += 1
        self.parts.append(f'<row r="{self.rows}">{"".join(cells)}</row>')

    def xml(self, *, freeze: str | None = None, autofilter: str | None = None,
            selected: bool = False) -> str:
        last = f"{column_letter(len(self.widths) - 1)}{max(self.rows, 1)}"
        view = '<sheetView tabSelected="1"' if selected else "<sheetView"
        if freeze:
            view += (' workbookViewId="0">'
                    f'<pane xSplit="1" ySplit="1" topLeftCell="{freeze}" activePane="bottomRight" '
                    'state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/>'
                    f'<selection pane="bottomRight" activeCell="{freeze}" sqref="{freeze}"/></sheetView>')
        else:
            view += ' workbookViewId="0"/>'
        cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                       for i, w in enumerate(self.widths, start=1))
        return (f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
                f'<dimension ref="A1:{last}"/><sheetViews>{view}</sheetViews>'
                f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
                f'<sheetData>{"".join(self.parts)}</sheetData>'
                + (f'<autoFilter ref="{autofilter}"/>' if autofilter else "")
                + '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
                'footer="0.5"/></worksheet>')


class _Strings:
    """The shared-string table: each distinct text once (platform names, accounts, "cleared"
    repeat on every row), with what the writer needs to know about it."""

    def __init__(self):
        self.texts: list[str] = []
        self.seen: dict[str, tuple[int, bool, bool, int]] = {}
        self.count = 0

    def add(self, value: str) -> tuple[int, bool, bool, int]:
        """(index, looks like a formula, has a line break, length) for `value`."""
        self.count += 1
        known = self.seen.get(value)
        if known is None:
            text = clean(value)
            known = (len(self.texts), starts_like_formula(text), "\n" in text, len(text))
            self.texts.append(text)
            self.seen[value] = known
        return known

    def xml(self) -> str:
        # One escape pass over all the text: NUL cannot be in a cleaned string, so it marks
        # the boundaries until they become tags.
        body = "\0".join(self.texts).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        si = '<si><t xml:space="preserve">'
        body = body.replace("\0", "</t></si>" + si)
        items = f"{si}{body}</t></si>" if self.texts else ""
        return (f'{_HEAD}<sst xmlns="{_MAIN}" count="{self.count}" '
                f'uniqueCount="{len(self.texts)}">{items}</sst>')


def _text(strings: _Strings, ref: str, value: str, style: int) -> str:
    index = strings.add(value)[0]
    return f'<c r="{ref}" s="{style}" t="s"><v>{index}</v></c>'


def _posts_sheet(strings: _Strings, rows) -> _Sheet:
    sheet = _Sheet([width for _, width, _ in COLUMNS])
    letters = [column_letter(i) for i in range(len(COLUMNS))]
    sheet.row([_text(strings, f"{letter}1", name, XF_HEADER)
               for letter, (name, _, _) in zip(letters, COLUMNS)])
    names = [c[0] for c in COLUMNS]
    gate_col, limits_col = names.index("Rights gate"), names.index("Within limits")
    plan = [(letter, width, kind, i == gate_col, i == limits_col)
            for i, (letter, (_, width, kind)) in enumerate(zip(letters, COLUMNS))]
    add = strings.add
    for r, row in enumerate(rows, start=2):
        cells = []
        for (letter, width, kind, is_gate, is_limits), value in zip(plan, row.values):
            if kind == "int":
                cells.append(f'<c r="{letter}{r}" s="{XF_BODY}"><v>{int(value)}</v></c>')
                continue
            value = value if isinstance(value, str) else str(value)
            red = (is_gate and row.blocked) or (is_limits and value == "no")
            if not value and not red:
                continue           # an empty cell: nothing to write
            index, guard, multiline, length = add(value)
            # wrapping only changes how a cell looks when its text is longer than the column
            wrap = kind == "wrap" and (multiline or length > width)
            style = XF_BODY + wrap + 2 * guard + 4 * red
            cells.append(f'<c r="{letter}{r}" s="{style}" t="s"><v>{index}</v></c>')
        sheet.row(cells)
    return sheet


def _package(sheets: list[tuple[str, str]], strings: _Strings, filter_ref: str) -> dict[str, str]:
    """Every part of the .xlsx but the worksheets' own XML: name -> text."""
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    n = len(sheets)
    sheet_ct = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                       f'ContentType="{_CT}spreadsheetml.worksheet+xml"/>' for i in range(1, n + 1))
    sheet_rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                         f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1))
    sheet_list = "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                         for i, (name, _) in enumerate(sheets, start=1))
    return {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}spreadsheetml.sheet.main+xml"/>'
            f'{sheet_ct}'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}spreadsheetml.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{_CT}extended-properties+xml"/></Types>'),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
            '</Relationships>'),
        "docProps/core.xml": (
            f'{_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>LiveAssets</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>'),
        "docProps/app.xml": (
            f'{_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>LiveAssets</Application></Properties>'),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/>'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheet_list}</sheets>'
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f"'{sheets[0][0]}'!{filter_ref}</definedName></definedNames>"
            '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{sheet_rels}'
            f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{n + 2}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>'),
        "xl/styles.xml": _styles(),
        "xl/sharedStrings.xml": strings.xml(),
    }


def previous_writer(rows, path: str | Path, *, force: bool = False, catalog=None) -> Path:
    """Write sheet rows (`sheets.build_rows`) as the XLSX caption sheet; returns the path."""
    blocked = sum(r.blocked for r in rows)

    def write(tmp: Path) -> None:
        strings = _Strings()
        posts_sheet = _posts_sheet(strings, rows)
        last = column_letter(len(COLUMNS) - 1)
        filter_ref = f"A1:{last}{len(rows) + 1}"
        about = _Sheet([90])
        for line in (
            "LiveAssets caption sheet",
            FOR_WHOM["xlsx"],
            "For Sprout Social's bulk import, export with: liveassets sheet -o FILE.csv --preset sprout",
            f"Posts: {len(rows)}; blocked by the rights gate: {blocked}",
            f"Written: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        ):
            style = XF_BODY + 2 * starts_like_formula(line)
            about.row([_text(strings, f"A{about.rows + 1}", line, style)])
        sheets = [("Posts", posts_sheet.xml(freeze="B2", autofilter=filter_ref, selected=True)),
                  ("About", about.xml())]
        parts = _package(sheets, strings, f"$A$1:${last}${len(rows) + 1}")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as z:
            for name in ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml",
                         "docProps/app.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                z.writestr(name, parts[name])
            for i, (_, xml) in enumerate(sheets, start=1):
                z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
            z.writestr("xl/styles.xml", parts["xl/styles.xml"])
            z.writestr("xl/sharedStrings.xml", parts["xl/sharedStrings.xml"])

    return write_atomic(path, write, force=force, catalog=catalog)


# ---- the bench ----


def bare_xlsxwriter(rows) -> None:
    """The same cells through XlsxWriter alone, into memory: one format, no cleaning, no
    widths, colours or row heights: what the library itself costs on this sheet."""
    import io

    import xlsxwriter

    book = xlsxwriter.Workbook(io.BytesIO(), {"strings_to_numbers": False,
                                              "strings_to_formulas": False,
                                              "strings_to_urls": False})
    ws, fmt = book.add_worksheet("Posts"), book.add_format({"valign": "top"})
    write_string, write_number = ws.write_string, ws.write_number
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row.values):
            if isinstance(value, str):
                if value:
                    write_string(r, c, value, fmt)
            else:
                write_number(r, c, value, fmt)
    book.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cat = make_library(tmp / "lib", args.posts)
        try:
            counter = iter(range(10**6))

            def out():
                return tmp / f"out{next(counter)}.xlsx"

            def end_to_end(writer):
                return lambda: writer(build_rows(cat, PostStore(cat).all()), out())

            rows = build_rows(cat, PostStore(cat).all())
            write_rows_xlsx(rows, out())          # warm-up: imports, first-call costs
            previous_writer(rows, out())
            res = {"posts": len(rows), "budget_s": BUDGET_S}
            res["xlsxwriter_end_to_end_s"] = timed("xlsxwriter_end_to_end",
                                                   end_to_end(write_rows_xlsx), args.repeat)
            res["baseline_previous_writer_end_to_end_s"] = timed(
                "baseline_previous_writer_end_to_end", end_to_end(previous_writer), args.repeat)
            res["xlsxwriter_write_s"] = timed("xlsxwriter_write",
                                              lambda: write_rows_xlsx(rows, out()), args.repeat)
            res["baseline_previous_writer_write_s"] = timed(
                "baseline_previous_writer_write", lambda: previous_writer(rows, out()), args.repeat)
            # Where the end-to-end time goes: the parts every writer shares, and XlsxWriter's
            # own floor on these cells (every text cell written with one format, no logic of
            # ours, then close: XML, shared strings, deflate at zipfile's default level 6)
            res["load_posts_s"] = timed("load_posts", lambda: PostStore(cat).all(), args.repeat)
            posts = PostStore(cat).all()
            res["build_rows_s"] = timed("build_rows", lambda: build_rows(cat, posts), args.repeat)
            res["xlsxwriter_floor_s"] = timed("xlsxwriter_floor", lambda: bare_xlsxwriter(rows),
                                              args.repeat)
            res["ratio_end_to_end_new_over_previous"] = round(
                res["xlsxwriter_end_to_end_s"] / res["baseline_previous_writer_end_to_end_s"], 2)
            res["within_budget"] = res["xlsxwriter_end_to_end_s"] <= BUDGET_S
            res["file_bytes"] = {"xlsxwriter": os.path.getsize(write_rows_xlsx(rows, out())),
                                 "previous": os.path.getsize(previous_writer(rows, out()))}
            res["cpu_s"] = {k: round(v, 4) for k, v in CPU.items()}
        finally:
            cat.close()
    for k, v in res.items():
        if isinstance(v, float):
            res[k] = round(v, 4)
    print(json.dumps({"load_average_1min": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(),
                      "xlsx": res}, indent=1))


if __name__ == "__main__":
    main()
