"""Text drawn into pictures: colour emoji (ZWJ sequences, skin tones, flags, keycaps) and
other scripts (CJK, Thai, Devanagari from system fonts; Arabic and Hebrew from the bundled
DejaVu) in title cards, burned-in captions and the contact sheet, wrapping that never splits a
grapheme cluster, and the warning naming each character no font can draw."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from liveassets.cuts.frames import safe_box, to_rgb
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.stills import caption_overlay, card_frame
from liveassets.cuts.validate import blocking, validate
from liveassets.media import text as T

EMOJI = {"face": "😀", "zwj and tone": "👩🏽\u200d💻", "skin tone": "👍🏽",
         "flag": "🇯🇵", "keycap": "1\ufe0f\u20e3", "rainbow flag": "🏳\ufe0f\u200d🌈"}
CARD = (360, 640)


def system_face(sample: str) -> T.Face:
    """The font the chain picks for sample; skips when only the bundled fonts are installed."""
    face = T.fonts(True).face_for(sample)
    if face is None or face == T.fonts(True).main:
        pytest.skip(f"no installed font draws {sample!r} (CI installs fonts-wqy-microhei and "
                    "fonts-noto-ui-core; see .ci/run)")
    return face


def saturation(rgb: np.ndarray) -> np.ndarray:
    rgb = rgb[..., :3].astype(int)
    return rgb.max(axis=-1) - rgb.min(axis=-1)


def ink(mask: np.ndarray) -> np.ndarray:
    """The part of a boolean mask that holds ink, cropped to its bounding box."""
    ys, xs = np.nonzero(mask)
    assert len(xs), "nothing was drawn"
    return mask[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def likeness(a: np.ndarray, b: np.ndarray) -> float:
    """Overlap (intersection over union) of two cropped glyph masks, b resized to a's size;
    0 when their sizes differ by more than two pixels."""
    if abs(a.shape[0] - b.shape[0]) > 2 or abs(a.shape[1] - b.shape[1]) > 2:
        return 0.0
    b = np.asarray(Image.fromarray(b.astype(np.uint8) * 255).resize(a.shape[::-1])) > 127
    return (a & b).sum() / max(1, (a | b).sum())


def reference(face_path: str, index: int, sample: str, px: int) -> np.ndarray:
    """sample as Pillow draws it with one font (the fallback's or DejaVu's .notdef box)."""
    font = ImageFont.truetype(face_path, px, index=index,
                              layout_engine=ImageFont.Layout.RAQM if T.layout_engine() == "raqm"
                              else ImageFont.Layout.BASIC)
    im = Image.new("L", (px * 4, px * 3), 0)
    ImageDraw.Draw(im).text((px, px * 2), sample, font=font, fill=255, anchor="ls")
    return ink(np.asarray(im) > 127)


def notdef(sample: str, px: int) -> np.ndarray:
    return reference(T.fonts(True).main.path, 0, sample, px)


def card_rgb(text: str, **kw) -> np.ndarray:
    return to_rgb(card_frame(CARD, text, **kw))


def card_px() -> int:
    return max(10, round(CARD[0] * 0.075))


# -- colour emoji ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(EMOJI))
def test_title_card_draws_each_emoji_sequence_as_one_colour_picture(name):
    rgb = card_rgb(EMOJI[name], color="#000000")
    coloured = saturation(rgb) > 60
    # The .notdef box is drawn in the text colour (white on black): no colour at all.
    assert coloured.sum() > card_px() ** 2 * 0.15, f"{name}: no colour where the emoji is"
    # One picture, not one per code point: a family is one glyph, the skin tone is not a
    # separate swatch, the flag is not two letters, the keycap is not "1" plus a box.
    ys, xs = np.nonzero((rgb.astype(int).sum(axis=-1)) > 60)
    width = xs.max() - xs.min() + 1
    assert width < card_px() * 1.5, f"{name} drawn {width} px wide, more than one emoji"


def test_emoji_width_is_that_of_one_emoji_whatever_the_sequence():
    chain = T.fonts(True)
    one = chain.length(EMOJI["face"], 40)
    assert one == pytest.approx(40 * 1.245, rel=0.05)  # Noto Color Emoji's advance, measured
    family = "👩\u200d👩\u200d👧"  # drawn in greys by Noto, so only its width is checked
    for name, seq in [*EMOJI.items(), ("family", family)]:
        assert chain.length(seq, 40) == pytest.approx(one, abs=1), name


def test_text_style_symbols_stay_in_the_text_font_and_emoji_style_ones_turn_colour():
    chain = T.fonts(False)
    assert chain.face_for("©") == chain.main  # text presentation by default (UTS #51)
    assert chain.face_for("\u2764\ufe0f").color  # ❤️ asked for as emoji


def test_burned_in_caption_draws_emoji_in_colour_beside_text():
    overlay = caption_overlay(CARD, "Thanks Sydney 🇦🇺 👍🏽")
    sat = saturation(overlay.rgba)
    assert (sat > 60).sum() > 30  # the flag and the hand are in colour
    white = (overlay.rgba[..., :3].min(axis=-1) > 200) & (overlay.rgba[..., 3] > 200)
    assert white.sum() > 50  # the words are still white


# -- other scripts --------------------------------------------------------------------------
@pytest.mark.parametrize("sample", ["中", "あ", "한", "ก", "क"])
def test_title_card_draws_other_scripts_with_the_fallback_font_not_boxes(sample):
    face = system_face(sample)
    px = card_px()
    rgb = card_rgb(sample)
    drawn = ink(rgb.astype(int).sum(axis=-1) > 3 * 127)
    want = reference(face.path, face.index, sample, px)
    assert likeness(drawn, want) > 0.8
    assert likeness(drawn, notdef(sample, px)) < 0.5


def test_burned_in_caption_draws_cjk_with_the_fallback_font():
    face = system_face("字")
    overlay = caption_overlay(CARD, "字")
    px = max(8, round(CARD[0] * 0.042))
    rgba = overlay.rgba.astype(int)
    white = (rgba[..., :3].sum(axis=-1) > 3 * 160) & (rgba[..., 3] > 160)
    drawn = ink(white)
    assert likeness(drawn, reference(face.path, face.index, "字", px)) > 0.7
    assert likeness(drawn, notdef("字", px)) < 0.5


def test_arabic_is_joined_and_hebrew_runs_right_to_left_with_the_bundled_font():
    chain = T.fonts(False)
    assert chain.face_for("م") == chain.main and chain.face_for("ש") == chain.main
    if T.layout_engine() != "raqm":
        pytest.skip("Pillow was built without libraqm: no shaping or bidi (README says so)")
    word = "مرحبا"
    assert chain.length(word, 40) < sum(chain.length(c, 40) for c in word) * 0.9  # joined
    # "אב": alef is read first, so a reader finds it at the right end.
    both = chain.render("אב", 40, "white").image.getchannel("A")
    alef = ink(np.asarray(chain.render("א", 40, "white").image.getchannel("A")) > 127)
    right = ink(np.asarray(both) > 127)[:, -alef.shape[1]:]
    assert likeness(right, alef) > 0.8


def test_contact_sheet_names_and_credits_in_cjk_and_emoji(tmp_path):
    """The contact sheet is a PDF now: the font the chain picks for 王 is the one embedded for
    the name, and the credit's emoji render in colour (pdftoppm draws the page)."""
    import shutil
    import subprocess

    from liveassets.packs.contact_sheet import write_pdf

    face = system_face("王")
    if not (shutil.which("pdftoppm") and shutil.which("pdffonts")):
        pytest.skip("poppler-utils not installed (.ci/run installs it)")
    entries = [{"file": "王", "status": "cleared", "expires": None, "credit": "🎉🎉🎉",
                "asset": {}}]
    pdf = tmp_path / "sheet.pdf"
    write_pdf(pdf, entries, "Sheet", lambda e: None)
    from fontTools.ttLib import TTFont
    family = TTFont(face.path, fontNumber=face.index)["name"].getDebugName(6)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert family and family in fonts and "Type 3" in fonts
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "p")], check=True)
    arr = np.asarray(Image.open(tmp_path / "p.png").convert("RGB"))
    cell = arr[: arr.shape[0] // 4, : arr.shape[1] // 4]
    assert (saturation(cell) > 60).sum() > 40  # party poppers in colour, not grey boxes


# -- wrapping -------------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(list(EMOJI.values()) + ["中", "文", "नमस्ते", "é", "ab", " "]),
                min_size=1, max_size=30), st.integers(20, 200))
