"""Manifests as people have them: bad ones refused in one line naming file, row and column
with nothing imported; unknown headers mapped once and remembered; the app's template; a
Dropbox file request's folder with a CSV naming the files."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from cli_helpers import cli, one_line
from intake_gen import HEADERS, make_folder, rows, write_csv
from liveassets import clock
from liveassets.catalog.catalog import Catalog
from mediagen import make_jpeg


@pytest.fixture
def today():
    return clock.today()


def _intake(capsys, tmp_path, *extra):
    folder = tmp_path / "drive" / "LIVE Fest Submissions (File responses)"
    return cli(capsys, "--library", tmp_path / "lib", "intake", folder, *extra)


def _imported(tmp_path) -> int:
    if not (tmp_path / "lib").exists():
        return 0
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        return len(cat)


def test_a_sheet_saved_as_windows_1252_is_refused_naming_row_and_column(tmp_path, capsys, today):
    make_folder(tmp_path / "drive")
    data = rows(today)
    data[1][2] = "Benoît Ng"
    path = tmp_path / "drive" / "responses.csv"
    with open(path, "w", encoding="cp1252", newline="") as fh:
        csv.writer(fh).writerows([HEADERS] + data)
    code, out, err = _intake(capsys, tmp_path, "--manifest", path)
    line = one_line(err)
    assert code == 1
    assert 'responses.csv, row 3, column "Your name": the text is not UTF-8' in line
    assert "Windows-1252" in line and "CSV UTF-8" in line
    assert _imported(tmp_path) == 0


def test_a_bad_date_and_a_bad_spark_validity_name_their_cell(tmp_path, capsys, today):
    make_folder(tmp_path / "drive")
    data = rows(today)
    data[3][8] = "next spring"
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    code, _, err = _intake(capsys, tmp_path)
    assert code == 1
    assert 'responses.csv, row 5, column "Expiry date": "next spring" is not a date' \
        in one_line(err)
    data = rows(today)
    data[2][10] = "14"
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    code, _, err = _intake(capsys, tmp_path)
    assert 'row 4, column "Spark code valid for (days)": "14" is not a Spark Ads code ' \
           'validity: TikTok codes last 7, 30, 60 or 365 days' in one_line(err)
    assert _imported(tmp_path) == 0


def test_a_missing_column_is_refused_and_a_mapping_given_once_is_remembered(tmp_path, capsys,
                                                                             today):
    make_folder(tmp_path / "drive")
    headers = list(HEADERS)
    headers[3] = "Where do fans find you?"  # a question intake cannot guess
    write_csv(tmp_path / "drive" / "responses.csv", today, headers=headers)
    code, _, err = _intake(capsys, tmp_path)
    line = one_line(err)
    assert code == 1 and 'no column for "Handle"' in line and "'Where do fans find you?'" in line
    assert '--map "Column header=handle"' in line
    assert _imported(tmp_path) == 0
    code, out, err = _intake(capsys, tmp_path, "--map", "Where do fans find you?=handle", "--json")
    assert code == 0, err
    # the next sheet from the same form maps itself
    code, out, err = _intake(capsys, tmp_path)
    assert code == 0, err
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        assert cat.query("tag:creator:@ana.live")


def test_a_mapping_to_an_unknown_field_is_one_line(tmp_path, capsys, today):
    make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    code, _, err = _intake(capsys, tmp_path, "--map", "Your name=nickname")
    assert code == 1 and '"nickname" is not a manifest field' in one_line(err)


def test_the_template_is_read_without_mapping_and_files_match_by_name(tmp_path, capsys, today):
    """A Dropbox file request keeps the names people uploaded; the app's template names them."""
    template = tmp_path / "manifest.csv"
    code, out, _ = cli(capsys, "intake", "--template", template)
    assert code == 0 and "Wrote the manifest template" in out
    with open(template, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:6] == ["Submitter name", "Handle", "Email", "Received", "Files", "Licence"]
    folder = tmp_path / "File requests" / "Meetup clips"
    make_jpeg(folder / "IMG_1001.jpg", size=(32, 32))
    make_jpeg(folder / "Mia" / "IMG_1002.jpg", size=(32, 32), color=(0, 0, 255))
    end = (today + dt.timedelta(days=90)).isoformat()
    with open(template, "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        row = dict.fromkeys(header, "")
        row.update({"Submitter name": "Mia", "Handle": "mia", "Files": "IMG_1001.jpg, IMG_1002.jpg",
                    "Licence": "Licensed", "Permitted channels": "Instagram",
                    "Expiry date": end, "Consent reference": "email 2026-11-02 from Mia"})
        w.writerow(row.values())
    code, out, err = cli(capsys, "--library", tmp_path / "lib", "intake", folder, "--manifest",
                         template, "--campaign", "Meetup", "--json")
    assert code == 0, err
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        docs = cat.query("tag:creator:@mia")
        assert sorted(d["name"] for d in docs) == ["IMG_1001.jpg", "IMG_1002.jpg"]
        assert {d["rights"]["status"] for d in docs} == {"cleared"}
        assert {d["rights"]["expires"] for d in docs} == {end}
    code, out, _ = cli(capsys, "intake", "--template", template)
    assert code == 1 and "exists" in one_line(_)


def test_two_rows_that_claim_a_file_with_different_grants_keep_it_pending(tmp_path, today):
    from liveassets.intake.run import run

    folder = make_folder(tmp_path / "drive")
    data = rows(today)
    data[6][6] = "Internal only"  # Ana's second answer says something else
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    with Catalog(tmp_path / "lib") as cat:
        report = run(cat, folder, thumbnails=False)
        ana = next(a for a in cat.all() if a["name"].startswith("dance"))
        assert ana["rights"]["status"] == "pending"
        assert "rows 2 and 8 claim it with different grants" in ana["rights"]["notes"]
        assert report.conflicts == [(ana["path"], [2, 8])]


def test_an_unknown_licence_or_internal_channel_is_pending_with_the_reason(tmp_path, today):
    from liveassets.intake.run import run

    folder = make_folder(tmp_path / "drive")
    data = rows(today)
    data[0][5] = "Whatever you like"
    data[3][6] = "Internal only"
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data[:6])
    with Catalog(tmp_path / "lib") as cat:
        run(cat, folder, thumbnails=False)
        notes = {a["name"].split(" - ")[0]: a["rights"]["notes"] for a in cat.all()}
    assert 'licence "Whatever you like" not understood' in notes["dance"]
    assert "internal use only (no public channel permitted)" in notes["dup"]


