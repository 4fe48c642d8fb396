"""Platform loudness: a render's sound brought to a target (default -14 LUFS integrated, true
peak at most -1 dBTP: what TikTok, Reels and Shorts play at, SPECS.md "Sound for short-video
platforms"), measured the way EBU R128 / ITU-R BS.1770 say, with the bundled ffmpeg.

Two passes, as ffmpeg's `loudnorm` documentation asks for an exact result: the mixed sound is
measured first (`ebur128=peak=true`, which yields every value loudnorm's second pass takes:
integrated loudness, its gate threshold, loudness range, true peak; measured 314x real time
against 34x for a loudnorm measuring pass, which upsamples to 192 kHz), then `loudnorm` runs
with those values and `linear=true`: one gain for the whole cut, so the mix keeps its dynamics.
When that gain would push the true peak over the ceiling, loudnorm falls back to its dynamic
mode (a limiter), which lands short of the target: measured -14.9 LUFS for a -30 LUFS chord
with claps 17 dB over it, -21 when the claps carry the loudness. So the levelled sound is
measured again and, when it is more than TOLERANCE off, levelled once more from the mix asking
for the shortfall on top (at most RETRIES times). The AAC encoder adds a little peak of its own,
so the ceiling loudnorm aims at is AAC_HEADROOM under the user's.

Known limit: sound whose loudness is all in short peaks (clicks over near silence) cannot reach
the target without crushing it; it stays short (measured -15.6 LUFS for 6 s of clicks twice a
second over a chord 25 dB down). The render reports and stores the level it reached.
"""

from __future__ import annotations

import math
import re

from liveassets.cuts import pcm
from liveassets.jobs import CancelToken
from liveassets.safe_paths import ffmpeg_url

DEFAULT = {"target_lufs": -14.0, "true_peak": -1.0}
# loudnorm's accepted ranges (ffmpeg-filters(1), loudnorm: I -70..-5, TP -9..0, LRA 1..50)
TARGET_RANGE = (-70.0, -5.0)
PEAK_RANGE = (-9.0, 0.0)
SILENT = -70.0  # LUFS: BS.1770's absolute gate; a quieter mix has nothing to normalise
AAC_HEADROOM = 0.5  # dB: AAC at 160 kb/s overshot the WAV's true peak by up to 0.3 dB (measured)
OUT_RATE = 48_000  # loudnorm works at 192 kHz; the upload wants 48 kHz (SPECS.md)
TOLERANCE = 0.5  # LU off the target that is levelled again (meters show 0.1; platforms +-1)
RETRIES = 2

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


def level_wav(src: str, dest: str, target: dict, cancel: CancelToken | None = None
              ) -> dict | None:
    """Write `src` (a WAV) brought to `target` (settings()) into `dest` (a 48 kHz float WAV):
    measure, loudnorm with the measured values, measure again and correct (module docstring).
    Returns the levelled sound's measure_loudness(), or None when `src` is silent (nothing is
    written then: use `src`). Raises MediaError or Cancelled."""
    measured = measure_loudness(src, cancel)
    if not measured["integrated"] > SILENT:
        return None
    ask = dict(target)
    for attempt in range(RETRIES + 1):
        pcm.run(["-y", "-v", "error", "-i", ffmpeg_url(src), "-af", second_pass(measured, ask),
                 "-c:a", "pcm_f32le", "-f", "wav", ffmpeg_url(dest)], cancel,
                "level the sound")
        got = measure_loudness(dest, cancel)
        short = target["target_lufs"] - got["integrated"]
        if abs(short) <= TOLERANCE or attempt == RETRIES:
            return got
        ask["target_lufs"] = min(TARGET_RANGE[1], max(TARGET_RANGE[0],
                                                      ask["target_lufs"] + short))
    return got


def second_pass(measured: dict, target: dict) -> str:
    """The ffmpeg audio filters that bring sound `measured` (measure_loudness()) to `target`
    (settings()); "" when there is nothing to bring (silence)."""
    if not measured["integrated"] > SILENT:
        return ""
    lra = min(50.0, max(1.0, measured["lra"] + 1.0))  # never the reason linear mode is refused
    peak = max(PEAK_RANGE[0], target["true_peak"] - AAC_HEADROOM)
    return (f"loudnorm=I={target['target_lufs']:.1f}:TP={peak:.1f}:LRA={lra:.1f}"
            f":measured_I={measured['integrated']:.2f}"
            f":measured_TP={_finite(measured['true_peak']):.2f}"
            f":measured_LRA={measured['lra']:.2f}"
            f":measured_thresh={_finite(measured['threshold']):.2f}"
            f":linear=true:print_format=none,aresample={OUT_RATE}")


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
    """'-14.0 LUFS, true peak -1.6 dBTP' (or 'silent') for the CLI and the window."""
    fields = achieved(measured)
    if fields["loudness_lufs"] is None:
        return "silent"
    peak = fields["true_peak_dbtp"]
    return f"{fields['loudness_lufs']:.1f} LUFS, true peak " + \
        (f"{peak:.1f} dBTP" if peak is not None else "-inf dBTP")
