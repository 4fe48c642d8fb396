"""Drawn scenes for the demo campaign (stage, crowd, creator portrait, pop-up booth, posters):
numpy gradients, blurred light and DejaVu text, deterministic for a given random generator."""

from __future__ import annotations

import threading

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from liveassets.resources import resource_path

PALETTES = [((18, 6, 46), (176, 30, 120), (255, 60, 170)),   # magenta night
            ((4, 16, 58), (30, 150, 220), (80, 220, 255)),    # electric blue
            ((34, 2, 26), (240, 90, 40), (255, 190, 60)),     # sunset orange
            ((10, 8, 24), (110, 60, 245), (190, 140, 255)),   # violet
            ((0, 26, 36), (20, 190, 160), (120, 255, 210))]   # teal
SKIN = [(241, 194, 160), (224, 172, 132), (198, 134, 96), (141, 85, 54), (255, 219, 188)]
HAIR = [(30, 22, 18), (70, 44, 26), (150, 100, 50), (20, 20, 24), (200, 160, 90)]


_fonts = threading.local()  # FreeType faces are not shared between threads


def font(px: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    cache = _fonts.__dict__.setdefault("cache", {})
    if (px, bold) not in cache:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        try:
            cache[px, bold] = ImageFont.truetype(str(resource_path("fonts", name)), px)
        except OSError:
            cache[px, bold] = ImageFont.load_default(px)
    return cache[px, bold]


def gradient(w: int, h: int, top, bottom) -> Image.Image:
    t = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None, None]
    column = np.asarray(top, np.float32) * (1 - t) + np.asarray(bottom, np.float32) * t
    return Image.fromarray(column.astype(np.uint8)).resize((w, h), Image.Resampling.NEAREST)


