"""Intake manifests read a typed date cell the way the rest of the app reads a typed date
(liveassets/typed_dates.py): 31/12/2027, 31 Dec 2027, 31/12/27, December 31, 2027; a column
known to be month first (a US-locale Google Sheet, columns.py) is read month first; a value that
only works month first in a day-first column is refused naming the cell and the fix."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cli_helpers import cli, one_line
from intake_gen import make_folder, rows, write_csv
from liveassets import clock
from liveassets.intake.fields import Cell, ManifestError, parse_when

CELL = Cell("responses.csv", 4, "Expiry date")


@pytest.mark.parametrize("value", ["31/12/2027", "31.12.2027", "31/12/27", "31 Dec 2027",
                                   "31 December 2027", "December 31, 2027", "Fri 31 Dec 2027",
                                   "2027-12-31", "2027/12/31"])
def test_typed_expiry_cells_in_every_form(value):
    assert parse_when(value, CELL) == dt.datetime(2027, 12, 31)


def test_google_forms_timestamps_still_read_both_orders():
    assert parse_when("3/11/2026 10:15:22 PM GMT+11", CELL) == dt.datetime(2026, 11, 3, 22, 15, 22)
    assert parse_when("11/3/2026 10:15:22", CELL, day_first=False) == \
        dt.datetime(2026, 11, 3, 10, 15, 22)


@pytest.mark.parametrize("value,says", [
    ("12/31/2027", '"12/31/2027" has no month 31: write day first, 31/12/2027.'),
    ("31/02/2027", '"31/02/2027" is not a date: February 2027 has 28 days.'),
    ("Mon 31 Dec 2027", '"Mon 31 Dec 2027" is not a date: 31 Dec 2027 is a Friday.'),
    ("next spring", '"next spring" is not a date: write it as 31/12/2026, 31 Dec 2026 or '
                    "2026-12-31, or as Google Forms writes its timestamps."),
])
def test_refused_cells_name_the_cell_and_the_reason(value, says):
    with pytest.raises(ManifestError) as info:
        parse_when(value, CELL)
    assert str(info.value) == f'responses.csv, row 4, column "Expiry date": {says}'


def test_a_day_first_expiry_column_is_stored_iso(tmp_path, capsys):
    today = clock.today()
    make_folder(tmp_path / "drive")
    data = rows(today)
    end = today + dt.timedelta(days=400)
    for row in data:
        row[8] = f"{end.day}/{end.month}/{end.year % 100:02d}"  # "5/1/28", as people type it
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    folder = tmp_path / "drive" / "LIVE Fest Submissions (File responses)"
    code, _, err = cli(capsys, "--library", tmp_path / "lib", "intake", folder)
    assert code == 0, err
    code, out, _ = cli(capsys, "--library", tmp_path / "lib", "list", "--json")
    expiries = {a["name"]: a["rights"]["expires"] for a in json.loads(out)}
    assert expiries["dance - Ana Lee.jpg"] == end.isoformat()  # cleared by her row


def test_a_month_first_value_in_a_day_first_column_is_one_line(tmp_path, capsys):
    today = clock.today()
    make_folder(tmp_path / "drive")
    data = rows(today)
    data[0][8] = "25/12/2027"  # only day first: the column is day first
    data[4][8] = "12/31/2027"
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    folder = tmp_path / "drive" / "LIVE Fest Submissions (File responses)"
    code, _, err = cli(capsys, "--library", tmp_path / "lib", "intake", folder)
    assert code == 1
    assert one_line(err).endswith('responses.csv, row 6, column "Expiry date": "12/31/2027" has '
                                  "no month 31: write day first, 31/12/2027.")
