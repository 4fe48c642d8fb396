"""Stills for the render, drawn once with Pillow and handed over as 4:2:0 frames: photos as
timed slides (with an optional slow zoom), title and end cards, and the caption and logo as
overlays that are blended over their own box only (see frames.py for the frame layout)."""

from __future__ import annotations

import numpy as np
import pillow_heif
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from liveassets.cuts.frames import planes, rgb, safe_box, to_i420
from liveassets.cuts.plan import PlanError
from liveassets.media.pictures import open_photo
from liveassets.media.text import FontMissing, FontSet
from liveassets.media.text import fonts as text_fonts

pillow_heif.register_heif_opener()  # iPhone photos as slides


def open_upright(path: str) -> Image.Image:
    """The photo (slide, card image or logo) upright and in sRGB, as a viewer shows it
    (media/pictures.open_photo: EXIF orientation, embedded ICC profile converted)."""
    return open_photo(path)


def reframe_image(im: Image.Image, size, mode="crop", x=0.5, color="#000000") -> Image.Image:
    """A still reframed to size, like reframe_filter does for clips."""
    im = im.convert("RGB")
    w, h = size
    if mode == "crop":
        sw, sh = im.size
        if sw * h > sh * w:
            cw = sh * w / h
            box = ((sw - cw) * x, 0, (sw - cw) * x + cw, sh)
        else:
            ch = sw * h / w
            box = (0, (sh - ch) / 2, sw, (sh - ch) / 2 + ch)
        return im.resize(size, Image.Resampling.LANCZOS, box=box)
    fg = ImageOps.contain(im, size, Image.Resampling.LANCZOS)
    if mode == "blur":
        bg = ImageOps.fit(im, (max(2, w // 8), max(2, h // 8)), Image.Resampling.BILINEAR)
        bg = bg.filter(ImageFilter.BoxBlur(6)).resize(size, Image.Resampling.BILINEAR)
    else:
        bg = Image.new("RGB", size, rgb(color))
    bg.paste(fg, ((w - fg.width) // 2, (h - fg.height) // 2))
    return bg


class PhotoFrames:
    """A photo as a segment: reframed once; with zoom, a slow push-in over its duration."""

    def __init__(self, path: str, size, fps: float, count: int, mode="crop", x=0.5,
                 color="#000000", zoom: float = 0.0):
        self.size, self.count, self.zoom = size, max(1, count), float(zoom or 0)
        w, h = size
        big = (int(w * (1 + self.zoom)), int(h * (1 + self.zoom)))
        self.image = reframe_image(open_upright(path), big, mode, x, color)
        self.still = None if self.zoom else to_i420(np.asarray(self.image))

    def frame(self, j: int) -> np.ndarray:
        if self.still is not None:
            return self.still
        p = min(1.0, j / max(1, self.count - 1))
        bw, bh = self.image.size
        s = 1 + self.zoom * p
        cw, ch = bw / s, bh / s
        box = ((bw - cw) / 2, (bh - ch) / 2, (bw + cw) / 2, (bh + ch) / 2)
        return to_i420(np.asarray(self.image.resize(self.size, Image.Resampling.BILINEAR,
                                                    box=box)))

    def close(self) -> None:
        pass


# -- text, cards and overlays -----------------------------------------------------------------
def font() -> FontSet:
    """The bold fallback chain cards and captions are drawn with (media/text.py: DejaVu Sans
    Bold, colour emoji, then system fonts). Raises PlanError if the bundled font is missing."""
    try:
        return text_fonts(bold=True)
    except FontMissing as exc:
        raise PlanError(str(exc)) from None


def wrap(text: str, fnt: FontSet, px: int, width: int) -> list[str]:
    """text in lines at most width pixels wide at px (never splitting a grapheme cluster)."""
    return fnt.wrap(text or "", px, width)


def card_frame(size, text: str, color="#000000", text_color="#FFFFFF",
               image: str | None = None) -> np.ndarray:
    """A title or end card: text centred in the safe box over a colour or an image."""
    if image:
        im = reframe_image(open_upright(image), size, "crop")
        im = Image.blend(im, Image.new("RGB", size, (0, 0, 0)), 0.35)  # keep text readable
    else:
        im = Image.new("RGB", size, rgb(color))
    x0, y0, x1, y1 = safe_box(size)
    px = max(10, round(size[0] * 0.075))
    fnt = font()
    lines = wrap(text, fnt, px, x1 - x0)
    while px > 10 and len(lines) * px * 1.25 > (y1 - y0):
        px = int(px * 0.85)
        lines = wrap(text, fnt, px, x1 - x0)
    step = round(px * 1.25)
    y = (y0 + y1) // 2 - step * len(lines) // 2
    for line in lines:
        fnt.draw(im, ((x0 + x1) // 2, y + step // 2), line, px, rgb(text_color), anchor="mm")
        y += step
    return to_i420(np.asarray(im))


class Overlay:
    """An RGBA picture placed at (x, y) (even), blended over 4:2:0 frames within its box only:
    colour and alpha are converted once; per frame it costs a few small array operations."""

    def __init__(self, rgba: Image.Image, x: int, y: int):
        rgba = rgba.convert("RGBA")
        w, h = rgba.width // 2 * 2 or 2, rgba.height // 2 * 2 or 2
        arr = np.asarray(rgba.crop((0, 0, w, h)))
        self.x, self.y, self.w, self.h = x // 2 * 2, y // 2 * 2, w, h
        self.rgba = arr
        yuv = planes(to_i420(arr[..., :3]))
        alpha = arr[..., 3].astype(np.uint16)
        half = alpha.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3)).round().astype(np.uint16)
        self.parts = [(yuv[0].astype(np.uint16) * alpha, 255 - alpha, 1),
                      (yuv[1].astype(np.uint16) * half, 255 - half, 2),
                      (yuv[2].astype(np.uint16) * half, 255 - half, 2)]

    def apply(self, frame: np.ndarray) -> np.ndarray:
        """Blend into frame (a 4:2:0 array, changed in place) and return it."""
        for plane, (premult, keep, step) in zip(planes(frame), self.parts):
            x, y = self.x // step, self.y // step
            region = plane[y:y + keep.shape[0], x:x + keep.shape[1]]
            mixed = region * keep
            mixed += premult
            mixed += 127
            mixed //= 255
            region[:] = mixed
        return frame


def caption_overlay(size, text: str) -> Overlay:
    """The caption as a line (or two) on a soft dark band at the bottom of the safe box."""
    x0, y0, x1, y1 = safe_box(size)
    px = max(8, round(size[0] * 0.042))
    fnt = font()
    pad = max(2, px // 3)
    lines = wrap(text, fnt, px, (x1 - x0) - 2 * pad)[:3]
    step = round(px * 1.25)
    band_w = (x1 - x0)
    band_h = step * len(lines) + 2 * pad
    im = Image.new("RGBA", (band_w, band_h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.rounded_rectangle((0, 0, band_w - 1, band_h - 1), radius=pad, fill=(0, 0, 0, 140))
    for i, line in enumerate(lines):
        fnt.draw(im, (band_w // 2, pad + i * step + step // 2), line, px, (255, 255, 255, 255),
                 anchor="mm")
    return Overlay(im, x0, y1 - band_h)


def logo_overlay(size, path: str, corner: str, width: float) -> Overlay:
    """The logo scaled to a fraction of the frame width, in a corner of the safe box."""
    x0, y0, x1, y1 = safe_box(size)
    im = open_upright(path).convert("RGBA")
    lw = max(2, round(size[0] * width))
    lh = max(2, round(im.height * lw / im.width))
    lh = min(lh, y1 - y0)
    im = im.resize((lw, lh), Image.Resampling.LANCZOS)
    x = x0 if corner.endswith("left") else x1 - lw
    y = y0 if corner.startswith("top") else y1 - lh
    return Overlay(im, x, y)
