"""The terminal progress printer every CLI verb uses: one line on stderr, rewritten in place,
only when stderr is a terminal (a pipe or a log file gets no carriage returns)."""

from __future__ import annotations

import sys
from pathlib import Path

from liveassets.jobs import Progress
from liveassets.safe_paths import shown
from liveassets.shorten import shorten

WIDTH = 30  # characters of the bar itself


class TerminalProgress:
    """Callable with `Progress` (phase, done, total, current, optional eta in seconds).

    Shows `phase [#####.....] done/total name`, plus "about N s left" when the job knows;
    `close()` clears the line so the verb's own output starts on a clean one.
    """

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.width = 0

    def __call__(self, p: Progress) -> None:
        if not self.enabled:
            return
        if p.total:
            filled = int(WIDTH * p.done / p.total)
            bar = f" [{'#' * filled}{'.' * (WIDTH - filled)}] {p.done}/{p.total}"
        else:
            bar = ""
        eta = getattr(p, "eta", None)
        left = f", about {eta:.0f} s left" if eta is not None else ""
        name = shown(shorten(Path(p.current).name, 40)) if getattr(p, "current", None) else ""
        text = f"{p.phase:<18}{bar}{left} {name}".rstrip()
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
