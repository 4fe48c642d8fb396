"""Marks several views show: a clip's duration as text, the HDR pill, and a photo's rating and
flag drawn on it (quick look, compare)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainterPath


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


def cull_facts(doc: dict, blurry_below: float) -> str:
    """What the scanner's culling scores say about a photo, for a viewer's caption: "suggested
    pick · blurry · highlights clipped" (parts only when they apply; "" for none). `blurry_below`
    is media.scores.BLURRY (passed in: marks stay free of the core's constants)."""
    parts = []
    if doc.get("best") and (doc.get("stack_size") or 1) > 1:
        parts.append("suggested pick")
    sharpness = doc.get("sharpness")
    if isinstance(sharpness, (int, float)) and sharpness < blurry_below:
        parts.append("blurry")
    exposure = {"highlights": "highlights clipped", "shadows": "shadows clipped",
                "both": "highlights and shadows clipped"}.get(doc.get("exposure"))
    if exposure:
        parts.append(exposure)
    return " · ".join(parts)


PICK_COLOURS = {"picked": QColor("#2ea043"), "rejected": QColor("#e5534b")}


def cull_text(doc: dict) -> str:
    """The rating and flag as a viewer shows them on the photo: "★★★ ⚑ Picked", "✕ Rejected",
    "" for an unrated, unflagged photo."""
    stars = "★" * max(0, min(5, int(doc.get("rating") or 0)))
    flag = {"picked": "⚑ Picked", "rejected": "✕ Rejected"}.get(doc.get("pick"), "")
    return "  ".join(part for part in (stars, flag) if part)


def cull_mark(p, photo, doc: dict) -> None:
    """Paint `cull_text(doc)` as a pill in the top-left corner of `photo` (a QRectF, the
    photo's visible part), in the flag's colour (dark when unflagged); nothing when empty."""
    text = cull_text(doc)
    if not text or photo.width() < 40:
        return
    p.save()
    f = QFont(p.font())
    f.setPixelSize(15)
    f.setBold(True)
    p.setFont(f)
    fm = QFontMetrics(f)
    box = QRectF(photo.left() + 10, photo.top() + 10, fm.horizontalAdvance(text) + 20, 26)
    path = QPainterPath()
    path.addRoundedRect(box, 13, 13)
    p.setRenderHint(p.RenderHint.Antialiasing)
    p.fillPath(path, PICK_COLOURS.get(doc.get("pick"), QColor(0, 0, 0, 190)))
    p.setPen(QColor("#ffd33d") if doc.get("pick") not in PICK_COLOURS else QColor("white"))
    p.drawText(box, Qt.AlignCenter, text)
    p.restore()
