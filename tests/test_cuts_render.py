"""Rendering cuts: what a viewer notices, on tiny fast renders (180x320 frames, 1 s pieces):
frame size and duration, the right source at the right time, portrait phone clips upright,
continuous sound (silence for clips without), overlays inside the safe zone, and a cancel that
leaves no file and no ffmpeg behind."""

import os
import threading
import time

from fractions import Fraction

import av
import numpy as np
import pytest

from liveassets.cuts.frames import safe_box
from liveassets.cuts.plan import CutPlan, PlanError
from liveassets.cuts.render import render
from liveassets.jobs import CancelToken, Cancelled
from liveassets.media.writers import tone, write_audio
from mediagen import make_audio, make_jpeg, make_png, make_video

SIZE = (180, 320)
RED, GREEN, BLUE, YELLOW = (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)


def make_vfr(path, switch=1.0, seconds=2.0):
    """Variable frame rate (gaps of 20/50/30 ms): red then blue at `switch`; silence then a
    tone from `switch`."""
    with av.open(str(path), "w") as out:
        v = out.add_stream("libx264", rate=30, options={"preset": "ultrafast"})
        v.width, v.height, v.pix_fmt = 320, 180, "yuv420p"
        v.time_base = Fraction(1, 1000)
        a = out.add_stream("aac", rate=48000)
        a.layout = "stereo"
        t, k = 0, 0
        while t < seconds * 1000:
            arr = np.zeros((180, 320, 3), np.uint8)
            arr[:] = (255, 0, 0) if t < switch * 1000 else (0, 0, 255)
            f = av.VideoFrame.from_ndarray(arr, format="rgb24")
            f.pts, f.time_base = t, Fraction(1, 1000)
            out.mux(v.encode(f))
            t += (20, 50, 30)[k % 3]
            k += 1
        out.mux(v.encode())
        n = int(seconds * 48000)
        tt = np.arange(n) / 48000
        wave = np.where(tt >= switch, 0.3 * np.sin(2 * np.pi * 440 * tt), 0).astype(np.float32)
        for s in range(0, n, 1024):
            block = np.repeat(wave[None, s:s + 1024], 2, axis=0)
            fr = av.AudioFrame.from_ndarray(np.ascontiguousarray(block), format="fltp", layout="stereo")
            fr.sample_rate, fr.pts = 48000, s
            out.mux(a.encode(fr))
        out.mux(a.encode())


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    d = tmp_path_factory.mktemp("render_media")
    make_video(d / "red.mp4", size=(320, 180), seconds=2.0, colors=[RED])
    make_video(d / "green_silent.mp4", size=(320, 180), seconds=2.0, colors=[GREEN],
               audio=False)
    make_video(d / "blue.mp4", size=(320, 180), seconds=2.0, colors=[BLUE])
    # stored 320x180 with a 90 degree display matrix: displayed 180x320, top blue, bottom red
    make_video(d / "phone.mp4", size=(320, 180), seconds=1.0, rotation=90,
               top_bottom=(BLUE, RED))
    make_jpeg(d / "photo.jpg", size=(400, 300), color=YELLOW)
    make_png(d / "logo.png", size=(120, 60), mode="RGB")
    make_audio(d / "bed.m4a", 1.5)
    write_audio(str(d / "sine.m4a"), tone(1.5, freqs=(1000.0,), volume=0.5))
    make_vfr(d / "vfr.mp4")
    return d


def plan_of(media, segments, **extra):
    data = {"name": "Test cut", "format": "9:16", "fps": 30, "purpose": "internal",
            "segments": segments}
    data.update(extra)
    return CutPlan.from_dict(data, base=media)


