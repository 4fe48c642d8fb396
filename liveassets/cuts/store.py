"""Cut plans in the catalog (saved by name, reopened, duplicated) and finished renders entering
the library as assets tagged with the cut's name (by default they go to <library>/renders)."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

from liveassets.cuts.plan import CutPlan
from liveassets.shorten import head, utf8_len

TABLE = "cuts"


def renders_folder(catalog) -> Path:
    """Where renders go by default: <library>/renders (made on demand)."""
    folder = Path(catalog.folder) / "renders"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


MAX_SLUG_BYTES = 180


def default_output(catalog, plan: CutPlan, preview: bool = False) -> Path:
    slug = re.sub(r"[^\w\-]+", "-", str(plan.name).strip().lower(), flags=re.UNICODE).strip("-")
    # A file name holds 255 bytes. Cut by UTF-8 bytes, not characters: 80 "bold" letters from
    # a fancy-text generator (U+1D400 block, 4 bytes each and \w) made 320 bytes and the render
    # failed with "File name too long". 180 bytes leave room for "-preview", " (12)", ".mp4" and
    # the atomic writer's ".<name>.la<pid>-<n>.<hex>.tmp" work file.
    slug = head(slug, MAX_SLUG_BYTES, utf8_len).rstrip("-")
    return renders_folder(catalog) / f"{slug or 'cut'}{'-preview' if preview else ''}.mp4"


def save_cut(catalog, plan: CutPlan):
    """Save the plan (absolute paths) in the catalog; a plan without an id replaces the saved
    cut of the same name, so re-rendering a plan file keeps one record. Returns the Change."""
    store = catalog.records(TABLE)
    if not plan.id:
        for doc in store.all():
            if doc.get("name") == plan.name:
                plan.id = doc["id"]
                break
    change = store.put(plan.to_dict(), label=f"Save cut {plan.name}")
    plan.id = change.ids[0]
    return change


def load_cut(catalog, cut_id: str) -> CutPlan:
    return CutPlan.from_dict(catalog.records(TABLE).get(cut_id))


def duplicate_cut(catalog, cut_id: str, name: str | None = None):
    """A copy of a saved cut under a new name (history starts afresh)."""
    doc = copy.deepcopy(catalog.records(TABLE).get(cut_id))
    doc.pop("id", None)
    doc["name"] = name or f"{doc.get('name', 'Cut')} (copy)"
    doc.pop("history", None)
    return catalog.records(TABLE).put(doc, label=f"Duplicate cut {doc['name']}")


def add_render(catalog, plan: CutPlan, path: str | os.PathLike,
               loudness: dict | None = None) -> str | None:
    """The one way a finished render joins the library (the window's jobs and the `cut` verb
    both call it): index just that file, wherever it was written, give it the rights its
    sources grant (lineage.inherit: most restrictive status, earliest expiry, every credit)
    and `derived_from` (the cut and its source asset ids), and tag it with the cut's name.
    `loudness` (the render's measured sound, RenderResult.loudness) is stored as
    `loudness_lufs` and `true_peak_dbtp` (None for a silent render; issue #16).
    Returns its asset id (None if the file could not be indexed)."""
    from liveassets.cuts.loudness import achieved

    from liveassets.cuts.lineage import inherit
    from liveassets.media.scan import scan

    path = os.path.abspath(os.fspath(path))
    scan(catalog, [path])
    asset = catalog.by_path(path)
    if asset is None:
        return None
    lineage = inherit(plan, catalog)
    # Marked as the app's own file: `originals` lets a later render replace it when asked.
    fields = {"made_by": plan.name, "rights": lineage.rights,
              "derived_from": lineage.derived_from}
    if loudness is not None:
        fields.update(achieved(loudness))
    catalog.apply("Index render", {asset["id"]: fields})
    catalog.tag([asset["id"]], add=[plan.name])
    return asset["id"]


def numbered(path: str | os.PathLike) -> Path:
    """`path` if nothing is there yet, else the first free "name (2).mp4", "name (3).mp4", ...
    beside it, so a re-render never silently replaces an earlier one (issue #12)."""
    path = Path(path)
    if not os.path.lexists(path):
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
        n += 1
