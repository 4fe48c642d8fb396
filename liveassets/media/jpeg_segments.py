"""Opening JPEGs whose metadata is bloated: Pillow joins every EXIF (APP1) segment into one
bytes object with `+=`, which is quadratic; a 60 MB run of EXIF segments took 18 s here (80 s on
a slower laptop) before a single pixel. EXIF is one APP1 segment of at most 64 KB (CIPA
DC-008: one APP1 marker segment), so a file with more keeps only its first for Pillow.
"""

from __future__ import annotations

import io
import struct

from PIL import Image

SOI, SOS, EOI = 0xD8, 0xDA, 0xD9
APP1 = 0xE1
MAX_WALK_SEGMENTS = 100_000  # a header with more markers than this is damaged: leave it to Pillow


def _segments(data_at, size: int):
    """(marker, start, end) of each header segment from SOI up to SOS (exclusive); stops at
    anything that is not a well-formed marker."""
    at = 2
    for _ in range(MAX_WALK_SEGMENTS):
        head = data_at(at, 4)
        if len(head) < 4 or head[0] != 0xFF:
            return
        marker = head[1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (SOS, EOI) or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            return
        length = struct.unpack(">H", head[2:4])[0]
        if length < 2 or at + 2 + length > size:
            return
        yield marker, at, at + 2 + length
        at += 2 + length


def extra_exif(path: str) -> list[tuple[int, int]]:
    """(start, end) byte ranges of the EXIF APP1 segments after the first; [] for anything
    that is not a JPEG or holds at most one. Reads only segment headers (a few bytes each).
    Raises OSError when the file cannot be read."""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(0)
        if fh.read(2) != b"\xff\xd8":
            return []

        def data_at(at: int, n: int) -> bytes:
            fh.seek(at)
            return fh.read(n)

        seen, extra = 0, []
        for marker, start, end in _segments(data_at, size):
            if marker == APP1 and data_at(start + 4, 6) == b"Exif\x00\x00":
                seen += 1
                if seen > 1:
                    extra.append((start, end))
        return extra


def open_image(path: str) -> Image.Image:
    """Image.open(path), but a JPEG with more than one EXIF segment is opened from a copy in
    memory holding only the first (see module docstring). Raises what Image.open raises."""
    try:
        extra = extra_exif(path)
    except OSError:
        extra = []
    if not extra:
        return Image.open(path)
    with open(path, "rb") as fh:
        data = fh.read()
    parts, at = [], 0
    for start, end in extra:
        parts.append(data[at:start])
        at = end
    parts.append(data[at:])
    return Image.open(io.BytesIO(b"".join(parts)))
