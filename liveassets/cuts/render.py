"""Rendering a cut plan to an upload-ready MP4 with moviepy.

The cut is one moviepy `VideoClip` (`Timeline`) whose frame function asks each segment's frame
source for the frame it needs: video segments are decoded, turned upright, reframed and resampled
by ffmpeg (frames.ClipReader), photos and cards are drawn once, crossfades are blended and the
caption and logo composited over their box only. moviepy iterates the frames (reporting through a
proglog logger) and one ffmpeg process encodes them with the mixed sound (sound.py): H.264 High
yuv420p, AAC 48 kHz stereo, +faststart. It writes to a hidden temporary name beside the output
and renames at the end; cancel kills every ffmpeg process and removes the temporary files.

Why not CompositeVideoClip + VideoFileClip: measured 3.7x / 5.8x the ffmpeg reference (SPECS.md),
because frames are scaled and full-frame masks composited in Python; and VideoFileClip misreads
rotation with ffmpeg 9. Here the picture arrives at the output size, already upright.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

import numpy as np

from liveassets.atomic import umask_mode
from liveassets import temps
from liveassets.cuts import beats, frames, loudness as levels, sound, stills
from liveassets.cuts.plan import CutPlan, PlanError
from liveassets.cuts.validate import Problem, note_override, require_valid
from liveassets.errors import DiskError
from liveassets.jobs import CancelToken, Progress, ProgressFn, no_progress
from liveassets.originals import refuse_original

PRESET, CRF = "veryfast", 20
PREVIEW_PRESET = "ultrafast"
AUDIO_BITRATE = "192k"
# Perceptual noise substitution (on by default) swaps noisy bands for made-up noise whose peaks
# fall anywhere: on limited claps it put the true peak up to 4 dB over the ceiling (measured;
# under 1 dB without it). A tool for low rates; at 192 kb/s the bands are coded as they are.
AUDIO_ARGS = ["-c:a", "aac", "-b:a", AUDIO_BITRATE, "-aac_pns", "0", "-ar", "48000", "-ac", "2"]
OPEN_AHEAD = 1.0  # seconds before a segment starts that its decoder is started


@dataclass(frozen=True)
class RenderProgress(Progress):
    """Progress with an estimate of the seconds left (None until there is one)."""

    eta: float | None = None


@dataclass
class RenderResult:
    path: str
    size: tuple[int, int]
    fps: float
    frames: int
    duration: float
    seconds: float  # wall time the render took
    overridden: list[Problem] = field(default_factory=list)  # rights blocks lifted
    loudness: dict | None = None  # the render's sound as measured (loudness.measure_loudness)
    sidecar: str | None = None  # the .srt written beside the clip (captions "srt"/"both")


def output_size(plan: CutPlan, preview: bool = False,
                size: tuple[int, int] | None = None) -> tuple[int, int]:
    w, h = size or plan.size
    if preview:
        w, h = w / 2, h / 2
    return (max(2, int(w) // 2 * 2), max(2, int(h) // 2 * 2))


def render(plan: CutPlan, out: str | os.PathLike, progress: ProgressFn = no_progress,
           cancel: CancelToken | None = None, *, preview: bool = False,
           size: tuple[int, int] | None = None, catalog=None, today: dt.date | None = None,
           threads: int | None = None, captions: str = "burn",
           loudness=None) -> RenderResult:
    """Render plan to out (MP4). Raises PlanError (every blocking problem listed) before any
    work, Cancelled when cancel is set (nothing left behind). `size` overrides the format's
    frame size (tests use tiny frames); `preview` halves it and encodes with a fast preset.
    With a catalog, the rights rule is enforced (see validate). `captions` says what becomes
    of the plan's timed captions (CAPTION_MODES): burned in, an .srt beside the clip
    (`sidecar` in the result), both, or neither. `loudness` overrides the plan's
    (loudness.settings(): False = as mixed); the result's `loudness` is what the render
    measures. A plan with "snap": "beats" has its cuts moved onto the music's beats."""
    if captions not in CAPTION_MODES:
        raise PlanError(f'Captions "{captions}" is not one of {", ".join(CAPTION_MODES)}.')
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    facts: dict = {}
    problems = require_valid(plan, catalog, today, facts, "rendered")
    out = os.path.abspath(os.fspath(out))
    refuse_original(out, catalog)
    folder = os.path.dirname(out)
    temps.check_output(out)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise DiskError(exc, "write into", folder) from None
    temps.sweep(folder)  # what a killed render left here (temps.py)
    wh = output_size(plan, preview, size)
    fps = float(plan.fps)
    level = levels.for_plan(plan, loudness)
    rendered = beats.for_render(plan, facts, cancel)  # captions moved with snapped cuts
    timeline = Timeline(rendered, facts, wh, fps, fast=preview,
                        burn=captions in ("burn", "both"))
    tmp_video = tmp_audio = tmp_level = ""
    try:
        tmp_video = temps.work_path(out, ".part.mp4")
        tmp_audio = temps.work_path(out, ".part.wav")
        tmp_level = temps.work_path(out, ".level.wav")
    except DiskError:
        timeline.close()
        for tmp in (tmp_video, tmp_audio):
            if tmp and os.path.exists(tmp):
                os.unlink(tmp)
        raise
    encoder = None
    try:
        progress(RenderProgress("Mixing sound", 0, 1, plan.name))
        sound.write_wav(tmp_audio, timeline.mix_sound(cancel))
        cancel.raise_if_cancelled()
        sound_file, levelling = _levelled(tmp_audio, tmp_level, level, progress, plan.name,
                                          cancel)
        encoder = Encoder(tmp_video, sound_file, wh, fps, preview, threads)
        logger = ProgressLogger(progress, cancel, timeline.frames, plan.name)
        for frame in timeline.iter_frames(fps=fps, logger=logger, dtype="uint8"):
            encoder.write(frame)
        cancel.raise_if_cancelled()
        progress(RenderProgress("Finishing", timeline.frames, timeline.frames, plan.name, 0.0))
        encoder.finish()
        encoder = None
        measured = dict(levels.measure_loudness(tmp_video, cancel), **levelling)
        with open(tmp_video, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp_video, umask_mode())  # mkstemp makes it private; a render is not
        os.replace(tmp_video, out)
    except OSError as exc:  # writing the sound or the clip: full disk, unplugged drive...
        if encoder is not None:
            encoder.kill()
        raise DiskError(exc, "write the render", out) from None
    except BaseException:
        if encoder is not None:
            encoder.kill()
        raise
    finally:
        timeline.close()
        for tmp in (tmp_video, tmp_audio, tmp_level):
            if os.path.exists(tmp):
                os.unlink(tmp)
    note_override(plan, problems)
    plan.note("rendered", path=out, preview=preview, size=list(wh))
    result = RenderResult(out, wh, fps, timeline.frames, timeline.frames / fps,
                          time.perf_counter() - started,
                          [p for p in problems if p.overridden], measured)
    if captions in ("srt", "both"):
        result.sidecar = write_sidecar(rendered, out, catalog)  # the burn-in's very cues
    return result


