"""Thumbnails that cannot be written during a scan (full disk, read-only `thumbs/`) are one
sentence in the scan's summary; the facts are kept and no asset is marked damaged."""

import errno

import pytest

import mediagen
from faultfs import fill, mounted
from liveassets.media import thumbs
from liveassets.media.scan import scan


@pytest.fixture
def photos(tmp_path):
    folder = tmp_path / "photos"
    for i in range(3):
        mediagen.make_jpeg(folder / f"IMG_{i}.jpg", size=(64, 48))
    return folder


def _check(library, report, words):
    text = report.summary()
    assert all(w in text for w in words), text
    assert "thumbs" in text and "scan again" in text
    docs = library.all()
    assert len(docs) == 3 and all(d["status"] == "ok" and d["width"] == 64 for d in docs)
    assert report.thumbnails == 0


def test_full_disk_for_thumbnails_is_one_sentence(library, photos):
    with mounted(library.folder / "thumbs", size="8k") as where:  # a real tiny filesystem
        fill(where)
        report = scan(library, [photos])
    _check(library, report, ["the disk is full"])


def test_read_only_thumbnails_folder_is_one_sentence(library, photos):
    with mounted(library.folder / "thumbs", read_only=True):  # chmod would not stop root
        report = scan(library, [photos])
    _check(library, report, ["read-only"])


def test_injected_enospc_on_thumbnails(library, photos, monkeypatch):
    """The same without mount rights: the write raises ENOSPC as a full disk would."""
    def full(picture, dest):
        raise OSError(errno.ENOSPC, "No space left on device", dest)

    monkeypatch.setattr(thumbs, "_save_atomically", full)
    report = scan(library, [photos])
    _check(library, report, ["the disk is full"])


def test_a_killed_scans_thumbnail_work_files_are_swept(library, photos):
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    sub = library.folder / "thumbs" / "ab"
    sub.mkdir(parents=True)
    stale = sub / f".abcd.jpg.la{proc.pid}-1.0123abcd.tmp"
    stale.write_bytes(b"half a jpeg")
    report = scan(library, [photos])
    assert report.thumbnails == 3 and not stale.exists()
