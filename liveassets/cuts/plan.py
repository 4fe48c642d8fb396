"""The cut plan: what a highlight cut is made of, as plain dataclasses that round-trip to the
PLAN.json structure the catalog stores. Building a plan never fails on odd values: they are
kept as given and `validate.validate()` names them, so an editor can show every problem at once.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from liveassets import clock
from liveassets import temps

from liveassets import userfiles
from liveassets.errors import DiskError, UserError
from liveassets.media.formats import kind_for

FORMATS = {"9:16": (1080, 1920), "1:1": (1080, 1080), "16:9": (1920, 1080)}
PURPOSES = ("public", "internal")
REFRAMES = ("crop", "blur", "fit")
CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
DEFAULT_PHOTO_SECONDS = 2.0
DEFAULT_DUCK = 0.35  # music gain while the clips' own sound plays (1.0 = just mix)
SNAPS = ("beats",)  # "snap": cuts moved onto the music bed's beats at render (cuts/beats.py)
# Platform loudness at render (cuts/loudness.py): the default is on; false turns it off
DEFAULT_LOUDNESS = {"target_lufs": -14.0, "true_peak": -1.0}
# A plan file larger than this is not a plan: a 1,000-segment plan (the validate cap) is ~200 KB
# (measured: 180 KB with absolute paths and history), so 4 MB leaves room and refuses /dev/zero.
MAX_PLAN_BYTES = 4_000_000


class PlanError(UserError):
    """A plan that cannot be read or rendered; `problems` lists every reason."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Segment:
    """One piece of the cut: a stretch of a video (start..end seconds) or a photo shown for
    `duration` seconds (with an optional slow `zoom`, e.g. 0.1 = 10 % closer by the end)."""

    source: str
    start: float | None = None
    end: float | None = None
    duration: float | None = None  # photos only
    zoom: float = 0.0  # photos only
    reframe: str = "crop"
    x: float = 0.5  # crop: horizontal position of the window, 0 = left edge, 1 = right edge
    color: str = "#000000"  # fit: colour of the bars

    @property
    def is_photo(self) -> bool:
        return isinstance(self.source, str) and kind_for(self.source) == "image"

    @property
    def length(self) -> float:
        """Seconds this segment lasts in the cut (0 when its times are not usable)."""
        try:
            if self.is_photo:
                return float(self.duration if self.duration is not None else DEFAULT_PHOTO_SECONDS)
            return max(0.0, float(self.end) - float(self.start))
        except (TypeError, ValueError):
            return 0.0


@dataclass
class Card:
    """A title or end card: text over a colour or an image."""

    text: str = ""
    seconds: float = 2.0
    color: str = "#000000"
    text_color: str = "#FFFFFF"
    image: str | None = None


@dataclass
class Logo:
    source: str
    corner: str = "top-right"
    width: float = 0.18  # fraction of the frame width


@dataclass
class Music:
    source: str
    volume: float = 0.4
    duck: float = DEFAULT_DUCK
    fade_out: float = 1.5


