"""Marks the grid and the inspector both show: a clip's duration as text and the HDR pill."""

from __future__ import annotations

from PySide6.QtGui import QColor


def format_duration(seconds: float | None) -> str:
    if not seconds:
        return ""
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


HDR_COLOUR = QColor("#b08800")


def hdr_mark(doc: dict) -> str:
    """"HDR" for a clip in HLG or PQ (the scan's `hdr` fact), else "": such clips are tone
    mapped to SDR in thumbnails and renders, and a quick export keeps them HDR."""
    return "HDR" if doc.get("hdr") in ("hlg", "pq") else ""
