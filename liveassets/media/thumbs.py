"""Upright JPEG thumbnails: photos via Pillow draft decoding + EXIF orientation, videos via a
representative PyAV poster frame turned by the display matrix; written atomically."""

from __future__ import annotations

import io
import os

import av
import numpy as np
from PIL import Image

from liveassets import temps
from liveassets.media import errors
from liveassets.media.colour import frame_to_rgb
from liveassets.media.duration import real_duration
from liveassets.media.errors import MediaError
from liveassets.media.formats import kind_for
from liveassets.media.jpeg_segments import open_image
from liveassets.media.mp4box import mp4_layout
from liveassets.media.pictures import frame_orientation, rotation_orientation, to_srgb, upright
from liveassets.media.pictures import exif_orientation
from liveassets.media.probe import MAX_PIXELS  # also registers HEIF opener
from liveassets.media.scores import scores

BACKGROUND = (38, 38, 38)  # dark grey behind transparent pixels
QUALITY = 85
POSTER_POINTS = (0.10, 0.33, 0.50, 0.75)  # fractions of the duration tried for a poster frame
MAX_DECODE_FRAMES = 90  # frames decoded towards a point before settling for the latest
JUMP_SECONDS = 2.0  # further than this ahead, seek instead of decoding on
# A thumbnail is a cache the scanner can rebuild, so it is replaced atomically but not fsynced:
# an fsync costs ~1 ms on this SSD but 10-30 ms per file on USB sticks and spinning disks.
FSYNC = False

_RESIZABLE = {"RGB", "RGBA", "L", "LA", "CMYK", "YCbCr", "RGBX"}


def make_thumbnail(path: str, kind: str | None, dest: str, size: int = 512,
                   rotation: int = 0) -> bool:
    """Write an upright RGB JPEG of path, longest edge <= size, to dest (atomically).

    kind is "image", "video" or "audio" (None: from the extension). EXIF orientation and a
    video's display matrix are always read from the file itself; rotation (clockwise degrees,
    as probe() reports) is only used for a video whose frames carry no display matrix, so
    passing probe()'s value never turns a clip twice. Audio: writes its cover art if it has
    one, else writes nothing and returns False. Returns True when dest was written.

    Raises MediaError for damaged or unreadable input (dest is then left untouched); errors
    writing dest (disk full, permissions) propagate as OSError.
    """
    return thumbnail_with_scores(path, kind, dest, size, rotation, scored=False)[0]


def thumbnail_with_scores(path: str, kind: str | None, dest: str, size: int = 512,
                          rotation: int = 0, scored: bool = True) -> tuple[bool, dict | None]:
    """`make_thumbnail`, plus the culling scores of a photo taken from the same decode:
    (written, scores.scores() dict or None). Videos and audio get no scores (a poster frame
    says little about a clip's focus or exposure). Raises as make_thumbnail."""
    errors.check_readable(path)
    kind = kind or kind_for(path)
    found = None
    if kind == "image":
        picture = _photo(path, size)
        if scored:
            found = scores(picture)  # ~2 ms on the 512 px picture already decoded (SPECS)
    elif kind in ("video", "audio"):
        picture = _poster(path, kind, size, rotation)
        if picture is None:
            return False, None
    else:
        raise MediaError("This file type is not a photo, video or audio format LiveAssets reads.")
    _save_atomically(picture, dest)
    return True, found


def photo_picture(path: str, size: int = 512) -> Image.Image:
    """The upright sRGB picture of a photo file, longest edge <= size (what its thumbnail
    shows). Raises MediaError for damaged or unreadable files."""
    errors.check_readable(path)
    return _photo(path, size)


# ---------------------------------------------------------------- photos

def _photo(path: str, size: int) -> Image.Image:
    try:
        with open_image(path) as im:
            if im.width * im.height > MAX_PIXELS:
                raise errors.bomb(im.width * im.height)
            return _upright_small(im, size)
    except MediaError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise errors.bomb_from(exc, MAX_PIXELS) from None
    except OSError as exc:
        if "truncated" in str(exc) or "broken data stream" in str(exc):
            raise MediaError(errors.PHOTO_TRUNCATED) from None
        raise errors.unreadable(path, "image", errors.detail(exc)) from None
    except Exception as exc:  # SyntaxError, ValueError, struct.error, ... from damaged files
        raise errors.unreadable(path, "image", errors.detail(exc)) from None


def _upright_small(im: Image.Image, size: int) -> Image.Image:
    orientation = exif_orientation(im)
    icc = im.info.get("icc_profile")
    if im.format == "JPEG":
        im.draft("RGB", (size, size))  # DCT scaling: decode at 1/2 .. 1/8 when big enough
    im.load()  # truncated bodies raise OSError here
    scale = min(1.0, size / max(im.width, im.height))
    target = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
    # shrink first, then convert the small copy from its colour profile to sRGB (the transform
    # is per pixel, so converting 512 px instead of the full photo keeps the scan fast)
    if im.mode in _RESIZABLE:
        small = _to_rgb(to_srgb(im.resize(target, Image.Resampling.BICUBIC, reducing_gap=2.0),
                                icc))
    else:
        small = _to_rgb(to_srgb(im, icc)).resize(target, Image.Resampling.BICUBIC,
                                                 reducing_gap=2.0)
    return upright(small, orientation)


