"""Intake of a submissions folder: read and check the manifest, scan the folder with the one
scanner (media/scan.py), then give every file its creator and campaign tags, its rights from
its row and the row itself, in one write; the whole intake is one undoable Change.

Nothing is half-imported: every manifest cell is read and checked before the scan starts; if
the scan is cancelled, or the final write cannot be saved, the assets the scan added are taken
out again (the files themselves are never written, renamed or moved: only read).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from liveassets import clock
from liveassets.catalog.changes import IMPORT, Change
from liveassets.catalog.records import _copy
from liveassets.catalog.storage import StorageError
from liveassets.catalog.tags import normalize_tag, tag_key
from liveassets.errors import UserError
from liveassets.intake import columns, grants
from liveassets.intake.fields import ManifestError
from liveassets.intake.manifest import SUFFIXES, read_sheet
from liveassets.intake.matching import match
from liveassets.intake.report import FileResult, IntakeReport
from liveassets.intake.rows import Submission, read_rows
from liveassets.jobs import CancelToken, ProgressFn, no_progress
from liveassets.media.scan import library_folders, scan, walk

LABEL = "Import submissions"
FIELD = "submission"  # the asset field that keeps the row (shown read-only in the inspector)


class IntakeError(UserError, ValueError):
    """A folder or option that cannot be taken in as given (one line, with what to do)."""


def find_manifest(folder: str) -> str | None:
    """The one response sheet at the top of `folder`, else (for Google Drive's "<Form> (File
    responses)" folder) the one beside it, preferring a name that starts with the form's; None
    when there is none. Raises IntakeError when several could be meant."""
    found = _sheets(folder)
    name = os.path.basename(os.path.normpath(folder))
    if not found and name.endswith("(File responses)"):
        beside = _sheets(os.path.dirname(os.path.normpath(folder)))
        form = name[:-len("(File responses)")].strip().casefold()
        found = [p for p in beside if os.path.basename(p).casefold().startswith(form)] or beside
    if len(found) > 1:
        names = ", ".join(os.path.basename(p) for p in found[:4])
        raise IntakeError(f"Several sheets could be the manifest ({names}): name the response "
                          "sheet with --manifest FILE.")
    return found[0] if found else None


def _sheets(folder: str) -> list[str]:
    try:
        return sorted(e.path for e in os.scandir(folder) if e.is_file()
                      and os.path.splitext(e.name)[1].casefold() in (".csv", ".xlsx")
                      and not e.name.startswith((".", "~$")))
    except OSError:
        return []


def default_campaign(folder: str) -> str:
    """The folder's name without Google Drive's " (File responses)" ending."""
    name = os.path.basename(os.path.normpath(folder))
    return name.replace(" (File responses)", "").strip() or "submissions"


def read_manifest(path: str, catalog=None, choices: dict | None = None) -> tuple[list[Submission], list[str]]:
    """(rows, headers no field uses) of a manifest; raises ManifestError (file, row, column)."""
    sheet = read_sheet(path)
    mapping = columns.map_columns(sheet.headers, sheet.name, catalog, choices)
    return read_rows(sheet, mapping), mapping.unused


@dataclass
class Preview:
    """What an intake would take in, before anything is scanned or written (the dialog shows
    it): the manifest's rows, the media files found, and how they match."""

    manifest: str | None
    rows: int
    files: int
    matched: int
    no_row: list[str]
    no_file: list[int]  # sheet row numbers


def preview(catalog, folder, manifest: str | None = None, choices: dict | None = None,
            cancel: CancelToken | None = None) -> Preview:
    """Read the manifest and walk the folder; writes nothing. Raises as `run` does."""
    folder = os.path.abspath(os.fspath(folder))
    if not os.path.isdir(folder):
        raise IntakeError(f"{folder} is not a folder: pick the folder the submissions were "
                          "downloaded to.")
    manifest = os.fspath(manifest) if manifest else find_manifest(folder)
    rows, _unused = read_manifest(manifest, catalog, choices) if manifest else ([], [])
    paths = [f.path for f in walk([folder], cancel, skip=library_folders(catalog))]
    matches = match(paths, rows)
    return Preview(manifest, len(rows), len(paths), len(matches.files),
                   matches.unmatched(paths), [s.row for s in matches.empty])


def run(catalog, folder, manifest: str | None = None, campaign: str | None = None,
        choices: dict | None = None, progress: ProgressFn = no_progress,
        cancel: CancelToken | None = None, thumbnails: bool = True,
        today: dt.date | None = None) -> IntakeReport:
    """Take in `folder` with its `manifest` (found in the folder when None) as `campaign`
    (default: the folder's name). `choices` maps headers to fields (the mapping step; kept for
    next time). Returns the IntakeReport, whose `change` undoes the whole intake.

    Raises IntakeError/ManifestError (one line) before anything is written; StorageError if
    the library cannot be written (what the scan added is taken out again).
    """
    folder = os.path.abspath(os.fspath(folder))
    if not os.path.isdir(folder):
        raise IntakeError(f"{folder} is not a folder: name the folder the submissions were "
                          "downloaded to.")
    cancel = cancel or CancelToken()
    today = today or clock.today()
    manifest = os.fspath(manifest) if manifest else find_manifest(folder)
    rows, unused = read_manifest(manifest, catalog, choices) if manifest else ([], [])
    campaign = normalize_tag(campaign).strip() if campaign else default_campaign(folder)
    paths = [f.path for f in walk([folder], cancel, skip=library_folders(catalog))]
    matches = match(paths, rows)
    known = set(catalog.index.docs)
    before = {}
    for path in paths:
        doc = catalog.by_path(path)
        if doc is not None:
            before[doc["id"]] = {k: _copy(doc.get(k)) for k in ("tags", "rights", FIELD)}
    report = IntakeReport(folder=folder, manifest=manifest, campaign=campaign, unused=unused)
    try:
        report.scan = scan(catalog, [folder], progress, cancel, thumbnails=thumbnails)
        if cancel.cancelled:
            _take_out(catalog, [a for a in _assets(catalog, paths) if a["id"] not in known])
            report.cancelled = True
            return report
        added = [a for a in _assets(catalog, paths) if a["id"] not in known]
        values = _values(catalog, paths, matches, campaign, today, report, known)
        catalog.apply(LABEL, values, source=IMPORT)
    except BaseException:  # a full disk, a reader that crashed, Ctrl+C: nothing half-imported
        _take_out(catalog, [a for a in _assets(catalog, paths) if a["id"] not in known])
        raise
    if choices:
        columns.remember(catalog, choices)
    report.change = _undo_change(catalog, values, added, before)
    report.no_file = [(s.row, s.handle, s.files) for s in matches.empty]
    report.short = [(s.row, s.handle, n) for s, n in matches.short]
    report.no_consent = [(s.row, s.handle) for s in rows if not s.consent]
    return report


