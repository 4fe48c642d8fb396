"""The base of every error a user can cause: the CLI prints it as one line, the window as a
message. `disk_message` turns an OSError a user can cause into such a line."""

from __future__ import annotations

import errno
import os

# What to do for each errno a user can cause (full disk, read-only card, missing folder...).
# Wording is ours; the errno meanings are POSIX (errno.h) and Windows' C runtime equivalents.
_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space (or pick another folder) and try again",
    errno.EDQUOT: "the disk quota is used up: free some space (or pick another folder) and try again",
    errno.EROFS: "the disk is read-only: pick a folder on a writable disk",
    errno.EACCES: "permission denied: pick a folder you may write to, or fix its permissions",
    errno.EPERM: "not permitted: pick a folder you may write to, or fix its permissions",
    errno.ENOENT: "it was not found: check the path (was a drive unplugged?)",
    errno.ENOTDIR: "a part of the path is a file, not a folder: check the path",
    errno.EISDIR: "it is a folder, not a file: name a file",
    errno.EEXIST: "it already exists: pick another name",
    errno.ENAMETOOLONG: "the name is too long for the disk: use a shorter name (at most 255 "
                        "bytes per name)",
    errno.EIO: "the disk reported a read/write error: check the drive and try again",
    errno.EMFILE: "too many files are open: close other programs and try again",
    errno.ENXIO: "the device is not there: check the path (was a drive unplugged?)",
    errno.ETXTBSY: "another program is using it: close it and try again",
    errno.EFBIG: "the file is too big for this disk's format: pick a disk formatted as exFAT or NTFS",
}


def disk_message(exc: OSError, doing: str = "", path: str | os.PathLike | None = None) -> str:
    """One line for an OSError: what failed, on which path, and what to do.

    `doing` is a short phrase ("write the render", "make thumbnails in"); `path` defaults to the
    exception's own filename. Returns e.g. "Cannot write the render /x/a.mp4: the disk is full:
    free some space (or pick another folder) and try again."
    """
    where = path if path is not None else (exc.filename if exc.filename is not None else "")
    where = os.fsdecode(where) if where != "" else ""
    head = "Cannot " + (doing or "use") + (f" {where}" if where else "")
    advice = _ADVICE.get(exc.errno) if exc.errno is not None else None
    if advice is None:
        advice = (exc.strerror or str(exc) or type(exc).__name__).rstrip(".")
    return f"{head}: {advice}."


class UserError(Exception):
    """A bad input, a missing file, a blocked export: says what and what to do; never a bug."""


class DiskError(UserError):
    """An OSError a user can cause (full disk, read-only folder, too-long name), as one line;
    `.errno` keeps the cause's errno."""

    def __init__(self, exc: OSError, doing: str = "", path=None):
        super().__init__(disk_message(exc, doing, path))
        self.errno = exc.errno
