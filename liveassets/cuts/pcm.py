"""Sound and text out of the bundled ffmpeg for analysis (highlights, beats, loudness): one
subprocess that the cancel token stops within a fraction of a second, and a failure turned into
one line naming the file."""

from __future__ import annotations

import subprocess
import tempfile
import threading

import numpy as np

from liveassets.cuts.frames import ffmpeg_exe, last_line
from liveassets.jobs import CancelToken, Cancelled
from liveassets.media.errors import MediaError, check_readable
from liveassets.safe_paths import ffmpeg_url

CHUNK = 1 << 20  # bytes read at a time from ffmpeg
POLL = 0.1  # seconds between looks at the cancel token


def run(args: list[str], cancel: CancelToken | None = None, what: str = "read the file"
        ) -> tuple[bytes, str]:
    """Run `ffmpeg -nostdin ARGS`; returns (stdout bytes, stderr text). Raises Cancelled when
    `cancel` is set (the process is killed within POLL seconds, even while ffmpeg prints
    nothing, as a scene pass does between changes) and MediaError with ffmpeg's last line when
    it fails."""
    with tempfile.TemporaryFile() as log:  # a file, never a pipe that could fill and stall
        proc = subprocess.Popen([ffmpeg_exe(), "-nostdin", *args], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=log)
        parts: list[bytes] = []
        # a thread drains stdout so this one can watch the cancel token (select() does not
        # take pipes on Windows)
        reader = threading.Thread(target=_drain, args=(proc.stdout, parts), daemon=True)
        reader.start()
        try:
            while True:
                try:
                    code = proc.wait(POLL)
                    break
                except subprocess.TimeoutExpired:
                    if cancel is not None and cancel.cancelled:
                        raise Cancelled() from None
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            reader.join()
            proc.stdout.close()
        if cancel is not None:
            cancel.raise_if_cancelled()
        log.seek(0)
        err = log.read().decode("utf-8", "replace")
        if code != 0:
            raise MediaError(f"ffmpeg could not {what}: {last_line(log) or f'exit {code}'}")
    return b"".join(parts), err


def _drain(pipe, parts: list[bytes]) -> None:
    for block in iter(lambda: pipe.read(CHUNK), b""):
        parts.append(block)


def mono(path: str, rate: int, cancel: CancelToken | None = None, filters: str = ""
         ) -> np.ndarray:
    """The file's first sound track as mono float32 samples at `rate` Hz (channels averaged;
    empty when the file has no sound). `filters`: ffmpeg audio filters run after the
    conversion. Raises MediaError (missing, empty or undecodable file) or Cancelled."""
    check_readable(path)
    if not has_sound(path):
        return np.zeros(0, np.float32)
    # placed at their timestamps: sound that starts after the picture (a phone's late audio
    # track) is preceded by silence, so a moment's time is the picture's time (as sound.decode)
    chain = ("aresample=async=1:first_pts=0,"
             f"aformat=sample_fmts=flt:sample_rates={rate}:channel_layouts=mono")
    if filters:
        chain += "," + filters
    out, _ = run(["-v", "error", "-i", ffmpeg_url(path), "-vn", "-sn", "-dn", "-map", "0:a:0",
                  "-af", chain, "-f", "f32le", "-"], cancel, "decode the sound")
    return np.frombuffer(out[: len(out) // 4 * 4], np.float32)


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
