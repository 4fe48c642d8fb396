"""Quick export: which plans qualify, the keyframe sentence, and a real stream copy (the
compressed pictures are the source's own bytes) of the expected length."""

import os

import av
import pytest

from liveassets.cuts.plan import CutPlan, PlanError
from liveassets.cuts.quick import keyframe_before, qualifies, quick_export, snapping
from liveassets.jobs import Progress
import numpy as np

from mediagen import make_video


def gop_clip(path, seconds=4.0, gop=15):
    """A 180x320 clip with a keyframe every `gop` frames (0.5 s)."""
    def pictures():
        for i in range(int(seconds * 30)):
            frame = np.zeros((320, 180, 3), np.uint8)
            frame[:, :, 0] = (i * 7) % 256
            yield frame
    # mediagen's writer has no GOP option (libx264's default keyint of 250 frames is longer
    # than the clip), so encode here with a keyframe every `gop` frames.
    with av.open(str(path), "w", options={"movflags": "+faststart"}) as out:
        stream = out.add_stream("libx264", rate=30, options={"g": str(gop), "keyint_min":
                                                             str(gop), "sc_threshold": "0"})
        stream.width, stream.height, stream.pix_fmt = 180, 320, "yuv420p"
        for i, arr in enumerate(pictures()):
            frame = av.VideoFrame.from_ndarray(arr, format="rgb24")
            frame.pts = i
            out.mux(stream.encode(frame))
        out.mux(stream.encode())
    return str(path)


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    d = tmp_path_factory.mktemp("quick_media")
    gop_clip(d / "a.mp4")
    gop_clip(d / "b.mp4")
    make_video(d / "wide.mp4", size=(320, 180), seconds=1.0)
    return d


def plan_of(media, segments, **extra):
    data = {"name": "Quick", "format": "9:16", "purpose": "internal", "segments": segments}
    data.update(extra)
    return CutPlan.from_dict(data, base=media)


def test_what_qualifies(media):
    segs = [{"source": "a.mp4", "start": 0.7, "end": 2.0}, {"source": "b.mp4", "start": 1.0,
                                                             "end": 2.5}]
    assert qualifies(plan_of(media, segs)) == (True, "")
    assert "title" in qualifies(plan_of(media, segs, title={"text": "Hi"}))[1]
    assert "crossfade" in qualifies(plan_of(media, segs, crossfade=0.2))[1]
    ok, why = qualifies(plan_of(media, [{"source": "wide.mp4", "start": 0, "end": 1}]))
    assert not ok and "needs reframing" in why


def test_snapping_is_explained(media):
    plan = plan_of(media, [{"source": "a.mp4", "start": 0.7, "end": 2.0},
                           {"source": "b.mp4", "start": 1.0, "end": 2.5}])
    assert keyframe_before(plan.segments[0].source, 0.7) == pytest.approx(0.5)
    assert snapping(plan) == ("Quick export copies the clips without re-encoding, so each cut "
                              "starts at the keyframe at or before your in point: up to 0.20 s "
                              "earlier here.")
    exact = plan_of(media, [{"source": "a.mp4", "start": 1.0, "end": 2.0}])
    assert "lands exactly where you marked it" in snapping(exact)


def test_stream_copy_of_the_right_length(media, tmp_path):
    plan = plan_of(media, [{"source": "a.mp4", "start": 0.7, "end": 2.0},
                           {"source": "b.mp4", "start": 1.0, "end": 2.5}])
    seen = []
    result = quick_export(plan, tmp_path / "q.mp4", seen.append)
    assert result.starts == [pytest.approx(0.5), pytest.approx(1.0)]
    assert result.duration == pytest.approx(1.5 + 1.5)
    with av.open(str(tmp_path / "q.mp4")) as out, av.open(str(media / "a.mp4")) as src:
        assert abs(out.duration / 1e6 - 3.0) <= 0.1
        first = next(p for p in out.demux(out.streams.video[0]) if p.size)
        src_packets = [p for p in src.demux(src.streams.video[0]) if p.size and p.is_keyframe]
        # the first picture is the source's keyframe at 0.5 s, byte for byte (ffmpeg's concat
        # puts the parameter sets in front of it): no re-encode
        assert bytes(first).endswith(bytes(src_packets[1])) and first.is_keyframe
        assert out.streams.video[0].codec_context.name == "h264"
    assert os.listdir(tmp_path) == ["q.mp4"]
    assert all(isinstance(p, Progress) for p in seen)
    assert plan.history[-1]["event"] == "exported"


def test_refuses_a_plan_that_does_not_qualify(media, tmp_path):
    plan = plan_of(media, [{"source": "a.mp4", "start": 0.0, "end": 1.0}], caption="Hi")
    with pytest.raises(PlanError, match="only trims"):
        quick_export(plan, tmp_path / "q.mp4")
