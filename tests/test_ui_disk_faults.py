"""The window on a full disk: a render into a full folder ends with one message naming the
folder and what to do, no traceback, no file left (issue #11 item 13)."""

import os

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QFileDialog  # noqa: E402
from faultfs import fill, mounted  # noqa: E402
from test_ui_cuts import _add_all, _clear_rights  # noqa: E402


def test_render_onto_a_full_disk_is_one_message(qtbot, window, media, messages, monkeypatch,
                                                tmp_path):
    win = window
    _clear_rights(win)
    editor = _add_all(win, media)
    editor.render_size = (90, 160)
    with mounted(tmp_path / "disk", size="64k") as disk:
        fill(disk)
        chosen = str(disk / "cut")
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *a, **k: (chosen, "MP4 video (*.mp4)"))
        editor.output_button.click()
        with qtbot.waitSignal(editor.signals.failed, timeout=60_000):
            assert editor.start_render()
        qtbot.waitUntil(lambda: bool(messages), timeout=5_000)
        left = sorted(os.listdir(disk))
    kind, title, text = messages[-1]
    assert "the disk is full" in text and str(disk) in text and "\n" not in text
    assert "Traceback" not in text
    assert left == [".filler"]
