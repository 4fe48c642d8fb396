"""Which files are media: extension sets, kind_for(path) by extension, and the names
(hidden files, AppleDouble, OS junk) that a scan should skip."""

from __future__ import annotations

import os

IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp", ".tif", ".tiff", ".gif"}
VIDEO_EXTS = {".mp4", ".mov", ".m4v", ".webm", ".mkv"}
AUDIO_EXTS = {".m4a", ".mp3", ".wav", ".aac", ".flac", ".ogg"}

_JUNK_NAMES = {"thumbs.db", "desktop.ini", ".ds_store", "ehthumbs.db"}


def kind_for(path) -> str | None:
    """"image", "video" or "audio" from the lower-cased extension of path; None otherwise."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext in IMAGE_EXTS:
        return "image"
    if ext in VIDEO_EXTS:
        return "video"
    if ext in AUDIO_EXTS:
        return "audio"
    return None


def is_ignored_name(name: str) -> bool:
    """True for names a scan skips: hidden (".x", which covers "._x" AppleDouble files and
    ".DS_Store") and Windows junk ("Thumbs.db", "desktop.ini"), case-insensitively."""
    base = os.path.basename(name.rstrip("/\\")) or name
    return base.startswith(".") or base.lower() in _JUNK_NAMES
