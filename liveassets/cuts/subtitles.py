"""Timed captions as files: SubRip (.srt) and WebVTT (.vtt) read into cues, and cues written
back as SRT (the sidecar a platform's caption upload takes). A cue is shown from `start` to
`end` seconds of the cut (0 = the render's first frame, title card included).

Reading is strict about structure and lenient about what every player forgives: a byte-order
mark, UTF-16 with its mark, CRLF line ends, extra blank lines, styling tags (<i>, <b>, <font>,
WebVTT's <c.x>, <v Name>, inline timestamps, ASS's {\\an8}) which are stripped because a
burned-in caption has one look. Overlapping cues are kept (a player shows both; so does the
burn-in, stacked). A line that is not where a cue may be is a UserError naming the file and
the line. SRT is parsed and written with the `srt` library (its SRTParseError gives the
character where reading stopped, turned here into a line number); WebVTT is read here because
webvtt-py 0.6 silently drops a cue whose time line is malformed (measured), so a user would lose
a caption without a word. The WebVTT rules followed are the W3C WebVTT spec's file structure
(header, NOTE/STYLE/REGION blocks, optional cue identifier, `mm:ss.ttt` or `hh:mm:ss.ttt`).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass

import srt

from liveassets.atomic import write_atomic
from liveassets.userfiles import UserFileError, decode_text, read_bytes

# A subtitle file for a recap is a few KB (a 10-minute cut at one cue a second: ~60 KB of SRT);
# 2 MB holds a feature film's subtitles and refuses a mistaken pick (a video named .srt).
MAX_FILE_BYTES = 2_000_000
MAX_CUES = 2000  # a 10-minute cut (validate.MAX_CUT_SECONDS) at one cue per 0.3 s
EXTENSIONS = (".srt", ".vtt")


class SubtitleError(UserFileError):
    """A subtitle file that cannot be read: one line naming the file, the line and the fix."""


@dataclass(frozen=True)
class Cue:
    """One caption: text shown from start to end seconds of the cut (times in ms precision,
    the precision both SRT and WebVTT write)."""

    start: float
    end: float
    text: str

    def as_dict(self) -> dict:
        """The plan's form: {"start": s, "end": s, "text": str}."""
        return {"start": self.start, "end": self.end, "text": self.text}


def cue(start: float, end: float, text: str) -> Cue:
    """A Cue with times rounded to milliseconds (what SRT keeps, so a sidecar reads back equal)."""
    return Cue(round(float(start), 3), round(float(end), 3), str(text))


# -- tags -------------------------------------------------------------------------------------
_TAGS = re.compile(r"</?(?:[ibu]|s|font|c|v|lang|ruby|rt|span)(?:[\s.][^<>\n]*)?>"
                   r"|<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{3}>"  # WebVTT karaoke timestamps
                   r"|\{\\[^{}\n]*\}", re.IGNORECASE)  # ASS/SSA overrides some SRTs carry


def plain(text: str, entities: bool = False) -> str:
    """text without styling tags, each line stripped, empty lines dropped; `entities` also
    decodes &amp; &lt; &gt; &nbsp; &lrm; &rlm; (WebVTT escapes them)."""
    text = _TAGS.sub("", text)
    if entities:
        text = html.unescape(text)
    lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


# -- reading ----------------------------------------------------------------------------------
def read(path: str | os.PathLike) -> list[Cue]:
    """The cues of an .srt or .vtt file (a file starting with WEBVTT is read as WebVTT whatever
    its name), sorted by start. Raises SubtitleError (one line: missing, not a file, too big,
    not UTF-8, a malformed line with its number, an end before its start, no cues at all)."""
    name = os.path.basename(os.fspath(path))
    ext = os.path.splitext(name)[1].lower()
    if ext not in EXTENSIONS + ("",):
        raise SubtitleError(f"{name} is not a caption file: import an .srt or .vtt file.")
    data = read_bytes(path, "the caption file", MAX_FILE_BYTES)
    text = decode_text(data, f"the caption file {name}")
    if text.lstrip("\ufeff").startswith("WEBVTT") or ext == ".vtt":
        cues = parse_vtt(text, name)
    else:
        cues = parse_srt(text, name)
    if not cues:
        raise SubtitleError(f"{name} holds no captions (no cue with a time line and text).")
    return cues


