""""What the numbers say": short statements generated only from the report's figures (a change
on the week, which post, campaign, creator, content type and hour led, what is missing). No
sentence here carries a figure that is not in the report dict, and none credits content with
paid reach: the leading post and groups are organic ones (analytics/paid.py), and a platform
with paid posts says how many views they had beside its change on the week."""

from __future__ import annotations

from liveassets.analytics.paid import is_paid
from liveassets.publish.platforms import NAMES


def _kinds(report: dict, platform: str) -> str:
    names: dict[str, int] = {}
    for p in report.get("paid_posts") or []:
        if p.get("platform") == platform:
            kind = str(p.get("paid_label") or "").removeprefix("paid: ")
            names[kind] = names.get(kind, 0) + 1
    return ", ".join(names) or "paid"


def _n(value) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def _pct(fraction: float) -> str:
    return f"{abs(fraction) * 100:.0f} %"


def _paid_line(report: dict, platform: str, name: str, now: dict | None,
               before: dict | None) -> str:
    """"TikTok: 1 paid post (Spark Ads) had 61,900 views this week, none the week before;
    the account's views include paid reach, so the change is not the content's alone." """
    def posts(t: dict) -> str:
        return f"{t['posts']} paid post{'s' if t['posts'] != 1 else ''}"

    text = (f"{name}: {posts(now)} ({_kinds(report, platform)}) had {_n(now['views'])} views "
            "this week" if now else f"{name}: no paid post this week")
    text += (f", {posts(before)} the week before had {_n(before['views'])}" if before
             else ", none the week before")
    return text + ("; the account's views include paid reach, so the change is not the "
                   "content's alone.")


def summary_lines(report: dict) -> list[str]:
    """Statements such as "TikTok views up 77 % on the week (65,497 against 36,910)"; empty
    when there are no figures."""
    lines = []
    for platform, f in report["platforms"].items():
        name = NAMES.get(platform, platform)
        prev = f["previous"]
        views, before = f.get("views"), prev.get("views")
        if views is not None and before:
            change = f["change"]["views"]
            word = "up" if change > 0 else "down" if change < 0 else "flat"
            amount = f" {_pct(change)}" if change else ""
            lines.append(f"{name} views {word}{amount} on the week ({_n(views)} against "
                         f"{_n(before)}).")
        elif views is not None:
            lines.append(f"{name} views: {_n(views)} (no figures for the week before).")
        bought, before_bought = f.get("paid"), prev.get("paid")
        if bought or before_bought:
            lines.append(_paid_line(report, platform, name, bought, before_bought))
        r, r0 = f.get("engagement_rate"), prev.get("engagement_rate")
        if r is not None:
            text = f"{name} engagement rate {r * 100:.1f} % of views"
            if r0 is not None:
                text += f" (week before {r0 * 100:.1f} %)"
            lines.append(text + ".")
        net, net0 = f.get("followers_net"), prev.get("followers_net")
        if net is not None:
            text = f"{name} net followers {net:+,}"
            if net0 is not None:
                text += f" (week before {net0:+,})"
            lines.append(text + ".")
    organic_top = [p for p in report["top"] if not is_paid(p)]
    if organic_top:
        best = organic_top[0]
        caption = " ".join((best.get("caption") or best["platform_post_id"]).split())
        caption = caption if len(caption) <= 60 else caption[:59] + "…"
        head = "Top organic post" if report.get("paid") else "Top post"
        lines.append(f"{head}: \"{caption}\" on {NAMES.get(best['platform'], best['platform'])}"
                     f" with {_n(best['views'] or 0)} views.")
    for key, word in (("by_campaign", "campaign"), ("by_creator", "creator"),
                      ("by_content_type", "content type"), ("by_hour", "posting hour")):
        groups = [(k, g) for k, g in report[key].items() if g["views"]]
        if len(groups) >= 2:
            k, g = groups[0]
            shown = f"{k}:00" if key == "by_hour" else k
            lines.append(f"By {word}, {shown} led with {_n(g['views'])} views from "
                         f"{g['posts']} post{'s' if g['posts'] != 1 else ''}.")
    if report.get("paid"):
        n = report["paid"]["posts"]
        plural = "s" if n != 1 else ""
        if report.get("ranked_on") == "all":
            lines.append(f"Top and bottom posts include {n} paid post{plural}, badged; the "
                         "figures by campaign, creator, type and hour count organic posts "
                         "only.")
        else:
            lines.append(f"Top and bottom posts and the figures by campaign, creator, type and "
                         f"hour count organic posts only; {n} paid post{plural} "
                         f"{'are' if n != 1 else 'is'} listed apart.")
    if report["no_figures"]:
        n = len(report["no_figures"])
        lines.append(f"{n} post{'s' if n != 1 else ''} published this week "
                     f"{'have' if n != 1 else 'has'} no figures yet.")
    return lines