def read_video(path):
    """(frames as RGB arrays, stream facts)."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        facts = {"width": v.width, "height": v.height, "profile": v.codec_context.profile,
                 "pix_fmt": v.codec_context.pix_fmt, "rate": float(v.average_rate),
                 "duration": c.duration / 1e6}
        pictures = [f.to_ndarray(format="rgb24") for f in c.decode(v)]
    return pictures, facts


def read_audio(path):
    with av.open(str(path)) as c:
        a = c.streams.audio[0]
        facts = {"rate": a.rate, "channels": a.channels, "codec": a.codec_context.name}
        chunks = [f.to_ndarray() for f in c.decode(a)]
    samples = np.concatenate(chunks, axis=1)
    return samples, facts


def near(pixel, color, tol=40):
    return all(abs(int(p) - c) <= tol for p, c in zip(pixel, color))


def centre(frame):
    h, w = frame.shape[:2]
    return frame[h // 4, w // 2]  # away from the test clips' moving white strip


def test_right_source_at_right_time_and_upload_settings(media, tmp_path):
    plan = plan_of(media, [{"source": "red.mp4", "start": 0.5, "end": 1.5},
                           {"source": "green_silent.mp4", "start": 0.0, "end": 1.0},
                           {"source": "photo.jpg", "duration": 1.0},
                           {"source": "blue.mp4", "start": 1.0, "end": 2.0}],
                   title={"text": "Hello", "seconds": 0.5, "color": "#FFFFFF"})
    out = tmp_path / "cut.mp4"
    seen = []
    result = render(plan, out, seen.append, size=SIZE)
    assert result.frames == 135
    assert [p.phase for p in seen][0] == "Mixing sound" and seen[-1].phase == "Finishing"
    rendering = [p for p in seen if p.phase == "Rendering"]
    assert rendering[-1].done == rendering[-1].total == 135
    assert any(p.eta is not None for p in rendering)
    pictures, facts = read_video(out)
    assert (facts["width"], facts["height"]) == SIZE
    assert len(pictures) == 135 and facts["rate"] == 30
    assert abs(facts["duration"] - plan.duration()) <= 1 / 30 + 0.03
    assert facts["profile"] == "High" and facts["pix_fmt"] == "yuv420p"
    for t, color in [(0.25, (255, 255, 255)), (1.0, RED), (2.0, GREEN), (3.0, YELLOW),
                     (4.0, BLUE)]:
        assert near(centre(pictures[int(t * 30)]), color), (t, centre(pictures[int(t * 30)]))
    samples, audio = read_audio(out)
    assert audio == {"rate": 48000, "channels": 2, "codec": "aac"}
    # the moov atom comes before the media data (+faststart)
    head = out.read_bytes()[:4096]
    assert head.find(b"moov") != -1 and (head.find(b"mdat") == -1
                                         or head.find(b"moov") < head.find(b"mdat"))
    assert not [n for n in os.listdir(tmp_path) if n != "cut.mp4"]  # no temporary files left
    assert plan.history[-1]["event"] == "rendered"


@pytest.mark.parametrize("fmt, size, reframe", [("9:16", (180, 320), "crop"),
                                                ("16:9", (320, 180), "fit"),
                                                ("1:1", (240, 240), "blur")])
def test_portrait_phone_clip_is_upright_and_undistorted(media, tmp_path, fmt, size, reframe):
    plan = plan_of(media, [{"source": "phone.mp4", "start": 0.0, "end": 1.0,
                            "reframe": reframe, "color": "#00FF00"}], format=fmt)
    render(plan, tmp_path / "phone.mp4", size=size)
    frame = read_video(tmp_path / "phone.mp4")[0][15]
    w, h = size
    assert near(frame[h // 8, w // 2], BLUE) and near(frame[h * 7 // 8, w // 2], RED)
    if reframe == "fit":  # 9:16 picture in a 16:9 frame: bars left and right, 101 px wide
        assert near(frame[h // 2, 5], (0, 255, 0)) and near(frame[h // 2, w - 5], (0, 255, 0))
        row = frame[h // 8]
        inside = np.where(np.abs(row.astype(int) - BLUE).sum(axis=1) < 90)[0]
        assert abs(len(inside) - 180 * 180 / 320) <= 4  # undistorted width


def rms(x):
    return float(np.sqrt(np.mean(np.square(x)))) if x.size else 0.0


def test_sound_is_continuous_and_silent_clips_give_silence(media, tmp_path):
    plan = plan_of(media, [{"source": "red.mp4", "start": 0.2, "end": 1.2},
                           {"source": "blue.mp4", "start": 0.5, "end": 1.5},
                           {"source": "green_silent.mp4", "start": 0.0, "end": 1.0}])
    render(plan, tmp_path / "s.mp4", size=SIZE)
    samples, _ = read_audio(tmp_path / "s.mp4")
    mono = np.abs(samples).max(axis=0)
    rate = 48000
    speech = mono[int(0.05 * rate): int(1.95 * rate)]  # both clips with sound, one cut at 1 s
    quiet = speech < 1e-4
    # the longest run of digital silence around the cut is far shorter than an audible gap
    longest, run = 0, 0
    for q in quiet:
        run = run + 1 if q else 0
        longest = max(longest, run)
    assert longest < 0.005 * rate
    assert rms(samples[:, int(0.9 * rate): int(1.1 * rate)]) > 0.02
    assert rms(samples[:, int(2.1 * rate): int(2.9 * rate)]) < 1e-3  # the clip without sound


def test_music_bed_ducks_under_clip_sound_and_fades_out(media, tmp_path):
    plan = plan_of(media, [{"source": "green_silent.mp4", "start": 0.0, "end": 1.0},
                           {"source": "photo.jpg", "duration": 1.0}],
                   music={"source": "bed.m4a", "volume": 0.8, "fade_out": 0.5})
    render(plan, tmp_path / "m.mp4", size=SIZE)
    samples, _ = read_audio(tmp_path / "m.mp4")
    r = 48000
    assert rms(samples[:, int(0.3 * r): int(0.7 * r)]) > 0.03  # music under a silent clip
    assert rms(samples[:, int(1.95 * r): int(2.0 * r)]) < rms(samples[:, int(1.0 * r):
                                                                      int(1.2 * r)]) / 3
    loud = plan_of(media, [{"source": "red.mp4", "start": 0.0, "end": 1.0}],
                   music={"source": "sine.m4a", "volume": 0.8, "duck": 0.25})
    mixed = plan_of(media, [{"source": "red.mp4", "start": 0.0, "end": 1.0}],
                    music={"source": "sine.m4a", "volume": 0.8, "duck": 1.0})
    # the mix itself: platform loudness (on by default) levels each render on its own
    render(loud, tmp_path / "d.mp4", size=SIZE, loudness=False)
    render(mixed, tmp_path / "x.mp4", size=SIZE, loudness=False)

    def music_level(path):  # the 1 kHz music, apart from the clip's own chord
        part = read_audio(path)[0][0, int(0.4 * r): int(0.6 * r)]
        spectrum = np.abs(np.fft.rfft(part))
        return spectrum[int(1000 * len(part) / r)]

    ratio = music_level(tmp_path / "d.mp4") / music_level(tmp_path / "x.mp4")
    assert 0.15 < ratio < 0.35


def test_crossfade_caption_and_logo_stay_in_the_safe_zone(media, tmp_path):
    segs = [{"source": "red.mp4", "start": 0.0, "end": 1.0},
            {"source": "blue.mp4", "start": 0.0, "end": 1.0}]
    plain = plan_of(media, segs, crossfade=0.4)
    dressed = plan_of(media, segs, crossfade=0.4, caption="Sydney, 21 Nov",
                      logo={"source": "logo.png", "corner": "bottom-left"})
    size = (360, 640)
    render(plain, tmp_path / "p.mp4", size=size)
    render(dressed, tmp_path / "d.mp4", size=size)
    a, fa = read_video(tmp_path / "p.mp4")
    b, _ = read_video(tmp_path / "d.mp4")
    assert len(a) == 48  # 1 + 1 - 0.4 s
    mid = a[24][160, 180]  # the middle of the crossfade (frames 18..29) mixes red and blue
    assert 60 < mid[0] < 200 and 60 < mid[2] < 200
    diff = np.abs(a[10].astype(int) - b[10].astype(int)).sum(axis=2) > 60
    ys, xs = np.nonzero(diff)
    x0, y0, x1, y1 = safe_box(size)
    assert len(xs) > 500
    assert xs.min() >= x0 - 2 and xs.max() <= x1 + 2 and ys.min() >= y0 - 2 and ys.max() <= y1 + 2


def ffmpeg_children():
    me = str(os.getpid())
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        name = stat[stat.find("(") + 1: stat.rfind(")")]
        ppid = stat[stat.rfind(")") + 2:].split()[1]
        if ppid == me and "ffmpeg" in name:
            found.append(pid)
    return found


def test_cancel_mid_render_leaves_nothing_behind(media, tmp_path):
    plan = plan_of(media, [{"source": "red.mp4", "start": 0.0, "end": 2.0},
                           {"source": "blue.mp4", "start": 0.0, "end": 2.0},
                           {"source": "red.mp4", "start": 0.0, "end": 2.0}])
    cancel = CancelToken()
    asked = {}

    def progress(p):
        if p.phase == "Rendering" and p.done >= 20 and not cancel.cancelled:
            asked["at"] = time.perf_counter()
            cancel.cancel()

    out = tmp_path / "out" / "cancelled.mp4"
    with pytest.raises(Cancelled):
        render(plan, out, progress, cancel, size=(720, 1280))
    assert time.perf_counter() - asked["at"] < 1.0
    assert os.listdir(out.parent) == []
    assert ffmpeg_children() == []
    assert not [t for t in threading.enumerate() if t.name == "cut-reader"]


def test_cancel_from_another_thread(media, tmp_path):
    plan = plan_of(media, [{"source": "red.mp4", "start": 0.0, "end": 2.0}] * 3)
    cancel = CancelToken()
    threading.Timer(0.3, cancel.cancel).start()
    with pytest.raises(Cancelled):
        render(plan, tmp_path / "c.mp4", cancel=cancel, size=(720, 1280))
    assert os.listdir(tmp_path) == [] and ffmpeg_children() == []


def test_blocking_problems_stop_before_any_work(media, tmp_path):
    plan = plan_of(media, [{"source": "red.mp4", "start": 0.0, "end": 9.0}])
    with pytest.raises(PlanError, match="ends at 9 s") as err:
        render(plan, tmp_path / "x.mp4", size=SIZE)
    assert len(err.value.problems) == 1 and os.listdir(tmp_path) == []


def test_preview_is_half_size(media, tmp_path):
    plan = plan_of(media, [{"source": "photo.jpg", "duration": 0.5, "zoom": 0.2}])
    result = render(plan, tmp_path / "p.mp4", preview=True, size=(360, 640))
    assert result.size == (180, 320)
    pictures, facts = read_video(tmp_path / "p.mp4")
    assert (facts["width"], facts["height"]) == (180, 320) and len(pictures) == 15


def test_variable_frame_rate_clip_keeps_sound_in_sync(media, tmp_path):
    """A phone-like clip with uneven frame gaps: picture and sound change at 1.0 s in the
    source, so both must change at 0.5 s in a cut that starts at 0.5 s."""
    plan = plan_of(media, [{"source": "vfr.mp4", "start": 0.5, "end": 1.5}])
    render(plan, tmp_path / "v.mp4", size=SIZE)
    pictures, _ = read_video(tmp_path / "v.mp4")
    first_blue = next(i for i, f in enumerate(pictures) if near(centre(f), BLUE))
    assert abs(first_blue - 15) <= 1
    samples, _ = read_audio(tmp_path / "v.mp4")
    onset = np.argmax(np.abs(samples[0]) > 0.05) / 48000
    assert abs(onset - 0.5) <= 0.035


def test_end_card_over_an_image(media, tmp_path):
    plan = plan_of(media, [{"source": "red.mp4", "start": 0.0, "end": 0.5}],
                   end_card={"text": "Thanks", "seconds": 0.5, "image": "photo.jpg"})
    render(plan, tmp_path / "e.mp4", size=SIZE)
    pictures, _ = read_video(tmp_path / "e.mp4")
    assert len(pictures) == 30
    assert near(pictures[25][10, 10], (166, 166, 0), tol=30)  # the photo, dimmed under text
