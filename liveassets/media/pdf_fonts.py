"""Text in fpdf2 documents drawn for every script and emoji: `PdfFonts` registers, in an FPDF,
media/text.py's fallback chain (bundled DejaVu Sans, Noto Color Emoji, then the installed font
that has each script: CJK, Arabic, Devanagari, ...) for the texts a document will hold, and
writes fitted lines with emoji clusters in the colour font. Shared by the pack's contact sheet
and the weekly report, so both draw text the same way."""

from __future__ import annotations

from liveassets.media import bidi
from liveassets.media.text import EMOJI_CLUSTER, FontMissing, clusters
from liveassets.media.text import fonts as text_fonts
from liveassets.safe_paths import readable

_PT_MM = 25.4 / 72
_MEASURE_PX = 100          # the fallback chain measures at this pixel size; scaled to points


class PdfFonts:
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