@dataclass
class CutPlan:
    name: str = "Untitled cut"
    format: str = "9:16"
    fps: float = 30
    purpose: str = "public"
    segments: list[Segment] = field(default_factory=list)
    title: Card | None = None
    end_card: Card | None = None
    caption: str | None = None
    logo: Logo | None = None
    music: Music | None = None
    crossfade: float = 0.0
    target: float | None = None  # seconds the editor measures the cut against (None: 15 s)
    # timed captions, [{"start": s, "end": s, "text": str}] in cut time (cuts/subtitles.py)
    captions: list = field(default_factory=list)
    rights_override: dict | None = None  # {"by": who, "reason": why}
    snap: str | None = None  # "beats": segment boundaries snap to the music's beats
    loudness: dict | bool | None = field(default_factory=lambda: dict(DEFAULT_LOUDNESS))
    history: list[dict] = field(default_factory=list)
    id: str | None = None  # set once saved in the catalog
    unknown: list[str] = field(default_factory=list)  # fields from_dict did not recognise

    @property
    def size(self) -> tuple[int, int]:
        return FORMATS.get(self.format if isinstance(self.format, str) else "", FORMATS["9:16"])

    def card_seconds(self) -> float:
        total = 0.0
        for card in (self.title, self.end_card):
            if isinstance(card, Card):  # anything else is named by validate()
                total += _num(card.seconds)
        return total

    def duration(self) -> float:
        """Seconds the render lasts: segments minus crossfade overlaps, plus the cards."""
        segments = self.segments if isinstance(self.segments, list) else []
        segs = sum(s.length for s in segments if isinstance(s, Segment))
        overlaps = _num(self.crossfade) * max(0, len(segments) - 1)
        return max(0.0, segs - overlaps + self.card_seconds())

    def timeline(self) -> list[tuple[float, float]]:
        """(start, end) in the cut of each segment, cards included before/after."""
        t = _num(self.title.seconds) if self.title else 0.0
        out = []
        xf = _num(self.crossfade)
        for i, seg in enumerate(self.segments):
            if i:
                t -= xf
            out.append((t, t + seg.length))
            t += seg.length
        return out

    def sources(self) -> list[str]:
        """Every file the render reads."""
        paths = [s.source for s in self.segments]
        for card in (self.title, self.end_card):
            if card is not None and card.image:
                paths.append(card.image)
        if self.logo:
            paths.append(self.logo.source)
        if self.music:
            paths.append(self.music.source)
        return paths

    def note(self, event: str, **details) -> None:
        """Append an entry to the plan's history (kept with the plan in the catalog)."""
        entry = {"at": clock.local_now().isoformat(timespec="seconds"),
                 "event": event}
        entry.update(details)
        self.history.append(entry)

    # -- PLAN.json -------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: dict, base: str | os.PathLike | None = None) -> CutPlan:
        """Build a plan from PLAN.json data; relative paths are resolved against `base` (the
        plan file's folder). Raises PlanError only when `data` is not an object at all."""
        if not isinstance(data, dict):
            raise PlanError("A cut plan must be a JSON object ({...}) with a name and segments.")
        data = dict(data)
        plan = cls()
        known = {"name", "format", "fps", "purpose", "segments", "title", "end_card",
                 "caption", "logo", "music", "crossfade", "target", "rights_override", "history",
                 "id", "snap", "loudness", "captions"}
        plan.unknown = sorted(k for k in data if k not in known)
        for key in ("name", "format", "fps", "purpose", "caption", "crossfade", "target",
                    "rights_override", "id", "snap", "loudness"):
            if key in data:
                setattr(plan, key, data[key])
        if isinstance(data.get("history"), list):
            plan.history = list(data["history"])
        if data.get("captions") is not None:
            captions = data["captions"]  # validate() names entries that are not cues
            plan.captions = [dict(c) if isinstance(c, dict) else c for c in captions] \
                if isinstance(captions, list) else captions
        segs = data.get("segments", [])
        plan.segments = [_segment(s, base) for s in segs] if isinstance(segs, list) else segs
        plan.title = _card(data.get("title"), base)
        plan.end_card = _card(data.get("end_card"), base)
        logo = data.get("logo")
        plan.logo = _build(Logo, logo, base, ("source",)) if isinstance(logo, dict) else logo
        music = data.get("music")
        if isinstance(music, dict):
            plan.music = _build(Music, music, base, ("source",))
            if isinstance(plan.music.duck, bool):
                plan.music.duck = DEFAULT_DUCK if plan.music.duck else 1.0
        else:
            plan.music = music
        return plan

    def to_dict(self, base: str | os.PathLike | None = None) -> dict:
        """PLAN.json data; paths inside `base` are written relative to it."""
        out = {"name": self.name, "format": self.format, "fps": self.fps,
               "purpose": self.purpose,
               "segments": [_seg_dict(s, base) for s in self.segments]
               if isinstance(self.segments, list) else self.segments,
               "title": _card_dict(self.title, base), "end_card": _card_dict(self.end_card, base),
               "caption": self.caption,
               "logo": _obj_dict(self.logo, base, ("source",)),
               "music": _obj_dict(self.music, base, ("source",)),
               "crossfade": self.crossfade}
        if self.target is not None:
            out["target"] = self.target
        if self.captions:
            out["captions"] = [dict(c) if isinstance(c, dict) else c for c in self.captions] \
                if isinstance(self.captions, list) else self.captions
        if self.rights_override:
            out["rights_override"] = self.rights_override
        if self.snap is not None:
            out["snap"] = self.snap
        if self.loudness != DEFAULT_LOUDNESS:  # the default stays out of PLAN.json
            out["loudness"] = self.loudness
        if self.history:
            out["history"] = list(self.history)
        if self.id:
            out["id"] = self.id
        return out


