"""The window's exception hook: a slot or a Python thread that raises is logged with its
traceback and shown as a message naming the log file, instead of the app dying silently."""

import threading

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QMessageBox, QPushButton  # noqa: E402

from liveassets import logs  # noqa: E402
from liveassets.ui.window.exception_hook import TITLE, ExceptionHook, show_box  # noqa: E402


@pytest.fixture
def log_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LIVEASSETS_LOG_DIR", str(tmp_path / "logs"))
    path = logs.setup()
    yield path
    logs.close()


class Shown:
    def __init__(self):
        self.messages, self.close = [], None

    def __call__(self, parent, message, closed):
        self.messages.append((parent, message))
        self.close = closed


@pytest.fixture
def hook(qapp):
    shown = Shown()
    window = []
    h = ExceptionHook(lambda: window[0] if window else None, show=shown).install()
    h.shown, h.windows = shown, window
    yield h
    h.uninstall()
    h.deleteLater()


@pytest.mark.qt_no_exception_capture  # the hook under test takes the exception, not pytest-qt
def test_a_slot_that_raises_is_logged_and_shown_on_the_window(qtbot, open_window, hook,
                                                              log_file):
    win = open_window()
    hook.windows.append(win)

    def broken_slot():
        raise RuntimeError("the grid lost its model")

    button = QPushButton("Break", win)
    button.clicked.connect(broken_slot)
    button.click()
    qtbot.waitUntil(lambda: bool(hook.shown.messages), timeout=5_000)
    [(parent, message)] = hook.shown.messages
    assert parent is win
    assert message.startswith("An unexpected error happened (RuntimeError: the grid lost its "
                              "model). LiveAssets keeps running")
    assert f"The details are in the log file {log_file}" in message
    assert win.status_label.text() == ("An unexpected error happened (RuntimeError: the grid "
                                       f"lost its model); the details are in {log_file}.")
    text = log_file.read_text(encoding="utf-8")
    assert "Unexpected error in MainThread" in text and "Traceback" in text
    assert "in broken_slot" in text and "RuntimeError: the grid lost its model" in text

    # A burst while the message is up: logged, one message (no stack of boxes).
    button.click()
    qtbot.waitUntil(lambda: hook.missed == 1, timeout=5_000)
    assert len(hook.shown.messages) == 1
    hook.shown.close()
    button.click()
    qtbot.waitUntil(lambda: len(hook.shown.messages) == 2, timeout=5_000)
    assert log_file.read_text(encoding="utf-8").count("RuntimeError: the grid lost") == 3


def test_a_python_thread_that_raises_is_logged_and_shown(qtbot, hook, log_file):
    def worker():
        raise ValueError("bad frame count")

    thread = threading.Thread(target=worker, name="decoder")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(hook.shown.messages), timeout=5_000)
    assert "(ValueError: bad frame count)" in hook.shown.messages[0][1]
    assert hook.shown.messages[0][0] is None  # no window up: a message of its own
    text = log_file.read_text(encoding="utf-8")
    assert "Unexpected error in decoder" in text and "in worker" in text


def test_uninstall_gives_back_the_previous_hooks(qapp):
    import sys

    before = (sys.excepthook, threading.excepthook)
    h = ExceptionHook(show=lambda *a: None).install()
    assert sys.excepthook == h.handle
    h.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    h.deleteLater()


def test_the_default_message_does_not_block(qtbot, qapp):
    """`show_box` opens the box and returns (no nested event loop inside the hook)."""
    closed = []
    show_box(None, "An unexpected error happened (X). The details are in the log file /l.",
             lambda: closed.append(True))
    boxes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [b.windowTitle() for b in boxes] == [TITLE]
    assert "/l." in boxes[0].text()
    boxes[0].accept()
    qtbot.waitUntil(lambda: closed == [True], timeout=5_000)
