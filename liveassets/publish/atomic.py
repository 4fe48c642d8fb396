"""Export files land whole or not at all: written to a temporary file in the same folder,
flushed, fsynced, then moved into place. An existing file is never replaced unless asked."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from liveassets import temps
from liveassets.errors import DiskError, UserError, disk_message


class ExportError(UserError):
    pass


def check_target(path: Path, force: bool) -> Path:
    path = Path(path).expanduser()
    if path.exists() and not force:
        raise ExportError(f"{path} exists already: pick another name, or pass --force to "
                          "replace it.")
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name.")
    if path.exists() and not path.is_file():
        # a device or FIFO: os.replace would swap it for our file (as root, /dev/zero itself)
        raise ExportError(f"{path} is not a regular file (a device or pipe?): LiveAssets only "
                          "replaces files. Give a file name.")
    if len(os.fsencode(path.name)) > 255:  # most disks' limit per name (ext4, APFS, NTFS, exFAT)
        raise ExportError(f"The name {path.name[:40]}… is {len(os.fsencode(path.name))} bytes "
                          "long; disks allow at most 255. Use a shorter name.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist: create it first.")
    return path


def write_atomic(path: str | Path, write: Callable[[Path], None], force: bool = False) -> Path:
    """Call `write(temp_path)` to fill a temporary file, then move it to `path`."""
    path = check_target(Path(path), force)
    temps.sweep(path.parent)  # what a killed export left here (temps.py)
    try:
        tmp = Path(temps.work_path(path, ".tmp"))  # names its owner, so a crash's is found
    except DiskError as exc:
        raise ExportError(str(exc)) from None
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            fh.flush()
            os.fsync(fh.fileno())
        if force:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        raise ExportError(disk_message(exc, "write", path)) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _place_new(tmp: Path, path: Path) -> None:
    """Move into place only if nothing appeared there meanwhile (a hard link fails if so)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExportError(f"{path} appeared while exporting: pick another name, or pass "
                          "--force to replace it.") from None
    except OSError:  # file systems without hard links (FAT, some network drives)
        if path.exists():
            raise ExportError(f"{path} exists already: pass --force to replace it.") from None
        os.replace(tmp, path)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows cannot open folders
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
