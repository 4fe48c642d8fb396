"""The beats of a music bed, and segment boundaries snapped to them (the plan's
`"snap": "beats"`).

The tracker is the classic one (D. Ellis, "Beat tracking by dynamic programming", J. New Music
Research 36(1), 2007; librosa's beat_track follows it), in numpy on sound decoded once at
22.05 kHz: onset strength is the spectral flux of log energy in 40 mel bands (23 ms windows,
10 ms hop); the tempo is the autocorrelation peak of that envelope between 60 and 200 BPM,
weighted towards 120 BPM (a log-normal of one octave, as librosa); beats are the path through
the onset peaks that best keeps that period (dynamic programming), and beats over silence at
either end are dropped, so a pickup or a quiet intro does not get invented beats. librosa
would pull numba, scipy, scikit-learn and soundfile (~150 MB) for these ~100 lines.
"""

from __future__ import annotations

import bisect
import copy
import os

import numpy as np

from liveassets.cuts import pcm
from liveassets.jobs import CancelToken

RATE = 22_050
WINDOW = 512  # samples, 23 ms: a click is located to within half of it
HOP = 220  # samples, ~10 ms between onset frames
BANDS = 40  # mel bands the onset strength is measured in
# Onsets are measured on log(1 + COMPRESS * band energy) of the sound scaled to RMS LEVEL: mild
# compression, so a kick or snare outweighs a quiet hi-hat. Measured on synthetic loops at
# 75-140 BPM: 100x more compression doubled 75 BPM (the hats counted as beats), and pure log
# flux (1e4, unscaled) put a kick + snare + hat loop on the off-beats at 128 BPM.
LEVEL, COMPRESS = 0.1, 0.05
MIN_BPM, MAX_BPM, START_BPM = 60.0, 200.0, 120.0
TIGHTNESS = 100.0  # how strongly the path keeps the tempo (librosa's default)
QUIET = 0.1  # onset strength (of the envelope's high percentile) below which an end is silence
MIN_SEGMENT = 0.5  # s: snapping never makes a piece shorter than this


def beats(path: str, cancel: CancelToken | None = None, seconds: float | None = None
          ) -> list[float]:
    """Beat times (seconds from the start of the file, ascending) of the music in `path`
    (only its first `seconds` when given); [] for silence or a file without sound. Holds the
    decoded sound: ~5 MB a minute. Raises MediaError or Cancelled."""
    return track(pcm.mono(os.fspath(path), RATE, cancel, seconds), RATE)


def track(samples: np.ndarray, rate: int = RATE) -> list[float]:
    """Beat times (seconds) of mono float32 `samples` at `rate` Hz."""
    onset = onset_strength(samples)
    if len(onset) < 8 or not onset.any():
        return []
    fps = rate / HOP
    period = tempo_period(onset, fps)
    if period is None:
        return []
    frames = _dp_beats(onset, period)
    frames = _trim(frames, onset)
    return [round(float(i) / fps, 4) for i in frames]


