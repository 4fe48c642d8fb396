"""Clips whose true colours are known: a grid of RGB patches encoded with the bundled ffmpeg
in a chosen matrix, range and tagging (SDR), or turned into HLG / PQ HDR with the issue's
recipe (zscale to BT.2020, libx265 Main10 with the HDR tags)."""

from __future__ import annotations

import subprocess

import imageio_ffmpeg
import numpy as np

# 75 % bars, the untagged green and red, a skin tone, a dark grey: what the source
# shows (sRGB-ish 8-bit, as a tag-honouring player displays it)
PATCHES = [(191, 191, 191), (191, 191, 0), (0, 191, 191), (0, 191, 0),
           (191, 0, 191), (191, 0, 4), (0, 127, 0), (224, 172, 140)]
BRIGHT = [(253, 0, 0), (0, 220, 0), (173, 0, 173), (60, 60, 60)]
COLS, ROWS = 4, 2


def patch_picture(size, patches) -> np.ndarray:
    w, h = size
    arr = np.zeros((h, w, 3), np.uint8)
    for i, c in enumerate(patches):
        x, y = i % COLS, i // COLS
        arr[y * h // ROWS:(y + 1) * h // ROWS, x * w // COLS:(x + 1) * w // COLS] = c
    return arr


def patch_centres(size):
    """(x, y) pixel centres of the patches in a picture of `size` showing the whole frame."""
    w, h = size
    return [(int((i % COLS + 0.5) * w / COLS), int((i // COLS + 0.5) * h / ROWS))
            for i in range(COLS * ROWS)]


def make_colour_clip(path, size=(1280, 720), case="bt709", patches=PATCHES,
                     seconds=0.5, fps=10) -> str:
    """case: "bt709" (tagged BT.709 limited), "untagged" (written in the players' convention
    for its size: BT.709 for HD, BT.601 for SD, no tags), "bt601" (tagged SMPTE 170M),
    "full" (tagged BT.709 full range), "hlg", "pq" (BT.2020 HDR, 10-bit HEVC)."""
    w, h = size
    hd = w >= 1280 or h >= 720
    frames = int(seconds * fps)
    raw = patch_picture(size, patches).tobytes() * frames
    src = ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-r", str(fps), "-i", "-"]
    x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-qp", "0"]
    if case in ("hlg", "pq"):
        t = {"hlg": "arib-std-b67", "pq": "smpte2084"}[case]
        vf = ("scale=out_color_matrix=bt709:out_range=tv,format=yuv444p,"
              "setparams=color_primaries=bt709:color_trc=bt709:colorspace=bt709:range=tv,"
              "zscale=t=linear:npl=203,format=gbrpf32le,"
              f"zscale=p=bt2020:t={t}:m=bt2020nc:r=tv,format=yuv420p10le")
        enc = ["-c:v", "libx265", "-crf", "4", "-x265-params",
               f"colorprim=bt2020:transfer={t}:colormatrix=bt2020nc:log-level=error"]
    elif case == "untagged":
        m = "bt709" if hd else "bt601"
        vf = (f"scale=out_color_matrix={m}:out_range=tv,format=yuv420p,"
              "setparams=color_primaries=unknown:color_trc=unknown:colorspace=unknown")
        enc = x264
    else:
        m, p, r = {"bt709": ("bt709", "bt709", "tv"), "full": ("bt709", "bt709", "pc"),
                   "bt601": ("bt601", "smpte170m", "tv")}[case]
        cs = "bt709" if m == "bt709" else "smpte170m"
        vf = (f"scale=out_color_matrix={m}:out_range={r},format=yuv420p,"
              f"setparams=color_primaries={p}:color_trc={p}:colorspace={cs}:range={r}")
        enc = x264
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", *src, "-vf", vf, *enc,
           "-an", str(path)]
    subprocess.run(cmd, input=raw, check=True, capture_output=True)
    return str(path)
