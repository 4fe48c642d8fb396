"""The week's posts as Markdown for a chat message: grouped by day, time, platform, account,
the caption as a quote, and a rights warning where the gate says no."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from liveassets.atomic import write_atomic
from liveassets.publish import zones
from liveassets.publish.gate import check_post
from liveassets.publish.platforms import NAMES
from liveassets.publish.sheets import FOR_WHOM, ExportResult


def render_markdown(catalog, posts, today: dt.date | None = None) -> str:
    lines: list[str] = []
    day = object()
    for post in posts:
        this_day = post.local_date
        if this_day != day:
            day = this_day
            lines += ["", f"### {this_day:%a} {this_day.day} {this_day:%b %Y}" if this_day
                      else "### Not scheduled yet", ""]
        when = f"{zones.clock_label(post.scheduled)} " if post.scheduled else ""
        zone = f" ({post.timezone})" if post.scheduled else ""
        account = f" {post.account}" if post.account else ""
        lines.append(f"**{when}{NAMES.get(post.platform, post.platform)}{account}**{zone} · "
                     f"{post.status} · `{post.id}`")
        for text_line in post.full_caption().splitlines() or [""]:
            lines.append(f"> {text_line}" if text_line else ">")
        rights = check_post(catalog, post, today)
        if not rights.cleared:
            lines.append(f"⚠️ Rights: {rights.label}")
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def write_markdown(catalog, posts, path: str | Path, *, force: bool = False,
                   today: dt.date | None = None) -> ExportResult:
    text = render_markdown(catalog, posts, today)

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    return ExportResult(write_atomic(path, write, force=force, catalog=catalog), len(posts), FOR_WHOM["md"], [])
