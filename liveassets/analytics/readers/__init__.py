"""Reading the platforms' analytics exports into `Table`s: which platform and account, what a
row is (days, posts, hours, audience), the rows in LiveAssets' words. A file's layout is found
from its headers (`formats.Format`, one module per platform family); headers it does not know
stop the import with `UnknownColumns`, which names them, until a person maps them (the mapping is
kept per platform, `snapshots.AnalyticsStore.mapping`)."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field

from liveassets import clock
from liveassets.analytics.readers import instagram, tiktok, youtube
from liveassets.analytics.readers.files import ExportError, Sheet, sheets
from liveassets.analytics.readers.formats import (AUDIENCE, DAYS, HOURS, POSTS, SKIP, Context,
                                                  Format, header_key)
from liveassets.analytics.values import FIRST_YEAR, LAST_YEAR

PLATFORMS = ("tiktok", "instagram", "youtube")
FORMATS: tuple[Format, ...] = tiktok.FORMATS + instagram.FORMATS + youtube.FORMATS


class UnknownColumns(ExportError):
    """A file whose headers LiveAssets does not know. `.platform`, `.columns` (as written) and
    `.known` (headers of that platform they could be mapped to) let a window ask."""

    def __init__(self, message: str, platform: str | None, columns: list[str], known: list[str]):
        super().__init__(message)
        self.platform, self.columns, self.known = platform, columns, known


@dataclass
class Table:
    """One file's content. `rows`: for DAYS {"date", figure...}; for POSTS {"platform_post_id",
    "url", "account", "caption", "published" (local ISO), "type", figure...}; for HOURS
    {"date", "hour", "active"}. `as_of` is the day a POSTS snapshot was exported."""

    name: str
    platform: str
    kind: str
    label: str
    account: str
    as_of: dt.date
    rows: list[dict] = field(default_factory=list)
    skipped: int = 0  # rows that were not read: no readable date, no post link

    @property
    def dates(self) -> tuple[str, str] | None:
        days = sorted(r["date"] for r in self.rows if r.get("date"))
        if not days:
            days = sorted(r["published"][:10] for r in self.rows if r.get("published"))
        return (days[0], days[-1]) if days else None


_DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)")
_STAMP_IN_ZIP = re.compile(r"_(\d{9,11})_")  # Overview_<start>_<end as Unix time>_<handle>.zip


def read(paths, platform: str | None = None, account: str | None = None,
         mappings: dict[str, dict[str, str]] | None = None, as_of: dt.date | None = None,
         ) -> list[Table]:
    """Tables from every CSV in `paths` (CSV files or zips). `platform` (one of PLATFORMS)
    restricts the layouts tried; `account` overrides the account read from the file;
    `mappings` is {platform: {header_key: known header_key or SKIP}}; `as_of` is the export day
    (default: a date in the file's name or folder, else a zip name's end time, else today in
    the team's zone). Raises UnknownColumns, ExportError, UserFileError (one line each)."""
    if as_of is not None and not FIRST_YEAR <= as_of.year <= LAST_YEAR:  # 9999-12-31 overflowed
        raise ExportError(f"{as_of.isoformat()} is not a day an export was made (years "
                          f"{FIRST_YEAR} to {LAST_YEAR}): give the day you downloaded the files.")
    out = []
    for path in paths:
        for sheet in sheets(path):
            table = read_sheet(sheet, platform, account, mappings or {}, as_of)
            if table is not None:
                out.append(table)
    return out


def export_day(sheet: Sheet, as_of: dt.date | None) -> tuple[dt.date, dt.date]:
    """(the day the file was exported, the reference yearless dates are placed before)."""
    if as_of is not None:
        return as_of, as_of
    stamp = _STAMP_IN_ZIP.search(sheet.zip_name)
    if stamp:  # the end of the period, as a Unix time: the only year in a Studio export
        end = dt.datetime.fromtimestamp(int(stamp.group(1)), clock.zone()).date()
        return end + dt.timedelta(days=1), end
    parts = [sheet.name, *reversed(os.path.normpath(sheet.path).split(os.sep)[-3:])]
    for part in parts:
        found = _DATE_IN_NAME.search(part)
        if found and not part.lower().startswith("overview_"):  # that one is the period's start
            try:
                day = dt.date(*map(int, found.groups()))
                return day, day
            except ValueError:
                pass
    return clock.today(), clock.today()


def read_sheet(sheet: Sheet, platform: str | None, account: str | None,
               mappings: dict[str, dict[str, str]], as_of: dt.date | None) -> Table | None:
    """The Table of one sheet, or None for an audience breakdown (read, not stored)."""
    fmt, columns = _layout(sheet, platform, mappings)
    if fmt.kind == AUDIENCE:
        return None
    exported, reference = export_day(sheet, as_of)
    handle = account or (tiktok.account_from_zip(sheet.zip_name) if fmt.platform == "tiktok"
                         else "")
    context = Context(reference, handle or "", sheet.name)
    rows, skipped = [], 0
    for cells in sheet.rows:
        fields = {}
        for i, name in enumerate(columns):
            if name != SKIP and name is not None and i < len(cells):
                fields[name] = cells[i]
        row = fmt.row(fields, context) if fmt.row else None
        if row is not None:
            rows.append(row)
        elif cells and cells[0].strip().casefold() not in ("total", "totals"):
            skipped += 1  # a total line is expected; anything else is said
    if fmt.kind == POSTS:
        accounts = {r.get("account") for r in rows if r.get("account")}
        handle = account or handle or (accounts.pop() if len(accounts) == 1 else "")
        if account:
            for r in rows:
                r["account"] = account
    if fmt.kind == HOURS:
        _partial_day(rows)
    label = fmt.label if not fmt.title_fields else f"{fmt.label} {sheet.title.lower()}"
    return Table(sheet.name, fmt.platform, fmt.kind, label, (handle or "").lstrip("@"),
                 exported, rows, skipped)


def _partial_day(rows: list[dict]) -> None:
    """The export day's follower activity is zero-filled after the hour of export (fixtures'
    README): the last day's trailing zero hours are not known, so they become None."""
    if not rows:
        return
    last = max(r["date"] for r in rows)
    for r in sorted((r for r in rows if r["date"] == last), key=lambda r: -r["hour"]):
        if r["active"]:
            break
        r["active"] = None


def _layout(sheet: Sheet, platform: str | None, mappings) -> tuple[Format, list[str | None]]:
    """The best-fitting format and, per column, the field it fills."""
    keys = [header_key(h) for h in sheet.header]
    candidates = [f for f in FORMATS if platform in (None, f.platform)]
    best = None
    for fmt in candidates:
        mapping = mappings.get(fmt.platform, {})
        mapped = [mapping.get(k, k) for k in keys]
        title_field = None
        if fmt.title_fields:
            title_field = fmt.title_fields.get(header_key(sheet.title))
            if not sheet.title:
                continue
        if not all(r in mapped for r in fmt.required):
            continue
        unknown = [h for h, m in zip(sheet.header, mapped) if m != SKIP and m not in fmt.columns]
        if fmt.title_fields and title_field is None:
            unknown.append(sheet.title)
        score = (len(unknown), -sum(m in fmt.columns for m in mapped))
        if best is None or score < best[0]:
            fields = [fmt.columns.get(m) if m != SKIP else SKIP for m in mapped]
            if title_field is not None:
                fields = [title_field if f == "primary" else f for f in fields]
            best = (score, fmt, fields, unknown)
    if best is None and platform is not None:
        try:
            other, _ = _layout(sheet, None, mappings)
        except ExportError:
            other = None
        if other is not None:
            raise ExportError(f"{sheet.name} looks like a {other.platform} export ({other.label}),"
                              f" not {platform}: use --platform {other.platform} or leave it out.")
    if best is None:
        pool = [f for f in candidates]
        known = set().union(*(f.known() for f in pool))
        unknown = [h for h, k in zip(sheet.header, keys) if k not in known]
        if not unknown:
            raise ExportError(f"{sheet.name} is not an analytics export LiveAssets reads "
                              f"(columns: {', '.join(sheet.header[:8])}): export it again "
                              "from TikTok Studio, Meta Business Suite or YouTube Studio.")
        raise _unknown(sheet, platform, unknown, pool)
    _, fmt, fields, unknown = best
    if unknown:
        raise _unknown(sheet, fmt.platform, unknown, [fmt])
    return fmt, fields


def _unknown(sheet: Sheet, platform: str | None, unknown: list[str], pool) -> UnknownColumns:
    known = sorted({k for f in pool for k, v in f.columns.items() if v != SKIP})
    names = ", ".join(f'"{u}"' for u in unknown[:6]) + (" …" if len(unknown) > 6 else "")
    example = _title(known[0] if known else "date")
    where = f"--platform {platform} " if platform else "--platform tiktok|instagram|youtube "
    return UnknownColumns(
        f"{sheet.name}: LiveAssets does not know the column{'s' if len(unknown) > 1 else ''} "
        f"{names}. Say what each holds with {where}--map \"{unknown[0]}={example}\" (or "
        f"\"{unknown[0]}=-\" to skip it); the mapping is remembered"
        f"{' for ' + platform if platform else ''}.", platform, unknown, [_title(k) for k in known])


def _title(key: str) -> str:
    return " ".join(w.capitalize() if i == 0 else w for i, w in enumerate(key.split()))


__all__ = ["read", "read_sheet", "Table", "UnknownColumns", "ExportError", "PLATFORMS",
           "DAYS", "POSTS", "HOURS", "AUDIENCE"]
