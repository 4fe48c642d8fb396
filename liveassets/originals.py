"""The one check every writing command makes before it writes: is this path a user's original
that the library indexes? Originals are read-only (HOUSE.md): no `--force` replaces one. Files
the app made itself (renders, marked `made_by` when indexed) may be replaced as asked."""

from __future__ import annotations

import os

from liveassets.errors import UserError


class OriginalError(UserError):
    """Raised when a command would write over an indexed original."""


def indexed_original(path: str | os.PathLike, catalog) -> dict | None:
    """The asset document whose file is `path` (same absolute or resolved path), or, for a
    folder, of an original inside it; None if there is none. Renders the app made are not
    originals. Cost: two index look-ups; a folder scans the catalog once."""
    if catalog is None:
        return None
    path = os.path.abspath(os.fspath(path))
    candidates = {path, os.path.realpath(path)}
    for candidate in candidates:
        asset = catalog.by_path(candidate)
        if asset is not None and not asset.get("made_by"):
            return asset
    if os.path.isdir(path):  # a folder that would be replaced: any original inside it
        prefixes = tuple(c.rstrip(os.sep) + os.sep for c in candidates)
        for asset in catalog.all():
            if asset["path"].startswith(prefixes) and not asset.get("made_by"):
                return asset
    return None


def refuse_original(path: str | os.PathLike, catalog) -> None:
    """Raise OriginalError (one line naming the file) if `path` is an indexed original."""
    asset = indexed_original(path, catalog)
    if asset is not None:
        from liveassets.safe_paths import shown

        raise OriginalError(f"{shown(os.fspath(path))} is an original in the library; "
                            "LiveAssets never writes over originals. Pick another output name.")
