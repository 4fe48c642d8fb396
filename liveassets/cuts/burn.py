"""Timed captions burned into the render: each cue drawn once (media/text.py's fallback chain,
so emoji come in colour and CJK from a system font) on a soft dark band, centred at the bottom
of the text-safe box (above the plan's fixed caption band when there is one), and blended over
the frames of its time only. Cues that overlap in time are stacked in one band, earlier first,
as a player stacks them."""

from __future__ import annotations

import bisect
from collections import OrderedDict

from PIL import Image, ImageDraw

from liveassets.cuts.frames import safe_box
from liveassets.cuts.stills import Overlay, font
from liveassets.cuts.subtitles import Cue

# Text size as a share of the frame width: 0.045 x 1080 = 49 px, the size of TikTok's and Reels'
# own caption stickers measured on 1080x1920 screenshots (about 46-52 px); shrunk to at most
# MAX_ROWS rows in the safe box, never below MIN_SCALE (30 px at 1080: ~41 characters a row
# in the 768 px safe width, so a 42-character caption line still takes one row).
SCALE, MIN_SCALE = 0.045, 0.028
MAX_ROWS = 4
GAP = 0.01  # of the frame height, between the caption band and the fixed caption below it


class CaptionTrack:
    """The cues of a cut, ready to blend: `at(i)` is the list of overlays for frame i (empty
    or one). Bands are drawn when first shown and kept (a few dozen per cut)."""

    def __init__(self, size: tuple[int, int], cues: list[Cue], fps: float,
                 bottom: int | None = None):
        self.size, self.fps = size, float(fps)
        self.spans = sorted((round(c.start * self.fps), round(c.end * self.fps), c.text)
                            for c in cues)
        self._starts = [f0 for f0, _, _ in self.spans]
        self._longest = max((f1 - f0 for f0, f1, _ in self.spans), default=0)
        self.bottom = bottom if bottom is not None else safe_box(size)[3]
        self._bands: OrderedDict[tuple[int, ...], Overlay] = OrderedDict()

    def __bool__(self) -> bool:
        return bool(self.spans)

    def showing(self, i: int) -> tuple[int, ...]:
        """Indexes of the cues on screen at frame i (start frame included, end excluded)."""
        # only cues that started within the longest cue's length can still show: a look at a
        # few cues per frame, not all of them (2,000 cues x 18,000 frames otherwise)
        lo = bisect.bisect_right(self._starts, i - self._longest)
        hi = bisect.bisect_right(self._starts, i)
        return tuple(k for k in range(lo, hi) if self.spans[k][1] > i)

    def at(self, i: int) -> list[Overlay]:
        """The overlays to blend over frame i (0-based frame of the render): [] or one band
        holding every cue showing then."""
        keys = self.showing(i)
        if not keys:
            return []
        band = self._bands.get(keys)
        if band is None:
            band = self._bands[keys] = band_overlay(self.size, [self.spans[k][2] for k in keys],
                                                    self.bottom)
            if len(self._bands) > 64:
                self._bands.popitem(last=False)
        return [band]


def layout(size: tuple[int, int], texts: list[str]) -> tuple[int, list[str]]:
    """(px, rows): the texts wrapped to the safe box width at the largest size from SCALE down
    to MIN_SCALE of the frame width that gives at most MAX_ROWS rows (at MIN_SCALE, whatever
    it takes: validate() keeps a cue's text short enough)."""
    x0, _, x1, _ = safe_box(size)
    fnt = font()
    px = max(8, round(size[0] * SCALE))
    low = max(8, round(size[0] * MIN_SCALE))
    while True:
        pad = max(2, px // 3)
        rows = [row for text in texts for row in fnt.wrap(text, px, (x1 - x0) - 2 * pad)]
        if len(rows) <= MAX_ROWS or px <= low:
            return px, rows
        px = max(low, int(px * 0.9))


def band_overlay(size: tuple[int, int], texts: list[str], bottom: int) -> Overlay:
    """The texts in white on a rounded dark band as wide as the widest row, centred in the
    safe box with its lower edge at `bottom` (pixels from the top)."""
    x0, y0, x1, _ = safe_box(size)
    fnt = font()
    px, rows = layout(size, texts)
    pad = max(2, px // 3)
    step = round(px * 1.25)
    width = min(x1 - x0, round(max(fnt.length(r, px) for r in rows)) + 2 * pad)
    height = step * len(rows) + 2 * pad
    im = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(im).rounded_rectangle((0, 0, width - 1, height - 1), radius=pad,
                                         fill=(0, 0, 0, 150))
    for n, row in enumerate(rows):
        fnt.draw(im, (width // 2, pad + n * step + step // 2), row, px, (255, 255, 255, 255),
                 anchor="mm")
    top = max(y0, bottom - height)
    return Overlay(im, (x0 + x1) // 2 - width // 2, top)


def track_for(plan, size: tuple[int, int], fps: float, fixed_band: Overlay | None) -> CaptionTrack:
    """The plan's captions as shown (caption_map.shown: none past the recap's end, the same
    cues the .srt sidecar holds) as a track for a render of `size`; above `fixed_band` (the
    plan's one-line caption overlay) when given."""
    from liveassets.cuts.caption_map import shown

    bottom = None
    if fixed_band is not None:
        bottom = fixed_band.y - round(size[1] * GAP)
    return CaptionTrack(size, shown(plan), fps, bottom)
