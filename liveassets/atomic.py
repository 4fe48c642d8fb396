"""The app's one atomic write: a file lands whole or not at all (temporary file in the same
folder, flushed, fsynced, moved into place), with the permissions the user's umask gives a new
file, like any other program's output (so a team folder's sheet opens for teammates). An existing
file is never replaced unless asked, and a file the library indexes never (`originals`)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from liveassets import temps
from liveassets.errors import DiskError, UserError, disk_message
from liveassets.originals import refuse_original


class ExportError(UserError):
    pass


def umask_mode(mode: int = 0o666) -> int:
    """`mode` less the process umask: what open() would give a new file. tempfile.mkstemp
    makes files 0600 (Python docs), so every temporary that becomes a user's file is chmodded
    to this before it is moved into place. Read without a race-free API: os.umask is the only
    portable way, and it is set back at once."""
    current = os.umask(0o022)
    os.umask(current)
    return mode & ~current


def check_target(path: Path, force: bool, catalog=None) -> Path:
    """Raises ExportError when `path` exists (unless force), is a folder, has no folder, or
    is an original the catalog indexes (even with force)."""
    path = Path(path).expanduser()
    refuse_original(path, catalog)
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


def write_atomic(path: str | Path, write: Callable[[Path], None], force: bool = False,
                 catalog=None) -> Path:
    """Call `write(temp_path)` to fill a temporary file, then move it to `path` with the
    umask's permissions. Raises ExportError (one line for the user) on any OSError."""
    path = check_target(Path(path), force, catalog)
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
        os.chmod(tmp, umask_mode())
        if force:
            os.replace(tmp, path)
        else:
            _place_new(tmp, path)
        fsync_dir(path.parent)
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


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` atomically (umask permissions); OSError passes through.
    For the app's own files (plans, settings), which are replaced without asking."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, umask_mode())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; a no-op where folders cannot be opened)."""
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
