"""Paid posts in the weekly report, against sums computed by hand from /work/shared/analytics
(Content.csv of 2026-11-30 minus snapshot-2026-11-23; a post published in the week starts from
zero): the TikTok recap …005 marked Spark Ads is listed apart, badged, never ranked or rolled
up with organic posts, and the organic/paid split reads the same in the figures, the PDF (as
pdftotext reads it), the workbook (as openpyxl reads it), the web page and `report --json`.
An export's own "Promoted"/"Paid views" columns are believed when the library has no mark,
and a disagreement is said."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

import analytics_files as gen
from cli_helpers import cli
from liveassets.analytics.importing import import_files
from liveassets.analytics.outputs import write_report
from liveassets.analytics.report_filter import only_platform
from liveassets.analytics.weekly import weekly_report
from liveassets.publish.posts import PostStore
from test_analytics_readers import EXPORTED, SHARED
from test_analytics_weekly import STUDIO, imported  # noqa: F401  (fixture)

RECAP = "7300000000000000005"
# W48 by hand (see the module docstring): TikTok …006 5420/301/47/22, …004 16368/1792/87/234,
# …003 3554/236/32/22, …002 5409/413/15/39, …001 7004/563/17/70; the recap 61900/5120/233/1204.
TIKTOK_ORGANIC = {"posts": 5, "views": 37755, "likes": 3305, "comments": 198, "shares": 387,
                  "saves": None, "engagement_rate": round(3890 / 37755, 4)}
TIKTOK_PAID = {"posts": 1, "views": 61900, "likes": 5120, "comments": 233, "shares": 1204,
               "saves": None, "engagement_rate": round(6557 / 61900, 4)}
# Instagram's reel DA4nIgHt0ne (45,100 views, published 24 Nov) is the biggest organic post
BEST_ORGANIC = "DA4nIgHt0ne"


@pytest.fixture
def marked(imported):  # noqa: F811
    cat, ids = imported
    PostStore(cat).set_paid(ids["id"], {"kind": "spark", "budget": 250, "currency": "AUD",
                                        "from": "2026-11-24", "to": "2026-11-30"})
    return cat, ids


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return re.sub(r"[ \t]+", " ", out)


def test_unmarked_the_recap_tops_the_week(imported):  # noqa: F811
    """The fault: nothing marked, the boosted recap is the top post and credits its campaign."""
    cat, _ = imported
    r = weekly_report(cat, "2026-W48")
    assert r["top"][0]["platform_post_id"] == RECAP and r["paid"] is None
    assert r["top"][0]["paid_label"] == "not marked" and r["paid_posts"] == []


def test_a_paid_post_is_apart_from_ranking_rollups_and_summary(marked):
    cat, ids = marked
    r = weekly_report(cat, "2026-W48")
    assert [p["platform_post_id"] for p in r["paid_posts"]] == [RECAP]
    recap = r["paid_posts"][0]
    assert (recap["paid"], recap["paid_label"], recap["paid_source"]) == (
        "spark", "paid: Spark Ads", "library")
    ranked = {p["platform_post_id"] for p in r["top"] + r["bottom"]}
    assert RECAP not in ranked and r["top"][0]["platform_post_id"] == BEST_ORGANIC
    assert r["ranked_on"] == "organic"
    assert r["paid"]["by_platform"] == {"tiktok": {"organic": TIKTOK_ORGANIC,
                                                   "paid": TIKTOK_PAID}}
    # every platform: Instagram's two reels of the week and YouTube's one short are organic
    assert r["paid"]["groups"]["organic"]["views"] == 37755 + 45100 + 6050 + 15230
    assert r["paid"]["kinds"] == {"Spark Ads": 1} and r["paid"]["not_marked"] == 8
    # the campaign is credited with its organic post only (…004, its caption suggestion)
    assert r["by_campaign"]["LIVE Fest"]["views"] == 16368
    assert r["by_creator"]["@mia.makes"]["posts"] == 1
    # no summary line credits content with the 61,900 bought views
    bought = [s for s in r["summary"] if "61,900" in s]
    assert bought == ["TikTok: 1 paid post (Spark Ads) had 61,900 views this week, none the "
                      "week before; the account's views include paid reach, so the change is "
                      "not the content's alone."]
    assert r["platforms"]["tiktok"]["paid"] == {"posts": 1, "views": 61900}
    assert r["platforms"]["tiktok"]["previous"]["paid"] is None
    assert r["platforms"]["instagram"]["paid"] is None
    assert 'Top organic post: "LIVE Fest night one, Auckland ✨" on Instagram with 45,100 ' \
           "views." in r["summary"]
    assert any("1 paid post is listed apart" in s for s in r["summary"])
    # the account totals stay the export's (paid reach included, as the summary says)
    assert r["platforms"]["tiktok"]["views"] == 65497


def test_ranked_on_all_badges_the_paid_post_among_the_top(marked, tmp_path):
    cat, _ = marked
    r = weekly_report(cat, "2026-W48", ranked_on="all")
    assert r["top"][0]["platform_post_id"] == RECAP and r["ranked_on"] == "all"
    assert r["by_campaign"]["LIVE Fest"]["views"] == 16368         # still organic only
    assert 'Top organic post: "LIVE Fest night one, Auckland ✨"' in " ".join(r["summary"])
    text = pdf_text(write_report(r, tmp_path / "r.pdf", cat))
    assert "1. TikTok · @liveanz · Tue 24 Nov 2026 20:15 AEDT · paid: Spark Ads" in text
    assert "Ranked on every post's views: 1 paid post among them, badged." in text


def test_pdf_xlsx_and_html_show_the_same_split(marked, tmp_path):
    import openpyxl

    cat, _ = marked
    r = weekly_report(cat, "2026-W48")
    text = pdf_text(write_report(r, tmp_path / "r.pdf", cat))
    assert "TikTok · organic 5 37,755 3,305 198 387 10.3 %" in text
    assert "TikTok · paid 1 61,900 5,120 233 1,204 10.6 %" in text
    assert "Paid posts this week: 1 Spark Ads." in text
    assert "8 posts are not marked paid or organic" in text
    lines = text.splitlines()
    top = lines.index(next(x for x in lines if x.strip() == "Top posts"))
    bottom = lines.index(next(x for x in lines if x.strip() == "Bottom posts"))
    paid = lines.index(next(x for x in lines if x.strip() == "Paid posts"))
    assert "paid: Spark Ads" not in "\n".join(lines[top:paid])
    assert "Ranked on organic posts only" in "\n".join(lines[top:bottom])
    assert "1. TikTok · @liveanz · Tue 24 Nov 2026 20:15 AEDT · paid: Spark Ads" in \
        "\n".join(lines[paid:])
    assert "61,900 views" in "\n".join(lines[paid:])

    book = openpyxl.load_workbook(write_report(r, tmp_path / "r.xlsx", cat))
    rows = list(book["Posts"].iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(rows[0])}
    marks = {row[col["Platform post ID"]]: row[col["Paid or organic"]] for row in rows[1:]}
    assert marks[RECAP] == "paid: Spark Ads"
    assert {v for k, v in marks.items() if k != RECAP} == {"not marked"}
    split = {row[1]: row[2:8] for row in book["By tag"].iter_rows(min_row=2, values_only=True)
             if row[0] == "paid or organic"}
    assert split["TikTok · paid"] == (1, 61900, 5120, 233, 1204, TIKTOK_PAID["engagement_rate"])
    assert split["TikTok · organic"][:2] == (5, 37755)
    campaign = {row[1]: row[3] for row in book["By tag"].iter_rows(min_row=2, values_only=True)
                if row[0] == "campaign"}
    assert campaign["LIVE Fest"] == 16368
    summary = [row[0] for row in book["Summary"].iter_rows(values_only=True) if row[0]]
    assert "Paid posts this week: 1 Spark Ads. Organic counts every post not paid, those not " \
           "marked included." in summary

    page = write_report(r, tmp_path / "r.html", cat).read_text("utf-8")
    assert "<h2>Paid and organic posts</h2>" in page and "<h2>Paid posts</h2>" in page
    assert "<td>TikTok · paid</td><td class=n>1</td><td class=n>61,900</td>" in page
    assert page.count("paid: Spark Ads") == 1                     # its one listing


def test_the_platform_filter_keeps_the_rules(marked):
    cat, _ = marked
    tiktok = only_platform(weekly_report(cat, "2026-W48"), "tiktok", cat)
    assert tiktok["top"][0]["platform_post_id"] == "7300000000000000004"   # 16,368
    assert [p["platform_post_id"] for p in tiktok["paid_posts"]] == [RECAP]
    assert tiktok["paid"]["groups"] == {"organic": TIKTOK_ORGANIC, "paid": TIKTOK_PAID}
    assert tiktok["by_campaign"]["LIVE Fest"]["views"] == 16368


def test_the_exports_promoted_column_is_read_and_a_disagreement_said(library, tmp_path):
    from test_analytics_join import library_posts

    ids = library_posts(library)
    import_files(library, [STUDIO / "snapshot-2026-11-23" / "Content.csv"])
    # the 30 November export with two more columns, as an ads-aware export would carry them
    lines = (STUDIO / "Content.csv").read_text("utf-8-sig").split("\n")
    rows = [next(iter(__import__("csv").reader([line]))) for line in lines]
    extra = {"7300000000000000006": ("Yes", "3000"), RECAP: ("No", "")}
    table = [rows[0] + ["Promoted", "Paid views"]] + [
        r + list(extra.get(r[1].rsplit("/", 1)[-1], ("", ""))) for r in rows[1:]]
    content = gen.studio_csv(tmp_path / "Content.csv", table[0], table[1:])
    outcome = import_files(library, [content], as_of=EXPORTED)
    assert "6 posts published, 2026-11-10 to 2026-11-27, totals as of 2026-11-30; 1 marked " \
           "promoted in the file (the report counts it as paid unless the library says " \
           "otherwise)." in outcome.lines()[0]
    PostStore(library).set_paid(ids["id"], {"kind": "spark"})
    r = weekly_report(library, "2026-W48")
    posts = {p["platform_post_id"]: p for p in r["posts"]}
    qa = posts["7300000000000000006"]
    assert (qa["paid"], qa["paid_label"], qa["paid_source"], qa["paid_views"]) == (
        "promoted", "paid: promoted (the export says)", "export", 3000)
    assert posts[RECAP]["paid"] == "spark"                          # the library's mark wins
    assert ("tiktok: post 7300000000000000005 is marked paid: Spark Ads in the library, but "
            "the export says it was not promoted: the library's mark is used.") in r["notes"]
    assert [p["platform_post_id"] for p in r["paid_posts"]] == [RECAP, "7300000000000000006"]
    assert r["paid"]["paid_views"] == 3000
    assert r["paid"]["by_platform"]["tiktok"]["organic"]["views"] == 37755 - 5420
    assert "5,420 views (3,000 paid) · 301 likes" in pdf_text(
        write_report(r, tmp_path / "r.pdf", library))


def test_report_json_and_rank_from_the_command_line(marked, capsys, tmp_path):
    cat, _ = marked
    folder = cat.folder
    cat.close()
    code, out, err = cli(capsys, "--library", folder, "report", "--week", "2026-W48", "--json")
    assert code == 0, err
    figures = json.loads(out)
    assert figures["paid"]["by_platform"]["tiktok"]["paid"]["views"] == 61900
    assert RECAP not in {p["platform_post_id"] for p in figures["top"]}
    code, out, _ = cli(capsys, "--library", folder, "report", "--week", "2026-W48", "--json",
                       "--rank", "all")
    assert json.loads(out)["top"][0]["paid_label"] == "paid: Spark Ads"
    code, _, err = cli(capsys, "--library", folder, "report", "--rank", "paid")
    assert code == 2 and "invalid choice: 'paid'" in err


def test_posts_of_files_with_a_spark_code_are_pointed_out_until_marked(imported):  # noqa: F811
    """Intake keeps a creator's Spark Ads code on the file (its "submission" row): the week's
    posts using it that nobody marked are named in a note, and drop out of it once marked."""
    cat, ids = imported
    video = PostStore(cat).get(ids["id"]).asset_ids[0]
    doc = cat.get(video)
    doc["submission"] = {"values": {"spark_code": "#SparkAds#AbC123"}}
    cat.apply("Intake", {video: doc})
    notes = [n for n in weekly_report(cat, "2026-W48")["notes"] if "Spark Ads code" in n]
    assert notes == [f"tiktok: 2 posts ({ids['id']}, {ids['caption']}) use creator files that "
                     "came with a Spark Ads code and are not marked: if boosted, mark them "
                     "paid (liveassets post set ID --paid spark), else --organic."]
    PostStore(cat).set_paid(ids["id"], {"kind": "spark"})
    PostStore(cat).set_paid(ids["caption"], {"kind": "organic"})
    assert not [n for n in weekly_report(cat, "2026-W48")["notes"] if "Spark Ads code" in n]


def test_a_marks_paid_days_decide_the_weeks_it_counts_in(imported):  # noqa: F811
    """…004 (published 21 Nov) marked Spark Ads from 23 Nov: organic in W47, paid in W48; marked
    without days it is paid in both, and W48's line says what the week before's paid post had
    (10,032 views: its W47 figures, from zero to the 23 November snapshot)."""
    cat, ids = imported
    store = PostStore(cat)
    store.set_paid(ids["caption"], {"kind": "spark", "from": "2026-11-23"})
    w47 = {p["platform_post_id"]: p for p in weekly_report(cat, "2026-W47")["posts"]}
    assert w47["7300000000000000004"]["paid"] == "organic"
    assert w47["7300000000000000004"]["paid_label"] == \
        "organic this week (paid: Spark Ads, 2026-11-23 to …)"
    w48 = weekly_report(cat, "2026-W48")
    assert [p["platform_post_id"] for p in w48["paid_posts"]] == ["7300000000000000004"]
    assert w48["platforms"]["tiktok"]["previous"]["paid"] is None
    store.set_paid(ids["caption"], {"kind": "spark"})
    w48 = weekly_report(cat, "2026-W48")
    assert w48["platforms"]["tiktok"]["previous"]["paid"] == {"posts": 1, "views": 10032}
    assert ("TikTok: 1 paid post (Spark Ads) had 16,368 views this week, 1 paid post the week "
            "before had 10,032; the account's views include paid reach, so the change is not "
            "the content's alone.") in w48["summary"]


def test_instagram_and_youtube_paid_columns_are_read(tmp_path):
    """The same paid columns in Meta Business Suite's and YouTube Studio's layouts: a
    "Boosted" flag as written ("Yes", "No", empty: not said), "Views from ads" as paid views;
    a file without them says nothing (None), never "organic"."""
    from liveassets.analytics import readers

    meta = (SHARED / "instagram" / "content-export.csv").read_text("utf-8").splitlines()
    flags = ["Boosted", "Yes", "No", "", "yes", "No"]
    (tmp_path / "ig.csv").write_text("\n".join(f"{line},{flag}" for line, flag in
                                                zip(meta, flags)) + "\n", "utf-8")
    rows = readers.read([tmp_path / "ig.csv"], as_of=EXPORTED)[0].rows
    assert [r["promoted"] for r in rows] == [True, False, None, True, False]
    yt = (SHARED / "youtube" / "Table data.csv").read_text("utf-8").splitlines()
    ads = ["Views from ads", "", "5000", "0", ""]
    (tmp_path / "Table data.csv").write_text("\n".join(f"{line},{n}" for line, n in
                                                       zip(yt, ads)) + "\n", "utf-8")
    rows = readers.read([tmp_path / "Table data.csv"], as_of=EXPORTED)[0].rows
    assert [(r["promoted"], r["paid_views"]) for r in rows] == [
        (True, 5000), (False, 0), (None, None)]
    plain = readers.read([SHARED / "instagram" / "content-export.csv"], as_of=EXPORTED)[0]
    assert {r["promoted"] for r in plain.rows} == {None}
