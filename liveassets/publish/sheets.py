"""What a caption sheet holds: one row per post with the columns people review (shared by the
XLSX, people-CSV and Markdown writers), plus `export()` that picks the writer by file type.

Which file is for whom: the XLSX is the people's file (every cell opens as the text written,
formula-looking cells kept as text by a cell format, so its Full caption column is the exact
text to paste); the people's CSV is for reading only: spreadsheets change number- and date-like
text when they open a CSV (0012345 -> 12345, 1/2 -> a date) and nothing in a CSV can stop
them, and its formula guard is a visible leading '. The Sprout preset CSV is for the
scheduler's import only (text exact), Markdown is for a chat message, ICS is for the team's
calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from liveassets.publish import zones
from liveassets.publish.captions import CaptionContext
from liveassets.publish.gate import check_post, post_report
from liveassets.publish.platforms import NAMES, UNIT_NAMES, library_book
from liveassets.publish.posts import Post
from liveassets.safe_paths import is_readable, readable

# (header, width in characters, kind): kind is text, int, wrap (wrapped text) or yesno.
COLUMNS = (
    ("Post ID", 14, "text"),
    ("Platform", 12, "text"),
    ("Account", 18, "text"),
    ("Date", 11, "text"),
    ("Time", 7, "text"),
    ("Timezone", 19, "text"),
    ("Caption body", 50, "wrap"),
    ("Hashtags", 28, "wrap"),
    ("Mentions", 20, "wrap"),
    ("Full caption", 60, "wrap"),
    ("Length", 8, "int"),
    ("Limit", 7, "int"),
    ("Unit", 13, "text"),
    ("Hashtag count", 9, "int"),
    ("Within limits", 8, "text"),
    ("Media files", 30, "wrap"),
    ("Rights (each asset)", 40, "wrap"),
    ("Rights gate", 30, "wrap"),
    ("Credit lines required", 30, "wrap"),
    ("Status", 10, "text"),
    ("First comment", 30, "wrap"),
    ("Alt text", 30, "wrap"),
    ("Notes", 30, "wrap"),
)
HEADERS = tuple(c[0] for c in COLUMNS)

FOR_WHOM = {
    "xlsx": "For people: review and publish by hand. Not for a scheduler's import.",
    "csv": ("For reading only: it opens in Excel, but spreadsheets change number- and "
            "date-like text in a CSV (0012345, long post IDs, 1/2) and cells that could run as "
            "formulas start with an added '. Copy captions from the .xlsx."),
    "sprout": "For Sprout Social's bulk import only: text exact, do not edit in Excel.",
    "md": "For a chat message: the posts as readable text.",
    "ics": "For the team's calendar: scheduled posts as events.",
}

# Where to copy a caption from: the XLSX's cells hold the caption exactly (its formula guard is
# a cell format, not a character), the CSV's may start with the added '.
PASTE_COLUMN = "Full caption"
PASTE_NOTE = (f'The "{PASTE_COLUMN}" column is the exact text to paste into the platform '
              "(caption, blank line, hashtags). Copy it from this .xlsx, not from a CSV export.")


@dataclass
class SheetRow:
    post: Post
    values: tuple          # in COLUMNS order
    blocked: bool          # rights gate says no (and no override)


def rights_cell(rights) -> str:
    parts = []
    for c in rights.checks:
        until = f" until {c.expires}" if c.expires else ""
        flag = "" if c.decision.allowed else f" — {c.decision.reason}"
        parts.append(f"{c.name}: {c.rights_status}{until}{flag}")
    return "\n".join(parts)


def build_rows(catalog, posts: list[Post], today: dt.date | None = None) -> list[SheetRow]:
    """One SheetRow per post, in order: its COLUMNS values (text made `readable`, counts as
    ints), and whether the rights gate blocks it on the post's day."""
    rows = []
    photo_cache: dict[str, bool] = {}
    book = library_book(catalog)   # the library's rules, read once for the whole sheet
    for post in posts:
        rights = check_post(catalog, post, today)
        full = post.full_caption()
        report = post_report(catalog, post, CaptionContext(book=book, on=post.local_date),
                             cache=photo_cache, detail=False, full=full)
        when = post.scheduled
        credits = sorted({c.credit for c in rights.checks if c.credit})
        values = (
            post.id,
            NAMES.get(post.platform, post.platform),
            post.account,
            f"{when:%Y-%m-%d}" if when else "",
            zones.clock_label(when) if when else "",   # a repeated hour says which pass
            post.timezone,
            post.body,
            " ".join(post.hashtags),
            " ".join(post.mentions),
            full,
            report.length,
            report.limit,
            UNIT_NAMES[report.unit],
            len(report.hashtags),
            "yes" if report.within_limits else "no",
            "\n".join(readable(c.path or c.name) for c in rights.checks),  # a name, one line
            rights_cell(rights),
            rights.label,
            "\n".join(credits),
            post.status,
            post.first_comment,
            post.alt_text,
            post.notes,
        )
        # Every cell a person reads: valid UTF-8, no ESC or other control characters (one
        # search over the row's text first: nearly every row has none to replace)
        if not is_readable("\n".join(v for v in values if isinstance(v, str)), keep_newlines=True):
            values = tuple(readable(v, keep_newlines=True) if isinstance(v, str) else v
                           for v in values)
        rows.append(SheetRow(post, values, not rights.may_export))
    return rows


def export(catalog, posts: list[Post], path: str | Path, *, preset: str | None = None,
           force: bool = False, today: dt.date | None = None, **options):
    """Write `posts` to `path`, the format chosen by its extension (and `preset`).
    Returns an ExportResult (path, rows, for_whom, notes)."""
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    if preset:
        if preset != "sprout":
            from liveassets.atomic import ExportError
            raise ExportError(f'Unknown preset "{preset}": the one preset is sprout.')
        if ext != "csv":
            from liveassets.atomic import ExportError
            raise ExportError("The sprout preset writes a .csv file: name the output FILE.csv.")
        from liveassets.publish.sheets_csv import write_sprout_csv
        return write_sprout_csv(catalog, posts, path, force=force, today=today, **options)
    if ext == "xlsx":
        from liveassets.publish.sheets_xlsx import write_xlsx
        return write_xlsx(catalog, posts, path, force=force, today=today)
    if ext == "csv":
        from liveassets.publish.sheets_csv import write_people_csv
        return write_people_csv(catalog, posts, path, force=force, today=today)
    if ext in ("md", "markdown", "txt"):
        from liveassets.publish.sheets_md import write_markdown
        return write_markdown(catalog, posts, path, force=force, today=today)
    if ext == "ics":
        from liveassets.publish.calendar_ics import write_ics
        return write_ics(catalog, posts, path, force=force)
    from liveassets.atomic import ExportError
    raise ExportError(f"Cannot tell the format of {path.name}: name it .xlsx, .csv, .md or .ics.")


@dataclass
class ExportResult:
    path: Path
    rows: int
    for_whom: str
    notes: list[str]

    def summary(self) -> str:
        lines = [f"Wrote {self.rows} posts to {self.path}. {self.for_whom}"]
        return "\n".join(lines + self.notes)
