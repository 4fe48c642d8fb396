"""Pictures as a viewer shows them: photo pixels converted from their embedded ICC profile to
sRGB, EXIF orientations, and how to turn a video frame upright from its whole display matrix
(rotation and mirror). Every place that makes pixels (thumbnails, posters, stills, contact sheets,
renditions, quick look) goes through here, so they all agree with a colour-managed viewer.

Colour: Pillow decodes pixels in the file's own colour space and ignores its profile, so an
Adobe RGB red (220,30,30) showed as (189,35,35) and a CMYK grey as teal. LittleCMS (Pillow's
ImageCms) converts them, perceptual intent like web browsers. Building a transform costs a few
ms, so transforms are cached by the profile's hash; an sRGB profile (the common case) is
recognised by its description and skipped, costing nothing.
"""

from __future__ import annotations

import hashlib
import io
import struct
import threading

from PIL import Image, ImageCms

from liveassets.media.jpeg_segments import open_image

# EXIF orientation (1..8) -> the transpose that makes the stored pixels upright (EXIF 2.32
# section 4.6.5, as ImageOps.exif_transpose).
TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
             4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
             6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
             8: Image.Transpose.ROTATE_90}
TURNED = (5, 6, 7, 8)  # orientations that swap width and height
_ALPHA = {"RGBA": "RGB", "LA": "L", "RGBa": "RGB", "La": "L", "PA": "RGB"}
_SRGB = ImageCms.createProfile("sRGB")
_CACHE: dict[tuple[bytes, str], object] = {}
_LOCK = threading.Lock()


def to_srgb(im: Image.Image, icc: bytes | None = None) -> Image.Image:
    """`im` with its colours converted from its ICC profile (`icc`, else im.info's) to sRGB.

    Returns RGB for RGB/CMYK/YCbCr/L sources with a profile (RGBA when the source had alpha:
    alpha is kept), and `im` itself when there is no profile, the profile is sRGB already or
    cannot be read (a damaged profile: pixels shown as stored, like browsers do). Modes Pillow
    cannot transform (16-bit, P, ...) are reduced to 8-bit RGB/L first. Never raises for a bad
    profile.
    """
    icc = icc if icc is not None else im.info.get("icc_profile")
    if not icc:
        return im
    mode = im.mode
    if mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
        mode = im.mode
    if mode.startswith("I;16") or mode in ("I", "F"):
        im = im.point(lambda v: v / 256 if mode.startswith("I;16") else v).convert("L")
        mode = "L"
    base = _ALPHA.get(mode, mode)
    if base not in ("RGB", "CMYK", "L", "LAB"):
        if base == "YCbCr":
            base = "RGB"
            im = im.convert("RGB")
        else:
            return im
    transform = _transform(icc, base)
    if transform is None:
        return im
    if mode in _ALPHA:  # transform the colour, keep the alpha as it was
        alpha = im.getchannel("A")
        colour = im.convert(base)
        out = ImageCms.applyTransform(colour, transform)
        out.putalpha(alpha)
        return out
    return ImageCms.applyTransform(im if im.mode == base else im.convert(base), transform)


def _transform(icc: bytes, mode: str):
    """A cached LittleCMS transform profile -> sRGB for `mode`, or None (sRGB, or unusable)."""
    key = (hashlib.sha1(icc).digest(), mode)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
    transform = None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        space = profile.profile.xcolor_space.strip()
        wanted = {"RGB": "RGB", "CMYK": "CMYK", "L": "GRAY", "LAB": "Lab"}[mode]
        if space == wanted and not (space == "RGB" and _is_srgb(profile)):
            transform = ImageCms.buildTransform(profile, _SRGB, mode, "RGB",
                                                ImageCms.Intent.PERCEPTUAL)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError, struct.error):
        transform = None
    with _LOCK:
        _CACHE[key] = transform
    return transform


def _is_srgb(profile) -> bool:
    """The usual sRGB profiles (HP/IEC 'sRGB IEC61966-2.1', Apple's 'sRGB', Pillow's built-in)
    are named so; converting them would only add rounding."""
    text = (profile.profile.profile_description or "").strip().lower()
    return text.startswith("srgb")


