"""Rights limited to channels: a file cleared for TikTok only goes out on TikTok posts and is
blocked on Instagram ones, in every export read back (XLSX, Sprout CSV, .ics, the CLI), a recap
made from it inherits the limit, intake stores a row's channels, the CLI records them, search
finds them and an asset pack tells the designer."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import zipfile

import pytest

from cli_helpers import cli, one_asset_library, one_line
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.channels import CHANNELS, describe
from liveassets.catalog.rights import RightsError, clean_rights, may_publish
from liveassets.catalog.schema import new_asset
from liveassets.cuts.lineage import inherit
from liveassets.cuts.plan import CutPlan, Segment
from liveassets.errors import UserError
from liveassets.publish import zones
from liveassets.publish.gate import check_post, uncleared_creators
from liveassets.publish.platforms import PLATFORMS
from liveassets.publish.posts import PostStore
from liveassets.publish.sheets import HEADERS, export

openpyxl = pytest.importorskip("openpyxl")
icalendar = pytest.importorskip("icalendar")

SYD = "Australia/Sydney"
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def _asset(name, kind="image", **rights):
    doc = new_asset(f"/ev/{name}", kind, 100, 1.0, f"fp-{name}")
    doc["tags"] = ["creator:@nova"]
    doc["rights"].update(status="cleared", credit=f"Photo: {name}", **rights)
    return doc


@pytest.fixture
def lib(library):
    docs = {"tiktok": _asset("tiktok_only.jpg", channels=["tiktok"]),
            "free": _asset("anywhere.jpg")}
    library.apply("Fill", {d["id"]: d for d in docs.values()})
    library.ids = {k: d["id"] for k, d in docs.items()}
    return library


def _post(lib, asset, platform, when="2026-02-01 09:00", body=None):
    store = PostStore(lib)
    change = store.create(asset_ids=[lib.ids[asset]], platform=platform, timezone=SYD,
                          body=body or f"{asset} on {platform}", account="@livefest_au",
                          scheduled=zones.parse_when(when, SYD))
    return store.get(change.ids[0])


# -- the vocabulary and the one rule ------------------------------------------------------------

def test_the_channels_are_the_posting_platforms():
    assert CHANNELS == PLATFORMS


@pytest.mark.parametrize("typed, stored", [
    ("TikTok", ["tiktok"]), ("tiktok,instagram", ["tiktok", "instagram"]),
    ("Instagram Reels, TikTok", ["tiktok", "instagram"]), ("YouTube Shorts", ["youtube"]),
    ("Twitter", ["x"]), ("X (Twitter)", ["x"]), ("tik tok and youtube", ["tiktok", "youtube"]),
    (["X", "twitter"], ["x"]), ("all", []), ("", []), (None, []), ("Twitter/X", ["x"]),
    ("Instagram (Reels & Stories)", ["instagram"]), ("TikTok only", ["tiktok"]),
    ("TikTok LIVE, all platforms", []), ("Insta, TT", ["tiktok", "instagram"]),
    ("IG Reels and YT Shorts", ["instagram", "youtube"]),
])
def test_people_s_spellings_become_platform_ids(typed, stored):
    assert clean_rights({"channels": typed}) == {"channels": stored}


@pytest.mark.parametrize("typed, bad", [("myspace", "myspace"), ("tiktok, website", "website"),
                                        ("Facebook", "Facebook")])
def test_an_unknown_channel_is_one_line_naming_it_and_the_choices(typed, bad):
    with pytest.raises(RightsError) as err:
        clean_rights({"channels": typed})
    assert str(err.value) == f'Unknown channel "{bad}": use tiktok, instagram, youtube or x.'


def test_may_publish_refuses_another_platform_in_the_user_s_words():
    photo = {"rights": {"status": "cleared", "channels": ["tiktok"]}}
    refused = may_publish(photo, platform="instagram")
    assert not refused and refused.reason == "cleared for TikTok only, not Instagram"
    assert may_publish(photo, platform="tiktok")
    assert may_publish(photo)  # packs, contact sheets, renders: no platform, no change
    two = {"rights": {"status": "cleared", "channels": ["tiktok", "instagram"]}}
    assert may_publish(two, platform="x").reason == "cleared for TikTok and Instagram only, not X"
    # libraries written before channels existed: no field is every channel
    assert may_publish({"rights": {"status": "cleared"}}, platform="youtube")
    # a record edited by hand is read strictly, never as "every channel"
    assert may_publish({"rights": {"status": "cleared", "channels": "TikTok"}}, platform="tiktok")
    for odd in ("TikTok", ["insta"], {"tiktok": True}, 5):
        assert not may_publish({"rights": {"status": "cleared", "channels": odd}},
                               platform="instagram")
    # a status problem is still said first
    assert may_publish({"rights": {"status": "pending", "channels": ["tiktok"]}},
                       platform="instagram").reason == "rights pending"


# -- posts and the sheets that carry them -------------------------------------------------------

def test_an_instagram_post_with_a_tiktok_only_photo_is_blocked_in_the_xlsx(lib, tmp_path):
    insta = _post(lib, "tiktok", "instagram")
    tiktok = _post(lib, "tiktok", "tiktok", "2026-02-01 10:00")
    other = _post(lib, "free", "instagram", "2026-02-01 11:00")
    export(lib, PostStore(lib).all(), tmp_path / "s.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["Posts"]
    gate = HEADERS.index("Rights gate")
    gates = {r[0].value: r[gate].value for r in ws.iter_rows(min_row=2)}
    assert gates[insta.id] == \
        "BLOCKED: tiktok_only.jpg: cleared for TikTok only, not Instagram"
    assert gates[tiktok.id] == "cleared" and gates[other.id] == "cleared"


def test_sprout_refuses_the_instagram_post_and_takes_the_tiktok_one(lib, tmp_path):
    insta = _post(lib, "tiktok", "instagram")
    with pytest.raises(UserError) as err:
        export(lib, [insta], tmp_path / "s.csv", preset="sprout", now=NOW)
    assert f"Post {insta.id} is blocked by the rights gate (tiktok_only.jpg: cleared for " \
           "TikTok only, not Instagram)" in str(err.value)
    assert not (tmp_path / "s.csv").exists()
    tiktok = _post(lib, "tiktok", "tiktok", "2026-02-01 10:00", body="On TikTok")
    export(lib, [tiktok], tmp_path / "s.csv", preset="sprout", now=NOW)
    with open(tmp_path / "s.csv", newline="", encoding="utf-8") as fh:
        assert [r["message_text"] for r in csv.DictReader(fh)] == ["On TikTok"]


def test_the_calendar_file_says_which_post_is_blocked(lib, tmp_path):
    insta = _post(lib, "tiktok", "instagram")
    tiktok = _post(lib, "tiktok", "tiktok", "2026-02-01 10:00")
    export(lib, [insta, tiktok], tmp_path / "cal.ics")
    cal = icalendar.Calendar.from_ical((tmp_path / "cal.ics").read_bytes())
    rights = {str(e["uid"]).split("@")[0]: str(e["description"]).rsplit("Rights: ", 1)[1]
              for e in cal.walk("VEVENT")}
    assert rights[insta.id] == "BLOCKED: tiktok_only.jpg: cleared for TikTok only, not Instagram"
    assert rights[tiktok.id] == "cleared"


def test_the_composer_s_creator_warning_follows_the_platform(lib):
    insta = _post(lib, "tiktok", "instagram")
    assert uncleared_creators(lib, insta) == {"nova": "cleared for TikTok only, not Instagram"}
    assert uncleared_creators(lib, _post(lib, "tiktok", "tiktok")) == {}


def test_post_cli_verbs_flag_the_post(tmp_path, capsys):
    one_asset_library(tmp_path / "lib", status="cleared", channels=["tiktok"])
    lib = ("--library", tmp_path / "lib")
    code, out, _ = cli(capsys, *lib, "post", "new", "--assets", "", "--platform", "instagram",
                       "--caption", "Hello", "--tz", SYD)
    assert code == 0
    assert "  rights: BLOCKED: a.jpg: cleared for TikTok only, not Instagram" in out.splitlines()
    code, out, _ = cli(capsys, *lib, "post", "new", "--assets", "", "--platform", "tiktok",
                       "--caption", "Hi", "--tz", SYD)
    assert code == 0 and "rights:" not in out
    code, out, _ = cli(capsys, *lib, "post", "list")
    flags = {line.split()[2]: line.endswith("[rights]") for line in out.splitlines()}
    assert flags == {"instagram": True, "tiktok": False}
    code, out, _ = cli(capsys, *lib, "post", "list", "--json")
    labels = {p["platform"]: p["rights"] for p in json.loads(out)}
    assert labels == {"instagram": "BLOCKED: a.jpg: cleared for TikTok only, not Instagram",
                      "tiktok": "cleared"}


# -- renders inherit the limit -------------------------------------------------------------------

def _render(cat, tmp_path, *names):
    plan = CutPlan(name="Finals recap", segments=[Segment(f"/ev/{n}", 0.0, 1.0) for n in names],
                   id="cut123")
    lineage = inherit(plan, cat)
    render = new_asset(str(tmp_path / "recap.mp4"), "video", 64, 1.0, "recap.mp4")
    render["rights"].update(lineage.rights)
    render["derived_from"] = lineage.derived_from
    cat.apply("Render", {render["id"]: render})
    return cat.get(render["id"])


def test_a_recap_of_a_tiktok_only_photo_is_blocked_on_instagram(lib, tmp_path):
    render = _render(lib, tmp_path, "tiktok_only.jpg", "anywhere.jpg")
    assert render["rights"]["channels"] == ["tiktok"]
    assert render["rights"]["status"] == "cleared"
    store = PostStore(lib)
    insta = store.get(store.create(asset_ids=[render["id"]], platform="instagram",
                                   body="Recap").ids[0])
    rights = check_post(lib, insta)
    assert rights.problems == ["recap.mp4: cleared for TikTok only, not Instagram"]
    tiktok = store.get(store.create(asset_ids=[render["id"]], platform="tiktok",
                                    body="Recap").ids[0])
    assert check_post(lib, tiktok).cleared


def test_a_source_limited_after_the_render_limits_the_render_and_is_named(lib, tmp_path):
    render = _render(lib, tmp_path, "anywhere.jpg")
    assert "channels" not in render["rights"]  # no source limits it: every channel
    assert may_publish(render, catalog=lib, platform="youtube")
    lib.set_rights([lib.ids["free"]], channels="instagram, tiktok")
    refused = may_publish(render, catalog=lib, platform="youtube")
    assert refused.reason == ("cleared for TikTok and Instagram only, not YouTube "
                              "(its source anywhere.jpg)")
    assert may_publish(render, catalog=lib, platform="instagram")
    assert may_publish(render, catalog=lib)  # no platform: a pack still takes it


def test_sources_with_no_channel_in_common_leave_the_render_internal(lib, tmp_path):
    lib.set_rights([lib.ids["free"]], channels="instagram")
    render = _render(lib, tmp_path, "tiktok_only.jpg", "anywhere.jpg")
    assert render["rights"]["status"] == "internal"
    assert "no channel in common" in render["rights"]["notes"]
    assert not may_publish(render, catalog=lib)
    assert may_publish(render, audience="internal", catalog=lib)
    lib.set_rights([render["id"]], status="cleared")  # someone clears it by hand: still held
    why = may_publish(lib.get(render["id"]), catalog=lib, platform="tiktok").reason
    assert why.startswith("its sources are cleared for no channel in common") and "TikTok" in why


# -- recording channels: CLI, search --------------------------------------------------------------

def test_rights_cli_records_and_clears_channels(tmp_path, capsys):
    one_asset_library(tmp_path / "lib", status="cleared")
    lib = ("--library", tmp_path / "lib")
    code, out, _ = cli(capsys, *lib, "rights", "", "--channels", "TikTok, Instagram Reels")
    assert code == 0 and out.splitlines() == ["Updated rights on 1 assets.",
                                              "Channels: TikTok and Instagram only."]
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        assert cat.all()[0]["rights"]["channels"] == ["tiktok", "instagram"]
        assert cat.all()[0]["rights"]["status"] == "cleared"  # the other fields are kept
        assert len(cat.query("channel:instagram")) == 1 and not cat.query("channel:youtube")
        assert len(cat.query("-channel:x")) == 1
        # the search reads a channel as the rights command does
        assert len(cat.query('channel:"Instagram Reels"')) == 1
        assert not cat.query('channel:"YouTube Shorts"')
    code, _, err = cli(capsys, *lib, "rights", "", "--channels", "myspace")
    assert code == 1
    assert one_line(err) == 'liveassets: Unknown channel "myspace": use tiktok, instagram, ' \
                            'youtube or x.'
    code, out, _ = cli(capsys, *lib, "rights", "", "--channels", "all")
    assert code == 0 and "Channels: every channel." in out
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        assert cat.all()[0]["rights"]["channels"] == []
        assert len(cat.query("channel:youtube")) == 1
    code, _, err = cli(capsys, *lib, "rights", "")
    assert code == 1 and "Nothing to record: give --status, --channels" in one_line(err)


def test_change_channels_keeps_each_asset_s_others_in_one_undo_step(lib):
    ids = [lib.ids["tiktok"], lib.ids["free"]]
    change = lib.change_channels(ids, add=["Instagram"])
    assert [lib.get(i)["rights"]["channels"] for i in ids] == [["tiktok", "instagram"],
                                                               ["instagram"]]
    assert change.label == "Channels: allow Instagram"
    lib.undo(change)
    assert [lib.get(i)["rights"].get("channels") for i in ids] == [["tiktok"], None]
    lib.change_channels(ids, remove=["tiktok"])
    assert [lib.get(i)["rights"].get("channels") for i in ids] == [[], None]


# -- intake ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, status, channels", [
    ("TikTok only", "cleared", ["tiktok"]),
    ("TikTok, Instagram Reels", "cleared", ["tiktok", "instagram"]),
    ("YouTube Shorts; Twitter/X", "cleared", ["youtube", "x"]),
    ("TikTok, website, billboard", "cleared", ["tiktok"]),
    ("All platforms", "cleared", []),
    ("Social media", "cleared", []),
    ("Website only", "pending", []),
    ("Insta & TT", "cleared", ["tiktok", "instagram"]),
])
def test_intake_stores_a_row_s_channels(tmp_path, capsys, cell, status, channels):
    template = tmp_path / "manifest.csv"
    assert cli(capsys, "intake", "--template", template)[0] == 0
    folder = tmp_path / "File requests" / "Meetup"
    from mediagen import make_jpeg
    make_jpeg(folder / "IMG_1001.jpg", size=(32, 32))
    end = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    with open(template, encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    with open(template, "a", encoding="utf-8", newline="") as fh:
        row = dict.fromkeys(header, "")
        row.update({"Submitter name": "Mia", "Handle": "mia", "Files": "IMG_1001.jpg",
                    "Licence": "Licensed", "Permitted channels": cell, "Expiry date": end,
                    "Consent reference": "email 2026-11-02 from Mia"})
        csv.writer(fh).writerow(row.values())
    code, out, err = cli(capsys, "--library", tmp_path / "lib", "intake", folder, "--manifest",
                         template, "--campaign", "Meetup")
    assert code == 0, err
    limited = status == "cleared" and channels
    assert ("Cleared for some channels only: 1" in out) == bool(limited)
    if limited:
        assert f"  IMG_1001.jpg: {describe(channels)}" in out.splitlines()
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        rights = cat.all()[0]["rights"]
    assert rights["status"] == status and rights["channels"] == channels
    assert cell.split(",")[0].split(";")[0] in rights["terms"]  # the words stay in the terms
    if status == "pending":
        assert "permitted channels (Website only) name none of TikTok, Instagram, YouTube, X" \
            in rights["notes"]


# -- packs tell the designer ----------------------------------------------------------------------

def test_a_pack_s_sidecar_manifest_and_readme_say_the_channels(tmp_path):
    from liveassets.media.scan import scan
    from liveassets.packs import manifest
    from liveassets.packs.build import build
    from liveassets.packs.plan import prepare
    from mediagen import make_jpeg

    make_jpeg(tmp_path / "media" / "stage.jpg", size=(64, 48))
    with Catalog(tmp_path / "lib") as cat:
        scan(cat, [tmp_path / "media"])
        cat.set_rights([cat.all()[0]["id"]], status="cleared", terms="Credit on screen",
                       channels="tiktok", credit="Photo: Mia")
        report = build(cat, prepare(cat, "", mode="originals"), tmp_path / "pack.zip")
    zf = zipfile.ZipFile(report.path)
    sidecar = zf.read("assets/stage.jpg.xmp").decode("utf-8")
    assert "Credit on screen. Channels: TikTok only." in sidecar
    rows = manifest.read_csv(zf.read("manifest.csv"))
    assert rows[0]["channels"] == "TikTok only"
    assert "Channels: TikTok only; post it nowhere else." in zf.read("README.txt").decode("utf-8")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # the contact sheet's badge says it too
        (tmp_path / "sheet.pdf").write_bytes(zf.read("contact_sheet.pdf"))
        text = subprocess.run([pdftotext, str(tmp_path / "sheet.pdf"), "-"], capture_output=True,
                              check=True, text=True).stdout
        assert "TikTok only" in text.split("Photo: Mia", 1)[1]  # the line under the credit
    exiftool = shutil.which("exiftool")
    if not exiftool:
        pytest.skip("exiftool not installed")
    zf.extract("assets/stage.jpg.xmp", tmp_path / "out")
    out = subprocess.run([exiftool, "-j", "-XMP:UsageTerms",
                          str(tmp_path / "out" / "assets" / "stage.jpg.xmp")],
                         capture_output=True, check=True)
    assert json.loads(out.stdout)[0]["UsageTerms"] == "Credit on screen. Channels: TikTok only."


def test_describe_reads_as_a_sentence():
    assert describe(["instagram", "tiktok"]) == "TikTok and Instagram only"
    assert describe(["x", "youtube", "tiktok"]) == "TikTok, YouTube and X only"
    assert describe(None) == "every channel"


# -- metadata templates ---------------------------------------------------------------------------

def test_a_template_records_channels_and_applies_them(tmp_path, capsys):
    one_asset_library(tmp_path / "lib", status="pending")
    lib = ("--library", tmp_path / "lib")
    code, out, err = cli(capsys, *lib, "template", "save", "TikTok deal", "--status", "cleared",
                         "--channels", "TikTok, YouTube Shorts")
    assert code == 0, err
    assert out.strip() == "Saved template “TikTok deal”: Status: cleared; Channels: TikTok " \
                          "and YouTube only"
    code, out, _ = cli(capsys, *lib, "template", "show", "TikTok deal")
    assert "  Channels       TikTok and YouTube only" in out.splitlines()
    assert cli(capsys, *lib, "template", "apply", "TikTok deal", "")[0] == 0
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        rights = cat.all()[0]["rights"]
        assert (rights["status"], rights["channels"]) == ("cleared", ["tiktok", "youtube"])
    code, _, err = cli(capsys, *lib, "template", "save", "Bad", "--channels", "myspace")
    assert code == 1 and 'Unknown channel "myspace"' in one_line(err)


def test_a_template_from_a_selection_proposes_the_channels_all_share(lib):
    from liveassets.catalog.templates import propose

    lib.set_rights([lib.ids["free"]], channels=["tiktok"])
    both = [lib.get(lib.ids["tiktok"]), lib.get(lib.ids["free"])]
    assert propose("From selection", both).values["channels"] == ["tiktok"]
    lib.set_rights([lib.ids["free"]], channels=["x"])
    both = [lib.get(lib.ids["tiktok"]), lib.get(lib.ids["free"])]
    assert "channels" not in propose("From selection", both).values
    lib.set_rights([lib.ids["free"], lib.ids["tiktok"]], channels="all")  # no limit: not proposed
    both = [lib.get(lib.ids["tiktok"]), lib.get(lib.ids["free"])]
    assert "channels" not in propose("From selection", both).values


def test_a_cut_says_before_rendering_where_its_render_may_be_posted(lib, tmp_path):
    from liveassets.cuts.validate import blocking, validate
    from mediagen import make_jpeg

    paths = {}
    for key, name in (("a", "tiktok_ig.jpg"), ("b", "tiktok_x.jpg"), ("c", "free.jpg")):
        paths[key] = make_jpeg(tmp_path / name, size=(64, 36))
        doc = new_asset(str(paths[key]), "image", 1, 1.0, name)
        doc["rights"]["status"] = "cleared"
        lib.apply("Add", {doc["id"]: doc})
    lib.set_rights([lib.by_path(str(paths["a"]))["id"]], channels="tiktok, instagram")
    lib.set_rights([lib.by_path(str(paths["b"]))["id"]], channels="tiktok, x")
    plan = CutPlan(segments=[Segment(str(paths[k]), 0.0, 1.0) for k in "abc"])
    found = [p for p in validate(plan, lib, dt.date(2026, 6, 1)) if p.where == "plan"]
    assert [str(p) for p in found] == [
        "Plan: the render may be posted on TikTok only, as its sources allow (tiktok_ig.jpg: "
        "TikTok and Instagram only; tiktok_x.jpg: TikTok and X only)."]
    assert not blocking(found)  # a warning: the render goes ahead
    lib.set_rights([lib.by_path(str(paths["b"]))["id"]], channels="x")
    found = [str(p) for p in validate(plan, lib, dt.date(2026, 6, 1)) if p.where == "plan"]
    assert found == ["Plan: the sources are cleared for no channel in common (tiktok_ig.jpg: "
                     "TikTok and Instagram only; tiktok_x.jpg: X only): the render will be for "
                     "internal use only."]
    plan = CutPlan(segments=[Segment(str(paths["c"]), 0.0, 1.0)])
    assert not [p for p in validate(plan, lib, dt.date(2026, 6, 1)) if p.where == "plan"]


def test_a_pack_of_a_render_tells_a_limit_its_source_got_later(lib, tmp_path):
    from liveassets.packs import manifest
    from liveassets.packs.build import build
    from liveassets.packs.plan import prepare

    (tmp_path / "recap.mp4").write_bytes(b"\0" * 64)   # the pack reads the file it packs
    render = _render(lib, tmp_path, "anywhere.jpg")
    lib.set_rights([lib.ids["free"]], channels="tiktok")
    report = build(lib, prepare(lib, [render["id"]], mode="originals"), tmp_path / "pack.zip")
    zf = zipfile.ZipFile(report.path)
    assert "Channels: TikTok only." in zf.read("assets/recap.mp4.xmp").decode("utf-8")
    assert manifest.read_csv(zf.read("manifest.csv"))[0]["channels"] == "TikTok only"
    assert "channels" not in lib.get(render["id"])["rights"]  # the library is not written
