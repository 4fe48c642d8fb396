"""Hostile inputs to this session's new boundaries (issues #14-#17) found by helper "breaker":
weeks at the ends of the calendar, a manifest template named for a format it is not, and a size
cap under a megabyte named as "0 MB". Each is one line naming the thing, never a traceback."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from cli_helpers import cli, one_line
from liveassets.intake.fields import LABELS


@pytest.mark.parametrize("week", ["0001-W01", "9999-W52"])
def test_a_week_at_the_ends_of_the_calendar_is_one_line(capsys, tmp_path, week):
    # both raised OverflowError (the report reads the week before and the days after)
    code, _, err = cli(capsys, "--library", tmp_path / "lib", "report", "--week", week, "--json")
    assert code != 0
    assert week in one_line(err) and "1970 to 9998" in err


def test_the_last_week_a_report_covers_still_writes(capsys, tmp_path):
    code, out, _ = cli(capsys, "--library", tmp_path / "lib", "report", "--week", "9998-W52",
                       "-o", tmp_path / "late.xlsx")
    assert code == 0 and load_workbook(tmp_path / "late.xlsx").sheetnames


def test_the_manifest_template_is_what_its_name_says(capsys, tmp_path):
    code, _, _ = cli(capsys, "intake", "--template", tmp_path / "sheet.xlsx")
    assert code == 0  # was CSV text in a file named .xlsx: Excel refuses it
    sheet = load_workbook(tmp_path / "sheet.xlsx").active
    assert [c.value for c in sheet[1]] == list(LABELS.values())
    code, _, err = cli(capsys, "intake", "--template", tmp_path / "sheet.txt")
    assert code != 0 and "sheet.txt" in one_line(err) and ".csv or .xlsx" in err
    assert not (tmp_path / "sheet.txt").exists()


def test_a_size_cap_under_a_megabyte_is_named_in_kilobytes(capsys, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text('{"name": "p", "segments": [{"source": "a.mp4", "start": 0, "end": 1}]}')
    script = tmp_path / "script.txt"
    script.write_bytes(b"word " * 300_000)  # 1.5 MB, over the script's 200 KB cap
    code, _, err = cli(capsys, "--library", tmp_path / "lib", "captions", "align", plan,
                       "--script", script)
    line = one_line(err)
    assert code != 0 and "is 1.5 MB" in line and "at most 200 KB" in line  # was "0 MB"


def test_a_huge_sheet_for_the_wrong_folder_lists_a_screenful_then_counts(capsys, tmp_path):
    import json

    import intake_gen as gen
    from liveassets import clock

    today = clock.today()
    folder = gen.make_folder(tmp_path / "in")
    rows = []
    for i in range(300):  # 300 answers whose uploads are not in this folder
        row = list(gen.rows(today)[0])
        row[2], row[4] = f"Person {i}", gen.LINK.format(1000 + i)
        rows.append(row)
    sheet = gen.write_csv(tmp_path / "responses.csv", today, data=rows)
    code, out, _ = cli(capsys, "--library", tmp_path / "lib", "intake", folder,
                       "--manifest", sheet)
    assert code == 0 and out.startswith("6 files taken in")
    assert "Rows with no file: 300" in out and "  … and 280 more (--json lists every one)" in out
    assert len(out.splitlines()) < 60  # was one line per row: 300 more
    code, out, _ = cli(capsys, "--library", tmp_path / "lib2", "intake", folder,
                       "--manifest", sheet, "--json")
    assert len(json.loads(out)["no_file"]) == 300


def test_a_folder_holding_the_library_never_takes_in_its_thumbnails(capsys, tmp_path):
    """The demo writes its campaign into the library folder, and a home folder holds the
    default library: scanning or taking in such a folder indexed every thumbnail as a photo
    (and the next scan the thumbnails of those)."""
    import mediagen

    home = tmp_path / "home"
    mediagen.make_jpeg(home / "shoot" / "IMG_1.jpg", size=(64, 48))
    mediagen.make_video(home / "shoot" / "clip.mp4", size=(64, 48), seconds=0.3)
    lib = home / "LiveAssets"
    for _ in range(2):
        code, out, _ = cli(capsys, "--library", lib, "scan", home)
        assert code == 0 and out.startswith("2 media files"), out
    assert list((lib / "thumbs").rglob("*.jpg"))  # the thumbnails are there, not indexed
    code, out, _ = cli(capsys, "--library", lib, "intake", home)
    assert code == 0 and out.startswith("2 files taken in"), out
