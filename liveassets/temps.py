"""Hidden work files beside an output (partial renders, mixed sound, packs being built) whose
names say which process owns them, so the next run can remove what a dead process left.

Why: a render, quick export or pack writes to a hidden temporary name and renames at the end;
a crash or SIGKILL skips the cleanup and leaves it (issue #11: 124 MB of partial renders and
~1 GB of `.part.wav` for one long render). Names look like `.clip.mp4.la4242-1839221.1f3a9c0e
.part.mp4`: `la<pid>-<start>` where start is the process's start time in clock ticks since boot
(field 22 of /proc/PID/stat, proc(5)), so a pid reused by another program does not keep a dead
render's file alive, and a live render's file is never touched. Where /proc is missing (macOS,
Windows) start is 0 and an owner counts as dead only when its pid is gone (POSIX kill(pid, 0))
or, on Windows, when the file is older than STALE_SECONDS.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
import time
from pathlib import Path

from liveassets.errors import DiskError
from liveassets.shorten import shorten

PREFIX_BYTES = 60  # of the output's name kept in the work file's (a 255-byte name must fit)
STALE_SECONDS = 7 * 24 * 3600  # Windows only: no render runs for a week
_NAME = re.compile(r"^\..*\.la(\d+)-(\d+)\.[0-9a-f]{8}(\.[\w.]+)$")


def _start_ticks(pid: int) -> int | None:
    """Start time of `pid` in clock ticks since boot (None: no such process); 0 without /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None if os.path.isdir("/proc/self") else 0
    except OSError:
        return 0
    return int(stat[stat.rindex(")") + 2:].split()[19])  # field 22, counted after "pid (comm)"


def owner_tag() -> str:
    """`la<pid>-<start>` for this process."""
    return f"la{os.getpid()}-{_start_ticks(os.getpid()) or 0}"


def work_path(out: str | os.PathLike, suffix: str) -> str:
    """A new, empty hidden work file beside `out` for this process (suffix like ".part.mp4").

    Made exclusively (O_EXCL) with the umask's permissions; raises DiskError (one line) when
    the folder cannot take it."""
    out = os.path.abspath(os.fspath(out))
    folder, name = os.path.split(out)
    short = os.fsencode(name)[:PREFIX_BYTES].decode("utf-8", "ignore")
    path = os.path.join(folder, f".{short}.{owner_tag()}.{secrets.token_hex(4)}{suffix}")
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise DiskError(exc, "write into", folder) from None
    return path


def work_dir(out: str | os.PathLike, suffix: str) -> str:
    """Like work_path, for a name the caller creates itself (a folder, a zip): not made here."""
    out = os.path.abspath(os.fspath(out))
    folder, name = os.path.split(out)
    short = os.fsencode(name)[:PREFIX_BYTES].decode("utf-8", "ignore")
    return os.path.join(folder, f".{short}.{owner_tag()}.{secrets.token_hex(4)}{suffix}")


def _dead(pid: int, start: int, path: str) -> bool:
    if pid == os.getpid():
        return False
    now = _start_ticks(pid)
    if now is None:
        return True
    if now and start:
        return now != start  # the pid belongs to another program now
    if sys.platform == "win32":  # os.kill would end the process there: go by age
        try:
            return time.time() - os.stat(path).st_mtime > STALE_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def sweep(folder: str | os.PathLike) -> list[str]:
    """Remove work files (and work folders) in `folder` whose owning process is dead; returns
    their paths. Never raises: a folder that cannot be listed or cleaned is left as it is."""
    import shutil

    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _NAME.match(entry.name)
        if not m or not _dead(int(m.group(1)), int(m.group(2)), entry.path):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(entry.path)
        except OSError:
            pass
    return removed


def nearly_full(folder: str | os.PathLike) -> bool:
    """True when the disk holding `folder` has under 1 MiB free: ffmpeg reports a full disk only
    as text, so a failed encode asks the disk. False where statvfs is missing (Windows)."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return st.f_bavail * st.f_frsize < 1 << 20


def check_output(out: str | os.PathLike) -> None:
    """Refuse, in one line, an output path no disk takes before any work: a name over 255 bytes
    (the per-name limit of ext4, APFS, NTFS and exFAT) or a folder part that is a file.
    Raises UserError."""
    from liveassets.errors import UserError

    out = os.path.abspath(os.fspath(out))
    name = os.path.basename(out)
    if len(os.fsencode(name)) > 255:
        raise UserError(f"The output name {shorten(name, 41)} is {len(os.fsencode(name))} bytes long; "
                        "disks allow at most 255. Use a shorter name.")
    folder = os.path.dirname(out)
    while folder and not os.path.exists(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise UserError(f"{folder} is a file, not a folder: pick a folder for the output.")
