"""Recaps whose loudness sits in short peaks reach the platform target too: the demo campaign's
recap (a kick over a chord, a photo, the music bed: -16.5 LUFS before), clicks over a quiet bed,
claps 17 and 25 dB over a quiet chord, and speech come out at -14 LUFS +-1 LU with the true peak
at or under -1 dBTP in the encoded MP4, read by the module's own ebur128 meter AND by ffmpeg's
loudnorm measuring pass (a separate BS.1770 implementation), so the test does not only trust
the code under test. A mix already at the target, or louder, gets one gain and no limiting."""

from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pytest

from liveassets.cuts.frames import ffmpeg_exe
from liveassets.cuts.loudness import (DEFAULT, LIMIT_NOTE, MAX_LIMIT, TOLERANCE, describe,
                                      level_wav, measure_loudness)
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.render import render
from sound_media import at_loudness, audio_file, chord, claps, clicks, clip, db, music_like

SIZE = (90, 160)
TARGET, CEILING = DEFAULT["target_lufs"], DEFAULT["true_peak"]


def independent(path) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of the file's sound from ffmpeg's loudnorm filter
    measuring (its own libebur128 port, not the ebur128 filter the module reads)."""
    err = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostats", "-i", str(path), "-vn",
                          "-af", "loudnorm=print_format=json", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    data = json.loads(err[err.rindex("{"):err.rindex("}") + 1])
    return float(data["input_i"]), float(data["input_tp"])


def assert_plays_at_the_target(path) -> dict:
    ours = measure_loudness(str(path))
    loudness, peak = independent(path)
    assert ours["integrated"] == pytest.approx(TARGET, abs=1.0), ours
    assert loudness == pytest.approx(TARGET, abs=1.0), loudness
    assert ours["true_peak"] <= CEILING and peak <= CEILING, (ours, peak)
    return ours


def one_clip_plan(source: str, seconds: float) -> CutPlan:
    return CutPlan.from_dict({"name": "peaks", "fps": 25, "purpose": "internal",
                              "segments": [{"source": source, "start": 0.0, "end": seconds}]})


def _speech(folder) -> np.ndarray:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (it says the test's sentence)")
    said = folder / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(said),
                    "Welcome everyone to the meetup. Make some noise for DJ Nova!"], check=True)
    out = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(said), "-ac", "2", "-ar",
                          "48000", "-f", "f32le", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(out, np.float32).reshape(-1, 2).T.copy()


MIXES = {  # name: (seconds, maker(folder) -> samples before levelling)
    "clicks over a quiet bed": (4, lambda d: at_loudness(
        music_like(4, seed=5) * 0.3 + clicks(4, 120, volume=0.9), -30, d / "s.wav")),
    "claps 17 dB over a quiet chord": (4, lambda d: at_loudness(
        chord(4) * db(-17) + claps(4), -30, d / "s.wav")),
    "claps 25 dB over a quiet chord": (4, lambda d: at_loudness(
        chord(4) * db(-25) + claps(4), -30, d / "s.wav")),
    "speech": (4, _speech),
}


@pytest.mark.parametrize("name", list(MIXES))
def test_a_peaky_mix_reaches_the_target_under_the_ceiling(name, tmp_path):
    seconds, make = MIXES[name]
    src = clip(tmp_path / "src.mp4", make(tmp_path), seconds)
    before = measure_loudness(src)
    # one gain to the target alone would put the peaks over the ceiling (less AAC's headroom)
    assert before["true_peak"] + TARGET - before["integrated"] > CEILING - 0.5, before
    result = render(one_clip_plan(src, seconds), tmp_path / "out.mp4", size=SIZE)
    heard = assert_plays_at_the_target(tmp_path / "out.mp4")
    assert abs(heard["integrated"] - TARGET) <= TOLERANCE
    assert result.loudness["integrated"] == pytest.approx(heard["integrated"], abs=0.05)
    assert 0 < result.loudness["limited_db"] < MAX_LIMIT
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # work files


@pytest.fixture(scope="module")
def demo_recap(tmp_path_factory):
    """The demo campaign's recap as the self-test cuts it (the first beat clip's opening
    second, then a photo) with the demo's music bed under it, from the demo's own makers."""
    from liveassets.demo import build
    from mediagen import make_jpeg

    root = tmp_path_factory.mktemp("demo")
    spec = build._clip_plan()[0]  # Clips/IMG_0501.MOV: 120 BPM kick over a chord
    source = build._clip(root, 0, spec)
    bed = build._bed(root, 0, None)
    return {"name": "Demo recap", "fps": 25, "purpose": "internal",
            "segments": [{"source": source, "start": 0.0, "end": 1.0},
                         {"source": make_jpeg(root / "stage.jpg"), "duration": 1.0}],
            "music": {"source": bed}}


def test_the_demo_campaigns_recap_plays_at_the_target(demo_recap, tmp_path):
    raw = render(CutPlan.from_dict(dict(demo_recap, loudness=False)), tmp_path / "raw.mp4",
                 size=SIZE)
    assert raw.loudness["true_peak"] + TARGET - raw.loudness["integrated"] > CEILING - 0.5
    result = render(CutPlan.from_dict(demo_recap), tmp_path / "cut.mp4", size=SIZE)
    heard = assert_plays_at_the_target(tmp_path / "cut.mp4")
    assert abs(heard["integrated"] - TARGET) <= TOLERANCE + 0.1  # was -16.5 LUFS
    assert result.loudness["limited_db"] > 0


def _samples(path) -> np.ndarray:
    """The file's samples, channels interleaved, as float32."""
    out = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "f32le", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(out, np.float32)


