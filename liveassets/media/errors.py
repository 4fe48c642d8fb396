"""The one exception type media code raises for bad input (MediaError, a message a person
understands) and the helpers that turn low-level failures into such messages."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager

from liveassets.errors import UserError
from liveassets.shorten import shorten


class MediaError(UserError):
    """A file that cannot be read as the photo, video or audio it claims to be.

    str(error) is a complete sentence for a person, naming the problem and what to do, e.g.
    "This file is empty (0 bytes); copy it again from the camera or phone."
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


_LABELS = {".jpg": "JPEG image", ".jpeg": "JPEG image", ".png": "PNG image", ".heic": "HEIC photo",
           ".heif": "HEIF photo", ".webp": "WebP image", ".tif": "TIFF image", ".tiff": "TIFF image",
           ".gif": "GIF image"}
_KIND_WORDS = {"image": "image", "video": "video", "audio": "audio file"}

EMPTY = "This file is empty (0 bytes); copy it again from the camera or phone."
VIDEO_TRUNCATED = "The video is incomplete (cut off during copy?): re-copy it from the source."
PHOTO_TRUNCATED = "The photo is incomplete (cut off during copy?): re-copy it from the source."
FILE_TRUNCATED = "The file is incomplete (cut off during copy?): re-copy it from the source."


def label_for(path, kind: str | None) -> str:
    """A name for what the file claims to be, e.g. "JPEG image", "MOV video"."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext in _LABELS:
        return _LABELS[ext]
    word = _KIND_WORDS.get(kind or "", "media file")
    return f"{ext[1:].upper()} {word}" if ext else word


def _sniff(head: bytes) -> str | None:
    """What the first bytes look like when they are clearly not media, else None."""
    if not head:
        return None
    if head.count(0) == len(head):
        return "only zero bytes (the copy was probably interrupted); copy it again from the source"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")):
        return "a web page or XML, not media (a failed download?); download it again"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character may be cut at the end of the sample.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return None
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if text and printable / len(text) > 0.95:
        return "text. Check it opens in another app"
    return None


def unreadable(path, kind: str | None, detail: str | None = None) -> MediaError:
    """MediaError for a file that could not be opened as its kind, naming what it looks like."""
    if detail and "truncated" in detail.lower():
        return MediaError({"video": VIDEO_TRUNCATED, "image": PHOTO_TRUNCATED}.get(
            kind or "", FILE_TRUNCATED))
    label = label_for(path, kind)
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    looks = _sniff(head)
    if looks:
        return MediaError(f"Not a readable {label}: the file looks like {looks}.")
    why = f" ({detail})" if detail else ""
    return MediaError(f"Not a readable {label}: the file is damaged or in an unsupported "
                      f"format{why}. Check it opens in another app; if not, copy it again "
                      "from the source.")


def detail(exc: BaseException) -> str:
    """A short, path-free reason from a library exception (FFmpeg's strerror when present)."""
    text = getattr(exc, "strerror", None) or str(exc).strip() or type(exc).__name__
    text = re.sub(r"\s*'[^']*[/\\][^']*'", "", text)  # Pillow quotes the path: drop it
    return shorten(text, 119)


def bomb(pixels: int) -> MediaError:
    """MediaError for an image whose declared size is too large to decode safely."""
    return MediaError(f"Image is too large to open safely ({pixels / 1e6:.0f} megapixels); "
                      "it may be damaged or a decompression bomb.")


def bomb_from(exc: Exception, fallback: int) -> MediaError:
    """bomb() for Pillow's DecompressionBombError/Warning, with the pixel count it names."""
    counts = [int(n) for n in re.findall(r"\d{6,}", str(exc))]
    return bomb(counts[0] if counts else fallback)


def check_readable(path) -> int:
    """Size in bytes of path; MediaError when it is missing, unreadable or empty."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise MediaError("The file is missing (moved, renamed or deleted?); "
                         "rescan the folder.") from None
    except OSError as exc:
        raise MediaError(f"The file can't be read ({exc.strerror or exc}); "
                         "check the drive is connected and you have permission.") from None
    if not os.path.isfile(path):
        raise MediaError("This is not a regular file (a folder or device?); it can't be indexed.")
    if st.st_size == 0:
        raise MediaError(EMPTY)
    if not os.access(path, os.R_OK):
        raise MediaError("The file can't be read (permission denied); check its permissions.")
    return st.st_size


@contextmanager
def av_opened(path: str, kind: str, layout=None, cut_off: str = VIDEO_TRUNCATED):
    """av.open(path) for reading, closed afterwards; any failure, opening or reading, becomes a
    MediaError saying what to do (`cut_off` when the MP4 `layout` shows no moov box)."""
    import av

    try:
        container = av.open(path, metadata_errors="ignore")
    except Exception as exc:  # av.error.InvalidDataError etc.
        if layout is not None and not layout.has_moov:
            raise MediaError(cut_off) from None
        raise unreadable(path, kind, detail(exc)) from None
    try:
        yield container
    except MediaError:
        raise
    except Exception as exc:
        raise unreadable(path, kind, detail(exc)) from None
    finally:
        container.close()
