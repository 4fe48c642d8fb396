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
from liveassets.atomic import umask_mode
from liveassets.originals import refuse_original
from liveassets.safe_paths import ConcatList, ffmpeg_url


@dataclass
class QuickResult:
    path: str
    duration: float
    seconds: float
    starts: list[float]  # where each segment really starts (snapped to a keyframe)
    sound: str = "copied"  # "copied", "converted to AAC" (see sound_plan) or "none"
    sidecar: str | None = None  # the .srt written beside the clip (captions "srt"/"both")


# Sound codecs that players reliably play inside an .mp4 (Apple's QuickTime/Photos, Windows'
# Media Player, Android, browsers, social uploaders). Linear PCM (pcm_s16le/s24le from
# mirrorless cameras and pro camera apps) is legal in MOV but many of these ignore it in MP4.
MP4_SOUND = frozenset({"aac", "mp3", "ac3", "eac3"})
AAC_BITRATE = "192k"  # stereo AAC at this rate is transparent for event footage


def sound_plan(plan: CutPlan, facts: dict | None = None) -> tuple[str, list[str]]:
    """(what happens to the sound, ffmpeg output args for it): ("copied", copy), ("converted
    to AAC", re-encode sound only) when any source's sound is not in MP4_SOUND, or ("none", [])
    without sound. facts: path -> probe() result, filled as needed. Raises MediaError for an
    unreadable source."""
    facts = facts if facts is not None else {}
    codecs = set()
    for seg in plan.segments:
        if seg.source not in facts:
            facts[seg.source] = probe(seg.source)
        f = facts[seg.source] or {}
        if f.get("has_audio"):
            codecs.add(f.get("audio_codec"))
    if not codecs:
        return "none", []
    if codecs <= MP4_SOUND:
        return "copied", ["-c:a", "copy"]
    return "converted to AAC", ["-c:a", "aac", "-b:a", AAC_BITRATE]


def sound_sentence(plan: CutPlan, facts: dict | None = None) -> str:
    """One sentence for the UI when the sound will be converted, else ""."""
    try:
        what, _ = sound_plan(plan, facts)
    except Exception:  # an unreadable source is named by validate(); nothing to add here
        return ""
    if what != "converted to AAC":
        return ""
    return ("The clips' sound is a kind many players ignore in an MP4 (such as linear PCM), "
            "so only the sound is converted to AAC; the picture is still copied.")


def qualifies(plan: CutPlan, facts: dict | None = None,
              captions: str = "burn") -> tuple[bool, str]:
    """(True, "") when quick export can do this plan, else (False, why in a user's words).
    `captions` as render() takes it: timed captions to burn in need a normal render."""
    from liveassets.cuts.subtitles import from_plan

    if captions in ("burn", "both") and from_plan(plan.captions):
        return False, "Quick export copies the picture and cannot burn captions in: write " \
                      "them as an .srt beside the clip (--captions srt) or render normally."
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
        if f.get("hdr") not in (None, "none"):
            # a stream copy keeps the HDR picture, which shows washed out wherever it is not
            # tone mapped (SPECS.md); a normal render converts it to SDR BT.709
            return False, (f"{os.path.basename(str(seg.source))} is HDR "
                           f"({f['hdr'].upper()}): a quick export would copy it as HDR, which "
                           "looks washed out in many players; render normally to get SDR.")
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
    sound = sound_sentence(plan)
    if worst < 0.02:
        text = "Quick export copies the clips without re-encoding; every cut already starts " \
               "on a keyframe, so it lands exactly where you marked it."
    else:
        text = ("Quick export copies the clips without re-encoding, so each cut starts at the "
                f"keyframe at or before your in point: up to {worst:.2f} s earlier here.")
    return f"{text} {sound}" if sound else text


def quick_export(plan: CutPlan, out: str | os.PathLike, progress: ProgressFn = no_progress,
                 cancel: CancelToken | None = None, catalog=None, today=None,
                 captions: str = "burn") -> QuickResult:
    """Stream-copy the plan's segments (snapped to keyframes) into one MP4 at out; sound that
    MP4 players ignore (linear PCM) is converted to AAC, and QuickResult.sound says so. Timed
    captions refuse it unless `captions` is "srt" or "none"; with "srt" the .srt beside the
    clip (QuickResult.sidecar) is timed on the clip as copied (as_exported)."""
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    facts: dict = {}
    problems = require_valid(plan, catalog, today, facts, "exported")
    ok, why = qualifies(plan, facts, captions)
    if not ok:
        raise PlanError(why)
    sound, sound_args = sound_plan(plan, facts)
    starts = snap(plan)
    out = os.path.abspath(os.fspath(out))
    folder = os.path.dirname(out)
    temps.check_output(out)
    refuse_original(out, catalog)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise DiskError(exc, "write into", folder) from None
    temps.sweep(folder)  # what a killed export left here (temps.py)
    total = sum(float(s.end) - k for s, k in zip(plan.segments, starts))
    tmp = temps.work_path(out, ".part.mp4")  # raises DiskError (one line)
    listing = ConcatList()  # private folder; names that a listing cannot carry are linked
    try:
        for seg, start in zip(plan.segments, starts):
            listing.add(seg.source, start, float(seg.end))
        listing.write()
    except BaseException as exc:
        listing.close()
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise DiskError(exc, "write into", folder) from None
        raise
    cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0",
           "-i", listing.path, "-map", "0:v:0", "-map", "0:a:0?", "-c:v", "copy",
           # no tags from the sources: phone clips carry their location and device there
           "-map_metadata", "-1", "-map_metadata:s", "-1", "-map_chapters", "-1",
           *sound_args,
           "-avoid_negative_ts", "make_zero", "-movflags", "+faststart",
           "-progress", "pipe:1", "-nostats", "-f", "mp4", ffmpeg_url(tmp)]
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
        os.chmod(tmp, umask_mode())  # mkstemp makes it private; an export is not
        os.replace(tmp, out)
    except OSError as exc:
        raise DiskError(exc, "write the export", out) from None
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        log.close()
        listing.close()
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
    note_override(plan, problems)
    plan.note("exported", path=out, quick=True)
    sidecar = None
    if captions in ("srt", "both"):
        from liveassets.cuts.render import write_sidecar

        sidecar = write_sidecar(as_exported(plan, starts), out, catalog)
    return QuickResult(out, total, time.perf_counter() - started, starts, sound, sidecar)


def as_exported(plan: CutPlan, starts: list[float]) -> CutPlan:
    """A copy of `plan` as the quick export copies it: each segment from `starts` (its keyframe
    at or before the in point, snap()), the timed captions kept on their footage
    (caption_map.follow: a segment starting earlier moves its captions later)."""
    import copy

    from liveassets.cuts.caption_map import follow

    copied = copy.deepcopy(plan)
    for seg, start in zip(copied.segments, starts):
        seg.start = start
    copied.captions = follow(plan.captions, plan, copied,
                             list(range(len(copied.segments)))).captions
    return copied