def test_a_cancelled_intake_leaves_nothing_behind(tmp_path, today):
    from liveassets.intake.run import run
    from liveassets.jobs import CancelToken

    folder = make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    token = CancelToken()

    def progress(p):
        if p.phase == "Reading facts" and p.done >= 2:
            token.cancel()

    with Catalog(tmp_path / "lib") as cat:
        report = run(cat, folder, progress=progress, cancel=token, thumbnails=False)
        assert report.cancelled and len(cat) == 0
        assert report.summary() == "Cancelled: nothing was imported."


def test_creators_lists_files_statuses_and_expiring_soon(tmp_path, capsys, today):
    import json

    make_folder(tmp_path / "drive")
    data = rows(today)
    data[3][8] = (today + dt.timedelta(days=5)).isoformat()  # Dan's licence ends in 5 days
    data[3][13] = "I agree"
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    assert _intake(capsys, tmp_path)[0] == 0
    code, out, _ = cli(capsys, "--library", tmp_path / "lib", "creators", "--json")
    people = {c["handle"]: c for c in json.loads(out)}
    assert people["ana.live"]["files"] == 1 and people["ana.live"]["public_now"] == 1
    assert people["ben_ng"]["statuses"] == {"pending": 1}
    assert people["cara.d"]["public_now"] == 0
    dan = people["danroe"]  # no copy in the library here: cleared, ending in 5 days
    assert dan["statuses"] == {"cleared": 1} and dan["expiring_soon"] == 1
    assert dan["next_expiry"] == (today + dt.timedelta(days=5)).isoformat()
    assert people["ana.live"]["expiring_soon"] == 0
    code, out, _ = cli(capsys, "--library", tmp_path / "lib", "creators")
    assert "@ana.live: 1 file (1 cleared); 1 public today" in out


