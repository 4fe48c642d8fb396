"""The weekly report as one self-contained HTML page: the charts (charts.py) and thumbnails are
inline data: URLs, so the file can be mailed or dropped into a chat alone. Every string that
came from a user or a platform (captions, account names, tags, URLs) is escaped with
`html.escape`, so a caption holding `<script>` is shown as text, never run; links are only made
from http(s) URLs."""

from __future__ import annotations

import base64
import html
import io

from liveassets import clock
from liveassets.analytics import charts as chart_builders
from liveassets.analytics import report_words as words
from liveassets.analytics.report_pdf import GROUP_HEADER, GROUP_NAMES, POSTS_SHOWN
from liveassets.analytics.report_posts import no_figures_lines, no_picture_text, thumbnail

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans",sans-serif;max-width:960px;
margin:2em auto;padding:0 1em;color:#202124}
h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #dadce0}
.muted{color:#5f6368;font-size:.9em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}
th,td{padding:.25em .5em;border-bottom:1px solid #eee}th{background:#e2e8f0;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
img.chart{width:100%;height:auto}
.post{display:flex;gap:1em;margin:.6em 0}.post img,.post .none{width:96px;height:96px;
object-fit:contain;background:#ececec;flex:none}.post .none{display:flex;align-items:center;
justify-content:center;color:#5f6368;font-size:.8em}
"""


HTML_GROUPS = 25   # rows per rollup table (the XLSX has them all)


def _e(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _table(header: list[str], rows: list[list[str]], text_columns: int = 1) -> str:
    head = "".join(f'<th{"" if i < text_columns else " class=n"}>{_e(h)}</th>'
                   for i, h in enumerate(header))
    body = "".join("<tr>" + "".join(f'<td{"" if i < text_columns else " class=n"}>{_e(v)}</td>'
                                    for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(fig) -> str:
    data = base64.b64encode(chart_builders.svg(fig)).decode("ascii")
    return f'<img class="chart" alt="" src="data:image/svg+xml;base64,{data}">'


def _link(url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}">{_e(url)}</a>'
    return _e(url)


def render(figures: dict, catalog=None, charts: bool = True) -> str:
    """The page as text (see the module docstring)."""
    zone = figures.get("zone") or clock.zone_name()
    title = f"Weekly report {figures.get('week', '')}".strip()
    written = clock.now().astimezone(words.zone_of(figures)).strftime("%a %d %b %Y %H:%M %Z")
    out = [f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{_e(title)}</title>"
           f"<style>{_STYLE}</style></head><body><h1>{_e(title)}</h1>",
           f"<p>{_e(words.week_line(figures))}</p>",
           f"<p class=muted>Written {written} by LiveAssets; every date and time in "
           f"{_e(zone)}.</p>"]
    if not words.has_figures(figures):
        out.append("<h2>No figures for this week</h2><p>Import the platforms' analytics "
                   "exports (liveassets stats import FILE, or Import analytics… in the Report "
                   "view), then make the report again.</p></body></html>")
        return "".join(out)
    out.append("<h2>What the numbers say</h2><ul>" + "".join(
        f"<li>{_e(s)}</li>" for s in figures.get("summary") or
        ["Too few figures this week for a statement."]) + "</ul>")
    out += [f"<p class=muted>Note: {_e(n)}</p>" for n in figures.get("notes") or []]
    out.append("<h2>Totals per platform and account</h2>")
    rows = []
    for key, p in sorted((figures.get("platforms") or {}).items()):
        prev = p.get("previous") or {}
        accounts = ", ".join("@" + str(a).lstrip("@") for a in p.get("accounts") or [])
        for label, source in ((f"{words.platform_name(key)} {accounts}".strip(), p),
                              ("week before", prev)):
            rows.append([label] + [(words.percent if k == "engagement_rate" else words.number)(
                source.get(k)) for k, _ in words.KPIS])
        rows.append(["change"] + [words.change(p.get(k), prev.get(k),
                                               rate=k == "engagement_rate")
                                  for k, _ in words.KPIS])
    out.append(_table(["Platform"] + [label for _, label in words.KPIS], rows))
    out.append(f"<p class=muted>{_e(words.denominator_line(figures))}</p>")
    paid = words.paid_groups(figures)
    if paid:
        out.append("<h2>Paid and organic posts</h2>")
        out.append(_table([GROUP_NAMES["paid"]] + GROUP_HEADER, [_group_cells(k, g)
                                                                 for k, g in paid.items()]))
        out += [f"<p class=muted>{_e(line)}</p>" for line in words.paid_lines(figures)]
    built = chart_builders.all_charts(figures) if charts else {}
    for name in ("views_per_day", "week_vs_previous", "top_posts"):
        if name in built:
            out.append(_chart(built[name]))
    for key, heading in (("top", "Top posts"), ("bottom", "Bottom posts"),
                         ("paid_posts", "Paid posts")):
        if key == "paid_posts" and not figures.get(key):
            continue
        out.append(f"<h2>{heading}</h2>")
        if key != "paid_posts" and words.ranking_line(figures):
            out.append(f"<p class=muted>{_e(words.ranking_line(figures))}</p>")
        for rank, post in enumerate((figures.get(key) or [])[:POSTS_SHOWN], 1):
            out.append(_post(rank, post, figures, catalog))
    out.append("<h2>What worked: figures by campaign, creator, content type and tags</h2>")
    for key, label in words.ROLLUPS:
        groups = figures.get(key) or {}
        if not groups:
            continue
        out.append(f"<h3>{_e(label)}</h3>")
        biggest = sorted(groups.items(), key=lambda kv: -((kv[1] or {}).get("views") or 0))
        rows = [_group_cells(k, g) for k, g in biggest[:HTML_GROUPS]]
        out.append(_table([GROUP_NAMES.get(key, "Group")] + GROUP_HEADER, rows))
        if len(groups) > HTML_GROUPS:
            out.append(f"<p class=muted>… and {len(groups) - HTML_GROUPS:,} more with fewer "
                       "views: every group is in the XLSX export's By tag sheet.</p>")
    out.append("<h2>Posting times against results</h2>")
    if "posting_hours" in built:
        out.append(_chart(built["posting_hours"]))
    hours = []
    for hour, g in sorted((figures.get("by_hour") or {}).items(),
                          key=lambda kv: int(kv[0]) if str(kv[0]).isdigit() else 99):
        n = g.get("posts") or 0
        hours.append([words.hour_label(hour), words.number(n), words.number(g.get("views")),
                      words.number(round((g.get("views") or 0) / n) if n else None),
                      words.percent(g.get("engagement_rate"))])
    out.append(_table([f"Hour ({zone})", "Posts", "Views", "Views per post", "Eng. rate"], hours))
    out.append("<h2>Posts published this week without figures yet</h2>")
    missing = no_figures_lines(figures, catalog)
    out.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in missing) + "</ul>" if missing
               else "<p>None: every post published this week has figures.</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _group_cells(name, g: dict) -> list[str]:
    return [name, words.number(g.get("posts")), words.number(g.get("views")),
            words.number(g.get("likes")), words.number(g.get("comments")),
            words.number(g.get("shares")), words.percent(g.get("engagement_rate"))]


def _post(rank: int, post: dict, figures: dict, catalog) -> str:
    im = thumbnail(catalog, post)
    if im is not None:
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=75)
        pic = (f'<img alt="" src="data:image/jpeg;base64,'
               f'{base64.b64encode(buf.getvalue()).decode("ascii")}">')
    else:
        pic = f'<div class="none">{_e(no_picture_text(post))}</div>'
    head = words.post_heading(rank, post, figures)
    caption = _e(post.get("caption") or "(no caption)").replace("\n", "<br>")
    url = str(post.get("url") or "")
    return (f'<div class="post">{pic}<div><b>{_e(head)}</b><br>{caption}<br>'
            f'<span class=muted>{_e(words.post_figures(post))}</span>'
            + (f"<br><span class=muted>{_link(url)}</span>" if url else "") + "</div></div>")


def write_html(figures: dict, dest, catalog=None, charts: bool = True) -> None:
    """Write the page (UTF-8) to `dest`, a binary file object or a path."""
    data = render(figures, catalog, charts).encode("utf-8")
    if hasattr(dest, "write"):
        dest.write(data)
    else:
        with open(dest, "wb") as fh:
            fh.write(data)