@pytest.mark.parametrize("level, gain", [(-14, 0.0), (-8, -6.0)])
def test_a_mix_at_or_over_the_target_gets_one_gain_and_no_limiting(level, gain, tmp_path):
    mix = at_loudness(music_like(3, seed=6), level, tmp_path / "s.wav")
    src = audio_file(tmp_path / "src.wav", mix)
    got = level_wav(src, str(tmp_path / "out.wav"), DEFAULT)
    assert got["limited_db"] == 0 and got["integrated"] == pytest.approx(TARGET, abs=0.1)
    before, after = _samples(src), _samples(tmp_path / "out.wav")
    assert len(after) == len(before)
    loud = np.abs(before) > 1e-3
    ratio = after[loud] / before[loud]  # every sample scaled alike: the dynamics are kept
    assert 20 * np.log10(ratio.mean()) == pytest.approx(gain, abs=0.15)
    assert ratio.std() < 1e-5
    assert "limited" not in describe(got)


def test_limiting_keeps_the_sound_in_step_with_the_picture(tmp_path):
    # the limiter looks 5 ms ahead; its delay is taken back, so a clap stays on its frame
    mix = at_loudness(chord(3) * db(-25) + claps(3, every=1.0, lead=1.0), -30,
                      tmp_path / "s.wav")
    src = audio_file(tmp_path / "src.wav", mix)
    got = level_wav(src, str(tmp_path / "out.wav"), DEFAULT)
    assert got["limited_db"] > 10
    before, after = _samples(src)[0::2], _samples(tmp_path / "out.wav")[0::2]
    assert len(after) == len(before)
    onset = [int(np.argmax(np.abs(x[40_000:60_000]) > 0.5 * np.abs(x[40_000:60_000]).max()))
             for x in (before, after)]
    assert abs(onset[0] - onset[1]) <= 48  # within 1 ms (48 kHz)


def test_the_render_says_when_it_limited_the_peaks(tmp_path, capsys):
    from cli_helpers import cli
    from liveassets.catalog.catalog import Catalog
    from liveassets.media.scan import scan

    mix = at_loudness(chord(3) * db(-25) + claps(3), -30, tmp_path / "s.wav")
    media = tmp_path / "event"
    clip(media / "claps.mp4", mix, 3)
    with Catalog(tmp_path / "lib") as cat:
        scan(cat, [str(media)], thumbnails=False)
        cat.set_rights([a["id"] for a in cat.all()], status="cleared")
    plan = media / "plan.json"
    plan.write_text(json.dumps({"name": "Claps", "fps": 25, "purpose": "internal",
                                "format": "1:1", "segments": [
                                    {"source": "claps.mp4", "start": 0.0, "end": 3.0}]}))
    out = tmp_path / "out.mp4"
    code, printed, err = cli(capsys, "--library", tmp_path / "lib", "cut", plan, "-o", out,
                             "--preview")
    assert code == 0, err
    heard = assert_plays_at_the_target(out)
    line = next(x for x in printed.splitlines() if x.startswith("sound: "))
    assert line.startswith(f"sound: {heard['integrated']:.1f} LUFS, true peak ")
    taken = int(line.split("peaks limited by ")[1].split(" dB")[0])
    assert LIMIT_NOTE <= taken < MAX_LIMIT and line.endswith(f"dB to reach {TARGET:g} LUFS")


