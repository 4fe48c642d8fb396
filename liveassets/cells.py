"""Spreadsheet cells that open as the text we wrote: the one place that decides how a value is
made safe for a cell, used by every sheet and manifest the app writes (caption sheets, pack
manifests, reports).

Rule (OWASP "CSV injection"): a cell whose text starts with `=`, `+`, `-`, `@`, tab, CR or LF
can run as a formula in Excel, LibreOffice and Google Sheets; a leading apostrophe makes them
show it as text. Undecodable bytes and control characters become U+FFFD (`safe_paths.readable`).
Text longer than Excel's cell limit is cut with a visible mark (`fit_excel`): Excel would
otherwise "repair" an XLSX, or split or cut a CSV cell without saying so.
"""

from __future__ import annotations

from liveassets.safe_paths import readable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# "Total number of characters that a cell can contain: 32,767 characters" (Microsoft, "Excel
# specifications and limits"); Excel counts UTF-16 code units, so an emoji outside the BMP is 2.
EXCEL_CELL_MAX = 32_767
CUT_MARK = " [cut: the cell was longer than Excel's 32,767-character limit]"


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet could read `text` (a str) as a formula."""
    return text.startswith(FORMULA_START)


def text_cell(value) -> str:
    """`value` (None, str, number, or a list joined with "; ") as cell text a spreadsheet shows
    as written: None -> "", formulas neutralised with a leading ', newlines kept."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = readable(value, keep_newlines=True)
    return "'" + text if starts_like_formula(text) else text


def utf16_length(text: str) -> int:
    """Length of `text` in UTF-16 code units (Excel's and JavaScript's count)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def fit_excel(text: str, limit: int = EXCEL_CELL_MAX) -> tuple[str, bool]:
    """(`text` cut to `limit` UTF-16 code units ending in CUT_MARK, True) when it is longer;
    else (`text`, False). Never splits a surrogate pair."""
    if len(text) <= limit // 2 or utf16_length(text) <= limit:
        return text, False
    budget = limit - len(CUT_MARK)
    kept = text.encode("utf-16-le", "surrogatepass")[:budget * 2].decode("utf-16-le", errors="ignore")
    return kept + CUT_MARK, True
