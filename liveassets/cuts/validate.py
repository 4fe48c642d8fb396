"""Checks a cut plan before anything renders: every malformed field, missing or unreadable
source, segment past the end of its source, and (with a catalog) every asset the rights rule
keeps out of this cut. Each problem is a sentence naming the thing and what to do. Warnings
(text with characters no font can draw) are named too but do not stop a render."""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass

from PIL import ImageColor

from liveassets import clock
from liveassets.catalog.channels import describe as describe_channels
from liveassets.catalog.rights import allowed_channels, may_publish
from liveassets.cuts.plan import (CORNERS, FORMATS, PURPOSES, REFRAMES, SNAPS, Card, CutPlan,
                                  Logo, Music, PlanError, Segment)
from liveassets.media.errors import MediaError
from liveassets.media.formats import kind_for
from liveassets.media.probe import probe
from liveassets.media.text import FontMissing, describe, fonts

END_TOLERANCE = 0.05  # seconds a segment may run past what the container reports
# Limits no recap meets, so a hostile or mistaken plan is refused before it uses up memory or
# disk: the longest upload a short-form platform takes in-app is TikTok's 10 minutes (Reels and
# Shorts stop at 3, platform help pages 2025); the render holds the whole mixed sound in memory
# (2 channels x 48 kHz x 4 bytes = 384 KB per second, ~230 MB for 10 minutes), and a 10-hour
# plan asked for 12.9 GiB (issue #11). MAX_SEGMENTS: a 10-minute cut of 0.6 s pieces.
MAX_CUT_SECONDS = 600.0
MAX_SEGMENTS = 1000
# Netflix's English Timed Text Style Guide: at most 2 lines of 42 characters on screen. Longer
# is a warning (drawn smaller); past MAX_TIMED_CHARS it is refused, as the burn-in's 4 rows at
# its smallest size (cuts/burn.py: about 41 characters a row) could not hold it.
READABLE_CHARS = 84
MAX_TIMED_CHARS = 160
MAX_NAME_CHARS = 120  # the name becomes a tag and a file name (255 bytes; 4-byte characters)


@dataclass(frozen=True)
class Problem:
    where: str  # "plan", "segment 2", "title", "music", ...
    message: str
    rights: bool = False  # a rights block (an override can lift it)
    overridden: bool = False  # a rights block lifted by the plan's rights_override
    warning: bool = False  # worth knowing before rendering, but the render can go ahead

    def __str__(self) -> str:
        text = f"{self.where[:1].upper()}{self.where[1:]}: {self.message}"
        return text + (" (overridden)" if self.overridden else "")


