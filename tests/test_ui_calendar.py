"""The content calendar: posts on their local days in week and month views, status colours,
conflict and rights flags, rescheduling by Qt drag and drop and by move_post (undoable, wall
clock kept across DST), scheduling from the unscheduled list, navigation and opening a post."""

import datetime as dt

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import (QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent,  # noqa: E402
                           QHelpEvent, QUndoStack)
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolTip  # noqa: E402

from liveassets.catalog.schema import new_asset  # noqa: E402
from liveassets.publish import zones  # noqa: E402
from liveassets.publish.posts import PostStore  # noqa: E402
from liveassets.ui.posts import calendar_canvas  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402
from liveassets.ui.posts.calendar_paint import CONFLICT, STATUS_COLOURS  # noqa: E402
from liveassets.ui.posts.calendar_view import CalendarView  # noqa: E402
from liveassets.ui.commands import CatalogCommand  # noqa: E402

SYD = "Australia/Sydney"
TODAY = dt.date(2026, 11, 18)  # a Wednesday: its week is 16–22 Nov 2026


def asset(name, status="cleared", expires=None):
    doc = new_asset(f"/event/{name}", "image", 100, 1.0, f"fp-{name}")
    doc["rights"].update(status=status, expires=expires, credit=f"Photo: {name}")
    return doc


@pytest.fixture
def lib(library):
    docs = {"ok": asset("ok.jpg"), "pending": asset("pending.jpg", "pending"),
            "expiring": asset("expiring.jpg", expires="2026-11-19")}
    library.apply("Fill", {d["id"]: d for d in docs.values()})
    library.ids = {k: d["id"] for k, d in docs.items()}
    library.store = PostStore(library)
    return library


def add(lib, when, zone=SYD, asset="ok", **values):
    """A post at a wall-clock time 'YYYY-MM-DD HH:MM' in `zone` (None: unscheduled)."""
    values.setdefault("body", "Main stage lights up")
    scheduled = zones.parse_when(when, zone) if when else None
    return lib.store.create(asset_ids=[lib.ids[asset]], scheduled=scheduled, timezone=zone,
                            **values).ids[0]


@pytest.fixture
def make_view(qtbot, lib):
    make_app(dark=True)

    def _make(**kw):
        view = CalendarView(lib, today=lambda: TODAY, **kw)
        qtbot.addWidget(view)
        view.resize(1000, 700)
        view.show()
        qtbot.waitExposed(view)
        return view
    return _make


def centre(view, post_id) -> QPoint:
    chip = view.canvas.chip_for(post_id)
    assert chip is not None, f"post {post_id} is not shown"
    return chip.rect.center()


def day_of(view, post_id) -> dt.date:
    return view.canvas.day_at(centre(view, post_id))


