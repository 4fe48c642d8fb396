"""Long work as plain functions: progress reports and cancel tokens shared by the CLI and window."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """Raised inside long work when the user pressed Cancel."""


class CancelToken:
    """Thread-safe flag a caller sets to stop long work promptly."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


@dataclass(frozen=True)
class Progress:
    phase: str  # what is happening, in a user's words ("Reading facts", "Making thumbnails")
    done: int
    total: int
    current: str = ""  # the file being worked on


ProgressFn = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    pass
