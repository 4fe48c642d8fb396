"""Finds bundled resources (fonts, icons) both in a source checkout and in a PyInstaller
bundle, where they live under sys._MEIPASS."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The folder named "resources": <_MEIPASS>/resources when frozen, else the checkout's."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidate = Path(bundle) / "resources"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. resource_path("fonts", "DejaVuSans.ttf").

    Does not check that the file exists; callers that need it should handle a missing file.
    """
    return resources_root().joinpath(*parts)
