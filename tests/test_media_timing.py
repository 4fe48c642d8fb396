"""Real phone and browser footage shown and rendered true in time (issue #10 items 5-7, 9):
lengths the header does not give or lies about, sound that starts after or before the picture,
linear PCM sound in a quick export, and files that would stall a scan."""

import json
import os
import time

import av
import numpy as np
import pytest
from PIL import Image

from liveassets.cli.main import main
from liveassets.cuts.plan import CutPlan, PlanError
from liveassets.cuts.quick import quick_export, snapping
from liveassets.cuts.render import render
from liveassets.cuts.validate import validate
from liveassets.media import scan as scan_module
from liveassets.media.probe import probe
from liveassets.media.thumbs import make_thumbnail
from mediagen import make_jpeg, make_video
from timing_media import (flash_and_beep, huge_exif_jpeg, lie_about_duration,
                          stretch_last_frame, streamed)

FPS = 30
SIZE = (180, 320)


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    d = tmp_path_factory.mktemp("timing")
    make_video(d / "src.mp4", size=(160, 90), seconds=4.0, black_lead=0.5)
    streamed(str(d / "src.mp4"), str(d / "recorder.webm"), "webm")
    streamed(str(d / "src.mp4"), str(d / "recorder.mkv"), "mkv")
    make_video(d / "one.mp4", size=(160, 90), seconds=1.0, faststart=False)
    stretch_last_frame(str(d / "one.mp4"), str(d / "tenhours.mp4"), 36000)
    lie_about_duration(str(d / "one.mp4"), str(d / "mvhd_lies.mp4"), 36000)
    return d


def plan_of(folder, segments, **extra):
    data = {"name": "Timing", "format": "9:16", "fps": FPS, "purpose": "internal",
            "segments": segments}
    data.update(extra)
    return CutPlan.from_dict(data, base=folder)


def header_seconds(path):
    with av.open(str(path)) as c:
        return c.duration / 1e6 if c.duration else None


@pytest.mark.parametrize("name", ["recorder.webm", "recorder.mkv"])
def test_clip_without_duration_in_header_reports_its_real_length(clips, name):
    assert header_seconds(clips / name) is None  # as a browser's recorder writes it
    assert probe(str(clips / name))["duration"] == pytest.approx(4.0, abs=0.05)


@pytest.mark.parametrize("name", ["tenhours.mp4", "mvhd_lies.mp4"])
def test_clip_whose_header_claims_ten_hours_reports_one_second(clips, name):
    if name == "tenhours.mp4":
        assert header_seconds(clips / name) > 35_000  # FFmpeg itself believes the lie
    assert probe(str(clips / name))["duration"] == pytest.approx(1.0, abs=0.05)