@pytest.mark.parametrize("column, value, says", [
    (0, "yesterday", 'column "Timestamp": "yesterday" is not a date'),
    (0, "31/02/2026 10:00:00", 'column "Timestamp": "31/02/2026 10:00:00" is not a date'),
    (0, "2026-11-03 25:99", 'column "Timestamp": "2026-11-03 25:99" has a time that cannot'),
    (8, "2026-13-01", 'column "Expiry date": "2026-13-01" is not a date'),
    (10, "thirty", 'column "Spark code valid for (days)": "thirty" is not a Spark Ads code'),
    (11, "maybe", 'column "Are you under 18?": "maybe" is neither yes nor no'),
])
def test_every_kind_of_bad_cell_is_one_line_with_nothing_imported(tmp_path, capsys, today,
                                                                   column, value, says):
    make_folder(tmp_path / "drive")
    data = rows(today)
    data[4][column] = value
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    code, _, err = _intake(capsys, tmp_path)
    assert code == 1 and f"responses.csv, row 6, {says}" in one_line(err)
    assert _imported(tmp_path) == 0


@pytest.mark.parametrize("name, content, says", [
    ("responses.xlsx", b"Timestamp,Handle\n", "is not an Excel workbook that can be read"),
    ("responses.csv", b"", "has no header row"),
    ("responses.csv", b"a\0b,c\n", "holds NUL bytes"),
    ("responses.numbers", b"x", "is not a manifest LiveAssets reads"),
    ("responses.csv", b'Handle,Licence\n"@a,Licensed\n', "no column for"),
])
def test_files_that_are_not_sheets_are_one_line(tmp_path, capsys, name, content, says):
    make_folder(tmp_path / "drive")
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = _intake(capsys, tmp_path, "--manifest", path)
    assert code == 1 and says in one_line(err)
    assert _imported(tmp_path) == 0


def test_a_missing_manifest_or_folder_is_one_line(tmp_path, capsys):
    make_folder(tmp_path / "drive")
    code, _, err = _intake(capsys, tmp_path, "--manifest", tmp_path / "nope.csv")
    assert code == 1 and "nope.csv" in one_line(err)
    code, _, err = _intake(capsys, tmp_path, "--manifest", tmp_path)
    assert code == 1 and "is not a manifest LiveAssets reads" in one_line(err)
    code, _, err = cli(capsys, "--library", tmp_path / "lib", "intake", tmp_path / "gone")
    assert code == 1 and "is not a folder" in one_line(err)
    code, _, err = cli(capsys, "--library", tmp_path / "lib", "intake")
    assert code == 1 and "Name the submissions folder" in one_line(err)


def test_google_timestamps_and_month_first_sheets_are_read(tmp_path, today):
    from liveassets.intake.fields import Cell, parse_when, slash_order

    cell = Cell("r.csv", 2, "Timestamp")
    assert parse_when("2026/11/03 10:15:22 PM GMT+11", cell) == dt.datetime(2026, 11, 3, 22, 15, 22)
    assert parse_when("3 November 2026", cell) == dt.datetime(2026, 11, 3)
    assert slash_order(["11/3/2026 9:00:00", "11/13/2026 9:00:00"]) is False  # US sheet
    assert slash_order(["13/11/2026 9:00:00"]) is True
    assert parse_when("11/3/2026 9:00:00", cell, day_first=False).date() == dt.date(2026, 11, 3)


