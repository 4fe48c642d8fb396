"""Where libraries live: the default folder for this user, and the demo campaign inside one."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

DEMO_FOLDER = "Demo campaign"


def default_library_dir() -> Path:
    return Path(user_data_dir("LiveAssets", appauthor=False)) / "Library"


def demo_folder(library: Path) -> Path:
    return Path(library) / DEMO_FOLDER