def drop(view, post_id, day, mime=None):
    """What Qt delivers to the calendar when a drag carrying the post ends over `day`."""
    canvas = view.canvas
    mime = mime or calendar_canvas.post_mime(post_id)
    pos = canvas.day_rect(day).center()
    buttons, mods = Qt.LeftButton, Qt.NoModifier
    enter = QDragEnterEvent(pos, Qt.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(canvas, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos, Qt.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(canvas, move)
    assert move.isAccepted() and canvas.drop_day == day
    event = QDropEvent(QPointF(pos), Qt.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(canvas, event)
    assert event.isAccepted() and canvas.drop_day is None


@pytest.fixture
def drags(monkeypatch):
    """Stands in for the platform's drag loop: keeps each QDrag a widget starts."""
    started = []

    def fake_exec(drag):
        started.append(drag)
        return Qt.IgnoreAction
    monkeypatch.setattr(calendar_canvas, "exec_drag", fake_exec)
    return started


def test_week_and_month_put_posts_on_their_local_days(make_view, lib):
    early = add(lib, "2026-11-17 07:30")            # Sydney morning = 16 Nov in UTC
    late = add(lib, "2026-11-17 23:30")
    la = add(lib, "2026-11-17 22:00", zone="America/Los_Angeles")  # 18 Nov in UTC
    later = add(lib, "2026-11-25 12:00")
    assert lib.store.get(early).utc.date() == dt.date(2026, 11, 16)
    assert lib.store.get(la).utc.date() == dt.date(2026, 11, 18)
    view = make_view()
    assert view.mode == "week" and view.title_text() == "16–22 Nov 2026"
    assert view.visible_days()[0] == dt.date(2026, 11, 16)  # Monday first
    for pid in (early, late, la):
        assert day_of(view, pid) == dt.date(2026, 11, 17)
    assert view.canvas.chip_for(later) is None
    assert view.canvas.chip_for(early).line1.startswith("07:30")
    # stacked by time within the day (the LA post is 17:00 on the 18th in Sydney: after both)
    tops = [view.canvas.chip_for(p).rect.top() for p in (early, late, la)]
    assert tops == sorted(tops)

    view.mode = "month"
    assert view.title_text() == "November 2026"
    assert view.visible_days()[0] == dt.date(2026, 10, 26)
    for pid, day in ((early, 17), (late, 17), (la, 17), (later, 25)):
        assert day_of(view, pid) == dt.date(2026, 11, day)


def test_crowded_month_day_says_how_many_more_and_opens_its_week(make_view, lib, qtbot):
    ids = [add(lib, f"2026-11-10 {9 + i:02d}:00", account=f"@a{i}") for i in range(12)]
    view = make_view()
    view.set_mode("month")
    shown = [p for p in ids if view.canvas.chip_for(p)]
    (rect, day, more), = view.canvas.more
    assert day == dt.date(2026, 11, 10) and 0 < len(shown) < 12 and len(shown) + more == 12
    qtbot.mouseClick(view.canvas, Qt.LeftButton, pos=rect.center())
    assert view.mode == "week" and view.title_text() == "9–15 Nov 2026"
    assert all(view.canvas.chip_for(p) for p in ids)
    assert view.canvas.minimumHeight() > 12 * 40  # the week scrolls rather than crowding


def test_each_status_has_its_own_colour(make_view, lib):
    ids = {s: add(lib, f"2026-11-19 {9 + i:02d}:00", status=s, account=f"@{s}")
           for i, s in enumerate(STATUS_COLOURS)}
    view = make_view()
    image = view.canvas.grab().toImage()
    seen = {}
    for status, pid in ids.items():
        rect = view.canvas.chip_for(pid).rect
        seen[status] = QColor(image.pixel(rect.left() + 2, rect.center().y()))
        want = STATUS_COLOURS[status]
        assert abs(seen[status].red() - want.red()) + abs(seen[status].green() - want.green()) \
            + abs(seen[status].blue() - want.blue()) < 12, status
    assert len({c.rgb() for c in seen.values()}) == 4


def test_dragging_a_chip_to_another_day_moves_it_through_the_runner(make_view, lib, drags):
    pid = add(lib, "2026-11-17 18:45")
    calls = []

    def run_edit(label, perform):
        calls.append(label)
        return perform()
    view = make_view(run_edit=run_edit)
    moved = []
    view.postMoved.connect(moved.append)
    canvas = view.canvas
    start = centre(view, pid)
    QTest.mousePress(canvas, Qt.LeftButton, Qt.NoModifier, start)
    QTest.mouseMove(canvas, start + QPoint(40, 5))
    assert len(drags) == 1 and calendar_canvas.post_id_from(drags[0].mimeData()) == pid
    assert view.selected_post() == pid
    QTest.mouseRelease(canvas, Qt.LeftButton, Qt.NoModifier, start + QPoint(40, 5))

    drop(view, pid, dt.date(2026, 11, 20), drags[0].mimeData())
    post = lib.store.get(pid)
    assert post.local_date == dt.date(2026, 11, 20)
    assert (post.scheduled.hour, post.scheduled.minute) == (18, 45)
    assert calls == ["Move post to Fri 20 Nov"] and moved == [pid]
    assert day_of(view, pid) == dt.date(2026, 11, 20)

    # a drop on the day it is already on changes nothing
    drop(view, pid, dt.date(2026, 11, 20))
    assert len(calls) == 1


def test_move_post_is_undoable_on_a_qundostack(make_view, lib):
    pid = add(lib, "2026-11-16 09:15")
    stack = QUndoStack()
    holder = {}

    def run_edit(label, perform):
        stack.push(CatalogCommand(lib, label, perform, lambda ch: holder["view"].apply_change(ch)))
    view = holder["view"] = make_view(run_edit=run_edit)
    assert view.move_post(pid, dt.date(2026, 11, 22))
    assert stack.count() == 1 and stack.undoText() == "Move post to Sun 22 Nov"
    assert day_of(view, pid) == dt.date(2026, 11, 22)
    stack.undo()
    assert lib.store.get(pid).local_date == dt.date(2026, 11, 16)
    assert day_of(view, pid) == dt.date(2026, 11, 16)
    stack.redo()
    assert day_of(view, pid) == dt.date(2026, 11, 22)
    assert lib.store.get(pid).scheduled.strftime("%H:%M") == "09:15"


def test_moving_into_another_week_shows_that_week(make_view, lib):
    pid = add(lib, "2026-11-16 09:15")
    view = make_view()
    assert view.move_post(pid, dt.date(2026, 12, 2))
    assert view.title_text() == "30 Nov – 6 Dec 2026" and view.canvas.selected == pid
    assert day_of(view, pid) == dt.date(2026, 12, 2)


def tooltip_at(view, pos) -> str:
    canvas = view.canvas
    QApplication.sendEvent(canvas, QHelpEvent(QEvent.ToolTip, pos, canvas.mapToGlobal(pos)))
    return QToolTip.text()


def test_conflict_is_flagged_on_both_posts_and_clears_when_one_moves(make_view, lib):
    a = add(lib, "2026-11-19 17:00", account="@livefest", body="Doors open first band at 7")
    b = add(lib, "2026-11-19 17:05", account="@livefest", body="Queue check it is moving")
    other = add(lib, "2026-11-19 17:03", account="@elsewhere")
    view = make_view()
    chips = {p: view.canvas.chip_for(p) for p in (a, b, other)}
    assert chips[a].conflict and chips[b].conflict and not chips[other].conflict
    image = view.canvas.grab().toImage()
    edge = chips[a].rect
    assert QColor(image.pixel(edge.center().x(), edge.top() + 1)) == CONFLICT  # red border
    tip = tooltip_at(view, centre(view, a))
    assert "Conflict" in tip and "Queue check" in tip and "5 min" in tip
    assert "Doors open" in tooltip_at(view, centre(view, b))

    assert view.move_post(b, dt.date(2026, 11, 21))
    assert not view.canvas.chip_for(a).conflict and not view.canvas.chip_for(b).conflict
    assert "Conflict" not in tooltip_at(view, centre(view, a))


def test_rights_problem_on_the_scheduled_date_is_flagged(make_view, lib):
    pending = add(lib, "2026-11-17 12:00", asset="pending")
    expiring = add(lib, "2026-11-19 12:00", asset="expiring")   # valid until 19 Nov
    fine = add(lib, "2026-11-17 13:00")
    view = make_view()
    assert view.canvas.chip_for(pending).rights and not view.canvas.chip_for(fine).rights
    assert not view.canvas.chip_for(expiring).rights
    tip = tooltip_at(view, centre(view, pending))
    assert "pending.jpg" in tip and "rights pending" in tip

    view.move_post(expiring, dt.date(2026, 11, 20))
    assert view.canvas.chip_for(expiring).rights
    assert "expired" in tooltip_at(view, centre(view, expiring))
    # clearing the asset's rights elsewhere clears the flag once the view hears of the change
    view.apply_change(lib.set_rights([lib.ids["pending"]], status="cleared"))
    assert not view.canvas.chip_for(pending).rights


def test_moving_across_the_dst_change_keeps_the_wall_clock(make_view, lib):
    pid = add(lib, "2026-10-03 09:00")              # AEST, +10
    gap = add(lib, "2026-10-03 02:30", account="@night")
    view = make_view()
    view.show_date(dt.date(2026, 10, 3))
    assert view.title_text() == "28 Sep – 4 Oct 2026"
    assert view.move_post(pid, dt.date(2026, 10, 5))  # AEDT, +11
    post = lib.store.get(pid)
    assert post.scheduled.strftime("%H:%M") == "09:00"
    assert post.scheduled.utcoffset() == dt.timedelta(hours=11)
    assert view.canvas.chip_for(pid).line1.startswith("09:00")
    # 02:30 does not exist on 4 Oct: the drop lands at 03:00, the first time after the gap,
    # and says so
    view.show_date(dt.date(2026, 10, 3))
    said = []
    view.message.connect(said.append)
    drop(view, gap, dt.date(2026, 10, 4))
    assert lib.store.get(gap).scheduled.strftime("%d %H:%M") == "04 03:00"
    assert "02:30 does not exist" in view.notice.text() and "03:00" in said[-1]


def test_moving_into_the_repeated_hour_takes_the_first_pass_and_says_so(make_view, lib):
    pid = add(lib, "2027-04-03 02:30", account="@night")
    view = make_view()
    view.show_date(dt.date(2027, 4, 3))
    drop(view, pid, dt.date(2027, 4, 4))
    post = lib.store.get(pid)
    assert post.scheduled.isoformat() == "2027-04-04T02:30:00+11:00"      # first pass, AEDT
    assert "happens twice" in view.notice.text() and "+10:00" in view.notice.text()
    view.move_post(pid, dt.date(2027, 4, 5))                             # an ordinary night
    assert view.notice.text() == ""


def test_unscheduled_post_dragged_onto_a_day_is_scheduled_at_noon(make_view, lib, qtbot, drags):
    pid = add(lib, None, body="Lineup announcement teaser")
    view = make_view()
    listing = view.unscheduled
    assert view.unscheduled_label.text() == "Unscheduled (1)" and listing.count() == 1
    assert "Lineup announcement" in listing.item(0).text()
    pos = listing.visualItemRect(listing.item(0)).center()
    qtbot.mousePress(listing.viewport(), Qt.LeftButton, pos=pos)
    QTest.mouseMove(listing.viewport(), pos + QPoint(30, 0))
    QTest.mouseMove(listing.viewport(), pos + QPoint(60, 0))
    qtbot.mouseRelease(listing.viewport(), Qt.LeftButton, pos=pos + QPoint(60, 0))
    assert calendar_canvas.post_id_from(drags[0].mimeData()) == pid

    drop(view, pid, dt.date(2026, 11, 21), drags[0].mimeData())
    post = lib.store.get(pid)
    assert post.scheduled.strftime("%Y-%m-%d %H:%M") == "2026-11-21 12:00"
    assert view.unscheduled_label.text() == "Unscheduled (0)" and listing.count() == 0
    assert day_of(view, pid) == dt.date(2026, 11, 21)


def test_prev_next_today_change_the_title(make_view, qtbot):
    view = make_view()
    click = lambda b: qtbot.mouseClick(b, Qt.LeftButton)  # noqa: E731
    click(view.next_button)
    assert view.title_text() == "23–29 Nov 2026"
    click(view.prev_button)
    click(view.prev_button)
    assert view.title_text() == "9–15 Nov 2026"
    click(view.today_button)
    assert view.title_text() == "16–22 Nov 2026"
    click(view.month_button)
    assert view.mode == "month" and view.title_text() == "November 2026"
    click(view.next_button)
    click(view.next_button)
    assert view.title_text() == "January 2027"
    click(view.prev_button)
    click(view.week_button)
    assert view.title_text() == "30 Nov – 6 Dec 2026"
    view.show_date(dt.date(2026, 12, 30))
    assert view.title_text() == "28 Dec 2026 – 3 Jan 2027"


def test_double_click_or_enter_opens_and_alt_arrows_move(make_view, lib, qtbot):
    a = add(lib, "2026-11-17 10:00")
    b = add(lib, "2026-11-18 10:00", account="@b")
    view = make_view()
    canvas = view.canvas
    with qtbot.waitSignal(view.postActivated) as opened:
        qtbot.mouseDClick(canvas, Qt.LeftButton, pos=centre(view, a))
    assert opened.args == [a]
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=centre(view, a))
    qtbot.keyClick(canvas, Qt.Key_Right)
    assert canvas.selected == b
    with qtbot.waitSignal(view.postActivated) as opened:
        qtbot.keyClick(canvas, Qt.Key_Return)
    assert opened.args == [b]
    qtbot.keyClick(canvas, Qt.Key_Right, Qt.AltModifier)
    assert lib.store.get(b).local_date == dt.date(2026, 11, 19) and canvas.selected == b


def test_refresh_picks_up_posts_made_elsewhere(make_view, lib):
    view = make_view()
    pid = add(lib, "2026-11-20 11:00")
    assert view.canvas.chip_for(pid) is None
    view.refresh()
    assert day_of(view, pid) == dt.date(2026, 11, 20)
    view.apply_change(lib.store.delete(pid))
    assert view.canvas.chip_for(pid) is None