def open_photo(path: str) -> Image.Image:
    """The photo at `path` loaded, upright (EXIF orientation) and in sRGB, full size.

    Mode: RGB, RGBA (alpha kept) or L (grey without a profile). Raises what Image.open raises
    (OSError, SyntaxError, ValueError, DecompressionBombError) for damaged files.
    """
    with open_image(path) as im:  # bloated EXIF would take seconds in Pillow
        orientation = exif_orientation(im)
        icc = im.info.get("icc_profile")
        im.load()
        picture = to_srgb(im, icc)
        if picture is im:
            picture = im.copy()
    return upright(picture, orientation)


def photo_within(path: str, width: int, height: int) -> Image.Image:
    """The photo at `path` upright and in sRGB, shrunk (never enlarged) to fit width x height px
    as displayed. JPEGs are DCT-decoded at a reduced scale first (Image.draft), so a 48 MP photo
    shown on a 1080p screen decodes in a fraction of the time. Mode RGB, RGBA or L.
    Raises what Image.open raises for damaged files."""
    with open_image(path) as im:  # bloated EXIF would take seconds in Pillow
        orientation = exif_orientation(im)
        icc = im.info.get("icc_profile")
        box = (height, width) if orientation in TURNED else (width, height)
        if im.format == "JPEG":
            im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else "RGB", box)
        im.load()
        small = im.copy()
    small.thumbnail(box, Image.Resampling.LANCZOS)
    return upright(to_srgb(small, icc), orientation)


def upright(im: Image.Image, orientation: int) -> Image.Image:
    """`im` turned by an EXIF orientation 1..8 (anything else: unchanged)."""
    return im.transpose(TRANSPOSE[orientation]) if orientation in TRANSPOSE else im


def exif_orientation(im: Image.Image) -> int:
    """EXIF orientation (1-8) still to be applied to im's pixels; 1 when absent, out of range
    or damaged (damaged EXIF must not make the photo unreadable). pillow-heif already applies
    HEIF transforms and resets this tag to 1."""
    try:
        value = int(im.getexif().get(0x0112, 1))
    except Exception:  # damaged EXIF blocks raise anything from struct to KeyError
        return 1
    return value if 1 <= value <= 8 else 1


# ---------------------------------------------------------------- video display matrix

def matrix_orientation(matrix) -> int:
    """EXIF orientation 1..8 that shows a video upright, from its 3x3 display matrix
    (a, b, u, c, d, v, x, y, w) as stored in an MP4 tkhd box or FFmpeg's display-matrix side
    data (ISO/IEC 14496-12 8.3.2: a displayed point is (p*a + q*c + x, p*b + q*d + y)).

    Reads rotation and mirroring: the iPhone portrait matrix (0, 1, 0, -1, 0, ...) gives 6
    (turn 90 clockwise), a mirrored selfie (-1, 0, 0, 0, 1, ...) gives 2. Non-right angles
    are rounded to the nearest quarter turn; an all-zero matrix gives 1.
    """
    a, b, c, d = (_sign(v) for v in (matrix[0], matrix[1], matrix[3], matrix[4]))
    if abs(matrix[0]) + abs(matrix[4]) >= abs(matrix[1]) + abs(matrix[3]):
        return {(1, 1): 1, (-1, 1): 2, (-1, -1): 3, (1, -1): 4}.get((a, d), 1)
    return {(1, 1): 5, (1, -1): 6, (-1, -1): 7, (-1, 1): 8}.get((b, c), 1)


def _sign(v) -> int:
    return (v > 0) - (v < 0)


def orientation_rotation(orientation: int) -> int:
    """Clockwise degrees (0/90/180/270) of an orientation's turn, ignoring its mirror."""
    return {1: 0, 2: 0, 3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270}.get(orientation, 0)


def orientation_mirrored(orientation: int) -> bool:
    """True for the mirrored orientations (2, 4, 5, 7)."""
    return orientation in (2, 4, 5, 7)


def rotation_orientation(clockwise: int) -> int:
    """The orientation of a plain clockwise turn (0/90/180/270; others give 1)."""
    return {90: 6, 180: 3, 270: 8}.get(int(clockwise) % 360, 1)


def frame_orientation(frame) -> int | None:
    """Orientation 1..8 from a decoded PyAV frame's display-matrix side data, or None when the
    frame carries none (then the container's matrix applies)."""
    raw = b""
    for data in getattr(frame, "side_data", None) or ():
        if getattr(getattr(data, "type", None), "name", "") == "DISPLAYMATRIX":
            raw = bytes(data)
            break
    if len(raw) < 36:
        return None
    return matrix_orientation(struct.unpack("=9i", raw[:36]))
