"""contact_sheet.pdf: A4 portrait pages with a grid of upright sRGB thumbnails (poster frames
for videos), each with its file name, a coloured rights badge and the credit line, written with
fpdf2 as a document: names and credits are real text (searchable, copyable), drawn with
media/text.py's fallback chain of fonts (bundled DejaVu Sans, Noto Color Emoji, then the
installed font that has each script: CJK, Arabic, Devanagari, ...), embedded as subsets.

Emoji are colour: fpdf2 embeds Noto Color Emoji's CBDT bitmaps as a Type 3 font, so they are
text (pdftotext finds them) and draw in colour. Arabic and Hebrew are shaped and laid out right
to left by HarfBuzz (uharfbuzz) when it is installed; without it the letters stay unjoined.
Thumbnails are sRGB JPEGs (converted by media/pictures.py) and the document's output intent is
the sRGB ICC profile, so a colour-managed viewer shows the colours a browser would.

Measured (tests/bench/bench_contact_sheet.py, 100 different photos, 2 cores at load 3): 0.85 s
and 307 kB, against 0.31 s and 1.19 MB for the previous raster pages; reading the CJK font file
is ~40% of the time.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable

from PIL import Image, ImageCms

from liveassets import clock
from liveassets.catalog.channels import describe
from liveassets.media.pdf_fonts import PdfFonts
from liveassets.media.pictures import to_srgb
from liveassets.safe_paths import readable

PAGE_MM = (210.0, 297.0)  # A4 portrait
MARGIN = 12.0
HEADER = 14.0
COLUMNS, ROWS = 4, 5
PER_PAGE = COLUMNS * ROWS
# Thumbnail JPEGs: 144 px long edge (~95 dpi in the 38 mm box) at quality 68 are ~3.5 kB for
# the demo photos (160 px at 70: 4.1 kB), so 100 entries with their fonts stay under 400 kB.
THUMB_PX = 144
JPEG_QUALITY = 68
BADGE_COLOURS = {"cleared": (46, 139, 87), "internal": (52, 101, 164),
                 "pending": (214, 140, 0), "restricted": (190, 40, 40),
                 "unknown": (120, 120, 120)}
_SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def page_count(n: int) -> int:
    return max(1, -(-n // PER_PAGE))


def _jpeg(im: Image.Image) -> io.BytesIO:
    """An upright thumbnail as a small sRGB JPEG (no profile of its own: the document's sRGB
    output intent says what its RGB means, once instead of 588 bytes a picture)."""
    im = to_srgb(im).convert("RGB")
    im.thumbnail((THUMB_PX, THUMB_PX), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    out.seek(0)
    return out


def write_pdf(dest, entries: list[dict], title: str, thumbnail: Callable[[dict], Image.Image | None],
              tick: Callable[[], None] = lambda: None) -> int:
    """Write the contact sheet to dest (a path or binary file); returns the page count.
    entries: dicts with file, status, expires, credit, asset (and channels: the set a rights
    limit allows, catalog.channels; absent or None for every channel), shown on a line of
    its own;
    thumbnail(entry) gives a PIL image or None ("no preview"); tick() is called after each entry (it may raise to cancel)."""
    from fpdf import FPDF
    from fpdf.enums import OutputIntentSubType
    from fpdf.output import PDFICCProfile

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0           # text starts where the badge and thumbnail start
    pdf.set_title(readable(title))
    pdf.set_creator("LiveAssets")
    pdf.set_producer("LiveAssets")
    pdf.set_creation_date(clock.now())   # the app's one clock (tests pin it)
    # The pictures' RGB is sRGB: say so once for the document (ISO 32000-1 section 14.11.5,
    # output intents; PDF/A uses the same), so colour-managed viewers show them as browsers do.
    pdf.add_output_intent(OutputIntentSubType.PDFA, "sRGB IEC61966-2.1", "sRGB",
                          "http://www.color.org",
                          PDFICCProfile(contents=_SRGB_ICC, n=3, alternate="DeviceRGB"),
                          "sRGB IEC61966-2.1")
    texts = [title] + [str(e.get("file") or "") for e in entries] + \
        [str(e.get("credit") or "") for e in entries]
    fonts = PdfFonts(pdf, texts)
    cell_w = (PAGE_MM[0] - 2 * MARGIN) / COLUMNS
    cell_h = (PAGE_MM[1] - 2 * MARGIN - HEADER) / ROWS
    # Square thumbnail area; three lines of text below (name, badge, credit), a fourth when a
    # file is limited to some channels (in the badge it cut off the expiry: "CLEARED until 2…").
    limited = any(e.get("channels") is not None for e in entries)
    box = min(cell_w - 4, cell_h - (21 if limited else 17))
    pages = page_count(len(entries))
    for number in range(pages):
        pdf.add_page()
        pdf.set_text_color(0)
        pdf.set_xy(MARGIN, MARGIN)
        head_w = PAGE_MM[0] - 2 * MARGIN - 32
        fonts.line(fonts.fit(title, 15, head_w, True), 15, head_w, 8, bold=True)
        fonts.use(9)
        pdf.set_text_color(128)
        pdf.set_xy(PAGE_MM[0] - MARGIN - 30, MARGIN + 1)
        pdf.cell(30, 6, f"page {number + 1} of {pages}", align="R")
        chunk = entries[number * PER_PAGE:(number + 1) * PER_PAGE]
        for index, entry in enumerate(chunk):
            x = MARGIN + (index % COLUMNS) * cell_w + 2
            y = MARGIN + HEADER + (index // COLUMNS) * cell_h
            _cell(pdf, fonts, entry, thumbnail(entry), x, y, box, cell_w - 4)
            tick()
    pdf.output(dest)
    return pages


def _cell(pdf, fonts: PdfFonts, entry: dict, thumb, x: float, y: float, box: float,
          text_w: float) -> None:
    bx = x + (text_w - box) / 2
    pdf.set_fill_color(236, 236, 236)
    pdf.rect(bx, y, box, box, style="F")
    if thumb is not None:
        data = _jpeg(thumb)
        w, h = thumb.size
        scale = box / max(w, h)
        iw, ih = w * scale, h * scale
        pdf.image(data, bx + (box - iw) / 2, y + (box - ih) / 2, iw, ih)
    else:
        fonts.use(8)
        pdf.set_text_color(128)
        pdf.set_xy(bx, y + box / 2 - 3)
        pdf.cell(box, 6, "no preview", align="C")
    ty = y + box + 1.2
    pdf.set_text_color(0)
    pdf.set_xy(x, ty)
    fonts.line(fonts.fit(entry["file"], 8.5, text_w, bold=True), 8.5, text_w, 4.5, bold=True)
    status = entry.get("status") or "unknown"
    label = status.upper() + (f" until {entry['expires']}" if entry.get("expires") else "")
    label = fonts.fit(label, 7.5, text_w - 3, bold=True)
    width = fonts.width(label, 7.5, bold=True) + 3
    pdf.set_fill_color(*BADGE_COLOURS.get(status, BADGE_COLOURS["unknown"]))
    pdf.rect(x, ty + 5, width, 4.4, style="F", round_corners=True, corner_radius=1)
    fonts.use(7.5, bold=True)
    pdf.set_text_color(255)
    pdf.set_xy(x + 1.5, ty + 5)
    pdf.cell(width - 3, 4.4, label)
    credit = entry.get("credit") or "no credit line recorded"
    pdf.set_text_color(60)
    pdf.set_xy(x, ty + 10)
    fonts.line(fonts.fit(credit, 8, text_w), 8, text_w, 4.5)
    if entry.get("channels") is not None:  # a set of platform ids: the designer must know
        pdf.set_xy(x, ty + 14.5)
        text = describe(entry["channels"])   # "TikTok, Instagram and YouTube only" fits
        pdf.set_text_color(0)
        fonts.line(fonts.fit(text, 6.5, text_w), 6.5, text_w, 4)


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
                    return to_srgb(im).convert("RGB")
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
