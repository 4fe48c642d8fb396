"""The weekly report's figures as an Excel workbook (XlsxWriter) for people who chart or pivot
them further: Summary (the week, per platform this week / week before / change, the summary
lines), Posts (one row per post with its figures), By tag (every rollup: campaign, creator,
content type, tag, posting hour) and Daily (one row per platform and day).

Figures are numbers (never text that looks like one), rates are fractions shown with a percent
format, days are dates and publish times are date-times on the team zone's wall clock (a cell
has no zone: the header names it). Text cells go through the caption sheet's rules
(publish/sheets_xlsx.py `clean`, cells.py): nothing a caption holds turns into a formula."""

from __future__ import annotations

import datetime as dt
import io

from liveassets import clock
from liveassets.analytics import report_words as words
from liveassets.cells import fit_excel, starts_like_formula
from liveassets.publish.sheets_xlsx import _OPTIONS, clean

SHEETS = ("Summary", "Posts", "By tag", "Daily")
_ROLLUP_KINDS = (("by_campaign", "campaign"), ("by_creator", "creator"),
                 ("by_content_type", "content type"), ("by_hashtag", "hashtag"),
                 ("by_tag", "tag"), ("by_hour", "hour"),
                 ("paid", "paid or organic"))   # report_words.paid_groups, not a rollup


class _Book:
    def __init__(self, book):
        self.book = book
        self.head = book.add_format({"bold": True, "bg_color": "#E2E8F0", "text_wrap": True,
                                     "valign": "top"})
        self.text = book.add_format({"valign": "top"})
        self.guard = book.add_format({"valign": "top", "num_format": "@", "quote_prefix": True})
        self.int = book.add_format({"num_format": "#,##0", "valign": "top"})
        self.pct = book.add_format({"num_format": "0.0%", "valign": "top"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
        self.time = book.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"})
        self.title = book.add_format({"bold": True, "font_size": 14})

    def put(self, ws, r: int, c: int, value, kind: str = "auto") -> None:
        """One cell: None stays empty; numbers as numbers (kind "pct" as a percent); dates
        and times as Excel dates; anything else as text that stays text."""
        if value is None or value == "":
            return
        if kind == "date":
            ws.write_datetime(r, c, value, self.date)
        elif kind == "time":
            ws.write_datetime(r, c, value, self.time)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, self.text)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, self.pct if kind == "pct" else self.int)
        else:
            text, _ = fit_excel(clean(str(value)))
            ws.write_string(r, c, text, self.guard if starts_like_formula(text) else self.text)

    def header(self, ws, names: list[str], widths: list[float]) -> None:
        for c, (name, width) in enumerate(zip(names, widths)):
            ws.write_string(0, c, name, self.head)
            ws.set_column(c, c, width)
        ws.freeze_panes(1, 0)


def _summary(b: _Book, figures: dict) -> None:
    ws = b.book.add_worksheet("Summary")
    zone = figures.get("zone") or clock.zone_name()
    ws.write_string(0, 0, f"Weekly report {figures.get('week', '')}", b.title)
    rows = [("Week", figures.get("week")), ("From", figures.get("from")),
            ("To", figures.get("to")), ("Time zone", zone)]
    for r, (label, value) in enumerate(rows, 1):
        ws.write_string(r, 0, label, b.head)
        if label in ("From", "To") and value:
            b.put(ws, r, 1, dt.date.fromisoformat(value), "date")
        else:
            b.put(ws, r, 1, value)
    r = len(rows) + 2
    names = ["Platform", "Accounts", "Week"] + [label for _, label in words.KPIS]
    for c, name in enumerate(names):
        ws.write_string(r, c, name, b.head)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 18)
    ws.set_column(2, 2, 12)
    ws.set_column(3, 2 + len(words.KPIS), 14)
    for key, p in sorted((figures.get("platforms") or {}).items()):
        prev = p.get("previous") or {}
        for week, source in (("this week", p), ("week before", prev)):
            r += 1
            b.put(ws, r, 0, words.platform_name(key))
            b.put(ws, r, 1, ", ".join(str(a) for a in p.get("accounts") or []))
            b.put(ws, r, 2, week)
            for c, (k, _) in enumerate(words.KPIS, 3):
                b.put(ws, r, c, source.get(k), "pct" if k == "engagement_rate" else "auto")
        r += 1
        b.put(ws, r, 0, words.platform_name(key))
        b.put(ws, r, 2, "change")
        for c, (k, _) in enumerate(words.KPIS, 3):
            now, before = p.get(k), prev.get(k)
            if now is None or before is None:
                continue
            if k == "engagement_rate":
                b.put(ws, r, c, now - before, "pct")
            elif before:
                b.put(ws, r, c, (now - before) / abs(before), "pct")
    r += 2
    b.put(ws, r, 0, words.denominator_line(figures))
    r += 2
    ws.write_string(r, 0, "What the numbers say", b.head)
    paid = words.paid_lines(figures) + ([words.ranking_line(figures)]
                                        if words.ranking_line(figures) else [])
    for line in (figures.get("summary") or []) + paid + [f"Note: {n}" for n in
                                                         figures.get("notes") or []]:
        r += 1
        b.put(ws, r, 0, line)


