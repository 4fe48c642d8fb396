"""Timed captions in the render, as a viewer sees them: an imported SRT's lines appear on the
frames of their times and on no other (decoded frames compared inside and outside each cue),
inside the text-safe box, emoji in colour and CJK drawn with a real font (not boxes); the
sidecar .srt beside the clip reads back equal."""

import av
import numpy as np
import pytest

import test_text_drawing as TD
from liveassets.cuts import burn, subtitles
from liveassets.cuts.frames import safe_box
from liveassets.cuts.plan import CutPlan, Segment
from liveassets.cuts.render import render
from liveassets.cuts.stills import caption_overlay
from mediagen import make_video

GREY = (110, 120, 130)
SIZE = (360, 640)
FPS = 30
SRT = ("1\n00:00:00,500 --> 00:00:01,200\nHello Sydney\n\n"
       "2\n00:00:01,800 --> 00:00:02,500\n字 👍🏽🇦🇺\n")


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    d = tmp_path_factory.mktemp("burn")
    make_video(d / "grey.mp4", size=(640, 360), seconds=3.0, colors=[GREY], audio=False)
    (d / "talk.srt").write_text(SRT, encoding="utf-8")
    return d


def plan_with(clip, **extra) -> CutPlan:
    data = {"name": "Captions", "format": "9:16", "fps": FPS, "purpose": "internal",
            "segments": [{"source": "grey.mp4", "start": 0.0, "end": 3.0}]}
    data.update(extra)
    plan = CutPlan.from_dict(data, base=clip)
    plan.captions = subtitles.to_plan(subtitles.read(clip / "talk.srt"))
    return plan


def frames_of(path) -> list[np.ndarray]:
    with av.open(str(path)) as c:
        return [f.to_ndarray(format="rgb24") for f in c.decode(video=0)]


def caption_region(frame: np.ndarray) -> np.ndarray:
    """The lower part of the safe box, where captions sit (the clip's moving strip is above)."""
    x0, y0, x1, y1 = safe_box((frame.shape[1], frame.shape[0]))
    return frame[y1 - (y1 - y0) // 3:y1, x0:x1].astype(int)


def shows_caption(frame: np.ndarray) -> bool:
    region = caption_region(frame)
    dark = (region.sum(axis=-1) < sum(GREY) - 150).sum()
    white = (region.min(axis=-1) > 200).sum()
    return dark > 200 and white > 20


def clean(frame: np.ndarray) -> bool:
    return np.abs(caption_region(frame) - np.array(GREY)).max() < 16


def test_srt_lines_appear_on_the_frames_of_their_times_only(clip, tmp_path):
    out = tmp_path / "burned.mp4"
    result = render(plan_with(clip), out, size=SIZE)
    assert result.sidecar is None and not (tmp_path / "burned.srt").exists()
    pictures = frames_of(out)
    assert len(pictures) == 90
    # cue 1: 0.5-1.2 s = frames 15..35; cue 2: 1.8-2.5 s = frames 54..74
    for i in (0, 14, 36, 45, 53, 75, 89):
        assert clean(pictures[i]), i
    for i in (15, 25, 35, 54, 64, 74):
        assert shows_caption(pictures[i]), i
    assert not np.array_equal(caption_region(pictures[25]), caption_region(pictures[64]))
    # emoji in colour: the grey clip, black band and white text have no saturated pixels
    sat = TD.saturation(caption_region(pictures[64]))
    assert (sat > 80).sum() > 15
    assert (TD.saturation(caption_region(pictures[25])) > 80).sum() == 0


def test_captions_stay_inside_the_safe_box_above_the_fixed_caption():
    size = (1080, 1920)
    fixed = caption_overlay(size, "Sydney, 21 Nov")
    plan = CutPlan(segments=[Segment("still.jpg", duration=2.0)],  # captions end with the cut
                   captions=[{"start": 0, "end": 1, "text": "x " * 60},  # wraps to rows
                             {"start": 0.5, "end": 1.5, "text": "Hello"}])
    track = burn.track_for(plan, size, 30, fixed)
    x0, y0, x1, y1 = safe_box(size)
    for i in (0, 20, 40):  # first cue, both stacked, second cue
        (band,) = track.at(i)
        assert x0 <= band.x and band.x + band.w <= x1 and y0 <= band.y
        assert band.y + band.h <= fixed.y  # never over the fixed caption
    assert track.at(45) == []
    alone = burn.track_for(plan, size, 30, None).at(40)[0]
    assert alone.y + alone.h <= y1 and alone.y + alone.h >= y1 - 2


def test_cjk_caption_is_drawn_with_a_real_font_not_boxes():
    face = TD.system_face("字")
    size = (1080, 1920)
    band = burn.band_overlay(size, ["字"], safe_box(size)[3])
    px, _ = burn.layout(size, ["字"])
    rgba = band.rgba.astype(int)
    drawn = TD.ink((rgba[..., :3].sum(axis=-1) > 3 * 160) & (rgba[..., 3] > 160))
    assert TD.likeness(drawn, TD.reference(face.path, face.index, "字", px)) > 0.7
    assert TD.likeness(drawn, TD.notdef("字", px)) < 0.5


def test_sidecar_beside_the_render_reads_back_equal_and_srt_mode_burns_nothing(clip, tmp_path):
    plan = plan_with(clip)
    plan.segments[0].end = 2.0
    out = tmp_path / "side.mp4"
    result = render(plan, out, size=(180, 320), captions="srt")
    assert result.sidecar == str(tmp_path / "side.srt")
    # the second line (1.8-2.5 s) is cut at the recap's end (2.0 s), as the burn-in shows it
    assert subtitles.read(result.sidecar) == [subtitles.Cue(0.5, 1.2, "Hello Sydney"),
                                              subtitles.Cue(1.8, 2.0, "字 👍🏽🇦🇺")]
    pictures = frames_of(out)
    assert clean(pictures[25])  # not burned in
    result = render(plan, tmp_path / "both.mp4", size=(180, 320), captions="both")
    assert subtitles.read(result.sidecar)[-1].end == 2.0
    assert shows_caption(frames_of(tmp_path / "both.mp4")[25])


def test_no_sidecar_without_captions_and_an_unknown_mode_is_refused(clip, tmp_path):
    plan = plan_with(clip)
    plan.captions = []
    plan.segments[0].end = 0.5
    assert render(plan, tmp_path / "plain.mp4", size=(180, 320), captions="both").sidecar is None
    assert not (tmp_path / "plain.srt").exists()
    with pytest.raises(Exception) as err:
        render(plan, tmp_path / "x.mp4", size=(180, 320), captions="sideways")
    assert "burn, srt, both, none" in str(err.value)


def test_quick_export_never_drops_captions_silently(clip):
    from liveassets.cuts.quick import qualifies

    plan = plan_with(clip)
    ok, why = qualifies(plan)  # what the window's Quick export asks
    assert not ok and "cannot burn captions" in why
    ok, why = qualifies(plan, captions="srt")
    assert "captions" not in why
