"""Generators of small test media (photos with chosen EXIF, clips with chosen rotation/audio,
damaged and hostile files) written into a folder the test gives; fast and deterministic."""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from liveassets.media.writers import tone, write_audio, write_clip
from liveassets.resources import resource_path

_ORIENTATION, _MAKE, _MODEL, _DATETIME = 0x0112, 0x010F, 0x0110, 0x0132
_EXIF_IFD, _GPS_IFD, _DATETIME_ORIGINAL = 0x8769, 0x8825, 0x9003


def _dms(value: float):
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return (float(degrees), float(minutes), float(seconds))


def exif_bytes(orientation=None, exif_datetime=None, make=None, model=None, gps=None) -> bytes:
    """EXIF block; exif_datetime "YYYY:MM:DD HH:MM:SS" (or ISO); gps (lat, lon[, alt])."""
    exif = Image.Exif()
    if orientation is not None:
        exif[_ORIENTATION] = int(orientation)
    if make:
        exif[_MAKE] = make
    if model:
        exif[_MODEL] = model
    if exif_datetime:
        text = exif_datetime.replace("T", " ").replace("-", ":")
        exif[_DATETIME] = text
        exif.get_ifd(_EXIF_IFD)[_DATETIME_ORIGINAL] = text
    if gps:
        lat, lon = gps[0], gps[1]
        block = exif.get_ifd(_GPS_IFD)
        block.update({0: b"\x02\x03\x00\x00", 1: "S" if lat < 0 else "N", 2: _dms(lat),
                      3: "W" if lon < 0 else "E", 4: _dms(lon)})
        if len(gps) > 2 and gps[2] is not None:
            block.update({5: 1 if gps[2] < 0 else 0, 6: abs(float(gps[2]))})
    return exif.tobytes()