def blocking(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a render (rights blocks lifted by an override and warnings
    do not)."""
    return [p for p in problems if not p.overridden and not p.warning]


def require_valid(plan: CutPlan, catalog, today, facts: dict, action: str) -> list[Problem]:
    """validate(), raising PlanError listing every blocking problem before any work starts;
    returns the problems (overridden rights blocks among them) for the plan's history."""
    problems = validate(plan, catalog, today, facts)
    errors = blocking(problems)
    if errors:
        raise PlanError(f"The cut \"{plan.name}\" cannot be {action}: "
                        + " ".join(str(p) for p in errors), errors)
    return problems


def validate(plan: CutPlan, catalog=None, today: dt.date | None = None,
             facts: dict | None = None) -> list[Problem]:
    """Every problem with `plan`, in plan order. Rights are checked only with a catalog.
    `facts` (path -> probe() result) is filled as sources are read; pass a dict to reuse it."""
    v = _Checker(facts if facts is not None else {})
    v.plan(plan)
    if catalog is not None:
        v.rights(plan, catalog, today or clock.today())
    return v.problems


def glyph_warnings(plan: CutPlan) -> list[Problem]:
    """A warning for each text drawn into the video (title card, end card, burned-in caption)
    holding characters that neither the bundled fonts nor the installed ones can draw: each is
    named (code point, what it is, the line and the text before it), because it would show as
    an empty box. Cheap (font lookups are cached); reads no media."""
    out = []
    texts = [(where, card.text) for where, card in (("title", plan.title),
                                                   ("end card", plan.end_card))
             if isinstance(card, Card)] + [("caption", plan.caption)] + _timed_texts(plan)
    for where, text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        try:
            found = _unglyphed(text)
        except FontMissing as exc:
            out.append(Problem(where, str(exc)))
            return out
        if found:
            many = len(found) > 1
            out.append(Problem(where, f"{len(found)} character{'s' if many else ''} "
                                      f"{'have' if many else 'has'} no font to draw "
                                      f"{'them' if many else 'it'} and would show as an empty "
                                      f"box: {'; '.join(found)}. Remove or replace "
                                      f"{'them' if many else 'it'}, or install a font that has "
                                      f"{'them' if many else 'it'}.", warning=True))
    return out


def _timed_texts(plan: CutPlan) -> list[tuple[str, object]]:
    """("timed caption N", text) for each of the plan's timed captions (cuts/subtitles.py)."""
    captions = plan.captions if isinstance(plan.captions, list) else []
    return [(f"timed caption {n}", c.get("text")) for n, c in enumerate(captions, 1)
            if isinstance(c, dict)]


def _unglyphed(text: str) -> list[str]:
    """Each cluster of text no font draws, described with where it is."""
    chain = fonts(bold=True)  # cards and captions are drawn bold (stills.font)
    lines = text.splitlines()
    out = []
    for number, line in enumerate(lines, 1):
        seen = set()
        for cluster in chain.missing(line):
            if cluster in seen:
                continue
            seen.add(cluster)
            before = line[:line.index(cluster)].strip()[-12:]
            at = f' after "{before}"' if before else " at the start"
            place = f"line {number}{at}" if len(lines) > 1 else at.strip()
            out.append(f"{describe(cluster)} {place}")
    return out


def _one_of(value, choices) -> bool:
    """value is one of the text choices (a list or object from a hand-edited plan is not)."""
    return isinstance(value, str) and value in choices


def _is_num(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _secs(value: float) -> str:
    """'2.5 s'; a hostile plan's 1e308 as '1e+308 s', not 309 digits in a one-line message."""
    if abs(value) >= 1e7:
        return f"{value:.3g} s"
    return f"{value:.2f}".rstrip("0").rstrip(".") + " s"


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.3g}" if abs(seconds) >= 6e8 else f"{seconds / 60:.1f}"


class _Checker:
    def __init__(self, facts: dict):
        self.problems: list[Problem] = []
        self.facts = facts

    def add(self, where: str, message: str, **kw) -> None:
        self.problems.append(Problem(where, message, **kw))

    def number(self, where, name, value, low, high, unit="") -> bool:
        if not _is_num(value):
            self.add(where, f"{name} must be a number{unit}, not {value!r}.")
            return False
        if not low <= value <= high:
            self.add(where, f"{name} must be between {low} and {high}{unit}, not {value}.")
            return False
        return True

    def color(self, where, name, value) -> None:
        try:
            ImageColor.getrgb(value)
        except (ValueError, TypeError, AttributeError):
            self.add(where, f'{name} "{value}" is not a colour: write it like "#1A1A1A" or "white".')

    def source(self, where, path, kinds: tuple[str, ...]) -> dict | None:
        """Probe facts of a source file, or None after naming what is wrong with it."""
        if not isinstance(path, str) or not path:
            self.add(where, "has no source: give the path of a file.")
            return None
        kind = kind_for(path)
        if kind not in kinds:
            self.add(where, f"{os.path.basename(path)} is not a {' or '.join(kinds)} file.")
            return None
        if not os.path.isfile(path):
            self.add(where, f"the source {path} was not found (moved, renamed or on a drive "
                            "that is not plugged in?).")
            return None
        if path not in self.facts:
            try:
                self.facts[path] = probe(path)
            except MediaError as exc:
                self.add(where, f"{os.path.basename(path)} cannot be read: {exc}")
                self.facts[path] = None
        return self.facts[path]

    # -- the plan --------------------------------------------------------------------------
    def plan(self, plan: CutPlan) -> None:
        for key in plan.unknown:
            self.add("plan", f'unknown field "{key}" (a typo?).')
        if not isinstance(plan.name, str) or not plan.name.strip():
            self.add("plan", "needs a name (it becomes the tag on the rendered clip).")
        elif len(plan.name) > MAX_NAME_CHARS:
            self.add("plan", f"name is {len(plan.name)} characters; keep it under "
                             f"{MAX_NAME_CHARS + 1} (it becomes a tag and the clip's file name).")
        if not _one_of(plan.format, FORMATS):
            self.add("plan", f'format "{plan.format}" is not one of {", ".join(FORMATS)}.')
        self.number("plan", "fps", plan.fps, 23, 60)
        if not _one_of(plan.purpose, PURPOSES):
            self.add("plan", f'purpose "{plan.purpose}" is not one of {", ".join(PURPOSES)}.')
        xf_ok = self.number("plan", "crossfade", plan.crossfade, 0, 1, " seconds")
        if plan.target is not None:  # the editor's Target range (ui/cut/editor.py)
            self.number("plan", "target", plan.target, 1, 3600, " seconds")
        if not isinstance(plan.segments, list):
            self.add("plan", "segments must be a list of clips and photos.")
            return
        if not plan.segments:
            self.add("plan", "has no segments: add at least one clip or photo.")
        if len(plan.segments) > MAX_SEGMENTS:
            self.add("plan", f"has {len(plan.segments)} segments; a cut takes at most "
                             f"{MAX_SEGMENTS}. Split it into several cuts.")
            return
        for i, seg in enumerate(plan.segments, 1):
            self.segment(f"segment {i}", seg)
        lengths = [s.length for s in plan.segments if isinstance(s, Segment) and s.length > 0]
        if xf_ok and plan.crossfade and lengths and plan.crossfade * 2 > min(lengths):
            self.add("plan", f"crossfade {_secs(plan.crossfade)} is longer than half the "
                             f"shortest segment ({_secs(min(lengths))}); shorten it.")
        if plan.duration() > MAX_CUT_SECONDS:
            self.add("plan", f"lasts {_minutes(plan.duration())} minutes; a cut may last at most "
                             f"{MAX_CUT_SECONDS / 60:.0f} (the longest short-form upload). "
                             "Shorten it or split it into several cuts.")
        for where, card in (("title", plan.title), ("end card", plan.end_card)):
            self.card(where, card)
        if plan.caption is not None and not isinstance(plan.caption, str):
            self.add("caption", "must be text.")
        elif isinstance(plan.caption, str) and len(plan.caption) > 120:
            self.add("caption", f"is {len(plan.caption)} characters; a burned-in line must stay "
                                "under 120 (put the rest in the post's text).")
        self.captions(plan)
        self.problems += glyph_warnings(plan)
        self.logo(plan.logo)
        self.music(plan.music)
        self.sound_options(plan)
        ov = plan.rights_override
        if ov is not None and not (isinstance(ov, dict) and str(ov.get("by") or "").strip()
                                   and str(ov.get("reason") or "").strip()):
            self.add("rights override", 'needs "by" (who decided) and "reason" (why).')

    def captions(self, plan: CutPlan) -> None:
        """Timed captions (cuts/subtitles.py): a list of {start, end, text} in cut time, each
        short enough to burn in (MAX_TIMED_CHARS), within the cut (a caption past its end is
        a warning: it would not show), at most subtitles.MAX_CUES."""
        from liveassets.cuts.subtitles import MAX_CUES

        captions = plan.captions
        if not isinstance(captions, list):
            self.add("captions", "must be a list of {start, end, text}.")
            return
        if len(captions) > MAX_CUES:
            self.add("captions", f"has {len(captions)} lines; a cut takes at most {MAX_CUES}.")
            return
        length = plan.duration()
        for n, item in enumerate(captions, 1):
            where = f"timed caption {n}"
            if not isinstance(item, dict):
                self.add(where, "must be an object with start, end and text.")
                continue
            for key in sorted(set(item) - {"start", "end", "text"}):
                self.add(where, f'unknown field "{key}" (a typo?).')
            start, end, text = item.get("start"), item.get("end"), item.get("text")
            if not (_is_num(start) and _is_num(end)):
                self.add(where, f"start and end must be numbers of seconds into the cut, not "
                                f"{start!r} and {end!r}.")
            elif start < 0:
                self.add(where, f"starts at {_secs(start)}, before the cut begins.")
            elif end <= start:
                self.add(where, f"ends ({_secs(end)}) before it starts ({_secs(start)}).")
            elif length and start >= length:
                self.add(where, f"starts at {_secs(start)}, after the cut ends "
                                f"({_secs(length)}); it will not show.", warning=True)
            if not isinstance(text, str) or not text.strip():
                self.add(where, "has no text: type its words or delete it.")
            elif len(text) > MAX_TIMED_CHARS:
                self.add(where, f"is {len(text)} characters; a caption on screen holds at most "
                                f"{MAX_TIMED_CHARS}: split it in two.")
            elif len(text) > READABLE_CHARS:
                self.add(where, f"is {len(text)} characters, more than two lines of 42: it will "
                                "be drawn smaller and be hard to read in time; consider "
                                "splitting it.", warning=True)

    def segment(self, where: str, seg) -> None:
        if not isinstance(seg, Segment):
            self.add(where, "must be an object with a source and times.")
            return
        for key in getattr(seg, "unknown", []):
            self.add(where, f'unknown field "{key}" (a typo?).')
        if not _one_of(seg.reframe, REFRAMES):
            self.add(where, f'reframe "{seg.reframe}" is not one of {", ".join(REFRAMES)}.')
        if seg.reframe == "crop":
            self.number(where, "x", seg.x, 0, 1)
        if seg.reframe == "fit":
            self.color(where, "color", seg.color)
        facts = self.source(where, seg.source, ("video", "image"))
        if isinstance(seg.source, str) and kind_for(seg.source) == "image":
            if seg.duration is not None:
                self.number(where, "duration", seg.duration, 0.2, 60, " seconds")
            self.number(where, "zoom", seg.zoom, 0, 0.5)
            return
        name = os.path.basename(seg.source) if isinstance(seg.source, str) else "the clip"
        if seg.start is None or seg.end is None:
            self.add(where, f"needs start and end (seconds into {name}).")
            return
        ok = _is_num(seg.start) and _is_num(seg.end)
        if not ok:
            self.add(where, f"start and end must be numbers of seconds, not {seg.start!r} "
                            f"and {seg.end!r}.")
            return
        if seg.start < 0:
            self.add(where, f"start {_secs(seg.start)} is before the beginning of {name}.")
        if seg.start >= seg.end:
            self.add(where, f"start ({_secs(seg.start)}) must come before end "
                            f"({_secs(seg.end)}).")
        elif seg.end - seg.start < 0.2:
            self.add(where, "is shorter than 0.2 s; make it longer or remove it.")
        if facts and facts.get("duration") and seg.end > facts["duration"] + END_TOLERANCE:
            self.add(where, f"ends at {_secs(seg.end)} but {name} is only "
                            f"{_secs(facts['duration'])} long.")

    def card(self, where: str, card) -> None:
        if card is None:
            return
        if not isinstance(card, Card):
            self.add(where, "must be an object with text and seconds, or null.")
            return
        for key in getattr(card, "unknown", []):
            self.add(where, f'unknown field "{key}" (a typo?).')
        if not isinstance(card.text, str):
            self.add(where, "text must be text.")
        self.number(where, "seconds", card.seconds, 0.5, 10)
        self.color(where, "color", card.color)
        self.color(where, "text_color", card.text_color)
        if card.image:
            self.source(where, card.image, ("image",))

    def logo(self, logo) -> None:
        if logo is None:
            return
        if not isinstance(logo, Logo):
            self.add("logo", "must be an object with a source and a corner, or null.")
            return
        for key in getattr(logo, "unknown", []):
            self.add("logo", f'unknown field "{key}" (a typo?).')
        self.source("logo", logo.source, ("image",))
        if not _one_of(logo.corner, CORNERS):
            self.add("logo", f'corner "{logo.corner}" is not one of {", ".join(CORNERS)}.')
        self.number("logo", "width", logo.width, 0.05, 0.5)

    def music(self, music) -> None:
        if music is None:
            return
        if not isinstance(music, Music):
            self.add("music", "must be an object with a source and a volume, or null.")
            return
        for key in getattr(music, "unknown", []):
            self.add("music", f'unknown field "{key}" (a typo?).')
        facts = self.source("music", music.source, ("audio", "video"))
        if facts is not None and not facts.get("has_audio"):
            self.add("music", f"{os.path.basename(music.source)} has no sound.")
        self.number("music", "volume", music.volume, 0, 2)
        self.number("music", "duck", music.duck, 0, 1)
        self.number("music", "fade_out", music.fade_out, 0, 10, " seconds")

    def sound_options(self, plan: CutPlan) -> None:
        """The plan's "snap" and "loudness" (issue #16)."""
        from liveassets.cuts.loudness import settings

        if plan.snap is not None:
            if not _one_of(plan.snap, SNAPS):
                self.add("plan", f'snap {plan.snap!r} is not "beats" (or leave it out).')
            elif plan.music is None:
                self.add("plan", 'snap "beats" needs a music bed to take the beats from: add '
                                 '"music" or leave "snap" out.')
        try:
            settings(plan.loudness)
        except ValueError as exc:
            self.add("plan", str(exc))

    # -- rights ----------------------------------------------------------------------------
    def rights(self, plan: CutPlan, catalog, today: dt.date) -> None:
        """The core's rights rule on every asset the cut shows or plays: the same sources the
        render's rights are inherited from (cuts.lineage), so a cut that passes here makes a
        render that may go out. A logo the library does not index is left out (the brand's own
        mark, not event material); an indexed one is checked like any asset."""
        audience = plan.purpose if _one_of(plan.purpose, PURPOSES) else "public"
        ov = plan.rights_override
        lifted = isinstance(ov, dict) and bool(str(ov.get("by") or "").strip()) \
            and bool(str(ov.get("reason") or "").strip())
        items = [(f"segment {i}", s.source) for i, s in enumerate(plan.segments, 1)
                 if isinstance(s, Segment)] if isinstance(plan.segments, list) else []
        for where, card in (("title", plan.title), ("end card", plan.end_card)):
            if isinstance(card, Card) and card.image:
                items.append((where, card.image))
        if isinstance(plan.music, Music):
            items.append(("music", plan.music.source))
        if isinstance(plan.logo, Logo) and isinstance(plan.logo.source, str) \
                and plan.logo.source and catalog.by_path(os.path.abspath(plan.logo.source)):
            items.append(("logo", plan.logo.source))
        limits: list[tuple[str, frozenset]] = []  # (file, channels) of limited sources
        for where, path in items:
            if not isinstance(path, str) or not os.path.exists(path):
                continue  # already named as missing
            asset = catalog.by_path(os.path.abspath(path))
            name = os.path.basename(path)
            limit = allowed_channels(asset, catalog)[0] if asset is not None else None
            if limit is not None and all(n != name for n, _ in limits):
                limits.append((name, limit))
            if asset is None:
                why = "is not in the library, so its rights are unknown; scan its folder " \
                      "and record its rights"
            else:
                decision = may_publish(asset, on=today, audience=audience, catalog=catalog)
                if decision.allowed:
                    continue
                article = "an" if audience[:1] in "aeiou" else "a"  # "an internal cut"
                why = f"may not go into {article} {audience} cut: {decision.reason}"
            self.add(where, f"{name} {why}.", rights=True, overridden=lifted)
        if limits and audience == "public":
            self.channels(limits)

    def channels(self, limits: list[tuple[str, frozenset]]) -> None:
        """Say before rendering where the render may be posted: only on the channels every
        source allows (catalog.rights.may_publish checks them on each post); sources that share
        none make a render for internal use only (cuts.lineage)."""
        common = frozenset.intersection(*(limit for _, limit in limits))
        which = "; ".join(f"{n}: {describe_channels(limit)}" for n, limit in limits[:4]) + (
            f"; and {len(limits) - 4} more" if len(limits) > 4 else "")
        if common:
            self.add("plan", f"the render may be posted on {describe_channels(common)}, as its "
                             f"sources allow ({which}).", warning=True)
        else:
            self.add("plan", f"the sources are cleared for no channel in common ({which}): the "
                             "render will be for internal use only.", warning=True)


def note_override(plan: CutPlan, problems: list[Problem]) -> bool:
    """Record in the plan's history that a rights block was overridden (who, why, what)."""
    lifted = [str(p) for p in problems if p.overridden]
    if not lifted:
        return False
    ov = plan.rights_override or {}
    plan.note("rights override", by=str(ov.get("by")), reason=str(ov.get("reason")),
              blocked=lifted)
    return True
