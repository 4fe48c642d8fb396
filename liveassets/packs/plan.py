"""What a pack will hold, decided before anything is written (Vorta's prepare/run split).

`prepare()` runs the rights gate over the selection and gives every asset that may go its
safe name in the pack; everything left out carries the reason in a user's words. It writes
nothing, so the window can call it to preview "what goes in, what is left out and why".
"""

from __future__ import annotations

import datetime as dt
import copy
import os
from dataclasses import dataclass, field

from liveassets import clock
from liveassets.catalog.rights import may_publish
from liveassets.errors import UserError
from liveassets.media.location import has_location
from liveassets.packs.names import NameAllocator, split_ext

AUDIENCES = {"external": "public", "internal": "internal"}  # pack audience -> gate audience
MODES = ("originals", "renditions")
SIDECARS = ("full", "short", "none")
FOLDER = "assets"  # media and sidecars live here; the pack's own files sit at the top
PACK_FILES = ("README.txt", "manifest.csv", "manifest.json", "contact_sheet.pdf")


class PackError(UserError):
    """A pack that cannot be made as asked (bad option, nothing to pack, target exists...)."""


@dataclass(frozen=True)
class PackItem:
    """One asset going into the pack."""

    asset: dict  # a copy of the catalog document, as it was when planned
    file: str  # name inside the pack's assets/ folder (safe on every desktop system)
    action: str  # "copy" (byte for byte), "render" (JPEG at the long edge) or "strip" (a video
    #              remuxed without its location and device tags: media/location.py)
    sidecar: str | None  # name of the .xmp beside it, or None
    size: tuple[int, int] | None  # pixels of the file in the pack (as displayed), if known

    @property
    def source(self) -> str:
        return self.asset["path"]

    @property
    def original_name(self) -> str:
        return self.asset["name"]

    @property
    def kind(self) -> str:
        return self.asset.get("kind") or "image"


@dataclass(frozen=True)
class LeftOut:
    """An asset that stays out, and why."""

    asset_id: str
    name: str
    path: str
    reason: str


@dataclass
class PackPlan:
    items: list[PackItem]
    left_out: list[LeftOut]
    audience: str = "external"
    mode: str = "originals"
    long_edge: int = 2048
    videos: bool = True
    sidecars: str = "full"
    today: dt.date = field(default_factory=clock.today)

    @property
    def estimated_bytes(self) -> int:
        """Bytes of originals copied (renditions are smaller; a rough figure for a preview)."""
        return sum(int(i.asset.get("size") or 0) for i in self.items if i.action == "copy")

    @property
    def located(self) -> list[PackItem]:
        """Items whose file in the pack will still say where it was made (GPS): originals
        copied byte for byte. Renditions and stripped videos never do."""
        return [i for i in self.items if i.action == "copy" and has_location(i.asset)]

    def summary(self) -> str:
        what = "originals" if self.mode == "originals" else f"{self.long_edge}-px renditions"
        return (f"{len(self.items)} asset(s) as {what} for the {self.audience} audience; "
                f"{len(self.left_out)} left out.")

    def location_warning(self) -> str:
        """One line naming the files that still carry a GPS position ('' when none), and what
        to do: renditions strip it."""
        located = self.located
        if not located:
            return ""
        names = ", ".join(i.original_name for i in located[:3])
        more = f" and {len(located) - 3} more" if len(located) > 3 else ""
        return (f"{len(located)} file(s) still carry the GPS position where they were taken "
                f"({names}{more}): pack renditions instead to strip it.")


def prepare(catalog, query_or_ids, audience: str = "external", mode: str = "originals",
            long_edge: int = 2048, videos: bool = True, sidecars: str = "full",
            today: dt.date | None = None) -> PackPlan:
    """Plan a pack of the assets a query (or a list of ids) selects. Writes nothing."""
    if audience not in AUDIENCES:
        raise PackError(f'Audience "{audience}" is not one of: external, internal.')
    if mode not in MODES:
        raise PackError(f'Pack mode "{mode}" is not one of: originals, renditions.')
    if sidecars not in SIDECARS:
        raise PackError(f'Sidecars "{sidecars}" is not one of: full, short, none.')
    long_edge = int(long_edge)
    if mode == "renditions" and not 16 <= long_edge <= 20000:
        raise PackError(f"A rendition long edge of {long_edge} px makes no sense: "
                        "give a number of pixels between 16 and 20000, e.g. 2048.")
    today = today or clock.today()
    if isinstance(query_or_ids, str):
        assets = catalog.query(query_or_ids, today=today)
    else:
        assets = [catalog.get(i) for i in dict.fromkeys(query_or_ids)]
    names = NameAllocator()
    items, left_out = [], []
    for asset in assets:
        reason = _refusal(asset, audience, videos, today, catalog)
        if reason:
            left_out.append(LeftOut(asset["id"], asset.get("name") or "",
                                    asset.get("path") or "", reason))
            continue
        items.append(_item(asset, mode, long_edge, sidecars, names))
    return PackPlan(items, left_out, audience, mode, long_edge, videos, sidecars, today)


def _refusal(asset: dict, audience: str, videos: bool, today: dt.date, catalog=None) -> str:
    decision = may_publish(asset, on=today, audience=AUDIENCES[audience], catalog=catalog)
    if not decision.allowed:
        if decision.reason == "internal use only" and audience == "external":
            return "internal use only (pack with --audience internal to include it)"
        return decision.reason
    if asset.get("kind") == "video" and not videos:
        return "video left out (--no-videos)"
    if not os.path.isfile(asset.get("path") or ""):
        return "file not found (was a drive unplugged? scan again)"
    return ""


def _item(asset: dict, mode: str, long_edge: int, sidecars: str, names: NameAllocator) -> PackItem:
    kind = asset.get("kind") or "image"
    render = mode == "renditions" and kind == "image"
    wanted = asset.get("name") or os.path.basename(asset.get("path") or "")
    if render:
        wanted = split_ext(wanted)[0] + ".jpg"
    companions = {"full": lambda n: [n + ".xmp"],
                  "short": lambda n: [split_ext(n)[0] + ".xmp"],
                  "none": lambda n: []}[sidecars]
    file = names.allocate(wanted, companions)
    sidecar = (companions(file) or [None])[0]
    action = ("render" if render else "strip" if mode == "renditions" and kind in ("video", "audio")
              else "copy")
    width, height = asset.get("width"), asset.get("height")
    size = (int(width), int(height)) if width and height else None
    if render and size:
        scale = min(1.0, long_edge / max(size))
        size = (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))
    return PackItem(copy.deepcopy(asset), file, action, sidecar, size)
