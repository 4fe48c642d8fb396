"""`liveassets highlights QUERY [--json]` and the `cut` verb's loudness (issue #16): the
moments a user would jump to, the level the render plays at, stored on its asset."""

from __future__ import annotations

import json

import pytest

from cli_helpers import cli, one_line
from liveassets.catalog.catalog import Catalog
from liveassets.cuts.loudness import measure_loudness
from liveassets.media.scan import scan
from mediagen import make_jpeg
from sound_media import at_loudness, clip, crowd, music_like

CHEERS = [2.6, 9.1]


@pytest.fixture
def shoot(tmp_path):
    folder = tmp_path / "event"
    clip(folder / "crowd.mp4", crowd(12, CHEERS), 12,
         colors=[(200, 30, 30)] * 5 + [(30, 30, 200)] * 7)
    clip(folder / "quiet.mp4", at_loudness(music_like(3), -30, tmp_path / "q.wav"), 3,
         size=(90, 160))
    make_jpeg(folder / "photo.jpg")
    lib = tmp_path / "lib"
    with Catalog(lib) as cat:
        scan(cat, [str(folder)], thumbnails=False)
        cat.set_rights([a["id"] for a in cat.all()], status="cleared")
        ids = {a["name"]: a["id"] for a in cat.all()}
    return folder, lib, ids


def test_highlights_json_lists_each_moment_of_the_matching_clips(shoot, capsys):
    _, lib, ids = shoot
    code, out, err = cli(capsys, "--library", lib, "highlights", "crowd", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert all(set(r) == {"asset", "t", "kind", "score"} for r in rows)
    assert {r["asset"] for r in rows} == {ids["crowd.mp4"]}
    loud = [r["t"] for r in rows if r["kind"] == "loud"]
    assert len(loud) == 2 and all(abs(t - w) <= 0.5 for t, w in zip(loud, CHEERS))
    assert [r["t"] for r in rows if r["kind"] == "scene"] == [pytest.approx(5.0, abs=0.15)]
    # the second ask comes from the library's cache
    assert any((lib / "cache" / "moments").iterdir())
    assert json.loads(cli(capsys, "--library", lib, "highlights", "crowd", "--json")[1]) == rows


def test_highlights_text_lines_name_asset_time_and_kind(shoot, capsys):
    _, lib, ids = shoot
    code, out, _ = cli(capsys, "--library", lib, "highlights")
    assert code == 0
    lines = [ln for ln in out.splitlines() if ln.startswith(ids["crowd.mp4"])]
    assert len(lines) == 3 and "loud" in lines[0] and "crowd.mp4" in lines[0]


def test_highlights_of_nothing_or_only_photos_is_one_line(shoot, capsys):
    _, lib, _ = shoot
    code, _, err = cli(capsys, "--library", lib, "highlights", "no-such-thing")
    assert code == 1 and "No assets match" in one_line(err)
    code, _, err = cli(capsys, "--library", lib, "highlights", "photo")
    assert code == 1 and "video or audio" in one_line(err)


def test_a_clip_gone_from_disk_is_a_warning_not_a_traceback(shoot, capsys):
    folder, lib, _ = shoot
    (folder / "quiet.mp4").unlink()
    code, out, err = cli(capsys, "--library", lib, "highlights", "--json")
    assert code == 0 and "quiet.mp4" in err and "missing" in err
    assert json.loads(out)


def _plan(folder, **extra):
    data = {"name": "Quiet recap", "fps": 25, "purpose": "internal",
            "segments": [{"source": "quiet.mp4", "start": 0.0, "end": 3.0}]}
    data.update(extra)
    path = folder / "plan.json"
    path.write_text(json.dumps(data))
    return path


def test_cut_prints_and_stores_the_level_it_plays_at(shoot, capsys):
    folder, lib, _ = shoot
    out = folder / "out.mp4"
    code, printed, err = cli(capsys, "--library", lib, "cut", _plan(folder), "-o", out)
    assert code == 0, err
    heard = measure_loudness(str(out))
    assert heard["integrated"] == pytest.approx(-14, abs=1) and heard["true_peak"] <= -1
    assert f"sound: {heard['integrated']:.1f} LUFS" in printed
    with Catalog(lib, readonly=True) as cat:
        asset = cat.by_path(str(out))
        assert asset["loudness_lufs"] == pytest.approx(heard["integrated"], abs=0.05)
        assert asset["true_peak_dbtp"] == pytest.approx(heard["true_peak"], abs=0.05)
    listed = json.loads(cli(capsys, "--library", lib, "list", "Quiet", "--json")[1])
    assert listed[0]["loudness_lufs"] == asset["loudness_lufs"]


def test_cut_takes_another_target_or_none(shoot, capsys):
    folder, lib, _ = shoot
    code, printed, _ = cli(capsys, "--library", lib, "cut", _plan(folder), "-o",
                           folder / "a.mp4", "--loudness", "-18")
    assert code == 0
    assert measure_loudness(str(folder / "a.mp4"))["integrated"] == pytest.approx(-18, abs=1)
    code, printed, _ = cli(capsys, "--library", lib, "cut", _plan(folder), "-o",
                           folder / "b.mp4", "--no-loudness")
    assert code == 0
    assert measure_loudness(str(folder / "b.mp4"))["integrated"] == pytest.approx(-30, abs=1)
    code, _, err = cli(capsys, "--library", lib, "cut", _plan(folder), "--loudness", "-2")
    assert code == 2 and "-70 to -5 LUFS" in err


def test_a_plan_with_a_bad_loudness_renders_nothing(shoot, capsys):
    folder, lib, _ = shoot
    out = folder / "c.mp4"
    code, _, err = cli(capsys, "--library", lib, "cut",
                       _plan(folder, loudness={"target_lufs": 3}), "-o", out)
    assert code == 1 and "loudness target_lufs" in err and not out.exists()


def test_a_clip_the_scan_found_damaged_is_skipped_with_the_scans_reason(shoot, capsys):
    from mediagen import truncate_copy

    folder, lib, ids = shoot
    truncate_copy(folder / "crowd.mp4", folder / "cut-off.mp4", 0.3)
    with Catalog(lib) as cat:
        scan(cat, [str(folder)], thumbnails=False)
    code, out, err = cli(capsys, "--library", lib, "highlights", "--json")
    assert code == 0 and json.loads(out)
    warned = [ln for ln in err.splitlines() if "cut-off.mp4" in ln]
    # was ffmpeg's own words ("Error opening input files: Invalid argument"), no way forward
    assert len(warned) == 1 and "skipped" in warned[0] and "re-copy it" in warned[0]
