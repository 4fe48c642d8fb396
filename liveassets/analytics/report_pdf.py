"""The weekly report as a PDF document (fpdf2): real, searchable text drawn for every script
and emoji (media/pdf_fonts.py, the contact sheet's fallback chain), the team's zone named with
every date, the KPI table per platform and account against the week before, the charts
(charts.py, embedded as PNG), top and bottom posts with their thumbnails, captions and figures,
the rollups, posting hours against results, the week's posts without figures, and the summary
lines weekly.py generated from the figures (nothing here invents prose).

A4 portrait, 15 mm margins; pages are broken by hand (`_Writer.room`) so a table row, a post or
a chart never splits across pages."""

from __future__ import annotations

import io

from PIL import Image

from liveassets import clock
from liveassets.analytics import charts as chart_builders
from liveassets.analytics import report_words as words
from liveassets.analytics.report_posts import no_figures_lines, no_picture_text, thumbnail
from liveassets.media.pdf_fonts import PdfFonts
from liveassets.safe_paths import readable

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 15.0
WIDTH = PAGE_W - 2 * MARGIN
FOOT = 10.0                 # the footer's band at the bottom of each page
THUMB_MM = 24.0             # a post's thumbnail box
POSTS_SHOWN = 5             # top and bottom posts listed
HEAD_FILL = (226, 232, 240)
ROW_FILL = (246, 248, 250)
GREY = 110


def _jpeg(im: Image.Image) -> io.BytesIO:
    out = io.BytesIO()
    im.save(out, "JPEG", quality=75, optimize=True)
    out.seek(0)
    return out


