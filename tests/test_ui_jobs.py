"""The one job runner (liveassets/ui/jobs.py): every job reports exactly one of done, cancelled
or failed, on the UI thread, whatever happens inside it; stale results are dropped; shutdown
cancels and waits; an inline runner makes threaded code deterministic."""

import errno
import threading
import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QObject  # noqa: E402

from liveassets import logs  # noqa: E402
from liveassets.errors import UserError  # noqa: E402
from liveassets.jobs import Cancelled, Progress  # noqa: E402
from liveassets.ui.jobs import JobRunner  # noqa: E402


class Outcomes:
    """Records every callback with the thread it ran on."""

    def __init__(self):
        self.calls = []

    def callbacks(self, name=""):
        def record(kind):
            return lambda *args: self.calls.append(
                (name, kind, args, threading.current_thread() is threading.main_thread()))
        return {k: record(k) for k in ("done", "failed", "cancelled", "progress")}

    def ends(self, name=""):
        return [(kind, args) for n, kind, args, _ in self.calls if n == name and kind != "progress"]


@pytest.fixture
def runner(qapp):
    r = JobRunner()
    yield r
    r.shutdown()
    r.deleteLater()


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LIVEASSETS_LOG_DIR", str(tmp_path / "logs"))
    path = logs.setup()
    yield path
    logs.close()


def test_every_kind_of_ending_reports_exactly_once_on_the_ui_thread(qtbot, runner, log_file):
    seen, workers = Outcomes(), {}

    def remember(name, fn):
        def work(job):
            workers[name] = threading.current_thread() is threading.main_thread()
            return fn(job)
        return work

    def disk_full(job):
        raise OSError(errno.ENOSPC, "No space left on device", "/media/card/out.mp4")

    def bug(job):
        return {}["missing"]

    def stopped(job):
        raise Cancelled()

    def blocked(job):
        raise UserError("The folder /x is gone: plug the drive back in.")

    jobs = {"value": lambda job: 42, "user": blocked, "disk": disk_full, "bug": bug,
            "cancel": stopped}
    for name, fn in jobs.items():
        runner.run("work", remember(name, fn), what="the export", **seen.callbacks(name))
    qtbot.waitUntil(lambda: bool(all(seen.ends(n) for n in jobs)), timeout=5_000)
    time.sleep(0.05)
    qtbot.wait(20)  # (nothing more may arrive)
    assert seen.ends("value") == [("done", (42,))]
    assert seen.ends("user") == [("failed", ("The folder /x is gone: plug the drive back in.",))]
    assert seen.ends("disk") == [("failed", ("Cannot use /media/card/out.mp4: the disk is full: "
                                             "free some space (or pick another folder) and try "
                                             "again.",))]
    assert seen.ends("cancel") == [("cancelled", ())]
    [(kind, (message,))] = seen.ends("bug")
    assert kind == "failed"
    assert message.startswith("The export failed unexpectedly (KeyError: 'missing'). The "
                              f"details are in the log file {log_file}")
    assert all(on_ui for *_, on_ui in seen.calls)  # every callback on the UI thread
    assert not any(workers.values())  # and every job off it
    text = log_file.read_text(encoding="utf-8")
    assert "the export raised unexpectedly" in text and "Traceback" in text
    assert 'return {}["missing"]' in text and "KeyError: 'missing'" in text
    assert runner.pending() == 0


def test_a_failure_nobody_handles_reaches_the_unhandled_signal(qtbot, runner):
    with qtbot.waitSignal(runner.unhandled, timeout=5_000) as shown:
        runner.run("reads", lambda job: 1 / 0, what="a count")
    assert shown.args[0].startswith("A count failed unexpectedly (ZeroDivisionError")


def test_progress_arrives_in_order_before_the_end(qtbot, runner):
    seen = Outcomes()

    def work(job):
        for i in range(1, 4):
            job.progress(Progress("Packing", i, 3))
        job.progress(Progress("Checking", 1, 1))
        return "ok"

    runner.run("work", work, **seen.callbacks())
    qtbot.waitUntil(lambda: bool(seen.ends()), timeout=5_000)
    kinds = [(kind, args[0].phase if kind == "progress" else args) for _, kind, args, _ in seen.calls]
    assert kinds[-1] == ("done", ("ok",))
    # Throttled: the first, the last of a phase and each new phase get through, in order.
    steps = [args[0] for _, kind, args, _ in seen.calls if kind == "progress"]
    assert [(p.phase, p.done) for p in steps][:1] == [("Packing", 1)]
    assert ("Packing", 3) in [(p.phase, p.done) for p in steps]
    assert [(p.phase, p.done) for p in steps][-1] == ("Checking", 1)


