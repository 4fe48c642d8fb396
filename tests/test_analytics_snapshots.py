"""Imports stored as dated snapshots in the catalog: one undoable change published to
subscribers; importing the same file twice, or the English and French files of the same days,
changes nothing; NAN never replaces a number; a later export completes a partial day."""

from __future__ import annotations

import datetime as dt

import analytics_files as gen
from liveassets.analytics.importing import import_files
from liveassets.analytics.snapshots import AnalyticsStore
from liveassets.catalog.catalog import Catalog
from test_analytics_readers import EXPORTED, SHARED

STUDIO = SHARED / "tiktok-studio"


def figures_by_day(catalog, platform="tiktok"):
    return {(d["account"], d["date"]): d["figures"] for d in AnalyticsStore(catalog).days(platform)}


def test_same_file_twice_and_the_french_twin_change_nothing(library):
    heard = []
    library.subscribe(lambda change, source: heard.append((change.table, source, len(change))))
    first = import_files(library, [STUDIO / "Overview.csv", STUDIO / "Content.csv"], as_of=EXPORTED)
    assert len(first.result.change) == 14 + 6 and heard == [("analytics", "import", 20)]
    stored = figures_by_day(library)
    again = import_files(library, [STUDIO / "Overview.csv"], as_of=EXPORTED)
    french = import_files(library, [SHARED / "tiktok-studio-fr" / "Overview.csv",
                                    SHARED / "tiktok-studio-fr" / "FollowerHistory.csv",
                                    STUDIO / "FollowerHistory.csv"], as_of=EXPORTED)
    assert len(again.result.change) == 0
    assert "Nothing changed" in again.lines()[-1]
    # FollowerHistory is new (followers); the French one equals the English one exactly
    assert french.result.days_changed == 14
    twice = import_files(library, [SHARED / "tiktok-studio-fr" / "FollowerHistory.csv"],
                         as_of=EXPORTED)
    assert len(twice.result.change) == 0
    now = figures_by_day(library)
    assert all(now[k].items() >= stored[k].items() for k in stored)
    assert len(heard) == 2  # the no-op imports announced nothing


def test_an_import_is_one_step_to_undo(library):
    result = import_files(library, [STUDIO / "Overview.csv"], as_of=EXPORTED).result
    assert len(AnalyticsStore(library).days()) == 14
    library.undo(result.change)
    assert AnalyticsStore(library).days() == []


def test_nan_never_replaces_a_number_and_never_is_one(library, tmp_path):
    business = SHARED / "tiktok-business" / "Overview(2026_11_16-2026_11_29).csv"
    import_files(library, [business], account="liveanz")
    days = figures_by_day(library)
    assert "reach" not in days[("liveanz", "2026-11-16")]            # NAN: not stored
    assert days[("liveanz", "2026-11-17")]["reach"] == 2257
    # a later file with NAN where a number is stored keeps the number
    text = business.read_text().replace("2026/11/17,4140,2257", "2026/11/17,4140,NAN")
    copy = tmp_path / business.name
    copy.write_text(text)
    result = import_files(library, [copy], account="liveanz").result
    assert len(result.change) == 0
    assert figures_by_day(library)[("liveanz", "2026-11-17")]["reach"] == 2257


def test_a_later_export_completes_the_partial_last_day(library, tmp_path):
    days = gen.daily_figures(dt.date(2026, 11, 23), 7, seed=5)
    partial = [dict(d) for d in days]
    partial[-1].update(views=100, likes=3)
    import_files(library, [gen.overview(tmp_path / "Overview.csv", partial)],
                 account="liveanz", as_of=dt.date(2026, 11, 30))
    (tmp_path / "later").mkdir()
    import_files(library, [gen.overview(tmp_path / "later" / "Overview.csv", days)],
                 account="liveanz", as_of=dt.date(2026, 12, 2))
    got = figures_by_day(library)[("liveanz", "2026-11-29")]
    assert (got["views"], got["likes"]) == (days[-1]["views"], days[-1]["likes"])


def test_days_read_before_the_account_was_known_are_not_counted_twice(library):
    import_files(library, [SHARED / "tiktok-studio-fr" / "Overview.csv"], as_of=EXPORTED)
    assert {a for a, _ in figures_by_day(library)} == {""}
    import_files(library, [STUDIO / "Overview.csv", STUDIO / "Content.csv"], as_of=EXPORTED)
    days = figures_by_day(library)
    assert {a for a, _ in days} == {"liveanz"} and len(days) == 14


def test_snapshots_survive_reopening(tmp_path):
    with Catalog(tmp_path / "lib") as cat:
        import_files(cat, [STUDIO / "snapshot-2026-11-23" / "Content.csv"])
        import_files(cat, [STUDIO / "Content.csv"], as_of=EXPORTED)
    with Catalog(tmp_path / "lib", readonly=True) as cat:
        post = next(p for p in AnalyticsStore(cat).posts()
                    if p["platform_post_id"] == "7300000000000000004")
    assert post["snapshots"] == {
        "2026-11-23": {"views": 10032, "likes": 1098, "comments": 53, "shares": 143},
        "2026-11-30": {"views": 26400, "likes": 2890, "comments": 140, "shares": 377}}


def test_put_many_is_one_change_that_undoes_and_redoes(library):
    store = library.records("analytics")
    heard = []
    library.subscribe(lambda change, source: heard.append(source))
    change = store.put_many({"a": {"id": "a", "n": 1}, "b": {"id": "b", "n": 2}}, label="Two")
    assert len(change) == 2 and heard == ["edit"]
    same = store.put_many({"a": {"id": "a", "n": 1}})
    assert len(same) == 0 and heard == ["edit"]  # nothing written, nothing announced
    library.undo(change)
    assert "a" not in store and "b" not in store
    library.redo(change)
    assert store.get("b") == {"id": "b", "n": 2}


def test_account_figures_naming_no_account_need_one_when_there_are_two(library, tmp_path):
    import pytest

    from liveassets.errors import UserError

    figures = gen.daily_figures(dt.date(2026, 11, 16), 3)
    for handle in ("liveanz", "livenz"):
        (tmp_path / handle).mkdir()
        import_files(library, [gen.overview(tmp_path / handle / "Overview.csv", figures)],
                     account=handle, as_of=EXPORTED)
    before = AnalyticsStore(library).days()
    with pytest.raises(UserError, match="which tiktok account.*@liveanz, @livenz.*--account"):
        import_files(library, [STUDIO / "Overview.csv"], as_of=EXPORTED)
    assert AnalyticsStore(library).days() == before


def test_the_zips_and_the_bare_files_are_the_same_import(library):
    from liveassets import clock

    zips = SHARED / "tiktok-studio-zips"
    # Followers_liveanz.zip names no year: its dates are placed from the import day
    with clock.frozen(dt.datetime(2026, 11, 30, 22, 0, tzinfo=dt.timezone.utc),
                      "Australia/Sydney"):
        first = import_files(library, sorted(zips.glob("*.zip")))
    assert first.result.days_changed == 15 and first.result.posts_changed == 6  # + 30 Nov hours
    again = import_files(library, [STUDIO / "Overview.csv", STUDIO / "FollowerHistory.csv",
                                   STUDIO / "FollowerActivity.csv"], as_of=EXPORTED)
    assert len(again.result.change) == 0
