"""What a spreadsheet makes of the people's sheets: LibreOffice (headless) reads every XLSX cell
as the text written, including number- and date-like text, and does change the same text in a
CSV (what FOR_WHOM and the README say the CSV cannot promise); cells over Excel's limit are cut
with a mark and a note; the sheet says which column is the text to paste."""

import csv
import datetime as dt
import shutil
import subprocess

import pytest

from liveassets.catalog.schema import new_asset
from liveassets.cells import CUT_MARK, EXCEL_CELL_MAX, fit_excel, utf16_length
from liveassets.publish import zones
from liveassets.publish.posts import PostStore
from liveassets.publish.sheets import HEADERS, PASTE_COLUMN, export

openpyxl = pytest.importorskip("openpyxl")
SYD = "Australia/Sydney"
# text a spreadsheet likes to turn into something else
LOOKALIKES = ["0012345", "123456789012", "1/2", "3e5", "TRUE", "2026-01-02", "=1+1",
              "@creator thanks", "-50%", "1,5", "12:30"]


@pytest.fixture
def lib(library):
    doc = new_asset("/event/ok.jpg", "image", 100, 1.0, "fp-ok")
    doc["rights"].update(status="cleared")
    library.apply("Fill", {doc["id"]: doc})
    library.asset_id = doc["id"]
    return library


def make(lib, bodies, **kw):
    store = PostStore(lib)
    first = zones.parse_when("2026-02-01 09:00", SYD)
    for i, body in enumerate(bodies):
        store.create(asset_ids=[lib.asset_id], body=body, timezone=SYD, account=body,
                     scheduled=first + dt.timedelta(minutes=15 * i), **kw)
    return store.all()


def libreoffice_csv(src, out_dir, infilter=None) -> list[str]:
    """The first sheet of `src` as LibreOffice reads it, saved back as CSV lines with every
    text cell quoted (a number or date LibreOffice made of a cell comes out unquoted)."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
    cmd = [soffice, f"-env:UserInstallation={(out_dir / 'profile').as_uri()}", "--headless",
           "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true",
           "--outdir", str(out_dir / "lo"), str(src)]
    if infilter:
        cmd[4:4] = ["--infilter=" + infilter]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    return (out_dir / "lo" / (src.stem + ".csv")).read_text(encoding="utf-8").splitlines()


def account_cells(lines: list[str]) -> list[tuple[str, bool]]:
    """(text, was quoted: LibreOffice kept it as text) of the Account column, body rows."""
    out = []
    for line in lines[1:]:
        value = next(csv.reader([line]))[HEADERS.index("Account")]
        quoted = f',"{value}",' in line or line.startswith(f'"{value}",')
        out.append((value, quoted))
    return out


@pytest.mark.slow   # starts LibreOffice twice: 3-5 s on 2 busy cores
def test_libreoffice_reads_every_xlsx_cell_as_written_but_changes_the_csv(lib, tmp_path):
    posts = make(lib, LOOKALIKES)
    export(lib, posts, tmp_path / "s.xlsx")
    assert account_cells(libreoffice_csv(tmp_path / "s.xlsx", tmp_path)) == \
        [(a, True) for a in LOOKALIKES]

    # the same text through the people's CSV: LibreOffice turns some into numbers and dates
    export(lib, posts, tmp_path / "s.csv")
    seen = account_cells(libreoffice_csv(tmp_path / "s.csv", tmp_path, infilter="CSV:44,34,76,1"))
    changed = {a for a, cell in zip(LOOKALIKES, seen) if cell != (a, True)}
    assert {"0012345", "123456789012", "1/2"} <= changed   # what the README and FOR_WHOM warn about


def test_cells_over_excels_limit_are_cut_with_a_mark_and_a_note(lib, tmp_path):
    long = "🎉" + "a" * 40_000 + "END"
    posts = make(lib, ["short", long])
    res_x = export(lib, posts, tmp_path / "s.xlsx")
    res_c = export(lib, posts, tmp_path / "s.csv")
    for res in (res_x, res_c):
        assert any("longer than Excel's limit of 32,767" in n for n in res.notes), res.notes
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["Posts"]
    body = ws.cell(3, HEADERS.index("Caption body") + 1).value
    assert body.startswith("🎉aaa") and body.endswith(CUT_MARK) and "END" not in body
    assert utf16_length(body) == EXCEL_CELL_MAX
    assert ws.cell(2, HEADERS.index("Caption body") + 1).value == "short"
    with open(tmp_path / "s.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cell = rows[2][HEADERS.index("Full caption")]
    assert cell.endswith(CUT_MARK) and utf16_length(cell) <= EXCEL_CELL_MAX


def test_fit_excel_never_splits_an_emoji():
    text = "😀" * 20_000                       # 40,000 UTF-16 units
    cut, was_cut = fit_excel(text)
    assert was_cut and cut.endswith(CUT_MARK)
    kept = cut[: -len(CUT_MARK)]
    assert set(kept) == {"😀"} and utf16_length(cut) <= EXCEL_CELL_MAX
    assert fit_excel("x" * EXCEL_CELL_MAX) == ("x" * EXCEL_CELL_MAX, False)


def test_the_xlsx_says_which_column_to_paste_and_that_cell_is_exact(lib, tmp_path):
    posts = make(lib, ["@nova =1+1 thanks"], hashtags=["#LiveFest"])
    export(lib, posts, tmp_path / "s.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    ws = wb["Posts"]
    header = ws.cell(1, HEADERS.index(PASTE_COLUMN) + 1)
    assert header.value == PASTE_COLUMN and "exact text to paste" in header.comment.text
    assert any("exact text to paste" in (c.value or "") for c in wb["About"]["A"])
    cell = ws.cell(2, HEADERS.index(PASTE_COLUMN) + 1)
    assert cell.value == "@nova =1+1 thanks\n\n#LiveFest" and cell.quotePrefix   # no added '


def test_pack_manifest_csv_cuts_an_over_long_caption_with_the_mark():
    from liveassets.packs.manifest import csv_bytes, read_csv

    rows = read_csv(csv_bytes([{"file": "assets/a.jpg", "caption": "=" + "b" * 40_000}]))
    caption = rows[0]["caption"]
    assert caption.startswith("'=bbb") and caption.endswith(CUT_MARK)
    assert utf16_length(caption) == EXCEL_CELL_MAX


def test_rows_are_as_tall_as_their_wrapped_text(lib, tmp_path):
    """LibreOffice does not recompute row heights when it opens an XLSX: the sheet sets them."""
    posts = make(lib, ["one line", "first\nsecond\nthird\nfourth", "w" * 260])
    export(lib, posts, tmp_path / "s.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["Posts"]
    heights = [ws.row_dimensions[r].height for r in (2, 3, 4)]
    assert heights[0] in (None, 15)                      # one line: the default row
    assert heights[1] >= 4 * 15                          # four lines in the caption
    assert heights[2] >= 5 * 15                          # 260 characters in a 50-wide column