def test_a_little_limiting_is_not_mentioned():
    measured = {"integrated": -14.1, "true_peak": -1.4, "lra": 1.0, "threshold": -24.0,
                "limited_db": 2.4, "target_lufs": -14.0}
    assert describe(measured) == "-14.1 LUFS, true peak -1.4 dBTP"
    assert describe(dict(measured, limited_db=6.3)) == \
        "-14.1 LUFS, true peak -1.4 dBTP; peaks limited by 6 dB to reach -14 LUFS"


def test_clicks_over_silence_stay_short_and_say_so(tmp_path):
    # all of the loudness in 8 ms clicks: MAX_LIMIT dB off their peaks still leaves it short,
    # and more would flatten them into the bed; the ceiling holds and the message says why
    mix = at_loudness(music_like(3, seed=5) * db(-40) + clicks(3, 120, volume=0.9), -30,
                      tmp_path / "s.wav")
    src = audio_file(tmp_path / "src.wav", mix)
    got = level_wav(src, str(tmp_path / "out.wav"), DEFAULT)
    assert got["limited_db"] == MAX_LIMIT and got["integrated"] < TARGET - 1
    assert got["integrated"] > measure_loudness(src)["integrated"] + 8  # still much louder
    assert got["true_peak"] <= CEILING - 0.4
    assert "still short of -14 LUFS" in describe(got)


def test_a_disk_that_fills_while_levelling_is_named(tmp_path):
    # room for the mixed sound (1 s: 192 KB) but not for the levelled one beside it (384 KB)
    from faultfs import mounted
    from liveassets.errors import DiskError

    src = clip(tmp_path / "src.mp4", at_loudness(music_like(1), -30, tmp_path / "s.wav"), 1)
    with mounted(tmp_path / "disk", size="400k") as disk:
        with pytest.raises(DiskError) as err:
            render(one_clip_plan(src, 1.0), disk / "cut.mp4", size=SIZE)
        left = sorted(p.name for p in disk.iterdir())
    text = str(err.value)
    assert text.startswith("Cannot write the levelled sound into") and "disk is full" in text
    assert "\n" not in text and left == []


def test_the_drive_is_read_off_what_was_measured():
    from liveassets.cuts.loudness import Steps

    steps = Steps({"integrated": -30.0, "true_peak": -8.0, "lra": 0, "threshold": -40},
                  DEFAULT)
    assert steps.next() == (pytest.approx(9.5), -1.5)  # one gain: the peak 9.5 dB over
    assert steps.probes() == [pytest.approx(9.5), pytest.approx(13.5), pytest.approx(17.5)]
    steps.probed(steps.probes(), [-17.5, -14.5, -11.5])  # 0.75 LU per dB of limiting
    assert steps.next()[0] == pytest.approx(13.5 + 0.5 / 0.75)
    # on target, but the trial encode put the peak 0.6 dB over the ceiling: lower it by that
    # and PEAK_MARGIN, and drive on by what the lower ceiling takes off
    assert not steps.done({"integrated": -14.0, "encoded_peak": -0.9, "trial": -0.9})
    drive, ceiling = steps.next()
    assert ceiling == pytest.approx(-1.9) and drive == pytest.approx(14.17 + 0.4 / 0.75, 0.01)
    assert steps.done({"integrated": -14.1, "encoded_peak": -1.4, "trial": -1.4})
    # one drive measured at two ceilings gives no slope: take one LU per dB (no error)
    steps.seen = [(5.0, -13.0), (5.0, -12.6)]
    assert steps._drive_for(-12.0) == pytest.approx(5.6)
