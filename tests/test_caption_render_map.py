"""The .srt beside a render and the burned-in captions after segments moved: each line of the
sidecar sits over the same source footage it was written for (computed from the plans), the
burned text shows over that clip's colour at those times, and beats snapping at render moves
the sidecar and the burn-in alike. Tiny synthetic clips, a few seconds of 180x320 video."""

from __future__ import annotations

import copy

import av
import numpy as np
import pytest

from liveassets.cuts import beats, caption_map, subtitles
from liveassets.cuts.plan import CutPlan, load_plan, save_plan
from liveassets.cuts.render import render
from mediagen import make_audio, make_video

RED, GREEN = (220, 40, 40), (40, 200, 60)
SIZE = (180, 320)


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    d = tmp_path_factory.mktemp("capmap")
    make_video(d / "red.mp4", size=(320, 180), seconds=2.0, colors=[RED], audio=False)
    make_video(d / "green.mp4", size=(320, 180), seconds=2.0, colors=[GREEN], audio=False)
    make_audio(d / "bed.wav", seconds=6.0)
    return d


def two_clips(d) -> CutPlan:
    plan = CutPlan.from_dict({"name": "Moves", "fps": 30, "purpose": "internal", "segments": [
        {"source": "red.mp4", "start": 0.0, "end": 2.0},
        {"source": "green.mp4", "start": 0.0, "end": 2.0}]}, base=d)
    plan.captions = [{"start": 0.5, "end": 1.0, "text": "Red words"},
                     {"start": 2.5, "end": 3.0, "text": "Green words"}]
    return plan


def under(plan: CutPlan, start: float, end: float) -> tuple:
    p = next(p for p in caption_map.parts(plan) if p.lo <= start < p.hi)
    return (p.source, round(p.footage(start), 3), round(p.footage(end), 3))


def frames_of(path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def colour_at_top(frame) -> tuple:
    return tuple(int(v) for v in frame[20:40, 40:140].reshape(-1, 3).mean(axis=0))


def near(rgb, want, tol=45) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(rgb, want))


def band(frame) -> bool:
    """A caption band: dark pixels and white text low in the frame (the clips are flat)."""
    low = frame[200:300, 20:160].astype(int)
    return (low.sum(axis=-1) < 150).sum() > 100 and (low.min(axis=-1) > 200).sum() > 10


def test_after_a_reorder_the_sidecar_lines_sit_over_their_own_footage(clips, tmp_path):
    before = two_clips(clips)
    after = copy.deepcopy(before)
    after.segments.reverse()  # green first, as a drag in the editor does
    after.captions = caption_map.follow(before.captions, before, after, [1, 0]).captions
    result = render(after, tmp_path / "moved.mp4", size=SIZE, captions="both")
    cues = subtitles.read(result.sidecar)
    assert [c.text for c in cues] == ["Green words", "Red words"]
    wanted = {c["text"]: under(before, c["start"], c["end"]) for c in before.captions}
    for c in cues:
        assert under(after, c.start, c.end) == wanted[c.text]
    pictures = frames_of(tmp_path / "moved.mp4")
    for c, colour in zip(cues, (GREEN, RED)):  # burned over the clip it was written for
        mid = pictures[round((c.start + c.end) / 2 * 30)]
        assert band(mid) and near(colour_at_top(mid), colour), c.text


def test_an_old_plan_file_with_cut_time_captions_loads_and_maps(clips, tmp_path):
    """A PLAN.json written before captions followed their footage (cut times only) reads as
    it is, and its captions belong to the segment under their start."""
    old = tmp_path / "PLAN.json"
    old.write_text('{"name": "Old", "fps": 30, "segments": ['
                   f'{{"source": "{clips / "red.mp4"}", "start": 0.5, "end": 2.0}}, '
                   f'{{"source": "{clips / "green.mp4"}", "start": 0, "end": 2}}], '
                   '"captions": [{"start": 1.7, "end": 2.2, "text": "Green, late"}]}',
                   encoding="utf-8")
    plan = load_plan(old)
    assert plan.captions == [{"start": 1.7, "end": 2.2, "text": "Green, late"}]
    assert under(plan, 1.7, 2.2)[0].endswith("green.mp4")  # 1.5 s of red, then green
    after = copy.deepcopy(plan)
    after.segments[0].start = 1.0  # half a second less red: the green words come sooner
    after.captions = caption_map.follow(plan.captions, plan, after, [0, 1]).captions
    assert after.captions == [{"start": 1.2, "end": 1.7, "text": "Green, late"}]
    save_plan(after, old)
    assert load_plan(old).captions == after.captions


def test_snap_to_beats_moves_the_sidecar_and_the_burn_in_alike(clips, tmp_path, monkeypatch):
    plan = two_clips(clips)
    plan.music = None
    data = plan.to_dict()
    data.update({"snap": "beats", "music": {"source": str(clips / "bed.wav"), "volume": 0.1}})
    plan = CutPlan.from_dict(data)
    # a beat at 1.5 s: red's cut moves there, green's words (its 0.5-1.0 s) to 2.0-2.5 s
    monkeypatch.setattr(beats, "beats", lambda *a, **k: [0.0, 1.5, 3.5, 5.0])
    result = render(plan, tmp_path / "snapped.mp4", size=SIZE, captions="both")
    cues = subtitles.read(result.sidecar)
    assert [(c.start, c.end, c.text) for c in cues] == [(0.5, 1.0, "Red words"),
                                                        (2.0, 2.5, "Green words")]
    pictures = frames_of(tmp_path / "snapped.mp4")
    assert len(pictures) == 105  # 1.5 s + 2 s
    for i in (61, 73):  # inside 2.0-2.5 s: the words, over green
        assert band(pictures[i]) and near(colour_at_top(pictures[i]), GREEN), i
    for i in (55, 78, 90):  # where the plan's own (unsnapped) times would have put them
        assert not band(pictures[i]), i
    assert plan.captions[1]["start"] == 2.5  # the saved plan keeps its own times


def test_a_quick_export_sidecar_is_timed_on_the_clips_as_copied(tmp_path):
    """Quick export starts each clip at the keyframe before its in point: the .srt follows,
    so its lines stay over the words (a.mp4's 1.0-1.3 s, copied from 0.5 s: at 0.5-0.8)."""
    from liveassets.cuts.quick import quick_export
    from test_cuts_quick import gop_clip

    gop_clip(tmp_path / "a.mp4", seconds=3.0)
    gop_clip(tmp_path / "b.mp4", seconds=3.0)
    plan = CutPlan.from_dict({"name": "Quick", "format": "9:16", "purpose": "internal",
                              "segments": [{"source": "a.mp4", "start": 0.7, "end": 2.0},
                                           {"source": "b.mp4", "start": 1.2, "end": 2.0}]},
                             base=tmp_path)
    plan.captions = [{"start": 0.3, "end": 0.6, "text": "in a"},
                     {"start": 1.4, "end": 1.8, "text": "in b"}]  # b's 1.3-1.7 s
    result = quick_export(plan, tmp_path / "q.mp4", captions="srt")
    assert result.starts == pytest.approx([0.5, 1.0])
    cues = subtitles.read(result.sidecar)
    assert [(c.start, c.end, c.text) for c in cues] == [(0.5, 0.8, "in a"),
                                                        (1.8, 2.2, "in b")]
