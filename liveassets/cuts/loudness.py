"""Platform loudness: a render's sound brought to a target (default -14 LUFS integrated, true
peak at most -1 dBTP: what TikTok, Reels and Shorts play at, SPECS.md "Sound for short-video
platforms"), measured the way EBU R128 / ITU-R BS.1770 say, with the bundled ffmpeg.

The mix is measured (`ebur128=peak=true`: integrated loudness and true peak by 4x
oversampling, BS.1770-4 annex 2), then given one gain to the target (`volume`), so it keeps
its dynamics. When that gain would push the true peak over the ceiling, the standard
mastering answer goes first: a look-ahead peak limiter (`alimiter`, 5 ms look-ahead with its
delay taken back, 50 ms release) on the sound oversampled 4x to 192 kHz, so that it holds true
peaks, takes the peaks down by what the gain needs. Limiting takes some loudness with the
peaks, so three drives are first measured in one run (PROBES) and the drive that reaches the
target is read off them (Steps); the levelled sound is measured in the same run that writes
it and, near the ceiling, encoded on trial exactly as the render will (AAC adds to the peak),
then corrected at most RETRIES times. Platforms turn loud uploads down and quiet ones are not
turned up, so landing short makes a recap play quieter than the feed around it; the ffmpeg
`loudnorm` this replaces fell back to its dynamic mode for such sound, and the demo
campaign's recap came out at -16.5 LUFS.

Measured (4 s mixes, rendered to MP4, read back with ebur128 and with loudnorm's own meter,
which agree within 0.16 LU and 0.04 dB; one levelling pass after the probe for each; claps
at other levels and seeds took a second pass in 1 of 9 trials, AAC having put 1.2 dB on the
limited peak):

  mix (LUFS, dBTP before levelling)          reached     true peak   limited
  demo recap: kick clip, photo, music bed    -14.0 LUFS  -1.5 dBTP    4 dB
    (-20.3, -5.3)
  clicks over a quiet bed (-30.1, -13.3)     -14.0       -1.5         5
  claps 17 dB over a chord (-30.6, -7.9)     -14.1       -2.0        12
  claps 21 dB over a chord (-30.9, -6.3)     -14.0       -1.9        16
  claps 25 dB over a chord (-31.2, -5.5)     -14.1       -1.9        20
  speech, espeak-ng (-20.5, -2.9)            -13.9       -1.3         6
  music at -14.2 / at -8.2 LUFS              -14.0       -6.9 / -7.1  0 (one gain)

Known limit: sound whose loudness is all in short peaks with next to nothing between them
(8 ms clicks twice a second over a bed 40 dB down) cannot reach the target without flattening
the clicks into the bed: MAX_LIMIT dB of limiting brings it from -30 to -19.8 LUFS (true peak
-1.2 dBTP), and the render's message says it is still short and why. The render reports and
stores the level it reached, and says how far the peaks were limited from LIMIT_NOTE dB up.
"""

from __future__ import annotations

import errno
import math
import os
import re

from liveassets import temps
from liveassets.cuts import pcm
from liveassets.errors import DiskError
from liveassets.jobs import CancelToken
from liveassets.media.errors import MediaError
from liveassets.safe_paths import ffmpeg_url

