"""The weekly report's charts as matplotlib Figures: views per day, the week against the week
before, top posts, and posting hour against views. One builder per chart, used by the PDF, the
HTML page (as PNG/SVG) and the window (the same Figure on a FigureCanvasQTAgg), so what the
window shows is what is sent. Figures are made with `matplotlib.figure.Figure`, never pyplot:
no global state, no GUI backend in the core, and a worker thread may render its own figures
(matplotlib's "Embedding in a web application server" recipe)."""

from __future__ import annotations

import datetime as dt
import io

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from liveassets.analytics import report_words as words

# Colours per platform (colour-blind friendly Okabe-Ito hues), the week before in grey.
PLATFORM_COLOURS = {"tiktok": "#0072B2", "instagram": "#CC79A7", "youtube": "#D55E00"}
OTHER_COLOURS = ("#009E73", "#E69F00", "#56B4E9", "#F0E442")
PREVIOUS = "#9AA0A6"
LIGHT = {"bg": "#FFFFFF", "fg": "#202124", "grid": "#DADCE0"}
DARK = {"bg": "#1E1F22", "fg": "#E8EAED", "grid": "#3C4043"}


def colour(platform: str, i: int = 0) -> str:
    return PLATFORM_COLOURS.get(platform, OTHER_COLOURS[i % len(OTHER_COLOURS)])


def _thousands(value, _pos=None) -> str:
    value = float(value)
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if abs(value) >= 1_000:
        return f"{value / 1_000:.0f}K" if value % 1000 == 0 else f"{value / 1_000:.1f}K"
    return f"{value:.0f}"


def fit_margins(fig: Figure, left: float | None = None) -> None:
    """Set `fig`'s margins in inches for its current size: `left` (kept for later calls, e.g.
    on a resize) for the value labels, 0.15 right, 0.5 bottom, 0.35 top; the left margin is
    at most 0.6 of the width."""
    if left is not None:
        fig._liveassets_left = left
    w, h = fig.get_size_inches()
    left = getattr(fig, "_liveassets_left", 0.55)
    fig.subplots_adjust(left=min(0.6, left / w), right=1 - 0.15 / w, bottom=0.5 / h,
                        top=1 - 0.35 / h)


def _figure(size: tuple[float, float], theme: dict, title: str, values: str = "y",
            left: float = 0.55):
    """A figure with one axes; margins fixed in inches (`left` for the value labels): a
    layout engine draws every figure twice (constrained layout: 0.82 s against 0.59 s for the
    four charts at 150 dpi, measured on 2 cores at load 1)."""
    fig = Figure(figsize=size, dpi=100, facecolor=theme["bg"])
    fit_margins(fig, left)
    # the window's canvas resizes the figure to its width: keep the margins in inches then
    fig.canvas.mpl_connect("resize_event", lambda event: fit_margins(event.canvas.figure))
    ax = fig.add_subplot()
    ax.set_facecolor(theme["bg"])
    ax.set_title(title, color=theme["fg"], loc="left", fontsize=11, fontweight="bold")
    ax.tick_params(colors=theme["fg"], labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme["grid"])
    ax.grid(axis=values, color=theme["grid"], linewidth=0.6)
    ax.set_axisbelow(True)
    (ax.yaxis if values == "y" else ax.xaxis).set_major_formatter(FuncFormatter(_thousands))
    return fig, ax


def _legend(ax, theme: dict) -> None:
    ax.legend(fontsize=8, frameon=False, labelcolor=theme["fg"])


def views_per_day(figures: dict, theme: dict = LIGHT, size=(6.4, 2.6)) -> Figure | None:
    """Views per day of the week, one line per platform (figures["daily"]); None without
    daily figures. Days are the team zone's calendar days (weekly.py sums them so)."""
    daily = {k: rows for k, rows in (figures.get("daily") or {}).items() if rows}
    if not daily:
        return None
    fig, ax = _figure(size, theme, "Views per day")
    provisional = False
    for i, (platform, rows) in enumerate(sorted(daily.items())):
        rows = sorted(rows, key=lambda r: r["date"])
        days = [dt.date.fromisoformat(r["date"]) for r in rows]
        views = [r.get("views") for r in rows]
        ax.plot(days, [v if v is not None else float("nan") for v in views], marker="o",
                markersize=3.5, linewidth=1.8, color=colour(platform, i),
                label=words.platform_name(platform))
        # days exported less than 3 days after them may still grow (the platforms lag 2-3
        # days; weekly.py marks them "provisional"): drawn hollow
        late = [(d, v) for d, v, r in zip(days, views, rows)
                if r.get("provisional") and v is not None]
        if late:
            provisional = True
            ax.plot([d for d, _ in late], [v for _, v in late], linestyle="none", marker="o",
                    markersize=6, markerfacecolor=theme["bg"], color=colour(platform, i))
    ticks = sorted({dt.date.fromisoformat(r["date"]) for rows in daily.values() for r in rows})
    ax.set_xticks(ticks, [d.strftime("%a %d") for d in ticks])
    ax.set_ylim(bottom=0)
    _legend(ax, theme)
    if provisional:
        ax.set_title("hollow: provisional, exported under 3 days later", loc="right",
                     fontsize=8, color=theme["fg"])
    return fig


