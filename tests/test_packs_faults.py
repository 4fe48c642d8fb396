"""Packs against a full disk and over-long names: one line, nothing left behind; a killed
build's work folder is removed by the next build (issue #11 items 6 and 13)."""

import subprocess
import sys
import zipfile

import pytest

import mediagen
from faultfs import mounted
from liveassets.catalog.catalog import Catalog
from liveassets.media.scan import scan
from liveassets.packs.build import build
from liveassets.packs.plan import PackError, prepare


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    root = tmp_path_factory.mktemp("packfaults")
    for i in range(3):
        mediagen.make_jpeg(root / "media" / f"IMG_{i}.jpg", size=(320, 240))
    cat = Catalog(root / "lib")
    scan(cat, [root / "media"])
    cat.set_rights([d["id"] for d in cat.all()], status="cleared")
    yield cat
    cat.close()


@pytest.mark.parametrize("out", ["p.zip", "pdir"])
def test_pack_on_a_full_disk_is_one_line_and_leaves_nothing(lib, tmp_path, out):
    # 16 kB: the pack (3 small JPEGs, ~18 kB contact sheet) is ~26 kB
    with mounted(tmp_path / "disk", size="16k") as disk:
        with pytest.raises(PackError) as err:
            build(lib, prepare(lib, ""), disk / out)
        left = list(disk.iterdir())
    assert "the disk is full" in str(err.value) and "\n" not in str(err.value)
    assert left == []


def test_pack_names_up_to_255_bytes(lib, tmp_path):
    name = "p" * 251 + ".zip"
    build(lib, prepare(lib, ""), tmp_path / name)
    assert zipfile.ZipFile(tmp_path / name).testzip() is None
    assert [p.name for p in tmp_path.iterdir()] == [name]
    with pytest.raises(PackError, match="at most 255"):
        build(lib, prepare(lib, ""), tmp_path / ("p" * 300 + ".zip"))


def test_a_dead_builds_work_folder_is_removed_by_the_next_build(lib, tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    stale = tmp_path / f".p.zip.la{proc.pid}-1.0123abcd.partial"
    stale.write_bytes(b"half a zip")
    build(lib, prepare(lib, ""), tmp_path / "p.zip")
    assert [p.name for p in tmp_path.iterdir()] == ["p.zip"]
