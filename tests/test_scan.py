"""Scanning: incremental, moves keep identity, bad files become errors, originals untouched."""

import hashlib
import os
import shutil
import time

import pytest

import mediagen
from liveassets.jobs import CancelToken
from liveassets.media.scan import ScanError, scan


def snapshot(folder):
    """Bytes and mtimes of every file below `folder` (to prove originals were not touched)."""
    out = {}
    for root, _, files in os.walk(folder):
        for name in files:
            p = os.path.join(root, name)
            with open(p, "rb") as fh:
                out[p] = (hashlib.sha1(fh.read()).hexdigest(), os.stat(p).st_mtime_ns)
    return out


@pytest.fixture
def event(tmp_path):
    """A small event folder: photos, a clip, awkward files and things to skip."""
    root = tmp_path / "Sydney meetup"
    (root / "stage").mkdir(parents=True)
    (root / "crowd").mkdir()
    for i in range(6):
        mediagen.make_jpeg(root / "stage" / f"IMG_{i:04d}.jpg", size=(320, 240),
                           color=(40 * i, 80, 200 - 20 * i))
    mediagen.make_jpeg(root / "crowd" / "sideways.jpg", size=(240, 320), orientation=6)
    mediagen.make_video(root / "crowd" / "clip.mp4", size=(160, 90), seconds=1.0)
    mediagen.make_empty(root / "crowd" / "empty.jpg")
    mediagen.make_text_as_jpg(root / "crowd" / "notes.jpg")
    (root / "crowd" / "readme.txt").write_text("not media")
    (root / ".hidden").mkdir()
    mediagen.make_jpeg(root / ".hidden" / "secret.jpg", size=(32, 32))
    mediagen.make_jpeg(root / "crowd" / "._IMG_0001.jpg", size=(32, 32))
    (root / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (root / "Thumbs.db").write_bytes(b"\0" * 64)
    os.symlink(root, root / "crowd" / "loop")  # a symlink loop must not hang the scan
    return root


def test_first_scan_reads_facts_and_makes_upright_thumbnails(library, event):
    before = snapshot(event)
    seen = []
    report = scan(library, [event], progress=seen.append)
    assert report.found == 10 and report.added == 10
    assert report.errors == 2  # empty.jpg and notes.jpg
    assert snapshot(event) == before  # originals untouched
    side = library.by_path(str(event / "crowd" / "sideways.jpg"))
    assert (side["width"], side["height"]) == (320, 240)  # displayed after EXIF orientation 6
    clip = library.by_path(str(event / "crowd" / "clip.mp4"))
    assert clip["kind"] == "video" and clip["has_audio"] and 0.9 < clip["duration"] < 1.2
    for doc in library.query("status:ok"):
        assert doc["thumbnail"] and (library.folder / doc["thumbnail"]).is_file()
    phases = [p.phase for p in seen]
    assert phases.index("Reading facts") < phases.index("Making thumbnails")
    assert seen[-1].done == seen[-1].total


def test_bad_files_become_errors_with_messages(library, event):
    scan(library, [event])
    errors = {os.path.basename(d["path"]): d["error"] for d in library.query("status:error")}
    assert set(errors) == {"empty.jpg", "notes.jpg"}
    assert "empty" in errors["empty.jpg"].lower() or "0 bytes" in errors["empty.jpg"]
    assert all(len(msg) > 20 for msg in errors.values())


def test_unchanged_rescan_does_no_work(library, event):
    scan(library, [event])
    t = time.perf_counter()
    report = scan(library, [event])
    assert report.unchanged == 10 and report.added == report.updated == report.thumbnails == 0
    assert time.perf_counter() - t < 1.0


def test_moved_and_renamed_files_keep_identity_and_tags(library, event):
    scan(library, [event])
    old = event / "stage" / "IMG_0001.jpg"
    aid = library.by_path(str(old))["id"]
    library.tag([aid], add=["creator:@nova"])
    library.set_rights([aid], status="cleared", credit="Photo: Nova")
    new = event / "crowd" / "renamed.jpg"
    shutil.move(old, new)
    report = scan(library, [event])
    assert report.moved == 1 and report.added == 0 and report.missing == 0
    moved = library.get(aid)
    assert moved["path"] == str(new) and moved["status"] == "ok"
    assert "creator:@nova" in moved["tags"] and moved["rights"]["credit"] == "Photo: Nova"


def test_a_whole_folder_moved_elsewhere_is_found_again(library, event, tmp_path):
    scan(library, [event])
    ids = {d["id"] for d in library.all()}
    moved_to = tmp_path / "archive" / "Sydney meetup"
    moved_to.parent.mkdir()
    shutil.move(event, moved_to)
    report = scan(library, [moved_to])
    assert report.moved == 10 and report.added == 0
    assert {d["id"] for d in library.all()} == ids
    assert all(d["path"].startswith(str(moved_to)) for d in library.all())


def test_vanished_files_become_missing_then_come_back(library, event, tmp_path):
    scan(library, [event])
    gone = event / "stage" / "IMG_0002.jpg"
    aside = tmp_path / "aside.jpg"
    shutil.move(gone, aside)
    report = scan(library, [event])
    assert report.missing == 1
    doc = library.by_path(str(gone))
    assert doc["status"] == "missing" and len(library) == 10
    shutil.move(aside, gone)
    scan(library, [event])
    assert library.get(doc["id"])["status"] == "ok"


def test_changed_file_is_reread_and_keeps_its_data(library, event):
    scan(library, [event])
    p = event / "stage" / "IMG_0003.jpg"
    aid = library.by_path(str(p))["id"]
    library.rate([aid], 4)
    mediagen.make_jpeg(p, size=(640, 480), color=(255, 0, 0))
    os.utime(p, (time.time() + 5, time.time() + 5))
    report = scan(library, [event])
    assert report.updated == 1
    doc = library.get(aid)
    assert (doc["width"], doc["height"]) == (640, 480) and doc["rating"] == 4


def test_cancel_stops_promptly_and_keeps_what_was_done(library, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        mediagen.make_jpeg(folder / f"p{i:03d}.jpg", size=(400, 300), noisy=True)
    token = CancelToken()

    def progress(p):
        if p.phase == "Reading facts" and p.done >= 5:
            token.cancel()

    report = scan(library, [folder], progress=progress, cancel=token)
    assert report.cancelled
    assert 5 <= len(library) < 40
    assert all(d["status"] == "ok" for d in library.all())
    report = scan(library, [folder])  # a later scan finishes the job
    assert len(library) == 40 and not report.cancelled


def test_facts_are_queryable_before_thumbnails_finish(library, tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    for i in range(12):
        mediagen.make_jpeg(folder / f"p{i}.jpg", size=(300, 200))
    counts = []

    def progress(p):
        if p.phase == "Making thumbnails" and p.done == 0:
            counts.append(len(library.query("kind:image orient:landscape")))

    scan(library, [folder], progress=progress)
    assert counts == [12]


def test_missing_folder_is_a_clear_error(library, tmp_path):
    with pytest.raises(ScanError, match="not found"):
        scan(library, [tmp_path / "nope"])


def test_real_corpus_photos(library, corpus, tmp_path):
    report = scan(library, [corpus])
    assert report.errors == 0, [d["error"] for d in library.query("status:error")]
    expect = {
        "jpg_orientation__landscape_6.jpg": (600, 450),
        "jpg_orientation__portrait_5.jpg": (450, 600),
        "jpg_orientation__portrait_8.jpg": (450, 600),
        "heic__IMG_5195.HEIC": (2566, 3313),
        "jpg__corrupted.jpg": (3648, 2736),
        "tiff__Crémieux11.tiff": (199, 47),
    }
    for name, size in expect.items():
        doc = library.by_path(str(corpus / name))
        assert (doc["width"], doc["height"]) == size, name
    assert library.by_path(str(corpus / "jpg_gps__DSCN0010.jpg"))["gps"]
    assert len(library.query("orient:portrait")) >= 5


def test_single_files_can_be_scanned(library, event):
    one = event / "stage" / "IMG_0004.jpg"
    report = scan(library, [one, event / "crowd" / "readme.txt"])
    assert report.found == 1 and len(library) == 1
    assert library.by_path(str(one))["thumbnail"]


def test_big_scans_decode_in_worker_processes(library, event, monkeypatch):
    import liveassets.media.scan as scan_module

    monkeypatch.setattr(scan_module, "PROCESS_MIN_JOBS", 1)
    report = scan(library, [event], workers=2)
    assert report.added == 10 and report.errors == 2 and report.thumbnails == 8
    side = library.by_path(str(event / "crowd" / "sideways.jpg"))
    assert (side["width"], side["height"]) == (320, 240)
    assert (library.folder / side["thumbnail"]).is_file()


def test_a_library_read_by_an_older_version_is_read_again_on_rescan(library, event):
    """Facts and thumbnails made before colour management, tone mapping, flips and real
    durations (issue #10) are remade by the next scan; the user's tags stay."""
    first = scan(library, [event])
    aid = library.by_path(str(event / "stage" / "IMG_0001.jpg"))["id"]
    library.tag([aid], add=["event:meetup"])
    old = {a["id"]: {"reader": None, "hdr": None, "colour": None} for a in library.all()}
    library.apply("As read by version 1", old)
    assert library.get(aid)["reader"] is None
    report = scan(library, [event])
    assert report.unchanged == 0 and report.updated == 10
    assert report.thumbnails == first.thumbnails > 0
    again = library.get(aid)
    assert again["reader"] >= 2 and "event:meetup" in again["tags"]
    assert scan(library, [event]).unchanged == 10
