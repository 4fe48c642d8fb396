"""A pytest plugin (loaded by conftest): a Qt test fails when it leaves a Python thread it
started, a background job, or a QTimer running (napari's `dangling_qthreads`,
`dangling_qthread_pool` and `dangling_qtimers` checks, for our JobRunner).

Checked after pytest-qt has closed the test's widgets and every fixture has torn down (the
autouse fixture is set up first, so it is torn down last), once posted events and deferred
deletes have been processed: what is still running then would run into the next test.
Mark a test `allow_leaks` to skip the check (none should need it).
"""

from __future__ import annotations

import threading
import time
import weakref

import pytest

THREAD_GRACE = 2.0  # seconds a thread may take to end after its owner was shut down

_started_timers: list = []  # weakrefs to every QTimer started since the last reset


def _track_timers() -> None:
    """Wrap QTimer.start so the check knows which timers a test started (Qt has no list of
    running timers; napari wraps it the same way)."""
    try:
        from PySide6.QtCore import QTimer
    except ImportError:  # pragma: no cover - the core tests run without Qt
        return
    if getattr(QTimer.start, "_leak_tracked", False):
        return
    original = QTimer.start

    def start(self, *args):
        _started_timers.append(weakref.ref(self))
        return original(self, *args)

    start._leak_tracked = True
    QTimer.start = start


def leaked_threads(before: set[threading.Thread], grace: float = THREAD_GRACE) -> list[str]:
    """Names of live non-daemon threads started since `before` (each given up to `grace`
    seconds in all to end: one told to stop may take a moment)."""
    deadline = time.monotonic() + grace
    left = []
    for thread in threading.enumerate():
        if thread in before or thread.daemon or not thread.is_alive():
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            left.append(thread.name)
    return left


def running_jobs() -> list[str]:
    """Every JobRunner job not yet reported, and any QThreadPool (the global one, or one a
    widget owns) with a runnable still running."""
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from liveassets.ui.jobs import live_runners

    found = [repr(job) for runner in live_runners() for job in list(runner._jobs)]
    pools = [QThreadPool.globalInstance()]
    for runner in live_runners():
        pools += list(runner.pools.values())
    app = QApplication.instance()
    if app is not None:
        for widget in app.topLevelWidgets():  # (findChildren searches the whole tree)
            pools += widget.findChildren(QThreadPool)
    busy = {id(p): p for p in pools if p.activeThreadCount() > 0}
    found += [f"a QThreadPool with {p.activeThreadCount()} running" for p in busy.values()]
    return found


def active_timers() -> list[str]:
    """QTimers started since the last reset that are still alive and running."""
    from shiboken6 import Shiboken

    left = []
    for ref in _started_timers:
        timer = ref()
        if timer is not None and Shiboken.isValid(timer) and timer.isActive():
            parent = timer.parent()
            left.append(f"a {timer.interval()} ms QTimer of {type(parent).__name__}"
                        if parent is not None else f"a {timer.interval()} ms QTimer")
    return left


def settle() -> None:
    """Run what is posted (job reports, deleteLater) so only real leaks remain."""
    from PySide6.QtCore import QCoreApplication, QEvent

    app = QCoreApplication.instance()
    if app is None:
        return
    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def leaks(before: set[threading.Thread]) -> list[str]:
    """Everything a finished test left running, in words (empty: clean)."""
    settle()
    found = [f"thread {name!r}" for name in leaked_threads(before)]
    found += [f"job {job}" for job in running_jobs()]
    found += active_timers()
    return found


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "allow_leaks: skip the leaked thread/job/timer check")
    _track_timers()


@pytest.fixture(autouse=True)
def no_leaks(request):
    """Fails a Qt test (one using qtbot or qapp) that leaves threads, jobs or timers running."""
    qt = {"qtbot", "qapp"} & set(request.fixturenames)
    if not qt or request.node.get_closest_marker("allow_leaks"):
        yield
        return
    before = set(threading.enumerate())
    _started_timers.clear()
    yield
    found = leaks(before)
    _started_timers.clear()
    if found:
        pytest.fail("The test left running: " + "; ".join(found), pytrace=False)