CAPTION_MODES = ("burn", "srt", "both", "none")


def write_sidecar(plan: CutPlan, out: str, catalog=None) -> str | None:
    """The plan's timed captions as an .srt beside the render `out` (same name), replacing an
    earlier one; None when the plan has none. `plan` is the plan as rendered (beats.for_render,
    quick.as_exported), so the sidecar's times are the picture's; what it holds is
    caption_map.shown() (none past the recap's end), as the burn-in. Raises ExportError."""
    from liveassets.cuts import subtitles
    from liveassets.cuts.caption_map import shown

    cues = shown(plan)
    if not cues:
        return None
    return subtitles.write_srt(cues, subtitles.sidecar_path(out), force=True, catalog=catalog)


# -- platform loudness (issue #16) -------------------------------------------------------------
def _levelled(wav: str, dest: str, level: dict | None, progress: ProgressFn, name: str,
              cancel: CancelToken) -> tuple[str, dict]:
    """(the sound file to encode, what levelling did): the mixed WAV and {}, or `dest`
    holding the mix brought to `level` (loudness.level_wav, trial-encoded as the encoder will)
    and {"limited_db", "target_lufs"} for loudness.describe(); a silent mix is left as it
    is."""
    if level is None:
        return wav, {}
    progress(RenderProgress("Levelling sound", 0, 1, name))
    got = levels.level_wav(wav, dest, level, cancel, codec=AUDIO_ARGS)
    if got is None:
        return wav, {}
    return dest, {"limited_db": got["limited_db"], "target_lufs": got["target_lufs"]}


class Encoder:
    """One ffmpeg process: raw RGB frames on stdin + the mixed WAV -> H.264/AAC MP4."""

    def __init__(self, path: str, audio: str, size, fps: float, preview: bool,
                 threads: int | None):
        w, h = size
        self.path = path
        cmd = [frames.ffmpeg_exe(), "-nostdin", "-v", "error", "-y",
               "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", f"{w}x{h}", "-r", f"{fps:g}",
               *TAGS, "-i", "-", "-i", audio, "-map", "0:v", "-map", "1:a",
               *codec_args(preview, threads), "-f", "mp4", path]
        self._log = tempfile.TemporaryFile()  # never a pipe that could fill and stall ffmpeg
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=self._log)
        frames.widen_pipe(self.proc.stdin)  # hand over a whole frame while x264 is busy

    def write(self, frame: np.ndarray) -> None:
        try:
            self.proc.stdin.write(memoryview(np.ascontiguousarray(frame)).cast("B"))
        except BrokenPipeError:
            self._disk_full()
            raise PlanError("The video encoder stopped: " + self._error()) from None

    def _disk_full(self) -> None:
        if temps.nearly_full(os.path.dirname(self.path)):
            raise DiskError(OSError(errno.ENOSPC, "No space left"), "write the render into",
                            os.path.dirname(self.path))

    def _error(self) -> str:
        self.proc.wait()
        return frames.last_line(self._log) or f"exit code {self.proc.returncode}"

    def finish(self) -> None:
        self.proc.stdin.close()
        if self.proc.wait() != 0:
            self._disk_full()
            raise PlanError("The video encoder failed: " + self._error()
                            + " (is the disk full?)")
        self._log.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        self._log.close()


