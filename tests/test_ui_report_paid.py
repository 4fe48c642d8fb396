"""The Report dock with a paid post: the TikTok recap (…005) marked Spark Ads is badged and
listed under Paid posts, never among the top posts, and the organic/paid table holds the sums
of /work/shared/analytics' two content snapshots, computed by hand below. Marking the post
organic in the composer (one undo step) puts it back at the top."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from liveassets.publish import zones  # noqa: E402
from liveassets.publish.posts import PostStore  # noqa: E402
from test_ui_report import import_fixtures, shared, show_report  # noqa: E402,F401

# W48 per post = Content.csv (2026-11-30) minus snapshot-2026-11-23 (zero when published in
# the week): …006 5420/301/47/22, …004 16368/1792/87/234, …003 3554/236/32/22,
# …002 5409/413/15/39, …001 7004/563/17/70; the paid …005 61900/5120/233/1204.
ORGANIC = ["TikTok · organic", "5", "37,755", "3,305", "198", "387", "10.3 %"]
PAID = ["TikTok · paid", "1", "61,900", "5,120", "233", "1,204", "10.6 %"]


def test_a_paid_post_is_listed_apart_and_badged(qtbot, open_window, library, shared):
    store = PostStore(library)
    post_id = store.create(
        platform="tiktok", account="liveanz", body="LIVE Fest night one recap",
        status="published", timezone="Australia/Sydney",
        scheduled=zones.parse_when("2026-11-24 20:15", "Australia/Sydney"),
        published_url="https://www.tiktok.com/@liveanz/video/7300000000000000005",
        platform_post_id="7300000000000000005").ids[0]
    store.set_paid(post_id, {"kind": "spark"})
    import_fixtures(library)
    win = open_window()
    dock = show_report(qtbot, win)
    view = dock.view
    assert view.paid_rows() == [ORGANIC, PAID]
    assert view.paid_posts.isVisible() and view.paid_posts.count() == 1
    assert "paid: Spark Ads" in view.paid_posts.item(0).text()
    assert "61,900 views" in view.paid_posts.item(0).text()
    tops = [view.top.item(i).text() for i in range(view.top.count())]
    assert tops and not any("61,900" in t or "paid" in t for t in tops)
    assert "16,368 views" in tops[0]                     # the biggest organic post
    assert "listed under Paid posts" in view.ranking.text()
    assert any("1 paid post (Spark Ads) had 61,900 views" in line
               for line in view.summary.text().splitlines())
    # ranked among every post: the paid recap tops the list with its badge, and back
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        dock.rank_all.click()
    assert "paid: Spark Ads" in view.top.item(0).text() and "61,900" in view.top.item(0).text()
    assert "Ranked on every post's views" in view.ranking.text()
    assert dock.data["figures"]["ranked_on"] == "all"         # what Export PDF… writes
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        dock.rank_all.click()
    assert "16,368 views" in view.top.item(0).text()
    # marked organic in the composer: one undo step, and the report follows
    win.posts_panel.composer.load(post_id)
    composer = win.posts_panel.composer
    assert composer.paid_check.isChecked()
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        composer.paid_check.click()
    assert not view.paid_posts.isVisible() and view.paid_rows() == []
    assert "61,900 views" in view.top.item(0).text()
    assert win.undo_stack.undoText() == "Mark post organic"
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        win.undo_stack.undo()
    assert view.paid_rows() == [ORGANIC, PAID]