POST_COLUMNS = (("post_id", "Library post", 14, "auto"), ("platform", "Platform", 10, "auto"),
                ("account", "Account", 14, "auto"),
                ("platform_post_id", "Platform post ID", 22, "auto"), ("url", "Link", 30, "auto"),
                ("caption", "Caption", 50, "auto"), ("published_at", "Published", 17, "time"),
                ("views", "Views", 10, "auto"), ("likes", "Likes", 9, "auto"),
                ("comments", "Comments", 9, "auto"), ("shares", "Shares", 9, "auto"),
                ("saves", "Saves", 9, "auto"), ("engagement_rate", "Engagement rate", 10, "pct"),
                ("tags", "Tags", 30, "auto"), ("match", "Matched by", 10, "auto"),
                ("figures", "Figures", 10, "auto"), ("paid_label", "Paid or organic", 18, "auto"),
                ("paid_source", "Paid: said by", 12, "auto"),
                ("paid_views", "Paid views (export)", 12, "auto"))


def _posts(b: _Book, figures: dict) -> None:
    ws = b.book.add_worksheet("Posts")
    zone = figures.get("zone") or clock.zone_name()
    names = [f"Published ({zone})" if key == "published_at" else label
             for key, label, _, _ in POST_COLUMNS]
    b.header(ws, names, [w for _, _, w, _ in POST_COLUMNS])
    for r, post in enumerate(figures.get("posts") or [], 1):
        for c, (key, _, _, kind) in enumerate(POST_COLUMNS):
            value = post.get(key)
            if key == "published_at":
                value = words.local_naive(value, figures)
            elif key == "platform" and value:
                value = words.platform_name(value)
            elif key == "paid_label" and not value:
                value = "not marked"
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            b.put(ws, r, c, value, kind)
    if figures.get("posts"):
        ws.autofilter(0, 0, len(figures["posts"]), len(POST_COLUMNS) - 1)


def _by_tag(b: _Book, figures: dict) -> None:
    ws = b.book.add_worksheet("By tag")
    b.header(ws, ["Group by", "Name", "Posts", "Views", "Likes", "Comments", "Shares",
                  "Engagement rate"], [16, 30, 9, 12, 10, 10, 10, 12])
    r = 0
    for key, kind in _ROLLUP_KINDS:
        groups = words.paid_groups(figures) if key == "paid" else figures.get(key) or {}
        for name, g in sorted(groups.items(), key=lambda kv: -((kv[1] or {}).get("views") or 0)):
            g = g or {}
            r += 1
            b.put(ws, r, 0, kind)
            b.put(ws, r, 1, words.hour_label(name) if key == "by_hour" else str(name))
            for c, k in enumerate(("posts", "views", "likes", "comments", "shares"), 2):
                b.put(ws, r, c, g.get(k))
            b.put(ws, r, 7, g.get("engagement_rate"), "pct")
    if r:
        ws.autofilter(0, 0, r, 7)


DAILY_KEYS = ("views", "likes", "comments", "shares", "saves", "profile_views",
              "followers_net")


def _daily(b: _Book, figures: dict) -> None:
    ws = b.book.add_worksheet("Daily")
    zone = figures.get("zone") or clock.zone_name()
    b.header(ws, ["Platform", f"Day ({zone})", "Views", "Likes", "Comments", "Shares", "Saves",
                  "Profile views", "Net followers"], [12, 14, 11, 10, 10, 10, 10, 12, 12])
    r = 0
    for platform, rows in sorted((figures.get("daily") or {}).items()):
        for row in sorted(rows, key=lambda x: x.get("date") or ""):
            r += 1
            b.put(ws, r, 0, words.platform_name(platform))
            try:
                b.put(ws, r, 1, dt.date.fromisoformat(row["date"]), "date")
            except (KeyError, TypeError, ValueError):
                b.put(ws, r, 1, row.get("date"))
            for c, k in enumerate(DAILY_KEYS, 2):
                b.put(ws, r, c, row.get(k))


def write_xlsx(figures: dict, dest, catalog=None, charts: bool = True) -> None:
    """Write the workbook to `dest` (a binary file object or a path). `catalog` and `charts`
    are accepted for outputs.write_report's one signature (a workbook holds figures only)."""
    import xlsxwriter
    import xlsxwriter.exceptions

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, _OPTIONS)
    book.set_properties({"title": f"Weekly report {figures.get('week', '')}",
                         "author": "LiveAssets",
                         "created": clock.now().astimezone(dt.timezone.utc).replace(tzinfo=None)})
    b = _Book(book)
    _summary(b, figures)
    _posts(b, figures)
    _by_tag(b, figures)
    _daily(b, figures)
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as exc:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
        raise (cause or OSError(str(exc))) from None
    if hasattr(dest, "write"):
        dest.write(buffer.getvalue())
    else:
        with open(dest, "wb") as fh:
            fh.write(buffer.getvalue())
