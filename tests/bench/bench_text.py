"""Text drawing speed: the contact sheet's text (file names, rights badges, credits with emoji,
CJK and Hebrew, 5 pages of 20 cells) and a 1080x1920 title card with its caption, drawn with the
font-fallback chain (media/text.py), against Pillow's plain one-font ImageDraw.text of the same
strings (what was drawn before: boxes for emoji and CJK) measured in the same run.

Run: python tests/bench/bench_text.py [--repeat 5]
Font lookups are warmed once first (a process draws many sheets and cards); the cold first
lookup is reported on its own.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from liveassets.cuts.stills import caption_overlay, card_frame  # noqa: E402
from liveassets.media import text as T  # noqa: E402
from liveassets.packs.contact_sheet import write_pdf  # noqa: E402
from liveassets.resources import resource_path  # noqa: E402

NAMES = ["IMG_%04d.JPG", "王小明_%d 见面会.jpg", "Ana 🎉 stage %d.mov", "שלום_%d.heic"]
CREDITS = ["Photo: Ana Lima 👍🏽", "摄影：李雷", "Foto: José 🇧🇷", "no credit line recorded"]
TITLE = "LIVE Creator Meetup 见面会 🎉🇦🇺"
CAPTION = "Thanks Sydney 👩🏽‍💻 王小明 and everyone who came ✨"


def entries(n: int = 100) -> list[dict]:
    return [{"file": NAMES[i % 4] % i, "status": "cleared", "expires": None,
             "credit": CREDITS[i % 4], "asset": {}} for i in range(n)]


def sheet_fallback(items) -> None:
    """The contact sheet as it is made now: a PDF with embedded fallback fonts (fpdf2)."""
    import io

    write_pdf(io.BytesIO(), items, "Pack 🎬 见面会", lambda e: None)


def sheet_plain(items) -> None:
    """The same pages' text with one font and ImageDraw.text (the baseline)."""
    bold = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans-Bold.ttf")), 17)
    small = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans.ttf")), 18)
    for start in range(0, len(items), 20):
        page = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(page)
        draw.text((70, 70), "Pack 🎬 见面会", font=bold, fill="black")
        for i, e in enumerate(items[start:start + 20]):
            x, y = 80 + (i % 4) * 275, 160 + (i // 4) * 300
            draw.rectangle((x, y, x + 200, y + 200), fill=(236, 236, 236))
            draw.text((x, y + 208), e["file"], font=bold, fill="black")
            draw.text((x, y + 236), "CLEARED", font=bold, fill="white")
            draw.text((x, y + 270), e["credit"], font=small, fill=(60, 60, 60))


def card_fallback() -> None:
    card_frame((1080, 1920), TITLE)
    caption_overlay((1080, 1920), CAPTION)


def card_plain() -> None:
    font = ImageFont.truetype(str(resource_path("fonts", "DejaVuSans-Bold.ttf")), 81)
    im = Image.new("RGB", (1080, 1920))
    ImageDraw.Draw(im).text((540, 960), TITLE, font=font, fill="white", anchor="mm")
    band = Image.new("RGBA", (972, 120))
    ImageDraw.Draw(band).text((486, 60), CAPTION, font=font.font_variant(size=45),
                              fill="white", anchor="mm")


def median_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    items = entries()
    t = time.perf_counter()
    T.fonts(False).length("".join(e["file"] + e["credit"] for e in items) + TITLE + CAPTION, 17)
    cold = time.perf_counter() - t
    sheet = median_of(lambda: sheet_fallback(items), args.repeat)
    sheet0 = median_of(lambda: sheet_plain(items), args.repeat)
    card = median_of(card_fallback, args.repeat)
    card0 = median_of(card_plain, args.repeat)
    print(json.dumps({
        "layout": T.layout_engine(), "first_lookup_s": round(cold, 4),
        "contact_sheet_5_pages_s": round(sheet, 4), "baseline_plain_text_5_pages_s":
            round(sheet0, 4), "sheet_ratio": round(sheet / sheet0, 2),
        "card_and_caption_1080p_s": round(card, 4), "baseline_plain_card_s": round(card0, 4),
        "card_ratio": round(card / card0, 2)}, indent=1))


if __name__ == "__main__":
    main()
