"""Beats of a music bed (issue #16): a 120 BPM click track gives a beat every 0.5 s within
30 ms, a silent lead-in gets no invented beats, and a plan's cuts snap onto the bed's beats."""

from __future__ import annotations

import numpy as np
import pytest

from liveassets.cuts.beats import beats, looped, snap, snapped_plan, track
from liveassets.cuts.plan import Card, CutPlan, Segment
from liveassets.media.writers import RATE
from sound_media import audio_file, beat_times, clicks


@pytest.mark.parametrize("bpm", [120, 93])
def test_click_track_beats_within_30_ms(tmp_path, bpm):
    path = audio_file(tmp_path / "click.m4a", clicks(12, bpm))
    found = beats(path)
    want = beat_times(12, bpm)
    assert len(found) >= len(want) - 1  # the last click may fall in the file's final frame
    for t in found:
        assert min(abs(t - w) for w in want) <= 0.030
    assert np.allclose(np.diff(found), 60 / bpm, atol=0.030)


@pytest.mark.parametrize("bpm", [75, 90, 128, 140])
def test_a_drum_loop_beats_fall_on_kick_and_snare_not_the_off_beat_hats(tmp_path, bpm):
    from sound_media import drum_loop

    path = audio_file(tmp_path / "loop.m4a", drum_loop(12, bpm, lead=0.5))
    found = beats(path)
    want = beat_times(11.8, bpm, 0.5)
    on_beat = [t for t in found if min(abs(t - w) for w in want) <= 0.030]
    assert len(on_beat) >= len(want) - 1
    assert len(found) - len(on_beat) <= 1  # at most the bass note's own start at 0 s


def test_a_silent_lead_in_gets_no_beats(tmp_path):
    lead = 1.3
    path = audio_file(tmp_path / "pickup.wav", clicks(10, 120, lead=lead))
    found = beats(path)
    assert found[0] == pytest.approx(lead, abs=0.030)
    assert len(found) >= len(beat_times(10, 120, lead)) - 1


def test_silence_and_noise_floor_have_no_beats():
    assert track(np.zeros(RATE * 4, np.float32), RATE) == []
    assert track(np.zeros(100, np.float32), RATE) == []


def test_snap_takes_the_nearest_beat_within_tolerance():
    grid = [0.5, 1.0, 1.5, 2.0]
    assert snap(1.1, grid, 0.2) == 1.0
    assert snap(1.3, grid, 0.2) == 1.5
    assert snap(1.25, grid, 0.1) == 1.25  # none close enough: unchanged
    assert snap(9.0, [], 1.0) == 9.0


def test_looped_bed_repeats_its_beats():
    assert looped([0.0, 0.5], 1.0, 2.0) == [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]


def test_snapped_plan_puts_every_cut_on_a_beat_within_the_sources():
    plan = CutPlan(segments=[Segment("/a.mp4", 0.0, 1.9), Segment("/b.mp4", 2.0, 4.2),
                             Segment("/c.jpg", duration=1.2)],
                   title=Card("Hi", seconds=1.0))
    grid = [i * 0.5 for i in range(40)]
    out = snapped_plan(plan, grid, {"/a.mp4": 10.0, "/b.mp4": 4.3})
    ends = [end for _, end in out.timeline()]
    assert all(min(abs(e - g) for g in grid) < 1e-6 for e in ends), ends
    # /b.mp4 has only 4.3 s: its cut went to the earlier beat rather than past the end
    assert out.segments[1].end <= 4.3
    assert plan.segments[0].end == 1.9  # the plan itself is untouched


# -- "snap": "beats" in a render -------------------------------------------------------------
def _colours(path) -> list[str]:
    """'r' / 'b' per decoded frame (the dominant channel of its centre pixel)."""
    import av

    with av.open(str(path)) as c:
        out = []
        for f in c.decode(c.streams.video[0]):
            px = f.to_ndarray(format="rgb24")[20, 20].astype(int)
            out.append("r" if px[0] > px[2] else "b")
    return out


def test_a_render_cuts_on_the_beats_of_the_music(tmp_path):
    from liveassets.cuts.render import render
    from sound_media import clip

    red = clip(tmp_path / "red.mp4", None, 3, colors=[(220, 20, 20)])
    blue = clip(tmp_path / "blue.mp4", None, 3, colors=[(20, 20, 220)])
    bed = audio_file(tmp_path / "bed.m4a", clicks(6, 120))
    data = {"name": "beat", "fps": 25, "purpose": "internal", "loudness": False,
            "music": {"source": bed, "volume": 1.0},
            "segments": [{"source": red, "start": 0.0, "end": 1.2},
                         {"source": blue, "start": 0.0, "end": 1.3}]}
    render(CutPlan.from_dict(data), tmp_path / "free.mp4", size=(48, 80))
    render(CutPlan.from_dict({**data, "snap": "beats"}), tmp_path / "snap.mp4", size=(48, 80))
    free, snapped = _colours(tmp_path / "free.mp4"), _colours(tmp_path / "snap.mp4")
    assert free.index("b") == 30  # 1.2 s at 25 fps: as planned
    assert snapped.index("b") == 25  # 1.0 s: the beat nearest 1.2 s
    # the second cut (planned at 2.3 s) went to 2.5 s, the nearer beat: blue lasts 1.5 s
    assert snapped[25:] == ["b"] * len(snapped[25:]) and abs(len(snapped) - 62.5) <= 1


def test_snap_needs_music_and_only_knows_beats():
    from liveassets.cuts.validate import validate

    plan = CutPlan.from_dict({"name": "x", "snap": "beats",
                              "segments": [{"source": "/nope.mp4", "start": 0, "end": 1}]})
    assert any("needs a music bed" in str(p) for p in validate(plan))
    plan.snap = "bars"
    assert any('snap \'bars\' is not "beats"' in str(p) for p in validate(plan))
    assert CutPlan.from_dict(plan.to_dict()).snap == "bars"  # kept as written, named above


def test_snapping_never_makes_a_piece_shorter_than_its_crossfades_allow():
    plan = CutPlan(segments=[Segment("/a.mp4", 0.0, 1.1), Segment("/b.mp4", 0.0, 2.0)],
                   crossfade=0.6)
    grid = [i * 0.5 for i in range(20)]
    out = snapped_plan(plan, grid, {"/a.mp4": 10.0, "/b.mp4": 10.0})
    assert all(s.length >= 1.2 for s in out.segments)
    assert out.segments[0].length == pytest.approx(1.5)  # 1.0 is nearer but too short
