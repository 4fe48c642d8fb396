"""contact_sheet.pdf: A4 portrait pages with a grid of upright thumbnails (poster frames for
videos), each with its file name, a coloured rights badge and the credit line.

Drawn with Pillow at 150 dpi and saved as a multi-page PDF (one JPEG image per page), so no
PDF library is needed; text is drawn at a readable 9-11 pt with media/text.py's fallback chain
(bundled DejaVu Sans, colour emoji, then system fonts for CJK and other scripts).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

from liveassets import clock
from liveassets.media.text import FontMissing
from liveassets.media.text import fonts as text_fonts

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


def render_pages(entries: list[dict], title: str, thumbnail: Callable[[dict], Image.Image | None],
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


def write_pdf(dest, entries: list[dict], title: str, thumbnail, tick=lambda: None) -> int:
    """Write the contact sheet to dest (a path or binary file); returns the page count.

    Pages are streamed to disk one at a time so a 500-asset pack never holds 25 pages in memory.
    """
    pages = render_pages(entries, title, thumbnail, tick)
    first = next(pages)
    count = page_count(len(entries))
    first.save(dest, "PDF", resolution=DPI, save_all=True, append_images=pages,
               title=title, creator="LiveAssets", producer="LiveAssets",
               creationDate=clock.now().timetuple(), quality=80)
    return count


class Thumbnails:
    """Upright thumbnails for the sheet: the catalog's cached ones, else made on the spot."""

    def __init__(self, catalog_folder, workdir: str | None = None, size: int = 220) -> None:
        self.folder = catalog_folder
        self.size = size
        self._tmp = workdir

    def __call__(self, entry: dict) -> Image.Image | None:
        asset = entry["asset"]
        cached = asset.get("thumbnail")
        if cached:
            path = os.path.join(self.folder, cached)
            try:
                with Image.open(path) as im:
                    im.draft("RGB", (self.size, self.size))
                    return im.convert("RGB")
            except OSError:
                pass  # cache gone or damaged: make one
        from liveassets.media.thumbs import make_thumbnail
        from liveassets.media.errors import MediaError

        with tempfile.TemporaryDirectory(dir=self._tmp) as tmp:
            dest = os.path.join(tmp, "thumb.jpg")
            try:
                if not make_thumbnail(asset["path"], asset.get("kind"), dest, self.size,
                                      int(asset.get("rotation") or 0)):
                    return None
                with Image.open(dest) as im:
                    return im.convert("RGB")
            except (MediaError, OSError):
                return None