def _to_rgb(im: Image.Image) -> Image.Image:
    """RGB copy of any Pillow mode; alpha is laid on a dark grey, 16-bit scaled to 8-bit."""
    mode = im.mode
    if mode == "RGB":
        return im
    if mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
        mode = im.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float64)
        top = float(arr.max()) if arr.size else 0.0
        scale = 255.0 / (65535.0 if top > 255 and mode.startswith("I;16") else max(top, 255.0))
        return Image.fromarray(np.clip(arr * scale, 0, 255).astype(np.uint8)).convert("RGB")
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, BACKGROUND)
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return im.convert("RGB")  # L, 1, CMYK, YCbCr, LAB, HSV, RGBX


# ---------------------------------------------------------------- video and audio

def _poster(path: str, kind: str, size: int, rotation: int) -> Image.Image | None:
    layout = mp4_layout(path) if kind == "video" else None
    if layout is not None and layout.truncated:
        raise MediaError(errors.VIDEO_TRUNCATED)
    with errors.av_opened(path, kind, layout) as container:
        videos = list(container.streams.video)
        if not videos:
            return None
        stream = videos[0]
        if stream.disposition & av.stream.Disposition.attached_pic:  # audio cover art
            return _cover_art(container, stream, size)
        frame = _representative_frame(container, stream)
        if frame is None:
            raise MediaError("No picture could be decoded from this video; it may be damaged. "
                             "Check it plays in another app.")
        return upright_frame(frame, stream, size, rotation,
                             layout.orientation if layout is not None else None)


def upright_frame(frame, stream, size: int, rotation: int = 0,
                  orientation: int | None = None) -> Image.Image:
    """A decoded video frame as a picture at most `size` px, square-pixelled and shown upright
    by the whole display matrix (rotation and mirror): the frame's own, else `orientation`
    (1..8, Mp4Layout.orientation), else a plain clockwise `rotation` from the container."""
    turn = frame_orientation(frame) or orientation or rotation_orientation(rotation)
    width, height = frame.width, frame.height
    sar = stream.sample_aspect_ratio
    if sar and sar > 0 and sar != 1:  # anamorphic: non-square pixels
        width = max(1, round(width * sar))
    scale = min(1.0, size / max(width, height))
    small = Image.fromarray(frame_to_rgb(frame, max(1, round(width * scale)),
                                         max(1, round(height * scale))))
    return upright(small, turn)


def _cover_art(container, stream, size: int) -> Image.Image | None:
    for packet in container.demux(stream):
        data = bytes(packet)
        if data:
            with Image.open(io.BytesIO(data)) as im:
                return _upright_small(im, size)
    return None


def _representative_frame(container, stream):
    """A poster frame with real content (not black, white or flat), else the busiest seen.

    Tries POSTER_POINTS of the duration. At each, the keyframe the seek lands on is taken when
    it shows content (one decode, cheap); otherwise decoding goes on to the point itself.
    """
    duration = real_duration(container, stream)  # WebM from a browser: none in the header
    start = float(stream.start_time * stream.time_base) if stream.start_time else 0.0
    targets = [start + duration * p for p in POSTER_POINTS] if duration else [start]
    best, best_spread, frames, last_time = None, -1.0, None, None
    for target in targets:
        try:
            if frames is None or last_time is None or target - last_time > JUMP_SECONDS:
                container.seek(int(target / stream.time_base), stream=stream, backward=True)
                frames, fresh = container.decode(stream), True
            else:
                fresh = False
            frame = None
            for count, frame in enumerate(frames):
                last_time = frame.time
                reached = last_time is None or last_time >= target - 1e-3 \
                    or count >= MAX_DECODE_FRAMES
                if reached or (fresh and count == 0):
                    spread, content = _content(frame)
                    if content:
                        return frame
                    if spread > best_spread:
                        best, best_spread = frame, spread
                    if reached:
                        break
            else:  # the stream ended before the point: judge its last frame, seek next time
                frames = None
                if frame is not None and _content(frame)[1]:
                    return frame
        except (av.error.FFmpegError, ValueError):
            frames = None
    return best


def _content(frame) -> tuple[float, bool]:
    """(spread, shows content): not near-black, near-white or flat."""
    mean, spread = _luma_stats(frame)
    return spread, (20.0 < mean < 235.0 and spread > 6.0) or spread > 24.0


def _luma_stats(frame) -> tuple[float, float]:
    """Mean and standard deviation of a 64-px-wide grey copy of the frame."""
    tiny = frame.reformat(width=64, height=max(1, round(64 * frame.height / frame.width)),
                          format="gray")
    arr = tiny.to_ndarray().astype(np.float32)
    return float(arr.mean()), float(arr.std())


# ---------------------------------------------------------------- output

def _save_atomically(picture: Image.Image, dest: str) -> None:
    """JPEG to a temporary file beside dest, then os.replace: dest is whole or untouched.
    Not `liveassets.atomic`: a rebuildable cache skips the fsync (see FSYNC); permissions
    follow the umask all the same (os.open with 0o666)."""
    folder = os.path.dirname(os.path.abspath(dest))
    os.makedirs(folder, exist_ok=True)
    tmp = temps.work_dir(dest, ".tmp")  # names its owner: a killed scan's is swept (temps.py)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as fh:
            picture.convert("RGB").save(fh, "JPEG", quality=QUALITY)
            if FSYNC:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
