"""Colour facts of a video stream and the one conversion of its pixels to BT.709 SDR, used
everywhere pixels are made (thumbnails, posters, renders), including HDR tone mapping.

Why: swscale (ffmpeg's scale, PyAV's reformat / to_image) assumes BT.601 for every input and
output unless told otherwise, so an HD clip decoded with defaults shifts colours (green 220 ->
253, magenta 173 -> 158 measured). Players instead honour the stream's tags and, for untagged
video, treat HD (720p and up) as BT.709 and SD as BT.601 (SPECS.md, "Colour that players and
viewers show"). HDR (HLG `arib-std-b67`, PQ `smpte2084`, BT.2020) shown without tone mapping
looks washed out (75 % white 192 -> 156).
"""

from __future__ import annotations

import numpy as np

# FFmpeg's AVColor* enum values (libavutil/pixfmt.h), as PyAV reports them on codec contexts
_PRIMARIES = {1: "bt709", 5: "bt470bg", 6: "smpte170m", 9: "bt2020", 12: "smpte432"}
_TRC = {1: "bt709", 6: "smpte170m", 13: "iec61966-2-1", 14: "bt2020-10", 15: "bt2020-12",
        16: "smpte2084", 18: "arib-std-b67", 4: "gamma22", 5: "gamma28"}
_MATRIX = {1: "bt709", 5: "bt470bg", 6: "smpte170m", 9: "bt2020nc", 10: "bt2020c", 0: "gbr"}
_RANGE = {1: "tv", 2: "pc"}

# Tone mapping (HDR -> SDR BT.709), the single definition used by renders (ffmpeg filter) and
# by single frames (numpy). Linear light is normalised so 1.0 = NOMINAL_NITS: measured with
# the bundled ffmpeg, 100 makes the generated HLG/PQ bars (smptehdbars through zscale)
# come back within 2 levels of the SDR bars, i.e. SDR-range content passes unchanged; mobius
# keeps everything below MOBIUS_KNEE linear and rolls highlights off smoothly to the peak.
NOMINAL_NITS = 100
MOBIUS_KNEE = 0.8


def is_hd(width: int | None, height: int | None) -> bool:
    """The players' convention for untagged video: HD (>= 1280 wide or >= 720 high) is BT.709,
    anything smaller BT.601 (SPECS.md)."""
    return (width or 0) >= 1280 or (height or 0) >= 720


def stream_colour(codec_context, width: int | None = None, height: int | None = None) -> dict:
    """Colour facts of a decoded video stream (PyAV codec context or frame): dict with
    `matrix` (ffmpeg names: bt709, smpte170m, bt470bg, bt2020nc, ...), `range` (tv/pc),
    `primaries`, `transfer`, `hdr` ("none", "hlg", "pq") and `tagged` (bool: the matrix was
    written in the file). Untagged values follow the players' convention (is_hd)."""
    w = width or getattr(codec_context, "width", 0)
    h = height or getattr(codec_context, "height", 0)
    hd = is_hd(w, h)
    matrix = _MATRIX.get(int(codec_context.colorspace or 2))
    trc = _TRC.get(int(codec_context.color_trc or 2))
    prim = _PRIMARIES.get(int(codec_context.color_primaries or 2))
    rng = _RANGE.get(int(codec_context.color_range or 0))
    fmt = getattr(getattr(codec_context, "format", None), "name", "") or ""
    if fmt.startswith("yuvj"):  # JPEG-style pixel formats are full range by definition
        rng = rng or "pc"
    hdr = {"arib-std-b67": "hlg", "smpte2084": "pq"}.get(trc or "", "none")
    default = "bt709" if hd else "smpte170m"
    if hdr != "none":
        default = "bt2020nc"
    return {"matrix": matrix or default, "range": rng or "tv",
            "primaries": prim or ("bt2020" if hdr != "none" else default.replace("nc", "")),
            "transfer": trc or ("bt709" if hd else "smpte170m"), "hdr": hdr,
            "tagged": matrix is not None}


def colour_facts(codec_context) -> dict:
    """The catalog facts for a video stream: {"hdr": "none"|"hlg"|"pq", "colour": {matrix,
    range, primaries, transfer, tagged}} (see stream_colour)."""
    c = stream_colour(codec_context)
    return {"hdr": c.pop("hdr"), "colour": c}


def from_facts(facts: dict, path: str | None = None) -> dict:
    """stream_colour's dict from probe facts; facts from before colour was recorded (no
    "colour" key) are read from `path` again (raises av errors if it cannot be opened)."""
    if facts.get("colour"):
        return {**facts["colour"], "hdr": facts.get("hdr") or "none"}
    import av

    with av.open(path, metadata_errors="ignore") as container:
        return stream_colour(container.streams.video[0].codec_context)


def setparams(colour: dict) -> str:
    """ffmpeg `setparams` filter stating these facts on every frame, so the scale filters
    (whose in_color_matrix defaults to the frame's tags, BT.601 when untagged) and zscale read
    the frames the way players do."""
    prim = colour["primaries"] if colour["primaries"] in _PRIMARIES.values() else "bt709"
    trc = colour["transfer"] if colour["transfer"] in _TRC.values() else "bt709"
    return (f"setparams=range={colour['range']}:color_primaries={prim}:color_trc={trc}"
            f":colorspace={colour['matrix']}")


