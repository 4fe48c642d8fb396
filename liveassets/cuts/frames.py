"""Moving pictures for the render, made where they are cheapest (stills are in stills.py).

Video segments are decoded by the bundled ffmpeg, which also turns phone clips upright (it reads
the display matrix), reframes (crop / blur / fit), scales and resamples to the cut's frame rate
while decoding; frames arrive at the output size, read ahead on a thread. Photos, cards, the
caption and the logo are drawn once with Pillow; overlays are blended over their bounding box
only. Nothing scales a full frame in Python per frame (except a photo's slow zoom).

Frames travel as planar YUV 4:2:0 (BT.709, limited range) arrays of shape (H * 3 / 2, W): the
layout the decoder produces and x264 consumes, so no colour conversion happens per frame and
each frame is half the bytes of RGB (measured: RGB transport cost ~1.3x the CPU of YUV).
`to_i420` / `to_rgb` convert stills and let a viewer show a frame.
"""

from __future__ import annotations

import os
import queue
import subprocess
import tempfile
import threading

import av
import numpy as np
from PIL import ImageColor

from liveassets.cuts.plan import PlanError
from liveassets.media import colour
from liveassets.safe_paths import ffmpeg_url

SAFE_1080x1920 = (120, 288, 888, 1248)  # x0, y0, x1, y1: text-safe box (SPECS.md)


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def rgb(color) -> tuple[int, int, int]:
    return ImageColor.getrgb(color)[:3]