class _Writer:
    """Page flow for one report: headings, text lines, tables, pictures."""

    def __init__(self, pdf, fonts: PdfFonts, footer: str):
        self.pdf, self.fonts, self.footer = pdf, fonts, footer

    def page(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        self.fonts.use(7.5)
        pdf.set_text_color(GREY)
        pdf.set_xy(MARGIN, PAGE_H - MARGIN + 3)
        pdf.cell(WIDTH - 25, 4, self.footer)
        pdf.cell(25, 4, f"page {pdf.page_no()} of {{nb}}", align="R")
        pdf.set_text_color(0)
        pdf.set_xy(MARGIN, MARGIN)

    def room(self, height: float) -> None:
        """A new page unless `height` mm fit above the footer."""
        if self.pdf.get_y() + height > PAGE_H - MARGIN - FOOT + 5:
            self.page()

    def gap(self, mm: float) -> None:
        self.pdf.set_y(self.pdf.get_y() + mm)

    def heading(self, text: str, size: float = 13) -> None:
        self.room(22)   # a heading never ends a page alone
        self.gap(3)
        self.pdf.set_x(MARGIN)
        self.fonts.line(text, size, WIDTH, 8, bold=True)
        self.pdf.ln(8)

    def text(self, text: str, size: float = 9.5, colour: int = 0, bold: bool = False,
             indent: float = 0.0, height: float = 5.0, hang: float = 0.0) -> None:
        """A paragraph wrapped at word boundaries; lines after the first indented by `hang`
        (a bullet's width)."""
        self.pdf.set_text_color(colour)
        width = WIDTH - indent
        for n, line in enumerate(_wrap(self.fonts, text, size, width, bold, hang)):
            self.room(height)
            self.pdf.set_x(MARGIN + indent + (hang if n else 0))
            self.fonts.line(line, size, width - (hang if n else 0), height, bold=bold)
            self.pdf.ln(height)
        self.pdf.set_text_color(0)

    def table(self, header: list[str], rows: list[list[str]], widths: list[float],
              text_columns: int = 1, size: float = 8.0, shade: list[bool] | None = None) -> None:
        """A grid: the first `text_columns` columns left-aligned text (any script, fitted),
        the rest right-aligned figures; the header repeats after a page break."""
        pdf, fonts = self.pdf, self.fonts
        height = 5.6

        head_h = 8.0   # two lines of header: "Net followers", "Engagement rate"

        def head() -> None:
            pdf.set_fill_color(*HEAD_FILL)
            y = pdf.get_y()
            pdf.rect(MARGIN, y, sum(widths), head_h, style="F")
            fonts.use(size - 1, bold=True)
            x = MARGIN
            for i, (name, w) in enumerate(zip(header, widths)):
                lines = _wrap(fonts, name, size - 1, w - 2, bold=True)[:2]
                top = y + (head_h - 3.6 * len(lines)) / 2
                for n, line in enumerate(lines):
                    pdf.set_xy(x + 1, top + 3.6 * n)
                    pdf.cell(w - 2, 3.6, line, align="L" if i < text_columns else "R")
                x += w
            pdf.set_xy(MARGIN, y + head_h)

        self.room(head_h + 2 * height)
        head()
        for n, row in enumerate(rows):
            if pdf.get_y() + height > PAGE_H - MARGIN - FOOT + 5:
                self.page()
                head()
            fill = shade[n] if shade is not None else n % 2 == 1
            pdf.set_fill_color(*ROW_FILL)
            x = MARGIN
            y = pdf.get_y()
            if fill:
                pdf.rect(x, y, sum(widths), height, style="F")
            for i, (value, w) in enumerate(zip(row, widths)):
                pdf.set_xy(x + 1, y)
                if i < text_columns:
                    fonts.line(fonts.fit(str(value), size, w - 2), size, w - 2, height)
                else:
                    fonts.use(size)
                    _figure_cell(pdf, w - 2, height, str(value))
                x += w
            pdf.set_xy(MARGIN, y + height)

    def picture(self, data: bytes | io.BytesIO, width: float, height: float) -> None:
        self.room(height + 2)
        y = self.pdf.get_y()
        self.pdf.image(data if isinstance(data, io.BytesIO) else io.BytesIO(data),
                       MARGIN, y, width, height)
        self.pdf.set_y(y + height + 2)


def _figure_cell(pdf, width: float, height: float, text: str) -> None:
    """A right-aligned figure ("65,497", "+7.5 %", "–"): drawn without HarfBuzz shaping,
    which digits never need and which took ~1 ms a cell (a third of a 2,000-post report's
    PDF time, measured with cProfile)."""
    shaping, pdf.text_shaping = pdf.text_shaping, None
    try:
        pdf.cell(width, height, text, align="R")
    finally:
        pdf.text_shaping = shaping


def _texts(figures: dict, extra: list[str]) -> list[str]:
    """Every string the document draws that may need a fallback font."""
    out = list(figures.get("summary") or []) + extra
    for key in ("top", "bottom", "paid_posts"):   # the posts drawn (not all of "posts": 2,000
        for p in (figures.get(key) or [])[:POSTS_SHOWN]:   # captions took seconds to scan)
            out += [str(p.get("caption") or ""), str(p.get("account") or "")]
    for key, _ in words.ROLLUPS:
        out += [str(k) for k in _biggest(figures.get(key) or {})]
    for p in (figures.get("platforms") or {}).values():
        out += [str(a) for a in p.get("accounts") or []]
    return out


def write_pdf(figures: dict, dest, catalog=None, charts: bool = True) -> int:
    """Write the report for `figures` (weekly.py's dict) to `dest` (a path or binary file);
    returns the page count. `catalog` gives post thumbnails and the captions of posts without
    figures (None: neither). `charts=False` leaves the charts out (the benchmark's baseline)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.c_margin = 0
    title = f"Weekly report {figures.get('week', '')}".strip()
    pdf.set_title(title)
    pdf.set_creator("LiveAssets")
    pdf.set_producer("LiveAssets")
    pdf.set_creation_date(clock.now())
    missing = no_figures_lines(figures, catalog)
    fonts = PdfFonts(pdf, _texts(figures, missing))
    if fonts.chains is None:
        # the contact sheet falls back to a Latin-only core font; a report's captions, dashes
        # and bullets would fail in it part-way, so say what is wrong instead
        from liveassets.atomic import ExportError
        from liveassets.media.text import fonts as text_fonts

        try:
            text_fonts(False)
        except OSError as exc:
            raise ExportError(f"The report cannot be drawn: {exc}") from None
        raise ExportError("The report cannot be drawn: the bundled font is missing; "
                          "reinstall LiveAssets.")
    zone = figures.get("zone") or clock.zone_name()
    w = _Writer(pdf, fonts, f"{title} · every date and time in {zone}")
    w.page()
    fonts.line(title, 18, WIDTH, 10, bold=True)
    pdf.ln(10)
    w.text(words.week_line(figures), 10.5)
    written = clock.now().astimezone(words.zone_of(figures))
    w.text(f"Written {written:%a %d %b %Y %H:%M %Z} by LiveAssets", 8.5, colour=GREY)

    if not words.has_figures(figures):
        w.heading("No figures for this week")
        w.text("Import the platforms' analytics exports (liveassets stats import FILE, or "
               "Import analytics… in the Report view), then make the report again.")
        pdf.output(dest)
        return pdf.pages_count

    w.heading("What the numbers say")
    for line in figures.get("summary") or ["Too few figures this week for a statement."]:
        w.text(f"• {line}", 10, hang=3.2)
    for line in figures.get("notes") or []:
        w.text(f"Note: {line}", 8, colour=GREY)

    _kpis(w, figures)
    _paid(w, figures)
    chart_figs = chart_builders.all_charts(figures) if charts else {}
    for name in ("views_per_day", "week_vs_previous"):
        if name in chart_figs:
            _chart(w, chart_figs[name])
    _posts(w, figures, catalog, "top", "Top posts", chart_figs.get("top_posts"))
    _posts(w, figures, catalog, "bottom", "Bottom posts", None)
    if figures.get("paid_posts"):
        _posts(w, figures, catalog, "paid_posts", "Paid posts", None)
    _rollups(w, figures)
    _hours(w, figures, chart_figs.get("posting_hours"))
    w.heading("Posts published this week without figures yet")
    if missing:
        for line in missing:
            w.text(f"• {line}", 9, hang=3.0)
    else:
        w.text("None: every post published this week has figures.", 9)
    pdf.output(dest)
    return pdf.pages_count


def _kpis(w: _Writer, figures: dict) -> None:
    w.heading("Totals per platform and account")
    header = ["Platform", "Week"] + [label.replace("Engagement", "Eng.")
                                     for _, label in words.KPIS]
    widths = [24.0, 20.0] + [(WIDTH - 44.0) / len(words.KPIS)] * len(words.KPIS)
    rows, shade = [], []
    for n, (key, p) in enumerate(sorted((figures.get("platforms") or {}).items())):
        prev = p.get("previous") or {}
        accounts = ", ".join("@" + a.lstrip("@") for a in p.get("accounts") or [])
        name = words.platform_name(key)
        this = [name, "this week"]
        before = [accounts or "", "week before"]
        delta = ["", "change"]
        for k, _ in words.KPIS:
            rate = k == "engagement_rate"
            fmt = words.percent if rate else words.number
            this.append(fmt(p.get(k)))
            before.append(fmt(prev.get(k)))
            delta.append(words.change(p.get(k), prev.get(k), rate=rate))
        rows += [this, before, delta]
        shade += [n % 2 == 1] * 3
        accounts_figures = p.get("by_account") or {}
        if len(accounts_figures) > 1:
            for account, figs in sorted(accounts_figures.items()):
                rows.append([f"  @{str(account).lstrip('@')}", "this week"] + [
                    (words.percent if k == "engagement_rate" else words.number)(figs.get(k))
                    for k, _ in words.KPIS])
                shade.append(n % 2 == 1)
    w.table(header, rows, widths, text_columns=2, shade=shade)
    w.gap(1)
    w.text(words.denominator_line(figures) + " Net followers: followers gained minus lost. "
           "'–': the platform does not give it.", 8, colour=GREY)


def _chart(w: _Writer, fig) -> None:
    width_in, height_in = fig.get_size_inches()
    height = WIDTH * height_in / width_in
    w.picture(chart_builders.png(fig), WIDTH, height)


def _posts(w: _Writer, figures: dict, catalog, key: str, title: str, chart) -> None:
    posts = (figures.get(key) or [])[:POSTS_SHOWN]
    w.heading(title)
    if key in ("top", "bottom") and words.ranking_line(figures):
        w.text(words.ranking_line(figures), 8, colour=GREY)
    if not posts:
        w.text("No post figures this week.", 9)
        return
    if chart is not None:
        _chart(w, chart)
    pdf, fonts = w.pdf, w.fonts
    text_x = MARGIN + THUMB_MM + 4
    text_w = WIDTH - THUMB_MM - 4
    for rank, post in enumerate(posts, 1):
        w.room(THUMB_MM + 3)
        y = pdf.get_y()
        pdf.set_fill_color(236, 236, 236)
        pdf.rect(MARGIN, y, THUMB_MM, THUMB_MM, style="F")
        im = thumbnail(catalog, post)
        if im is not None:
            scale = THUMB_MM / max(im.size)
            iw, ih = im.width * scale, im.height * scale
            pdf.image(_jpeg(im), MARGIN + (THUMB_MM - iw) / 2, y + (THUMB_MM - ih) / 2, iw, ih)
        else:
            pdf.set_text_color(GREY)
            lines = _wrap(fonts, no_picture_text(post), 6.5, THUMB_MM - 2)[:3]
            top = y + (THUMB_MM - 3.2 * len(lines)) / 2
            for n, line in enumerate(lines):
                pdf.set_xy(MARGIN + 1, top + 3.2 * n)
                fonts.use(6.5)
                pdf.cell(THUMB_MM - 2, 3.2, line, align="C")
            pdf.set_text_color(0)
        head = words.post_heading(rank, post, figures)
        pdf.set_xy(text_x, y)
        fonts.line(fonts.fit(head, 9.5, text_w, True), 9.5, text_w, 5, bold=True)
        first, rest = _two_lines(fonts, readable(str(post.get("caption") or "(no caption)")),
                                 9, text_w)
        for i, line in enumerate((first, rest)):
            if line:
                pdf.set_xy(text_x, y + 5.5 + i * 4.6)
                fonts.line(line, 9, text_w, 4.6)
        pdf.set_xy(text_x, y + 15.5)
        pdf.set_text_color(40)
        fonts.line(fonts.fit(words.post_figures(post), 8.5, text_w), 8.5, text_w, 4.4)
        if post.get("url"):
            pdf.set_text_color(GREY)
            pdf.set_xy(text_x, y + 20)
            fonts.line(fonts.fit(str(post["url"]), 7, text_w), 7, text_w, 3.8)
        pdf.set_text_color(0)
        pdf.set_xy(MARGIN, y + THUMB_MM + 3)


def _wrap(fonts: PdfFonts, text: str, size: float, width: float, bold: bool = False,
          hang: float = 0.0) -> list[str]:
    """`text` as lines of whole words fitting `width` mm (later lines `hang` mm narrower); a
    word longer than a line (a URL, text without spaces) is cut to fit with an ellipsis."""
    lines: list[str] = []
    line = ""
    for word in " ".join(readable(str(text)).split()).split(" "):
        room = width - (hang if lines else 0)
        trial = f"{line} {word}".strip()
        if fonts.width(trial, size, bold) <= room:
            line = trial
            continue
        if line:
            lines.append(line)
            room = width - hang
        line = word if fonts.width(word, size, bold) <= room else fonts.fit(word, size, room,
                                                                             bold)
    if line or not lines:
        lines.append(line)
    return lines


def _two_lines(fonts: PdfFonts, text: str, size: float, width: float) -> tuple[str, str]:
    """`text` over at most two lines: whole words on the first, the rest fitted on the second
    (with an ellipsis when cut); a first word too long for a line is cut there."""
    text = " ".join(text.split())
    if fonts.width(text, size) <= width:
        return text, ""
    words_ = text.split(" ")
    first = ""
    for i, word in enumerate(words_):
        trial = f"{first} {word}".strip()
        if fonts.width(trial, size) > width:
            if not first:
                return fonts.fit(text, size, width), ""
            return first, fonts.fit(" ".join(words_[i:]), size, width)
        first = trial
    return first, ""


GROUPS_SHOWN = 12   # rows per rollup table; 2,000 posts' hashtags made 80 pages


def _biggest(groups: dict) -> list[tuple]:
    """The GROUPS_SHOWN groups with the most views, biggest first."""
    return sorted(groups.items(), key=lambda kv: -((kv[1] or {}).get("views") or 0)
                  )[:GROUPS_SHOWN]


def _group_row(name: str, g: dict) -> list[str]:
    return [name, words.number(g.get("posts")), words.number(g.get("views")),
            words.number(g.get("likes")), words.number(g.get("comments")),
            words.number(g.get("shares")), words.percent(g.get("engagement_rate"))]


GROUP_HEADER = ["Posts", "Views", "Likes", "Comments", "Shares", "Eng. rate"]
GROUP_WIDTHS = [66.0] + [19.0] * 6
GROUP_NAMES = {"by_campaign": "Campaign", "by_creator": "Creator",
               "by_content_type": "Content type", "by_hashtag": "Hashtag", "by_tag": "Tag",
               "paid": "Platform · paid or organic"}


def _paid(w: _Writer, figures: dict) -> None:
    """The posts' figures split organic and paid (only when a post was paid)."""
    groups = words.paid_groups(figures)
    if not groups:
        return
    w.heading("Paid and organic posts")
    w.table([GROUP_NAMES["paid"]] + GROUP_HEADER,
            [_group_row(name, g) for name, g in groups.items()], GROUP_WIDTHS)
    w.gap(1)
    for line in words.paid_lines(figures):
        w.text(line, 8, colour=GREY)


def _rollups(w: _Writer, figures: dict) -> None:
    groups = [(key, label) for key, label in words.ROLLUPS if figures.get(key)]
    w.heading("What worked: figures by campaign, creator, content type and tags")
    if not groups:
        w.text("No post figures this week to group.", 9)
        return
    for key, label in groups:
        everything = figures.get(key) or {}
        rows = _biggest(everything)
        w.room(32)   # the label, the header and two rows stay together
        w.text(label, 10, bold=True, height=6)
        w.table([GROUP_NAMES.get(key, "Group")] + GROUP_HEADER,
                [_group_row(str(k), g or {}) for k, g in rows], GROUP_WIDTHS)
        if len(everything) > len(rows):
            w.text(f"… and {len(everything) - len(rows):,} more with fewer views: every group "
                   "is in the XLSX export's By tag sheet.", 8, colour=GREY)
        w.gap(2)


def _hours(w: _Writer, figures: dict, chart) -> None:
    by_hour = figures.get("by_hour") or {}
    w.heading("Posting times against results")
    if not by_hour:
        w.text("No post figures this week to compare posting times.", 9)
        return
    if chart is not None:
        _chart(w, chart)
    zone = figures.get("zone") or clock.zone_name()

    def hour_key(item):
        try:
            return int(item[0])
        except (TypeError, ValueError):
            return 99
    rows = []
    for hour, g in sorted(by_hour.items(), key=hour_key):
        posts = g.get("posts") or 0
        avg = (g.get("views") or 0) / posts if posts else None
        rows.append([words.hour_label(hour), words.number(posts), words.number(g.get("views")),
                     words.number(round(avg) if avg is not None else None),
                     words.percent(g.get("engagement_rate"))])
    w.table([f"Hour ({zone})", "Posts", "Views", "Views per post", "Eng. rate"], rows,
            [66.0, 28.5, 28.5, 28.5, 28.5])
