"""Views that show "today" agree and never go stale: the composer's rights line re-checks when
the post's date, platform or assets change; the calendar, the grid's rights badges and the
composer judge the same day (the team's, not the machine's); and all of them move on at the
team's midnight."""

import datetime as dt
import time

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QDate, QTime  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402

from liveassets import clock  # noqa: E402
from liveassets.catalog.schema import new_asset  # noqa: E402
from liveassets.publish.posts import Post, PostStore  # noqa: E402
from liveassets.ui.posts.caption_edit import green, red  # noqa: E402
from liveassets.ui.posts.composer import CaptionComposer  # noqa: E402

SYD = "Australia/Sydney"
UTC = dt.timezone.utc


def _asset(name, expires=None, status="cleared"):
    doc = new_asset(f"/event/{name}", "image", 100, 1.0, f"fp-{name}")
    doc["rights"].update(status=status, expires=expires, credit=f"Photo: {name}")
    return doc


def _colour(label):
    return label.palette().color(label.foregroundRole()).name()


@pytest.fixture
def pinned():
    """Real time is elsewhere: any view that read the machine's clock would show another day."""
    yield
    clock.freeze(None)
    clock.use_zone(None)


def test_rights_line_follows_the_posts_date_platform_and_assets(qtbot, library, pinned):
    clock.freeze(dt.datetime(2026, 11, 30, 1, 0, tzinfo=UTC))
    ok = _asset("stage.jpg", expires="2026-12-10")        # cleared through the 10th
    pending = _asset("crowd.jpg", status="pending")
    library.apply("Fill", {d["id"]: d for d in (ok, pending)})
    post = Post(asset_ids=[ok["id"]], timezone=SYD,
                scheduled=dt.datetime(2026, 12, 5, 12, 0, tzinfo=clock.zone()))
    PostStore(library).create(post)
    c = CaptionComposer(library, QUndoStack())
    qtbot.addWidget(c)
    c.resize(460, 900)
    c.show()
    c.load(post.id)
    line = c.rights_label
    assert line.text() == "Rights cleared for 5 Dec 2026."
    assert _colour(line) == green().name() and not c.override_button.isVisibleTo(c)
    c.date_edit.setDate(QDate(2026, 12, 20))               # after the expiry
    assert line.text().startswith("Rights block a public post on 20 Dec 2026")
    assert "expired (valid until 2026-12-10)" in line.text()
    assert _colour(line) == red().name() and c.override_button.isVisibleTo(c)
    c.date_edit.setDate(QDate(2026, 12, 10))               # its last day: cleared again
    assert line.text() == "Rights cleared for 10 Dec 2026."
    # 23:30 in Sydney is 12:30 UTC: the post's own local day counts, still the 10th.
    c.time_edit.setTime(QTime(23, 30))
    assert line.text() == "Rights cleared for 10 Dec 2026."
    c.schedule_check.setChecked(False)                     # unscheduled: judged on today
    assert line.text() == "Rights cleared for 30 Nov 2026 (today)."
    c.schedule_check.setChecked(True)
    c.date_edit.setDate(QDate(2026, 12, 11))
    assert "Rights block" in line.text()
    # Another view edits the asset's rights while the composer is hidden: shown again, it
    # re-checks (no stale verdict).
    c.hide()
    library.apply("Extend", {ok["id"]: {"rights": {**ok["rights"], "expires": "2027-06-30"}}})
    c.show()
    assert line.text() == "Rights cleared for 11 Dec 2026."
    c.selection_source = lambda: [pending["id"]]
    c.use_grid_selection()                                 # new assets: re-checked
    assert "crowd.jpg: rights pending" in line.text()


def test_calendar_grid_and_rights_line_agree_when_the_machine_zone_differs(
        qtbot, open_window, library, monkeypatch, pinned):
    # The machine runs on UTC: 14:30 on the 9th. The team is in Sydney: 01:30 on the 10th.
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("LIVEASSETS_TZ", raising=False)
    time.tzset()
    try:
        clock.freeze(dt.datetime(2026, 12, 9, 14, 30, tzinfo=UTC))
        doc = _asset("stage.jpg", expires="2026-12-09")   # valid through the 9th
        library.apply("Fill", {doc["id"]: doc})
        pid = PostStore(library).create(Post(asset_ids=[doc["id"]])).ids[0]
        win = open_window()
        assert PostStore(library).get(pid).timezone == SYD  # new posts: the team's zone
        win.calendar_action.trigger()
        win.posts_panel.show()
        win.posts_panel.select_post(pid)
        today = dt.date(2026, 12, 10)
        assert win.calendar.view.canvas.today == today
        assert today in win.calendar.view.visible_days()
        assert win.view.delegate.today == today
        line = win.posts_panel.composer.rights_label.text()
        assert line.startswith("Rights block a public post on 10 Dec 2026 (today)"), line
        win.search.set_text("rights:expired")
        qtbot.waitUntil(lambda: win.model.rowCount() == 1)

        # The team's midnight passes while the window is open: one timer moves every view on.
        win.search.set_text("")
        qtbot.waitUntil(lambda: win.model.rowCount() == 1)
        doc2 = _asset("crowd.jpg", expires="2026-12-10")
        library.apply("Add", {doc2["id"]: doc2})
        win.posts_panel.composer.selection_source = lambda: [doc2["id"]]
        win.posts_panel.composer.use_grid_selection()
        assert "Rights cleared for 10 Dec 2026 (today)" in \
            win.posts_panel.composer.rights_label.text()
        clock.freeze(dt.datetime(2026, 12, 10, 13, 0, 1, tzinfo=UTC))  # 00:00:01 on the 11th
        assert win.day_watch.check()
        new = dt.date(2026, 12, 11)
        assert win.calendar.view.canvas.today == new and win.view.delegate.today == new
        assert win.posts_panel.composer.rights_label.text().startswith(
            "Rights block a public post on 11 Dec 2026 (today)")
        assert not win.day_watch.check()                   # once per day
        # The one timer is armed for the next midnight (within the hour it looks again anyway).
        clock.freeze(dt.datetime(2026, 12, 11, 12, 59, 0, tzinfo=UTC))  # 23:59 on the 11th
        assert not win.day_watch.check()
        assert 55_000 < win.day_watch._timer.remainingTime() <= 65_000  # (a coarse timer)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_new_team_zone_moves_today_in_the_open_window(qtbot, open_window, library, pinned):
    from dataclasses import replace

    from liveassets.publish.hashtags import PublishSettings

    clock.freeze(dt.datetime(2026, 12, 9, 14, 30, tzinfo=UTC))  # Sydney: 10th; Perth: 9th
    win = open_window()
    win.calendar_action.trigger()
    assert win.calendar.view.canvas.today == dt.date(2026, 12, 10)
    composer = win.posts_panel.composer
    assert composer.save_settings(replace(PublishSettings.load(library),
                                          team_zone="Australia/Perth"))
    assert win.calendar.view.canvas.today == dt.date(2026, 12, 9)
    win.undo_stack.undo()
    assert win.calendar.view.canvas.today == dt.date(2026, 12, 10)