def load_plan(path: str | os.PathLike) -> CutPlan:
    """Read PLAN.json: a regular file of at most MAX_PLAN_BYTES, nested at most
    userfiles.MAX_DEPTH deep. Raises PlanError naming the file and the mistake (missing, a
    folder, a pipe or device, too big, not UTF-8, the JSON error's line and column)."""
    path = Path(path)
    try:
        data = userfiles.read_json(path, "the plan", MAX_PLAN_BYTES)
    except userfiles.UserFileError as exc:
        raise PlanError(str(exc)) from None
    return CutPlan.from_dict(data, base=path.resolve().parent)


def save_plan(plan: CutPlan, path: str | os.PathLike) -> None:
    """Write PLAN.json atomically (relative paths for files beside it)."""
    path = Path(path)
    data = json.dumps(plan.to_dict(base=path.resolve().parent), indent=2, ensure_ascii=False)
    temps.sweep(path.parent)
    tmp = temps.work_path(path, ".tmp")  # raises DiskError (one line)
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(data + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise DiskError(exc, "save the plan", path) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# -- helpers -------------------------------------------------------------------------------
def _num(value, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None and not isinstance(value, bool) else default
    except (TypeError, ValueError):
        return default


def resolve(path, base) -> str:
    if not isinstance(path, str) or not path:
        return path
    expanded = os.path.expanduser(path)
    if base is not None and not os.path.isabs(expanded):
        expanded = os.path.join(os.fspath(base), expanded)
    return os.path.abspath(expanded)


def relative(path, base) -> str:
    if base is None or not isinstance(path, str) or not os.path.isabs(path):
        return path
    base = os.path.abspath(os.fspath(base))
    try:
        rel = os.path.relpath(path, base)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def _build(kind, data: dict, base, path_fields: tuple[str, ...]):
    names = set(kind.__dataclass_fields__)
    args = {k: v for k, v in data.items() if k in names}
    for f in path_fields:
        if f in args:
            args[f] = resolve(args[f], base)
    if "source" in names and "source" not in args:
        args["source"] = None
    obj = kind(**args)
    obj.unknown = sorted(k for k in data if k not in names)
    return obj


def _segment(data, base):
    if not isinstance(data, dict):
        return data  # validate() names it
    return _build(Segment, data, base, ("source",))


def _card(data, base):
    if isinstance(data, str):
        return Card(text=data)
    if isinstance(data, dict):
        return _build(Card, data, base, ("image",))
    return data


def _seg_dict(seg, base) -> dict:
    if not isinstance(seg, Segment):
        return seg
    out = {"source": relative(seg.source, base)}
    if seg.is_photo:
        out["duration"] = seg.duration if seg.duration is not None else DEFAULT_PHOTO_SECONDS
        if seg.zoom:
            out["zoom"] = seg.zoom
    else:
        out["start"], out["end"] = seg.start, seg.end
    out["reframe"] = seg.reframe
    if seg.reframe == "crop":
        out["x"] = seg.x
    if seg.reframe == "fit":
        out["color"] = seg.color
    return out


def _card_dict(card, base):
    if not isinstance(card, Card):
        return card
    out = {"text": card.text, "seconds": card.seconds, "color": card.color,
           "text_color": card.text_color}
    if card.image:
        out["image"] = relative(card.image, base)
    return out


def _obj_dict(obj, base, path_fields):
    if obj is None or isinstance(obj, (str, int, float, list)):
        return obj
    out = {k: getattr(obj, k) for k in obj.__dataclass_fields__}
    for f in path_fields:
        out[f] = relative(out[f], base)
    return out
