"""The leak check every Qt test runs under (tests/leaks.py) catches what it should: a thread,
a background job or a timer a test leaves running fails that test."""

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

import leaks  # noqa: E402
from liveassets.ui.jobs import JobRunner  # noqa: E402

TESTS = Path(__file__).resolve().parent


def test_a_thread_left_running_is_named(qapp):
    before = set(threading.enumerate())
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, args=(10,), name="left-behind")
    thread.start()
    try:
        assert leaks.leaked_threads(before, grace=0.05) == ["left-behind"]
    finally:
        stop.set()
        thread.join()
    assert leaks.leaked_threads(before, grace=0.05) == []
    daemon = threading.Thread(target=stop.wait, daemon=True)  # (daemons never block an exit)
    daemon.start()
    assert leaks.leaked_threads(before, grace=0.05) == []


def test_a_job_left_running_is_named(qtbot):
    runner, gate = JobRunner(), threading.Event()
    runner.run("work", lambda job: gate.wait(10), what="the scan")
    try:
        assert any("the scan" in found for found in leaks.running_jobs())
    finally:
        gate.set()
        runner.shutdown()
        runner.deleteLater()
    assert leaks.running_jobs() == []


LEAKY = '''
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from liveassets.ui.jobs import JobRunner

STOP = threading.Event()
KEEP = []


def test_leaves_a_thread(qtbot):
    threading.Thread(target=STOP.wait, args=(3,), name="leaky-thread").start()


def test_leaves_a_job(qtbot):
    runner = JobRunner()
    KEEP.append(runner)
    runner.run("work", lambda job: STOP.wait(3), what="the leaky job")


def test_leaves_a_timer(qtbot):
    widget = QWidget()
    KEEP.append(widget)
    QTimer(widget, interval=60_000).start()


def test_cleans_up(qtbot):
    STOP.set()                       # the earlier tests' leftovers end first (not this test's)
    for kept in KEEP:
        if isinstance(kept, JobRunner):
            kept.shutdown()
    runner = JobRunner()
    runner.run("work", lambda job: 1)
    runner.shutdown()
'''


def test_a_leaky_test_fails_and_a_clean_one_passes(tmp_path):
    (tmp_path / "test_leaky.py").write_text(textwrap.dedent(LEAKY), encoding="utf-8")
    root = TESTS.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(TESTS), str(root), os.environ.get("PYTHONPATH", "")])}
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "leaks", "-q", "-p",
                          "no:cacheprovider", str(tmp_path / "test_leaky.py")],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    assert "ERROR at teardown of test_leaves_a_thread" in out
    assert "The test left running: thread 'leaky-thread'" in out
    assert "ERROR at teardown of test_leaves_a_job" in out and "the leaky job" in out
    assert "ERROR at teardown of test_leaves_a_timer" in out
    assert "a 60000 ms QTimer of QWidget" in out
    assert "4 passed, 3 errors" in out  # the clean test passes
