"""Sound and text out of the bundled ffmpeg for analysis (highlights, beats, loudness): one
subprocess whose output can be taken piece by piece (an hour-long recording is never held
whole), that the cancel token stops within a fraction of a second, and whose failure becomes
one line naming what could not be done."""

from __future__ import annotations

import queue
import subprocess
import tempfile
import threading
from collections.abc import Iterator

import numpy as np

from liveassets.cuts.frames import ffmpeg_exe, last_line
from liveassets.jobs import CancelToken, Cancelled
from liveassets.media.errors import MediaError, check_readable
from liveassets.safe_paths import ffmpeg_url

CHUNK = 1 << 20  # bytes read at a time from ffmpeg
AHEAD = 8  # chunks ffmpeg may run ahead of the reader (8 MiB), then it waits
POLL = 0.1  # seconds between looks at the cancel token


class _Run:
    """`ffmpeg -nostdin ARGS` with its stdout as chunks (`chunks()`), stderr kept in a file."""

    def __init__(self, args: list[str], cancel: CancelToken | None, what: str):
        self.cancel, self.what, self.err = cancel, what, ""
        self.log = tempfile.TemporaryFile()  # never a pipe that could fill and stall ffmpeg
        self.proc = subprocess.Popen([ffmpeg_exe(), "-nostdin", *args],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self.log)
        # a thread reads stdout so that this one can watch the cancel token while ffmpeg
        # prints nothing (a scene pass between changes); select() takes no pipes on Windows
        self.queue: queue.Queue = queue.Queue(AHEAD)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        try:
            for block in iter(lambda: self.proc.stdout.read(CHUNK), b""):
                self.queue.put(block)
        except (OSError, ValueError):  # the pipe closed under us: the run was stopped
            pass
        finally:
            self.queue.put(None)

    def chunks(self) -> Iterator[bytes]:
        """stdout as it comes. Raises Cancelled or, once ffmpeg ends with an error,
        MediaError; ffmpeg never outlives the loop (break, error or cancel)."""
        try:
            while True:
                try:
                    block = self.queue.get(timeout=POLL)
                except queue.Empty:
                    self._check_cancel()
                    continue
                if block is None:
                    break
                self._check_cancel()
                yield block
            code = self.proc.wait()
            self._check_cancel()
            self.log.seek(0)
            self.err = self.log.read().decode("utf-8", "replace")
            if code != 0:
                raise MediaError(f"ffmpeg could not {self.what}: "
                                 f"{last_line(self.log) or f'exit {code}'}")
        finally:
            self._stop()

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.cancelled:
            raise Cancelled()

    def _stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        while self.reader.is_alive():  # let a reader blocked on a full queue finish
            try:
                self.queue.get(timeout=POLL)
            except queue.Empty:
                pass
        self.proc.wait()
        self.proc.stdout.close()
        self.log.close()


def run(args: list[str], cancel: CancelToken | None = None, what: str = "read the file"
        ) -> tuple[bytes, str]:
    """Run `ffmpeg -nostdin ARGS`; returns (stdout bytes, stderr text). Raises Cancelled when
    `cancel` is set (ffmpeg is killed within POLL seconds) and MediaError with ffmpeg's last
    line when it fails."""
    job = _Run(args, cancel, what)
    out = b"".join(job.chunks())
    return out, job.err


def mono_chunks(path: str, rate: int, cancel: CancelToken | None = None,
                seconds: float | None = None) -> Iterator[np.ndarray]:
    """The file's first sound track as mono float32 samples at `rate` Hz (channels averaged),
    piece by piece (about CHUNK bytes each); nothing when the file has no sound. Samples are
    placed at their timestamps: sound that starts after the picture (a phone's late audio
    track) is preceded by silence, so times are the picture's (as sound.decode). `seconds`:
    only the first so many. Raises MediaError (missing, empty or undecodable) or Cancelled."""
    check_readable(path)
    if not has_sound(path):
        return
    chain = ("aresample=async=1:first_pts=0,"
             f"aformat=sample_fmts=flt:sample_rates={rate}:channel_layouts=mono")
    limit = ["-t", f"{seconds:.3f}"] if seconds is not None else []
    job = _Run(["-v", "error", "-i", ffmpeg_url(path), *limit, "-vn", "-sn", "-dn",
                "-map", "0:a:0", "-af", chain, "-f", "f32le", "-"], cancel, "decode the sound")
    rest = b""
    for block in job.chunks():
        block = rest + block
        cut = len(block) // 4 * 4
        rest = block[cut:]
        if cut:
            yield np.frombuffer(block[:cut], np.float32)


def mono(path: str, rate: int, cancel: CancelToken | None = None,
         seconds: float | None = None) -> np.ndarray:
    """mono_chunks() joined: the whole sound (mind the length: 4 bytes per sample)."""
    parts = list(mono_chunks(path, rate, cancel, seconds))
    return np.concatenate(parts) if parts else np.zeros(0, np.float32)


def has_sound(path: str) -> bool:
    """Whether the file holds a sound track (PyAV reads the header only, ~9 ms). Raises
    MediaError when it is not media at all."""
    return tracks(path)[0]


def tracks(path: str) -> tuple[bool, bool]:
    """(has sound, has picture) of a media file, from its header. Raises MediaError."""
    from liveassets.media.errors import av_opened
    from liveassets.media.formats import kind_for

    with av_opened(path, kind_for(path) or "video") as container:
        return bool(container.streams.audio), bool(container.streams.video)