# The frames' own colour, said on the input: left unsaid, ffmpeg 9 takes raw frames as BT.601
# and, asked for BT.709 output, converts them once more (measured: red 253 -> 228)
TAGS = ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709",
        "-color_range", "tv"]


def codec_args(preview: bool = False, threads: int | None = None) -> list[str]:
    """The upload settings (SPECS.md): H.264 High yuv420p, AAC 48 kHz stereo, +faststart;
    tagged BT.709 limited range in all four tags (the frames are converted to it while
    decoding, media/colour.py). ffmpeg 9 drops -color_primaries / -color_trc given as output
    options for raw piped input (measured: both read back `unknown`), so x264 is also told
    directly and writes them into the stream's VUI."""
    args = ["-c:v", "libx264", "-preset", PREVIEW_PRESET if preview else PRESET,
            "-crf", str(CRF), "-profile:v", "high", "-pix_fmt", "yuv420p",
            *TAGS, "-x264-params", "colorprim=bt709:transfer=bt709:colormatrix=bt709:range=tv"]
    if threads:
        args += ["-threads", str(threads)]
    return args + AUDIO_ARGS + ["-movflags", "+faststart"]


def burn_track(plan: CutPlan, size, fps: float, overlays: list):
    """The plan's timed captions to burn (cuts/burn.py), above the fixed caption band (the
    first overlay when plan.caption is set); None when there are none."""
    from liveassets.cuts import burn

    track = burn.track_for(plan, size, fps, overlays[0] if plan.caption and overlays else None)
    return track if track else None


def _logger_base():
    import proglog

    return proglog.ProgressBarLogger


class ProgressLogger(_logger_base()):
    """moviepy's progress bars -> Progress with an ETA; raises Cancelled on cancel."""

    def __init__(self, progress: ProgressFn, cancel: CancelToken, total: int, name: str):
        super().__init__()
        self.progress, self.cancel, self.total, self.name = progress, cancel, total, name
        self.started = time.perf_counter()
        self.last_report = 0.0

    def callback(self, **changes):
        self.cancel.raise_if_cancelled()

    def bars_callback(self, bar, attr, value, old_value=None):
        self.cancel.raise_if_cancelled()
        if attr != "index":
            return
        done = min(int(value), self.total)  # proglog: index i = i frames done; total at the end
        now = time.perf_counter()
        if now - self.last_report < 0.1 and done < self.total:
            return
        self.last_report = now
        elapsed = now - self.started
        eta = max(0.0, elapsed / done * (self.total - done)) if done >= 5 else None
        self.progress(RenderProgress("Rendering", done, self.total, self.name, eta))


def _moviepy_videoclip():
    from moviepy import VideoClip

    return VideoClip


