"""Every verb with hostile arguments: missing files, folders where files belong, devices and
pipes, huge values, a full disk. Each gives one line (or argparse's usage), never a traceback,
and never replaces a device or pipe with a file (issue #11 items 12 and 13)."""

import os
import stat
import time

import pytest

import mediagen
from faultfs import fill, mounted
from cli_helpers import cli, one_line  # noqa: E402


@pytest.fixture
def lib(tmp_path, capsys):
    media = tmp_path / "media"
    for i in range(2):
        mediagen.make_jpeg(media / f"IMG_{i}.jpg", size=(64, 48))
    lib = tmp_path / "lib"
    assert cli(capsys, "--library", lib, "scan", media)[0] == 0
    assert cli(capsys, "--library", lib, "rights", "", "--status", "cleared")[0] == 0
    assert cli(capsys, "--library", lib, "post", "new", "--assets", "", "--caption", "hi",
               "--at", "2026-12-01 10:00", "--tz", "UTC")[0] == 0
    return lib


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.out"
    os.mkfifo(path)
    return path


def test_plans_that_are_not_files(capsys, lib, tmp_path, fifo):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    for plan, words in [("/dev/zero", "not a regular file"), (fifo, "not a regular file"),
                        (tmp_path, "is a folder"), (tmp_path / "none.json", "not found"),
                        (deep, "nests more than")]:
        started = time.monotonic()
        code, _, err = cli(capsys, "--library", lib, "cut", plan)
        assert code == 1 and words in one_line(err)
        assert time.monotonic() - started < 5


@pytest.mark.parametrize("verb", [["sheet", "-o"], ["calendar", "-o"]])
def test_exports_never_replace_a_pipe_or_device(capsys, lib, tmp_path, verb):
    target = tmp_path / "out.ics"
    os.mkfifo(target)  # a pipe with a name the export would take
    code, _, err = cli(capsys, "--library", lib, *verb, target, "--force")
    assert code == 1 and "not a regular file" in one_line(err)
    assert stat.S_ISFIFO(os.stat(target).st_mode)


def test_a_render_never_replaces_a_pipe(capsys, lib, tmp_path):
    target = tmp_path / "clip.mp4"
    os.mkfifo(target)
    plan = tmp_path / "plan.json"
    media = tmp_path / "media" / "IMG_0.jpg"
    plan.write_text('{"name": "x", "segments": [{"source": "%s", "duration": 1}]}' % media)
    code, _, err = cli(capsys, "--library", lib, "cut", plan, "-o", target, "--force")
    assert code == 1 and "not a regular file" in one_line(err)
    assert stat.S_ISFIFO(os.stat(target).st_mode)


def test_export_names_past_255_bytes(capsys, lib, tmp_path):
    for verb, ext in (("sheet", ".csv"), ("calendar", ".ics")):
        code, _, err = cli(capsys, "--library", lib, verb, "-o", tmp_path / ("x" * 300 + ext))
        assert code == 1 and "at most 255" in one_line(err)


def test_exports_onto_a_full_disk(capsys, lib, tmp_path):
    with mounted(tmp_path / "disk", size="16k") as disk:
        fill(disk)
        for verb, name in (("sheet", "s.xlsx"), ("calendar", "c.ics"), ("pack", "p.zip")):
            args = ["pack", "", "-o", disk / name] if verb == "pack" else [verb, "-o", disk / name]
            code, _, err = cli(capsys, "--library", lib, *args)
            line = one_line(err)
            assert code == 1 and ("the disk is full" in line or "No space left" in line), verb
            assert name in line
        assert sorted(os.listdir(disk)) == [".filler"]


def test_scan_of_devices_and_pipes_does_not_hang(capsys, lib, fifo):
    started = time.monotonic()
    for path in ("/dev/zero", fifo):
        code, out, _ = cli(capsys, "--library", lib, "scan", path)
        assert code == 0 and "0 media files" in out
    assert time.monotonic() - started < 10


def test_huge_and_bogus_values(capsys, lib):
    assert cli(capsys, "--library", lib, "list", "--sort", "bogus")[0] == 2  # argparse usage
    for argv, words in [(["list", "live " * 20_000], "at most 4,000"),
                        (["rate", "", "99999999999999999999"], "0 to 5"),
                        (["rights", "", "--status", "cleared", "--expires", "99999-99-99"],
                         "not a date"),
                        (["post", "new", "--assets", "", "--caption", "x",
                          "--at", "99999-01-01 10:00"], "not a date"),
                        (["pack", "", "-o", "/nonexistent/p.zip"], "does not exist")]:
        code, _, err = cli(capsys, "--library", lib, *argv)
        assert code == 1 and words in one_line(err), argv


def test_an_oserror_anywhere_in_a_verb_is_one_line(capsys, lib, monkeypatch):
    """A disk error nobody turned into a message still reaches the user as one line."""
    import errno

    from liveassets.cli import assets as commands

    def broken(*a, **k):
        raise OSError(errno.EIO, "Input/output error", "/media/card/DCIM")

    monkeypatch.setattr(commands, "_line", broken)
    code, _, err = cli(capsys, "--library", lib, "list")
    assert code == 1
    assert one_line(err) == ("liveassets: Cannot use /media/card/DCIM: the disk reported a "
                             "read/write error: check the drive and try again.")


def test_a_dead_exports_work_file_is_removed_by_the_next_export(capsys, lib, tmp_path):
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    stale = tmp_path / f".c.ics.la{proc.pid}-1.0123abcd.tmp"
    stale.write_text("half a calendar")
    out = tmp_path / "c.ics"
    assert cli(capsys, "--library", lib, "calendar", "-o", out)[0] == 0
    assert not stale.exists() and out.read_text().startswith("BEGIN:VCALENDAR")
