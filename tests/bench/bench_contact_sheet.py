"""The pack's contact sheet, as JSON: 100 entries with 100 different photo thumbnails and names
in Latin, CJK, Arabic and emoji, written as the fpdf2 document (`contact_sheet.write_pdf`)
against the previous raster writer (Pillow pages at 150 dpi saved as a PDF of JPEGs, kept
below unchanged as `previous_write_pdf`), measured in the same run: seconds and bytes.

Run: python tests/bench/bench_contact_sheet.py [--entries 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from liveassets import clock  # noqa: E402
from liveassets.media.text import FontMissing  # noqa: E402
from liveassets.media.text import fonts as text_fonts  # noqa: E402
from liveassets.packs.contact_sheet import write_pdf  # noqa: E402

NAMES = ["IMG_%04d.JPG", "王小明_%d 见面会.jpg", "Ana 🎉 stage %d.mov", "مرحبا_%d.jpg"]
CREDITS = ["Photo: Ana Lima 👍🏽", "摄影：李雷", "Foto: José 🇧🇷", "تصوير: أحمد", None]

# ---- the previous writer (liveassets/packs/contact_sheet.py before fpdf2), verbatim ----

DPI = 150
PAGE = (1240, 1754)  # A4 portrait at 150 dpi
MARGIN = 70
COLUMNS, ROWS = 4, 5
PER_PAGE = COLUMNS * ROWS
HEADER = 90
BADGE_COLOURS = {"cleared": (46, 139, 87), "internal": (52, 101, 164),
                 "pending": (214, 140, 0), "restricted": (190, 40, 40),
                 "unknown": (120, 120, 120)}


class _Font:
    """A size of the text fallback chain; without the bundled font (a broken install) Pillow's
    own default font still makes a (plainer, Latin-only) sheet."""

    def __init__(self, size: int, bold: bool = False) -> None:
        self.px = size
        try:
            self.chain = text_fonts(bold)
        except FontMissing:
            self.chain, self.plain = None, ImageFont.load_default(size)

    def length(self, text: str) -> float:
        if self.chain is None:
            return ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=self.plain)
        return self.chain.length(text, self.px)

    def draw(self, page, xy, text: str, fill, anchor: str = "la") -> None:
        if self.chain is None:
            ImageDraw.Draw(page).text(xy, text, fill=fill, font=self.plain, anchor=anchor)
        else:
            self.chain.draw(page, xy, text, self.px, fill, anchor)


def _font(size: int, bold: bool = False) -> _Font:
    return _Font(size, bold)


def page_count(n: int) -> int:
    return max(1, -(-n // PER_PAGE))


def previous_render_pages(entries: list[dict], title: str, thumbnail: Callable[[dict], Image.Image | None],
                 tick: Callable[[], None] = lambda: None):
    """Yield the pages (PIL images). entries: dicts with file, status, expires, credit, asset."""
    fonts = {"title": _font(30, bold=True), "small": _font(18), "name": _font(17, bold=True),
             "badge": _font(16, bold=True)}
    cell_w = (PAGE[0] - 2 * MARGIN) // COLUMNS
    cell_h = (PAGE[1] - 2 * MARGIN - HEADER) // ROWS
    box = min(cell_w - 20, cell_h - 100)  # square thumbnail area; text below it
    pages = page_count(len(entries))
    for number in range(pages):
        page = Image.new("RGB", PAGE, "white")
        draw = ImageDraw.Draw(page)
        fonts["title"].draw(page, (MARGIN, MARGIN), title, "black")
        fonts["small"].draw(page, (PAGE[0] - MARGIN, MARGIN + 8), f"page {number + 1} of {pages}",
                            "grey", anchor="ra")
        chunk = entries[number * PER_PAGE:(number + 1) * PER_PAGE]
        for index, entry in enumerate(chunk):
            x = MARGIN + (index % COLUMNS) * cell_w + 10
            y = MARGIN + HEADER + (index // COLUMNS) * cell_h
            _cell(page, draw, fonts, entry, thumbnail(entry), x, y, box, cell_w - 20)
            tick()
        yield page


def _cell(page, draw, fonts, entry, thumb, x, y, box, text_w) -> None:
    bx = x + (text_w - box) // 2
    draw.rectangle((bx, y, bx + box, y + box), fill=(236, 236, 236))
    if thumb is not None:
        thumb = thumb.convert("RGB")
        thumb.thumbnail((box, box), Image.Resampling.BILINEAR)
        page.paste(thumb, (bx + (box - thumb.width) // 2, y + (box - thumb.height) // 2))
    else:
        fonts["small"].draw(page, (bx + box // 2, y + box // 2), "no preview", "grey", anchor="mm")
    ty = y + box + 8
    fonts["name"].draw(page, (x, ty), _fit(entry["file"], fonts["name"], text_w), "black")
    status = entry.get("status") or "unknown"
    label = status.upper() + (f" until {entry['expires']}" if entry.get("expires") else "")
    width = fonts["badge"].length(label) + 16
    draw.rounded_rectangle((x, ty + 28, x + width, ty + 54), radius=6,
                           fill=BADGE_COLOURS.get(status, BADGE_COLOURS["unknown"]))
    fonts["badge"].draw(page, (x + 8, ty + 41), label, "white", anchor="lm")
    credit = entry.get("credit") or "no credit line recorded"
    fonts["small"].draw(page, (x, ty + 62), _fit(credit, fonts["small"], text_w), (60, 60, 60))


def _fit(text: str, font: _Font, width: int) -> str:
    """text on one line, cut between grapheme clusters with an ellipsis to fit width pixels
    (newlines become spaces)."""
    text = " ".join(str(text).split())
    if font.chain is not None:
        return font.chain.fit(text, font.px, width)
    if font.length(text) <= width:
        return text
    while text and font.length(text + "…") > width:
        text = text[:-1]
    return text + "…"


def previous_write_pdf(dest, entries: list[dict], title: str, thumbnail, tick=lambda: None) -> int:
    """Write the contact sheet to dest (a path or binary file); returns the page count.

    Pages are streamed to disk one at a time so a 500-asset pack never holds 25 pages in memory.
    """
    pages = previous_render_pages(entries, title, thumbnail, tick)
    first = next(pages)
    count = page_count(len(entries))
    first.save(dest, "PDF", resolution=DPI, save_all=True, append_images=pages,
               title=title, creator="LiveAssets", producer="LiveAssets",
               creationDate=clock.now().timetuple(), quality=80)
    return count


# ---- the bench ----


def photo(seed: int) -> Image.Image:
    """A 320x240 picture with photo-like detail (a Mandelbrot view), different per seed."""
    grey = Image.effect_mandelbrot((320, 240), (-2 + seed * 0.01, -1.2, 1, 1.2), 60)
    return Image.merge("RGB", (grey, grey.rotate(180), Image.linear_gradient("L").resize((320, 240))))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pictures = [photo(i) for i in range(args.entries)]
    entries = [{"file": NAMES[i % 4] % i, "status": ("cleared", "pending", "internal")[i % 3],
                "expires": None, "credit": CREDITS[i % 5], "asset": {"n": i}}
               for i in range(args.entries)]

    def thumb(e):
        return pictures[e["asset"]["n"]]

    def run(writer):
        times, size = [], 0
        for _ in range(args.repeat):
            out = io.BytesIO()
            t = time.perf_counter()
            writer(out, entries, "LIVE Creator Meetup 见面会 🎉", thumb)
            times.append(time.perf_counter() - t)
            size = len(out.getvalue())
        return statistics.median(times), size

    run(write_pdf)                    # warm-up: imports, font files read once
    new_s, new_b = run(write_pdf)
    old_s, old_b = run(previous_write_pdf)
    print(json.dumps({
        "load_average_1min": round(os.getloadavg()[0], 2), "cpus": os.cpu_count(),
        "entries": args.entries, "pdf_fpdf2_s": round(new_s, 4), "pdf_fpdf2_bytes": new_b,
        "baseline_previous_raster_s": round(old_s, 4), "baseline_previous_raster_bytes": old_b,
        "time_ratio_new_over_previous": round(new_s / old_s, 2),
        "size_ratio_new_over_previous": round(new_b / old_b, 3)}, indent=1))


if __name__ == "__main__":
    main()