def week_vs_previous(figures: dict, theme: dict = LIGHT, size=(6.4, 2.6)) -> Figure | None:
    """Views this week against the week before, a pair of bars per platform; None without
    platform totals."""
    platforms = figures.get("platforms") or {}
    if not platforms:
        return None
    fig, ax = _figure(size, theme, "This week against the week before (views)")
    names = sorted(platforms)
    xs = range(len(names))
    before = [(platforms[n].get("previous") or {}).get("views") or 0 for n in names]
    now = [platforms[n].get("views") or 0 for n in names]
    ax.bar([x - 0.2 for x in xs], before, width=0.38, color=PREVIOUS, label="Week before")
    bars = ax.bar([x + 0.2 for x in xs], now, width=0.38,
                  color=[colour(n, i) for i, n in enumerate(names)], label="This week")
    for bar, n, b in zip(bars, now, before):
        ax.annotate(words.change(n, b), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=8, color=theme["fg"],
                    xytext=(0, 2), textcoords="offset points")
    ax.set_xticks(list(xs), [words.platform_name(n) for n in names])
    ax.margins(y=0.3)
    _legend(ax, theme)
    return fig


def post_label(rank: int, post: dict, figures: dict) -> str:
    """'1. TikTok, Tue 24 Nov' (captions stay in the tables: a chart's font has no emoji)."""
    when = words.when(post.get("published_at"), figures)
    short = " ".join(when.split()[:3]) if when else ""
    paid = " (paid)" if words.paid_badge(post) else ""
    return f"{rank}. {words.platform_name(post.get('platform', ''))}" + (f", {short}" if short
                                                                        else "") + paid


def _label_inches(text: str, points: float) -> float:
    """How wide `text` draws in the charts' font at `points` size, in inches (matplotlib's own
    text layout, without drawing the figure)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    width = TextToPath().get_text_width_height_descent(text, FontProperties(size=points),
                                                        ismath=False)[0]
    return width / 72


def top_posts(figures: dict, theme: dict = LIGHT, size=(6.4, 2.6), count: int = 5
              ) -> Figure | None:
    """The week's top posts by views as horizontal bars, best on top; None without posts."""
    posts = [p for p in (figures.get("top") or [])[:count] if p.get("views") is not None]
    if not posts:
        return None
    organic = figures.get("paid") and figures.get("ranked_on") != "all"
    fig, ax = _figure(size, theme, "Top organic posts by views" if organic else
                      "Top posts by views", values="x", left=1.8)
    labels = [post_label(i + 1, p, figures) for i, p in enumerate(posts)]
    # the left margin fits the widest label (a fixed 1.8 in cut "2. Instagram, Tue 24 Nov",
    # and more with " (paid)"), never more than 0.6 of the width
    fit_margins(fig, max(1.8, max(_label_inches(label, 8) for label in labels) + 0.25))
    views = [p["views"] for p in posts]
    ax.barh(labels[::-1], views[::-1],
            color=[colour(p.get("platform", ""), i) for i, p in enumerate(posts)][::-1])
    return fig


def posting_hours(figures: dict, theme: dict = LIGHT, size=(6.4, 2.4)) -> Figure | None:
    """Average views per post by posting hour (team zone), from figures["by_hour"]; None
    without it."""
    by_hour = figures.get("by_hour") or {}
    rows = []
    for hour, group in by_hour.items():
        try:
            h = int(hour)
        except (TypeError, ValueError):
            continue
        posts = group.get("posts") or 0
        if posts:
            rows.append((h, (group.get("views") or 0) / posts, posts))
    if not rows:
        return None
    fig, ax = _figure(size, theme, "Average views per post by posting hour")
    rows.sort()
    bars = ax.bar([h for h, _, _ in rows], [v for _, v, _ in rows], width=0.7, color="#009E73")
    for bar, (_, _, n) in zip(bars, rows):
        ax.annotate(f"{n} post" + ("s" if n != 1 else ""),
                    (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center",
                    va="bottom", fontsize=7, color=theme["fg"], xytext=(0, 2),
                    textcoords="offset points")
    ax.set_xlim(-0.5, 23.5)
    ax.set_xticks(range(0, 24, 3), [words.hour_label(h) for h in range(0, 24, 3)])
    ax.margins(y=0.15)
    return fig


BUILDERS = (("views_per_day", views_per_day), ("week_vs_previous", week_vs_previous),
            ("top_posts", top_posts), ("posting_hours", posting_hours))


def all_charts(figures: dict, theme: dict = LIGHT) -> dict[str, Figure]:
    """{name: Figure} for every chart the figures can fill, in report order."""
    out = {}
    for name, build in BUILDERS:
        fig = build(figures, theme)
        if fig is not None:
            out[name] = fig
    return out


def png(fig: Figure, dpi: int = 150) -> bytes:
    """The figure as PNG bytes (Agg); 150 dpi is sharp on paper at the PDF's 170 mm width."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    return out.getvalue()


def svg(fig: Figure) -> bytes:
    """The figure as SVG bytes (text as paths: it looks the same without the fonts)."""
    out = io.BytesIO()
    fig.savefig(out, format="svg", facecolor=fig.get_facecolor(), metadata={"Date": None})
    return out.getvalue()