def make_jpeg(path, size=(320, 240), color=(200, 80, 40), orientation=None, exif_datetime=None,
              make=None, model=None, gps=None, noisy=False, quality=90, text=None) -> str:
    """A JPEG of size (stored pixels). orientation only writes the EXIF tag: pixels stay as
    drawn. noisy: random pixels (big, slow-to-decode files like a real camera's)."""
    width, height = size
    if noisy:
        rng = np.random.default_rng(zlib.crc32(os.path.basename(str(path)).encode()))
        base = np.asarray(color, np.int16)[None, None, :]
        noise = rng.integers(-60, 60, size=(height, width, 3), dtype=np.int16)
        image = Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8))
    else:
        image = Image.new("RGB", size, color)
    if text:
        draw = ImageDraw.Draw(image)
        draw.text((10, 10), text, fill=(255, 255, 255), font=_font(max(12, height // 10)))
    exif = exif_bytes(orientation, exif_datetime, make, model, gps)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    image.save(path, "JPEG", quality=quality, exif=exif)
    return str(path)


def make_marked_jpeg(path, size=(300, 200), orientation=None) -> str:
    """A JPEG whose UPRIGHT picture has a blue top half and red bottom half with a green
    strip on the left; the stored pixels are turned so that EXIF orientation makes them
    upright again (size is the upright size)."""
    width, height = size
    arr = np.zeros((height, width, 3), np.uint8)
    arr[: height // 2] = (0, 0, 255)
    arr[height // 2:] = (255, 0, 0)
    arr[:, : width // 8] = (0, 200, 0)
    upright = Image.fromarray(arr)
    undo = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_270}
    stored = upright.transpose(undo[orientation]) if orientation in undo else upright
    stored.save(_parent(path), "JPEG", quality=92, exif=exif_bytes(orientation))
    return str(path)


def make_noisy_12mp_jpeg(path) -> str:
    """4000x3000 JPEG with sensor-like noise (~4 MB, like a phone photo) for benchmarks."""
    rng = np.random.default_rng(7)
    noise = np.tile(rng.normal(0, 12, size=(750, 1000, 3)).astype(np.int16), (4, 4, 1))
    x = np.linspace(40, 200, 4000, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, 3000, dtype=np.float32)[:, None]
    base = np.empty((3000, 4000, 3), np.int16)
    base[..., 0] = x * (0.6 + 0.4 * y)
    base[..., 1] = x[:, ::-1] * 0.8
    base[..., 2] = 80 + 100 * y
    big = np.clip(base + noise, 0, 255).astype(np.uint8)
    Image.fromarray(big).save(_parent(path), "JPEG", quality=90,
                              exif=exif_bytes(1, "2026:11:21 19:30:00", "Apple", "iPhone 15 Pro"))
    return str(path)


def make_png(path, size=(200, 120), mode="RGBA") -> str:
    """A PNG in the given mode (RGBA half transparent, LA, P with transparency, I;16, L, RGB)."""
    width, height = size
    ramp = np.linspace(0, 1, width, dtype=np.float32)[None, :].repeat(height, axis=0)
    if mode == "I;16":
        image = Image.fromarray((ramp * 65535).astype(np.uint16))
    elif mode in ("L", "LA"):
        image = Image.fromarray((ramp * 255).astype(np.uint8))
        if mode == "LA":
            image.putalpha(128)
    else:
        rgb = np.zeros((height, width, 3), np.uint8)
        rgb[..., 0] = (ramp * 255).astype(np.uint8)
        rgb[..., 2] = 200
        image = Image.fromarray(rgb)
        if mode == "RGBA":
            alpha = np.full((height, width), 255, np.uint8)
            alpha[:, : width // 2] = 0
            image.putalpha(Image.fromarray(alpha))
        elif mode == "P":
            image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
            image.info["transparency"] = 0
    image.save(_parent(path), "PNG", **({"transparency": 0} if mode == "P" else {}))
    return str(path)


def make_video(path, size=(320, 180), seconds=1.0, fps=30, audio=True, rotation=0, colors=None,
               codec="libx264", black_lead=0.0, faststart=True, top_bottom=None,
               metadata=None) -> str:
    """A clip whose STORED frames are size (W, H); rotation (clockwise degrees, as probe()
    reports) goes into the display matrix, so rotation=90 with size (640, 360) displays
    360x640. colors: solid colours for equal time segments. top_bottom: (top, bottom) colours
    of the DISPLAYED picture's halves (stored frames are turned to match). black_lead:
    seconds of black frames first. audio: a tone for the whole clip."""
    width, height = size
    count = max(1, int(round(seconds * fps)))
    lead = int(round(black_lead * fps))
    colors = list(colors or [(40, 160, 220)])
    turn = (rotation % 360) // 90

    def picture(index: int) -> np.ndarray:
        if index < lead:
            return np.zeros((height, width, 3), np.uint8)
        if top_bottom:
            up_h, up_w = (width, height) if turn % 2 else (height, width)
            upright = np.empty((up_h, up_w, 3), np.uint8)
            upright[: up_h // 2] = top_bottom[0]
            upright[up_h // 2:] = top_bottom[1]
            return np.ascontiguousarray(np.rot90(upright, k=turn))  # undo the player's turn
        segment = min(len(colors) - 1, (index - lead) * len(colors) // max(1, count - lead))
        frame = np.empty((height, width, 3), np.uint8)
        frame[:] = colors[segment]
        frame[height // 3: height // 3 + 8, (index * 4) % width:] = 255  # a bit of motion
        return frame

    sound = tone(count / fps) if audio else None
    return write_clip(str(path), (picture(i) for i in range(count)), (width, height), fps=fps,
                      audio=sound, rotation=rotation, codec=codec, faststart=faststart,
                      metadata=metadata)


def make_audio(path, seconds=2.0) -> str:
    """An audio file (codec from the extension) holding a soft chord."""
    return write_audio(str(path), tone(seconds))


def truncate_copy(src, dest, fraction: float) -> str:
    """Copy the first fraction of src's bytes to dest (a copy cut off midway)."""
    data = Path(src).read_bytes()
    _parent(dest).write_bytes(data[: int(len(data) * fraction)])
    return str(dest)


def copy(src, dest) -> str:
    shutil.copyfile(src, dest)
    return str(dest)


def _parent(path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def make_text_as_jpg(path) -> str:
    _parent(path).write_text("This is not a photo.\nJust some notes someone renamed to .jpg\n" * 3)
    return str(path)


def make_empty(path) -> str:
    _parent(path).write_bytes(b"")
    return str(path)


def make_bomb_png(path, side: int = 20000) -> str:
    """A valid 1-bit PNG of side x side pixels (400 MP by default) that is ~50 KB on disk."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(row * 1000) for _ in range(side // 1000))
    body += packer.compress(row * (side % 1000)) + packer.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    _parent(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
                           + chunk(b"IEND", b""))
    return str(path)


def _font(px: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(resource_path("fonts", "DejaVuSans-Bold.ttf")), px)
    except OSError:
        return ImageFont.load_default()
