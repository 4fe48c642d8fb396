"""Sheets that go out, read back: XLSX cells stay text, people-CSV is neutralised, the Sprout
CSV is exact and refuses what Sprout would, the .ics gives the right instants, nothing is
overwritten without --force."""

import csv
import datetime as dt

import pytest

from liveassets.catalog.schema import new_asset
from liveassets.errors import UserError
from liveassets.publish import zones
from liveassets.publish.posts import Post, PostStore
from liveassets.publish.sheets import HEADERS, export

openpyxl = pytest.importorskip("openpyxl")
icalendar = pytest.importorskip("icalendar")

SYD = "Australia/Sydney"
UTC = dt.timezone.utc
NOW = dt.datetime(2026, 1, 1, tzinfo=UTC)
NASTY = [
    '=HYPERLINK("http://x","y")',
    "@creator thanks for coming!",
    "+61 400 000 000",
    "-50% off tonight",
    "\tTab first",
    "line one\nline two\n\nline four",
    "windows\r\nline ends",
    "Skin tones 👍🏽👋🏿 and family 👨‍👩‍👧‍👦 ❤️‍🔥",
    "مرحبا بالعالم — LIVE Fest",
    "=1+1",
    '"quoted", with a comma',
]


def asset(name, status="cleared", expires=None):
    doc = new_asset(f"/event/{name}", "image", 100, 1.0, f"fp-{name}")
    doc["tags"] = ["creator:@nova", "event:Sydney Meetup"]
    doc["rights"].update(status=status, expires=expires, credit=f"Photo: {name}")
    return doc


@pytest.fixture
def lib(library):
    docs = [asset("ok.jpg"), asset("pending.jpg", "pending"), asset("exp.jpg", expires="2026-03-01")]
    library.apply("Fill", {d["id"]: d for d in docs})
    library.ids = [d["id"] for d in docs]
    return library


def make_posts(lib, bodies, start="2026-02-01 09:00", gap=15, asset=0, **kw):
    store = PostStore(lib)
    first = zones.parse_when(start, SYD)
    for i, body in enumerate(bodies):
        store.create(asset_ids=[lib.ids[asset]], body=body, timezone=SYD, account="@livefest_au",
                     scheduled=first + dt.timedelta(minutes=gap * i), **kw)
    return store.all()


def col(name):
    return HEADERS.index(name)


def column_widths(ws, count):
    """Each column's width, 1..count, as Excel reads them: a <col> element may span several
    columns of one width (openpyxl files the span under its first letter only)."""
    widths = {}
    for dim in ws.column_dimensions.values():
        for i in range(dim.min, dim.max + 1):
            widths[i] = dim.width
    return [widths.get(i) for i in range(1, count + 1)]


