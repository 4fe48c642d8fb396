"""Small, deterministic media writers on PyAV: a clip from numpy frames (H.264/H.265/VP9 + AAC
or Opus, optional display rotation) and an audio file from samples; used by the demo and tests."""

from __future__ import annotations

import os
from collections.abc import Iterable

import av
import numpy as np

from liveassets.media.colour import is_hd

RATE = 48_000  # audio sample rate
_AUDIO_FOR = {".webm": "libopus", ".mkv": "libopus", ".ogg": "libopus", ".mp3": "libmp3lame",
              ".wav": "pcm_s16le", ".flac": "flac"}
_FORMAT_FOR = {".m4a": "ipod", ".aac": "adts", ".ogg": "ogg", ".mkv": "matroska"}


def write_clip(path: str, frames: Iterable[np.ndarray], size: tuple[int, int], fps: int = 30,
               audio: np.ndarray | None = None, rotation: int = 0, codec: str = "libx264",
               faststart: bool = True, metadata: dict | None = None, crf: int = 23,
               preset: str = "veryfast", threads: int = 0) -> str:
    """Encode frames (H x W x 3 uint8 RGB arrays in STORED orientation, W x H == size) to path.

    audio: float32 array (channels, samples) at RATE, or None for a clip with no audio
    stream at all. Sizes must be even (yuv420p). rotation: clockwise degrees the player
    turns the picture (as probe() reports; 90 is an iPhone portrait clip, which ffmpeg
    prints as -90); written as the display matrix. metadata: container tags, e.g.
    creation_time or com.apple.quicktime.*.
    threads: encoder threads (0 = automatic; 1 gives the same bytes on any machine).
    """
    ext = os.path.splitext(path)[1].lower()
    options = {}
    if ext in (".mp4", ".mov", ".m4v"):
        flags = "+use_metadata_tags" + ("+faststart" if faststart else "")
        options["movflags"] = flags
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with av.open(path, "w", format=_FORMAT_FOR.get(ext), options=options) as out:
        out.metadata.update(metadata or {})
        video_opts = {"preset": preset, "crf": str(crf)} if codec in ("libx264", "libx265") \
            else {}
        if codec == "libx265":
            video_opts["x265-params"] = "log-level=error"
        if threads:
            video_opts["threads"] = str(threads)
        stream = out.add_stream(codec, rate=fps, options=video_opts)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        hd_tag = 1 if is_hd(*size) else 6  # BT709 / SMPTE170M in FFmpeg's enums
        stream.codec_context.color_primaries = hd_tag
        stream.codec_context.color_trc = hd_tag
        stream.codec_context.colorspace = hd_tag
        stream.codec_context.color_range = 1
        if codec == "libx265" and ext in (".mp4", ".mov"):
            stream.codec_tag = "hvc1"  # what Apple players want
        if rotation % 360:
            stream.set_display_rotation(-(rotation % 360))  # FFmpeg counts counter-clockwise
        sound = _add_audio(out, ext) if audio is not None else None
        # written in the matrix players assume for an untagged clip of this size, and tagged
        # so (media/colour.py): swscale's default would be BT.601 at every size
        hd = is_hd(*size)
        space = "itu709" if hd else "itu601"
        for index, array in enumerate(frames):
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(array), format="rgb24")
            frame = frame.reformat(format="yuv420p", dst_colorspace=space,
                                   dst_color_range="MPEG")
            frame.colorspace = 1 if hd else 6  # AVCOL_SPC_BT709 / SMPTE170M
            frame.color_range = 1  # limited
            frame.pts = index
            out.mux(stream.encode(frame))
        out.mux(stream.encode())
        if sound is not None:
            _encode_audio(out, sound, audio)
    return path


def write_audio(path: str, samples: np.ndarray, metadata: dict | None = None) -> str:
    """Write float32 samples (channels, n) at RATE to path; codec from the extension
    (.m4a/.aac AAC, .mp3 MP3, .wav PCM, .flac FLAC, .ogg Opus)."""
    ext = os.path.splitext(path)[1].lower()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with av.open(path, "w", format=_FORMAT_FOR.get(ext)) as out:
        out.metadata.update(metadata or {})
        stream = _add_audio(out, ext, channels=samples.shape[0])
        _encode_audio(out, stream, samples)
    return path


def _add_audio(out, ext: str, channels: int = 2):
    codec = _AUDIO_FOR.get(ext, "aac")
    # The "fast" AAC coder is ~1.5x quicker than the default; plenty for demo and test sound.
    stream = out.add_stream(codec, rate=RATE, options={"aac_coder": "fast"} if codec == "aac" else {})
    stream.layout = "stereo" if channels == 2 else "mono"
    if codec in ("aac", "libmp3lame", "libopus"):
        stream.bit_rate = 128_000
    return stream


def _encode_audio(out, stream, samples: np.ndarray) -> None:
    samples = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    if samples.ndim == 1:
        samples = samples[None, :]
    fmt = stream.codec_context.format.name  # fltp, s16, s16p, flt ...
    chunk = stream.codec_context.frame_size or 1024
    layout = "stereo" if samples.shape[0] == 2 else "mono"
    for start in range(0, samples.shape[1], chunk):
        block = samples[:, start:start + chunk]
        if fmt.startswith("s16"):
            data = (block * 32767).astype(np.int16)
        elif fmt.startswith("s32"):
            data = (block.astype(np.float64) * 2147483647).astype(np.int32)
        elif fmt.startswith("dbl"):
            data = block.astype(np.float64)
        else:
            data = block
        if not fmt.endswith("p"):  # packed: interleave channels into one row
            data = data.T.reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(data), format=fmt, layout=layout)
        frame.sample_rate = RATE
        frame.pts = start
        out.mux(stream.encode(frame))
    out.mux(stream.encode())


def tone(seconds: float, freqs=(261.63, 329.63, 392.0), volume: float = 0.2,
         channels: int = 2) -> np.ndarray:
    """A soft chord (default C major) with fade in/out, shape (channels, samples)."""
    t = np.arange(int(seconds * RATE), dtype=np.float64) / RATE
    wave = sum(np.sin(2 * np.pi * f * t) for f in freqs) / max(1, len(freqs))
    fade = np.minimum(1.0, np.minimum(t / 0.05, (seconds - t) / 0.05)).clip(0, 1)
    mono = (volume * wave * fade).astype(np.float32)
    return np.repeat(mono[None, :], channels, axis=0)
