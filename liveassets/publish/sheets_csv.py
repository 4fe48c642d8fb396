"""CSV files: one for people to read (UTF-8 with a byte-order mark so Excel reads it; cells that
could run as a formula get a leading '; a CSV cannot keep Excel from turning number- or
date-like text into numbers and dates, so the XLSX is the file to copy captions from) and one
for Sprout Social's bulk import (its case-sensitive headers, text exact, no BOM so the first
header stays `date`; rows its importer would reject are refused before anything is written)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from liveassets import clock
from liveassets.publish import zones
from liveassets.atomic import ExportError, write_atomic
from liveassets.cells import EXCEL_CELL_MAX, fit_excel, text_cell
from liveassets.publish.captions import LIMIT_CODES
from liveassets.publish.gate import check_post, post_report
from liveassets.publish.posts import CONFLICT_WINDOW, Post
from liveassets.publish.sheets import FOR_WHOM, HEADERS, ExportResult, build_rows

SPROUT_HEADERS = ("date", "time_24hr", "message_text")
SPROUT_MAX_ROWS = 350
SPROUT_DATE_FORMATS = {"dmy": "%d/%m/%Y", "mdy": "%m/%d/%Y"}


def neutralise(value) -> object:
    """A text cell made safe (`cells.text_cell`); numbers and dates stay as they are."""
    return text_cell(value) if isinstance(value, str) else value


def write_people_csv(catalog, posts, path: str | Path, *, force: bool = False,
                     today: dt.date | None = None) -> ExportResult:
    """The people's CSV (for reading; see `sheets.FOR_WHOM["csv"]`): formula-looking cells
    neutralised, cells over Excel's limit cut with a mark (a note says how many). Returns an
    ExportResult; raises what `atomic.write_atomic` raises."""
    rows = build_rows(catalog, posts, today)
    cut = 0

    def cell(value):
        nonlocal cut
        value = neutralise(value)
        if isinstance(value, str):
            value, was_cut = fit_excel(value)
            cut += was_cut
        return value

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(HEADERS)
            w.writerows([cell(v) for v in r.values] for r in rows)

    out = write_atomic(path, write, force=force, catalog=catalog)
    blocked = sum(r.blocked for r in rows)
    notes = [f"{blocked} posts are BLOCKED by the rights gate."] if blocked else []
    if cut:
        notes.append(f"{cut} cells were longer than Excel's limit of {EXCEL_CELL_MAX:,} "
                     "characters: they end in a [cut] mark; the full text is in the catalog.")
    return ExportResult(out, len(rows), FOR_WHOM["csv"], notes)


def sprout_problems(catalog, posts: list[Post], *, now: dt.datetime | None = None,
                    today: dt.date | None = None, zone_name: str | None = None) -> list[str]:
    """Everything that stops these posts from going to Sprout, in the user's words (a pure
    check: the window can show it before asking where to save). `zone_name`: the zone the
    file's times are written in (default: the first post's, as write_sprout_csv does)."""
    problems: list[str] = []
    if not posts:
        return ["No posts to export: check the query and dates."]
    if len(posts) > SPROUT_MAX_ROWS:
        problems.append(f"{len(posts)} posts: Sprout imports at most {SPROUT_MAX_ROWS} per file. "
                        "Narrow the dates with --from/--to and export in parts.")
    unscheduled = [p.id for p in posts if p.scheduled is None]
    if unscheduled:
        problems.append(f"{len(unscheduled)} posts have no date and time (e.g. {unscheduled[0]}): "
                        "schedule them or leave them out.")
    problems += ambiguous_for_sprout(posts, zone_name or posts[0].timezone)
    now = now or clock.now()
    timed = sorted((p for p in posts if p.scheduled), key=lambda p: p.utc)
    soon = [p for p in timed if p.utc < now + CONFLICT_WINDOW]
    if soon:
        problems.append(f"{len(soon)} posts are in the past or less than 10 minutes from now "
                        f"(e.g. {soon[0].id} at {soon[0].scheduled:%Y-%m-%d %H:%M}): Sprout "
                        "refuses them.")
    close = [(a, b) for a, b in zip(timed, timed[1:]) if b.utc - a.utc < CONFLICT_WINDOW]
    if close:
        a, b = close[0]
        problems.append(f"{len(close)} pairs of posts are under 10 minutes apart (e.g. {a.id} at "
                        f"{zones.clock_label(a.scheduled)} and {b.id} at "
                        f"{zones.clock_label(b.scheduled)} on "
                        f"{a.scheduled:%Y-%m-%d}): Sprout needs 10 minutes between posts.")
    for p in posts:
        report = post_report(catalog, p)   # the platform's rules on the post's day
        if report.length > report.limit:
            problems.append(f"Post {p.id}'s caption is {report.length:,} {report.unit_name}, over "
                            f"the limit of {report.limit:,}: shorten it.")
        problems += [f"Post {p.id} ({p.platform}): {w.message}" for w in report.errors
                     if w.code != "over_limit" and w.code in LIMIT_CODES]
        rights = check_post(catalog, p, today)
        if not rights.may_export:
            problems.append(f"Post {p.id} is blocked by the rights gate ({'; '.join(rights.problems)}). "
                            "Clear the rights, or override explicitly with --override-rights REASON.")
    return problems


def ambiguous_for_sprout(posts: list[Post], zone_name: str | None = None) -> list[str]:
    """One line per post whose local time happens twice (a DST overlap: PEP 495 fold, tz
    database rules) in the zone the file is written in: Sprout's bulk CSV has date and
    time_24hr columns and no offset, so it cannot tell the two instants apart."""
    out = []
    for p in posts:
        if p.scheduled is None:
            continue
        name = zone_name or p.timezone
        local = p.scheduled.astimezone(zones.zone(name))
        if zones.classify(local.replace(tzinfo=None), name).kind != "ambiguous":
            continue
        pass_ = "second" if local.fold else "first"
        out.append(f"Post {p.id} at {local:%Y-%m-%d %H:%M} ({pass_} pass, "
                   f"{zones.instant_label(local)}): that time happens twice in {name} and "
                   "Sprout's CSV has no offset column, so it cannot say which. Move the post "
                   "out of the repeated hour, or schedule it in Sprout by hand.")
    return out


def write_sprout_csv(catalog, posts, path: str | Path, *, force: bool = False,
                     today: dt.date | None = None, now: dt.datetime | None = None,
                     date_order: str = "dmy", zone_name: str | None = None) -> ExportResult:
    """Refuses (ExportError listing every problem) or writes the whole file."""
    problems = sprout_problems(catalog, posts, now=now, today=today, zone_name=zone_name)
    if problems:
        head = f"Not written: {len(problems)} problems for Sprout's import."
        raise ExportError(" ".join([head] + problems[:5] +
                                   ([f"(and {len(problems) - 5} more)"] if len(problems) > 5 else [])))
    if date_order not in SPROUT_DATE_FORMATS:
        raise ExportError('The Sprout date order is "dmy" (dd/mm/yyyy) or "mdy" (mm/dd/yyyy).')
    zone_name = zone_name or posts[0].timezone
    tz = zones.zone(zone_name)
    fmt = SPROUT_DATE_FORMATS[date_order]
    ordered = sorted(posts, key=lambda p: p.utc)

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
            w.writerow(SPROUT_HEADERS)
            for p in ordered:
                local = p.scheduled.astimezone(tz)
                w.writerow((local.strftime(fmt), local.strftime("%H:%M"), p.full_caption()))

    out = write_atomic(path, write, force=force, catalog=catalog)
    notes = [f"Times are in {zone_name} ({'dd/mm/yyyy' if date_order == 'dmy' else 'mm/dd/yyyy'}): "
             "set Sprout's import to the same time zone and date order.",
             "Media are not in this file: Sprout wants public URLs; attach them in Sprout."]
    overridden = [p.id for p in posts if p.rights_override and not check_post(catalog, p, today).cleared]
    if overridden:
        notes.append(f"Rights gate overridden for {len(overridden)} posts: {', '.join(overridden)}.")
    return ExportResult(out, len(ordered), FOR_WHOM["sprout"], notes)
