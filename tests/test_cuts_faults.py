"""Renders and quick exports against a full disk, a read-only folder and over-long names give
one line naming the thing and what to do, and leave no work file behind; work files a killed
render left are removed by the next run, a live one's never (issue #11 items 6 and 13)."""

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faultfs import mounted
from liveassets import temps
from liveassets.cuts.plan import CutPlan
from liveassets.cuts.quick import quick_export
from liveassets.cuts.render import render
from liveassets.errors import DiskError, UserError
from mediagen import make_video

SIZE = (180, 320)
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    d = tmp_path_factory.mktemp("fault_media")
    make_video(d / "a.mp4", size=(320, 180), seconds=2.0)
    make_video(d / "tall.mp4", size=(180, 320), seconds=2.0)  # 9:16: quick export takes it
    return d


def plan_of(media, seconds=1.0, source="a.mp4"):
    return CutPlan.from_dict({"name": "Fault cut", "format": "9:16", "fps": 30,
                              "purpose": "internal",
                              "segments": [{"source": source, "start": 0, "end": seconds}]},
                             base=media)


@pytest.mark.parametrize("size", ["64k", "160k"])  # the sound fails / the encoder fails
def test_render_on_a_full_disk_is_one_line_and_leaves_nothing(media, tmp_path, size):
    with mounted(tmp_path / "disk", size=size) as disk:
        with pytest.raises(DiskError) as err:
            render(plan_of(media), disk / "cut.mp4", size=SIZE)
        left = os.listdir(disk)
    text = str(err.value)
    assert "\n" not in text and "the disk is full" in text and str(disk) in text
    assert left == []


def test_quick_export_on_a_full_disk_is_one_line(media, tmp_path):
    with mounted(tmp_path / "disk", size="4k") as disk:
        with pytest.raises(DiskError) as err:
            quick_export(plan_of(media, 2.0, "tall.mp4"), disk / "cut.mp4")
        left = os.listdir(disk)
    assert "the disk is full" in str(err.value) and left == []


def test_render_into_a_read_only_folder_is_one_line(media, tmp_path):
    with mounted(tmp_path / "ro", read_only=True) as ro:  # chmod would not stop root
        with pytest.raises(DiskError) as err:
            render(plan_of(media), ro / "cut.mp4", size=SIZE)
    assert "read-only" in str(err.value) and str(ro) in str(err.value)


def test_injected_enospc_while_writing_the_sound(media, tmp_path, monkeypatch):
    """Without mount rights: the sound write raises ENOSPC as a full disk would."""
    from liveassets.cuts import sound

    def full(path, samples):
        raise OSError(errno.ENOSPC, "No space left on device", path)

    monkeypatch.setattr(sound, "write_wav", full)
    with pytest.raises(DiskError, match="the disk is full"):
        render(plan_of(media), tmp_path / "cut.mp4", size=SIZE)
    assert os.listdir(tmp_path) == []


def test_a_250_byte_output_name_renders_and_a_300_byte_one_is_one_line(media, tmp_path):
    name = "é" * 123 + ".mp4"  # 250 bytes in UTF-8: a legal name; its work files must fit too
    render(plan_of(media, 0.5), tmp_path / name, size=SIZE)
    assert os.listdir(tmp_path) == [name]
    with pytest.raises(UserError, match="at most 255"):
        render(plan_of(media, 0.5), tmp_path / ("x" * 300 + ".mp4"), size=SIZE)
    with pytest.raises(UserError, match="at most 255"):
        quick_export(plan_of(media, 0.5, "tall.mp4"), tmp_path / ("x" * 300 + ".mp4"))


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_sweep_removes_dead_owners_files_and_keeps_live_ones(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        start = temps._start_ticks(sleeper.pid)
        live = tmp_path / f".cut.mp4.la{sleeper.pid}-{start}.0123abcd.part.mp4"
        reused = tmp_path / f".cut.mp4.la{sleeper.pid}-{start + 1}.0123abcd.part.wav"
        dead = tmp_path / f".cut.mp4.la{_dead_pid()}-5.0123abcd.part.wav"
        pack = tmp_path / f".pack.zip.la{_dead_pid()}-5.0123abcd.partial"
        other = tmp_path / ".cut.mp4.notours.part.mp4"  # not our naming: never touched
        for p in (live, reused, dead, other):
            p.write_bytes(b"x")
        pack.mkdir()
        (pack / "a.jpg").write_bytes(b"x")
        removed = temps.sweep(tmp_path)
        assert sorted(removed) == sorted(map(str, (reused, dead, pack)))
        assert sorted(os.listdir(tmp_path)) == sorted([live.name, other.name])
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_killed_render_leaves_work_files_the_next_render_removes(media, tmp_path):
    out = tmp_path / "out" / "long.mp4"
    script = ("import sys; from liveassets.cuts.plan import load_plan; "
              "from liveassets.cuts.render import render; "
              "render(load_plan(sys.argv[1]), sys.argv[2], size=(720, 1280))")
    plan = tmp_path / "plan.json"
    plan.write_text('{"name": "k", "fps": 30, "purpose": "internal", "segments": ['
                    + ", ".join(f'{{"source": "{media}/a.mp4", "start": 0, "end": 2}}'
                                for _ in range(10)) + "]}")
    proc = subprocess.Popen([sys.executable, "-c", script, str(plan), str(out)],
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        parts = [n for n in os.listdir(out.parent)] if out.parent.exists() else []
        if any(n.endswith(".part.mp4") for n in parts) and any(
                os.path.getsize(out.parent / n) for n in parts if n.endswith(".part.mp4")):
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    left = os.listdir(out.parent)
    assert any(n.endswith(".part.mp4") for n in left), left  # killed mid-render: work files stay
    render(plan_of(media, 0.5), out.parent / "next.mp4", size=SIZE)
    assert os.listdir(out.parent) == ["next.mp4"]


def test_saving_a_plan_on_a_full_disk_or_with_a_long_name(media, tmp_path):
    from faultfs import fill
    from liveassets.cuts.plan import load_plan, save_plan

    plan = plan_of(media)
    name = "p" * 250 + ".json"
    save_plan(plan, tmp_path / name)  # its work file must fit beside it
    assert load_plan(tmp_path / name).name == "Fault cut" and os.listdir(tmp_path) == [name]
    with mounted(tmp_path / "disk", size="16k") as disk:
        fill(disk)
        with pytest.raises(DiskError, match="the disk is full"):
            save_plan(plan, disk / "plan.json")
        assert os.listdir(disk) == [".filler"]


def test_an_output_inside_a_file_is_one_line(media, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    for export in (lambda out: render(plan_of(media, 0.5), out, size=SIZE),
                   lambda out: quick_export(plan_of(media, 0.5, "tall.mp4"), out)):
        with pytest.raises(UserError, match="notes.txt is a file, not a folder"):
            export(tmp_path / "notes.txt" / "sub" / "cut.mp4")
    assert (tmp_path / "notes.txt").read_text() == "mine"
