"""A position written only in a file's XMP packet (`exif:GPSLatitude` / `exif:GPSLongitude`),
where geotagging tools and editors put it instead of EXIF GPS or QuickTime location keys: in a
photo (Pillow hands the packet over) or in an MP4/MOV clip (a top-level XMP `uuid` box, or
`moov/udta/XMP_`), so the scanner's `gps` fact, the inspector and `pack` see it too.
"""

from __future__ import annotations

import os
import re
import struct

from liveassets.media.mp4box import _boxes

# Adobe XMP Specification Part 3 (2016), "MPEG-4": the XMP packet's top-level `uuid` box;
# QuickTime files (and exiftool) also write it as moov/udta/XMP_.
XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
CLIP_ENDINGS = (".mp4", ".mov", ".m4v", ".3gp", ".3g2")
MAX_PACKET = 4_000_000  # XMP packets are a few KB; a bigger "packet" is not read
# XMP Specification Part 2, EXIF schema, GPSCoordinate: "DDD,MM,SSk" or "DDD,MM.mmk"
_COORDINATE = re.compile(r"(\d{1,3}),(\d{1,2}(?:\.\d+)?)(?:,(\d{1,2}(?:\.\d+)?))?([NSEW])",
                         re.IGNORECASE)


def gps_from_xmp(packet: bytes | str | None) -> dict | None:
    """{"lat", "lon", "alt": None} in signed degrees from an XMP packet's exif:GPSLatitude and
    exif:GPSLongitude (attribute or element form); None when either is absent or unreadable,
    or the point is 0,0 or off the globe (as probe._iso6709 treats clips)."""
    if not packet:
        return None
    text = packet.decode("utf-8", "replace") if isinstance(packet, bytes) else packet
    lat, lon = _degrees(text, "GPSLatitude", "NS"), _degrees(text, "GPSLongitude", "EW")
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180 or (lat, lon) == (0, 0):
        return None
    return {"lat": round(lat, 6), "lon": round(lon, 6), "alt": None}


def _degrees(text: str, name: str, hemispheres: str) -> float | None:
    found = re.search(rf"exif:{name}\s*=\s*[\"']([^\"']*)[\"']|<exif:{name}>([^<]*)</exif:{name}>",
                      text)
    if not found:
        return None
    m = _COORDINATE.fullmatch((found.group(1) or found.group(2) or "").strip())
    if not m or m.group(4).upper() not in hemispheres:
        return None
    value = int(m.group(1)) + float(m.group(2)) / 60 + float(m.group(3) or 0) / 3600
    return -value if m.group(4).upper() in "SW" else value


def clip_packet(path: str) -> bytes | None:
    """The XMP packet of an MP4/MOV clip (see XMP_UUID), None when it has none or is not one
    (only box headers are read on the way, with mp4box's walker). Never raises: a damaged or
    unreadable file gives None (the scanner names those itself)."""
    if not path.lower().endswith(CLIP_ENDINGS):
        return None
    try:
        with open(path, "rb") as fh:
            return _find(fh, 0, os.fstat(fh.fileno()).st_size, 0)
    except (OSError, struct.error):
        return None


def _find(fh, start: int, end: int, depth: int) -> bytes | None:
    for kind, payload, box_end in _boxes(fh, start, end):
        body = min(box_end, end) - payload
        if kind == b"uuid" and depth == 0 and body >= 16:
            fh.seek(payload)
            if fh.read(16) == XMP_UUID:
                return fh.read(body - 16) if body - 16 <= MAX_PACKET else None
        elif kind == b"XMP_" and depth == 2:
            fh.seek(payload)
            return fh.read(body) if body <= MAX_PACKET else None
        elif (kind, depth) in ((b"moov", 0), (b"udta", 1)):
            found = _find(fh, payload, min(box_end, end), depth + 1)
            if found:
                return found
    return None
