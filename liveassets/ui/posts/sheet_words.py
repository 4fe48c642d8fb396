"""What the caption-sheet dialog says: the file kinds it offers, the core's preview reworded for
the window (post ids as short names, `--override-rights` as the dialog's tick), and the HTML of
its summary."""

from __future__ import annotations

import html as _html
import re

from liveassets.publish.posts import Post
from liveassets.publish.sheet_preview import Preview
from liveassets.publish.sheets import FOR_WHOM
from liveassets.shorten import shorten as shorten_text
from liveassets.ui.posts.panel import first_line


CHOICES = (
    ("xlsx", "Spreadsheet for people (XLSX)", (".xlsx",), "Excel workbook (*.xlsx)"),
    ("csv", "CSV for reading (spreadsheets may turn IDs and dates into numbers)", (".csv",),
     "CSV for Excel (*.csv)"),
    ("sprout", "CSV for Sprout Social bulk scheduling (text exact; max 350 posts, 10 min apart)",
     (".csv",), "CSV for Sprout Social (*.csv)"),
    ("md", "Markdown for a chat message (also copied to the clipboard)",
     (".md", ".markdown", ".txt"), "Markdown (*.md)"),
    ("ics", "Calendar file (.ics) for the team's calendar", (".ics",), "iCalendar (*.ics)"),
)
KINDS = {c[0]: c for c in CHOICES}
DEFAULT_NAMES = {"xlsx": "Caption sheet", "csv": "Caption sheet", "sprout": "Sprout import",
                 "md": "Posts", "ics": "Posts calendar"}
# The core's sentences name CLI flags; in the window the same advice points at the controls.
CLI_WORDS = (
    ("override explicitly with --override-rights REASON",
     "tick “Override the rights gate” below and give a reason"),
    ("Narrow the dates with --from/--to", "Narrow the dates (From, To)"),
    ("or pass --force to replace it", "or export again and choose to replace it"),
    ("pass --force to replace it", "export again and choose to replace it"),
)
MARKED = {  # what each file does with posts the rights gate flags
    "xlsx": "the sheet marks them.", "csv": "the sheet marks them.",
    "sprout": "Sprout's file takes them only when overridden.",
    "md": "the message marks them.", "ics": "each event says so.",
}
POST_ID = re.compile(r"\b[0-9a-f]{12}\b")
RED = "#e5534b"
AMBER = "#d29922"
_last_folder: str | None = None  # where the last sheet went, for this session


def window_words(message: str, posts: dict[str, Post] | None = None) -> str:
    """A core message with CLI advice turned into the dialog's, post ids into caption starts."""
    for cli, ui in CLI_WORDS:
        message = message.replace(cli, ui)
    if posts:
        message = POST_ID.sub(lambda m: f"“{first_line(posts[m.group()], 32)}”"
                              if m.group() in posts else m.group(), message)
    return message


def esc(text: str) -> str:
    return _html.escape(text, quote=False)


def shorten(line: str, width: int = 400) -> str:
    """A note listing hundreds of post ids would push the buttons off the screen."""
    return shorten_text(line, width)


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


def summary_html(p: Preview) -> str:
    """The summary lines: counts, rights, conflicts, and which file is for whom."""
    n = len(p.posts)
    if p.kind == "ics":
        left = f" ({plural(p.unscheduled, 'post')} without a date left out)" if p.unscheduled else ""
        events = n - p.unscheduled
        lines = [f"<b>{plural(events, 'scheduled post')}</b> "
                 f"{'becomes an event' if events == 1 else 'become events'}{left}."]
    else:
        lines = [f"<b>{plural(n, 'post')}</b>"
                 + (f", {p.unscheduled:,} not scheduled yet." if p.unscheduled else ".")]
    if p.flagged:
        done = f" ({p.overridden:,} overridden)" if p.overridden else ""
        lines.append(f"<span style='color:{AMBER}'>⚠ {plural(p.flagged, 'post')} flagged by the "
                     f"rights gate{done}</span> — {MARKED[p.kind]}")
    elif n:
        lines.append("Rights: every post is cleared.")
    if p.to_override:
        lines.append(f"The rights gate is overridden for {plural(len(p.to_override), 'post')}: "
                     "your name and the reason are recorded on each once the file is written.")
    if p.conflicts:
        first = p.conflicts[0]
        lines.append(f"<span style='color:{AMBER}'>⚠ {plural(len(p.conflicts), 'conflict')}: "
                     f"posts under 10 minutes apart on one account</span> (e.g. "
                     f"{esc(first.platform)} {esc(first.account or '(no account)')}"
                     f", {first.minutes:g} min).")
    lines.append(f"<i>{esc(FOR_WHOM[p.kind])}</i>")
    return "<br>".join(lines)