def parse_srt(text: str, name: str = "the SRT file") -> list[Cue]:
    """Cues of SubRip text (CRLF or LF, with or without cue numbers), sorted by start; a cue
    with no text left once tags are stripped is dropped. Raises SubtitleError naming `name`
    and the line."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    _check_srt_times(text, name)
    try:
        subs = list(srt.parse(text))
    except srt.SRTParseError as exc:
        line, shown = _bad_line(text, exc.expected_start)
        raise SubtitleError(
            f"{name} line {line}: \"{shown}\" is not where an SRT cue may be; each cue is a "
            "number, a time line like 00:00:01,000 --> 00:00:02,500 and its text, with a blank "
            "line between cues.") from None
    out = []
    for number, sub in enumerate(subs, 1):
        start, end = sub.start.total_seconds(), sub.end.total_seconds()
        if end <= start:
            where = _line_of_time(text, sub)
            raise SubtitleError(f"{name} line {where}: cue {sub.index or number} ends "
                                f"({_stamp(end)}) before it starts ({_stamp(start)}); fix its "
                                "times.")
        body = plain(sub.content)
        if body:
            out.append(cue(start, end, body))
    _check_count(out, name)
    return sorted(out, key=lambda c: (c.start, c.end))


# SubRip's time is hh:mm:ss,mmm (two-digit hours; minutes and seconds 00-59), which the `srt`
# library does not check: "99:99:99,000" read as 100:40:39 and a 17-digit hour raised
# OverflowError. Any more digits or a 60 is a mistake to name, not a time to guess.
_SRT_TIME = re.compile(r"(\d+):(\d+):(\d+)[,.]\d+")
MAX_HOURS = 99  # two digits, as both formats write it; a cut is minutes long (MAX_CUES note)


def _check_srt_times(text: str, name: str) -> None:
    """SubtitleError naming the first time line with a time no clock shows (see _SRT_TIME)."""
    for line_no, line in enumerate(text.split("\n"), 1):
        if "-->" not in line:
            continue
        for stamp in re.findall(r"[\d:,.]+", line)[:2]:
            m = _SRT_TIME.fullmatch(stamp)
            if m is None:
                continue  # not a time at all: srt.parse names that line
            h, mnt, sec = m.group(1), m.group(2), m.group(3)
            if len(h) > 4 or int(h) > MAX_HOURS or int(mnt) > 59 or int(sec) > 59:
                raise SubtitleError(
                    f"{name} line {line_no}: \"{_short(stamp)}\" is not a time (hours 00-99, "
                    "minutes and seconds 00-59): write it as 00:01:02,500.")


_VTT_TIME = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_VTT_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")


def parse_vtt(text: str, name: str = "the WebVTT file") -> list[Cue]:
    """Cues of WebVTT text, sorted by start (cue settings such as `align:start` and NOTE,
    STYLE and REGION blocks are ignored). Raises SubtitleError naming `name` and the line."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not _VTT_HEADER.match(lines[0]):
        raise SubtitleError(f"{name} line 1: a WebVTT file starts with the word WEBVTT; save "
                            "it as WebVTT or import it as .srt.")
    out: list[Cue] = []
    i = 1
    while i < len(lines) and lines[i].strip():  # header lines until the first blank line
        i += 1
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        block_start = i
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        first = block[0].strip()
        if first.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in first:
            continue
        timing_at = 0 if "-->" in block[0] else 1
        if timing_at >= len(block) or "-->" not in block[timing_at]:
            bad = block_start + 1 + (1 if len(block) > 1 else 0)
            raise SubtitleError(f"{name} line {bad}: \"{_short(lines[bad - 1])}\" should be a "
                                "cue's time line like 00:01.000 --> 00:02.500.")
        line_no = block_start + 1 + timing_at
        start, end = _vtt_times(block[timing_at], name, line_no)
        body = plain("\n".join(block[timing_at + 1:]), entities=True)
        if body:
            out.append(cue(start, end, body))
    _check_count(out, name)
    return sorted(out, key=lambda c: (c.start, c.end))


