"""Paid reach kept apart in the weekly report: which of the week's posts were paid (the
library's mark, publish/paid.py, else the export's own "promoted" column or paid views), the
ranking that credits content only with organic figures, and the organic/paid split of the
posts' totals. weekly.py and report_filter.py build the figures dict with these; every output
reads the result.

Rules (the issue "paid posts marked, and the weekly report honest about them"):
- The library's mark wins over the export's; when both are known and disagree, the post says
  so ("paid_conflict") and the report's notes repeat it.
- A post is paid when its mark (or, without one, its export) says so. Posts not marked are
  counted with the organic ones and counted apart ("not_marked"), never guessed.
- Top and bottom posts are ranked on organic posts by default (`ranked_on` "organic"); with
  "all" every post is ranked and paid ones carry their badge. The rollups (what worked by
  campaign, creator, ...) and the summary always use organic posts only: a budget's reach is
  never credited to a campaign, creator, hour or caption.
"""

from __future__ import annotations

from liveassets.publish import paid as marks
from liveassets.typed_dates import TypedDateError, parse_day

RANKINGS = ("organic", "all")
PROMOTED = "promoted"                 # the export says paid, the kind is not known


def post_paid(mark: dict | None, promoted: bool | None, week: tuple[str, str] | None = None
              ) -> dict:
    """A post entry's paid keys from its library mark and the export's flag:
    {"paid": "spark"|"boost"|"promotion"|"promoted"|"organic"|None, "paid_label": badge,
    "paid_source": "library"|"export"|"", "paid_conflict": "" or why they disagree}.
    `week` (first, last ISO day): a mark whose paid days are known and miss the week counts
    as organic that week (a post boosted from 1 December was organic in November). A kind
    edited by hand ("Spark Ads", "Organic") reads as the app spells it."""
    mark = _spelled(mark)
    if marks.is_paid(mark) and week and not _overlaps(mark, *week):
        return {"paid": marks.ORGANIC,
                "paid_label": f"organic this week ({marks.details(mark)})",
                "paid_source": "library", "paid_conflict": ""}
    if mark is not None and mark.get("kind"):
        kind = mark["kind"]
        conflict = ""
        if promoted is not None and promoted != marks.is_paid(mark):
            conflict = (f"marked {marks.label(mark)} in the library, but the export says it "
                        f"was {'promoted' if promoted else 'not promoted'}: the library's mark "
                        "is used")
        return {"paid": kind, "paid_label": marks.label(mark), "paid_source": "library",
                "paid_conflict": conflict}
    if promoted is True:
        return {"paid": PROMOTED, "paid_label": "paid: promoted (the export says)",
                "paid_source": "export", "paid_conflict": ""}
    if promoted is False:
        return {"paid": marks.ORGANIC, "paid_label": "organic (the export says)",
                "paid_source": "export", "paid_conflict": ""}
    return {"paid": None, "paid_label": "not marked", "paid_source": "", "paid_conflict": ""}


def _spelled(mark):
    """`mark` with a hand-typed kind in the app's spelling ("Spark Ads" -> "spark"); a kind
    the app does not know stays as typed (counted paid: is_paid)."""
    kind = mark.get("kind") if isinstance(mark, dict) else None
    if not isinstance(kind, str) or kind in marks.KINDS or kind == marks.ORGANIC:
        return mark
    if kind.strip().casefold() == marks.ORGANIC:
        return {**mark, "kind": marks.ORGANIC}
    try:
        return {**mark, "kind": marks.check_kind(kind)}
    except marks.PaidError:
        return mark


def _overlaps(mark: dict, first: str, last: str) -> bool:
    """Do the mark's paid days meet the week (ISO first, last)? Days are read as dates (a
    hand-edited "24/11/2026" too); a day nobody can read counts as meeting it: paid reach is
    never credited to organic figures on a guess."""
    start, end = _iso_day(mark.get("from"), first), _iso_day(mark.get("to"), last)
    if start is None or end is None:
        return True
    return start <= last and end >= first


def _iso_day(value, default: str) -> str | None:
    if not value:
        return default
    try:
        return parse_day(value).isoformat()
    except (TypedDateError, TypeError):
        return None


def is_paid(post: dict) -> bool:
    """True for a report post entry whose reach was (partly) bought."""
    return post.get("paid") not in (None, marks.ORGANIC)


def check_ranking(ranked_on: str | None) -> str:
    """"organic" (default) or "all"; raises UserError otherwise."""
    from liveassets.errors import UserError

    value = (ranked_on or "organic").strip().casefold()
    if value not in RANKINGS:
        raise UserError(f'"{ranked_on}" is not a ranking: use organic (paid posts listed '
                        "apart, the default) or all (every post, paid ones badged).")
    return value


