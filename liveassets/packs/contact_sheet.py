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
from liveassets.media.pictures import to_srgb
from liveassets.media import bidi
from liveassets.media.text import EMOJI_CLUSTER, FontMissing, clusters
from liveassets.media.text import fonts as text_fonts
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
_PT_MM = 25.4 / 72
_MEASURE_PX = 100          # the fallback chain measures at this pixel size; scaled to points


def page_count(n: int) -> int:
    return max(1, -(-n // PER_PAGE))


class _Fonts:
    """The fpdf2 fonts for the sheet: one family per font file the fallback chain picks for
    the text on it, the bundled DejaVu first; widths come from the same chain (Pillow), so
    cutting a name to its column agrees with what is drawn."""

    def __init__(self, pdf, texts: list[str]) -> None:
        self.pdf = pdf
        try:
            self.chains = {False: text_fonts(False), True: text_fonts(True)}
        except FontMissing:
            self.chains = None
        if self.chains is None:   # a broken install: the PDF core font, Latin only
            self.family = "helvetica"
            return
        self.family = "main"
        pdf.add_font("main", "", self.chains[False].main.path)
        pdf.add_font("main", "B", self.chains[True].main.path)
        # one fallback family per font the chain picks, its bold style from the bold chain
        families: dict[str, tuple] = {}
        mains = (self.chains[False].main, self.chains[True].main)
        for text in texts:
            for cluster in clusters(text):
                regular = self.chains[False].face_for(cluster)
                if regular is None or regular in mains or regular.path in families:
                    continue
                bold = self.chains[True].face_for(cluster)
                families[regular.path] = (regular, bold if bold not in (None, *mains) else regular)
        fallbacks = []
        self.emoji_family = None
        for i, (regular, bold) in enumerate(families.values()):
            name = f"f{i}"
            if regular == self.chains[False].emoji:
                self.emoji_family = name
            try:
                pdf.add_font(name, "", regular.path, collection_font_number=regular.index)
                if bold != regular:   # else bold text uses the regular face (exact_match off)
                    pdf.add_font(name, "B", bold.path, collection_font_number=bold.index)
            except Exception:  # noqa: BLE001 - a font fpdf2 cannot embed: that text is boxes
                continue
            fallbacks.append(name)
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
        try:
            pdf.set_text_shaping(True)   # HarfBuzz: joined Arabic, conjuncts, right to left
        except Exception:  # noqa: BLE001 - uharfbuzz missing: unshaped text, still searchable
            pass

    def use(self, size_pt: float, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size_pt)

    def line(self, text: str, size_pt: float, width: float, height: float,
             bold: bool = False, align: str = "L") -> None:
        """One line of (fitted) text at the current position. fpdf2 falls back per character,
        so an emoji whose first character a text font also has (❤️, ❤️‍🔥, ✔️) would be drawn
        by DejaVu in black, or in parts: emoji clusters go to the colour font as runs of their
        own. Text with right-to-left letters stays one run (fpdf2 lays out its bidi)."""
        pdf = self.pdf
        runs = self._runs(text, bold)
        if len(runs) <= 1 or align != "L":
            self.use(size_pt, bold)
            pdf.cell(width, height, text, align=align)
            return
        for family, run in runs:
            pdf.set_font(family, "B" if bold and family == self.family else "", size_pt)
            pdf.cell(pdf.get_string_width(run), height, run)

    def _runs(self, text: str, bold: bool) -> list[tuple[str, str]]:
        """text as (font family, run) pieces: emoji clusters in the colour font, the rest in
        the main family (with its fallbacks); one piece when there is nothing to split."""
        if self.chains is None or self.emoji_family is None:
            return [(self.family, text)]
        chain = self.chains[bold]
        parts = clusters(text)
        if bidi.levels(parts) is not None:
            return [(self.family, text)]
        runs: list[tuple[str, str]] = []
        for cluster in parts:
            emoji = EMOJI_CLUSTER.search(cluster) and chain.face_for(cluster) == chain.emoji
            family = self.emoji_family if emoji else self.family
            if runs and runs[-1][0] == family:
                runs[-1] = (family, runs[-1][1] + cluster)
            else:
                runs.append((family, cluster))
        return runs

    def width(self, text: str, size_pt: float, bold: bool = False) -> float:
        """Width of text in mm at size_pt."""
        if self.chains is None:
            self.use(size_pt, bold)
            return self.pdf.get_string_width(text)
        return self.chains[bold].length(text, _MEASURE_PX) / _MEASURE_PX * size_pt * _PT_MM

    def fit(self, text: str, size_pt: float, width_mm: float, bold: bool = False) -> str:
        """text on one line, cut between grapheme clusters with an ellipsis to fit width_mm."""
        text = " ".join(readable(text).split())
        if self.chains is None:
            text = text.encode("latin-1", "replace").decode("latin-1")
            while text and self.width(text + "...", size_pt, bold) > width_mm:
                text = text[:-1]
            return text
        px = width_mm / (size_pt * _PT_MM) * _MEASURE_PX
        return self.chains[bold].fit(text, _MEASURE_PX, px)


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
    entries: dicts with file, status, expires, credit, asset; thumbnail(entry) gives a PIL
    image or None ("no preview"); tick() is called after each entry (it may raise to cancel)."""
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
    fonts = _Fonts(pdf, texts)
    cell_w = (PAGE_MM[0] - 2 * MARGIN) / COLUMNS
    cell_h = (PAGE_MM[1] - 2 * MARGIN - HEADER) / ROWS
    box = min(cell_w - 4, cell_h - 17)     # square thumbnail area; three lines of text below
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


def _cell(pdf, fonts: _Fonts, entry: dict, thumb, x: float, y: float, box: float,
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