def tonemap_filter(colour: dict) -> str:
    """ffmpeg filter chain (comma-joined, ending in yuv420p BT.709 limited range, tagged) that
    tone maps HDR frames with these facts to SDR; "" for SDR. Needs zscale (the bundled
    imageio-ffmpeg build has it)."""
    if colour.get("hdr", "none") == "none":
        return ""
    t = {"hlg": "arib-std-b67", "pq": "smpte2084"}[colour["hdr"]]
    return (f"zscale=tin={t}:pin=bt2020:min=bt2020nc:rin={colour['range']}"
            f":t=linear:npl={NOMINAL_NITS},format=gbrpf32le,zscale=p=bt709,"
            f"tonemap=mobius:param={MOBIUS_KNEE}:desat=0,"
            "zscale=t=bt709:m=bt709:r=tv,format=yuv420p")


# ------------------------------------------------------------------ single frames (numpy)

_BT2020_TO_709 = np.array([[1.6605, -0.5876, -0.0728],
                           [-0.1246, 1.1329, -0.0083],
                           [-0.0182, -0.1006, 1.1187]])  # ITU-R BT.2087 table


def _hlg_to_linear(e: np.ndarray) -> np.ndarray:
    """BT.2100 HLG inverse OETF (scene light 0..1), then a 1000 cd/m2 display's gamma 1.2,
    scaled so 1.0 = NOMINAL_NITS. The gamma is applied per component, as zscale (zimg) does it:
    measured, the luminance-based BT.2100 OOTF puts 75 % red 30 levels away from the renders."""
    a, b, c = 0.17883277, 0.28466892, 0.55991073
    e = np.clip(e, 0, 1)
    scene = np.where(e <= 0.5, e * e / 3, (np.exp((e - c) / a) + b) / 12)
    display = np.power(scene, 1.2)
    return display * 1000 / NOMINAL_NITS


def _pq_to_linear(e: np.ndarray) -> np.ndarray:
    """SMPTE ST 2084 EOTF, scaled so 1.0 = NOMINAL_NITS."""
    m1, m2, c1, c2, c3 = 0.1593017578125, 78.84375, 0.8359375, 18.8515625, 18.6875
    p = np.power(np.clip(e, 0, 1), 1 / m2)
    return np.power(np.maximum(p - c1, 0) / (c2 - c3 * p), 1 / m1) * 10000 / NOMINAL_NITS


def _mobius(x: np.ndarray, peak: float, j: float = MOBIUS_KNEE) -> np.ndarray:
    """ffmpeg vf_tonemap's mobius curve (libavfilter/vf_tonemap.c), same constants."""
    if peak <= j:
        return x
    a = -j * j * (peak - 1) / (j * j - 2 * j + peak)
    b = (j * j - 2 * j * peak + peak) / max(peak - 1, 1e-6)
    return np.where(x <= j, x, (b * b + 2 * b * j + j * j) / (b - a) * (x + a) / (x + b))


def _bt1886_inverse(x: np.ndarray) -> np.ndarray:
    """Linear display light -> BT.709 signal the way zscale's `t=bt709` does it (the inverse
    of the BT.1886 EOTF, pure gamma 2.4), so frames match renders."""
    return np.power(np.clip(x, 0, 1), 1 / 2.4)


def frame_to_rgb(frame, width: int, height: int, colour: dict | None = None) -> np.ndarray:
    """A PyAV VideoFrame as BT.709 SDR RGB uint8 (height, width, 3), the way a tag-honouring
    player shows it: its own matrix and range (untagged: the HD/SD convention), HDR tone
    mapped with the same curve as tonemap_filter. Keep width/height small (<= 512 px): HDR
    frames are converted in numpy."""
    colour = colour or stream_colour(frame, frame.width, frame.height)
    space = {"bt709": "itu709", "bt2020nc": "bt2020", "bt2020c": "bt2020",
             "smpte240m": "smpte240m", "fcc": "fcc"}.get(colour["matrix"], "itu601")
    rng = "JPEG" if colour["range"] == "pc" else "MPEG"
    if colour["hdr"] == "none":
        return frame.reformat(width=width, height=height, format="rgb24", src_colorspace=space,
                              src_color_range=rng, dst_colorspace=space,
                              dst_color_range="JPEG", interpolation="AREA").to_ndarray()
    rgb = frame.reformat(width=width, height=height, format="rgb48le", src_colorspace=space,
                         src_color_range=rng, dst_colorspace=space, dst_color_range="JPEG",
                         interpolation="AREA").to_ndarray().astype(np.float32) / 65535.0
    linear = _hlg_to_linear(rgb) if colour["hdr"] == "hlg" else _pq_to_linear(rgb)
    peak = (1000 if colour["hdr"] == "hlg" else 10000) / NOMINAL_NITS
    linear = np.clip(linear @ _BT2020_TO_709.T, 0, None)
    # vf_tonemap applies the curve to the largest component and scales all three by it
    sig = linear.max(axis=-1, keepdims=True)
    mapped = _mobius(sig, peak) / np.maximum(sig, 1e-6) * linear
    return np.round(_bt1886_inverse(mapped) * 255).astype(np.uint8)
