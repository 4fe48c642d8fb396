"""Real filesystem faults for tests: a tiny tmpfs (writes fail with ENOSPC) or a read-only one
(EROFS), mounted where the test says. Needs root and mount(8) (this machine's test runs have
both); where mounting is not allowed the test is skipped, and the monkeypatched tests beside
it still cover the message."""

from __future__ import annotations

import contextlib
import os
import subprocess

import pytest


@contextlib.contextmanager
def mounted(where, size: str = "64k", read_only: bool = False):
    """A fresh tmpfs of `size` at `where` (made if absent), unmounted afterwards."""
    os.makedirs(where, exist_ok=True)
    opts = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(where)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(where) -> None:
    """Fill the filesystem at `where` so the next write fails with ENOSPC."""
    try:
        with open(os.path.join(where, ".filler"), "wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:  # the disk is full (the file may not even fit its first block)
        pass
