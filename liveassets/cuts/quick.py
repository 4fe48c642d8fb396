"""Quick export: when a plan only trims clips (same codec and size, nothing reframed, drawn or
mixed), copy the compressed video and sound through the bundled ffmpeg without re-encoding.
Cut points snap back to the keyframe at or before each in point, because a stream copy can
only start on a keyframe; `snapping()` says by how much, in one sentence for the UI."""

from __future__ import annotations

import errno
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass

import av

from liveassets import temps
from liveassets.cuts.frames import ffmpeg_exe, last_line
from liveassets.cuts.plan import FORMATS, CutPlan, PlanError
from liveassets.cuts.validate import note_override, require_valid
from liveassets.errors import DiskError
from liveassets.jobs import CancelToken, Cancelled, Progress, ProgressFn, no_progress
from liveassets.media.probe import probe


@dataclass
class QuickResult:
    path: str
    duration: float
    seconds: float
    starts: list[float]  # where each segment really starts (snapped to a keyframe)


def qualifies(plan: CutPlan, facts: dict | None = None) -> tuple[bool, str]:
    """(True, "") when quick export can do this plan, else (False, why in a user's words)."""
    if plan.title or plan.end_card or plan.caption or plan.logo or plan.music:
        return False, "Quick export only trims: remove the title, end card, caption, logo " \
                      "and music, or render normally."
    if plan.crossfade:
        return False, "Quick export cannot crossfade: set crossfade to 0 or render normally."
    if not plan.segments:
        return False, "The plan has no segments."
    if any(s.is_photo for s in plan.segments):
        return False, "Quick export takes clips only; photos need a normal render."
    facts = facts if facts is not None else {}
    keys = set()
    for seg in plan.segments:
        if seg.source not in facts:
            try:
                facts[seg.source] = probe(seg.source)
            except Exception:
                return False, f"{os.path.basename(str(seg.source))} cannot be read."
        f = facts[seg.source]
        if f is None:
            return False, f"{os.path.basename(str(seg.source))} cannot be read."
        keys.add((f["video_codec"], f["width"], f["height"], f["rotation"],
                  round(f["fps"] or 0), bool(f["has_audio"]), f["audio_codec"]))
        fw, fh = FORMATS.get(plan.format, (0, 0))
        if f["width"] * fh != f["height"] * fw:
            return False, (f"{os.path.basename(seg.source)} is {f['width']}x{f['height']}, not "
                           f"{plan.format}: it needs reframing, so render normally.")
    if len(keys) > 1:
        return False, "The clips differ in codec, size, frame rate or sound; quick export " \
                      "needs them all alike, so render normally."
    return True, ""


def keyframe_before(path: str, t: float) -> float:
    """Time of the last keyframe at or before t (seconds from the stream's start). One seek in
    the container's index, not a read from the start: instant even deep into a long 4K clip
    (the window asks before a quick export)."""
    with av.open(path) as c:
        stream = c.streams.video[0]
        base = stream.start_time or 0
        c.seek(base + int((t + 1e-3) / stream.time_base), stream=stream, backward=True,
               any_frame=False)
        for packet in c.demux(stream):
            if packet.pts is not None and packet.is_keyframe:
                return max(0.0, float((packet.pts - base) * stream.time_base))
        return 0.0


def snap(plan: CutPlan) -> list[float]:
    return [keyframe_before(s.source, float(s.start)) for s in plan.segments]


def snapping(plan: CutPlan, starts: list[float] | None = None) -> str:
    """One sentence for the UI about how the cut points move."""
    starts = starts if starts is not None else snap(plan)
    moves = [float(s.start) - k for s, k in zip(plan.segments, starts)]
    worst = max(moves, default=0.0)
    if worst < 0.02:
        return "Quick export copies the clips without re-encoding; every cut already starts " \
               "on a keyframe, so it lands exactly where you marked it."
    return ("Quick export copies the clips without re-encoding, so each cut starts at the "
            f"keyframe at or before your in point: up to {worst:.2f} s earlier here.")


def quick_export(plan: CutPlan, out: str | os.PathLike, progress: ProgressFn = no_progress,
                 cancel: CancelToken | None = None, catalog=None, today=None) -> QuickResult:
    """Stream-copy the plan's segments (snapped to keyframes) into one MP4 at out."""
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    facts: dict = {}
    problems = require_valid(plan, catalog, today, facts, "exported")
    ok, why = qualifies(plan, facts)
    if not ok:
        raise PlanError(why)
    starts = snap(plan)
    out = os.path.abspath(os.fspath(out))
    folder = os.path.dirname(out)
    temps.check_output(out)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise DiskError(exc, "write into", folder) from None
    temps.sweep(folder)  # what a killed export left here (temps.py)
    lines = ["ffconcat version 1.0"]
    for seg, start in zip(plan.segments, starts):
        path = seg.source.replace("'", "'\\''")
        lines += [f"file '{path}'", f"inpoint {start:.6f}", f"outpoint {float(seg.end):.6f}"]
    total = sum(float(s.end) - k for s, k in zip(plan.segments, starts))
    listing = temps.work_path(out, ".ffconcat")
    tmp = ""
    try:
        with open(listing, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
        tmp = temps.work_path(out, ".part.mp4")
    except (OSError, DiskError) as exc:
        os.unlink(listing)
        if isinstance(exc, DiskError):
            raise
        raise DiskError(exc, "write into", folder) from None
    cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0",
           "-i", listing, "-map", "0:v:0", "-map", "0:a:0?", "-c", "copy",
           "-avoid_negative_ts", "make_zero", "-movflags", "+faststart",
           "-progress", "pipe:1", "-nostats", "-f", "mp4", tmp]
    log = tempfile.TemporaryFile()  # a file, not a pipe that could fill and stall ffmpeg
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=log, text=True)
    try:
        for line in proc.stdout:
            if cancel.cancelled:
                raise Cancelled()
            if line.startswith("out_time_us="):
                try:
                    done = int(line.split("=", 1)[1]) / 1e6
                except ValueError:
                    continue
                progress(Progress("Copying", int(min(done, total) * 1000), int(total * 1000),
                                  plan.name))
        if proc.wait() != 0:
            if temps.nearly_full(folder):
                raise DiskError(OSError(errno.ENOSPC, "No space left"), "write the export", out)
            raise PlanError("Quick export failed: " + (last_line(log) or "ffmpeg error")
                            + ". Render normally instead.")
        cancel.raise_if_cancelled()
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        raise DiskError(exc, "write the export", out) from None
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        log.close()
        for f in (tmp, listing):
            if f and os.path.exists(f):
                os.unlink(f)
    note_override(plan, problems)
    plan.note("exported", path=out, quick=True)
    return QuickResult(out, total, time.perf_counter() - started, starts)
