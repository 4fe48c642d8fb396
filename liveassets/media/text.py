"""Text drawn into pictures (title and end cards, burned-in captions, the contact sheet): font
fallback per grapheme cluster, colour emoji, wrapping and fitting, and the characters that no
font can draw (so a plan can warn before rendering instead of showing empty boxes).

Pillow draws one font at a time and shows a missing glyph as the font's .notdef box, silently.
So the text is cut into grapheme clusters (`regex`'s \\X, UAX #29: a ZWJ family, a flag, a
keycap, a skin-toned hand or a Devanagari conjunct stays one piece), and each cluster is drawn
with the first font whose character map (read with fontTools, cached) holds all of its code
points, in this order:

1. the bundled DejaVu Sans (Bold): Latin, Greek, Cyrillic, Arabic, Hebrew, Armenian, Georgian;
2. the bundled Noto Color Emoji (SIL OFL; resources/fonts/LICENSE-NotoColorEmoji.txt), tried
   first for clusters meant as emoji (emoji presentation, U+FE0F, keycaps, flags, skin tones);
3. system fonts: on Linux the ones fontconfig's `fc-match` proposes for the code point, else
   (Windows, macOS, no fontconfig) the usual font folders, well-known fallback fonts first
   (Microsoft YaHei, Yu Gothic, Malgun Gothic, Nirmala UI, Leelawadee, PingFang, Hiragino...).
   CJK, Thai, Devanagari and other scripts come from here.

Consecutive clusters with the same font form a run, drawn with Pillow's libraqm layout when
`PIL.features.check("raqm")` is true (HarfBuzz shaping and FriBiDi direction within a run:
joined Arabic, right-to-left Hebrew, Indic conjuncts, emoji ZWJ sequences), else with Pillow's
basic layout (no shaping: Arabic letters unjoined and left-to-right). With libraqm, a line
holding right-to-left letters gets a bidi level per cluster and its runs are placed in reading
order (bidi.py), so an emoji typed after a Hebrew word sits to its left. Noto Color Emoji is a CBDT bitmap font that FreeType loads only at its
109 px strike (any other size raises "invalid pixel size", measured with Pillow 11.3), so emoji
runs are drawn at 109 px and scaled to the text size.
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass

import regex
from fontTools.ttLib import TTFont, TTLibError
from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from liveassets.media import bidi
from liveassets.resources import resource_path

BUNDLED = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
EMOJI_FILE = "NotoColorEmoji.ttf"
EMOJI_STRIKE = 109  # the only bitmap strike size in Noto Color Emoji's CBDT table
# Joiners and variation selectors steer shaping; fonts need not map them (Noto Color Emoji
# maps neither U+200D nor U+FE0F, measured), so coverage ignores them.
IGNORABLE = frozenset({0x200C, 0x200D, 0xFE0E, 0xFE0F})
# A cluster meant as an emoji (Unicode TR #51: emoji presentation, the emoji variation selector,
# the keycap mark, regional-indicator flags, skin-tone modifiers): the colour font goes first.
EMOJI_CLUSTER = regex.compile(
    r"\p{Emoji_Presentation}|[\uFE0F\u20E3\U0001F1E6-\U0001F1FF\U0001F3FB-\U0001F3FF]")
CLUSTER = regex.compile(r"\X")
SYSTEM_FOLDERS = {
    "win32": [os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"),
              os.path.join(os.environ.get("LOCALAPPDATA", ""), "Microsoft", "Windows", "Fonts")],
    "darwin": ["/System/Library/Fonts", "/System/Library/Fonts/Supplemental", "/Library/Fonts",
               os.path.expanduser("~/Library/Fonts")],
}
LINUX_FOLDERS = ["/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"),
                 os.path.expanduser("~/.local/share/fonts")]
# Fonts that cover whole scripts on a stock Windows or macOS (their vendors' documentation of
# the fonts shipped with the system); searched before the rest of the folder.
PREFERRED = ("msyh.ttc", "msyh.ttf", "yugothm.ttc", "meiryo.ttc", "msgothic.ttc", "malgun.ttf",
             "msjh.ttc", "simsun.ttc", "nirmala.ttf", "nirmala.ttc", "leelawui.ttf",
             "leelawad.ttf", "ebrima.ttf", "segoeui.ttf", "seguisym.ttf", "tahoma.ttf",
             "arial.ttf", "pingfang.ttc", "hiragino sans gb.ttc", "applesdgothicneo.ttc",
             "kohinoorbangla.ttc", "kohinoor.ttc", "thonburi.ttc", "geezapro.ttc",
             "arial unicode.ttf", "applesymbols.ttf", "noto sans cjk sc regular.otf")
FONT_EXTS = (".ttf", ".otf", ".ttc", ".otc")


@dataclass(frozen=True)
class Face:
    """A font file (and its index inside a collection); `color` for the bitmap emoji font."""
    path: str
    index: int = 0
    color: bool = False


def layout_engine() -> str:
    """"raqm" (shaping, bidi) when Pillow was built with libraqm, else "basic"."""
    return "raqm" if features.check("raqm") else "basic"


def clusters(text: str) -> list[str]:
    """The grapheme clusters of text (UAX #29 extended clusters), in order."""
    return CLUSTER.findall(text)


@functools.lru_cache(maxsize=None)
def _cmap(face: Face) -> frozenset[int]:
    """The code points face maps to glyphs; empty if the file cannot be read."""
    try:
        with TTFont(face.path, lazy=True, fontNumber=face.index) as tt:
            return frozenset(tt.getBestCmap() or ())
    except (OSError, TTLibError, AssertionError, KeyError, ValueError, IndexError):
        return frozenset()


_local = threading.local()  # a FreeType face must not be used by two threads at once


def pil_font(face: Face, px: int) -> ImageFont.FreeTypeFont:
    """The Pillow font for face at px pixels (the emoji font always at its 109 px strike),
    cached per thread. Raises OSError if the file cannot be loaded."""
    size = EMOJI_STRIKE if face.color else max(1, int(px))
    cache = _local.__dict__.setdefault("fonts", {})
    font = cache.get((face, size))
    if font is None:
        engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
        if len(cache) > 256:
            cache.clear()
        font = cache[(face, size)] = ImageFont.truetype(face.path, size, index=face.index,
                                                        layout_engine=engine)
    return font


def _needed(cluster: str) -> list[int]:
    return [ord(c) for c in cluster if ord(c) not in IGNORABLE]


def _drawable_elsewhere(cp: int) -> bool:
    """Private-use, unassigned and surrogate code points are not looked for in system fonts:
    what they show differs from one computer to the next, so they count as missing."""
    return unicodedata.category(chr(cp)) not in ("Co", "Cn", "Cs")


class SystemFonts:
    """Finds an installed font for a code point: fontconfig's suggestions where `fc-match`
    exists, else the font folders of the platform. Answers are cached per set of code points."""

    def __init__(self) -> None:
        self.known: list[Face] = []      # faces already used, tried first (fast CJK runs)
        self.answers: dict[tuple[int, ...], Face | None] = {}
        self.fc = shutil.which("fc-match")
        self._files: list[str] | None = None

    def face_for(self, cps: list[int]) -> Face | None:
        for face in self.known:
            if all(cp in _cmap(face) for cp in cps):
                return face
        key = tuple(cps)
        if key not in self.answers:
            self.answers[key] = self._search(key)
        face = self.answers[key]
        if face is not None and face not in self.known:
            self.known.append(face)
        return face

    def _search(self, cps: tuple[int, ...]) -> Face | None:
        if not all(_drawable_elsewhere(cp) for cp in cps):
            return None
        for face in self._fontconfig(cps) if self.fc else self._folders():
            if all(cp in _cmap(face) for cp in cps):
                return face
        return None

    def _fontconfig(self, cps: tuple[int, ...]) -> list[Face]:
        charset = " ".join(f"{cp:x}" for cp in cps)
        try:
            out = subprocess.run([self.fc, "-s", "-f", "%{file}\t%{index}\n",
                                  f":charset={charset}"],
                                 capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return []
        faces = []
        for line in out.splitlines()[:8]:  # sorted by coverage: the first few are the fits
            path, _, index = line.partition("\t")
            if path.lower().endswith(FONT_EXTS):
                faces.append(Face(path, int(index) if index.isdigit() else 0))
        return faces

    def _folders(self):
        if self._files is None:
            found = []
            for folder in SYSTEM_FOLDERS.get(sys.platform, LINUX_FOLDERS):
                for root, _dirs, names in os.walk(folder):
                    found += [os.path.join(root, n) for n in names
                              if n.lower().endswith(FONT_EXTS)]
            rank = {name: i for i, name in enumerate(PREFERRED)}
            found.sort(key=lambda p: (rank.get(os.path.basename(p).lower(), len(rank)), p))
            self._files = found
        return (Face(p) for p in self._files)


@dataclass(frozen=True)
class Line:
    """A line of text drawn once: RGBA picture, the baseline's y in it, and its advance."""
    image: Image.Image
    baseline: int
    ascent: int
    descent: int
    width: float


class FontSet:
    """The fallback chain for one weight: bundled DejaVu, bundled colour emoji, system fonts.
    Every method takes text without newlines (callers split paragraphs)."""

    def __init__(self, bold: bool = False, system: SystemFonts | None = None) -> None:
        self.main = Face(str(resource_path("fonts", BUNDLED[bold])))
        emoji = resource_path("fonts", EMOJI_FILE)
        self.emoji = Face(str(emoji), color=True) if emoji.is_file() else None
        self.system = system or _system()
        self._faces: dict[str, Face | None] = {}

    def face_for(self, cluster: str) -> Face | None:
        """The font that draws every code point of cluster, or None (drawn as a box)."""
        if cluster in self._faces:
            return self._faces[cluster]
        cps = _needed(cluster) or [ord(cluster[0])]
        order = [self.main, self.emoji]
        if EMOJI_CLUSTER.search(cluster):
            order.reverse()
        face = next((f for f in order if f and all(cp in _cmap(f) for cp in cps)), None)
        if face is None:
            face = self.system.face_for(cps)
        self._faces[cluster] = face
        return face

    def runs(self, text: str) -> list[tuple[Face, str, int | None]]:
        """text as (face, run, bidi level) in text order; clusters no font has use the main
        font. The level is None when the text has no right-to-left letter (or no libraqm to
        draw it), else odd for right-to-left runs (bidi.py)."""
        cls = clusters(_clean(text))
        levels = bidi.levels(cls) if features.check("raqm") else None
        out: list[tuple[Face, str, int | None]] = []
        for i, cl in enumerate(cls):
            face = self.face_for(cl) or self.main
            level = None if levels is None else levels[i]
            if out and out[-1][0] == face and out[-1][2] == level:
                out[-1] = (face, out[-1][1] + cl, level)
            else:
                out.append((face, cl, level))
        return out

    def missing(self, text: str) -> list[str]:
        """The clusters of text that no font can draw, in order, each once."""
        seen: dict[str, None] = {}
        for cl in clusters(_clean(text)):
            if not cl.isspace() and self.face_for(cl) is None:
                seen.setdefault(cl)
        return list(seen)

    def length(self, text: str, px: int) -> float:
        """Advance width of text at px pixels, in pixels."""
        total = 0.0
        for face, run, level in self.runs(text):
            total += _run_length(face, run, px, level)
        return total

    def metrics(self, px: int) -> tuple[int, int]:
        """(ascent, descent) of the main font at px, in pixels (both positive)."""
        return pil_font(self.main, px).getmetrics()

    def render(self, text: str, px: int, fill) -> Line:
        """text as one RGBA line picture: plain runs in fill, emoji in their own colours."""
        fill = _rgba(fill)
        ascent, descent = self.metrics(px)
        runs = [(face, run, level, _run_length(face, run, px, level))
                for face, run, level in self.runs(text)]
        if runs and runs[0][2] is not None:  # right-to-left text: runs in reading order
            runs = [runs[i] for i in bidi.visual_order([r[2] for r in runs])]
        width = sum(r[3] for r in runs)
        pad = max(2, px // 3)  # glyphs may overhang their advance (italic tails, accents)
        size = (math.ceil(width) + 2 * pad, ascent + descent + 2 * pad)
        baseline = pad + ascent
        mask = Image.new("L", size, 0)
        colour = Image.new("RGBA", size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(mask)
        x = float(pad)
        for face, run, level, w in runs:
            if face.color:
                _paste_emoji(colour, face, run, px, (x, baseline), fill[3], _direction(level))
            else:
                draw.text((x, baseline), run, font=pil_font(face, px), fill=255, anchor="ls",
                          direction=_direction(level))
            x += w
        line = Image.new("RGBA", size, fill[:3] + (0,))
        if fill[3] < 255:
            mask = mask.point(lambda v: v * fill[3] // 255)
        line.putalpha(mask)
        line.alpha_composite(colour)
        return Line(line, baseline, ascent, descent, width)

    def draw(self, image: Image.Image, xy, text: str, px: int, fill, anchor: str = "la") -> None:
        """Draw text on image (RGB or RGBA, blended) at xy with Pillow's anchors: horizontal
        l/m/r, vertical a (ascender) / m (middle) / s (baseline) / d (descender)."""
        line = self.render(text, px, fill)
        pad = (line.image.width - math.ceil(line.width)) // 2
        h, v = anchor[0], anchor[1]
        x = xy[0] - pad - {"l": 0, "m": line.width / 2, "r": line.width}[h]
        offset = {"a": -line.ascent, "s": 0, "d": line.descent,
                  "m": (line.descent - line.ascent) / 2}[v]
        y = xy[1] - (line.baseline + offset)
        blend(image, line.image, (round(x), round(y)))

    def wrap(self, text: str, px: int, width: float) -> list[str]:
        """text broken into lines no wider than width pixels: at spaces, and inside a word
        that is wider than a line (CJK has no spaces) between grapheme clusters, never in one.
        Each paragraph (newline) starts a line; an empty text is one empty line."""
        lines: list[str] = []
        for para in text.splitlines() or [""]:
            line = ""
            for word in para.split():
                trial = f"{line} {word}" if line else word
                if self.length(trial, px) <= width:
                    line = trial
                    continue
                if line:
                    lines.append(line)
                    line = ""
                if self.length(word, px) <= width:
                    line = word
                    continue
                for cl in clusters(word):  # a word wider than the line: break between clusters
                    if line and self.length(line + cl, px) > width:
                        lines.append(line)
                        line = ""
                    line += cl
            lines.append(line)
        return lines

    def fit(self, text: str, px: int, width: float) -> str:
        """text on one line (newlines become spaces), cut between grapheme clusters with an
        ellipsis to fit width pixels."""
        text = " ".join(str(text).split())
        if self.length(text, px) <= width:
            return text
        parts = clusters(text)
        while parts and self.length("".join(parts) + "…", px) > width:
            parts.pop()
        return "".join(parts).rstrip() + "…"


def _clean(text: str) -> str:
    # Tabs and other control characters would be drawn as boxes; a space is what was meant.
    return "".join(" " if unicodedata.category(c) == "Cc" else c for c in str(text))


def _rgba(fill) -> tuple[int, int, int, int]:
    if isinstance(fill, str):
        fill = ImageColor.getrgb(fill)
    fill = tuple(int(v) for v in fill)
    return fill + (255,) if len(fill) == 3 else fill[:4]


def _direction(level: int | None) -> str | None:
    return None if level is None else "rtl" if level % 2 else "ltr"


def _run_length(face: Face, run: str, px: int, level: int | None = None) -> float:
    length = pil_font(face, px).getlength(run, direction=_direction(level))
    return length * px / EMOJI_STRIKE if face.color else length


def _paste_emoji(colour: Image.Image, face: Face, run: str, px: int, xy, alpha: int,
                 direction: str | None = None) -> None:
    """Blend an emoji run, scaled to px, onto colour with its baseline at xy."""
    small, top = _emoji_image(face, run, px, direction)
    if alpha < 255:
        small = small.copy()
        small.putalpha(small.getchannel("A").point(lambda v: v * alpha // 255))
    x, baseline = xy
    blend(colour, small, (round(x), round(baseline - top)))


@functools.lru_cache(maxsize=512)
def _emoji_image(face: Face, run: str, px: int,
                 direction: str | None = None) -> tuple[Image.Image, float]:
    """An emoji run drawn at the font's strike size and scaled to px (CBDT fonts have one
    size), with the height of its ascent; cached because a contact sheet repeats the same few
    emoji (100 cells: 0.26 s -> 0.18 s, tests/bench/bench_text.py). Do not change the image."""
    font = pil_font(face, EMOJI_STRIKE)
    ascent, descent = font.getmetrics()
    width = math.ceil(font.getlength(run, direction=direction)) + 4
    big = Image.new("RGBA", (width, ascent + descent), (0, 0, 0, 0))
    ImageDraw.Draw(big).text((0, ascent), run, font=font, embedded_color=True, anchor="ls",
                             direction=direction)
    scale = px / EMOJI_STRIKE
    small = big.resize((max(1, round(big.width * scale)), max(1, round(big.height * scale))),
                       Image.Resampling.LANCZOS)
    return small, ascent * scale


def blend(image: Image.Image, layer: Image.Image, xy: tuple[int, int]) -> None:
    """Blend an RGBA layer over image (RGB or RGBA) with its top-left at xy (may be off the
    picture; the part outside is dropped)."""
    if image.mode == "RGBA":
        box = (xy[0], xy[1], xy[0] + layer.width, xy[1] + layer.height)
        region = image.crop(box)
        region.alpha_composite(layer)
        image.paste(region, box)
    else:
        image.paste(layer.convert(image.mode), xy, layer)


@functools.lru_cache(maxsize=None)
def _system() -> SystemFonts:
    return SystemFonts()


@functools.lru_cache(maxsize=None)
def fonts(bold: bool = False) -> FontSet:
    """The shared fallback chain for regular or bold text (lookups cached for the process).
    Raises FontMissing if the bundled DejaVu font is gone (a broken install)."""
    chain = FontSet(bold)
    try:
        pil_font(chain.main, 12)
    except OSError:
        raise FontMissing(f"The bundled font {chain.main.path} is missing; reinstall "
                          "LiveAssets.") from None
    return chain


class FontMissing(OSError):
    """The bundled font cannot be loaded (a damaged install)."""


def describe(cluster: str) -> str:
    """A cluster for a message: each code point as U+XXXX with its name or what it is, e.g.
    'U+E000 (a private-use character)'."""
    parts = []
    for c in cluster:
        cat = unicodedata.category(c)
        what = {"Co": "a private-use character", "Cn": "not an assigned character",
                "Cs": "a lone surrogate"}.get(cat) or unicodedata.name(c, "").title() or cat
        parts.append(f"U+{ord(c):04X} ({what})")
    return " + ".join(parts)


def missing_glyphs(text: str, bold: bool = False) -> list[str]:
    """Clusters of text (newlines allowed) that no bundled or installed font can draw."""
    chain = fonts(bold)
    out: list[str] = []
    for para in str(text).splitlines():
        out += [cl for cl in chain.missing(para) if cl not in out]
    return out
