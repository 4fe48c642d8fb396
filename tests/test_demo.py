"""write_demo(): a believable, small, deterministic LIVE-event campaign: counts, folders, EXIF,
sideways photos, the portrait display-matrix clip, the silent clip, the black lead-in, the bed."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from liveassets.demo import build as demo
from liveassets.media.formats import kind_for
from liveassets.media.probe import probe
from liveassets.media.thumbs import make_thumbnail
from liveassets.resources import resource_path


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    start = time.perf_counter()
    paths = demo.write_demo(str(folder))
    return folder, paths, time.perf_counter() - start


@pytest.fixture(scope="module")
def facts(written):
    return {p: probe(p) for p in written[1]}


def test_counts_folders_and_size(written, facts):
    folder, paths, seconds = written
    assert all(Path(p).is_file() for p in paths) and len(set(paths)) == len(paths)
    photos = [p for p in paths if kind_for(p) == "image"]
    clips = [p for p in paths if kind_for(p) == "video"]
    assert len(photos) >= 40 and len(clips) >= 6
    assert any(p.lower().endswith(".png") for p in photos)
    campaign = folder / demo.CAMPAIGN
    for sub in ("Stage", "Crowd", "Creators", "Clips", "Melbourne Pop-up"):
        assert (campaign / sub).is_dir(), sub
    assert (folder / "music" / "bed.m4a").is_file()
    total = sum(Path(p).stat().st_size for p in paths)
    assert total < 30_000_000, total
    assert seconds < 30, f"write_demo took {seconds:.1f} s"


def test_photo_exif_is_plausible(facts):
    jpegs = {p: f for p, f in facts.items() if p.lower().endswith(".jpg")}
    assert len(jpegs) >= 40
    for path, f in jpegs.items():
        assert f["taken"] and f["camera"], path
        day, clock = f["taken"].split("T")
        assert day in ("2026-11-21", "2026-11-28"), path
        assert "17:00:00" <= clock <= "22:00:00", path
        assert max(f["width"], f["height"]) == 1600 and min(f["width"], f["height"]) == 1200
    sideways = [f for f in jpegs.values() if f["orientation"] in (6, 8)]
    assert len(sideways) >= 4
    assert all(f["height"] > f["width"] for f in sideways)  # they display as portraits
    with_gps = [f for f in jpegs.values() if f["gps"]]
    assert len(with_gps) >= 10
    sydney = [f for f in with_gps if abs(f["gps"]["lat"] + 33.87) < 0.05]
    assert sydney and all(abs(f["gps"]["lon"] - 151.2) < 0.05 for f in sydney)
    assert any(f["camera"] == "Apple iPhone 15 Pro" for f in jpegs.values())
    portraits = [f for f in jpegs.values() if f["height"] > f["width"]]
    assert 10 <= len(portraits) < len(jpegs)


def test_sideways_photos_thumbnail_upright(written, tmp_path):
    folder = written[0]
    plan = demo._photo_plan()
    sideways = [(i, s) for i, s in enumerate(plan) if s["orientation"] in (6, 8)]
    assert {s["orientation"] for _, s in sideways} == {6, 8}
    for index, spec in sideways[:3]:
        dest = tmp_path / "t.jpg"
        make_thumbnail(str(folder / spec["path"]), "image", str(dest), size=256)
        with Image.open(dest) as im:
            got = np.asarray(im, np.int16)
        upright = demo._render(index, spec).resize((got.shape[1], got.shape[0]))
        want = np.asarray(upright, np.int16)
        near = np.abs(got - want).mean()
        turned = np.abs(got - want[::-1, ::-1]).mean()
        assert near < 8 and turned > 2 * near, (spec["path"], near, turned)


def test_clips(facts):
    clips = {p: f for p, f in facts.items() if f["kind"] == "video"}
    assert len(clips) >= 6
    for path, f in clips.items():
        assert 2.0 <= f["duration"] <= 4.0, path
        assert f["video_codec"] == "h264" and max(f["width"], f["height"]) == 640, path
        assert f["taken"] and f["taken"].startswith("2026-11-2"), path
    rotated = [f for f in clips.values() if f["rotation"] in (90, 270)]
    assert len(rotated) == 1 and (rotated[0]["width"], rotated[0]["height"]) == (360, 640)
    silent = [f for f in clips.values() if not f["has_audio"]]
    assert len(silent) == 1
    assert all(f["audio_codec"] == "aac" for f in clips.values() if f["has_audio"])


def test_rotated_clip_poster_is_upright(written, facts, tmp_path):
    path = next(p for p, f in facts.items() if f["rotation"] in (90, 270))
    dest = tmp_path / "p.jpg"
    make_thumbnail(path, "video", str(dest), size=320, rotation=facts[path]["rotation"])
    with Image.open(dest) as im:
        assert im.size == (180, 320)
        arr = np.asarray(im, np.int16)
    # The LIVE badge (red) sits in the displayed top-left corner.
    red = arr[8:24, 8:36].reshape(-1, 3).mean(axis=0)
    assert red[0] > 150 and red[1] < 90, red


def test_black_lead_in_clip(written, facts, tmp_path):
    path = str(written[0] / demo.CAMPAIGN / "Clips" / "IMG_0512.MOV")
    import av

    with av.open(path) as container:
        first = next(container.decode(video=0)).to_ndarray(format="gray")
    assert first.mean() < 5  # really starts black
    dest = tmp_path / "p.jpg"
    make_thumbnail(path, "video", str(dest))
    with Image.open(dest) as im:
        assert np.asarray(im.convert("L")).mean() > 25


def test_music_bed(facts):
    bed = next(f for p, f in facts.items() if p.endswith("bed.m4a"))
    assert bed["kind"] == "audio" and bed["audio_codec"] == "aac"
    assert bed["duration"] == pytest.approx(8.0, abs=0.2)


def _digest(paths, root) -> dict:
    return {str(Path(p).relative_to(root)): hashlib.sha256(Path(p).read_bytes()).hexdigest()
            for p in paths}


def test_whole_demo_is_deterministic(written, tmp_path):
    """Byte-identical on a second run (same Pillow/FFmpeg builds; x264 on one thread)."""
    again = demo.write_demo(str(tmp_path))
    assert _digest(written[1], written[0]) == _digest(again, tmp_path)


def test_resource_path_finds_fonts():
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resource_path("fonts", "DejaVuSans-Bold.ttf").is_file()
