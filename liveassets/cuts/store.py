"""Cut plans in the catalog (saved by name, reopened, duplicated) and finished renders entering
the library as assets tagged with the cut's name (by default they go to <library>/renders)."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

from liveassets.cuts.plan import CutPlan

TABLE = "cuts"


def renders_folder(catalog) -> Path:
    """Where renders go by default: <library>/renders (made on demand)."""
    folder = Path(catalog.folder) / "renders"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_output(catalog, plan: CutPlan, preview: bool = False) -> Path:
    slug = re.sub(r"[^\w\-]+", "-", str(plan.name).strip().lower(), flags=re.UNICODE).strip("-")
    slug = slug[:80].rstrip("-")  # a file name holds 255 bytes; 80 characters of 3 bytes fit
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


def add_render(catalog, plan: CutPlan, path: str | os.PathLike) -> str | None:
    """Index a finished render (just that file, wherever it was written) and tag it with the
    cut's name; returns its asset id (None if the file could not be indexed)."""
    from liveassets.media.scan import scan

    path = os.path.abspath(os.fspath(path))
    scan(catalog, [path])
    asset = catalog.by_path(path)
    if asset is None:
        return None
    # Marked as the app's own file: `originals` lets a later render replace it when asked.
    catalog.apply("Index render", {asset["id"]: {"made_by": plan.name}})
    catalog.tag([asset["id"]], add=[plan.name])
    return asset["id"]
