"""Where libraries live: the default folder, the one opened last, and the demo campaign in one.

The last library is remembered in a small JSON file in the user's config folder (not in Qt's
settings), so the window and the command line agree on it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from liveassets.atomic import write_bytes_atomic

DEMO_FOLDER = "Demo campaign"


def default_library_dir() -> Path:
    return Path(user_data_dir("LiveAssets", appauthor=False)) / "Library"


def _state_file() -> Path:
    override = os.environ.get("LIVEASSETS_CONFIG")
    folder = Path(override) if override else Path(user_config_dir("LiveAssets", appauthor=False))
    return folder / "state.json"


def last_library() -> Path | None:
    """The library opened last, or None (first run, or the remembered one is gone)."""
    try:
        path = Path(json.loads(_state_file().read_text(encoding="utf-8"))["last_library"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if path.is_dir() else None


def remember_library(path: Path) -> None:
    """Note the library the user opened; failing to save this is never an error."""
    state = _state_file()
    try:
        state.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(state, json.dumps({"last_library": str(Path(path).resolve())})
                           .encode("utf-8"))
    except OSError:
        pass


def demo_folder(library: Path) -> Path:
    return Path(library) / DEMO_FOLDER
