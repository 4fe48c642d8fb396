"""Worker processes that die with their parent: a process pool whose workers exit when the
process that started them is killed (SIGKILL included), so a killed `liveassets scan` leaves
nothing running and a script reading its output sees end-of-file.

Why: a spawned worker inherits stdout/stderr and multiprocessing's pipes; when the parent is
killed, the standard pool's workers sit blocked on their task queue forever (measured in
issue #11: 20 of 24 kills left workers, one set alive after 5 minutes). Two guards, either one
enough: on Linux the kernel sends SIGKILL to a worker when its parent dies (prctl
PR_SET_PDEATHSIG, see prctl(2)); everywhere a watchdog thread in each worker polls the parent
id (a child is re-parented when its parent dies, so `os.getppid()` changes) and exits.
multiprocessing's resource tracker needs no guard: it exits when the last holder of its pipe
(the parent and the workers) is gone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_SECONDS = 0.25  # how often a worker checks its parent: dead workers gone within this


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A spawn-context pool of `workers` processes tied to this process's life (see module)."""
    return ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                               initializer=tie_to_parent, initargs=(os.getpid(),))


def tie_to_parent(parent_pid: int) -> None:
    """Worker initializer: exit as soon as the process `parent_pid` is gone. Ctrl+C is left to
    the parent (it reaches the whole process group), which stops the pool in order."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still works
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _watch(parent_pid: int) -> None:
    event = threading.Event()
    while not event.wait(WATCH_SECONDS):
        if os.getppid() != parent_pid:
            os._exit(1)  # no cleanup to do: the parent owns every file we might leave