def onset_strength(samples: np.ndarray) -> np.ndarray:
    """Spectral flux per HOP: the mean rise of log energy over BANDS mel-spaced bands, with
    its local mean (1 s) taken off and negative values cut; frame i is centred on i*HOP.
    Bands, not bins: summed over bins, a hi-hat's broadband hiss outweighed the kick drum a
    few low bins hold, and beats locked onto the off-beats (measured on a kick + hat loop:
    off by half a beat at 90-140 BPM); mel bands give the low end its weight, as librosa's
    mel onset envelope does."""
    x = np.asarray(samples, np.float32)
    if len(x) < WINDOW:
        return np.zeros(0)
    rms = float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))
    if rms < 1e-6:  # digital silence (or nearly): no onsets
        return np.zeros(1 + len(x) // HOP)
    x = x * np.float32(LEVEL / rms)  # the same compression whatever the bed's level
    x = np.pad(x, (WINDOW // 2, WINDOW // 2))
    count = 1 + (len(x) - WINDOW) // HOP
    idx = np.arange(WINDOW)[None, :] + HOP * np.arange(count)[:, None]
    power = np.abs(np.fft.rfft(x[idx] * np.hanning(WINDOW).astype(np.float32), axis=1)) ** 2
    bands = np.add.reduceat(power, _band_edges(), axis=1)
    loud = np.log1p(COMPRESS * bands)
    flux = np.maximum(0.0, np.diff(loud, axis=0)).mean(axis=1)
    flux = np.concatenate(([0.0], flux))
    k = int(round(RATE / HOP))  # 1 s of frames
    local = np.convolve(flux, np.ones(k) / k, "same")
    return np.maximum(0.0, flux - local)


def _band_edges() -> np.ndarray:
    """First rfft bin of each mel band (30 Hz .. RATE/2), merged where a band has no bin."""
    mel = np.linspace(_mel(30.0), _mel(RATE / 2), BANDS + 1)
    hz = 700.0 * (10 ** (mel / 2595.0) - 1)
    bins = np.unique(np.round(hz * WINDOW / RATE).astype(int))
    return bins[bins < WINDOW // 2 + 1]


def _mel(hz: float) -> float:
    return 2595.0 * np.log10(1 + hz / 700.0)


def tempo_period(onset: np.ndarray, fps: float) -> float | None:
    """Beat period in onset frames (fractional) from the envelope's autocorrelation."""
    o = onset - onset.mean()
    n = len(o)
    size = 1 << int(np.ceil(np.log2(2 * n)))
    spec = np.fft.rfft(o, size)
    ac = np.fft.irfft(spec * np.conj(spec), size)[:n]
    lo, hi = int(fps * 60 / MAX_BPM), min(n - 1, int(np.ceil(fps * 60 / MIN_BPM)))
    if hi <= lo + 1:
        return None
    lags = np.arange(lo, hi + 1)
    bpm = 60.0 * fps / lags
    weight = np.exp(-0.5 * np.log2(bpm / START_BPM) ** 2)
    score = ac[lo:hi + 1] * weight
    best = int(np.argmax(score))
    if score[best] <= 0:
        return None
    lag = float(lags[best])
    if 0 < best < len(score) - 1:  # parabolic peak: a period between two frames
        a, b, c = score[best - 1], score[best], score[best + 1]
        denom = a - 2 * b + c
        if denom < 0:
            lag += 0.5 * (a - c) / denom
    return lag


def _dp_beats(onset: np.ndarray, period: float) -> list[int]:
    """The best path of beats about `period` frames apart through the onset peaks."""
    o = onset / (onset.std() or 1.0)
    n = len(o)
    score = np.zeros(n)
    back = np.full(n, -1)
    lo_gap, hi_gap = max(1, int(round(period / 2))), int(round(2 * period))
    gaps = np.arange(lo_gap, hi_gap + 1)
    penalty = -TIGHTNESS * np.log(gaps / period) ** 2
    for i in range(n):
        prev = i - gaps
        ok = prev >= 0
        if ok.any():
            cand = score[prev[ok]] + penalty[ok]
            j = int(np.argmax(cand))
            if cand[j] > 0:
                score[i] = o[i] + cand[j]
                back[i] = prev[ok][j]
                continue
        score[i] = o[i]
    # end on the last strong local maximum of the cumulative score
    tail = max(0, n - int(round(2 * period)))
    i = tail + int(np.argmax(score[tail:]))
    path = []
    while i >= 0:
        path.append(i)
        i = int(back[i])
    return path[::-1]


def _trim(frames: list[int], onset: np.ndarray) -> list[int]:
    """Drops beats over silence at the start and the end (no onset near them)."""
    if not frames:
        return frames
    floor = QUIET * float(np.percentile(onset, 99))
    reach = 3  # frames either side (30 ms): where the beat's onset can sit

    def heard(i: int) -> bool:
        return float(onset[max(0, i - reach): i + reach + 1].max()) > floor

    a, b = 0, len(frames)
    while a < b and not heard(frames[a]):
        a += 1
    while b > a and not heard(frames[b - 1]):
        b -= 1
    return frames[a:b]


def snap(t: float, beat_times: list[float], tolerance: float) -> float:
    """The beat nearest `t` (seconds) if it is at most `tolerance` seconds away, else `t`.
    `beat_times` ascending."""
    if not beat_times:
        return t
    i = bisect.bisect_left(beat_times, t)
    near = [beat_times[j] for j in (i - 1, i) if 0 <= j < len(beat_times)]
    best = min(near, key=lambda b: abs(b - t))
    return best if abs(best - t) <= tolerance else t


def looped(beat_times: list[float], bed_seconds: float, until: float) -> list[float]:
    """Beat times of a bed that repeats every `bed_seconds` (the render loops the music),
    up to `until` seconds."""
    if not beat_times or not bed_seconds or bed_seconds <= 0:
        return list(beat_times)
    out, k = [], 0
    while k * bed_seconds <= until:
        out.extend(b + k * bed_seconds for b in beat_times if b + k * bed_seconds <= until + 1)
        k += 1
    return out


def snapped_plan(plan, beat_times: list[float], source_seconds: dict[str, float]):
    """A copy of `plan` whose segment ends fall on the beat nearest them in the cut (the bed
    starts with the cut, title card included): each segment is lengthened or shortened by
    the least that puts its cut on a beat, within its source (`source_seconds`: path ->
    duration) and never under MIN_SEGMENT or twice the crossfade (validate's rule); later
    segments move with it. A cut that cannot
    reach either neighbouring beat stays where it is. Timed captions stay on their footage
    (caption_map.follow): a caption past a shortened segment's new end is cut there."""
    from liveassets.cuts.caption_map import follow

    original = plan
    plan = copy.deepcopy(plan)
    if not beat_times:
        return plan
    t = float(plan.title.seconds) if plan.title else 0.0
    xf = float(plan.crossfade or 0)
    shortest = max(MIN_SEGMENT, 2 * xf)
    for i, seg in enumerate(plan.segments):
        if i:
            t -= xf
        length = seg.length
        end = t + length
        j = bisect.bisect_left(beat_times, end)
        choices = sorted((beat_times[k] for k in (j - 1, j) if 0 <= k < len(beat_times)),
                         key=lambda b: abs(b - end))
        for beat in choices:
            new = beat - t
            if new < shortest:
                continue
            if seg.is_photo:
                seg.duration = round(new, 4)
            else:
                limit = source_seconds.get(seg.source)
                if limit is not None and float(seg.start) + new > limit + 1e-6:
                    continue
                seg.end = round(float(seg.start) + new, 4)
            length = new
            break
        t += length
    plan.captions = follow(original.captions, original, plan,
                           list(range(len(plan.segments)))).captions
    return plan


def for_render(plan, facts: dict, cancel: CancelToken | None = None):
    """The plan as rendered: with "snap": "beats" and a music bed, a copy whose cuts sit on
    the bed's beats (looped as the render loops the bed); otherwise the plan itself. `facts`:
    path -> probe() facts (validate fills them). Raises MediaError or Cancelled."""
    if getattr(plan, "snap", None) != "beats" or plan.music is None:
        return plan
    music = plan.music.source
    until = plan.duration() + 5.0  # a cut moves by less than a beat; the bed loops past its end
    bed = float((facts.get(music) or {}).get("duration") or 0.0)
    found = beats(music, cancel, seconds=min(bed, until) if bed else until)
    grid = looped(found, bed, until)
    lengths = {p: (f or {}).get("duration") for p, f in facts.items()}
    return snapped_plan(plan, grid, {p: d for p, d in lengths.items() if d})
