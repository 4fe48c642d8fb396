"""The files of a pack: JPEG renditions at a long edge (upright, colour profile kept, XMP
embedded) and byte-for-byte copies of originals and videos. Sources are only ever read.

Colour: the source's ICC profile is embedded unchanged in the rendition (so colour-managed
apps show the same colours as the original); CMYK sources, whose profile cannot describe RGB
pixels, are converted to sRGB through their profile when they have one. EXIF is not carried
over (orientation is baked into the pixels, and GPS positions stay private); the rights and
keywords travel in the embedded XMP.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms

from liveassets.media.pictures import to_srgb, upright
from liveassets.media.jpeg_segments import open_image
from liveassets.media.pictures import exif_orientation
from liveassets.media.probe import MAX_PIXELS  # also registers HEIF
from liveassets.packs.plan import PackError

QUALITY = 90
WHITE = (255, 255, 255)  # behind transparent pixels (designers lay renditions on pages)
_SRGB = None


class RenditionError(PackError):
    """A photo whose pixels could not be read (damaged or unsupported)."""


def render_jpeg(source: str, long_edge: int, xmp: bytes | None = None,
                quality: int = QUALITY) -> tuple[bytes, tuple[int, int]]:
    """JPEG bytes of `source` upright with its longest side <= long_edge, and its size."""
    try:
        with open_image(source) as im:  # bloated EXIF would take seconds in Pillow
            if im.width * im.height > MAX_PIXELS:
                raise RenditionError(f"{source} has too many pixels to open safely.")
            orientation = exif_orientation(im)
            icc = im.info.get("icc_profile")
            turned = orientation in (5, 6, 7, 8)
            w, h = (im.height, im.width) if turned else (im.width, im.height)
            scale = min(1.0, long_edge / max(w, h))
            stored = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
            if im.format == "JPEG" and scale < 1:
                im.draft(im.mode if im.mode in ("RGB", "L", "CMYK") else "RGB", stored)
            im.load()
            picture, icc = _to_rgb(im, icc)
            if picture.size != stored:
                picture = picture.resize(stored, Image.Resampling.LANCZOS, reducing_gap=3.0)
            picture = upright(picture, orientation)
    except RenditionError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise RenditionError(f"could not read the picture ({exc})") from None
    out = io.BytesIO()
    options = {"quality": quality, "optimize": False, "subsampling": "4:2:0"}
    if icc:
        options["icc_profile"] = icc
    if xmp:
        options["xmp"] = xmp
    picture.save(out, "JPEG", **options)
    return out.getvalue(), picture.size


def _to_rgb(im: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """A JPEG-ready copy (RGB or L) and the profile that still describes it."""
    if im.mode in ("RGB", "L"):
        return im, icc
    if im.mode == "CMYK":
        converted = to_srgb(im, icc)  # the one conversion every picture uses (media/pictures)
        if converted.mode == "RGB":
            return converted, _srgb_bytes()
        return im.convert("RGB"), None
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, WHITE)
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas, icc if im.mode.startswith("RGB") else None
    if im.mode.startswith("I;16") or im.mode in ("I", "F"):
        return im.point(lambda v: v / 256 if im.mode.startswith("I;16") else v).convert("L"), None
    return im.convert("RGB"), None


def _srgb_bytes() -> bytes:
    global _SRGB
    if _SRGB is None:
        _SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _SRGB

