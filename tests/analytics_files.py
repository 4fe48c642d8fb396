"""Export files made by the tests, in the layouts ../shared/analytics/README.md documents
(quirks included): TikTok Studio CSVs (BOM, every field quoted, yearless English or French
dates, no newline at the end), Instagram's UTF-16 per-metric files, zips named as Studio names
them. Figures come from a seeded generator so tests can sum them by hand."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path

FRENCH = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
OVERVIEW = ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares")
CONTENT = ("Video title", "Video link", "Post time", "Total views", "Total likes",
           "Total comments", "Total shares")


def studio_date(day: dt.date, french: bool = False) -> str:
    return f"{day.day} {FRENCH[day.month - 1]}" if french else f"{day:%B} {day.day}"


def studio_csv(path: Path, header, rows) -> Path:
    """UTF-8 with a BOM, every field quoted, LF, no newline after the last line."""
    def q(v):
        return '"' + str(v).replace('"', '""') + '"'
    text = "\n".join(",".join(q(c) for c in r) for r in [header, *rows])
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def daily_figures(first: dt.date, days: int, seed: int = 1) -> list[dict]:
    """[{"date", "views", "profile_views", "likes", "comments", "shares", "followers_net"}]."""
    rnd = random.Random(seed)
    out = []
    for i in range(days):
        views = rnd.randint(2000, 20000)
        out.append({"date": first + dt.timedelta(days=i), "views": views,
                    "profile_views": views // rnd.randint(30, 60),
                    "likes": views // rnd.randint(8, 20), "comments": rnd.randint(-3, 40),
                    "shares": rnd.randint(5, 120), "followers_net": rnd.randint(-20, 200)})
    return out


def overview(path: Path, figures: list[dict], french: bool = False) -> Path:
    rows = [(studio_date(f["date"], french), f["views"], f["profile_views"], f["likes"],
             f["comments"], f["shares"]) for f in figures]
    return studio_csv(path, OVERVIEW, rows)


def follower_history(path: Path, figures: list[dict], start: int = 10000,
                     french: bool = False) -> Path:
    rows, total = [], start
    for i, f in enumerate(figures):
        total += f["followers_net"]
        rows.append((studio_date(f["date"], french), "undefined" if i == 0 else total,
                     f["followers_net"]))
    return studio_csv(path, ("Date", "Followers", "Difference in followers from previous day"),
                      rows)


def content(path: Path, posts: list[dict], handle: str = "liveanz") -> Path:
    """posts: [{"id", "caption", "at" (naive local datetime), "views", "likes", "comments",
    "shares"}], written newest first as Studio does."""
    rows = [(p["caption"], f"https://www.tiktok.com/@{handle}/video/{p['id']}",
             f"{p['at']:%Y-%m-%d %H:%M}", p["views"], p["likes"], p["comments"], p["shares"])
            for p in sorted(posts, key=lambda p: p["at"], reverse=True)]
    return studio_csv(path, CONTENT, rows)


def meta_metric(path: Path, title: str, values: dict[dt.date, int]) -> Path:
    """Meta Business Suite's per-metric file: UTF-16LE with a BOM, `sep=,`, a title line,
    "Date","Primary", ISO dates with a time, LF."""
    lines = ["sep=,", f'"{title}"', '"Date","Primary"']
    lines += [f'"{d.isoformat()}T00:00:00","{v}"' for d, v in sorted(values.items())]
    path.write_bytes(b"\xff\xfe" + "\n".join(lines).encode("utf-16-le"))
    return path


def zipped(path: Path, *members: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for m in members:
            z.write(m, m.name)
    return path