def _assets(catalog, paths) -> list[dict]:
    return [d for d in (catalog.by_path(p) for p in paths) if d is not None]


def _take_out(catalog, added: list[dict]) -> None:
    """Remove what the scan added for an intake that did not complete."""
    if added:
        try:
            catalog.apply(f"{LABEL} (cancelled)", {a["id"]: None for a in added}, source=IMPORT)
        except (StorageError, OSError):
            pass  # the library cannot be written: the failure that stopped us says so


def _values(catalog, paths, matches, campaign: str, today: dt.date, report,
            known: set = frozenset()) -> dict:
    """What the intake writes on each file's asset. A file already in the library that no row
    claims keeps the rights it had (a person recorded them; "no row" is no reason to forget
    them); it is still listed as having no row."""
    values = {}
    inside = set(paths)
    imported = clock.local_now().replace(tzinfo=None).isoformat(timespec="seconds")
    for path in sorted(paths):
        doc = catalog.by_path(path)
        if doc is None:
            continue  # vanished between the walk and the scan
        claims = matches.files.get(path, [])
        extra, sub = [], claims[0] if claims else None
        distinct = {c.grant_key() for c in claims}
        if len(distinct) > 1:
            rows = " and ".join(str(c.row) for c in claims)
            extra.append(f"rows {rows} claim it with different grants")
            report.conflicts.append((path, [c.row for c in claims]))
        elif len(claims) > 1:
            report.duplicate_rows.extend((c.row, claims[0].row) for c in claims[1:]
                                         if (c.row, claims[0].row) not in report.duplicate_rows)
        twin = _duplicate_of(catalog, doc, inside)
        if twin is not None:
            extra.append(f"duplicate of {twin} already in the library")
            report.duplicates.append((path, twin))
        rights = grants.rights_for(sub, today, extra)
        why = rights["notes"].split("Pending: ", 1)[1].rstrip(".").split("; ") \
            if rights["status"] == "pending" else []
        had = doc.get("rights") or {}
        if sub is None and doc["id"] in known and had.get("status") not in (None, "unknown"):
            rights, why = _copy(had), []
        tags = [f"campaign:{campaign}"] + ([f"creator:@{sub.handle}"] if sub and sub.handle else [])
        previous = {tag_key(t) for t in ((doc.get(FIELD) or {}).get("tags") or ())}
        kept = [t for t in doc.get("tags") or () if tag_key(t) not in previous]
        keys = {tag_key(t) for t in kept}
        new_tags = kept + [t for t in tags if tag_key(t) not in keys]
        submission = {
            "campaign": campaign, "imported": imported, "tags": tags,
            "manifest": sub.manifest if sub else None, "row": sub.row if sub else None,
            "handle": sub.handle if sub else "", "values": dict(sub.values) if sub else {},
            "extra": dict(sub.extra) if sub else {}, "reasons": why,
        }
        if sub is None and doc.get(FIELD):
            submission = _copy(doc[FIELD])   # the row it came with earlier stays its record
        values[doc["id"]] = {"tags": new_tags, "rights": rights, FIELD: submission}
        report.files.append(FileResult(path, doc["id"], sub.handle if sub else "",
                                       sub.row if sub else None, rights["status"], why,
                                       rights.get("expires"),
                                       tuple(rights.get("channels") or ())))
        if sub is None:
            report.no_row.append(path)
    return values


def _duplicate_of(catalog, doc: dict, inside: set) -> str | None:
    """The path of another asset with the same content already in the library (outside this
    folder, or earlier in it by path: the first copy is the one kept), or None."""
    fp = doc.get("fingerprint")
    if not fp:
        return None
    for other in catalog.by_fingerprint(fp):
        if other["id"] != doc["id"] and other.get("status") != "missing" \
                and (other["path"] not in inside or other["path"] < doc["path"]):
            return other["path"]
    return None


def _undo_change(catalog, values: dict, added: list[dict], before: dict) -> Change:
    """One Change for the whole intake: undo takes out the assets it added and puts back the
    tags, rights and row of those that were already in the library."""
    change = Change(LABEL)
    new_ids = {a["id"] for a in added}
    for aid in values:
        doc = catalog.get(aid)
        if aid in new_ids:
            change.before[aid] = None
            change.after[aid] = _copy(doc)
        else:
            old = before.get(aid) or {k: None for k in values[aid]}
            change.before[aid] = {k: old.get(k) for k in values[aid]}
            change.after[aid] = {k: _copy(doc.get(k)) for k in values[aid]}
    return change


__all__ = ["run", "find_manifest", "read_manifest", "IntakeError", "ManifestError", "SUFFIXES",
           "LABEL", "FIELD"]
