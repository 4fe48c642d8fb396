"""Hostile file names (newline, control and ANSI characters, leading dashes, bytes that are not
UTF-8, 250-byte names, reserved Windows names, NFD) through scan, list, tag, rights, cut
(quick export and render), sheet and pack: no traceback, nothing out of the rights gate,
originals byte-identical; links out of a scanned folder not followed; no command writes over
an indexed original; exports follow the umask."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import stat
import zipfile

import av
import numpy as np
import pytest

from cli_helpers import cli  # noqa: E402
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.schema import new_asset
from liveassets.media.scan import scan
from liveassets.safe_paths import shown
from mediagen import make_jpeg, make_video

RED, BLUE = (220, 30, 30), (30, 30, 220)
HOSTILE = [b"bad\xff.jpg", b"nl\nx.jpg", b"esc\x1b[31mred\x1b[0m.jpg", b"-rf.jpg", b"--help.jpg",
           b"CON.jpg", b"nul.txt.jpg", b"e\xcc\x81te.jpg", b"x" * 246 + b".jpg", b"tab\tcr\r.jpg",
           b"quote'it\".jpg", b"\xe2\x80\xaeevil.jpg"]


def digest(folder) -> dict:
    out = {}
    for root, _, files in os.walk(os.fsencode(folder)):
        for f in files:
            with open(os.path.join(root, f), "rb") as fh:
                out[os.path.join(root, f)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def first_frame_rgb(path) -> np.ndarray:
    with av.open(path) as c:
        frame = next(c.decode(video=0))
        return frame.to_ndarray(format="rgb24").reshape(-1, 3).mean(axis=0)


def test_newline_name_cannot_smuggle_its_neighbour_through_quick_export(tmp_path, capsys):
    media = tmp_path / "event"
    media.mkdir()
    cleared = os.path.join(str(media), "a\n#.mp4")
    make_video(cleared, size=(180, 320), seconds=1.0, colors=[RED])
    lib = tmp_path / "lib"
    with Catalog(lib) as cat:
        scan(cat, [str(media)], thumbnails=False)
        (asset,) = cat.all()
        cat.set_rights([asset["id"]], status="cleared")
    # The restricted file `a` appears beside it after the scan: never indexed, never checked.
    make_video(str(tmp_path / "a.mp4"), size=(180, 320), seconds=1.0, colors=[BLUE])
    os.rename(tmp_path / "a.mp4", media / "a")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"name": "Recap", "format": "9:16", "fps": 30, "purpose": "public",
                                "segments": [{"source": cleared, "start": 0, "end": 1}],
                                "crossfade": 0}))
    out = tmp_path / "out.mp4"
    code, _, err = cli(capsys, "--library", lib, "cut", plan, "--quick", "-o", out)
    assert code == 0, err
    r, g, b = first_frame_rgb(str(out))
    assert r > 150 and b < 90, "the export holds the restricted file's pictures"


def test_name_not_utf8_scans_rescans_and_lists(tmp_path, capsys):
    media = os.fsencode(tmp_path / "event")
    os.makedirs(media)
    for name in (b"bad\xff.jpg", b"ok.jpg"):
        make_jpeg(os.fsdecode(os.path.join(media, name)), size=(16, 12))
    lib = tmp_path / "lib"
    for _ in range(2):  # the second scan reopens the stored catalog and finds nothing new
        code, out, err = cli(capsys, "--library", lib, "scan", os.fsdecode(media))
        assert code == 0, err
    assert "2 media files" in out and "0 new" in out
    with Catalog(lib) as cat:  # read back from the snapshot and journal written on close
        paths = {a["path"] for a in cat.all()}
    bad = os.fsdecode(os.path.join(media, b"bad\xff.jpg"))
    assert bad in paths and os.path.exists(bad)  # stored exactly: it still opens the file
    code, out, _ = cli(capsys, "--library", lib, "list")
    assert code == 0 and "bad\\xff.jpg" in out
    out.encode("utf-8")  # a terminal in a UTF-8 locale can print it
    code, out, _ = cli(capsys, "--library", lib, "list", "--json")
    assert any(d["path"].endswith("bad\ufffd.jpg") for d in json.loads(out))


def test_terminal_never_gets_control_characters(tmp_path, capsys):
    media = tmp_path / "event"
    for name in ("esc\x1b[2J.jpg", "two\nlines.jpg", "\u202egepj.jpg"):
        make_jpeg(str(media / name), size=(16, 12))
    lib = tmp_path / "lib"
    assert cli(capsys, "--library", lib, "scan", media)[0] == 0
    code, out, _ = cli(capsys, "--library", lib, "list")
    assert code == 0 and "\x1b" not in out and "\u202e" not in out
    assert len(out.splitlines()) == 3 and "two\\nlines.jpg" in out
    assert shown("a\x1b[31m\udcff") == "a\\x1b[31m\\xff"


def test_links_out_of_a_scanned_folder_are_not_followed(tmp_path, capsys):
    root, outside = tmp_path / "event", tmp_path / "private"
    make_jpeg(str(root / "inside.jpg"), size=(16, 12))
    make_jpeg(str(outside / "secret.jpg"), size=(16, 12))
    os.symlink(outside / "secret.jpg", root / "link.jpg")
    os.symlink(outside, root / "folder-link")
    os.symlink(root / "inside.jpg", root / "again.jpg")
    lib = tmp_path / "lib"
    assert cli(capsys, "--library", lib, "scan", root)[0] == 0
    with Catalog(lib) as cat:
        assert sorted(a["name"] for a in cat.all()) == ["inside.jpg"]
    assert cli(capsys, "--library", lib, "scan", "--follow-links", root)[0] == 0
    with Catalog(lib) as cat:
        paths = sorted(a["path"] for a in cat.all())
        cat.set_rights([a["id"] for a in cat.all()], status="cleared", credit="c")
    assert paths == sorted([str(root / "inside.jpg"), str(outside / "secret.jpg")])  # once each
    code, _, err = cli(capsys, "--library", lib, "pack", "", "-o", tmp_path / "p.zip",
                       "--originals")
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "p.zip") as z:
        manifest = json.loads(z.read(next(n for n in z.namelist() if n.endswith("manifest.json"))))
    real = {row["original_name"]: row["real_path"] for row in manifest["files"]}
    assert real["secret.jpg"] == os.path.realpath(outside / "secret.jpg")


def test_no_command_writes_over_an_indexed_original(tmp_path, capsys):
    media = tmp_path / "event"
    make_video(str(media / "clip.mp4"), size=(180, 320), seconds=1.0)
    lib = tmp_path / "lib"
    with Catalog(lib) as cat:
        scan(cat, [str(media)], thumbnails=False)
        cat.set_rights([a["id"] for a in cat.all()], status="cleared")
    before = digest(media)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"name": "R", "format": "9:16", "fps": 30, "purpose": "public",
                                "segments": [{"source": str(media / "clip.mp4"), "start": 0,
                                              "end": 0.5}], "crossfade": 0}))
    for extra in ([], ["--quick"]):
        code, _, err = cli(capsys, "--library", lib, "cut", plan, *extra, "-o",
                           media / "clip.mp4", "--force")
        assert code == 1 and "original" in err and "Traceback" not in err
    from liveassets.publish.sheets_csv import write_people_csv
    from liveassets.originals import OriginalError

    with Catalog(lib) as cat, pytest.raises(OriginalError, match="original"):
        write_people_csv(cat, [], media / "clip.mp4", force=True)
    code, _, err = cli(capsys, "--library", lib, "pack", "", "-o", media, "--force")
    assert code == 1 and "original" in err
    assert digest(media) == before


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_exports_follow_the_umask(tmp_path, capsys, mask):
    from liveassets.cuts.plan import CutPlan, save_plan

    old = os.umask(mask)
    try:
        lib = tmp_path / "lib"
        doc = new_asset("/ev/a.jpg", "image", 1, 1.0, "fp")
        with Catalog(lib) as cat:
            cat.apply("Fill", {doc["id"]: doc})
        assert cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption", "hi",
                   "--at", "2027-02-01 18:00", "--tz", "UTC")[0] == 0
        for name in ("week.csv", "week.xlsx", "week.md", "week.ics"):
            verb = "calendar" if name.endswith(".ics") else "sheet"
            code, _, err = cli(capsys, "--library", lib, verb, "-o", tmp_path / name)
            assert code == 0, err
        save_plan(CutPlan.from_dict({"name": "P", "format": "9:16", "segments": []},
                                    base=tmp_path), tmp_path / "plan.json")
    finally:
        os.umask(old)
    for name in ("week.csv", "week.xlsx", "week.md", "week.ics", "plan.json"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == 0o666 & ~mask, name


def test_hostile_corpus_through_the_whole_workflow(tmp_path, capsys):
    media = os.fsencode(tmp_path / "event")
    os.makedirs(media)
    for name in HOSTILE:
        make_jpeg(os.fsdecode(os.path.join(media, name)), size=(16, 12))
    clips = [b"-clip\n.mp4", b"bad\xfe clip.mp4", b"esc\x1b[1m.mp4"]
    for name in clips:
        make_video(os.fsdecode(os.path.join(media, name)), size=(180, 320), seconds=0.5)
    restricted = os.path.join(media, b"-restricted\x1b.jpg")
    make_jpeg(os.fsdecode(restricted), size=(16, 12), color=BLUE)
    before = digest(media)
    lib, out = tmp_path / "lib", tmp_path / "out"
    out.mkdir()
    outputs = []

    def ok(*argv):
        code, stdout, err = cli(capsys, "--library", lib, *argv)
        outputs.append(stdout + err)
        assert code == 0, err
        return stdout

    ok("scan", os.fsdecode(media))
    assert len(ok("list").splitlines()) == len(HOSTILE) + len(clips) + 1
    ok("tag", "", "--add", "hostile")
    ok("rights", "", "--status", "cleared", "--credit", "c\x1b", "--terms", "t", "--owner", "o")
    ok("rights", "\"-restricted\"", "--status", "restricted")
    ok("list", "--json")
    ok("post", "new", "--assets", "tag:hostile", "--caption", "hi", "--at", "2027-02-01 18:00",
       "--tz", "UTC", "--account", "@a")
    ok("sheet", "-o", out / "week.xlsx")
    ok("sheet", "-o", out / "week.csv")
    ok("pack", "", "-o", out / "p.zip", "--originals")
    ok("pack", "", "-o", out / "dir", "--originals")
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"name": "Recap", "format": "9:16", "fps": 30, "purpose": "public",
                                "segments": [{"source": os.fsdecode(os.path.join(media, c)),
                                              "start": 0, "end": 0.4} for c in clips],
                                "crossfade": 0}, ensure_ascii=True))
    ok("cut", plan, "--quick", "-o", out / "quick.mp4")
    ok("cut", plan, "--preview", "-o", out / "render.mp4")  # frames and sound read by ffmpeg
    with av.open(str(out / "quick.mp4")) as c:
        assert c.streams.video[0].frames >= 30  # all three clips, none dropped
    for text in outputs:
        assert "Traceback" not in text and "\x1b" not in text
        text.encode("utf-8")
    with zipfile.ZipFile(out / "p.zip") as z:
        names = z.namelist()
    assert not any("restricted" in n for n in names)  # the gate held with hostile names
    assert not any(os.path.basename(n).startswith("-restricted") for n in os.listdir(out / "dir"))
    with open(out / "week.csv", encoding="utf-8-sig", newline="") as fh:
        assert "\x1b" not in fh.read()
    assert digest(media) == before  # originals byte-identical


def test_window_grid_shows_a_non_utf8_name_with_a_replacement_mark(qtbot, library):
    pytest.importorskip("PySide6")
    from PySide6.QtCore import Qt

    from liveassets.catalog.schema import new_asset
    from liveassets.ui.window.app import make_app
    from liveassets.ui.library.grid_model import AssetGridModel

    make_app(dark=True)
    doc = new_asset("/ev/bad\udcff.jpg", "image", 1, 1.0, "fp")
    doc["name"] = "bad\udcff.jpg"
    library.apply("Fill", {doc["id"]: doc})
    model = AssetGridModel(library)
    model.set_ids([doc["id"]])
    # Qt would drop the lone surrogate silently and show "bad.jpg", a different file's name.
    assert model.data(model.index(0), Qt.DisplayRole) == "bad\ufffd.jpg"


def test_concat_list_carries_every_name_as_one_directive(tmp_path):
    from liveassets.safe_paths import ConcatList

    names = ["a\n#.mp4", "b\r.mp4", "it's.mp4", "bad\udcff.mp4", "-x.mp4", "plain.mp4"]
    for n in names:
        (tmp_path / n).write_bytes(n.encode("utf-8", "surrogateescape"))
    with ConcatList() as listing:
        for n in names:
            listing.add(str(tmp_path / n), 0.0, 1.0)
        text = open(listing.write(), encoding="utf-8").read()
        files = [line for line in text.splitlines() if line.startswith("file ")]
        assert len(text.splitlines()) == 1 + 3 * len(names) and len(files) == len(names)
        for n, line in zip(names, files):
            target = line[len("file '"):-1].replace("'\\''", "'").removeprefix("file:")
            assert os.path.samefile(target, tmp_path / n)  # the very file, not a neighbour
        assert stat.S_IMODE(os.stat(listing.folder).st_mode) == 0o700
    assert not os.path.exists(listing.folder)


def test_storage_round_trips_a_non_utf8_name_through_journal_and_snapshot(tmp_path):
    from liveassets.catalog.storage import JournalStorage

    doc = {"path": "/ev/bad\udcff\udc80.jpg", "name": "bad\udcff\udc80.jpg"}
    store = JournalStorage(tmp_path / "db.json")
    store.write_changes("assets", {"1": doc}, [])
    store._journal.close()  # a crash before compaction: only the journal holds it
    store = JournalStorage(tmp_path / "db.json")
    assert store.read()["assets"]["1"] == doc
    store.close()  # compacts into the snapshot
    assert not (tmp_path / "db.json.journal").stat().st_size
    store = JournalStorage(tmp_path / "db.json")
    assert store.read()["assets"]["1"] == doc
    store.close()