def test_list_json_and_duration_query_see_the_webm(clips, tmp_path, capsys):
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "recorder.webm").write_bytes((clips / "recorder.webm").read_bytes())
    lib = tmp_path / "lib"
    assert main(["--library", str(lib), "scan", str(folder)]) == 0
    capsys.readouterr()
    assert main(["--library", str(lib), "list", "duration<60", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [os.path.basename(a["path"]) for a in found] == ["recorder.webm"]
    assert found[0]["duration"] == pytest.approx(4.0, abs=0.05)


def test_webm_thumbnail_shows_the_picture_not_the_black_lead(clips, tmp_path):
    dest = tmp_path / "t.jpg"
    assert make_thumbnail(str(clips / "recorder.webm"), "video", str(dest), 256)
    with Image.open(dest) as im:
        r, g, b = im.convert("RGB").getpixel((im.width // 2, im.height // 4))
    assert b > 150 and g > 100  # the clip's blue, not its first (black) frames


@pytest.mark.parametrize("name,start,end,real", [("recorder.webm", 1, 9, "4"),
                                                 ("tenhours.mp4", 0, 4, "1")])
def test_segment_past_the_real_end_is_refused_everywhere(clips, tmp_path, name, start, end,
                                                         real):
    plan = plan_of(clips, [{"source": name, "start": start, "end": end}])
    problems = [str(p) for p in validate(plan)]
    assert len(problems) == 1 and name in problems[0] and f"only {real}" in problems[0]
    for run in (lambda out: render(plan, out, size=SIZE),
                lambda out: render(plan, out, preview=True, size=SIZE),
                lambda out: quick_export(plan, out)):
        with pytest.raises(PlanError, match=name):
            run(tmp_path / "x.mp4")
    assert not (tmp_path / "x.mp4").exists()


def flash_frames(path):
    with av.open(str(path)) as c:
        return [i for i, f in enumerate(c.decode(video=0))
                if f.to_ndarray(format="gray").mean() > 180]


def beep_onsets(path):
    """Times (s) where the 1 kHz beep starts in the file's decoded sound."""
    with av.open(str(path)) as c:
        chunks = [f.to_ndarray()[:1] for f in c.decode(audio=0)]
        rate = c.streams.audio[0].rate
    loud = np.abs(np.concatenate(chunks, axis=1)[0]) > 0.1
    starts = np.flatnonzero(loud[1:] & ~loud[:-1]) + 1
    out = []
    for s in ([0] if loud[0] else []) + list(starts):
        if not out or s / rate - out[-1] > 0.2:
            out.append(s / rate)
    return out


@pytest.mark.parametrize("offset", [0.1, 0.5, -0.2])
@pytest.mark.parametrize("start", [0.0, 1.2])
def test_sound_that_starts_late_or_early_stays_on_the_flash(tmp_path, offset, start):
    """Flash and beep together at 0.5/1.5/2.5 s in a clip whose sound stream starts `offset`
    after the picture: in a render of [start, start + 1 s] the beep begins within one frame of
    the flash frame."""
    src = flash_and_beep(str(tmp_path / "fb.mp4"), audio_offset=offset)
    out = tmp_path / "cut.mp4"
    render(plan_of(tmp_path, [{"source": "fb.mp4", "start": start, "end": start + 1.0}]),
           out, size=SIZE)
    flashes, beeps = flash_frames(out), beep_onsets(out)
    assert len(flashes) == 1 and len(beeps) == 1, (flashes, beeps)
    assert flashes[0] == round(((0.5 if start == 0 else 1.5) - start) * FPS)
    assert abs(beeps[0] - flashes[0] / FPS) <= 1 / FPS, (beeps, flashes)


def test_quick_export_of_pcm_sound_converts_only_the_sound_and_says_so(tmp_path):
    for name in ("a.mov", "b.mov"):
        flash_and_beep(str(tmp_path / name), audio_offset=0.0, pcm=True, size=(72, 128))
    with av.open(str(tmp_path / "a.mov")) as c:
        assert c.streams.audio[0].codec_context.name == "pcm_s16le"
        source_video = [bytes(p) for p in c.demux(video=0) if p.size][1:5]
    plan = plan_of(tmp_path, [{"source": "a.mov", "start": 0.0, "end": 1.0},
                              {"source": "b.mov", "start": 1.0, "end": 2.0}])
    assert "converted to AAC" in snapping(plan)
    out = tmp_path / "quick.mp4"
    result = quick_export(plan, out)
    assert result.sound == "converted to AAC"
    with av.open(str(out)) as c:
        assert c.format.name.startswith("mov,mp4")
        assert c.streams.audio[0].codec_context.name == "aac"
        assert [bytes(p) for p in c.demux(video=0) if p.size][1:5] == source_video  # copied
    beeps, flashes = beep_onsets(out), flash_frames(out)
    assert len(beeps) == 2 and len(flashes) == 2
    for beep, flash in zip(beeps, flashes):
        assert abs(beep - flash / FPS) <= 1 / FPS + 0.025  # AAC frames are 21 ms


def test_jpeg_with_huge_exif_is_read_in_bounded_time(tmp_path):
    path = huge_exif_jpeg(str(tmp_path / "huge.jpg"), megabytes=60)
    started = time.perf_counter()
    facts = probe(path)
    assert time.perf_counter() - started < 2.0  # was ~18 s here (quadratic EXIF join)
    assert (facts["orientation"], facts["camera"]) == (6, "Canon EOS R5")
    assert (facts["width"], facts["height"]) == (48, 64)  # upright
    started = time.perf_counter()
    assert make_thumbnail(path, "image", str(tmp_path / "t.jpg"), 128)
    assert time.perf_counter() - started < 2.0


def test_a_file_that_stalls_becomes_an_error_row_and_the_rest_is_indexed(
        library, tmp_path, monkeypatch):
    """The per-file budget: a reader that never returns in time (here a decoder stalled on one
    file, imitated by a sleep) gives that file an error row naming the time; the others are
    read and the scan ends without waiting for it."""
    folder = tmp_path / "event"
    for i in range(3):
        make_jpeg(folder / f"ok_{i}.jpg", size=(64, 48))
    make_jpeg(folder / "stalls.jpg", size=(64, 48))
    real = scan_module.probe

    def stalling(path):
        if path.endswith("stalls.jpg"):
            time.sleep(3.0)
        return real(path)

    monkeypatch.setattr(scan_module, "probe", stalling)
    monkeypatch.setattr(scan_module, "FILE_SECONDS", 0.5)
    started = time.perf_counter()
    report = scan_module.scan(library, [str(folder)])
    assert time.perf_counter() - started < 2.5
    rows = {os.path.basename(d["path"]): d for d in library.all()}
    assert {n for n, d in rows.items() if d["status"] == "ok"} == {f"ok_{i}.jpg" for i in range(3)}
    assert rows["stalls.jpg"]["status"] == "error"
    assert "longer than 0.5 s" in rows["stalls.jpg"]["error"]
    assert report.errors == 1


def test_huge_exif_photo_renders_and_packs_in_bounded_time(tmp_path):
    from liveassets.cuts.stills import open_upright
    from liveassets.packs.renditions import render_jpeg

    path = huge_exif_jpeg(str(tmp_path / "huge.jpg"), megabytes=60)
    started = time.perf_counter()
    assert open_upright(path).size == (48, 64)  # EXIF orientation 6 still honoured
    data, size = render_jpeg(path, 32)
    assert size == (24, 32) and data[:2] == b"\xff\xd8"
    assert time.perf_counter() - started < 2.0