DEFAULT = {"target_lufs": -14.0, "true_peak": -1.0}
# the ranges a plan may ask for: loudnorm's (ffmpeg-filters(1), loudnorm: I -70..-5, TP -9..0)
TARGET_RANGE = (-70.0, -5.0)
PEAK_RANGE = (-9.0, 0.0)
SILENT = -70.0  # LUFS: BS.1770's absolute gate; a quieter mix has nothing to normalise
AAC_HEADROOM = 0.5  # dB: AAC overshot a gained (unlimited) mix's true peak by <= 0.3 (measured)
LIMITED_HEADROOM = 1.0  # dB: and a heavily limited one's by 0-2 (claps 15-20 dB down), erratic
HEAVY_LIMIT = 10.0  # dB of limiting from which LIMITED_HEADROOM is kept (under it AAC added <=0.4)
OUT_RATE = 48_000  # the upload wants 48 kHz (SPECS.md)
TOLERANCE = 0.5  # LU off the target that is levelled again (meters show 0.1; platforms +-1)
RETRIES = 2  # passes after the first
PLATFORM_TOLERANCE = 1.0  # LU either side of the target the platforms' levelling lets pass
LIMIT_NOTE = 3.0  # dB of limiting from which the render's message says so
AAC_CODEC = ["-c:a", "aac", "-b:a", "192k", "-aac_pns", "0", "-ar", "48000", "-ac", "2"]
OVERSAMPLED = 4 * OUT_RATE  # Hz the limiter works at: BS.1770-4's true-peak oversampling
ATTACK_MS, RELEASE_MS = 5.0, 50.0  # alimiter's look-ahead and recovery (its defaults)
MAX_LIMIT = 24.0  # dB at most taken off the peaks; past it a sound of clicks is crushed flat
MIN_SLOPE = 0.3  # LU per dB of limiting assumed at least past the drives measured
PROBES = (0.0, 4.0, 8.0)  # dB of drive over what one gain needs, measured before the first pass
PEAK_READ = 0.1  # dB: ebur128 shows one decimal ("-1.0" may be -0.96), so -1.1 passes -1
PEAK_MARGIN = 0.3  # dB under the ceiling kept free beyond what the encoder added so far
LIMIT_FLOOR = -24.0  # dBFS: the lowest ceiling alimiter takes (limit=0.0625)
TRIAL_BELOW = 1.5  # dB: a sound this close to the ceiling is encoded on trial (AAC adds <1)

_SUMMARY = {"integrated": r"I:\s+(-?[\d.]+|-inf) LUFS",
            "threshold": r"Threshold:\s+(-?[\d.]+|-inf) LUFS",
            "lra": r"LRA:\s+(-?[\d.]+) LU",
            "true_peak": r"Peak:\s+(-?[\d.]+|-inf) dBFS"}


def for_plan(plan, override=None) -> dict | None:
    """The target a render of `plan` aims at: `override` (render()'s `loudness`) unless None,
    else the plan's own. Raises PlanError naming the plan for a bad value (validate() names
    it first)."""
    from liveassets.cuts.plan import PlanError

    try:
        return settings(plan.loudness if override is None else override)
    except ValueError as exc:
        raise PlanError(f"The cut \"{plan.name}\" cannot be rendered: {exc}") from None


