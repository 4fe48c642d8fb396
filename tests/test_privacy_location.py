"""Privacy on the way out (#17): phone files say where they were taken; public exports do not.

Read back with exiftool (the reader designers and newsrooms use to check a file) where it is
installed, and with PyAV for what players need (the display matrix that turns a portrait clip).
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import av
import pytest

from liveassets.catalog.catalog import Catalog
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.quick import quick_export
from liveassets.cuts.render import render
from liveassets.media.location import (LocationError, copy_video_without_location, describe,
                                       has_location)
from liveassets.media.probe import probe
from liveassets.media.scan import scan
from liveassets.packs.build import build
from liveassets.packs.plan import prepare
import mediagen
from cli_helpers import cli

EXIFTOOL = shutil.which("exiftool")
SYDNEY = (-33.8688, 151.2093)
ISO6709 = "-33.8688+151.2093+012.000/"
PHONE_TAGS = {"com.apple.quicktime.location.ISO6709": ISO6709,
              "com.apple.quicktime.make": "Apple", "com.apple.quicktime.model": "iPhone 15 Pro",
              "location": "-33.8688+151.2093/"}
# What exiftool prints for a position or a phone, in any of its groups
LEAKS = ("GPS", "Location", "Make", "Model", "6709")


def exif_tags(path) -> dict[str, str]:
    out = subprocess.run([EXIFTOOL, "-a", "-G1", "-s", "-n", str(path)], capture_output=True,
                         text=True, check=True).stdout
    tags = {}
    for line in out.splitlines():
        name, _, value = line.partition(":")
        tags[name.split()[-1]] = value.strip()
    return tags


def leaked(path) -> list[str]:
    return sorted(k for k in exif_tags(path) if any(word in k for word in LEAKS))


def _sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy")
    media = root / "media"
    mediagen.make_jpeg(media / "crowd.jpg", size=(320, 240), make="Apple",
                       model="iPhone 15 Pro", gps=(*SYDNEY, 12.0))
    mediagen.make_jpeg(media / "studio.jpg", size=(320, 240))
    mediagen.make_video(media / "portrait.mov", size=(320, 180), seconds=1.0, rotation=90,
                        metadata=PHONE_TAGS)
    cat = Catalog(root / "lib")
    scan(cat, [media])
    ids = {d["name"]: d["id"] for d in cat.all()}
    cat.set_rights(list(ids.values()), status="cleared", credit="Photo: LIVE ANZ")
    sources = {p.name: _sha(p) for p in media.iterdir()}
    yield cat, root, ids, sources
    cat.close()
    assert {p.name: _sha(p) for p in media.iterdir()} == sources  # originals never touched


def test_scanner_finds_the_location_of_photos_and_clips(lib):
    cat, _, ids, _ = lib
    crowd, clip, studio = (cat.get(ids[n]) for n in ("crowd.jpg", "portrait.mov", "studio.jpg"))
    assert has_location(crowd) and has_location(clip) and not has_location(studio)
    assert describe(crowd["gps"]) == "33.8688° S, 151.2093° E"
    assert describe(None) == ""


@pytest.mark.skipif(not EXIFTOOL, reason="exiftool is not installed")
def test_the_sources_really_carry_it(lib):
    _, root, _, _ = lib
    assert leaked(root / "media" / "crowd.jpg") and leaked(root / "media" / "portrait.mov")


@pytest.mark.skipif(not EXIFTOOL, reason="exiftool is not installed")
def test_a_pack_of_renditions_carries_no_location_and_the_clip_stays_upright(lib, tmp_path):
    cat, _, _, _ = lib
    plan = prepare(cat, "", mode="renditions", long_edge=256)
    assert plan.located == [] and plan.location_warning() == ""
    assert {i.file: i.action for i in plan.items} == {
        "crowd.jpg": "render", "studio.jpg": "render", "portrait.mov": "strip"}
    report = build(cat, plan, tmp_path / "public.zip")
    with zipfile.ZipFile(report.path) as z:
        z.extractall(tmp_path / "out")
    for name in ("crowd.jpg", "portrait.mov"):
        assert leaked(tmp_path / "out" / "assets" / name) == [], name
    clip = probe(str(tmp_path / "out" / "assets" / "portrait.mov"))
    assert clip["rotation"] == 90 and (clip["width"], clip["height"]) == (180, 320)
    assert clip["gps"] is None and clip["duration"] == pytest.approx(1.0, abs=0.1)
    with av.open(str(tmp_path / "out" / "assets" / "portrait.mov")) as c:
        assert c.streams.audio and sum(1 for _ in c.decode(video=0)) == 30
    readme = (tmp_path / "out" / "README.txt").read_text("utf-8-sig")
    assert "still carry the GPS" not in readme


def test_a_pack_of_originals_names_what_still_carries_a_location(lib, tmp_path):
    cat, _, _, _ = lib
    plan = prepare(cat, "")
    assert sorted(i.file for i in plan.located) == ["crowd.jpg", "portrait.mov"]
    warning = plan.location_warning()
    assert warning.startswith("2 file(s) still carry the GPS position")
    assert "crowd.jpg" in warning and "portrait.mov" in warning and "renditions" in warning
    build(cat, plan, tmp_path / "originals")
    readme = (tmp_path / "originals" / "README.txt").read_text("utf-8-sig")
    assert "still carry the GPS position" in readme and "crowd.jpg" in readme
    assert "studio.jpg" not in readme.split("GPS position")[1].split("\n\n")[0]


def test_cli_pack_of_originals_warns_before_writing(lib, tmp_path, capsys):
    _, root, _, _ = lib
    code, out, err = cli(capsys, "--library", str(root / "lib"), "pack", "", "-o",
                         str(tmp_path / "p.zip"))
    assert code == 0
    assert "2 file(s) still carry the GPS position" in err and "--renditions" in err
    code, out, err = cli(capsys, "--library", str(root / "lib"), "pack", "", "-o",
                         str(tmp_path / "r.zip"), "--renditions", "128")
    assert code == 0 and "GPS" not in err


@pytest.mark.skipif(not EXIFTOOL, reason="exiftool is not installed")
def test_renders_and_quick_exports_carry_no_location(lib, tmp_path):
    _, root, _, _ = lib
    media = root / "media"
    plan = CutPlan.from_dict({"name": "Recap", "format": "9:16", "purpose": "internal",
                              "segments": [{"source": "portrait.mov", "start": 0, "end": 1}]},
                             base=media)
    quick_export(plan, tmp_path / "quick.mp4")
    render(plan, tmp_path / "render.mp4")
    for name in ("quick.mp4", "render.mp4"):
        assert leaked(tmp_path / name) == [], name


@pytest.mark.skipif(not EXIFTOOL, reason="exiftool is not installed")
def test_android_style_location_atom_is_stripped_too(tmp_path):
    src = mediagen.make_video(tmp_path / "android.mp4", size=(160, 90), seconds=0.5,
                              metadata={"location": "+37.4220-122.0841/", "make": "Google",
                                        "model": "Pixel 8"})
    assert leaked(src)
    copy_video_without_location(src, str(tmp_path / "clean.mp4"))
    assert leaked(tmp_path / "clean.mp4") == []


def test_a_damaged_clip_gives_one_line_and_leaves_nothing(tmp_path):
    src = mediagen.make_video(tmp_path / "whole.mp4", size=(160, 90), seconds=0.5)
    broken = mediagen.truncate_copy(src, tmp_path / "broken.mp4", 0.02)
    before = _sha(broken)
    with pytest.raises(LocationError) as err:
        copy_video_without_location(broken, str(tmp_path / "out.mp4"))
    assert "broken.mp4 could not be copied without its location" in str(err.value)
    assert "\n" not in str(err.value)
    assert not (tmp_path / "out.mp4").exists() and _sha(broken) == before


XMP_GPS = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
           b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
           b'exif:GPSLatitude="33,52.128S" exif:GPSLongitude="151,12.558E"/></rdf:RDF>'
           b'</x:xmpmeta>')


def _xmp_only_files(media: Path) -> list[Path]:
    """A JPEG, a PNG and an MP4 whose only position is in their XMP packet (as geotagging
    tools and editors write it), plus a clip whose XMP box claims more bytes than it has."""
    import struct

    from PIL import Image, PngImagePlugin

    from liveassets.media.xmp_location import XMP_UUID

    media.mkdir(parents=True)
    Image.new("RGB", (64, 48), (200, 40, 40)).save(media / "tagged.jpg", xmp=XMP_GPS)
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP_GPS.decode())
    Image.new("RGB", (64, 48), (40, 200, 40)).save(media / "tagged.png", pnginfo=info)
    clip = mediagen.make_video(media / "tagged.mp4", size=(64, 48), seconds=0.5)
    with open(clip, "ab") as fh:  # Adobe XMP spec part 3: a top-level uuid box
        fh.write(struct.pack(">I4s", 8 + 16 + len(XMP_GPS), b"uuid") + XMP_UUID + XMP_GPS)
    bad = mediagen.make_video(media / "liar.mp4", size=(64, 48), seconds=0.5)
    with open(bad, "ab") as fh:
        fh.write(struct.pack(">I4s", 2**31, b"uuid") + XMP_UUID + XMP_GPS)
    return [media / "tagged.jpg", media / "tagged.png", Path(clip)]


def test_a_position_only_in_xmp_is_found_and_named_before_an_originals_pack(tmp_path):
    """Before: gps None for all three, so the inspector said nothing and a pack of originals
    handed out the position without the warning."""
    tagged = _xmp_only_files(tmp_path / "media")
    with Catalog(tmp_path / "lib") as cat:
        scan(cat, [tmp_path / "media"], thumbnails=False)
        docs = {d["name"]: d for d in cat.all()}
        for path in tagged:
            assert describe(docs[path.name]["gps"]) == "33.8688° S, 151.2093° E", path.name
        assert docs["liar.mp4"]["gps"] is None  # a box past the end is not read
        cat.set_rights([d["id"] for d in docs.values()], status="cleared")
        plan = prepare(cat, "")
        assert {p.name for p in tagged} <= {i.file for i in plan.located}
        if EXIFTOOL:
            renditions = prepare(cat, "", mode="renditions", long_edge=256)
            assert renditions.located == []
            build(cat, renditions, tmp_path / "public")
            outs = [p for p in (tmp_path / "public" / "assets").iterdir() if p.suffix != ".xmp"]
            assert len(outs) == 3  # liar.mp4 is cut off (scan.py): never packed
            for out in outs:
                assert leaked(out) == [], out.name
