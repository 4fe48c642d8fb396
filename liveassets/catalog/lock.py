"""One writer per library: an exclusive lock on the library folder itself.

A lock *file* (the old `.lock`, filelock's way) stops protecting the library the moment a user or
a sync tool deletes it: the next writer creates a new file and locks that. A POSIX `flock` on the
folder's own descriptor cannot be deleted out from under the writer, and the kernel drops it when
the process dies (kill -9 included). Where folders cannot be locked (Windows) the lock file stays,
and `check()` refuses to write once it is gone or replaced. Readers take no lock (storage.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

from liveassets.catalog.errors import LibraryLockedError
from liveassets.catalog.storage import StorageError

LOCK_FILE = ".lock"


def _locked_message(folder: Path) -> str:
    return (f"The library {folder} is open in another LiveAssets window or command. Close it "
            "there and try again (reading commands such as `list` work beside it).")


class LibraryLock:
    """Held from construction until `release()`; raises LibraryLockedError if another has it."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._fd: int | None = None
        self._file: FileLock | None = None
        self._file_id = None
        try:
            if hasattr(os, "O_DIRECTORY"):
                self._lock_folder()
            else:
                self._lock_file()
        except OSError as exc:
            if isinstance(exc, StorageError):
                raise
            raise StorageError(f"Cannot open the library {self.folder}: {exc.strerror or exc}. "
                               "Check that the folder exists and can be read.") from None

    def _lock_folder(self) -> None:
        import fcntl

        fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LibraryLockedError(_locked_message(self.folder)) from None
        except OSError:
            os.close(fd)
            raise
        self._fd = fd

    def _lock_file(self) -> None:
        lock = FileLock(str(self.folder / LOCK_FILE), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise LibraryLockedError(_locked_message(self.folder)) from None
        self._file = lock
        self._file_id = os.stat(self.folder / LOCK_FILE).st_ino

    @property
    def held(self) -> bool:
        return self._fd is not None or self._file is not None

    def check(self) -> None:
        """Raise StorageError if this writer may no longer have the library to itself."""
        if self._file is None:
            return  # a folder lock cannot be taken away while we live
        try:
            same = os.stat(self.folder / LOCK_FILE).st_ino == self._file_id
        except OSError:
            same = False
        if not same:
            raise StorageError(
                f"The lock file of the library {self.folder} was removed, so another window may "
                "be writing to it; this edit was not saved. Close LiveAssets everywhere and "
                "open the library again.")

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None
        if self._file is not None:
            self._file.release()
            self._file = None
