"""Intake of a Google Forms-style submissions folder: what each file becomes, what the report
lists, and that nothing uncleared leaves through the real exports (pack, sheet, render gate)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from intake_gen import make_folder, write_csv, write_xlsx
from liveassets import clock
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.rights import may_publish
from liveassets.intake.run import run
from liveassets.media.scan import scan


@pytest.fixture
def today():
    return clock.today()


@pytest.fixture
def taken(tmp_path, today):
    """A library holding IMG_0042.jpg (scanned first), then the submissions taken in."""
    folder = make_folder(tmp_path / "drive", library_copy=tmp_path / "camera")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    cat = Catalog(tmp_path / "lib")
    scan(cat, [tmp_path / "camera"], thumbnails=False)
    report = run(cat, folder, manifest=tmp_path / "drive" / "responses.csv",
                 campaign="LIVE Fest", thumbnails=False)
    yield cat, report, folder
    cat.close()


def _by_name(cat, stem):
    return next(a for a in cat.all() if a["name"].startswith(stem))


def test_each_file_gets_its_creator_campaign_rights_and_row(taken, today):
    cat, report, _ = taken
    ana = _by_name(cat, "dance - Ana Lee")
    assert "creator:@ana.live" in ana["tags"] and "campaign:LIVE Fest" in ana["tags"]
    assert ana["rights"]["status"] == "cleared"
    assert ana["rights"]["credit"] == "@ana.live"
    assert "TikTok, Instagram" in ana["rights"]["terms"] and "AU, NZ" in ana["rights"]["terms"]
    assert "Consent: form response, responses.csv row 2" in ana["rights"]["notes"]
    assert ana["submission"]["row"] == 2
    assert ana["submission"]["values"]["email"] == "ana@example.com"
    assert ana["submission"]["extra"] == {"Favourite colour": "blue"}
    assert may_publish(ana, catalog=cat)
    # the handle comes out of a profile link; the credit line given is kept
    cara = _by_name(cat, "ad cut - Cara Diaz")
    assert "creator:@cara.d" in cara["tags"] and cara["rights"]["credit"] == "Video by @cara.d"
    assert len(report.files) == 6


def test_minor_expired_spark_no_consent_no_row_and_duplicate_stay_pending(taken, today):
    cat, report, _ = taken
    expected = {
        "intro - Ben Ng": "a minor: guardian consent missing",
        "ad cut - Cara Diaz": "Spark Ads code expired on "
                              f"{(today - dt.timedelta(days=33)).isoformat()}",
        "fresh - Eve Kim": "consent missing",
        "stray - Zed Stray": "no row in the manifest",
        "dup - Dan Roe": "already in the library",
    }
    for stem, why in expected.items():
        asset = _by_name(cat, stem)
        assert asset["rights"]["status"] == "pending", stem
        assert why in asset["rights"]["notes"], (stem, asset["rights"]["notes"])
        assert not may_publish(asset, catalog=cat)
    # the library's own copy of the duplicate keeps what it had
    assert _by_name(cat, "IMG_0042")["rights"]["status"] == "unknown"


def test_the_report_lists_every_case_that_needs_a_person(taken):
    cat, report, folder = taken
    data = report.to_json()
    assert [os.path.basename(p) for p in data["no_row"]] == ["stray - Zed Stray.jpg"]
    assert [(r["row"], r["handle"]) for r in data["no_file"]] == [(7, "fay.wu")]
    assert [os.path.basename(d["path"]) for d in data["duplicates"]] == ["dup - Dan Roe.jpg"]
    assert data["duplicates"][0]["already"].endswith("IMG_0042.jpg")
    assert data["duplicate_rows"] == [{"row": 8, "same_as": 2}]
    assert [r["row"] for r in data["no_consent"]] == [6]
    assert data["cleared"] == 1 and data["pending"] == 5
    assert "Favourite colour" in data["unused_columns"]
    text = "\n".join(report.lines())
    assert "Rows with no file: 1" in text and "row 7 @fay.wu" in text


def test_nothing_pending_leaves_through_a_pack_a_sheet_or_a_render(taken, tmp_path):
    from liveassets.cuts.plan import CutPlan, Segment
    from liveassets.cuts.validate import validate
    from liveassets.packs.plan import prepare
    from liveassets.publish.posts import Post
    from liveassets.publish.sheets import build_rows

    cat, report, _ = taken
    plan = prepare(cat, 'tag:"campaign:LIVE Fest"', audience="external")
    assert [i.original_name for i in plan.items] == ["dance - Ana Lee.jpg"]
    assert len(plan.left_out) == 5
    pending = [f.asset_id for f in report.files if f.status != "cleared"]
    rows = build_rows(cat, [Post(asset_ids=pending)])
    assert rows[0].blocked and rows[0].values[17].startswith("BLOCKED")
    ben = _by_name(cat, "intro - Ben Ng")
    problems = [str(p) for p in validate(CutPlan(segments=[Segment(ben["path"], 0.0, 1.0)]),
                                         cat, clock.today()) if p.rights]
    assert problems and "rights pending" in problems[0]


def test_the_xlsx_sheet_gives_the_same_result_as_the_csv(tmp_path, today):
    folder = make_folder(tmp_path / "drive")
    manifest = write_xlsx(tmp_path / "drive" / "responses.xlsx", today)
    with Catalog(tmp_path / "lib") as cat:
        report = run(cat, folder, campaign="LIVE Fest", thumbnails=False)  # found in the folder
        assert report.manifest == str(manifest)
        status = {os.path.basename(f.path): f.status for f in report.files}
        assert status["dance - Ana Lee.jpg"] == "cleared"
        assert status["ad cut - Cara Diaz.jpg"] == "pending"
        assert _by_name(cat, "dance - Ana Lee")["submission"]["values"]["received"].startswith(
            (today - dt.timedelta(days=3)).isoformat())


def test_the_submitted_files_are_never_written(tmp_path, today):
    folder = make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    with Catalog(tmp_path / "lib") as cat:
        run(cat, folder, thumbnails=False)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    assert after == before


def test_one_undo_takes_the_whole_intake_back(tmp_path, today):
    folder = make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    with Catalog(tmp_path / "lib") as cat:
        report = run(cat, folder, thumbnails=False)
        assert len(cat) == 6
        cat.undo(report.change)
        assert len(cat) == 0
        cat.redo(report.change)
        assert _by_name(cat, "dance - Ana Lee")["rights"]["status"] == "cleared"


def test_taking_in_again_after_fixing_the_sheet_updates_the_rights(tmp_path, today):
    from intake_gen import rows

    folder = make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    with Catalog(tmp_path / "lib") as cat:
        run(cat, folder, campaign="Fest", thumbnails=False)
        fixed = rows(today)
        fixed[4][13] = "CONSENT-EMAIL-0042"  # Eve's consent arrived by email
        write_csv(tmp_path / "drive" / "responses.csv", today, data=fixed)
        again = run(cat, folder, campaign="Fest", thumbnails=False)
        eve = _by_name(cat, "fresh - Eve Kim")
        assert eve["rights"]["status"] == "cleared"
        assert "Consent: CONSENT-EMAIL-0042." in eve["rights"]["notes"]
        assert eve["tags"].count("campaign:Fest") == 1 and len(cat) == 6
        cat.undo(again.change)
        assert _by_name(cat, "fresh - Eve Kim")["rights"]["status"] == "pending"


def test_a_spark_code_still_valid_caps_the_expiry_and_the_gate_stops_it_after(tmp_path, today):
    from intake_gen import rows

    folder = make_folder(tmp_path / "drive")
    data = rows(today)
    data[2][0] = (today - dt.timedelta(days=10)).strftime("%d/%m/%Y 09:00:00")
    data[2][10] = "30"  # valid 30 days from the day it was received: 20 days left
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    with Catalog(tmp_path / "lib") as cat:
        run(cat, folder, thumbnails=False)
        cara = _by_name(cat, "ad cut - Cara Diaz")
        end = today + dt.timedelta(days=20)
        assert cara["rights"]["status"] == "cleared"
        assert cara["rights"]["expires"] == end.isoformat()  # not the licence's year
        assert f"Spark Ads code #SPARK7AB valid until {end.isoformat()}" in cara["rights"]["terms"]
        assert may_publish(cara, on=end, catalog=cat)
        assert not may_publish(cara, on=end + dt.timedelta(days=1), catalog=cat)


@pytest.mark.parametrize("stamp", ["31/12/9999 23:59:59", "LATER"])
def test_a_spark_code_dated_after_today_stays_pending_in_one_run(tmp_path, today, stamp):
    """A typo'd year (9999, or next year for this one) made the code valid for years; 9999
    with a 365-day code raised OverflowError and imported nothing."""
    from intake_gen import rows

    if stamp == "LATER":
        stamp = (today + dt.timedelta(days=40)).strftime("%d/%m/%Y 09:00:00")
    folder = make_folder(tmp_path / "drive")
    data = rows(today)
    data[2][0], data[2][10] = stamp, "365"
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    with Catalog(tmp_path / "lib") as cat:
        run(cat, folder, thumbnails=False)
        cara = _by_name(cat, "ad cut - Cara Diaz")
        assert cara["rights"]["status"] == "pending"
        assert not may_publish(cara, catalog=cat)
        assert "after today" in cara["rights"]["notes"]


@pytest.mark.parametrize("cell, tag", [
    ("https://www.tiktok.com/@Ana.Live?lang=en", "creator:@Ana.Live"),
    ("instagram.com/ana.live/?hl=en", "creator:@ana.live"),
    ("'@ana.live", "creator:@ana.live"),  # as our own sheets write a cell starting with @
])
def test_handles_come_out_of_profile_links_and_guarded_cells(tmp_path, today, cell, tag):
    from intake_gen import rows

    folder = make_folder(tmp_path / "drive")
    data = rows(today)[:1]
    data[0][3] = cell
    write_csv(tmp_path / "drive" / "responses.csv", today, data=data)
    with Catalog(tmp_path / "lib") as cat:
        run(cat, folder, thumbnails=False)
        assert tag in _by_name(cat, "dance - Ana Lee")["tags"]


def test_taking_in_again_keeps_rights_a_person_set_on_a_file_no_row_claims(tmp_path, today):
    folder = make_folder(tmp_path / "drive")
    write_csv(tmp_path / "drive" / "responses.csv", today)
    with Catalog(tmp_path / "lib") as cat:
        first = run(cat, folder, campaign="Fest", thumbnails=False)
        orphan = cat.by_path(first.no_row[0])
        assert orphan["rights"]["status"] == "pending"
        cat.set_rights([orphan["id"]], status="cleared", credit="Photo: cleared by email",
                       notes="Cleared by the creator's email of 2 Dec.")
        again = run(cat, folder, campaign="Fest", thumbnails=False)
        kept = cat.get(orphan["id"])["rights"]
        assert kept["status"] == "cleared" and kept["credit"] == "Photo: cleared by email"
        assert first.no_row[0] in again.no_row          # still reported: no row claims it
        assert may_publish(cat.get(orphan["id"]), on=today).allowed
