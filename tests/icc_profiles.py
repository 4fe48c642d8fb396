"""Small ICC v2 profiles written by the tests (Pillow can only create sRGB/LAB/XYZ ones):
matrix/TRC RGB profiles for Adobe RGB (1998) and Display P3, a grey gamma profile, and a CMYK
printer profile whose A2B0 is a 2-point lut16 (a made-up subtractive press, not the naive
255 - C conversion, so a profile that is ignored shows).

Layout per ICC.1:2001-04 (v2.4): 128-byte header, tag table, tags 4-byte aligned. Primaries
from the published specs (Adobe RGB (1998) Color Image Encoding 2005, section 4.3; SMPTE EG
432-1 for P3 with the D65 white of Display P3), adapted to the D50 PCS with Bradford as ICC.1
Annex E asks.
"""

from __future__ import annotations

import struct

import numpy as np
from PIL import Image, ImageCms

D50 = np.array([0.9642, 1.0, 0.8249])
D65_XY = (0.3127, 0.3290)
ADOBE_RGB = ((0.64, 0.33), (0.21, 0.71), (0.15, 0.06))
DISPLAY_P3 = ((0.680, 0.320), (0.265, 0.690), (0.150, 0.060))
_BRADFORD = np.array([[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367],
                      [0.0389, -0.0685, 1.0296]])


def _s15(v: float) -> bytes:
    return struct.pack(">i", int(round(v * 65536)))


def _xyz(values) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in values)


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return (b"desc\0\0\0\0" + struct.pack(">I", len(ascii_)) + ascii_
            + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)


def _text(text: str) -> bytes:
    return b"text\0\0\0\0" + text.encode("ascii") + b"\0"


def _gamma(g: float) -> bytes:
    return b"curv\0\0\0\0" + struct.pack(">IH", 1, int(round(g * 256)))


def _srgb_curve(n: int = 1024) -> bytes:
    """The sRGB transfer function (IEC 61966-2-1) as a sampled curve (Display P3 uses it)."""
    x = np.linspace(0, 1, n)
    y = np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)
    return b"curv\0\0\0\0" + struct.pack(">I", n) + np.round(y * 65535).astype(">u2").tobytes()


def _profile(cls: bytes, space: bytes, pcs: bytes, tags: list[tuple[bytes, bytes]]) -> bytes:
    table = struct.pack(">I", len(tags))
    body = b""
    offset = 128 + 4 + 12 * len(tags)
    for sig, data in tags:
        pad = data + b"\0" * (-len(data) % 4)
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += pad
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + cls + space
              + pcs + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4
              + b"\0" * 4 + b"\0" * 8 + b"\0" * 8 + struct.pack(">I", 0)
              + b"".join(_s15(v) for v in D50) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    return header + table + body


def _colourants(primaries) -> np.ndarray:
    """Columns: the D50-adapted XYZ of R, G, B (ICC.1 Annex E, Bradford)."""
    def xyz(x, y):
        return np.array([x / y, 1.0, (1 - x - y) / y])
    m = np.stack([xyz(*p) for p in primaries], axis=1)
    white = xyz(*D65_XY)
    m = m * np.linalg.solve(m, white)
    adapt = np.linalg.inv(_BRADFORD) @ np.diag((_BRADFORD @ D50) / (_BRADFORD @ white)) @ _BRADFORD
    return adapt @ m


