"""ExceptionHook: an unexpected exception anywhere in the window (a slot, a paint, a Python
thread) is logged with its traceback and shown as a message naming the log file, instead of
the process printing to a terminal nobody sees, or dying silently.

Installed by `app.run_app` on `sys.excepthook` (PySide calls it for exceptions escaping slots and
virtual methods) and `threading.excepthook`. The message is a window-modal QMessageBox opened
with `open()`, never `exec()`: the hook returns at once, with no nested event loop inside it, and
a burst of errors shows one box, not a stack of them (the rest are logged). `show` is injectable,
so tests see the message without a dialog.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from liveassets.logs import log_exception, log_path
from liveassets.shorten import shorten

TITLE = "Something went wrong"


def _error(exc: BaseException) -> str:
    text = shorten(" ".join(str(exc).split()), 160)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def crash_message(exc: BaseException) -> str:
    """The message box's text: the error, that the app runs on, and where the details are."""
    return (f"An unexpected error happened ({_error(exc)}). LiveAssets keeps running, but save "
            f"your work and restart if something looks wrong. The details are in the log file "
            f"{log_path()}: please attach it to a bug report.")


def status_message(exc: BaseException) -> str:
    """The same for the window's status line, short enough to read there."""
    return f"An unexpected error happened ({_error(exc)}); the details are in {log_path()}."


_open_boxes: list[QMessageBox] = []  # a box without a parent lives while it is shown


def show_box(parent: QWidget | None, message: str, closed: Callable[[], None]) -> None:
    """The default `show`: a window-modal critical box that does not block the caller."""
    box = QMessageBox(QMessageBox.Critical, TITLE, message, QMessageBox.Ok, parent)
    box.setTextInteractionFlags(Qt.TextSelectableByMouse)  # the log path can be copied
    _open_boxes.append(box)

    def finished(_result) -> None:
        _open_boxes.remove(box)
        box.deleteLater()
        closed()

    box.finished.connect(finished)
    box.open()


class ExceptionHook(QObject):
    """`window()` returns the window to parent the message on (or None); `show(parent, message,
    closed)` presents it and calls `closed()` when the user dismisses it."""

    _report = Signal(str, str)  # box text, status text: from any thread, shown on the UI one

    def __init__(self, window: Callable[[], QWidget | None] = lambda: None,
                 show: Callable = show_box, parent: QObject | None = None):
        super().__init__(parent)
        self.window, self.show = window, show
        self.showing = False
        self.missed = 0  # errors logged while a message was already up
        self._previous: tuple | None = None
        self._report.connect(self._present, Qt.QueuedConnection)

    def install(self) -> ExceptionHook:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
            sys.excepthook = self.handle
            threading.excepthook = self.handle_thread
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(self, etype, value, tb) -> None:
        if issubclass(etype, KeyboardInterrupt):  # Ctrl+C in the terminal: as Python does
            sys.__excepthook__(etype, value, tb)
            return
        if value is None:
            value = etype()
        if value.__traceback__ is None:
            value = value.with_traceback(tb)
        log_exception(f"Unexpected error in {threading.current_thread().name}", value)
        self._report.emit(crash_message(value), status_message(value))

    def handle_thread(self, args) -> None:
        if args.exc_type is SystemExit:
            return  # a thread that exits on purpose (threading's own default)
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def _present(self, message: str, status: str) -> None:
        window = self.window()
        notify = getattr(window, "notify", None)
        if callable(notify):
            notify(status, error=True)
        if self.showing:
            self.missed += 1
            return
        self.showing = True
        self.show(window, message, self._closed)

    def _closed(self) -> None:
        self.showing = False