def safe_box(size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The text-safe box scaled to an output size."""
    w, h = size
    x0, y0, x1, y1 = SAFE_1080x1920
    return (round(x0 * w / 1080), round(y0 * h / 1920), round(x1 * w / 1080),
            round(y1 * h / 1920))


COLOR = ":out_color_matrix=bt709:out_range=tv"  # what the encoder tags the output as


def to_i420(rgb_frame: np.ndarray) -> np.ndarray:
    """RGB (H, W, 3) -> planar YUV 4:2:0 BT.709 limited range, shape (H * 3 / 2, W)."""
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb_frame), format="rgb24")
    return frame.reformat(format="yuv420p", dst_colorspace="itu709").to_ndarray()


def to_rgb(i420: np.ndarray) -> np.ndarray:
    """Planar YUV 4:2:0 BT.709 (H * 3 / 2, W) -> RGB (H, W, 3), e.g. for a preview."""
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(i420), format="yuv420p")
    return frame.reformat(format="rgb24", src_colorspace="itu709").to_ndarray()


def planes(i420: np.ndarray):
    """Views (Y, U, V) of a planar 4:2:0 frame."""
    h = i420.shape[0] * 2 // 3
    w = i420.shape[1]
    y = i420[:h]
    chroma = i420[h:].reshape(2, h // 2, w // 2)
    return y, chroma[0], chroma[1]


def _even(v: float) -> int:
    return max(2, int(round(v / 2)) * 2)


def reframe_filter(src: tuple[int, int], out: tuple[int, int], mode: str, x: float = 0.5,
                   color: str = "#000000", fast: bool = False) -> str:
    """ffmpeg filter chain turning upright frames of size src into out (crop, blur or fit)."""
    sw, sh = src
    w, h = out
    flags = (":flags=fast_bilinear" if fast else "") + COLOR
    if mode == "fit" or mode == "blur":
        fit = (f"scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2"
               f"{flags},"
               f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2")
        if mode == "fit":
            r, g, b = rgb(color)
            return f"{fit}:color=0x{r:02x}{g:02x}{b:02x}"
        sw8, sh8 = _even(w / 8), _even(h / 8)
        r = max(1, min(sw8, sh8) // 6)  # boxblur refuses radii past half the chroma plane
        return (f"split[a][b];[a]scale={sw8}:{sh8}:force_original_aspect_ratio=increase{COLOR},"
                f"crop={sw8}:{sh8},boxblur={r}:2,scale={w}:{h}[bg];"
                f"[b]scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2"
                f"{flags}[fg];"
                f"[bg][fg]overlay=(W-w)/2:(H-h)/2")
    # crop: the largest window of the output's shape, placed at x (0..1) across the source;
    # written as expressions of the decoded size, so it holds whatever size ffmpeg hands over
    x = min(1.0, max(0.0, float(x)))
    return (f"crop=w='min(trunc(iw/2)*2,round(ih*{w}/{h}/2)*2)'"
            f":h='min(trunc(ih/2)*2,round(iw*{h}/{w}/2)*2)'"
            f":x='trunc((iw-ow)*{x:.4f}/2)*2':y='trunc((ih-oh)/4)*2',scale={w}:{h}{flags}")


def last_line(log) -> str:
    """The last line ffmpeg wrote into a log file (its error, usually)."""
    log.seek(0)
    lines = log.read().decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


def widen_pipe(pipe, size: int = 1 << 20) -> None:
    """Let a pipe hold a whole frame or more (Linux; default 64 KiB): fewer wake-ups of the
    processes on both ends. Harmless where unsupported."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), size)
    except (ImportError, OSError, AttributeError, ValueError):
        pass


class DecodeError(PlanError):
    """ffmpeg could not give the frames of a segment (damaged file, unsupported codec)."""


class ClipReader:
    """Frames start..end of a video at `fps`, upright and reframed to `size`, read ahead by a
    thread from one ffmpeg process. Frame j is asked for in increasing order; close() kills
    the process at once (used by cancel)."""

    def __init__(self, path: str, start: float, end: float, facts: dict, size, fps: float,
                 mode: str = "crop", x: float = 0.5, color: str = "#000000", fast=False,
                 ahead: int = 6):
        self.size, self.fps, self.path, self.error = size, fps, path, ""
        self.count = max(1, int(round((end - start) * fps)))
        # square pixels first (anamorphic sources), then the cut's frame rate, then reframing
        vf = f"scale='trunc(iw*sar/2)*2':ih,setsar=1,fps={fps}," + reframe_filter((facts["width"], facts["height"]), size, mode, x,
                                           color, fast) + ",format=yuv420p"
        # the source's own colour facts (or the players' convention) stated first, HDR tone
        # mapped to SDR BT.709: every scale after this converts to BT.709 exactly once
        facts_colour = colour.from_facts(facts, path)
        vf = ",".join(f for f in (colour.setparams(facts_colour),
                                  colour.tonemap_filter(facts_colour), vf) if f)
        # two decoder threads keep well ahead of x264 (measured ~125 fps for 1080p H.264 with
        # one) while bounding memory on many-core machines (auto = one frame buffer per core)
        cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-threads", "2", "-ss", f"{start:.3f}",
               "-i", ffmpeg_url(path), "-t", f"{(end - start) + 1 / fps:.3f}", "-an", "-sn",
               "-filter_complex", f"[0:v:0]{vf}[o]", "-map", "[o]",
               "-frames:v", str(self.count), "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"]
        # stderr goes to a file: a damaged clip can make ffmpeg complain on every frame, and a
        # full stderr pipe would stall it (and the render) for good
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._log, bufsize=0)
        widen_pipe(self.proc.stdout)
        self._frames: queue.Queue = queue.Queue(maxsize=ahead)
        # a ring of reused buffers (no fresh 3 MB allocation and page faults per frame): the
        # frame handed out stays valid until the next call to frame()
        self._free: queue.Queue = queue.Queue()
        for _ in range(ahead + 3):
            self._free.put(bytearray(size[0] * size[1] * 3 // 2))
        self._buffer = None  # the bytearray behind the frame last handed out
        self._closed = False
        self._index, self._last, self._ended = -1, None, False
        self._thread = threading.Thread(target=self._pump, daemon=True, name="cut-reader")
        self._thread.start()

    def _pump(self) -> None:
        w, h = self.size
        nbytes = w * h * 3 // 2
        stream = self.proc.stdout
        try:
            for _ in range(self.count):
                buf = None
                while buf is None and not self._closed:
                    try:
                        buf = self._free.get(timeout=0.2)
                    except queue.Empty:
                        continue
                if buf is None:
                    break
                view, got = memoryview(buf), 0
                while got < nbytes:
                    n = stream.readinto(view[got:])
                    if not n:
                        break
                    got += n
                if got < nbytes or self._closed:
                    break
                frame = (np.frombuffer(buf, np.uint8).reshape(h * 3 // 2, w), buf)
                while not self._closed:
                    try:
                        self._frames.put(frame, timeout=0.2)
                        break
                    except queue.Full:
                        continue
        except (OSError, ValueError):
            pass
        finally:
            if not self._closed:
                if self._index < 0 and self._frames.empty():
                    self.proc.wait()
                    if self.proc.returncode:
                        self.error = last_line(self._log) or "ffmpeg failed"
                self._frames.put(None)

    def frame(self, j: int) -> np.ndarray:
        """Frame j (0-based) of the segment; past the end of the source, its last frame."""
        while self._index < j and not self._ended:
            item = self._frames.get()
            if item is None:
                self._ended = True
                break
            if self._buffer is not None:
                self._free.put(self._buffer)
            (self._last, self._buffer), self._index = item, self._index + 1
        if self._last is None and self.error:
            raise DecodeError(f"Cannot decode {os.path.basename(self.path)}: {self.error}")
        if self._last is None:  # nothing decoded at all: black rather than a crash
            self._last = black(self.size)
        return self._last

    def close(self) -> None:
        self._closed = True
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self._thread.join(timeout=2)
        self.proc.stdout.close()
        self._log.close()


def black(size) -> np.ndarray:
    w, h = size
    frame = np.full((h * 3 // 2, w), 128, np.uint8)
    frame[:h] = 16
    return frame


def blend(a: np.ndarray, b: np.ndarray, alpha: float) -> np.ndarray:
    """a faded into b by alpha (0 = a, 1 = b), in 8-bit fixed point."""
    k = int(round(alpha * 256))
    out = a.astype(np.uint16) * (256 - k)
    out += b.astype(np.uint16) * k
    out >>= 8
    return out.astype(np.uint8)