def test_a_read_only_library_refuses_intake_in_one_line(tmp_path, capsys, today):
    import os
    import stat

    make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    Catalog(tmp_path / "lib").close()
    mode = os.stat(tmp_path / "lib").st_mode
    os.chmod(tmp_path / "lib", stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(tmp_path / "lib", os.W_OK):
            pytest.skip("running as a user who may write anywhere")
        code, _, err = _intake(capsys, tmp_path)
        assert code == 1 and "cannot be written" in one_line(err)
    finally:
        os.chmod(tmp_path / "lib", mode)


def test_files_renamed_with_the_account_name_match_by_email(tmp_path, today):
    """Google appends the uploader's account name ("ana.lee"), not the name typed ("Ana")."""
    from intake_gen import HEADERS
    from liveassets.intake.run import run

    folder = tmp_path / "Fest (File responses)" / "Clip (File responses)"
    make_jpeg(folder / "clip - ana.lee.jpg", size=(32, 32))
    end = (today + dt.timedelta(days=30)).isoformat()
    row = ["01/11/2026 10:00:00", "ana.lee@example.com", "Ana", "@ana", "https://drive/x",
           "Licensed", "TikTok", "AU", end, "", "", "No", "", "I agree", "", ""]
    write_csv(tmp_path / "r.csv", today, headers=HEADERS, data=[row])
    with Catalog(tmp_path / "lib") as cat:
        report = run(cat, folder.parent, manifest=tmp_path / "r.csv", thumbnails=False)
        assert report.no_row == [] and report.cleared == 1


def test_a_failed_save_takes_back_what_the_scan_added(tmp_path, today, monkeypatch):
    from liveassets.catalog.storage import StorageError
    from liveassets.intake import run as intake_run

    folder = make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    with Catalog(tmp_path / "lib") as cat:
        real = cat.apply

        def apply(label, values, source="edit"):
            if label == intake_run.LABEL:
                raise StorageError("Cannot save the library: the disk is full.")
            return real(label, values, source)

        monkeypatch.setattr(cat, "apply", apply)
        with pytest.raises(StorageError):
            intake_run.run(cat, folder, thumbnails=False)
        assert len(cat) == 0


@pytest.mark.parametrize("licence_cell, channels_cell, reason", [
    ("I don't own it", "TikTok", "licence \"I don't own it\" not understood"),
    ("Not licensed", "TikTok", 'licence "Not licensed" not understood'),
    ("Licensed", "Internal use", "internal use only (no public channel permitted)"),
    ("Licensed", "none", "internal use only (no public channel permitted)"),
    ("Licensed", "N/A", "internal use only (no public channel permitted)"),
    ("Licensed", "", "no permitted channels"),
])
def test_words_that_grant_nothing_never_clear(tmp_path, today, licence_cell, channels_cell,
                                              reason):
    from liveassets.intake.run import run

    folder = make_folder(tmp_path / "drive")
    data = rows(today)[:1]
    data[0][5], data[0][6] = licence_cell, channels_cell
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    with Catalog(tmp_path / "lib") as cat:
        run(cat, folder, thumbnails=False)
        ana = next(a for a in cat.all() if a["name"].startswith("dance"))
        assert ana["rights"]["status"] == "pending" and reason in ana["rights"]["notes"]


@pytest.mark.parametrize("cell, consent", [
    ("No, I do not agree", None), ("I don't agree", None), ("Declined", None), ("", None),
    ("Withdrawn 2026-11-20", None), ("Yes", "form response"), ("I agree to the terms",
                                                               "form response"),
    ("Notarised release NR-12", "Notarised release NR-12"), ("CF-0042", "CF-0042"),
])
def test_consent_cells_are_read_strictly(cell, consent):
    from liveassets.intake.fields import consent_reference

    got = consent_reference(cell, "form response")
    assert got == consent