def test_cancel_a_running_job_and_one_queued_behind_it(qtbot, runner):
    seen, started = Outcomes(), threading.Event()

    def long_work(job):
        started.set()
        while True:
            job.token.raise_if_cancelled()
            time.sleep(0.005)

    running = runner.run("work", long_work, what="the scan", **seen.callbacks("running"))
    assert started.wait(5)
    queued = runner.run("work", lambda job: "never", what="the render", **seen.callbacks("queued"))
    # Queued behind the scan: the requester is told what it waits for.
    qtbot.waitUntil(lambda: any(k == "progress" for n, k, *_ in seen.calls if n == "queued"))
    waiting = [a[0] for n, k, a, _ in seen.calls if n == "queued" and k == "progress"][0]
    assert waiting.phase == "Waiting for the scan to finish"
    queued.cancel()
    qtbot.waitUntil(lambda: bool(seen.ends("queued")), timeout=5_000)
    assert seen.ends("queued") == [("cancelled", ())] and not seen.ends("running")
    running.cancel()
    qtbot.waitUntil(lambda: bool(seen.ends("running")), timeout=5_000)
    assert seen.ends("running") == [("cancelled", ())]
    assert runner.pending() == 0


def test_a_newer_request_with_the_same_key_makes_the_older_result_stale(qtbot, runner):
    seen, gate = Outcomes(), threading.Event()

    def slow(job):
        gate.wait(5)
        return "old"

    runner.run("reads", slow, key="grid", **seen.callbacks("old"))
    runner.run("reads", lambda job: "new", key="grid", **seen.callbacks("new"))
    gate.set()
    qtbot.waitUntil(lambda: bool(seen.ends("old") and seen.ends("new")), timeout=5_000)
    assert seen.ends("old") == [("cancelled", ())]  # never delivered as a result
    assert seen.ends("new") == [("done", ("new",))]


def test_a_job_whose_owner_is_gone_reports_to_nobody(qtbot, runner):
    seen, gate = Outcomes(), threading.Event()
    owner = QObject()
    runner.run("pictures", lambda job: gate.wait(5), owner=owner, **seen.callbacks())
    owner.deleteLater()
    qtbot.waitUntil(lambda: bool(not _valid(owner)))
    gate.set()
    qtbot.waitUntil(lambda: bool(runner.pending() == 0), timeout=5_000)
    assert seen.calls == []


def _valid(obj) -> bool:
    from shiboken6 import Shiboken

    return Shiboken.isValid(obj)


def test_shutdown_cancels_waits_and_reports_no_more(qtbot, qapp):
    runner = JobRunner()
    seen, started, finished = Outcomes(), threading.Event(), threading.Event()

    def long_work(job):
        started.set()
        try:
            while not job.token.cancelled:
                time.sleep(0.005)
            time.sleep(0.1)  # stopping takes a moment: shutdown must wait for it
        finally:
            finished.set()

    runner.run("work", long_work, **seen.callbacks("a"))
    runner.run("work", lambda job: "queued", **seen.callbacks("b"))
    assert started.wait(5)
    runner.shutdown()
    assert finished.is_set()  # waited for the running job
    assert all(p.activeThreadCount() == 0 for p in runner.pools.values())
    later = runner.run("reads", lambda job: "after", **seen.callbacks("c"))
    qtbot.wait(50)
    assert seen.calls == [] and later.state == "cancelled"  # nothing runs or reports after
    runner.shutdown()  # twice is fine
    runner.deleteLater()


def test_an_inline_runner_reports_before_run_returns(qapp):
    runner = JobRunner(inline=True)
    seen = Outcomes()
    job = runner.run("work", lambda job: threading.current_thread().name, **seen.callbacks())
    assert seen.ends() == [("done", (threading.current_thread().name,))]
    assert job.state == "done" and job.reported
    runner.run("work", lambda job: 1 / 0, **seen.callbacks("bug"))
    assert seen.ends("bug")[0][0] == "failed"
    runner.shutdown()
    runner.deleteLater()


def test_a_callback_that_raises_goes_to_the_exception_hook_and_the_queue_drains(
        qtbot, runner, monkeypatch):
    import sys

    hooked, seen = [], Outcomes()
    monkeypatch.setattr(sys, "excepthook", lambda *exc: hooked.append(exc[1]))

    def broken(_result):
        raise RuntimeError("a bug in a slot")

    runner.run("reads", lambda job: 1, done=broken)
    runner.run("reads", lambda job: 2, **seen.callbacks())
    qtbot.waitUntil(lambda: bool(seen.ends()), timeout=5_000)
    assert [str(e) for e in hooked] == ["a bug in a slot"]
    assert seen.ends() == [("done", (2,))]
