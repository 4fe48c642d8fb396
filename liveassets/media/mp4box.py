"""A tiny reader of MP4/MOV (ISO BMFF) box headers: finds a cut-off file (a top-level box that
runs past the end) and the video track's display matrix (rotation and mirror) from its tkhd box,
with a few seeks and no decoding."""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from liveassets.media.pictures import matrix_orientation, orientation_rotation

# Top-level box types we trust; anything else ends the walk (trailing junk is not damage).
_TOP_LEVEL = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"uuid", b"meta", b"moof",
              b"mfra", b"sidx", b"styp", b"pdin", b"emsg", b"prft", b"pnot", b"junk"}


@dataclass
class Mp4Layout:
    truncated: bool        # a top-level box claims more bytes than the file has
    has_moov: bool         # the index (moov) is present
    rotation: int | None   # clockwise degrees to display the video upright; None if unknown
    # EXIF-style orientation 1..8 of the whole matrix (rotation and mirror; see
    # media/pictures.matrix_orientation); None if unknown
    orientation: int | None = None


def _boxes(fh, start: int, end: int):
    """(type, payload_start, box_end) for each box between start and end."""
    pos = start
    while pos + 8 <= end:
        fh.seek(pos)
        header = fh.read(8)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header)
        header_len = 8
        if size == 1:
            large = fh.read(8)
            if len(large) < 8:
                return
            size, header_len = struct.unpack(">Q", large)[0], 16
        elif size == 0:
            size = end - pos
        if size < header_len:
            return
        yield kind, pos + header_len, pos + size
        pos += size


def mp4_layout(path: str) -> Mp4Layout | None:
    """Layout facts for an MP4/MOV/M4A file; None when it is not one (or can't be read)."""
    try:
        file_size = os.path.getsize(path)
        with open(path, "rb") as fh:
            return _layout(fh, file_size)
    except (OSError, struct.error):
        return None


def _layout(fh, file_size: int) -> Mp4Layout | None:
    truncated = has_moov = False
    rotation = orientation = None
    for index, (kind, payload, end) in enumerate(_boxes(fh, 0, file_size)):
        if kind not in _TOP_LEVEL:
            if index == 0:
                return None  # not an ISO BMFF file
            break
        if end > file_size:
            truncated = True
        if kind == b"moov":
            has_moov = True
            orientation = _video_orientation(fh, payload, min(end, file_size))
            rotation = None if orientation is None else orientation_rotation(orientation)
    else:
        if not has_moov and file_size < 8:
            return None
    return Mp4Layout(truncated=truncated, has_moov=has_moov, rotation=rotation,
                     orientation=orientation)


def _video_orientation(fh, start: int, end: int) -> int | None:
    for kind, payload, trak_end in _boxes(fh, start, end):
        if kind != b"trak":
            continue
        matrix = handler = None
        for sub, sub_payload, sub_end in _boxes(fh, payload, trak_end):
            if sub == b"tkhd":
                matrix = _tkhd_matrix(fh, sub_payload, sub_end)
            elif sub == b"mdia":
                for leaf, leaf_payload, _ in _boxes(fh, sub_payload, sub_end):
                    if leaf == b"hdlr":
                        fh.seek(leaf_payload + 8)  # version/flags, pre_defined
                        handler = fh.read(4)
        if handler == b"vide":
            return matrix_orientation(matrix) if matrix else 1
    return None


def _tkhd_matrix(fh, start: int, end: int):
    fh.seek(start)
    data = fh.read(min(end - start, 128))
    if not data:
        return None
    offset = 4 + (32 if data[0] == 1 else 20) + 16  # version/flags, times+ids, reserved/layer
    if len(data) < offset + 36:
        return None
    return struct.unpack(">9i", data[offset:offset + 36])

