"""Highlight moments (issue #16): crowd peaks where the cheers are, scene changes where the
picture cuts, nothing invented in steady footage, cached, and the draft cut built from them."""

from __future__ import annotations

import subprocess

import pytest

from liveassets.cuts import highlights, pcm
from liveassets.cuts.frames import ffmpeg_exe
from liveassets.cuts.highlights import Moment, draft_segments, moments
from liveassets.jobs import CancelToken, Cancelled
from liveassets.media.errors import MediaError
from liveassets.media.writers import tone
from sound_media import clip, crowd

CHEERS = [2.6, 9.1]  # seconds: the crowd bursts in the test clip


@pytest.fixture(scope="module")
def cheering(tmp_path_factory):
    """12 s: a murmur with two cheers, and a hard cut from red to blue at 5 s."""
    path = tmp_path_factory.mktemp("hl") / "cheering.mp4"
    return clip(path, crowd(12, CHEERS), 12, colors=[(200, 30, 30)] * 5 + [(30, 30, 200)] * 7)


@pytest.fixture(autouse=True)
def fresh_memory():
    highlights._memory.clear()
    yield
    highlights._memory.clear()


def test_two_cheers_are_loud_moments_within_half_a_second(cheering):
    loud = [m for m in moments(cheering) if m.kind == "loud"]
    assert len(loud) == 2
    for m, when in zip(loud, CHEERS):
        assert abs(m.t - when) <= 0.5
        assert 0.3 <= m.score <= 1.0


def test_a_hard_cut_is_a_scene_moment_and_moments_come_in_time_order(cheering):
    found = moments(cheering)
    scenes = [m for m in found if m.kind == "scene"]
    assert len(scenes) == 1 and abs(scenes[0].t - 5.0) <= 0.15  # one frame at 10 fps is 0.1 s
    assert [m.t for m in found] == sorted(m.t for m in found)
    assert all(isinstance(m.t, float) and 0 < m.score <= 1 for m in found)


def test_keyframe_only_pass_places_a_cut_within_half_a_second(tmp_path, monkeypatch):
    # phones write a keyframe every second: the fast pass decodes only those
    src = clip(tmp_path / "src.mp4", None, 10, colors=[(200, 30, 30)] * 3 + [(30, 200, 30)] * 7)
    phone = tmp_path / "phone.mp4"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(src), "-c:v", "libx264", "-g", "10",
                    "-keyint_min", "10", "-sc_threshold", "0", str(phone)], check=True)
    calls = []
    real = pcm.run

    def spy(args, *more, **kw):
        calls.append(args)
        return real(args, *more, **kw)

    monkeypatch.setattr(pcm, "run", spy)
    scenes = [m for m in moments(str(phone)) if m.kind == "scene"]
    assert len(scenes) == 1 and abs(scenes[0].t - 3.0) <= 0.5
    assert not any("bidir" in c for c in calls)  # no pass over every frame was needed


def test_steady_sound_and_picture_have_no_moments(tmp_path):
    path = clip(tmp_path / "steady.mp4", tone(8, volume=0.3), 8)
    assert moments(path) == []


def test_a_clip_without_sound_has_scene_moments_only(tmp_path):
    path = clip(tmp_path / "mute.mp4", None, 6, colors=[(0, 0, 0), (255, 255, 255)])
    found = moments(path)
    assert [m.kind for m in found] == ["scene"] and abs(found[0].t - 3.0) <= 0.15


def test_loud_moments_of_an_audio_file(tmp_path):
    from sound_media import audio_file

    path = audio_file(tmp_path / "crowd.m4a", crowd(12, CHEERS))
    found = moments(path)
    assert [m.kind for m in found] == ["loud", "loud"]
    assert all(abs(m.t - w) <= 0.5 for m, w in zip(found, CHEERS))


def test_photos_have_none(tmp_path):
    from mediagen import make_jpeg

    assert moments(make_jpeg(tmp_path / "a.jpg")) == []


def test_a_second_ask_is_answered_from_the_cache(cheering, tmp_path, monkeypatch):
    first = moments(cheering, cache_dir=tmp_path / "cache")

    def no_ffmpeg(*a, **k):
        raise AssertionError("ffmpeg ran again")

    monkeypatch.setattr(pcm, "run", no_ffmpeg)
    assert moments(cheering) == first  # memory
    highlights._memory.clear()
    assert moments(cheering, cache_dir=tmp_path / "cache") == first  # disk, a later run


def test_a_damaged_cache_file_is_measured_again(cheering, tmp_path):
    cache = tmp_path / "cache"
    first = moments(cheering, cache_dir=cache)
    for f in cache.iterdir():
        f.write_text("{not json")
    highlights._memory.clear()
    assert moments(cheering, cache_dir=cache) == first