def test_xlsx_keeps_every_caption_as_exact_text(lib, tmp_path):
    posts = make_posts(lib, NASTY, hashtags=["#LiveFest"])
    out = tmp_path / "sheet.xlsx"
    result = export(lib, posts, out)
    assert result.rows == len(NASTY) and "For people" in result.for_whom
    wb = openpyxl.load_workbook(out)
    ws = wb["Posts"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:W{len(NASTY) + 1}"
    body_letter = openpyxl.utils.get_column_letter(col("Caption body") + 1)
    assert ws.column_dimensions[body_letter].width == 50
    for row, text in zip(ws.iter_rows(min_row=2), NASTY):
        text = text.replace("\r\n", "\n")     # posts keep LF line ends (see posts.newlines)
        body, full = row[col("Caption body")], row[col("Full caption")]
        assert body.value == text and body.data_type == "s"
        assert full.value == text + "\n\n#LiveFest" and full.data_type == "s"
        assert full.alignment.wrap_text      # multi-line: wrapped (short one-liners need not be)
        assert row[col("Account")].value == "@livefest_au" and row[col("Account")].data_type == "s"
        assert row[col("Length")].value == len((text + "\n\n#LiveFest").encode("utf-16-le")) // 2
    assert "About" in wb.sheetnames and "Not for a scheduler" in wb["About"]["A2"].value
    # nothing in the file is stored as a formula
    import zipfile
    with zipfile.ZipFile(out) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_xlsx_read_back_every_text_cell_is_text_with_layout_and_flags(lib, tmp_path):
    """The sheet is written as SpreadsheetML directly: check what openpyxl (standing in for
    Excel and LibreOffice) reads back, cell by cell, and that every part is well-formed XML."""
    import zipfile
    from xml.etree import ElementTree

    from liveassets.publish.sheets import COLUMNS

    tricky = NASTY + ["bell\x07 and \x00 NUL from a PDF", "_x0041_ stays literal", "<b> &amp; </b>",
                      "  two spaces either side  x"]
    posts = make_posts(lib, tricky, hashtags=["#LiveFest"], notes="@ops check\nsecond line")
    posts += make_posts(lib, ["held"], start="2026-02-02 09:00", asset=1)          # BLOCKED
    posts += make_posts(lib, ["x" * 2201], start="2026-02-03 09:00", platform="instagram")
    out = tmp_path / "sheet.xlsx"
    export(lib, posts, out)
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        for name in z.namelist():
            ElementTree.fromstring(z.read(name))          # well-formed, or this raises
        raw = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/"))
    assert b"<f>" not in raw and b"<f " not in raw and b"_x005F_x0041_" in raw

    wb = openpyxl.load_workbook(out)
    ws = wb["Posts"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:W{len(posts) + 1}"
    assert column_widths(ws, len(COLUMNS)) == [w for _, w, _ in COLUMNS]
    assert all(c.font.b and c.data_type == "s" for c in ws[1])
    for row in ws.iter_rows(min_row=2):
        for cell, (_, _, kind) in zip(row, COLUMNS):
            if cell.value is None:
                continue
            if kind == "int":
                assert isinstance(cell.value, int) and cell.data_type == "n"
            else:
                assert isinstance(cell.value, str) and cell.data_type == "s", cell.coordinate
                if cell.value.startswith(("=", "+", "-", "@", "\t", "\n")):
                    assert cell.number_format == "@" and cell.quotePrefix, cell.coordinate
    by_body = {r[col("Caption body")].value: r for r in ws.iter_rows(min_row=2)}
    assert "bell and  NUL from a PDF" in by_body  # invisible controls dropped when saved
    assert "_x0041_ stays literal" in by_body and "<b> &amp; </b>" in by_body
    assert "  two spaces either side  x" in by_body
    notes = by_body["=1+1"][col("Notes")]
    assert notes.value == "@ops check\nsecond line" and notes.quotePrefix and notes.alignment.wrap_text
    red = "FFF8CBCB"
    gate = by_body["held"][col("Rights gate")]
    assert gate.value.startswith("BLOCKED") and gate.fill.fgColor.rgb == red
    assert by_body["=1+1"][col("Rights gate")].fill.fgColor.rgb != red
    limits = by_body["x" * 2201][col("Within limits")]
    assert limits.value == "no" and limits.fill.fgColor.rgb == red
    assert by_body["x" * 2201][col("Caption body")].alignment.wrap_text     # longer than the column
    assert [c.value for c in wb["About"]["A"]][:2] == ["LiveAssets caption sheet",
                                                     "For people: review and publish by hand. "
                                                     "Not for a scheduler's import."]
    assert wb["About"].column_dimensions["A"].width == 90


def test_xlsx_with_no_posts_still_opens(lib, tmp_path):
    export(lib, [], tmp_path / "empty.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "empty.xlsx")["Posts"]
    assert [c.value for c in ws[1]] == list(HEADERS) and ws.max_row == 1
    assert ws.auto_filter.ref == "A1:W1" and ws.freeze_panes == "B2"


def test_people_csv_has_bom_and_neutralises_formula_cells(lib, tmp_path):
    posts = make_posts(lib, NASTY)
    out = tmp_path / "sheet.csv"
    export(lib, posts, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfPost ID,")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(HEADERS)
    for row, text in zip(rows[1:], NASTY):
        text = text.replace("\r\n", "\n")
        cell = row[col("Caption body")]
        if text[0] in "=+-@\t":
            assert cell == "'" + text
        else:
            assert cell == text
        assert row[col("Account")] == "'@livefest_au"


def test_sprout_csv_exact_text_headers_and_format(lib, tmp_path):
    posts = make_posts(lib, NASTY, start="2026-02-01 09:05", hashtags=["#LiveFest"])
    out = tmp_path / "sprout.csv"
    result = export(lib, posts, out, preset="sprout", now=NOW)
    assert "Sprout" in result.for_whom and any(SYD in n for n in result.notes)
    raw = out.read_bytes()
    assert raw.startswith(b"date,time_24hr,message_text\r\n")      # no BOM: headers exact
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["message_text"] for r in rows] == [t.replace("\r\n", "\n") + "\n\n#LiveFest" for t in NASTY]
    assert rows[0]["date"] == "01/02/2026" and rows[0]["time_24hr"] == "09:05"
    assert rows[1]["time_24hr"] == "09:20"
    out2 = tmp_path / "sprout_us.csv"
    export(lib, posts, out2, preset="sprout", now=NOW, date_order="mdy")
    assert list(csv.DictReader(open(out2, newline="")))[0]["date"] == "02/01/2026"


def test_sprout_refuses_posts_under_ten_minutes_apart(lib, tmp_path):
    posts = make_posts(lib, ["a", "b"], gap=9)
    with pytest.raises(UserError, match="under 10 minutes apart"):
        export(lib, posts, tmp_path / "s.csv", preset="sprout", now=NOW)
    assert not (tmp_path / "s.csv").exists()


def test_sprout_refuses_more_than_350_rows(lib, tmp_path):
    posts = [Post(id=f"p{i}", asset_ids=[lib.ids[0]], body="x", timezone=SYD,
                  scheduled=zones.parse_when("2026-02-01 00:00", SYD) + dt.timedelta(minutes=10 * i))
             for i in range(351)]
    with pytest.raises(UserError, match="at most 350"):
        export(lib, posts, tmp_path / "s.csv", preset="sprout", now=NOW)
    export(lib, posts[:350], tmp_path / "s.csv", preset="sprout", now=NOW)


def test_sprout_refuses_past_unscheduled_and_over_limit(lib, tmp_path):
    late = make_posts(lib, ["past"], start="2025-12-31 09:00")
    with pytest.raises(UserError, match="in the past"):
        export(lib, late, tmp_path / "s.csv", preset="sprout", now=NOW)
    with pytest.raises(UserError, match="no date and time"):
        export(lib, [Post(asset_ids=[lib.ids[0]], body="x")], tmp_path / "s.csv", preset="sprout", now=NOW)
    long = [Post(asset_ids=[lib.ids[0]], body="x" * 2201, platform="instagram", timezone=SYD,
                 scheduled=zones.parse_when("2026-02-01 09:00", SYD))]
    with pytest.raises(UserError, match="over the limit"):
        export(lib, long, tmp_path / "s.csv", preset="sprout", now=NOW)


def test_rights_gate_flags_sheets_and_blocks_sprout_until_overridden(lib, tmp_path):
    store = PostStore(lib)
    ok = make_posts(lib, ["fine"], start="2026-02-01 09:00")[0]
    pending = make_posts(lib, ["pending"], start="2026-02-01 10:00", asset=1)[-1]
    expired = make_posts(lib, ["expired"], start="2026-03-02 10:00", asset=2)[-1]
    posts = store.all()
    export(lib, posts, tmp_path / "s.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["Posts"]
    gates = {r[0].value: r[col("Rights gate")].value for r in ws.iter_rows(min_row=2)}
    assert gates[ok.id] == "cleared"
    assert gates[pending.id].startswith("BLOCKED") and "pending" in gates[pending.id]
    assert gates[expired.id].startswith("BLOCKED") and "expired" in gates[expired.id]
    with pytest.raises(UserError, match="rights gate") as err:
        export(lib, posts, tmp_path / "s.csv", preset="sprout", now=NOW)
    assert pending.id in str(err.value) and expired.id in str(err.value)
    for p in (pending, expired):
        store.override_rights(p.id, "sam", "Cleared by phone")
    result = export(lib, store.all(), tmp_path / "s.csv", preset="sprout", now=NOW)
    assert result.rows == 3 and any("overridden" in n for n in result.notes)
    with open(tmp_path / "s.csv", newline="") as fh:
        assert [r["message_text"] for r in csv.DictReader(fh)] == ["fine", "pending", "expired"]


def test_never_overwrite_without_force_and_no_temp_left(lib, tmp_path):
    posts = make_posts(lib, ["a"])
    folder = tmp_path / "out"
    folder.mkdir()
    for name in ("s.xlsx", "s.csv", "s.md", "s.ics"):
        out = folder / name
        out.write_text("keep me")
        with pytest.raises(UserError, match="exists already") as err:
            export(lib, posts, out)
        assert str(out) in str(err.value) and out.read_text() == "keep me"
        export(lib, posts, out, force=True)
        assert out.read_text(errors="replace") != "keep me"
    assert sorted(p.name for p in folder.iterdir()) == ["s.csv", "s.ics", "s.md", "s.xlsx"]
    with pytest.raises(UserError, match="format"):
        export(lib, posts, folder / "s.pdf")
    with pytest.raises(UserError, match="does not exist"):
        export(lib, posts, folder / "nope" / "s.csv")


def test_markdown_for_chat(lib, tmp_path):
    make_posts(lib, ["Night one 🎉\nSecond line"], start="2026-02-02 18:30")
    make_posts(lib, ["Held"], start="2026-02-03 12:00", asset=1)
    export(lib, PostStore(lib).all(), tmp_path / "week.md")
    text = (tmp_path / "week.md").read_text(encoding="utf-8")
    assert "### Mon 2 Feb 2026" in text and "**18:30 TikTok @livefest_au**" in text
    assert "> Night one 🎉\n> Second line" in text
    assert "⚠️ Rights: BLOCKED" in text


def test_ics_round_trip_gives_utc_instants_across_dst(lib, tmp_path):
    store = PostStore(lib)
    for when in ("2026-04-05 01:30", "2026-04-05 03:30", "2026-10-04 01:30", "2026-10-04 03:30"):
        store.create(asset_ids=[lib.ids[0]], body=f"Post at {when}", timezone=SYD,
                     scheduled=zones.parse_when(when, SYD), status="scheduled")
    store.create(asset_ids=[lib.ids[0]], body="Auckland", timezone="Pacific/Auckland",
                 scheduled=zones.parse_when("2026-10-04 09:00", "Pacific/Auckland"))
    store.create(asset_ids=[lib.ids[0]], body="unscheduled")
    result = export(lib, store.all(), tmp_path / "cal.ics")
    assert result.rows == 5 and "1 posts without" in result.notes[0]
    cal = icalendar.Calendar.from_ical((tmp_path / "cal.ics").read_bytes())
    events = {str(e["summary"]).split(": ", 1)[1]: e for e in cal.walk("VEVENT")}
    starts = {k: e.decoded("dtstart").astimezone(UTC) for k, e in events.items()}
    assert starts == {
        "Post at 2026-04-05 01:30": dt.datetime(2026, 4, 4, 14, 30, tzinfo=UTC),   # AEDT +11
        "Post at 2026-04-05 03:30": dt.datetime(2026, 4, 4, 17, 30, tzinfo=UTC),   # AEST +10
        "Post at 2026-10-04 01:30": dt.datetime(2026, 10, 3, 15, 30, tzinfo=UTC),  # AEST +10
        "Post at 2026-10-04 03:30": dt.datetime(2026, 10, 3, 16, 30, tzinfo=UTC),  # AEDT +11
        "Auckland": dt.datetime(2026, 10, 3, 20, 0, tzinfo=UTC),                   # NZDT +13
    }
    assert {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")} == {SYD, "Pacific/Auckland"}
    ev = events["Post at 2026-10-04 03:30"]
    assert str(ev["uid"]).endswith("@liveassets.local")
    assert ev.decoded("dtend") - ev.decoded("dtstart") == dt.timedelta(minutes=10)


def test_failed_export_leaves_nothing_behind(tmp_path):
    from liveassets.atomic import write_atomic

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.csv").write_text("old")

    def broken(tmp):
        tmp.write_text("half")
        raise RuntimeError("disk on fire")

    for force in (False, True):
        target = folder / ("keep.csv" if force else "new.csv")
        with pytest.raises(RuntimeError):
            write_atomic(target, broken, force=force)
    assert sorted(p.name for p in folder.iterdir()) == ["keep.csv"]
    assert (folder / "keep.csv").read_text() == "old"