def measure_loudness(path: str, cancel: CancelToken | None = None) -> dict:
    """EBU R128 figures of the file's sound: {"integrated": LUFS, "true_peak": dBTP,
    "lra": LU, "threshold": LUFS (the integrated gate)}; -inf for silence and a file without
    sound. Read with ffmpeg's `ebur128=peak=true` (true peak by 4x oversampling, BS.1770-4
    annex 2). Raises MediaError or Cancelled."""
    if not pcm.has_sound(path):
        return {"integrated": -math.inf, "true_peak": -math.inf, "lra": 0.0,
                "threshold": -math.inf}
    _, err = pcm.run(["-hide_banner", "-nostats", "-v", "info", "-i", ffmpeg_url(path),
                      "-vn", "-sn", "-dn", "-map", "0:a:0",
                      "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
                     cancel, "measure the loudness")
    return _summary(err)


def _summary(err: str) -> dict:
    """measure_loudness()'s figures from the last ebur128 summary in ffmpeg's log `err`."""
    summary = err[err.rfind("Summary:"):]
    out = {}
    for key, pattern in _SUMMARY.items():
        m = re.search(pattern, summary)
        out[key] = float(m.group(1)) if m else -math.inf
    return out


def settings(value) -> dict | None:
    """The loudness a render aims at from a plan's or caller's `loudness` value: None, False
    or "off" -> None (leave the sound as mixed); True or "default" -> DEFAULT; a number ->
    that target (LUFS) with the default ceiling; {"target_lufs": X, "true_peak": Y} -> those
    (either may be left out). Raises ValueError with a sentence for anything else."""
    if value is None or value is False or value == "off":
        return None
    if value is True or value == "default":
        return dict(DEFAULT)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = {"target_lufs": value}
    if not isinstance(value, dict):
        raise ValueError('loudness must be {"target_lufs": -14, "true_peak": -1}, a number '
                         '(the target in LUFS) or false (off).')
    unknown = sorted(set(value) - set(DEFAULT))
    if unknown:
        raise ValueError(f"loudness has unknown field {', '.join(map(repr, unknown))}: use "
                         f'"target_lufs" and "true_peak".')
    out = dict(DEFAULT)
    for key, (lo, hi), unit in (("target_lufs", TARGET_RANGE, "LUFS"),
                                ("true_peak", PEAK_RANGE, "dBTP")):
        if key in value:
            v = value[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) \
                    or not lo <= v <= hi:
                raise ValueError(f"loudness {key} must be a number from {lo:g} to {hi:g} "
                                 f"{unit} (platforms play at -14 LUFS, -1 dBTP).")
            out[key] = float(v)
    return out


def level_wav(src: str, dest: str, target: dict, cancel: CancelToken | None = None,
              codec: list[str] | None = None) -> dict | None:
    """Write `src` (a WAV) brought to `target` (settings()) into `dest` (a 48 kHz float WAV):
    one gain, with the peaks limited first when the gain alone would pass the ceiling;
    measured, and corrected at most RETRIES times (module docstring). `codec`: the ffmpeg
    output options the render encodes the sound with (default AAC_CODEC), whose own peaks are
    measured on a trial encode when the sound comes near the ceiling. Of the passes whose
    encoded true peak is under the ceiling, the one nearest the target is kept (if none is,
    the one with the lowest peak).
    Returns the levelled sound's measure_loudness() plus "limited_db" (dB the peaks were
    taken down; 0 for a gain alone) and "target_lufs", or None when `src` is silent (nothing
    is written then: use `src`). Raises MediaError, DiskError (the folder of `dest` is full)
    or Cancelled."""
    measured = measure_loudness(src, cancel)
    if not measured["integrated"] > SILENT:
        return None
    steps = Steps(measured, target)
    trial = temps.work_path(dest, ".trial.m4a")  # hidden, beside dest: a killed render's is
    spare = temps.work_path(dest, ".pass.wav")  # swept by the next (temps.py)
    best = None  # (path, measure, drive) of the pass kept so far
    try:
        drives = steps.probes()
        if drives:
            gains = [gain(measured, d, steps.ceiling) for d in drives]
            steps.probed(drives, _probe(src, drives, gains, steps.ceiling, cancel))
        while True:
            drive, ceiling = steps.next()
            path = spare if best and best[0] == dest else dest  # never over the best pass
            got = _pass(src, path, trial, gain(measured, drive, ceiling), drive, ceiling,
                        codec or AAC_CODEC, target["true_peak"], cancel)
            if best is None or _rank(got, target) < _rank(best[1], target):
                best = (path, got, drive)
            if steps.done(got):
                break
        path, got, drive = best
        if path != dest:
            os.replace(path, dest)
    finally:
        for work in (trial, spare):
            if os.path.exists(work):
                os.unlink(work)
    got = {k: v for k, v in got.items() if k not in ("encoded_peak", "trial")}
    return dict(got, limited_db=round(max(0.0, drive), 1), target_lufs=target["target_lufs"])


def _rank(got: dict, target: dict) -> tuple:
    """Which pass to keep: those under the ceiling first, nearest the target; then the one
    with the lowest encoded peak."""
    over = got["encoded_peak"] > target["true_peak"] - PEAK_READ
    return (over, got["encoded_peak"] if over else abs(got["integrated"] - target["target_lufs"]))


def gain(measured: dict, drive: float, ceiling: float) -> float:
    """dB of gain that puts the true peak of sound `measured` `drive` dB over `ceiling`."""
    return ceiling + drive - _finite(measured["true_peak"])


class Steps:
    """The limiter's drive (dB the peaks are taken down: the gain past the ceiling) and ceiling
    (dBTP) for each pass, from what was measured before. Loudness through a limiter moves dB
    for dB with its ceiling at a fixed drive, and less than dB for dB with the drive (all of
    it at or under 0 dB, a gain alone; 0.7-0.9 measured with 5-20 dB of limiting): so the
    drive is read off the (drive, loudness - ceiling) points seen so far, first from a probe
    of PROBES drives measured in one run. The ceiling starts AAC_HEADROOM under the user's
    (LIMITED_HEADROOM for sound that needs HEAVY_LIMIT or more, so that one trial mostly does)
    and is lowered to leave room for the most the encoder added to the peak in any trial so
    far, plus PEAK_MARGIN."""

    def __init__(self, measured: dict, target: dict):
        self.target, self.peak = target["target_lufs"], target["true_peak"]
        peak_at_target = _finite(measured["true_peak"]) + self.target - measured["integrated"]
        self.ceiling = max(LIMIT_FLOOR, self.peak - AAC_HEADROOM)
        if peak_at_target - self.ceiling > HEAVY_LIMIT:  # AAC may add more to such peaks
            self.ceiling = max(LIMIT_FLOOR, self.peak - LIMITED_HEADROOM)
        self.drive = min(MAX_LIMIT, peak_at_target - self.ceiling)
        self.seen: list[tuple[float, float]] = []  # (drive, loudness - ceiling)
        self.passes = 0
        self.added = 0.0  # most dB the encoder put on the limited peak

    def probes(self) -> list[float]:
        """Drives worth measuring before the first pass: none for a gain alone."""
        if self.drive <= 0:
            return []
        return sorted({min(MAX_LIMIT, self.drive + step) for step in PROBES})

    def probed(self, drives: list[float], loudness: list[float]) -> None:
        """What the probe measured (LUFS at each drive, at the current ceiling)."""
        self.seen += [(d, i - self.ceiling) for d, i in zip(drives, loudness)]
        self.drive = self._drive_for(self.target - self.ceiling)

    def next(self) -> tuple[float, float]:
        return self.drive, self.ceiling

    def done(self, got: dict) -> bool:
        """Whether `got` (the pass's measure plus "encoded_peak") ends the levelling; if not,
        the next pass's drive and ceiling are set. True after RETRIES corrections."""
        loud, peak = got["integrated"], got["encoded_peak"]
        self.seen.append((self.drive, loud - self.ceiling))
        self.passes += 1
        if (abs(self.target - loud) <= TOLERANCE and peak <= self.peak - PEAK_READ) \
                or self.passes > RETRIES:
            return True
        if "trial" in got:
            self.added = max(self.added, peak - self.ceiling)
            self.ceiling = max(LIMIT_FLOOR, min(self.ceiling,
                                                self.peak - self.added - PEAK_MARGIN))
        drive = self._drive_for(self.target - self.ceiling)
        if drive == self.drive and peak <= self.peak - PEAK_READ:  # MAX_LIMIT reached
            return True
        self.drive = drive
        return False

    def _drive_for(self, want: float) -> float:
        """The drive at which loudness - ceiling = `want`, read off the points seen
        (piecewise linear; past them, along the nearest end's slope, at least MIN_SLOPE;
        slope 1 with one point, as for a gain alone)."""
        points = sorted(set(self.seen))
        for (d0, h0), (d1, h1) in zip(points, points[1:]):
            if h0 <= want <= h1 and h1 > h0:
                return min(MAX_LIMIT, d0 + (want - h0) * (d1 - d0) / (h1 - h0))
        end = points[-1] if want > points[-1][1] else points[0]
        slope = 1.0
        if len(points) > 1:
            (d0, h0), (d1, h1) = points[-2:] if end == points[-1] else points[:2]
            if d1 != d0:  # one drive seen at two ceilings says nothing of the slope
                slope = min(1.0, max(MIN_SLOPE, (h1 - h0) / (d1 - d0)))
        return min(MAX_LIMIT, end[0] + (want - end[1]) / slope)


def _probe(src: str, drives: list[float], gains: list[float], ceiling: float,
           cancel) -> list[float]:
    """Integrated loudness (LUFS) of `src` through the limiter at `ceiling` with each of
    `gains` (dB), in one ffmpeg run: the 4x oversampling done once, nothing written."""
    branches = "".join(f"[p{k}]" for k in range(len(gains)))
    graph = [f"[0:a]aresample={OVERSAMPLED},asplit={len(gains)}{branches}"]
    outs = []
    for k, g in enumerate(gains):
        graph.append(f"[p{k}]volume={g:.3f}dB,{_limiter(ceiling)},aresample={OUT_RATE},"
                     f"ebur128@d{k}=framelog=verbose[o{k}]")
        outs += ["-map", f"[o{k}]", "-f", "null", "-"]
    _, err = _run(["-y", "-hide_banner", "-nostats", "-v", "info", "-i", ffmpeg_url(src),
                   "-filter_complex", ";".join(graph), *outs], src, cancel)
    got = []
    for k in range(len(gains)):
        m = re.search(rf"\[ebur128@d{k} @[^\]]*\] Summary:(.*?)(?=\n\[|\Z)", err, re.S)
        got.append(_summary("Summary:" + m.group(1))["integrated"] if m else -math.inf)
    return got


def _limiter(ceiling: float) -> str:
    return (f"alimiter=limit={10 ** (ceiling / 20):.6f}:attack={ATTACK_MS}"
            f":release={RELEASE_MS}:level=false:latency=true")


def _run(args: list[str], dest: str, cancel) -> tuple[bytes, str]:
    """pcm.run(args); a failure on a (nearly) full disk where `dest` goes is a DiskError."""
    try:
        return pcm.run(args, cancel, "level the sound")
    except MediaError:  # ffmpeg says only "Conversion failed!" when the disk fills up
        folder = os.path.dirname(os.path.abspath(dest))
        if temps.nearly_full(folder):
            raise DiskError(OSError(errno.ENOSPC, "No space left"), "write the levelled sound "
                            "into", folder) from None
        raise


def _pass(src: str, dest: str, trial: str, gain_db: float, drive: float, ceiling: float,
          codec: list[str], user_peak: float, cancel) -> dict:
    """One levelling pass: `src` with `gain_db` (through the limiter at `ceiling` when `drive`
    is over 0) into `dest`, measured in the same run; when its true peak comes within
    TRIAL_BELOW of `user_peak`, also encoded with `codec` into `trial` and that measured:
    "encoded_peak" (the WAV's own peak plus AAC_HEADROOM when not encoded)."""
    chain = f"volume={gain_db:.3f}dB"
    if drive > 0:  # BS.1770-4 annex 2's 4x oversampling, so the limiter holds true peaks
        chain = f"aresample={OVERSAMPLED},{chain},{_limiter(ceiling)}"
    chain += f",aresample={OUT_RATE}"
    encode = drive > 0 or ceiling + drive > user_peak - TRIAL_BELOW
    outs = ["[w]", "[m]"] + (["[e]"] if encode else [])
    graph = (f"[0:a]{chain},asplit={len(outs)}{''.join(outs)};"
             "[m]ebur128=peak=true:framelog=verbose[o]")
    args = ["-y", "-hide_banner", "-nostats", "-v", "info", "-i", ffmpeg_url(src),
            "-filter_complex", graph, "-map", "[w]", "-c:a", "pcm_f32le", "-f", "wav",
            ffmpeg_url(dest), "-map", "[o]", "-f", "null", "-"]
    if encode:
        args += ["-map", "[e]", *codec, "-f", "mp4", ffmpeg_url(trial)]
    _, err = _run(args, dest, cancel)
    got = _summary(err)
    if encode:
        got["encoded_peak"] = got["trial"] = measure_loudness(trial, cancel)["true_peak"]
    else:
        got["encoded_peak"] = got["true_peak"] + AAC_HEADROOM
    return got


def _finite(value: float) -> float:
    return value if math.isfinite(value) else -99.0


def achieved(measured: dict | None) -> dict:
    """Asset fields for a render's measured sound: {"loudness_lufs", "true_peak_dbtp"}
    (None for a silent render), rounded to 0.1 as meters show them."""
    if not measured or not measured["integrated"] > SILENT:
        return {"loudness_lufs": None, "true_peak_dbtp": None}
    return {"loudness_lufs": round(measured["integrated"], 1),
            "true_peak_dbtp": round(measured["true_peak"], 1)
            if math.isfinite(measured["true_peak"]) else None}


def describe(measured: dict | None) -> str:
    """'-14.0 LUFS, true peak -1.6 dBTP' (or 'silent') for the CLI and the window; when the
    levelling took LIMIT_NOTE dB or more off the peaks (`measured` carries level_wav()'s
    "limited_db" and "target_lufs"), '; peaks limited by 6 dB to reach -14 LUFS', or that
    they were limited as far as MAX_LIMIT and the sound is still short of the target."""
    fields = achieved(measured)
    if fields["loudness_lufs"] is None:
        return "silent"
    peak = fields["true_peak_dbtp"]
    text = f"{fields['loudness_lufs']:.1f} LUFS, true peak " + \
        (f"{peak:.1f} dBTP" if peak is not None else "-inf dBTP")
    limited, aim = measured.get("limited_db") or 0.0, measured.get("target_lufs")
    if limited < LIMIT_NOTE or aim is None:
        return text
    if fields["loudness_lufs"] >= aim - PLATFORM_TOLERANCE:
        return text + f"; peaks limited by {limited:.0f} dB to reach {aim:g} LUFS"
    return text + (f"; peaks limited by {limited:.0f} dB (the most the app takes off) and "
                   f"still short of {aim:g} LUFS: the sound is mostly short peaks such as "
                   f"clicks or claps")
