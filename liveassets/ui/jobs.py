"""JobRunner: the window's one way to run work off the UI thread. Every job reports back exactly
once, on the UI thread: done(result), cancelled() or failed(message), whatever happens inside it.

Modelled on Picard's `run_task` (pools by purpose; tests run jobs inline) and Anki's
`CollectionOp` (a job always ends in success or failure, and a failure is shown, not lost).

Pools by purpose (`POOLS`): "reads" (queries and counts, one thread: TinyDB is not thread-safe
and the catalog lock would serialise them anyway), "pictures" (thumbnails, poster frames,
full-size decodes; a few threads, newest request first) and "work" (scans, renders and exports:
one at a time, the library's one writer). A job is handed copies of what it needs, never a live
widget or model; it is a plain function `fn(job) -> result` that may call `job.progress(p)` and
honour `job.token` (a `liveassets.jobs.CancelToken`), so the core's long work plugs in as is:
`runner.run("work", lambda job: scan(cat, roots, progress=job.progress, cancel=job.token))`.

How a job ends, and what the requester hears (always on the UI thread, through a queue the
UI thread drains, so callbacks arrive in order and never re-enter the caller of `run`/`cancel`):
- returned a value: `done(result)`;
- raised `liveassets.jobs.Cancelled`, was cancelled before it started, or (a job with a `key`)
  was cancelled or superseded by a newer job with the same key while it ran (a stale request:
  the requester moved on, its result is dropped): `cancelled()`;
- raised a `UserError` (str is its one line) or an `OSError` (`errors.disk_message`):
  `failed(message)`;
- raised anything else (a bug): the traceback goes to the log file (`liveassets.logs`) and
  `failed(message)` gets one line naming the job, the error and the log file.
A failure with no `failed` callback is announced by the runner's `unhandled(message)` signal
(the window shows it in its status line). After `shutdown()` no job starts and no callback
runs (the window is going away); a job whose `owner` QObject was deleted is not reported either.

`JobRunner(inline=True)` runs each job in `run()` itself and reports before `run()` returns:
threaded code becomes deterministic in tests (Picard's test pool does the same).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from shiboken6 import Shiboken

from liveassets.errors import UserError, disk_message
from liveassets.jobs import CancelToken, Cancelled, Progress
from liveassets.shorten import shorten

log = logging.getLogger("liveassets.jobs")

# Threads per pool. "pictures": 3 keeps thumbnails, a poster and a full-size photo decoding at
# once (before the runner, three separate pools gave the same 2 + 1 + 1 threads, give or take).
POOLS = {"reads": 1, "pictures": 3, "work": 1}
THROTTLE = 0.05  # seconds between progress reports: a burst of queued reports stalls the UI

_live: weakref.WeakSet = weakref.WeakSet()  # every runner not yet garbage: tests check them


def live_runners() -> list[JobRunner]:
    """Every JobRunner still alive (the test suite's leak check looks for unfinished jobs)."""
    return [r for r in list(_live) if Shiboken.isValid(r)]


def unexpected_message(what: str, exc: BaseException) -> str:
    """One line for a bug inside a job: what failed, the error, where the details are."""
    from liveassets.logs import log_path

    text = shorten(" ".join(str(exc).split()), 160)
    error = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    what = what or "the background job"
    return (f"{what[0].upper()}{what[1:]} failed unexpectedly ({error}). The details are in "
            f"the log file {log_path()}: please attach it to a bug report.")


class Job:
    """One piece of work handed to `JobRunner.run`; the worker's side and the requester's handle.

    `token` is the CancelToken the work should honour; `progress(p)` (any thread) reports a
    `liveassets.jobs.Progress`, throttled to one every `THROTTLE` seconds (phase changes and the
    last step always pass). `state`: "queued", "running", then "done", "cancelled" or "failed";
    `result` / `message` / `error` hold the outcome once reported.
    """

    def __init__(self, runner: JobRunner, pool: str, fn: Callable[[Job], Any], what: str,
                 key, owner, callbacks: dict):
        self.runner, self.pool, self.fn, self.what = runner, pool, fn, what
        self.key, self.callbacks = key, callbacks
        self.owner = owner
        self.token = CancelToken()
        self.state = "queued"
        self.result: Any = None
        self.message: str | None = None
        self.error: BaseException | None = None
        self.reported = False  # the outcome reached the requester (UI thread only)
        self._ran = threading.Event()  # the worker is finished with it (or never will start)
        self._last: tuple = (None, 0.0)

    def cancel(self) -> None:
        """Ask the work to stop; a job that has not started reports cancelled at once."""
        self.runner._cancel(self)

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def progress(self, p: Progress) -> None:
        now = time.monotonic()
        phase, at = self._last
        if p.phase != phase or p.done >= p.total or now - at >= THROTTLE:
            self._last = (p.phase, now)
            self.runner._post(self, "progress", p)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker is finished with the job; False on timeout. The outcome is
        then queued for the UI thread (delivered when its event loop next runs)."""
        return self._ran.wait(timeout)

    def __repr__(self) -> str:
        return f"<Job {self.what or self.fn!r} in {self.pool}: {self.state}>"


class _Task(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self.setAutoDelete(True)  # the pool owns and deletes it: never freed under a worker
        self.job = job

    def run(self) -> None:
        self.job.runner._execute(self.job)


class _Relay(QObject):
    poke = Signal()


class JobRunner(QObject):
    """Named pools (`threads` overrides `POOLS`) and the one queue back to the UI thread."""

    unhandled = Signal(str)  # a failure no `failed` callback took: shown by the window

    def __init__(self, parent: QObject | None = None, threads: dict[str, int] | None = None,
                 inline: bool = False):
        super().__init__(parent)
        self.inline = inline
        self.pools: dict[str, QThreadPool] = {}
        for name, n in {**POOLS, **(threads or {})}.items():
            pool = QThreadPool(self)
            pool.setMaxThreadCount(max(1, n))
            self.pools[name] = pool
        self._lock = threading.Lock()
        self._queue: deque = deque()
        self._jobs: dict[Job, None] = {}  # not yet reported, in the order they were started
        self._closed = False
        self._relay = _Relay(self)
        # Queued even from the UI thread: a callback never runs inside `run` or `cancel`.
        self._relay.poke.connect(self._drain, Qt.QueuedConnection)
        _live.add(self)

    # -- the requester's side (UI thread) ------------------------------------------------------
    def run(self, pool: str, fn: Callable[[Job], Any], *, done=None, failed=None,
            cancelled=None, progress=None, what: str = "", key=None, owner=None,
            priority: int = 0) -> Job:
        """Start `fn(job)` on `pool` ("reads", "pictures", "work"); returns its Job.

        done(result), cancelled(), failed(message: str), progress(Progress) run on the UI
        thread; exactly one of the first three fires (see the module docstring). `what` names
        the job for messages ("the scan"); `key`: a newer job with the same key cancels this
        one (stale results are never delivered as done); `owner`: a QObject whose deletion
        drops the report; `priority`: higher starts first within the pool.
        Raises KeyError for an unknown pool name (a programming error).
        """
        target = self.pools[pool]
        job = Job(self, pool, fn, what, key, owner,
                  {"done": done, "failed": failed, "cancelled": cancelled, "progress": progress})
        if self._closed:
            job.state, job.reported = "cancelled", True
            job._ran.set()
            return job
        if key is not None:
            for old in [j for j in self._jobs if j.key == key]:
                self._cancel(old)
        if progress is not None:  # queued behind others: say so rather than look stuck
            ahead = [j for j in self._jobs if j.pool == pool and not j.token.cancelled]
            if len(ahead) >= target.maxThreadCount():
                self._post(job, "progress", Progress(
                    f"Waiting for {ahead[0].what or 'other work'} to finish", 0, 0))
        self._jobs[job] = None
        if self.inline:
            self._execute(job)
            self._drain()
        else:
            target.start(_Task(job), priority)
        return job

    def cancel(self, key=None, owner=None) -> None:
        """Cancel every unreported job with this key (or owner; neither: every job)."""
        for job in list(self._jobs):
            if (key is None or job.key == key) and (owner is None or job.owner is owner):
                self._cancel(job)

    def pending(self, owner=None, pool: str | None = None) -> int:
        """How many jobs (of this owner / in this pool) have not reported yet."""
        return sum(1 for j in self._jobs if (owner is None or j.owner is owner)
                   and (pool is None or j.pool == pool))

    def running(self) -> int:
        """Jobs a worker is inside right now (any pool)."""
        return sum(1 for j in self._jobs if j.state == "running")

    def wait(self, owner=None, timeout: float | None = None) -> bool:
        """Block until the workers are done with every job (of `owner`); False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for job in [j for j in self._jobs if owner is None or j.owner is owner]:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not job.wait(left):
                return False
        return True

    def shutdown(self) -> None:
        """Cancel everything, drop what has not started, wait for what has; no callback runs
        afterwards and later `run` calls start nothing. Safe to call twice."""
        self._closed = True
        for job in list(self._jobs):
            job.token.cancel()
        for pool in self.pools.values():
            pool.clear()  # queued tasks go without running
        with self._lock:
            for job in self._jobs:
                if job.state == "queued":
                    job.state = "cancelled"
                    job._ran.set()
        for pool in self.pools.values():
            pool.waitForDone()
        with self._lock:
            self._queue.clear()
        self._jobs.clear()

    # -- the worker's side ---------------------------------------------------------------------
    def _execute(self, job: Job) -> None:
        with self._lock:
            if job.state != "queued":  # cancelled (and already reported) before it started
                job._ran.set()
                return
            job.state = "running"
        kind, value = "failed", None
        try:
            if job.token.cancelled:
                kind = "cancelled"
            else:
                value = job.fn(job)
                # A keyed job cancelled meanwhile is stale: its result is for a request the
                # user has left. Unkeyed work returns what it made of the cancel (a scan's
                # report says "Cancelled" and keeps what was read).
                kind = "cancelled" if job.key is not None and job.token.cancelled else "done"
        except Cancelled:
            kind = "cancelled"
        except UserError as exc:
            job.error, value = exc, str(exc)
        except OSError as exc:
            job.error, value = exc, disk_message(exc)
        except BaseException as exc:  # noqa: BLE001 - a bug: logged, and the job still reports
            job.error = exc
            log.error("%s raised unexpectedly", job.what or getattr(job.fn, "__qualname__", "a job"),
                      exc_info=exc)
            value = unexpected_message(job.what, exc)
        finally:
            job.state = kind
            self._post(job, kind, value)
            job._ran.set()

    def _post(self, job: Job, kind: str, value) -> None:
        with self._lock:
            if self._closed:
                return
            self._queue.append((job, kind, value))
        if not self.inline:
            self._relay.poke.emit()

    def _cancel(self, job: Job) -> None:
        job.token.cancel()
        with self._lock:
            queued = job.state == "queued"
            if queued:
                job.state = "cancelled"  # the worker skips it when (if) the pool reaches it
                job._ran.set()
        if queued:
            self._post(job, "cancelled", None)
            if self.inline:
                self._drain()

    # -- back on the UI thread -----------------------------------------------------------------
    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    return
                job, kind, value = self._queue.popleft()
            self._deliver(job, kind, value)

    def _deliver(self, job: Job, kind: str, value) -> None:
        if job.reported:
            return  # (a queued job cancelled before its worker could skip it)
        if job.owner is not None and not Shiboken.isValid(job.owner):
            job.reported = True  # nobody left to tell
            self._forget(job)
            return
        if kind == "progress":
            callback = job.callbacks["progress"]
            args = (value,)
        else:
            job.reported = True
            job.state = kind
            self._forget(job)
            if kind == "done":
                job.result, args = value, (value,)
            elif kind == "failed":
                job.message, args = value, (value,)
            else:
                args = ()
            callback = job.callbacks[kind]
            if kind == "failed" and callback is None:
                self.unhandled.emit(value)
                return
        if callback is None:
            return
        try:
            callback(*args)
        except Exception:  # noqa: BLE001 - a bug in a callback: the exception hook shows it
            import sys

            sys.excepthook(*sys.exc_info())

    def _forget(self, job: Job) -> None:
        self._jobs.pop(job, None)
