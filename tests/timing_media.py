"""Generators of clips whose timing is hard: no duration in the header (a browser recorder's
WebM/MKV), a header that lies (patched mvhd/mdhd/tkhd), a flash-and-beep clip whose sound starts
late or early, and a clip with linear PCM sound. Small and fast; made with the bundled ffmpeg."""

from __future__ import annotations

import struct
import subprocess

from liveassets.cuts.frames import ffmpeg_exe

FLASH_HZ = 1000


def _run(args: list[str], stdout=None) -> None:
    subprocess.run([ffmpeg_exe(), "-nostdin", "-v", "error", "-y", *args], check=True,
                   stdout=stdout, timeout=60)


def streamed(src: str, dest: str, fmt: str = "webm") -> str:
    """src re-encoded and written to a pipe, as a browser's MediaRecorder does: the muxer
    cannot go back, so the header carries no duration."""
    codecs = (["-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus"] if fmt == "webm"
              else ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"])
    with open(dest, "wb") as out:
        _run(["-i", src, *codecs, "-f", "matroska" if fmt == "mkv" else fmt, "pipe:1"],
             stdout=out)
    return dest


def lie_about_duration(src: str, dest: str, seconds: float) -> str:
    """A copy of the MP4 src whose mvhd, tkhd and mdhd durations all claim `seconds`."""
    data = bytearray(open(src, "rb").read())
    movie_scale = None
    for box in (b"mvhd", b"tkhd", b"mdhd"):
        at = 0
        while (at := data.find(box, at)) > 0:
            body = at + 4
            version = data[body]
            if version != 0:
                raise ValueError("only version-0 boxes are patched")
            if box == b"mvhd":
                movie_scale = struct.unpack(">I", data[body + 12: body + 16])[0]
                struct.pack_into(">I", data, body + 16, int(seconds * movie_scale))
            elif box == b"tkhd":
                struct.pack_into(">I", data, body + 20, int(seconds * movie_scale))
            else:
                scale = struct.unpack(">I", data[body + 12: body + 16])[0]
                struct.pack_into(">I", data, body + 16, int(seconds * scale))
            at += 4
    open(dest, "wb").write(bytes(data))
    return dest


def flash_and_beep(dest: str, seconds: float = 3.0, flashes=(0.5, 1.5, 2.5),
                   audio_offset: float = 0.0, fps: int = 30, pcm: bool = False,
                   size=(64, 64)) -> str:
    """A grey clip (size W, H) with one white frame at each of `flashes` and a 1 kHz beep one frame
    long at the same instants, as a timestamp-honouring player plays them (seconds from the
    file's start). The sound stream starts audio_offset seconds after the picture (negative:
    before), written as stream timestamps, as phones do. pcm: linear PCM sound (use .mov)."""
    frame = 1.0 / fps
    v0, a0 = max(0.0, -audio_offset), max(0.0, audio_offset)  # where each stream starts
    bright = "+".join(f"between(T,{t - v0 - 1e-3:.4f},{t - v0 + frame - 2e-3:.4f})"
                      for t in flashes)
    video = (f"color=c=gray:s={size[0]}x{size[1]}:r={fps}:d={seconds - v0},"
             f"geq=lum='if({bright},255,90)':cb=128:cr=128")
    loud = "+".join(f"between(t,{t - a0:.4f},{t - a0 + frame:.4f})" for t in flashes)
    audio = f"aevalsrc='0.8*sin(2*PI*{FLASH_HZ}*t)*({loud})':s=48000:d={seconds - a0}"
    acodec = ["-c:a", "pcm_s16le"] if pcm else ["-c:a", "aac", "-b:a", "96k"]
    _run(["-itsoffset", f"{v0:.3f}", "-f", "lavfi", "-i", video,
          "-itsoffset", f"{a0:.3f}", "-f", "lavfi", "-i", audio,
          "-map", "0:v", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast",
          "-pix_fmt", "yuv420p", "-g", str(fps), *acodec, dest])
    return dest


def _box(data, lo: int, hi: int, name: bytes) -> tuple[int, int]:
    at = lo
    while at + 8 <= hi:
        size, kind = struct.unpack(">I4s", data[at: at + 8])
        if kind == name:
            return at, size
        at += size
    raise ValueError(f"no {name!r} box")


def stretch_last_frame(src: str, dest: str, seconds: float) -> str:
    """A copy of src (an MP4 with moov AFTER mdat, one-entry edit lists) whose first track's
    last sample lasts `seconds` in the sample table (stts), with the edit list, tkhd, mdhd and
    mvhd agreeing: every header and FFmpeg's own figure claim the clip runs that long, as a
    damaged or hand-edited file can."""
    data = bytearray(open(src, "rb").read())
    if _box(data, 0, len(data), b"moov")[0] < _box(data, 0, len(data), b"mdat")[0]:
        raise ValueError("moov must follow mdat (write with faststart=False)")
    grown, lo, hi = [], 0, len(data)
    for name in (b"moov", b"trak", b"mdia", b"minf", b"stbl", b"stts"):
        at, size = _box(data, lo, hi, name)
        grown.append(at)
        if name == b"mdia":
            mdhd = _box(data, at + 8, at + size, b"mdhd")[0]
            scale = struct.unpack(">I", data[mdhd + 20: mdhd + 24])[0]
        lo, hi = at + 8, at + size
    stts = grown[-1]
    count = struct.unpack(">I", data[stts + 12: stts + 16])[0]
    last = stts + 16 + 8 * (count - 1)
    n, delta = struct.unpack(">II", data[last: last + 8])
    struct.pack_into(">II", data, last, n - 1, delta)
    data[last + 8: last + 8] = struct.pack(">II", 1, int(seconds * scale))
    struct.pack_into(">I", data, stts + 12, count + 1)
    for at in grown:
        struct.pack_into(">I", data, at, struct.unpack(">I", data[at: at + 4])[0] + 8)
    elst = data.find(b"elst", grown[1]) - 4
    mvhd = data.find(b"mvhd") - 4
    movie_scale = struct.unpack(">I", data[mvhd + 20: mvhd + 24])[0]
    struct.pack_into(">I", data, elst + 16, int(seconds * movie_scale))
    open(dest, "wb").write(bytes(data))
    return lie_about_duration(dest, dest, seconds)


def huge_exif_jpeg(path: str, megabytes: int = 60) -> str:
    """A small JPEG (orientation 6, camera "Canon EOS R5") followed by `megabytes` of extra
    EXIF APP1 segments of 64 KB each, as a broken writer can leave."""
    import io

    from PIL import Image

    from mediagen import exif_bytes

    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 40)).save(
        buf, "JPEG", exif=exif_bytes(orientation=6, make="Canon", model="EOS R5"))
    data = buf.getvalue()
    first_exif = data.find(b"Exif\x00\x00") - 4
    end = first_exif + 2 + struct.unpack(">H", data[first_exif + 2: first_exif + 4])[0]
    body = b"Exif\x00\x00II*\x00" + bytes(65_000)
    junk = (b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body) * (megabytes * 16)
    with open(path, "wb") as fh:
        fh.write(data[:end] + junk + data[end:])
    return path
