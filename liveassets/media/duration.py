"""A clip's real length: the header's duration when it is plausible, else the end of the last
packet found by demuxing the file (no decoding). Browser recorders write WebM/MKV with no
duration, and a damaged or hand-edited MP4 can claim hours for a one-second clip.

The header is trusted unless (a) it gives no duration, (b) the file holds too few bytes per
second for the time it claims (MIN_BYTES_PER_SECOND), or (c) a stream's own duration disagrees
with the container's by more than DISAGREE_SECONDS. Only then is the file demuxed: measured on a
20 s 1080p30 H.264+AAC clip, the pass reads 1,465 packets in 60 ms (about 3 ms per second of
clip), against 19 ms to open the file; so every probe stays fast and only suspect files pay."""

from __future__ import annotations

import os

import av

# Average rate (bytes per second) below which the header is checked by demuxing. The answer
# is right either way; this only decides who pays for the pass, and files this thin hold few
# packets, so the pass is cheap for them. Measured: a 1 s 160x90 clip whose header claims
# 10 hours is 0.2 B/s; a 60 s 64x64 1 fps grey H.264 clip 53 B/s; 6 kbit/s Opus 735 B/s.
MIN_BYTES_PER_SECOND = 1000
LONG_PACKET = 4  # see demuxed_duration
DISAGREE_SECONDS = 1.0  # a stream duration this far from the container's makes it suspect


def header_duration(container, stream) -> float | None:
    """Seconds the container header (else the stream header) claims; None when absent."""
    if container.duration and container.duration > 0:
        return container.duration / av.time_base
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return None


def suspect(container, stream, path: str) -> bool:
    """True when the header's duration is missing or implausible (see module docstring)."""
    claimed = header_duration(container, stream)
    if not claimed:
        return True
    try:
        size = os.path.getsize(path)
    except OSError:
        return False
    if size / claimed < MIN_BYTES_PER_SECOND:
        return True
    for s in list(container.streams.video) + list(container.streams.audio):
        if s.duration and s.time_base:
            if abs(float(s.duration * s.time_base) - claimed) > DISAGREE_SECONDS:
                return True
    return False


def demuxed_duration(path: str) -> float | None:
    """Seconds from the first packet's start to the last packet's end over the picture and
    sound streams, read by demuxing (no decode); None when no timed packet is found.

    A packet lasting over LONG_PACKET times its stream's median counts as the median: a sample
    table can make the last frame "last" ten hours. Negative timestamps (AAC priming, which
    players drop) count from 0.
    Raises av.FFmpegError / OSError when the file cannot be opened."""
    spans: dict[int, list[tuple[float, float]]] = {}
    with av.open(path) as container:
        streams = [s for s in container.streams
                   if s.type in ("video", "audio")
                   and not (s.disposition & av.stream.Disposition.attached_pic)]
        if not streams:
            return None
        for packet in container.demux(streams):
            if packet.pts is None or packet.time_base is None:
                continue
            tb = packet.time_base
            spans.setdefault(packet.stream_index, []).append(
                (float(packet.pts * tb), float((packet.duration or 0) * tb)))
    first, last = None, None
    for items in spans.values():
        lengths = sorted(d for _, d in items)
        median = lengths[len(lengths) // 2]
        start = max(0.0, min(t for t, _ in items))
        end = max(t + (d if d <= median * LONG_PACKET else median) for t, d in items)
        first = start if first is None else min(first, start)
        last = end if last is None else max(last, end)
    if first is None or last is None or last <= first:
        return None
    return last - first


def real_duration(container, stream, path: str | None = None) -> float | None:
    """The clip's length in seconds (see module docstring); None when nothing tells.

    container/stream are an open PyAV container and its main stream (left untouched: the
    demux pass opens the file again). Never raises for a damaged file: falls back to the
    header's figure."""
    path = path or container.name
    claimed = header_duration(container, stream)
    if not suspect(container, stream, path):
        return claimed
    try:
        measured = demuxed_duration(path)
    except (av.FFmpegError, OSError, ValueError):
        return claimed
    return measured if measured else claimed
