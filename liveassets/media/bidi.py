"""Right-to-left text across fonts: the bidi level of each grapheme cluster of a line and the
visual order of runs, so that a Hebrew or Arabic caption with emoji or CJK in it (drawn by other
fonts than the words) keeps every piece where a reader expects it.

Pillow's libraqm layout already orders text inside one call, but text.py draws each font's run
with its own call. This is a simplified Unicode Bidirectional Algorithm (UAX #9): paragraph
level from the first strong letter (P2-P3), numbers after right-to-left letters kept
left-to-right inside them (W2, W7, I1-I2), neutrals (spaces, punctuation, emoji) taking the
direction of the letters around them or else the paragraph's (N1-N2), and runs reversed from
the highest level down (L2). Left out, as captions and titles do not need them: explicit
embeddings and isolates (U+202A-U+202E, U+2066-U+2069), mirrored brackets (L4) and the
line-end whitespace rule (L1).
"""

from __future__ import annotations

import unicodedata


def _kind(cluster: str) -> str | None:
    bidi = unicodedata.bidirectional(cluster[0])
    if bidi in ("R", "AL"):
        return "R"
    if bidi == "L":
        return "L"
    if bidi in ("EN", "AN"):
        return "N"
    return None  # neutral: spaces, punctuation, symbols, emoji


def levels(clusters: list[str]) -> list[int] | None:
    """The bidi level of each cluster (0, 1 or 2; odd means drawn right to left), or None when
    the text has no right-to-left letter (then everything is drawn left to right)."""
    kinds = [_kind(c) for c in clusters]
    if "R" not in kinds:
        return None
    para = 1 if next(k for k in kinds if k in ("L", "R")) == "R" else 0
    edge = "R" if para else "L"
    last = edge
    for i, k in enumerate(kinds):  # W2/W7: a number takes the side of the letter before it
        if k == "N":
            kinds[i] = "L" if last == "L" else "EN"
        elif k in ("L", "R"):
            last = k
    strong = ["R" if k == "EN" else k for k in kinds]  # N1: numbers count as R for neutrals
    out = []
    for i, k in enumerate(kinds):
        if k is None:
            before = next((s for s in reversed(strong[:i]) if s), edge)
            after = next((s for s in strong[i + 1:] if s), edge)
            k = before if before == after else edge
        if k == "EN":
            out.append(2)
        elif k == "R":
            out.append(para if para % 2 else para + 1)
        else:
            out.append(para if para % 2 == 0 else para + 1)
    return out


def visual_order(run_levels: list[int]) -> list[int]:
    """Indexes of runs (each of one level, in text order) in the order they are drawn left to
    right (UAX #9 L2: reverse every stretch at or above each level, highest first)."""
    order = list(range(len(run_levels)))
    if not run_levels:
        return order
    lowest_odd = min(lv for lv in run_levels if lv % 2) if any(lv % 2 for lv in run_levels) \
        else max(run_levels) + 1
    for level in range(max(run_levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if run_levels[order[i]] >= level:
                j = i
                while j < len(order) and run_levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