def text(draw, xy, words, px, fill=(255, 255, 255), anchor="mm", bold=True, shadow=True,
         fit: float | None = None):
    """Draw words at xy; fit: the widest they may be (the size shrinks to fit)."""
    while fit and px > 8 and font(px, bold).getlength(words) > fit:
        px = int(px * 0.9)
    if shadow:
        draw.text((xy[0] + px // 14 + 1, xy[1] + px // 14 + 1), words, font=font(px, bold),
                  fill=(0, 0, 0), anchor=anchor)
    draw.text(xy, words, font=font(px, bold), fill=fill, anchor=anchor)


def _glow(base: Image.Image, paint, blur: float = 6.0) -> Image.Image:
    """Screen-blend light painted at quarter size (paint(draw, w, h)), blurred and enlarged."""
    w, h = base.size
    layer = Image.new("RGB", (max(1, w // 4), max(1, h // 4)))
    paint(ImageDraw.Draw(layer), layer.width, layer.height)
    layer = layer.filter(ImageFilter.GaussianBlur(blur)).resize(base.size, Image.Resampling.BILINEAR)
    return ImageChops.screen(base, layer)


def _beams(rng, palette, count=5):
    def paint(draw, w, h):
        for _ in range(count):
            x0 = float(rng.uniform(0.05, 0.95)) * w
            x1 = float(rng.uniform(-0.2, 1.2)) * w
            spread = float(rng.uniform(0.08, 0.2)) * w
            colour = tuple(int(c * rng.uniform(0.5, 0.9)) for c in palette[2])
            draw.polygon([(x0 - 2, 0), (x0 + 2, 0), (x1 + spread, h), (x1 - spread, h)], fill=colour)
        for _ in range(count):
            x, y, r = float(rng.uniform(0, w)), float(rng.uniform(0, h * 0.3)), w * 0.03
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 230))
    return paint


def _crowd(draw, rng, w, h, top: float, rows=3, phones=0.15, hands=0.2):
    """Silhouetted heads and shoulders from y=top*h down, lit phone screens among them."""
    for row in range(rows):
        y = h * (top + (1 - top) * (row + 0.6) / rows)
        r = w * (0.022 + 0.012 * row)
        shade = tuple([int(8 + 6 * row)] * 3)
        for x in np.arange(-r, w + r, r * 2.1):
            x = float(x + rng.uniform(-r * 0.5, r * 0.5))
            yy = y + float(rng.uniform(-r * 0.4, r * 0.4))
            draw.ellipse([x - r * 1.7, yy + r * 0.8, x + r * 1.7, yy + r * 4], fill=shade)
            draw.ellipse([x - r, yy - r * 1.1, x + r, yy + r * 1.1], fill=shade)
            if rng.random() < hands:
                hx = x + float(rng.uniform(-r, r))
                draw.line([(x, yy + r), (hx, yy - r * 3)], fill=shade, width=max(2, int(r * 0.35)))
                if rng.random() < phones / max(hands, 1e-6):
                    draw.rectangle([hx - r * 0.35, yy - r * 3.8, hx + r * 0.35, yy - r * 2.6],
                                   fill=(230, 240, 255), outline=(20, 20, 20))


def stage(rng, w: int, h: int, title: str, palette) -> Image.Image:
    base = gradient(w, h, palette[0], tuple(c // 2 for c in palette[1]))
    base = _glow(base, _beams(rng, palette, count=int(rng.integers(4, 8))))
    draw = ImageDraw.Draw(base)
    wall = [w * 0.2, h * 0.12, w * 0.8, h * 0.45]
    draw.rectangle(wall, fill=tuple(c // 3 for c in palette[1]), outline=palette[2], width=max(2, w // 200))
    text(draw, ((wall[0] + wall[2]) / 2, (wall[1] + wall[3]) / 2), title, int(h * 0.11),
         fit=(wall[2] - wall[0]) * 0.9)
    draw.rectangle([0, h * 0.62, w, h * 0.66], fill=tuple(c // 4 for c in palette[2]))
    x, y, s = w * float(rng.uniform(0.35, 0.65)), h * 0.5, h * 0.07  # performer at a deck
    draw.ellipse([x - s * 0.5, y - s * 1.6, x + s * 0.5, y - s * 0.6], fill=(12, 10, 16))
    draw.polygon([(x - s * 0.9, y + s * 1.2), (x - s * 0.6, y - s * 0.6), (x + s * 0.6, y - s * 0.6),
                  (x + s * 0.9, y + s * 1.2)], fill=(12, 10, 16))
    draw.line([(x + s * 0.5, y - s * 0.4), (x + s * 1.4, y - s * 2.0)], fill=(12, 10, 16), width=int(s * 0.3))
    draw.rectangle([x - s * 2, y + s * 0.5, x + s * 2, y + s * 1.5], fill=(25, 25, 32))
    _crowd(draw, rng, w, h, top=0.7, rows=2)
    return base


def crowd(rng, w: int, h: int, caption: str, palette) -> Image.Image:
    base = gradient(w, h, palette[0], palette[1])
    base = _glow(base, _beams(rng, palette, count=int(rng.integers(3, 6))), blur=8)
    draw = ImageDraw.Draw(base)
    for _ in range(int(rng.integers(40, 90))):  # confetti
        x, y, r = float(rng.uniform(0, w)), float(rng.uniform(0, h * 0.6)), w * 0.004
        colour = PALETTES[int(rng.integers(0, len(PALETTES)))][2]
        draw.rectangle([x - r, y - r * 0.6, x + r, y + r * 0.6], fill=colour)
    _crowd(draw, rng, w, h, top=0.35, rows=4, phones=0.12, hands=0.3)
    if caption:
        text(draw, (w * 0.5, h * 0.12), caption, int(h * 0.07), fill=palette[2], fit=w * 0.9)
    return base


def creator(rng, w: int, h: int, handle: str, palette) -> Image.Image:
    base = gradient(w, h, palette[1], palette[0])
    draw = ImageDraw.Draw(base)
    tile, step = int(h * 0.022), int(h * 0.11)
    for row, y in enumerate(range(0, h, step)):  # step-and-repeat backdrop
        for x in range((row % 2) * step, w, step * 2):
            draw.text((x, y), "LIVE", font=font(tile), fill=tuple(min(255, c + 40) for c in palette[1]))
    cx, cy, r = w * 0.5, h * 0.42, w * 0.26
    base = _glow(base, lambda d, lw, lh: d.ellipse([lw * 0.5 - lw * 0.27, lh * 0.42 - lw * 0.27,
                                                    lw * 0.5 + lw * 0.27, lh * 0.42 + lw * 0.27],
                                                   outline=(255, 250, 235), width=max(2, lw // 40)),
                 blur=3)
    draw = ImageDraw.Draw(base)
    skin, hair = SKIN[int(rng.integers(0, len(SKIN)))], HAIR[int(rng.integers(0, len(HAIR)))]
    shirt = PALETTES[int(rng.integers(0, len(PALETTES)))][2]
    draw.ellipse([cx - r * 1.3, cy + r * 0.75, cx + r * 1.3, cy + r * 3.2], fill=shirt)
    draw.rectangle([cx - r * 0.18, cy + r * 0.3, cx + r * 0.18, cy + r * 0.9], fill=skin)
    draw.ellipse([cx - r * 0.62, cy - r * 0.95, cx + r * 0.62, cy + r * 0.55], fill=hair)
    draw.ellipse([cx - r * 0.5, cy - r * 0.7, cx + r * 0.5, cy + r * 0.6], fill=skin)
    draw.chord([cx - r * 0.55, cy - r * 0.95, cx + r * 0.55, cy - r * 0.1], 180, 360, fill=hair)
    for ex in (-0.2, 0.2):
        draw.ellipse([cx + r * (ex - 0.05), cy - r * 0.1, cx + r * (ex + 0.05), cy], fill=(30, 24, 20))
    draw.arc([cx - r * 0.2, cy + r * 0.1, cx + r * 0.2, cy + r * 0.35], 20, 160, fill=(120, 40, 40),
             width=max(2, int(r * 0.04)))
    card = [cx - r * 0.75, cy + r * 1.45, cx + r * 0.75, cy + r * 2.0]  # lanyard name card
    draw.line([(cx - r * 0.4, cy + r * 0.8), (card[0] + r * 0.2, card[1])], fill=(20, 20, 20), width=4)
    draw.line([(cx + r * 0.4, cy + r * 0.8), (card[2] - r * 0.2, card[1])], fill=(20, 20, 20), width=4)
    draw.rounded_rectangle(card, radius=int(r * 0.08), fill=(250, 250, 250))
    text(draw, ((card[0] + card[2]) / 2, (card[1] + card[3]) / 2), handle, int(r * 0.2),
         fill=(20, 20, 30), shadow=False, fit=(card[2] - card[0]) * 0.9)
    text(draw, (w * 0.5, h * 0.06), "LIVE Creator Meetup", int(h * 0.035))
    return base


def popup(rng, w: int, h: int, caption: str, palette) -> Image.Image:
    base = gradient(w, h, (250, 200, 150), (120, 80, 70))
    base = _glow(base, lambda d, lw, lh: d.ellipse([lw * 0.6, -lh * 0.2, lw * 1.1, lh * 0.3],
                                                   fill=(255, 240, 200)), blur=10)
    draw = ImageDraw.Draw(base)
    booth = [w * 0.12, h * 0.22, w * 0.88, h * 0.72]
    draw.rectangle(booth, fill=palette[1])
    draw.rectangle([booth[0], booth[1], booth[2], booth[1] + h * 0.12], fill=(20, 20, 28))
    text(draw, (w * 0.5, booth[1] + h * 0.06), caption, int(h * 0.06), fill=palette[2],
         fit=(booth[2] - booth[0]) * 0.92)
    for i in range(int(rng.integers(4, 9))):  # balloons
        x, y, r = w * float(rng.uniform(0.05, 0.95)), h * float(rng.uniform(0.08, 0.3)), w * 0.025
        draw.line([(x, y + r), (x, y + r * 4)], fill=(60, 60, 60), width=2)
        draw.ellipse([x - r, y - r * 1.2, x + r, y + r], fill=PALETTES[i % len(PALETTES)][2])
    draw.rectangle([w * 0.25, h * 0.58, w * 0.75, h * 0.64], fill=(240, 240, 240))  # counter
    _crowd(draw, rng, w, h, top=0.62, rows=2, phones=0.2, hands=0.25)
    return base


def poster(w: int, h: int, title: str, lines: list[str], palette, alpha: bool = False) -> Image.Image:
    base = gradient(w, h, palette[0], palette[1]).convert("RGBA")
    draw = ImageDraw.Draw(base)
    if alpha:  # a logo: transparent outside a rounded badge
        base = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(base)
        draw.rounded_rectangle([4, 4, w - 4, h - 4], radius=h // 4, fill=palette[1] + (255,))
    text(draw, (w * 0.5, h * (0.5 if alpha else 0.15)), title, int(h * (0.3 if alpha else 0.07)),
         fit=w * 0.9)
    for i, line in enumerate(lines):
        text(draw, (w * 0.5, h * (0.3 + 0.08 * i)), line, int(h * 0.045), fill=palette[2], bold=False)
    return base if alpha else base.convert("RGB")
