"""Usage rights: the statuses, their validation, and the one rule every public export obeys."""

from __future__ import annotations

from liveassets import clock
from liveassets.catalog import channels as ch
from liveassets.errors import UserError
from liveassets.typed_dates import FORMS, TypedDateError, parse_day

import datetime as dt
from dataclasses import dataclass

STATUSES = ("unknown", "pending", "cleared", "internal", "restricted")
AUDIENCES = ("public", "internal")
# PLUS model release vocabulary (SPECS.md): none, not applicable, unlimited, limited.
MODEL_RELEASES = {
    "MR-NON": "No release",
    "MR-NAP": "Not applicable",
    "MR-UMR": "Unlimited release",
    "MR-LMR": "Limited release",
}
FIELDS = ("status", "expires", "owner", "credit", "terms", "model_release", "release_doc", "notes",
          "channels")


class RightsError(UserError, ValueError):
    """A rights value a user typed that cannot be stored."""


def empty_rights() -> dict:
    return {
        "status": "unknown",
        "expires": None,
        "owner": "",
        "credit": "",
        "terms": "",
        "model_release": None,
        "release_doc": None,
        "notes": "",
    }


def parse_date(text: str | dt.date | None) -> dt.date | None:
    """A typed expiry -> datetime.date (None for None or blank), read as people in AU/NZ
    type dates: 31/12/2026, 31 Dec 2026 or 2026-12-31 (liveassets/typed_dates.py, day first).
    Raises RightsError (one line naming the value and the forms) for anything else, and for a
    slash date that only works month first ("12/31/2026"): refused, never guessed."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        return parse_day(text)
    except TypedDateError as e:
        raise RightsError(str(e)) from None


def clean_rights(changes: dict) -> dict:
    """Validate and normalise a partial rights record typed by a user (`channels` as
    clean_channels gives them). Raises RightsError with one line naming the bad value."""
    out = {}
    for key, value in changes.items():
        if key not in FIELDS:
            raise RightsError(f'Unknown rights field "{key}": use one of {", ".join(FIELDS)}.')
        if key == "status":
            value = str(value).strip().lower()
            if value not in STATUSES:
                raise RightsError(
                    f'Rights status "{value}" is not one of {", ".join(STATUSES)}.'
                )
        elif key == "expires":
            date = parse_date(value)
            value = date.isoformat() if date else None
        elif key == "model_release":
            if value in (None, ""):
                value = None
            else:
                value = str(value).strip().upper()
                if value.startswith("HTTP://NS.USEPLUS.ORG/LDF/VOCAB/"):
                    value = value.rsplit("/", 1)[-1]
                if value not in MODEL_RELEASES:
                    raise RightsError(
                        f'Model release "{value}" is not one of {", ".join(MODEL_RELEASES)}.'
                    )
        elif key == "release_doc":
            value = str(value) if value else None
        elif key == "channels":
            value = clean_channels(value)
        else:
            value = "" if value is None else str(value).strip()
        out[key] = value
    return out


def clean_channels(value) -> list[str]:
    """A typed channel list -> platform ids in catalog.channels.CHANNELS order; [] = every
    channel. Takes a list or text ("TikTok, Instagram Reels", "youtube shorts and twitter");
    None, "", "all" (or "every channel", "social media", also beside names) clear the limit.
    Raises RightsError naming the first unknown channel."""
    parts = ch.split(value)
    if any(ch.means_every(p) for p in parts):
        return []
    ids = []
    for part in parts:
        found = ch.channel_id(part)
        if found is None:
            raise RightsError(f'Unknown channel "{part}": use {ch.choices()}.')
        ids.append(found)
    return ch.ordered(ids)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str  # in a user's words; empty when allowed

    def __bool__(self) -> bool:
        return self.allowed


# expiry_day of a value nobody can read: the first day there is, so it reads as expired
UNREADABLE = dt.date.min


def expiry_day(rights: dict | None) -> dt.date | None:
    """The last day `rights` allow (datetime.date), None when they never expire (no or blank
    `expires`). The app stores ISO (clean_rights); a value edited by hand in the library's
    JSON is read as typed dates are (31/12/2026, 31 Dec 2026; typed_dates.py) or as an ISO
    date-time's day, and one that still cannot be read (or is not text) is UNREADABLE: read
    strictly, as expired, never as "no expiry"."""
    value = (rights or {}).get("expires")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        return UNREADABLE
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).date()
    except ValueError:
        pass
    try:
        return parse_day(value)
    except TypedDateError:
        return UNREADABLE


def is_expired(rights: dict | None, on: dt.date) -> bool:
    """Have `rights` run out by `on` (expiry_day before it; an unreadable expiry has)?"""
    day = expiry_day(rights)
    return day is not None and day < on


def may_publish(asset: dict, on: dt.date | None = None, audience: str = "public",
                catalog=None, platform: str | None = None,
                _seen: frozenset = frozenset()) -> Decision:
    """May this asset leave through an export for `audience` on date `on` (default today)?

    Public: only `cleared` rights, not expired on that date. Internal: `cleared` or `internal`,
    not expired. `unknown`, `pending`, `restricted` and expired assets never go out. Assets
    whose file is missing or damaged cannot go out either.

    A render (`derived_from.source_ids`, cuts/lineage.py) copied its sources' rights when it was
    made; with `catalog` given (every export passes it) each source still in the library must
    also pass today, so a clip restricted after the recap was rendered stops the recap too.

    `platform` (a post's, publish/platforms.py PLATFORMS): the rights' `channels` must include
    it; a render may go only where its own channels and every source's allow (their
    intersection, catalog.channels). The reason reads "cleared for TikTok only, not Instagram".
    Without a platform (asset packs, contact sheets, renders) channels are not checked: packs
    carry the limit to the designer instead (XMP usage terms, manifest, README, contact sheet).
    Raises ValueError for an audience not in AUDIENCES.
    """
    decision = _own_decision(asset, on, audience)
    if not decision:
        return decision
    if catalog is not None:
        sources = (asset.get("derived_from") or {}).get("source_ids") or ()
        docs = getattr(getattr(catalog, "index", None), "docs", {})
        for sid in sources:
            source = docs.get(sid)
            if source is None or sid in _seen or sid == asset.get("id"):
                continue  # removed since: the render keeps what it inherited
            why = may_publish(source, on, audience, catalog, None, _seen | {asset.get("id")})
            if not why:
                return Decision(False, f"a source is no longer cleared "
                                       f"({source.get('name') or sid}: {why.reason})")
    if platform is not None:
        return channel_decision(asset, platform, catalog)
    return decision


def allowed_channels(asset: dict, catalog=None) -> tuple[frozenset | None, list[str]]:
    """The channels `asset` may go out on (None: every channel) and the names of the sources
    that narrow them: its own `channels` intersected with those of every source still in
    `catalog` (a render's `derived_from.source_ids`, followed through renders of renders)."""
    allowed = ch.channels_of(asset.get("rights"))
    limiting: list[str] = []
    docs = getattr(getattr(catalog, "index", None), "docs", {}) if catalog is not None else {}
    seen = {asset.get("id")}
    todo = list((asset.get("derived_from") or {}).get("source_ids") or ())
    while todo:
        sid = todo.pop(0)
        source = docs.get(sid)
        if source is None or sid in seen:
            continue
        seen.add(sid)
        own = ch.channels_of(source.get("rights"))
        # a render already at no channel (lineage's ["none"]) names its limited sources too
        if own is not None and (allowed is None or not allowed <= own or not allowed):
            allowed = own if allowed is None else allowed & own
            limiting.append(source.get("name") or sid)
        todo += (source.get("derived_from") or {}).get("source_ids") or ()
    return allowed, limiting


def channel_decision(asset: dict, platform: str, catalog=None) -> Decision:
    """May `asset` go out on `platform`, by its channels alone (allowed_channels)?"""
    allowed, limiting = allowed_channels(asset, catalog)
    if allowed is None or platform in allowed:
        return Decision(True, "")
    where = f" (its source {', '.join(limiting)})" if len(limiting) == 1 else (
        f" (its sources {', '.join(limiting)})" if limiting else "")
    if not allowed and limiting:
        return Decision(False, f"its sources are cleared for no channel in common{where}, "
                               f"not {ch.name(platform)}")
    return Decision(False, f"cleared for {ch.describe(allowed)}, not {ch.name(platform)}{where}")


def _own_decision(asset: dict, on: dt.date | None, audience: str) -> Decision:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}")
    on = on or clock.today()
    rights = asset.get("rights") or {}
    status = rights.get("status") or "unknown"
    if not isinstance(status, str) or status not in STATUSES:  # edited by hand in the JSON
        return Decision(False, f'rights status "{status}" is not one of {", ".join(STATUSES)}: '
                               "set it again")
    allowed = {"cleared"} if audience == "public" else {"cleared", "internal"}
    if status not in allowed:
        why = {
            "unknown": "rights not recorded yet",
            "pending": "rights pending",
            "internal": "internal use only",
            "restricted": "restricted",
            "cleared": "cleared",
        }[status]
        return Decision(False, why)
    day = expiry_day(rights)
    if day is UNREADABLE:
        return Decision(False, f'rights expiry "{rights.get("expires")}" cannot be read: set '
                               f"the expiry again ({FORMS})")
    if day is not None and day < on:
        return Decision(False, f"rights expired (valid until {day.isoformat()})")
    if asset.get("status") in ("missing", "error"):
        return Decision(False, f"file is {asset['status']}")
    return Decision(True, "")
