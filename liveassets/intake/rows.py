"""Manifest rows as submissions: each cell read by its field's rule (fields.py), every bad cell
refused before anything is imported, with the file, row and column in its one line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from liveassets.intake import fields as F
from liveassets.intake.columns import Mapping
from liveassets.intake.manifest import Sheet

# Cells whose value is a date (or a date-time).
_DATES = ("received", "start", "expiry", "spark_date")


@dataclass
class Submission:
    """One answer of the form: what a creator sent and granted. `values` are the mapped cells
    as text (shown on the asset), `extra` the columns no field uses."""

    row: int
    manifest: str  # the file's name, for the report and the asset
    values: dict[str, str]
    extra: dict[str, str]
    received: dt.datetime | None = None
    start: dt.date | None = None
    expiry: dt.date | None = None
    spark_date: dt.date | None = None
    spark_days: int | None = None
    minor: bool = False
    guardian: bool = False
    consent: str | None = None
    licence: str | None = None
    channels: list[str] = field(default_factory=list)
    handle: str = ""
    files: list[str] = field(default_factory=list)  # names the row gives (links left out)
    links: int = 0  # Google Drive links: how many files the form received

    @property
    def where(self) -> str:
        return f"{self.manifest} row {self.row}"

    def grant_key(self) -> tuple:
        """What the row grants, without when it came: two rows with the same key are one
        submission sent twice."""
        return tuple(sorted((k, v.casefold()) for k, v in self.values.items()
                            if k not in ("received", "file", "notes")))


def read_rows(sheet: Sheet, mapping: Mapping) -> list[Submission]:
    """Every row of `sheet` as a Submission. Raises ManifestError at the first bad cell."""
    orders = {}
    for name in _DATES:
        header = mapping.header(name)
        if header is not None:
            decided = F.slash_order(cells.get(header) for _n, cells in sheet.rows)
            orders[name] = True if decided is None else decided  # team default: en-AU, day first
    return [_submission(sheet, mapping, number, cells, orders) for number, cells in sheet.rows]


def _submission(sheet: Sheet, mapping: Mapping, number: int, cells: dict,
                orders: dict) -> Submission:
    values = {}
    for name, header in mapping.columns.items():
        value = cells.get(header)
        if name in _DATES and isinstance(value, (dt.date, dt.datetime)):
            shown = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
        else:
            shown = F.text(value)
        if shown:
            values[name] = shown
    extra = {h: F.text(cells.get(h)) for h in mapping.unused if F.text(cells.get(h))}
    sub = Submission(number, sheet.name, values, extra)

    def cell(name: str) -> F.Cell:
        return F.Cell(sheet.name, number, mapping.header(name))

    for name in _DATES:
        if mapping.header(name) is not None:
            when = F.parse_when(cells.get(mapping.header(name)), cell(name), orders[name])
            if when is not None:
                setattr(sub, name, when if name == "received" else when.date())
                # shown on the asset as one unambiguous spelling, whatever the sheet's locale
                values[name] = (when.isoformat(sep=" ") if name == "received"
                                else when.date().isoformat())
    if mapping.header("spark_days") is not None:
        sub.spark_days = F.spark_days(cells.get(mapping.header("spark_days")), cell("spark_days"))
    if mapping.header("minor") is not None:
        sub.minor = _minor(cells.get(mapping.header("minor")), cell("minor"))
    if mapping.header("guardian_consent") is not None:
        sub.guardian = F.consent_reference(cells.get(mapping.header("guardian_consent")),
                                           sub.where) is not None
    sub.consent = F.consent_reference(values.get("consent"), f"form response, {sub.where}"
                                      + (f" ({values['received']})" if "received" in values else ""))
    sub.licence = F.licence(values.get("licence"))
    sub.channels = F.channels(values.get("channels"))
    sub.handle = F.handle(values.get("handle"))
    for entry in re.split(r"\s*[\n;,]\s*", values.get("file", "")):
        if not entry:
            continue
        if entry.casefold().startswith(("http://", "https://")):
            sub.links += 1
        else:
            sub.files.append(entry.replace("\\", "/").rsplit("/", 1)[-1])
    return sub


def _minor(value, cell: F.Cell) -> bool:
    """Yes/no, or an age ("16"): under 18 is a minor (the age of majority in Australia and New
    Zealand, the team's region)."""
    raw = F.text(value)
    if raw.isdigit():
        return int(raw) < 18
    return F.yes_no(raw, cell)
