"""Spreadsheet cells that open as the text we wrote: the one place that decides how a value is
made safe for a cell, used by every sheet and manifest the app writes (caption sheets, pack
manifests, reports).

Rule (OWASP "CSV injection"): a cell whose text starts with `=`, `+`, `-`, `@`, tab, CR or LF
can run as a formula in Excel, LibreOffice and Google Sheets; a leading apostrophe makes them
show it as text. Undecodable bytes and control characters become U+FFFD (`safe_paths.readable`).
"""

from __future__ import annotations

from liveassets.safe_paths import readable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


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
