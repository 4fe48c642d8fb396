"""Generated bursts for the stack and score tests: scenes drawn with Pillow, and the frames a
phone burst makes of them (shifted, slightly turned, blurred, pushed over or under in linear
light), saved as JPEGs with an EXIF capture time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from mediagen import exif_bytes


def scene(seed: int, size=(768, 576)) -> Image.Image:
    """A busy, distinct picture per seed: a tinted ground, 25 shapes, fine stripes, light noise."""
    rng = np.random.default_rng(seed)
    w, h = size
    im = Image.new("RGB", size, tuple(int(c) for c in rng.integers(40, 200, 3)))
    d = ImageDraw.Draw(im)
    for _ in range(25):
        x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
        box = [x0, y0, x0 + int(rng.integers(20, w // 2)), y0 + int(rng.integers(20, h // 2))]
        fill = tuple(int(c) for c in rng.integers(0, 256, 3))
        (d.ellipse if rng.random() < 0.5 else d.rectangle)(box, fill=fill)
    for x in range(int(rng.integers(0, 40)), w, 37):  # fine detail that blur wipes out
        d.line([x, 0, x + 60, h], fill=tuple(int(c) for c in rng.integers(0, 256, 3)), width=2)
    arr = np.asarray(im, np.float32) + rng.normal(0, 5, (h, w, 3))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def shifted(im: Image.Image, frac: float) -> Image.Image:
    """The camera moved by `frac` of the frame (right and down), same framing size."""
    w, h = im.size
    dx, dy = round(w * frac), round(h * frac)
    return im.crop((dx, dy, w, h)).resize((w, h), Image.Resampling.BICUBIC)


def turned(im: Image.Image, degrees: float) -> Image.Image:
    """The camera turned by `degrees`, cropped to hide the corners (as a phone's stabiliser)."""
    w, h = im.size
    m = 0.02 + abs(degrees) * 0.01
    r = im.rotate(degrees, resample=Image.Resampling.BICUBIC)
    return r.crop((round(w * m), round(h * m), round(w * (1 - m)), round(h * (1 - m)))).resize(
        (w, h), Image.Resampling.BICUBIC)


def blurred(im: Image.Image, frac: float = 0.01) -> Image.Image:
    """Missed focus or a shaken hand: Gaussian blur of `frac` of the long edge."""
    return im.filter(ImageFilter.GaussianBlur(max(im.size) * frac))


def exposed(im: Image.Image, stops: float) -> Image.Image:
    """`stops` more (or, negative, less) light, in linear light with the sRGB-like 2.2 curve."""
    a = (np.asarray(im, np.float32) / 255.0) ** 2.2 * (2.0 ** stops)
    return Image.fromarray(np.round(np.clip(a, 0, 1) ** (1 / 2.2) * 255).astype(np.uint8))


def save(im: Image.Image, path, taken: dt.datetime | None = None, quality: int = 90) -> str:
    """A JPEG at `path`, with EXIF DateTimeOriginal `taken` when given."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    extra = {"exif": exif_bytes(exif_datetime=taken.strftime("%Y:%m:%d %H:%M:%S"))} if taken else {}
    im.save(path, "JPEG", quality=quality, **extra)
    return str(path)


def burst(im: Image.Image) -> dict[str, Image.Image]:
    """The frames of one burst: the sharp original and its typical companions."""
    return {"sharp": im, "shift2": shifted(im, 0.02), "turn1": turned(im, 1.0),
            "blur": blurred(im), "over": exposed(im, 1.5)}