@pytest.mark.parametrize("make", ["missing", "text", "empty"])
def test_unreadable_files_are_one_line(tmp_path, make):
    path = tmp_path / "clip.mp4"
    if make == "text":
        path.write_text("not a video\n" * 50)
    elif make == "empty":
        path.write_bytes(b"")
    with pytest.raises(MediaError) as info:
        moments(str(path))
    assert "\n" not in str(info.value) and str(info.value)


def test_cancel_stops_the_analysis(cheering):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        moments(cheering, cancel=token)


# -- the draft cut ------------------------------------------------------------------------
def _total(segments):
    return sum(s["end"] - s["start"] for s in segments)


def test_draft_takes_the_best_moments_centred_and_lasting_the_target():
    by_asset = {"/a.mp4": [Moment(3.0, "loud", 0.9), Moment(20.0, "scene", 0.2),
                           Moment(30.0, "loud", 0.8)],
                "/b.mp4": [Moment(10.0, "scene", 0.7)]}
    segs = draft_segments(by_asset, 12, count=3, durations={"/a.mp4": 60, "/b.mp4": 60})
    assert [(s["source"], s["start"], s["end"]) for s in segs] == [
        ("/a.mp4", 1.0, 5.0), ("/a.mp4", 28.0, 32.0), ("/b.mp4", 8.0, 12.0)]
    assert _total(segs) == pytest.approx(12)


def test_draft_stays_inside_the_clip_and_never_overlaps():
    by_asset = {"/a.mp4": [Moment(0.5, "loud", 1.0), Moment(1.5, "scene", 0.9),
                           Moment(9.8, "loud", 0.8)]}
    segs = draft_segments(by_asset, 6, count=3, durations={"/a.mp4": 10.0})
    assert all(0 <= s["start"] < s["end"] <= 10.0 for s in segs)
    spans = sorted((s["start"], s["end"]) for s in segs)
    assert all(a[1] <= b[0] + 1e-9 for a, b in zip(spans, spans[1:]))
    assert _total(segs) == pytest.approx(6)
    assert len(segs) == 2  # 0.5 and 1.5 cannot both have a 3 s piece of their own


def test_draft_of_nothing_is_empty():
    assert draft_segments({"/a.mp4": []}, 15) == []
    assert draft_segments({}, 15) == []


def test_cancel_stops_ffmpeg_even_while_it_prints_nothing():
    # a scene pass prints only at scene changes: the token must be watched meanwhile
    import threading
    import time

    token = CancelToken()
    threading.Timer(0.2, token.cancel).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled):
        pcm.run(["-v", "error", "-re", "-f", "lavfi", "-i", "anullsrc=d=30", "-f", "null", "-"],
                token)
    assert time.perf_counter() - started < 2.0


def test_a_late_sound_track_keeps_moments_on_the_pictures_clock(tmp_path):
    # the sound starts 1 s after the picture (an edit list, as phones write): a cheer 2.6 s
    # into the sound is 3.6 s into the clip
    from sound_media import audio_file

    picture = clip(tmp_path / "p.mp4", None, 12)
    sound = audio_file(tmp_path / "s.m4a", crowd(11, [2.6]))
    late = tmp_path / "late.mp4"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-i", picture, "-itsoffset", "1.0", "-i", sound,
                    "-map", "0:v", "-map", "1:a", "-c", "copy", str(late)], check=True)
    loud = [m for m in moments(str(late)) if m.kind == "loud"]
    assert len(loud) == 1 and abs(loud[0].t - 3.6) <= 0.5


def test_draft_uses_only_clips_a_cut_can_show():
    by_asset = {"/crowd.m4a": [Moment(5.0, "loud", 1.0)], "/a.mp4": [Moment(5.0, "loud", 0.4)]}
    segs = draft_segments(by_asset, 4, count=2)
    assert [s["source"] for s in segs] == ["/a.mp4"] and _total(segs) == pytest.approx(4)


def test_a_draft_is_a_plan_that_validates_and_renders(cheering, tmp_path):
    from liveassets.cuts.plan import CutPlan
    from liveassets.cuts.render import render
    from liveassets.cuts.validate import blocking, validate

    segs = draft_segments({cheering: moments(cheering)}, 6, count=2, durations={cheering: 12})
    plan = CutPlan.from_dict({"name": "Draft", "purpose": "internal", "fps": 25,
                              "segments": segs})
    assert blocking(validate(plan)) == []
    result = render(plan, tmp_path / "draft.mp4", size=(48, 80), loudness=False)
    assert result.duration == pytest.approx(6, abs=0.05)


def test_sound_read_piece_by_piece_gives_the_same_moments(cheering, monkeypatch):
    whole = highlights.loud_moments(pcm.mono(cheering, highlights.RATE))
    monkeypatch.setattr(pcm, "CHUNK", 4099)  # odd pieces: samples and blocks split across them
    assert highlights.loud_moments_of(cheering) == whole
    assert len(whole) == 2
