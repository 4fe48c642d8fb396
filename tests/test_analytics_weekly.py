"""The weekly report's figures against hand-computed sums: the fixtures' README table (W47 and
W48 TikTok, Instagram views, YouTube total), per-post differences between snapshots, rollups by
the posts' assets' tags, the posts without figures, and generated data summed by the test."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import analytics_files as gen
from liveassets.analytics.importing import import_files
from liveassets.analytics.weekly import ReportError, week_bounds, weekly_report
from liveassets.publish.posts import PostStore
from test_analytics_join import SYD, library_posts
from test_analytics_readers import EXPORTED, SHARED

STUDIO = SHARED / "tiktok-studio"
# ../shared/analytics/README.md, "Hand-computed figures"
README = {
    "2026-W47": dict(views=36910, profile_views=808, likes=2625, comments=107, shares=248,
                     followers_net=122),
    "2026-W48": dict(views=65497, profile_views=1396, likes=4912, comments=107, shares=421,
                     followers_net=342),
}


@pytest.fixture
def imported(library):
    ids = library_posts(library)
    import_files(library, [STUDIO / "snapshot-2026-11-23" / "Content.csv"])  # dated by its folder
    import_files(library, [STUDIO / "Overview.csv", STUDIO / "FollowerHistory.csv",
                           STUDIO / "Content.csv"], as_of=EXPORTED)
    import_files(library, [SHARED / "instagram" / "Views.csv",
                           SHARED / "instagram" / "content-export.csv"], as_of=EXPORTED)
    import_files(library, [SHARED / "youtube" / "Totals.csv", SHARED / "youtube" / "Table data.csv"],
                 as_of=EXPORTED)
    return library, ids


@pytest.mark.parametrize("week, previous", [("2026-W48", "2026-W47"), ("2026-W47", None)])
def test_platform_totals_equal_the_readme_sums(imported, week, previous):
    cat, _ = imported
    r = weekly_report(cat, week, "Australia/Sydney")
    tiktok = r["platforms"]["tiktok"]
    assert {k: tiktok[k] for k in README[week]} == README[week]
    if previous:
        assert {k: tiktok["previous"][k] for k in README[previous]} == README[previous]
    assert tiktok["saves"] is None and tiktok["engagement_denominator"] == "views"
    hand = README[week]
    assert tiktok["engagement_rate"] == round(
        (hand["likes"] + hand["comments"] + hand["shares"]) / hand["views"], 4)
    assert tiktok["accounts"] == ["liveanz"] and tiktok["days"] == 7
    assert tiktok["exported"] == "2026-11-30"
    assert r["platforms"]["instagram"]["views"] == {"2026-W47": 36946, "2026-W48": 65236}[week]
    assert sum(d["views"] for d in r["daily"]["tiktok"]) == hand["views"]
    assert [d["date"] for d in r["daily"]["tiktok"]] == [
        (dt.date.fromisoformat(r["from"]) + dt.timedelta(days=i)).isoformat() for i in range(7)]


def test_youtube_views_over_both_weeks(imported):
    cat, _ = imported
    r = weekly_report(cat, "2026-W48")
    yt = r["platforms"]["youtube"]
    assert yt["views"] + yt["previous"]["views"] == 25930


def test_post_figures_are_differences_between_snapshots(imported):
    cat, ids = imported
    posts = {p["platform_post_id"]: p for p in weekly_report(cat, "2026-W48")["posts"]}
    showcase = posts["7300000000000000004"]
    assert (showcase["views"], showcase["likes"], showcase["comments"], showcase["shares"]) == (
        26400 - 10032, 2890 - 1098, 140 - 53, 377 - 143)
    assert showcase["figures"] == "week" and showcase["as_of"] == "2026-11-30"
    new = posts["7300000000000000005"]  # published in the week: from zero
    assert (new["views"], new["figures"], new["post_id"], new["match"]) == (
        61900, "week", ids["id"], "id")
    assert new["tags"] == ["campaign:LIVE Fest", "creator:@mia.makes"]
    assert new["hour"] == 20 and new["content_type"] == "video"
    assert new["engagement_rate"] == round((5120 + 233 + 1204) / 61900, 4)
    assert "7300000000000000006" in posts and posts["7300000000000000006"]["suggested"]
    w47 = {p["platform_post_id"]: p for p in weekly_report(cat, "2026-W47")["posts"]}
    assert w47["7300000000000000001"]["figures"] == "lifetime"
    assert w47["7300000000000000001"]["views"] == 34196
    assert any("lifetime" in n for n in weekly_report(cat, "2026-W47")["notes"])
    assert "7300000000000000005" not in w47  # published after that week


def test_rollups_sum_the_posts_of_each_tag(imported):
    cat, ids = imported
    r = weekly_report(cat, "2026-W48")
    fest = [p for p in r["posts"] if "campaign:LIVE Fest" in p["tags"]]
    assert len(fest) == 2  # the ID match and the caption suggestion share the video asset
    assert r["by_campaign"]["LIVE Fest"]["views"] == sum(p["views"] for p in fest)
    assert r["by_tag"]["campaign:LIVE Fest"]["posts"] == 2
    assert r["by_creator"]["@mia.makes"]["likes"] == sum(p["likes"] for p in fest)
    week = [p for p in r["posts"] if p["figures"] == "week"]
    lifetime = [p for p in r["posts"] if p["figures"] == "lifetime"]
    assert lifetime and all(p["published_at"] < "2026-11-23" for p in lifetime)
    assert r["by_content_type"]["photo"]["views"] == sum(
        p["views"] for p in week if p["content_type"] == "photo")
    assert r["by_hour"]["20"]["posts"] == 1
    assert sum(g["posts"] for g in r["by_content_type"].values()) == len(week)
    top, bottom = r["top"], r["bottom"]
    assert top[0]["views"] == max(p["views"] for p in week)
    assert not {p["platform_post_id"] for p in top} & {p["platform_post_id"] for p in bottom}
    assert len(top) + len(bottom) == min(len(week), 10)
    assert not {p["platform_post_id"] for p in lifetime} & {p["platform_post_id"] for p in top + bottom}


def test_posts_published_that_week_without_figures_are_listed(imported):
    cat, ids = imported
    store = PostStore(cat)
    lost = store.create(platform="instagram", account="liveanz", body="Not in any export",
                        status="draft").ids[0]
    store.mark_published(lost, "https://www.instagram.com/reel/ZZZnotinexp/",
                         dt.datetime(2026, 11, 29, 23, 30, tzinfo=SYD))
    outside = store.create(platform="instagram", account="liveanz", body="Next week",
                           status="draft").ids[0]
    store.mark_published(outside, "https://www.instagram.com/reel/YYYnotinexp/",
                         dt.datetime(2026, 11, 30, 0, 30, tzinfo=SYD))
    r = weekly_report(cat, "2026-W48")
    assert lost in r["no_figures"] and outside not in r["no_figures"]
    assert ids["id"] not in r["no_figures"]
    assert "1 post published this week has no figures yet." in r["summary"]


def test_summary_states_only_the_figures(imported):
    cat, _ = imported
    r = weekly_report(cat, "2026-W48")
    assert "TikTok views up 77 % on the week (65,497 against 36,910)." in r["summary"]
    assert "TikTok net followers +342 (week before +122)." in r["summary"]
    assert any(line.startswith('Top post: "LIVE Fest night one recap') for line in r["summary"])
    json.dumps(r)  # the whole report is plain JSON


def test_week_boundaries_follow_the_team_zone():
    assert week_bounds("2026-W48") == ("2026-W48", dt.date(2026, 11, 23))
    assert week_bounds(None, dt.date(2026, 12, 1)) == ("2026-W48", dt.date(2026, 11, 23))
    assert week_bounds(None, dt.date(2026, 11, 29)) == ("2026-W47", dt.date(2026, 11, 16))
    assert week_bounds("2027w1") == ("2027-W01", dt.date(2027, 1, 4))
    with pytest.raises(ReportError, match="ISO week"):
        week_bounds("last week")
    with pytest.raises(ReportError, match="does not exist"):
        week_bounds("2026-W54")


def test_default_week_is_the_last_complete_one_in_the_team_zone(imported):
    from liveassets import clock

    cat, _ = imported
    # Monday 30 Nov 00:30 in Sydney is still Sunday in UTC: the last complete week is W48
    with clock.frozen(dt.datetime(2026, 11, 29, 13, 30, tzinfo=dt.timezone.utc),
                      "Australia/Sydney"):
        assert weekly_report(cat)["week"] == "2026-W48"
    with clock.frozen(dt.datetime(2026, 11, 29, 13, 30, tzinfo=dt.timezone.utc), "UTC"):
        assert weekly_report(cat)["week"] == "2026-W47"


def test_posting_hours_move_with_the_zone(imported):
    cat, ids = imported
    sydney = weekly_report(cat, "2026-W48", "Australia/Sydney")
    auckland = weekly_report(cat, "2026-W48", "Pacific/Auckland")
    with pytest.raises(ReportError, match="not a time zone"):
        weekly_report(cat, "2026-W48", "Mars/Olympus")
    hour = {z: {p["platform_post_id"]: p["hour"] for p in r["posts"]}
            for z, r in (("syd", sydney), ("akl", auckland))}
    # 20:15 in Sydney (AEDT, +11) is 22:15 in Auckland (NZDT, +13); the join is unchanged
    assert (hour["syd"]["7300000000000000005"], hour["akl"]["7300000000000000005"]) == (20, 22)
    assert [p["post_id"] for p in auckland["posts"]] == [p["post_id"] for p in sydney["posts"]]
    assert auckland["by_hour"]["22"]["views"] >= 61900


def test_post_totals_give_instagram_its_engagement(imported):
    cat, _ = imported
    r = weekly_report(cat, "2026-W48")
    ig = r["platforms"]["instagram"]
    assert ig["likes"] is None  # the account files give views only
    # W48 Instagram posts: DA4nIgHt0ne (24 Nov) and DA5nOaHpF1m (27 Nov), one export: lifetime
    total = ig["posts_total"]
    assert (total["posts"], total["views"], total["likes"], total["saves"]) == (
        2, 45100 + 6050, 3980 + 511, 902 + 40)
    assert total["engagement_rate"] == round(
        (3980 + 511 + 133 + 12 + 620 + 23 + 902 + 40) / (45100 + 6050), 4)


def test_a_generated_year_sums_as_the_test_sums_it(library, tmp_path):
    figures = gen.daily_figures(dt.date(2025, 12, 1), 365, seed=11)
    # a year of Studio data crosses New Year: yearless dates placed from the export day
    (tmp_path / "en").mkdir()
    import_files(library, [gen.overview(tmp_path / "en" / "Overview.csv", figures),
                           gen.follower_history(tmp_path / "FollowerHistory.csv", figures)],
                 account="liveanz", as_of=dt.date(2026, 11, 30))
    by_day = {f["date"]: f for f in figures}
    for week in ("2026-W01", "2026-W27", "2026-W48"):
        _, monday = week_bounds(week)
        days = [by_day[monday + dt.timedelta(days=i)] for i in range(7)]
        r = weekly_report(library, week)["platforms"]["tiktok"]
        for key in ("views", "likes", "comments", "shares", "profile_views", "followers_net"):
            assert r[key] == sum(d[key] for d in days), (week, key)
    # French file of the same days: identical, nothing changes
    again = import_files(library, [gen.overview(tmp_path / "Overview.csv", figures, french=True)],
                         account="liveanz", as_of=dt.date(2026, 11, 30))
    assert len(again.result.change) == 0


def test_a_post_picture_is_offered_only_when_its_rights_allow_internal_use(imported):
    cat, ids = imported
    r = {p["platform_post_id"]: p for p in weekly_report(cat, "2026-W48")["posts"]}
    recap = r["7300000000000000005"]
    assert recap["thumbnail_asset_id"] is None and "rights not recorded yet" in \
        recap["thumbnail_withheld"]
    video = recap["asset_ids"][0]
    cat.set_rights([video], status="internal")
    recap = {p["platform_post_id"]: p for p in weekly_report(cat, "2026-W48")["posts"]}[
        "7300000000000000005"]
    assert recap["thumbnail_asset_id"] == video and recap["thumbnail_withheld"] == ""
    cat.set_rights([video], status="restricted")
    recap = {p["platform_post_id"]: p for p in weekly_report(cat, "2026-W48")["posts"]}[
        "7300000000000000005"]
    assert recap["thumbnail_asset_id"] is None and recap["thumbnail_withheld"] == \
        "fest.mp4: restricted"


def test_days_exported_too_soon_are_marked_provisional(imported, tmp_path):
    cat, _ = imported
    r = weekly_report(cat, "2026-W48")
    # exported on 30 Nov: the 28th and 29th are less than 3 days old (Studio lags 2-3 days)
    assert [d["date"] for d in r["daily"]["tiktok"] if d["provisional"]] == [
        "2026-11-28", "2026-11-29"]
    assert any("2026-11-28 to 2026-11-29" in n and "may still grow" in n for n in r["notes"])
    assert not any(d["provisional"] for d in weekly_report(cat, "2026-W47")["daily"]["tiktok"])
    # a later export that completes the 29th settles it; one that changes nothing does not
    figures = [{"date": dt.date(2026, 11, 29), "views": 9000, "profile_views": 41, "likes": 97,
                "comments": 2, "shares": 9}]
    import_files(cat, [gen.overview(tmp_path / "Overview.csv", figures)], as_of=dt.date(2026, 12, 3))
    daily = {d["date"]: d for d in weekly_report(cat, "2026-W48")["daily"]["tiktok"]}
    assert daily["2026-11-29"]["views"] == 9000 and not daily["2026-11-29"]["provisional"]
    assert daily["2026-11-28"]["provisional"]


def test_a_content_export_made_after_the_monday_is_used_and_said(library):
    import_files(library, [STUDIO / "snapshot-2026-11-23" / "Content.csv"])
    import_files(library, [STUDIO / "Content.csv"], as_of=dt.date(2026, 12, 2))  # a Wednesday
    r = weekly_report(library, "2026-W48")
    showcase = {p["platform_post_id"]: p for p in r["posts"]}["7300000000000000004"]
    assert (showcase["views"], showcase["as_of"]) == (26400 - 10032, "2026-12-02")
    assert any("run to the export of 2026-12-02" in n for n in r["notes"])
    late = weekly_report(library, "2026-W47")
    assert {p["platform_post_id"] for p in late["posts"]} == {
        "7300000000000000001", "7300000000000000002", "7300000000000000003",
        "7300000000000000004"}  # the 23 Nov snapshot
    w46 = weekly_report(library, "2026-W46")  # 9-15 Nov: the 23 Nov export is the week after
    assert [(p["platform_post_id"], p["as_of"]) for p in w46["posts"]] == [
        ("7300000000000000001", "2026-11-23")]
    assert weekly_report(library, "2026-W45")["posts"] == []  # nothing within a week of it
