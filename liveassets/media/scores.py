"""Culling scores of one decoded photo: a 64-bit difference hash for near-duplicates, a
sharpness score and exposure clipping, all from the thumbnail decode the scanner already has.

Every score is taken from a grey copy at most WORK_EDGE px on its long edge, so a 512 px
thumbnail made at scan time and the same thumbnail read back from its JPEG file (the backfill)
give close values (measured: see tests/test_scores.py), and photos of any size are comparable.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# Long edge of the grey copy every score is taken from. The scanner's thumbnails are 512 px;
# halving them averages away most JPEG ringing: a thumbnail in memory and the same thumbnail
# read back from its quality-85 JPEG score within 2 % (measured on the corpus photos of 360 px
# and more; photos under 256 px are scored at their own size and differ by up to 15 %).
WORK_EDGE = 256

# Sharpness scale: variance of the 4-neighbour Laplacian of the WORK_EDGE grey copy, grey levels
# 0..255 (so "variance of the Laplacian", Pech-Pacheco et al. 2000, at one fixed size). Measured
# on generated scenes and the corpus photos (tests/test_scores.py, README "Culling"): in-focus
# photos score 450..5,000 (generated scenes 700..1,400); the same photos after a Gaussian blur
# of 1 % of the long edge score 2..12 (photos under 200 px, where 1 % is a pixel: up to 400).
# Photos below BLURRY are called blurry (the "Blurry" smart collection).
BLURRY = 60.0

# Exposure: the share of the picture's pixels whose luma (ITU-R BT.601, Pillow's "L") is at or
# above HIGH (blown highlights) or at or below LOW (crushed shadows). Measured on the corpus:
# well exposed photos hold up to 2.2 % of such pixels; pushed 1.5 stops over (in linear light)
# 1.9-50 %, 2 stops over 5.9-62 % (tests/test_scores.py). CLIPPED_SHARE sits between, leaving
# room for a spotlight in an otherwise well exposed frame.
HIGH, LOW = 250, 5
CLIPPED_SHARE = 0.04
EXPOSURES = ("ok", "highlights", "shadows", "both")


def grey(picture: Image.Image | np.ndarray) -> np.ndarray:
    """The float32 grey array (H, W), values 0..255, at most WORK_EDGE px on the long edge.

    `picture`: a Pillow image of any mode, or a uint8 array (H, W) grey or (H, W, 3) RGB.
    Raises ValueError for an empty picture."""
    im = picture if isinstance(picture, Image.Image) else Image.fromarray(np.asarray(picture))
    if im.width < 1 or im.height < 1:
        raise ValueError("An empty picture has no scores.")
    if im.mode != "L":
        im = im.convert("RGB").convert("L") if im.mode not in ("RGB", "L") else im.convert("L")
    scale = WORK_EDGE / max(im.width, im.height)
    if scale < 1:
        im = im.resize((max(1, round(im.width * scale)), max(1, round(im.height * scale))),
                       Image.Resampling.BOX)
    return np.asarray(im, dtype=np.float32)


def dhash(grey_pixels: np.ndarray) -> str:
    """64-bit difference hash (Krawetz, "Kind of like that", 2013) as 16 hex digits.

    The grey picture is shrunk to 9x8 (box filter); bit i is set when a pixel is brighter than
    its right-hand neighbour, row-major from the top left, most significant bit first. Two
    photos' hashes differ in few bits when they show the same scene (`distance`)."""
    small = Image.fromarray(grey_pixels.astype(np.uint8) if grey_pixels.dtype != np.uint8
                            else grey_pixels).resize((9, 8), Image.Resampling.BOX)
    px = np.asarray(small, dtype=np.int16)
    bits = (px[:, :-1] > px[:, 1:]).ravel()
    return f"{int(np.packbits(bits).view('>u8')[0]):016x}"


def distance(a: str, b: str) -> int:
    """Number of differing bits (0..64) between two `dhash` values."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def sharpness(grey_pixels: np.ndarray) -> float:
    """Variance of the 4-neighbour Laplacian of a `grey()` array (see BLURRY for the scale).

    Higher is sharper; a picture smaller than 3x3 scores 0."""
    g = grey_pixels
    if g.shape[0] < 3 or g.shape[1] < 3:
        return 0.0
    lap = g[1:-1, :-2] + g[1:-1, 2:] + g[:-2, 1:-1] + g[2:, 1:-1] - 4.0 * g[1:-1, 1:-1]
    return float(lap.var())


def clipped_shares(grey_pixels: np.ndarray) -> tuple[float, float]:
    """(share of pixels at or above HIGH, share at or below LOW), each 0..1."""
    hist = np.bincount(np.clip(grey_pixels, 0, 255).astype(np.uint8).ravel(), minlength=256)
    total = max(1, int(hist.sum()))
    return float(hist[HIGH:].sum() / total), float(hist[:LOW + 1].sum() / total)


def exposure(grey_pixels: np.ndarray) -> str:
    """"ok", "highlights", "shadows" or "both": which ends of the histogram are clipped
    (a share of pixels above CLIPPED_SHARE at or beyond HIGH / LOW)."""
    return _verdict(*clipped_shares(grey_pixels))


def _verdict(high_share: float, low_share: float) -> str:
    high, low = high_share > CLIPPED_SHARE, low_share > CLIPPED_SHARE
    return "both" if high and low else "highlights" if high else "shadows" if low else "ok"


def scores(picture: Image.Image | np.ndarray) -> dict:
    """{"dhash": str, "sharpness": float (rounded to 0.1), "exposure": str, "clipped": float}
    of one upright photo (a Pillow image or uint8 array, see `grey`); `clipped` is the share
    of pixels clipped at either end (0..1, 4 decimals), which picks between frames of a stack
    that are all "ok" (catalog/stacks.py). About 2 ms for a 512 px thumbnail."""
    g = grey(picture)
    high, low = clipped_shares(g)
    return {"dhash": dhash(g), "sharpness": round(sharpness(g), 1), "exposure": _verdict(high, low),
            "clipped": round(high + low, 4)}