def ranking(posts: list[dict], ranked_on: str = "organic") -> dict:
    """{"top", "bottom", "paid_posts", "organic"} from the week's post entries (sorted by
    views, biggest first): posts with the week's own figures only ("figures": "week"); top and
    bottom up to five each with no overlap, from the organic posts (or every post for "all");
    "paid_posts" the paid ones, biggest first; "organic" the posts the rollups count."""
    counted = [p for p in posts if p.get("figures", "week") == "week"]
    organic = [p for p in counted if not is_paid(p)]
    ranked = counted if ranked_on == "all" else organic
    top_n = min(5, (len(ranked) + 1) // 2)
    return {"top": [dict(p) for p in ranked[:top_n]],
            "bottom": [dict(p) for p in reversed(ranked[top_n:])][:5],
            "paid_posts": [dict(p) for p in counted if is_paid(p)],
            "organic": organic}


def split(posts: list[dict], ranked_on: str = "organic") -> dict | None:
    """The report's "paid" section from the week's post entries, None when no post with the
    week's figures is paid:
    {"posts": paid posts, "ranked_on", "kinds": {"Spark Ads": 1},
     "groups": {"organic": group, "paid": group},          # every platform
     "by_platform": {"tiktok": {"organic": group, "paid": group}},
     "paid_views": the exports' paid views of those posts (None: no export splits them),
     "not_marked": posts counted as organic that nobody marked,
     "conflicts": ["tiktok 7300…: marked paid: Spark Ads in the library, but …"]}
    A group is {"posts", "views", "likes", "comments", "shares", "saves", "engagement_rate"}
    (weekly.py's rollups' shape). Raises nothing."""
    from liveassets.analytics.rollups import group_sum

    counted = [p for p in posts if p.get("figures", "week") == "week"]
    paid = [p for p in counted if is_paid(p)]
    if not paid:
        return None
    organic = [p for p in counted if not is_paid(p)]
    kinds: dict[str, int] = {}
    for p in paid:
        name = p.get("paid_label", "").removeprefix("paid: ")
        kinds[name] = kinds.get(name, 0) + 1
    given = [p["paid_views"] for p in paid if p.get("paid_views") is not None]
    return {
        "posts": len(paid), "ranked_on": ranked_on, "kinds": kinds,
        "groups": {"organic": group_sum(organic), "paid": group_sum(paid)},
        "by_platform": {name: {"organic": group_sum([p for p in organic
                                                     if p["platform"] == name]),
                               "paid": group_sum([p for p in paid if p["platform"] == name])}
                        for name in sorted({p["platform"] for p in paid})},
        "paid_views": sum(given) if given else None,
        "not_marked": sum(1 for p in organic if p.get("paid") is None),
        "conflicts": conflicts(posts),
    }


def has_spark_code(asset: dict | None) -> bool:
    """True when an asset came in through intake with a Spark Ads authorisation code (its
    "submission" row, intake/run.py): the posts most likely to have been boosted."""
    values = ((asset or {}).get("submission") or {}).get("values") or {}
    return bool(str(values.get("spark_code") or "").strip())


def spark_notes(posts: list[dict]) -> list[str]:
    """One note per platform naming the week's library posts not marked paid or organic
    whose files came with a Spark Ads code: check them, the report cannot tell."""
    found: dict[str, list[str]] = {}
    for p in posts:
        if p.get("spark_code") and p.get("paid") is None and p.get("post_id"):
            found.setdefault(p["platform"], []).append(p["post_id"])
    out = []
    for platform, ids in sorted(found.items()):
        ids = list(dict.fromkeys(ids))          # two exported posts may join one library post
        if len(ids) == 1:
            who, verb, them = f"post {ids[0]} uses", "is", "it"
        else:
            who, verb, them = f"{len(ids)} posts ({', '.join(ids)}) use", "are", "them"
        out.append(f"{platform}: {who} creator files that came with a Spark Ads code and "
                   f"{verb} not marked: if boosted, mark {them} paid (liveassets post set ID "
                   "--paid spark), else --organic.")
    return out


def tally(posts: list[dict]) -> dict[str, dict]:
    """{platform: {"posts": paid posts, "views": their views}} of the paid entries among
    `posts` with the week's own figures (platforms without one are left out)."""
    out: dict[str, dict] = {}
    for p in posts:
        if is_paid(p) and p.get("figures", "week") == "week":
            t = out.setdefault(p["platform"], {"posts": 0, "views": 0})
            t["posts"] += 1
            t["views"] += p.get("views") or 0
    return out


def conflicts(posts: list[dict]) -> list[str]:
    """One line per post whose library mark and export disagree."""
    return [f"{p['platform']}: post {p['platform_post_id']} is {p['paid_conflict']}."
            for p in posts if p.get("paid_conflict")]
