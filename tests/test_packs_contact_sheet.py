"""The pack's contact sheet is a document: every file name and credit (Latin, CJK, Arabic,
Devanagari, emoji) is text pdftotext finds, the fonts that draw them are embedded, emoji are in
colour, thumbnails are sRGB JPEGs in a document whose output intent is sRGB, and 100 entries stay small."""

import re
import shutil
import subprocess
import time

import numpy as np
import pytest
from PIL import Image

from liveassets.packs.contact_sheet import write_pdf

PDFTOTEXT, PDFTOPPM, PDFIMAGES, PDFFONTS = (shutil.which(t) for t in
                                           ("pdftotext", "pdftoppm", "pdfimages", "pdffonts"))
pytestmark = pytest.mark.skipif(not (PDFTOTEXT and PDFTOPPM and PDFIMAGES and PDFFONTS),
                                reason="poppler-utils not installed (.ci/run installs it)")

NAMES = ["IMG_0001.jpg", "東京ライブ_写真.jpg", "مرحبا_حفلة.jpg", "party 🎉👍🏽 night.jpg",
         "한국어_무대.png", "हिन्दी_मंच.jpg", "שלום_במה.mov"]
CREDITS = ["Photo: 王小明", "Photo: Nova 🎉", "تصوير: أحمد", None]
# pdftotext marks right-to-left runs with embedding controls; a search ignores them
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def photo(seed: int) -> Image.Image:
    """A 320x240 picture with photo-like detail (a Mandelbrot view), coloured per seed."""
    grey = Image.effect_mandelbrot((320, 240), (-2 + seed * 0.01, -1.2, 1, 1.2), 60)
    return Image.merge("RGB", (grey, grey.rotate(180), Image.linear_gradient("L").resize((320, 240))))


def entries(n: int) -> list[dict]:
    out = []
    for i in range(n):
        out.append({"file": NAMES[i] if i < len(NAMES) else f"photo_{i:03d}.jpg",
                    "status": ("cleared", "pending", "restricted", "internal")[i % 4],
                    "expires": "2026-03-01" if i % 5 == 0 else None,
                    "credit": CREDITS[i % len(CREDITS)], "asset": {}})
    return out


def pdf_text(path) -> str:
    out = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True)
    return BIDI_MARKS.sub("", out.stdout)


def test_every_name_and_credit_is_searchable_text(tmp_path):
    pdf = tmp_path / "sheet.pdf"
    assert write_pdf(pdf, entries(len(NAMES)), "Sydney Meetup 悉尼", lambda e: photo(1)) == 1
    text = pdf_text(pdf)
    # pdftotext puts a space where shaping moved a Devanagari vowel sign (हि न्दी): compare
    # without spaces, as a search that ignores them does
    squeezed = "".join(text.split())
    for name in NAMES:
        stem, _, ext = name.rpartition(".")
        for word in stem.split():                     # each word of the name is found
            assert word in squeezed, (name, word)
        assert ext in text
    assert "🎉👍🏽" in text                           # an emoji with a skin tone, whole
    for credit in filter(None, CREDITS):
        for word in credit.replace(":", " ").split():   # bidi may move the colon
            assert word in text, credit
    assert "悉尼" in text and "no credit line recorded" in text
    fonts = subprocess.run([PDFFONTS, str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert all(" yes " in r for r in rows)                      # every font embedded
    assert any("Type 3" in r for r in rows)                     # the colour emoji font


def test_hundred_entries_are_small_and_quick(tmp_path):
    pictures = iter([photo(i) for i in range(100)])     # all different: no picture is shared
    pdf = tmp_path / "sheet.pdf"
    started = time.perf_counter()
    pages = write_pdf(pdf, entries(100), "Pack", lambda e: next(pictures))
    took = time.perf_counter() - started
    assert pages == 5 and len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes())) == 5
    assert pdf.stat().st_size < 400_000, pdf.stat().st_size
    assert took < 10, took                  # ~0.5-2 s here (loading the CJK font dominates)
    listing = subprocess.run([PDFIMAGES, "-list", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert len(listing) == 100
    assert all(r.split()[5] == "rgb" and r.split()[8] == "jpeg" for r in listing)  # JPEGs ...
    data = pdf.read_bytes()
    assert b"/OutputIntents" in data and b"/DestOutputProfile" in data    # ... meant as sRGB
    assert b"sRGB IEC61966-2.1" in data
    text = pdf_text(pdf)
    assert all(f"photo_{i:03d}.jpg" in text for i in range(len(NAMES), 100))


def test_page_shows_colour_emoji_cjk_and_thumbnails(tmp_path):
    """Rendered as a reader shows it: the thumbnail's colour, colour emoji (also ❤️, whose
    heart DejaVu has in black) and dark CJK ink."""
    pdf = tmp_path / "sheet.pdf"
    blue = Image.new("RGB", (200, 150), (30, 60, 200))
    write_pdf(pdf, [{"file": "王.jpg", "status": "cleared", "expires": None,
                     "credit": "❤️❤️❤️ 🎉🎉🎉", "asset": {}}], "Sheet", lambda e: blue)
    subprocess.run([PDFTOPPM, "-r", "100", "-png", "-singlefile", str(pdf), str(tmp_path / "p")],
                   check=True)
    page = np.asarray(Image.open(tmp_path / "p.png").convert("RGB")).astype(int)
    assert abs(page.shape[1] / page.shape[0] - 210 / 297) < 0.01
    cell = page[: page.shape[0] // 4, : page.shape[1] // 4]       # the first cell
    blues = (abs(cell - (30, 60, 200)).max(axis=-1) < 12).sum()
    assert blues > 1000                                             # the thumbnail, its colour
    below = cell[int(cell.shape[0] * 0.75):]
    r, g, b = below[..., 0], below[..., 1], below[..., 2]
    assert ((r > 180) & (g < 90) & (b < 90)).sum() > 20             # red hearts, not black
    assert ((r > 180) & (g > 120) & (b < 100)).sum() > 5            # 🎉 in colour
    text = pdf_text(pdf)
    assert "王" in text and "❤️" in text and "🎉" in text