def _vtt_times(line: str, name: str, line_no: int) -> tuple[float, float]:
    left, _, right = line.partition("-->")
    parts = right.split()
    stamps = [left.strip(), parts[0] if parts else ""]
    seconds = []
    for stamp in stamps:
        m = _VTT_TIME.match(stamp)
        if not m:
            raise SubtitleError(f"{name} line {line_no}: \"{_short(stamp) or '(nothing)'}\" is "
                                "not a WebVTT time; write it as 00:01.000 or 00:00:01.000.")
        h, mnt, s, ms = m.groups()
        if h is not None and (len(h) > 4 or int(h) > MAX_HOURS):  # 17 digits: floats round
            raise SubtitleError(f"{name} line {line_no}: \"{_short(stamp)}\" is not a time a cut "
                                "reaches (hours 00-99); write it as 00:00:01.000.")
        seconds.append(int(h or 0) * 3600 + int(mnt) * 60 + int(s) + int(ms) / 1000)
    if seconds[1] <= seconds[0]:
        raise SubtitleError(f"{name} line {line_no}: the cue ends ({stamps[1]}) before it starts "
                            f"({stamps[0]}); fix its times.")
    return seconds[0], seconds[1]


def _check_count(cues: list[Cue], name: str) -> None:
    if len(cues) > MAX_CUES:
        raise SubtitleError(f"{name} holds {len(cues)} captions; a cut takes at most {MAX_CUES}.")


def _bad_line(text: str, at: int) -> tuple[int, str]:
    """(1-based line number, its text) of the first non-blank line from character `at`."""
    rest = text[at:]
    skipped = len(rest) - len(rest.lstrip())
    pos = at + skipped
    line_no = text.count("\n", 0, pos) + 1
    line = text[pos:].split("\n", 1)[0]
    # the cue's number is fine: the mistake is usually the time line after it
    nxt = text[pos:].split("\n", 2)
    if line.strip().isdigit() and len(nxt) > 1:
        return line_no + 1, _short(nxt[1])
    return line_no, _short(line)


def _line_of_time(text: str, sub: srt.Subtitle) -> int:
    """The line holding sub's time line (found by its written start), for messages."""
    stamp = srt.timedelta_to_srt_timestamp(sub.start)
    for number, line in enumerate(text.split("\n"), 1):
        if "-->" in line and line.strip().replace(".", ",").startswith(stamp[:8]):
            if srt.srt_timestamp_to_timedelta(line.split("-->")[0].strip()) == sub.start:
                return number
    return 1


def _short(line: str, n: int = 60) -> str:
    line = line.strip()
    return line if len(line) <= n else line[: n - 1] + "…"


def _stamp(seconds: float) -> str:
    return srt.timedelta_to_srt_timestamp(dt.timedelta(seconds=seconds))


# -- the plan's captions ------------------------------------------------------------------------
def from_plan(captions) -> list[Cue]:
    """The well-formed entries of a plan's `captions` list as Cues sorted by start (validate()
    names the others; a render shows only these)."""
    out = []
    for item in captions if isinstance(captions, list) else []:
        if not isinstance(item, dict):
            continue
        start, end, text = item.get("start"), item.get("end"), item.get("text")
        if _number(start) and _number(end) and isinstance(text, str) and end > start \
                and text.strip():
            out.append(cue(start, end, text.strip()))
    return sorted(out, key=lambda c: (c.start, c.end))


def to_plan(cues: list[Cue]) -> list[dict]:
    """Cues as the plan stores them (sorted by start)."""
    return [c.as_dict() for c in sorted(cues, key=lambda c: (c.start, c.end))]


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and value == value and abs(value) != float("inf")


# -- writing ----------------------------------------------------------------------------------
def to_srt(cues: list[Cue]) -> str:
    """SRT text: cues numbered from 1 in start order, times to the millisecond, LF line ends."""
    subs = [srt.Subtitle(i, dt.timedelta(seconds=c.start), dt.timedelta(seconds=c.end), c.text)
            for i, c in enumerate(sorted(cues, key=lambda c: (c.start, c.end)), 1)]
    return srt.compose(subs, reindex=False)


def write_srt(cues: list[Cue], path: str | os.PathLike, force: bool = False,
              catalog=None) -> str:
    """Write cues as an SRT file (UTF-8 without a mark, atomically: atomic.write_atomic);
    returns the path. Raises ExportError (one line): the file exists and not force, a folder,
    a file the catalog indexes, a full disk."""
    data = to_srt(cues).encode("utf-8")
    return os.fspath(write_atomic(path, lambda tmp: tmp.write_bytes(data), force=force,
                                  catalog=catalog))


def sidecar_path(render_path: str | os.PathLike) -> str:
    """Where a render's sidecar goes: beside it, same name, .srt (what platforms and players
    look for)."""
    return os.path.splitext(os.fspath(render_path))[0] + ".srt"
