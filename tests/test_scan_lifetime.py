"""A killed `liveassets scan` leaves no process behind and whoever reads its output sees the end
(issue #11 item 7): workers and multiprocessing's resource tracker die with the parent."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import mediagen

ROOT = Path(__file__).resolve().parents[1]
linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="walks /proc")


def session_members(sid: int) -> list[int]:
    """Pids whose session id is `sid` (field 6 of /proc/PID/stat), zombies excluded."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        if fields[0] != "Z" and int(fields[3]) == sid:
            out.append(int(entry))
    return out


@pytest.fixture(scope="module")
def many_files(tmp_path_factory):
    """400 small photos: enough that a scan with 2 worker processes runs for a few seconds."""
    folder = tmp_path_factory.mktemp("many")
    first = mediagen.make_jpeg(folder / "IMG_0000.jpg", size=(480, 360))
    for i in range(1, 400):
        shutil.copyfile(first, folder / f"IMG_{i:04d}.jpg")
    return folder


def _start_scan(folder, library):
    env = dict(os.environ, PYTHONPATH=str(ROOT), LIVEASSETS_LIBRARY=str(library))
    return subprocess.Popen([sys.executable, "-m", "liveassets", "scan", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)  # its own session: sid == its pid


def _kill_mid_scan(folder, library, sig) -> tuple[list[int], bool]:
    """Start a scan, send `sig` once its workers run; (pids alive 5 s later, reader saw EOF)."""
    proc = _start_scan(folder, library)
    deadline = time.monotonic() + 60
    while len(session_members(proc.pid)) < 3 and time.monotonic() < deadline:  # parent + 2 workers
        time.sleep(0.05)
    assert proc.poll() is None, "the scan finished before it could be killed: add files"
    os.kill(proc.pid, sig)
    eof = threading.Event()

    def read():  # a script capturing the output: it must see the end
        proc.communicate()
        eof.set()

    threading.Thread(target=read, daemon=True).start()
    eof.wait(8)
    deadline = time.monotonic() + 5
    while session_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = session_members(proc.pid)
    for pid in left:  # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    return left, eof.is_set()


@linux_only
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_scan_leaves_no_process_and_output_ends(many_files, tmp_path, sig):
    left, eof = _kill_mid_scan(many_files, tmp_path / "lib", sig)
    assert left == []
    assert eof


@linux_only
@pytest.mark.slow
def test_ten_kills_leave_no_orphans(many_files, tmp_path):
    orphans = 0
    for i in range(10):
        sig = signal.SIGKILL if i % 2 else signal.SIGTERM
        left, eof = _kill_mid_scan(many_files, tmp_path / f"lib{i}", sig)
        orphans += len(left) + (not eof)
    assert orphans == 0


@linux_only
def test_sigterm_stops_the_scan_with_one_line(many_files, tmp_path):
    """Three times: a SIGTERM landing while the pool starts its workers once left a
    half-spawned worker printing a traceback."""
    for i in range(3):
        proc = _start_scan(many_files, tmp_path / f"lib{i}")
        deadline = time.monotonic() + 60
        while len(session_members(proc.pid)) < 2 + i % 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
        if proc.returncode == 0:
            pytest.skip("the scan finished before SIGTERM")
        assert proc.returncode == 143
        assert err.decode().strip().splitlines() == ["liveassets: stopped (terminated)."]
        assert out.decode().startswith("Cancelled: ")
