"""Joining exported posts to library posts: by platform post ID, then by platform, account and
time within 30 minutes, then by caption; below the ID tier a suggestion a person confirms or
refuses once, and the answer is remembered (also after reopening the library)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from liveassets.analytics.importing import import_files, link, unmatched
from liveassets.analytics.join import caption_score
from liveassets.catalog.catalog import Catalog
from liveassets.catalog.schema import new_asset
from liveassets.errors import UserError
from liveassets.publish.posts import PostStore
from test_analytics_readers import EXPORTED, SHARED

SYD = ZoneInfo("Australia/Sydney")
CONTENT = SHARED / "tiktok-studio" / "Content.csv"


def library_posts(cat) -> dict[str, str]:
    """Three library posts: one published with its URL (ID), one scheduled 10 minutes after an
    exported post (time), one with the caption of another (caption). Names -> post ids."""
    video = new_asset("/ev/fest.mp4", "video", 1, 1.0, "fest")
    video["tags"] = ["campaign:LIVE Fest", "creator:@mia.makes"]
    photo = new_asset("/ev/meet.jpg", "image", 1, 1.0, "meet")
    photo["tags"] = ["campaign:Meetup"]
    cat.apply("Fill", {video["id"]: video, photo["id"]: photo})
    store = PostStore(cat)
    ids = {}
    ids["id"] = store.create(asset_ids=[video["id"]], platform="tiktok", account="liveanz",
                             body="Night one!", status="draft").ids[0]
    store.mark_published(ids["id"], "https://www.tiktok.com/@liveanz/video/7300000000000000005"
                         "?is_from_webapp=1", dt.datetime(2026, 11, 24, 20, 16, tzinfo=SYD))
    ids["time"] = store.create(asset_ids=[photo["id"]], platform="tiktok", account="@LiveANZ",
                               body="Ask us anything", status="scheduled",
                               scheduled=dt.datetime(2026, 11, 27, 18, 10, tzinfo=SYD)).ids[0]
    ids["caption"] = store.create(
        asset_ids=[video["id"]], platform="tiktok", account="liveanz",
        body="Creator showcase: @mia.makes paints the stage, part 1", hashtags=["#LIVEFest"],
        status="scheduled", scheduled=dt.datetime(2026, 11, 21, 9, 0, tzinfo=SYD)).ids[0]
    ids["other_account"] = store.create(
        platform="tiktok", account="someoneelse", body="Totally different words here",
        status="scheduled", scheduled=dt.datetime(2026, 11, 19, 12, 35, tzinfo=SYD)).ids[0]
    return ids


def tiers(cat) -> dict[str, tuple]:
    from liveassets.analytics.importing import _matches

    return {k.split("|")[1]: (m.post_id, m.tier) for k, m in _matches(cat).items()}


def test_each_tier_finds_its_post(library):
    ids = library_posts(library)
    outcome = import_files(library, [CONTENT], as_of=EXPORTED)
    got = tiers(library)
    assert got["7300000000000000005"] == (ids["id"], "id")
    assert got["7300000000000000006"] == (ids["time"], "time")      # 10 minutes apart
    assert got["7300000000000000004"] == (ids["caption"], "caption")
    # 12:30 against 12:35 but another account: not the same post
    assert got["7300000000000000003"] == (None, "none")
    assert "1 matched" in outcome.lines()[-1] and "2 suggested" in outcome.lines()[-1]


def test_time_window_is_thirty_minutes(library):
    store = PostStore(library)
    near = store.create(platform="tiktok", account="liveanz", body="a", status="scheduled",
                        scheduled=dt.datetime(2026, 11, 17, 19, 30, tzinfo=SYD)).ids[0]
    far = store.create(platform="tiktok", account="liveanz", body="b", status="scheduled",
                       scheduled=dt.datetime(2026, 11, 19, 13, 1, tzinfo=SYD)).ids[0]
    import_files(library, [CONTENT], as_of=EXPORTED)
    got = tiers(library)
    assert got["7300000000000000002"] == (near, "time")               # 19:00 vs 19:30
    assert got["7300000000000000003"] == (None, "none")               # 12:30 vs 13:01
    assert far not in {p for p, _ in got.values()}


def test_answers_are_remembered(tmp_path):
    with Catalog(tmp_path / "lib") as cat:
        ids = library_posts(cat)
        import_files(cat, [CONTENT], as_of=EXPORTED)
        link(cat, ids["time"], "7300000000000000006", refuse=True)
        link(cat, ids["caption"], "7300000000000000004")
        link(cat, ids["other_account"], "7300000000000000003")
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        got = tiers(cat)
        left = {r["platform_post_id"]: r for r in unmatched(cat)}
    assert got["7300000000000000006"] == (None, "none")               # refused: not offered again
    assert got["7300000000000000004"] == (ids["caption"], "confirmed")
    assert got["7300000000000000003"] == (ids["other_account"], "confirmed")
    assert "7300000000000000004" not in left and left["7300000000000000006"]["match"] == "none"


def test_link_refuses_what_cannot_be_the_same_post(library):
    ids = library_posts(library)
    import_files(library, [CONTENT, SHARED / "instagram" / "content-export.csv"], as_of=EXPORTED)
    with pytest.raises(UserError, match="No exported post with ID 999"):
        link(library, ids["id"], "999")
    with pytest.raises(UserError, match="on TikTok and DA1sYdMeet1 on Instagram: they cannot be the same"):
        link(library, ids["id"], "DA1sYdMeet1")


def test_caption_scores_either_side_of_the_threshold():
    from liveassets.analytics.join import CAPTION_THRESHOLD

    cut = "Creator meetup Sydney: the crowd went off 🎉 #TikTokLIVE #ANZ"
    assert caption_score(cut[:30], cut) >= CAPTION_THRESHOLD
    assert caption_score(cut, cut + "\n\n#fyp #LIVEANZ @liveanz") >= CAPTION_THRESHOLD
    assert caption_score("Creator showcase: @mia.makes paints the stage, part 1",
                         "Creator showcase: @noah.p films the crowd, part 1") < CAPTION_THRESHOLD
    assert caption_score("Behind the scenes at LIVE Fest rehearsals #LIVEFest",
                         "How to go LIVE for the first time: 3 tips 💡") < CAPTION_THRESHOLD


def test_caption_suggestions_stay_within_a_week(library):
    store = PostStore(library)
    caption = "Behind the scenes at LIVE Fest rehearsals #LIVEFest"
    month_later = store.create(platform="tiktok", account="liveanz", body=caption,
                               status="scheduled",
                               scheduled=dt.datetime(2026, 12, 20, 9, 0, tzinfo=SYD)).ids[0]
    import_files(library, [CONTENT], as_of=EXPORTED)
    assert tiers(library)["7300000000000000002"] == (None, "none")   # 17 Nov vs 20 Dec
    store.reschedule(month_later, dt.datetime(2026, 11, 18, 9, 0, tzinfo=SYD))
    assert tiers(library)["7300000000000000002"] == (month_later, "caption")


def test_one_library_post_joins_one_exported_post(library):
    store = PostStore(library)
    both = store.create(platform="tiktok", account="liveanz", body="x", status="scheduled",
                        scheduled=dt.datetime(2026, 11, 24, 20, 0, tzinfo=SYD)).ids[0]
    # 20:00 is 15 minutes from 005 (20:15); after the link confirms 005 it is offered to no other
    import_files(library, [CONTENT], as_of=EXPORTED)
    link(library, both, "7300000000000000005")
    got = tiers(library)
    assert got["7300000000000000005"] == (both, "confirmed")
    assert [k for k, (p, _) in got.items() if p == both] == ["7300000000000000005"]


def test_a_post_marked_published_late_still_joins_by_its_scheduled_time(library):
    store = PostStore(library)
    late = store.create(platform="tiktok", account="liveanz", body="q and a", status="scheduled",
                        scheduled=dt.datetime(2026, 11, 27, 18, 0, tzinfo=SYD)).ids[0]
    # marked published the next morning, without a link that names the post
    post = store.get(late)
    store.update(replace(post, status="published", published_at="2026-11-27T22:30:00+00:00"))
    import_files(library, [CONTENT], as_of=EXPORTED)
    assert tiers(library)["7300000000000000006"] == (late, "time")
