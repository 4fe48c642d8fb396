"""The cut's sound as one array: each segment's own sound with short fades at every cut (or a
crossfade), silence for photos, cards and clips without sound, and the music bed looped under
it at its volume, ducked while the clips speak and faded out at the end."""

from __future__ import annotations

import subprocess
import wave

import numpy as np

from liveassets.cuts.frames import ffmpeg_exe
from liveassets.safe_paths import ffmpeg_url

RATE = 48_000
CUT_FADE = 0.008  # seconds of fade at every hard cut: no clicks, no audible gap
DUCK_RAMP = 0.25


def decode(path: str, start: float = 0.0, seconds: float | None = None) -> np.ndarray:
    """Stereo float32 samples (2, n) at RATE from start seconds into the file (same seek as
    the picture reader), placed at their timestamps: sound that starts after the picture (a
    phone's audio track beginning 0.1 s late, written as an edit list) is preceded by silence,
    and sound from before `start` is dropped, so a flash and its beep stay on the same frame.
    Without this, raw samples were packed from the first one: 75 ms early in a cut from 0 s
    of such a clip, 480 ms early for a 0.5 s late start (issue #10)."""
    cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-ss", f"{start:.3f}", "-i", ffmpeg_url(path)]
    if seconds is not None:
        cmd += ["-t", f"{seconds:.4f}"]
    # aresample first_pts=0: the output begins at time 0 = `start`, padded or trimmed to the
    # stream's timestamps (async=1 lets it insert the leading silence)
    cmd += ["-vn", "-sn", "-map", "0:a:0", "-af", "aresample=async=1:first_pts=0",
            "-ac", "2", "-ar", str(RATE), "-f", "f32le", "-"]
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
    data = np.frombuffer(out.stdout, np.float32)
    data = data[: len(data) // 2 * 2]
    return data.reshape(-1, 2).T.copy()


def fit(samples: np.ndarray, n: int) -> np.ndarray:
    """Exactly n samples: cut, or padded with silence."""
    if samples.shape[1] >= n:
        return samples[:, :n]
    return np.pad(samples, ((0, 0), (0, n - samples.shape[1])))


def ramp(n: int, up: bool = True) -> np.ndarray:
    r = (np.arange(n, dtype=np.float32) + 1) / (n + 1)
    return r if up else r[::-1]


def place(track: np.ndarray, piece: np.ndarray, at: int, fade_in: int, fade_out: int) -> None:
    """Add piece into track at sample `at` with linear fades (a crossfade sums to one)."""
    piece = piece.copy()
    n = piece.shape[1]
    fade_in, fade_out = min(fade_in, n // 2), min(fade_out, n // 2)
    if fade_in:
        piece[:, :fade_in] *= ramp(fade_in, True)
    if fade_out:
        piece[:, n - fade_out:] *= ramp(fade_out, False)
    end = min(track.shape[1], at + n)
    track[:, at:end] += piece[:, : end - at]


def music_bed(path: str, n: int, volume: float, duck: float, fade_out: float,
              speech: np.ndarray) -> np.ndarray:
    """The music looped to n samples; speech is a 0/1 mask of where the clips have sound."""
    music = decode(path, 0.0, n / RATE)  # never more than the cut needs (a long mix stays cheap)
    if music.shape[1] == 0:
        return np.zeros((2, n), np.float32)
    reps = -(-n // music.shape[1])
    bed = np.tile(music, (1, reps))[:, :n] * np.float32(volume)
    if duck < 1.0 and speech.any():
        k = max(1, int(DUCK_RAMP * RATE))
        smooth = np.convolve(speech.astype(np.float32), np.ones(k, np.float32) / k, "same")
        bed *= 1.0 - (1.0 - np.float32(duck)) * np.clip(smooth, 0, 1)
    fin = min(n // 2, int(0.05 * RATE))
    if fin:
        bed[:, :fin] *= ramp(fin, True)
    fout = min(n // 2, int(fade_out * RATE))
    if fout:
        bed[:, n - fout:] *= ramp(fout, False)
    return bed


def write_wav(path: str, samples: np.ndarray) -> None:
    """16-bit stereo WAV (the encoder turns it into AAC)."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2").T.copy()
    with wave.open(path, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
