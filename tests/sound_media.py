"""Generated sound for the highlight, beat and loudness tests: crowd bursts over a murmur,
click tracks, and clips at a chosen loudness (all tiny, a few seconds)."""

from __future__ import annotations

import numpy as np

from liveassets.media.writers import RATE, write_audio, write_clip


def crowd(seconds: float, bursts: list[float], burst_seconds: float = 1.5, seed: int = 1,
          murmur: float = 0.01, cheer: float = 0.25) -> np.ndarray:
    """Stereo float32 (2, n) at RATE: a low murmur with a cheer (noise swelling and fading
    over `burst_seconds`) centred on each time in `bursts`."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    mono = rng.normal(0, murmur, n)
    for centre in bursts:
        a = max(0, int((centre - burst_seconds / 2) * RATE))
        b = min(n, int((centre + burst_seconds / 2) * RATE))
        mono[a:b] += rng.normal(0, cheer, b - a) * np.sin(np.linspace(0, np.pi, b - a))
    return np.stack([mono, mono]).astype(np.float32)


def clicks(seconds: float, bpm: float, lead: float = 0.0, volume: float = 0.5) -> np.ndarray:
    """Stereo (2, n): a 1 kHz click (decaying, 8 ms) on every beat from `lead` seconds."""
    n = int(seconds * RATE)
    mono = np.zeros(n, np.float32)
    k = int(0.008 * RATE)
    click = (np.hanning(2 * k)[k:] * np.sin(2 * np.pi * 1000 * np.arange(k) / RATE)) * volume
    t = lead
    while int(t * RATE) + k <= n:
        i = int(round(t * RATE))
        mono[i:i + k] += click
        t += 60.0 / bpm
    return np.stack([mono, mono])


def beat_times(seconds: float, bpm: float, lead: float = 0.0) -> list[float]:
    out, t = [], lead
    while t + 0.008 <= seconds:
        out.append(t)
        t += 60.0 / bpm
    return out


def clip(path, audio: np.ndarray | None, seconds: float, colors=((200, 30, 30),),
         fps: int = 10, size=(64, 36)) -> str:
    """A tiny clip: solid colours in equal parts (a hard cut between each), with `audio`."""
    count = int(round(seconds * fps))

    def frames():
        for i in range(count):
            frame = np.empty((size[1], size[0], 3), np.uint8)
            frame[:] = colors[min(len(colors) - 1, i * len(colors) // count)]
            yield frame

    return write_clip(str(path), frames(), size, fps=fps, audio=audio)


def audio_file(path, samples: np.ndarray) -> str:
    return write_audio(str(path), samples)


def music_like(seconds: float, seed: int = 2) -> np.ndarray:
    """Stereo (2, n): a chord pulsing four times a second with a little noise, peaks about
    4 dB over its average (like mixed music), before any level is set."""
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    chord = sum(np.sin(2 * np.pi * f * t) for f in (220.0, 330.0, 554.0, 880.0)) / 4
    pulse = 0.6 + 0.4 * np.abs(np.sin(np.pi * 4 * t))
    mono = chord * pulse + rng.normal(0, 0.05, len(t))
    mono /= np.abs(mono).max()
    return np.stack([mono, mono]).astype(np.float32)


def at_loudness(samples: np.ndarray, lufs: float, scratch) -> np.ndarray:
    """`samples` scaled so that, written as WAV, they measure `lufs` integrated (ffmpeg's
    ebur128 measures; loudness moves dB for dB with gain)."""
    from liveassets.cuts.loudness import measure_loudness

    probe_path = write_audio(str(scratch), samples)
    gain = 10 ** ((lufs - measure_loudness(probe_path)["integrated"]) / 20)
    return (samples * gain).astype(np.float32)


def drum_loop(seconds: float, bpm: float, lead: float = 0.0, seed: int = 3) -> np.ndarray:
    """Stereo (2, n): kick on beats 1 and 3, snare on 2 and 4, hi-hat on every eighth, over a
    110 Hz bass note (which starts at 0 s, before the drums when `lead` > 0)."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    mono = 0.1 * np.sin(2 * np.pi * 110 * t)
    tk = np.arange(int(0.12 * RATE)) / RATE
    kick = np.sin(2 * np.pi * (60 + 80 * np.exp(-tk * 30)) * tk) * np.exp(-tk * 25) * 0.8
    ts = np.arange(int(0.15 * RATE)) / RATE
    snare = rng.normal(0, 0.3, len(ts)) * np.exp(-ts * 30)
    th = np.arange(int(0.03 * RATE)) / RATE
    hat = rng.normal(0, 0.15, len(th)) * np.exp(-th * 150)
    for k, b in enumerate(beat_times(seconds - 0.2, bpm, lead)):
        for at, sound in ((b, kick if k % 2 == 0 else snare), (b, hat),
                          (b + 30 / bpm, hat)):
            i = int(round(at * RATE))
            part = sound[: max(0, n - i)]
            mono[i:i + len(part)] += part
    return np.stack([mono, mono]).astype(np.float32)


def claps(seconds: float, every: float = 0.5, lead: float = 0.25, seed: int = 7) -> np.ndarray:
    """Stereo (2, n): a hand clap (a 30 ms burst of noise, decaying) every `every` seconds
    from `lead`, peaking at full scale."""
    rng = np.random.default_rng(seed)
    n, k = int(seconds * RATE), int(0.03 * RATE)
    mono = np.zeros(n, np.float32)
    envelope = np.exp(-np.arange(k) / RATE * 150)
    t = lead
    while int(t * RATE) + k <= n:
        i = int(t * RATE)
        mono[i:i + k] += rng.normal(0, 1, k) * envelope
        t += every
    mono /= np.abs(mono).max()
    return np.stack([mono, mono]).astype(np.float32)


def chord(seconds: float) -> np.ndarray:
    """Stereo (2, n): a steady C major chord peaking at full scale."""
    t = np.arange(int(seconds * RATE)) / RATE
    mono = sum(np.sin(2 * np.pi * f * t) for f in (261.63, 329.63, 392.0))
    mono /= np.abs(mono).max()
    return np.stack([mono, mono]).astype(np.float32)


def db(value: float) -> float:
    """The amplitude factor of `value` dB."""
    return 10 ** (value / 20)