def test_wrapping_never_splits_a_grapheme_cluster(parts, width):
    text = "".join(parts)
    chain = T.fonts(True)
    lines = chain.wrap(text, 16, width)
    whole = set(T.clusters(text))
    for line in lines:
        assert set(T.clusters(line)) <= whole
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_long_cjk_title_wraps_inside_the_safe_box():
    system_face("中")
    text = "第一届悉尼直播见面会精彩回顾感谢所有到场的朋友们"
    rgb = card_rgb(text)
    x0, y0, x1, y1 = safe_box(CARD)
    lit = rgb.astype(int).sum(axis=-1) > 3 * 127
    ys, xs = np.nonzero(lit)
    assert xs.min() >= x0 - 2 and xs.max() <= x1 + 2
    assert len(set(ys // (card_px() * 1.25))) >= 2  # more than one line


def test_fit_cuts_between_clusters():
    chain = T.fonts(False)
    fitted = chain.fit("team 👩\u200d👩\u200d👧👩\u200d👩\u200d👧👩\u200d👩\u200d👧", 17, 100)
    assert fitted.endswith("…") and chain.length(fitted, 17) <= 100
    assert set(T.clusters(fitted[:-1])) <= set(T.clusters("team 👩\u200d👩\u200d👧"))


# -- font finding ---------------------------------------------------------------------------
def test_system_fonts_are_found_in_font_folders_without_fontconfig(tmp_path, monkeypatch):
    face = system_face("中")
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "cjk.ttc").symlink_to(face.path)
    monkeypatch.setattr(T, "LINUX_FOLDERS", [str(tmp_path / "fonts")])
    monkeypatch.setattr(T, "SYSTEM_FOLDERS", {})
    finder = T.SystemFonts()
    finder.fc = None  # Windows and macOS have no fc-match
    found = finder.face_for([ord("中")])
    assert found is not None and found.path.startswith(str(tmp_path))
    assert finder.face_for([0xE000]) is None


# -- warnings -------------------------------------------------------------------------------
def _plan(**kw) -> CutPlan:
    data = {"name": "Recap", "segments": [], **kw}
    return CutPlan.from_dict(json.loads(json.dumps(data)))


def test_characters_without_a_glyph_are_named_with_where_they_are_and_do_not_block():
    plan = _plan(title={"text": "Hello \ue000 😀", "seconds": 2},
                 end_card={"text": "Thanks\nsee you \u0378", "seconds": 2},
                 caption="All good 中 👍🏽")
    found = [p for p in validate(plan) if p.warning]
    texts = [str(p) for p in found]
    assert any(t.startswith("Title: 1 character") and "U+E000 (a private-use character)" in t
               and 'after "Hello"' in t for t in texts), texts
    assert any(t.startswith("End card:") and "U+0378 (not an assigned character)" in t
               and 'line 2 after "see you"' in t for t in texts), texts
    assert not any(t.startswith("Caption") for t in texts)  # CJK and emoji are drawn
    assert not any(p.warning for p in blocking(found))


def test_missing_glyph_report_lists_each_character_once():
    assert T.missing_glyphs("\ue000a\ue000\U000F0000") == ["\ue000", "\U000F0000"]
    assert T.missing_glyphs("Sydney 🇦🇺 👩\u200d👩\u200d👧 1\ufe0f\u20e3 مرحبا שלום") == []


def test_cli_cut_prints_the_warning_and_still_renders(tmp_path, capsys):
    from liveassets.catalog.catalog import Catalog
    from liveassets.cli.main import main
    from liveassets.media.scan import scan
    from mediagen import make_video

    media = tmp_path / "event"
    make_video(media / "clip.mp4", size=(90, 160), seconds=1.0)
    lib = tmp_path / "lib"
    with Catalog(lib) as cat:
        scan(cat, [str(media)], thumbnails=False)
        cat.set_rights([a["id"] for a in cat.all()], status="cleared")
    plan = {"name": "Recap", "fps": 30, "purpose": "public", "crossfade": 0,
            "segments": [{"source": "clip.mp4", "start": 0, "end": 0.5}],
            "caption": "Live now \U000F0001 🎉"}
    (media / "plan.json").write_text(json.dumps(plan))
    out = tmp_path / "out.mp4"
    assert main(["--library", str(lib), "cut", str(media / "plan.json"), "-o", str(out),
                 "--preview"]) == 0
    err = capsys.readouterr().err
    assert "warning: Caption: 1 character has no font to draw it" in err
    assert "U+F0001 (a private-use character) after \"Live now\"" in err
    assert out.exists()


def test_an_emoji_typed_after_a_hebrew_word_is_drawn_to_its_left():
    if T.layout_engine() != "raqm":
        pytest.skip("Pillow was built without libraqm: no bidi (README says so)")
    line = np.asarray(T.fonts(True).render("שלום 😀 עולם", 40, "white").image)
    colour = np.nonzero(saturation(line).max(axis=0) > 60)[0]
    white = (line[..., :3].min(axis=-1) > 200) & (line[..., 3] > 200)
    white = np.nonzero(white.any(axis=0))[0]
    word = np.asarray(T.fonts(True).render("שלום", 40, "white").image)
    first_word = ink(word[..., 3] > 127)
    # Reading right to left: שלום at the right end, the emoji in the middle, עולם at the left.
    assert white.min() < colour.min() and colour.max() < white.max()
    right = ink(ink(line[..., 3] > 127)[:, -first_word.shape[1]:])
    assert likeness(right, first_word) > 0.8


def test_bidi_levels_and_reading_order():
    from liveassets.media import bidi

    assert bidi.levels(T.clusters("Hi 😀")) is None  # no right-to-left letter: left alone
    cls = T.clusters("אב 12 😀 c")
    # RTL paragraph: letters 1, the number kept left-to-right (2), neutrals between RTL
    # letters and numbers 1, the Latin letter 2.
    assert bidi.levels(cls) == [1, 1, 1, 2, 2, 1, 1, 1, 2]
    assert bidi.visual_order([1, 2, 1]) == [2, 1, 0]
    assert bidi.visual_order([0, 1, 1, 0]) == [0, 2, 1, 3]