class Timeline(_moviepy_videoclip()):
    """The whole cut as one moviepy clip: title card, segments (with crossfades and overlays),
    end card. Times are kept in whole frames so picture and sound line up exactly.

    Its frames are planar YUV 4:2:0 arrays (see frames.py), not moviepy's usual RGB, so that
    nothing converts colours per frame: use `rgb_frame(t)` to show one (e.g. a poster in the
    cut editor), and do not chain moviepy's RGB effects onto it."""

    def __init__(self, plan: CutPlan, facts: dict, size, fps: float, fast: bool = False,
                 burn: bool = True):
        self.plan, self.facts, self.fps_out, self.fast = plan, facts, fps, fast
        w, h = size
        self.items: list[dict] = []
        f = 0
        if plan.title is not None:
            n = round(float(plan.title.seconds) * fps)
            self.items.append({"kind": "card", "card": plan.title, "f0": f, "n": n})
            f += n
        xf = round(float(plan.crossfade or 0) * fps) if len(plan.segments) > 1 else 0
        self.xf = xf
        for i, seg in enumerate(plan.segments):
            if i:
                f -= xf
            n = max(1, round(seg.length * fps))
            self.items.append({"kind": "segment", "seg": seg, "f0": f, "n": n, "index": i})
            f += n
        if plan.end_card is not None:
            n = round(float(plan.end_card.seconds) * fps)
            self.items.append({"kind": "card", "card": plan.end_card, "f0": f, "n": n})
            f += n
        self.frames = f
        super().__init__(duration=(f + 0.5) / fps)  # iter_frames takes int(duration * fps)
        self.size = (w, h)
        self.frame_function = self._frame
        self.overlays = []
        if plan.caption:
            self.overlays.append(stills.caption_overlay(self.size, plan.caption))
        if plan.logo is not None:
            self.overlays.append(stills.logo_overlay(self.size, plan.logo.source,
                                                     plan.logo.corner, plan.logo.width))
        self.captions = burn_track(plan, self.size, fps, self.overlays) if burn else None
        self._open: dict[int, object] = {}
        self._cards: dict[int, np.ndarray] = {}

    # -- picture -----------------------------------------------------------------------------
    def _source(self, k: int):
        item = self.items[k]
        if k in self._open:
            return self._open[k]
        seg = item["seg"]
        if seg.is_photo:
            src = stills.PhotoFrames(seg.source, self.size, self.fps_out, item["n"], seg.reframe,
                                     seg.x, seg.color, seg.zoom)
        else:
            src = frames.ClipReader(seg.source, float(seg.start), float(seg.end),
                                    self.facts[seg.source], self.size, self.fps_out,
                                    seg.reframe, seg.x, seg.color, fast=self.fast)
        self._open[k] = src
        return src

    def _frame(self, t: float) -> np.ndarray:
        i = int(round(t * self.fps_out))
        ahead = i + round(OPEN_AHEAD * self.fps_out)
        active = []
        for k, item in enumerate(self.items):
            f0, n = item["f0"], item["n"]
            if item["kind"] == "segment":
                if f0 + n <= i and k in self._open:
                    self._open.pop(k).close()
                elif f0 <= ahead and f0 + n > i:
                    self._source(k)  # starts its decoder early so it is ready in time
            if f0 <= i < f0 + n:
                active.append(k)
        if not active:  # rounding at the very end: hold the last picture
            active = [len(self.items) - 1]
        pictures = [self._picture(k, i) for k in active]
        frame = pictures[0]
        if len(pictures) > 1:  # crossfade: the later segment fades in
            f0 = self.items[active[1]]["f0"]
            frame = frames.blend(pictures[0], pictures[1], (i - f0 + 1) / (self.xf + 1))
        layers = self.overlays if any(self.items[k]["kind"] == "segment" for k in active) \
            else []
        if self.captions:  # timed captions show at their times, over cards too
            layers = layers + self.captions.at(i)
        if layers:
            if len(pictures) == 1:
                frame = frame.copy()  # never draw into a frame a source may hand out again
            for ov in layers:
                frame = ov.apply(frame)
        return frame

    def rgb_frame(self, t: float) -> np.ndarray:
        """The picture at t seconds as RGB (H, W, 3)."""
        return frames.to_rgb(self.get_frame(t))

    def _picture(self, k: int, i: int) -> np.ndarray:
        item = self.items[k]
        if item["kind"] == "card":
            if k not in self._cards:
                c = item["card"]
                self._cards[k] = stills.card_frame(self.size, c.text, c.color, c.text_color,
                                                   c.image)
            return self._cards[k]
        return self._source(k).frame(min(i - item["f0"], item["n"] - 1))

    # -- sound -------------------------------------------------------------------------------
    def mix_sound(self, cancel: CancelToken) -> np.ndarray:
        rate, fps = sound.RATE, self.fps_out
        total = round(self.frames / fps * rate)
        track = np.zeros((2, total), np.float32)
        speech = np.zeros(total, bool)
        cut = max(1, round(sound.CUT_FADE * rate))
        xf = round(self.xf / fps * rate)
        segs = [it for it in self.items if it["kind"] == "segment"]
        for j, item in enumerate(segs):
            cancel.raise_if_cancelled()
            seg = item["seg"]
            at, n = round(item["f0"] / fps * rate), round(item["n"] / fps * rate)
            if seg.is_photo or not (self.facts.get(seg.source) or {}).get("has_audio"):
                continue  # silence
            piece = sound.fit(sound.decode(seg.source, float(seg.start), n / rate), n)
            fade_in = xf if (j and xf) else cut
            fade_out = xf if (j < len(segs) - 1 and xf) else cut
            sound.place(track, piece, at, fade_in, fade_out)
            speech[at:at + n] = True
        music = self.plan.music
        if music is not None:
            cancel.raise_if_cancelled()
            track += sound.music_bed(music.source, total, float(music.volume),
                                     float(music.duck), float(music.fade_out), speech)
        return track

    def close(self) -> None:
        while self._open:
            _, src = self._open.popitem()
            src.close()
        super().close()