def rgb_profile(name: str) -> bytes:
    """'adobe' (Adobe RGB (1998), gamma 563/256) or 'p3' (Display P3, sRGB curve)."""
    primaries, curve, title = {
        "adobe": (ADOBE_RGB, _gamma(563 / 256), "Adobe RGB (1998) test"),
        "p3": (DISPLAY_P3, _srgb_curve(), "Display P3 test")}[name]
    m = _colourants(primaries)
    tags = [(b"desc", _desc(title)), (b"wtpt", _xyz(D50)), (b"cprt", _text("test profile")),
            (b"rXYZ", _xyz(m[:, 0])), (b"gXYZ", _xyz(m[:, 1])), (b"bXYZ", _xyz(m[:, 2])),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    return _profile(b"mntr", b"RGB ", b"XYZ ", tags)


def grey_profile(gamma: float = 1.8) -> bytes:
    """A grey profile with a plain gamma (like Apple's 'Generic Gray Gamma 1.8')."""
    tags = [(b"desc", _desc(f"Grey gamma {gamma} test")), (b"wtpt", _xyz(D50)),
            (b"cprt", _text("test profile")), (b"kTRC", _gamma(gamma))]
    return _profile(b"mntr", b"GRAY", b"XYZ ", tags)


# a made-up press: what each pure ink alone prints, as sRGB (not 255 - ink)
_INKS = {"c": (0, 150, 215), "m": (225, 20, 130), "y": (255, 235, 20), "k": (40, 35, 45)}


def cmyk_profile() -> bytes:
    """A CMYK output profile: A2B0 = lut16 with 2 grid points per ink; each corner is the
    product of its inks' colours (in linear light), stored as 16-bit v2 Lab (ICC.1 10.9)."""
    corners = []
    for index in range(16):  # C is the slowest-varying input (ICC.1 lut16 CLUT order)
        bits = [(index >> (3 - i)) & 1 for i in range(4)]
        linear = np.ones(3)
        for on, ink in zip(bits, "cmyk"):
            if on:
                linear = linear * _linear(np.array(_INKS[ink]) / 255.0)
        corners.append(_unlinear(linear))
    rgb = Image.fromarray(np.round(np.array(corners) * 255).astype(np.uint8).reshape(1, 16, 3))
    lab = ImageCms.profileToProfile(rgb, ImageCms.createProfile("sRGB"),
                                    ImageCms.createProfile("LAB"), outputMode="LAB")
    arr = np.asarray(lab).reshape(16, 3).astype(np.float64)
    L = arr[:, 0] / 255.0 * 100.0
    a = np.where(arr[:, 1] > 127, arr[:, 1] - 256, arr[:, 1])  # Pillow LAB: a, b signed bytes
    b = np.where(arr[:, 2] > 127, arr[:, 2] - 256, arr[:, 2])
    grid = np.stack([L * 0xFF00 / 100.0, (a + 128) * 256, (b + 128) * 256], axis=1)
    clut = np.clip(np.round(grid), 0, 65535).astype(">u2").tobytes()
    identity = b"".join(_s15(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1))
    lut = (b"mft2\0\0\0\0" + struct.pack(">BBBB", 4, 3, 2, 0) + identity
           + struct.pack(">HH", 2, 2) + np.array([0, 65535] * 4, ">u2").tobytes() + clut
           + np.array([0, 65535] * 3, ">u2").tobytes())
    tags = [(b"desc", _desc("Made-up press CMYK test")), (b"wtpt", _xyz(D50)),
            (b"cprt", _text("test profile")), (b"A2B0", lut)]
    return _profile(b"prtr", b"CMYK", b"Lab ", tags)


def _linear(v):
    return np.where(v <= 0.04045, v / 12.92, ((v + 0.055) / 1.055) ** 2.4)


def _unlinear(v):
    return np.where(v <= 0.0031308, v * 12.92, 1.055 * v ** (1 / 2.4) - 0.055)


def viewer_srgb(im: Image.Image, icc: bytes) -> Image.Image:
    """What a colour-managed viewer shows: the full-size pixels converted through `icc` to sRGB
    by LittleCMS (perceptual intent, as browsers use), RGB."""
    src = ImageCms.ImageCmsProfile(ImageCms.core.profile_frombytes(icc))
    mode = {"RGBA": "RGB", "LA": "L"}.get(im.mode, im.mode)
    return ImageCms.profileToProfile(im.convert(mode), src, ImageCms.createProfile("sRGB"),
                                     renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                     outputMode="RGB")
