"""The intake report: what each file became, and every file or row that needs a person (no row,
no file, duplicates, conflicting rows, no consent), as text for the terminal and JSON."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from liveassets.catalog.changes import Change
from liveassets.catalog.channels import describe


@dataclass(frozen=True)
class FileResult:
    path: str
    asset_id: str
    handle: str
    row: int | None
    status: str  # the rights status given: "cleared" or "pending"
    reasons: list[str]  # why pending, in a user's words
    expires: str | None
    channels: tuple[str, ...] = ()  # the platforms the row allows (catalog.channels); () = all


@dataclass
class IntakeReport:
    folder: str
    manifest: str | None
    campaign: str
    unused: list[str] = field(default_factory=list)  # manifest columns no field reads
    files: list[FileResult] = field(default_factory=list)
    no_row: list[str] = field(default_factory=list)  # paths
    no_file: list[tuple[int, str, list[str]]] = field(default_factory=list)  # row, handle, names
    short: list[tuple[int, str, int]] = field(default_factory=list)  # row, handle, links
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # path, already there
    duplicate_rows: list[tuple[int, int]] = field(default_factory=list)  # row, same as row
    conflicts: list[tuple[str, list[int]]] = field(default_factory=list)  # path, rows
    no_consent: list[tuple[int, str]] = field(default_factory=list)  # row, handle
    cancelled: bool = False
    scan: object = None  # the ScanReport of the folder
    change: Change | None = None  # undoes the whole intake

    @property
    def cleared(self) -> int:
        return sum(1 for f in self.files if f.status == "cleared")

    @property
    def pending(self) -> int:
        return sum(1 for f in self.files if f.status != "cleared")

    def summary(self) -> str:
        if self.cancelled:
            return "Cancelled: nothing was imported."
        where = os.path.basename(self.manifest) if self.manifest else "no manifest"
        return (f"{len(self.files)} files taken in as campaign:{self.campaign} ({where}): "
                f"{self.cleared} cleared, {self.pending} pending.")

    def lines(self, limit: int | None = None) -> list[str]:
        """The report as lines: summary, then each list that needs a person; with `limit`, at
        most that many items a list, then "… and N more" (a 10,000-row sheet given with the
        wrong folder printed 10,000 lines, the summary scrolled away)."""
        out = [self.summary()]
        if self.cancelled:
            return out
        if not self.manifest:
            out.append("No manifest found: every file is pending until a response sheet is "
                       "given with --manifest.")

        def rel(path: str) -> str:
            return os.path.relpath(path, self.folder)

        sections = [
            ("Files with no row in the manifest (pending, or the rights the library had)",
             [rel(p) for p in self.no_row]),
            ("Rows with no file", [f"row {r} @{h or '?'}" + (f" names {', '.join(n)}" if n else "")
                                   for r, h, n in self.no_file]),
            ("Rows with fewer files than they uploaded", [f"row {r} @{h or '?'}: {n} uploaded"
                                                         for r, h, n in self.short]),
            ("Duplicates already in the library (pending)", [f"{rel(p)} = {o}"
                                                             for p, o in self.duplicates]),
            ("Duplicate rows (the first one is used)", [f"row {r} repeats row {f}"
                                                        for r, f in self.duplicate_rows]),
            ("Files claimed by rows that disagree (pending)",
             [f"{rel(p)}: rows {', '.join(map(str, rows))}" for p, rows in self.conflicts]),
            ("Rows without consent (their files are pending)", [f"row {r} @{h or '?'}"
                                                                for r, h in self.no_consent]),
            ("Pending files and why", [f"{rel(f.path)}: {'; '.join(f.reasons)}"
                                       for f in self.files if f.status != "cleared"]),
            ("Cleared for some channels only", [f"{rel(f.path)}: {describe(f.channels)}"
                                                for f in self.files
                                                if f.status == "cleared" and f.channels]),
        ]
        for title, items in sections:
            if items:
                out.append(f"{title}: {len(items)}")
                shown = items if limit is None or len(items) <= limit else items[:limit]
                out.extend(f"  {item}" for item in shown)
                if len(shown) < len(items):
                    out.append(f"  … and {len(items) - len(shown):,} more (--json lists every "
                               "one)")
        if self.unused:
            out.append("Columns kept on the assets but not read as rights: "
                       + ", ".join(self.unused))
        return out

    def to_json(self) -> dict:
        return {
            "folder": self.folder, "manifest": self.manifest, "campaign": self.campaign,
            "cancelled": self.cancelled, "cleared": self.cleared, "pending": self.pending,
            "files": [{"path": f.path, "id": f.asset_id, "handle": f.handle, "row": f.row,
                       "status": f.status, "reasons": f.reasons, "expires": f.expires,
                       "channels": list(f.channels)}
                      for f in self.files],
            "no_row": self.no_row,
            "no_file": [{"row": r, "handle": h, "names": n} for r, h, n in self.no_file],
            "short": [{"row": r, "handle": h, "uploaded": n} for r, h, n in self.short],
            "duplicates": [{"path": p, "already": o} for p, o in self.duplicates],
            "duplicate_rows": [{"row": r, "same_as": f} for r, f in self.duplicate_rows],
            "conflicts": [{"path": p, "rows": rows} for p, rows in self.conflicts],
            "no_consent": [{"row": r, "handle": h} for r, h in self.no_consent],
            "unused_columns": self.unused,
        }
