"""Posts in the catalog: create/update/undo, time zones across DST, conflicts, the rights gate."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from liveassets.catalog.schema import new_asset
from liveassets.errors import UserError
from liveassets.publish import zones
from liveassets.publish.gate import caption_context, check_post, post_report
from liveassets.publish.posts import Post, PostStore, conflicts

SYD = "Australia/Sydney"
UTC = dt.timezone.utc


def asset(name, status="cleared", expires=None, tags=(), kind="image"):
    doc = new_asset(f"/event/{name}", kind, 100, 1.0, f"fp-{name}")
    doc["tags"] = list(tags)
    doc["rights"].update(status=status, expires=expires, credit=f"Photo: {name}")
    return doc


@pytest.fixture
def lib(library):
    docs = {
        "ok": asset("ok.jpg", tags=["creator:@nova", "event:Sydney Meetup", "campaign:LIVE Fest 2026"]),
        "pending": asset("pending.jpg", "pending", tags=["creator:@kai"]),
        "restricted": asset("restricted.mov", "restricted", kind="video"),
        "expiring": asset("expiring.jpg", "cleared", expires="2026-10-03", tags=["creator:@mia"]),
        "clip": asset("clip.mov", kind="video"),
    }
    library.apply("Fill", {d["id"]: d for d in docs.values()})
    library.ids = {k: d["id"] for k, d in docs.items()}
    return library


def at(text, zone=SYD):
    return zones.parse_when(text, zone)


def test_create_get_update_delete_with_undo(lib):
    store = PostStore(lib)
    change = store.create(asset_ids=[lib.ids["ok"]], body="Hello", hashtags=["livefest", "#LiveFest"],
                          scheduled=at("2026-10-05 18:30"), timezone=SYD, account="@livefest_au")
    assert change.table == "posts"
    post = store.get(change.ids[0])
    assert post.hashtags == ["#livefest"] and post.platform == "tiktok"
    assert post.scheduled == dt.datetime(2026, 10, 5, 18, 30, tzinfo=ZoneInfo(SYD))
    assert post.full_caption() == "Hello\n\n#livefest"

    edit = store.update(Post(**{**post.__dict__, "body": "Changed", "status": "ready"}))
    assert store.get(post.id).body == "Changed"
    lib.undo(edit)
    assert store.get(post.id).body == "Hello"
    lib.redo(edit)
    assert store.get(post.id).status == "ready"
    gone = store.delete(post.id)
    assert store.all() == []
    lib.undo(gone)
    assert store.get(post.id).body == "Changed"
    lib.undo(change)
    with pytest.raises(UserError):
        store.get(post.id)


def test_posts_survive_reopen(lib, tmp_path):
    from liveassets.catalog.catalog import Catalog

    store = PostStore(lib)
    pid = store.create(asset_ids=[lib.ids["ok"]], body="🎉 hi", scheduled=at("2026-04-05 02:30"),
                       timezone=SYD).ids[0]
    folder = lib.folder
    lib.close()
    with Catalog(folder) as again:
        post = PostStore(again).get(pid)
        assert post.body == "🎉 hi" and post.timezone == SYD
        assert post.utc == dt.datetime(2026, 4, 4, 15, 30, tzinfo=UTC)  # first 02:30 (AEDT)


def test_validation_messages(lib):
    store = PostStore(lib)
    with pytest.raises(UserError, match="platform"):
        store.create(asset_ids=[lib.ids["ok"]], platform="myspace")
    with pytest.raises(UserError, match="status"):
        store.create(asset_ids=[lib.ids["ok"]], status="posted")
    with pytest.raises(UserError, match="needs a date"):
        store.create(asset_ids=[lib.ids["ok"]], status="scheduled")
    with pytest.raises(UserError, match="No asset"):
        store.create(asset_ids=["nope"])
    with pytest.raises(UserError, match="time zone"):
        store.create(asset_ids=[lib.ids["ok"]], timezone="Mars/Olympus")


def test_full_caption_adds_missing_mentions_and_hashtags_once():
    p = Post(body="With @nova at #LiveFest", hashtags=["#livefest", "#sydney"], mentions=["@nova", "kai"])
    assert p.full_caption() == "With @nova at #LiveFest\n\n@kai #sydney"
    assert Post(hashtags=["#a"]).full_caption() == "#a"


# -- time zones and DST ---------------------------------------------------------------------
def test_dst_start_sydney_gap_is_refused_or_moved():
    with pytest.raises(UserError, match="does not exist"):
        at("2026-10-04 02:30")
    moved = zones.localize(dt.datetime(2026, 10, 4, 2, 30), SYD, strict=False)
    assert (moved.hour, moved.minute) == (3, 0)   # the first time after the gap
    before, after = at("2026-10-04 01:59"), at("2026-10-04 03:00")
    assert before.utcoffset() == dt.timedelta(hours=10) and after.utcoffset() == dt.timedelta(hours=11)
    # Python subtracts same-zone datetimes on the wall clock (61 minutes): compare instants
    assert after.astimezone(UTC) - before.astimezone(UTC) == dt.timedelta(minutes=1)


def test_dst_end_sydney_overlap_and_fold():
    first = zones.parse_when("2026-04-05 02:30", SYD)
    second = zones.parse_when("2026-04-05 02:30", SYD, fold=1)
    assert first.astimezone(UTC) == dt.datetime(2026, 4, 4, 15, 30, tzinfo=UTC)
    assert second.astimezone(UTC) == dt.datetime(2026, 4, 4, 16, 30, tzinfo=UTC)


def test_reschedule_by_day_keeps_wall_clock_across_dst(lib):
    store = PostStore(lib)
    pid = store.create(asset_ids=[lib.ids["ok"]], scheduled=at("2026-10-03 18:00"), timezone=SYD).ids[0]
    change = store.reschedule(pid, dt.date(2026, 10, 5))
    post = store.get(pid)
    assert (post.scheduled.hour, post.scheduled.minute) == (18, 0)
    assert post.utc == dt.datetime(2026, 10, 5, 7, 0, tzinfo=UTC)   # AEDT, +11
    lib.undo(change)
    assert store.get(pid).utc == dt.datetime(2026, 10, 3, 8, 0, tzinfo=UTC)  # AEST, +10
    # a drag that lands in the DST gap moves forward instead of failing
    pid2 = store.create(asset_ids=[lib.ids["ok"]], scheduled=at("2026-10-03 02:30"), timezone=SYD).ids[0]
    store.reschedule(pid2, dt.date(2026, 10, 4))
    assert store.get(pid2).scheduled.hour == 3


def test_system_zone_fallback(monkeypatch):
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.delenv("LIVEASSETS_TZ", raising=False)
    name = zones.system_zone_name()
    assert name and name not in ("UTC", "Etc/UTC")       # UTC machines fall back to Sydney
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    assert zones.system_zone_name() == "Pacific/Auckland"
    monkeypatch.setenv("LIVEASSETS_TZ", "Australia/Perth")
    assert Post().timezone == "Australia/Perth"


# -- conflicts ------------------------------------------------------------------------------
def test_conflicts_within_ten_minutes_per_account():
    mk = lambda pid, when, account="@a", platform="tiktok": Post(
        id=pid, scheduled=at(when), timezone=SYD, account=account, platform=platform)
    posts = [mk("p1", "2026-11-02 18:00"), mk("p2", "2026-11-02 18:09"),
             mk("p3", "2026-11-02 18:19"), mk("p4", "2026-11-02 18:05", "@b"),
             mk("p5", "2026-11-02 18:01", platform="instagram"), Post(id="p6")]
    found = conflicts(posts)
    assert [(c.first, c.second) for c in found] == [("p1", "p2")]
    assert "9 minutes" in found[0].message


def test_conflicts_measured_in_real_time_across_dst():
    # 01:55 AEST and 03:04 AEDT are 9 real minutes apart on the night clocks go forward
    posts = [Post(id="a", scheduled=at("2026-10-04 01:55"), timezone=SYD),
             Post(id="b", scheduled=at("2026-10-04 03:04"), timezone=SYD)]
    assert [c.minutes for c in conflicts(posts)] == [9]


# -- rights gate ----------------------------------------------------------------------------
def test_rights_gate_on_scheduled_date(lib):
    ids = lib.ids
    p = lambda key, when="2026-10-05 10:00": Post(asset_ids=[ids[key]], scheduled=at(when), timezone=SYD)
    assert check_post(lib, p("ok")).cleared
    assert "pending" in check_post(lib, p("pending")).label
    assert not check_post(lib, p("restricted")).may_export
    assert check_post(lib, p("expiring", "2026-10-03 23:30")).cleared      # last valid day
    late = check_post(lib, p("expiring", "2026-10-04 00:30"))               # local date counts
    assert not late.cleared and "expired" in late.label
    # 2026-10-03 23:30 UTC is already 4 Oct in Sydney: the post's local date decides
    utc_evening = Post(asset_ids=[ids["expiring"]], timezone=SYD,
                       scheduled=dt.datetime(2026, 10, 3, 23, 30, tzinfo=UTC).astimezone(ZoneInfo(SYD)))
    assert not check_post(lib, utc_evening).cleared


def test_rights_override_is_recorded_and_undoable(lib):
    store = PostStore(lib)
    pid = store.create(asset_ids=[lib.ids["pending"]], scheduled=at("2026-11-01 12:00"), timezone=SYD).ids[0]
    assert not check_post(lib, store.get(pid)).may_export
    with pytest.raises(UserError, match="why"):
        store.override_rights(pid, "sam", "  ")
    change = store.override_rights(pid, "sam", "Creator confirmed by email",
                                   now=dt.datetime(2026, 10, 30, 1, 2, 3, tzinfo=UTC))
    post = store.get(pid)
    assert post.rights_override == {"by": "sam", "reason": "Creator confirmed by email",
                                    "at": "2026-10-30T01:02:03+00:00"}
    rights = check_post(lib, post)
    assert rights.may_export and not rights.cleared and rights.label.startswith("OVERRIDDEN by sam")
    lib.undo(change)
    assert store.get(pid).rights_override is None


def test_caption_context_flags_uncleared_creators_and_photo_posts(lib):
    post = Post(asset_ids=[lib.ids["ok"], lib.ids["pending"]], body="With @Nova and @kai",
                scheduled=at("2026-11-01 12:00"), timezone=SYD)
    ctx = caption_context(lib, post)
    assert ctx.uncleared_creators == {"kai": "rights pending"}
    report = post_report(lib, post, ctx)
    assert report.limit == 4000                                 # TikTok photo post
    assert [w.code for w in report.warnings] == ["creator_rights"]
    assert post_report(lib, Post(asset_ids=[lib.ids["clip"]])).limit == 2200


def test_never_use_from_settings_and_broken_hashtag_chips(lib):
    from liveassets.publish.hashtags import PublishSettings

    PublishSettings(never_use=["#FYP"], recommended_hashtags=2).save(lib)
    post = Post(asset_ids=[lib.ids["ok"]], body="Hi", hashtags=["#fyp", "#live fest", "#ok", "#x"])
    report = post_report(lib, post, caption_context(lib, post))
    got = {(w.code, w.severity) for w in report.warnings}
    assert ("never_use", "error") in got and ("more_than_recommended", "warning") in got
    chip = next(w for w in report.warnings if w.code == "broken_hashtag" and w.start == 1)
    assert "a space" in chip.message and "#live" in chip.message


def test_calendar_helpers_group_by_local_day():
    from liveassets.publish.schedule import by_day, conflicts_by_post, month_grid, week_of

    posts = [Post(id="late", scheduled=at("2026-10-04 23:30"), timezone=SYD),
             Post(id="early", scheduled=at("2026-10-04 08:00"), timezone=SYD),
             Post(id="near", scheduled=at("2026-10-04 08:05"), timezone=SYD),
             Post(id="none")]
    days = by_day(posts)
    assert [p.id for p in days[dt.date(2026, 10, 4)]] == ["early", "near", "late"]
    assert week_of(dt.date(2026, 10, 4))[0] == dt.date(2026, 9, 28)          # Monday
    assert week_of(dt.date(2026, 10, 4), first_weekday=6)[0] == dt.date(2026, 10, 4)
    grid = month_grid(2026, 10)
    assert all(len(w) == 7 for w in grid) and dt.date(2026, 10, 31) in grid[-1]
    assert set(conflicts_by_post(posts)) == {"early", "near"}


def test_the_undo_label_names_what_was_changed():
    from dataclasses import replace

    from liveassets.publish.posts import Post, describe_change

    old = Post(body="Hi", platform="tiktok")
    assert describe_change(old, replace(old, status="ready")) == "Mark post ready"
    assert describe_change(old, replace(old, platform="x")) == "Post on X"
    assert describe_change(old, replace(old, body="Hello")) == "Edit post caption"
    assert describe_change(old, replace(old, timezone="Pacific/Auckland")) == \
        "Edit post time zone"
    assert describe_change(old, replace(old, body="Hello", notes="n")) == "Edit post"
