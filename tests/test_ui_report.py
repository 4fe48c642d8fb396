"""The Report dock in the real window: the empty state's sentence (no blank charts), the
week's KPIs and charts after importing /work/shared/analytics' fixtures, the platform filter,
a post opening in the composer, refreshing through the ChangeRelay when an import lands, and
Export PDF / XLSX on the work pool ending in one status line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from liveassets.analytics import readers  # noqa: E402
from liveassets.analytics.snapshots import AnalyticsStore  # noqa: E402
from liveassets.publish.posts import PostStore  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "analytics"
STUDIO = SHARED / "tiktok-studio"


@pytest.fixture
def shared():
    if not SHARED.is_dir():
        pytest.skip("shared/analytics is not beside the repo")
    return SHARED


def import_fixtures(catalog) -> None:
    store = AnalyticsStore(catalog)
    store.save(readers.read([STUDIO / "snapshot-2026-11-23" / "Content.csv"]))
    store.save(readers.read([STUDIO / "Overview.csv", STUDIO / "FollowerHistory.csv",
                             STUDIO / "Content.csv", SHARED / "instagram" / "Views.csv"],
                            as_of=dt.date(2026, 11, 30)))


def show_report(qtbot, win, week="2026-W48"):
    dock = win.report
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        win.report_action.trigger()
    if week and week != dock.week:
        with qtbot.waitSignal(dock.refreshed, timeout=20000):
            dock.set_week(week)
    return dock


def test_empty_library_says_how_to_import(qtbot, open_window):
    win = open_window()
    dock = show_report(qtbot, win, week=None)
    view = dock.view
    assert view.currentWidget() is view.empty and view.empty.isVisible()
    assert "Import analytics…" in view.empty.text()
    assert "liveassets stats import" in view.empty.text()
    assert view.canvases == {}                        # no blank charts
    assert not dock.pdf_button.isEnabled()
    assert "Report" in [a.text() for a in win.menus.view.actions()]


def test_week_figures_charts_and_filter(qtbot, open_window, library, shared):
    import_fixtures(library)
    win = open_window()
    dock = show_report(qtbot, win)
    view = dock.view
    # the README's W48 and W47 sums, and the change
    assert view.kpi("TikTok", "Views") == ("65,497", "+77.5 %", "36,910")
    assert view.kpi("TikTok", "Likes") == ("4,912", "+87.1 %", "2,625")
    assert view.kpi("TikTok", "Comments")[::2] == ("107", "107")
    assert view.kpi("TikTok", "Shares")[::2] == ("421", "248")
    assert view.kpi("TikTok", "Net followers")[::2] == ("342", "122")
    assert view.kpi("TikTok", "Profile views")[::2] == ("1,396", "808")
    assert view.kpi("Instagram", "Views")[::2] == ("65,236", "36,946")
    assert set(view.canvases) == {"views_per_day", "week_vs_previous", "top_posts"}
    line = view.canvases["views_per_day"].figure.axes[0].lines
    assert sum(next(l for l in line if l.get_label() == "TikTok").get_ydata()) == 65497
    assert view.top.count() >= 1 and "views" in view.top.item(0).text()
    # the platform filter: TikTok only
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        dock.platform_box.setCurrentIndex(dock.platform_box.findData("tiktok"))
        dock.platform_box.activated.emit(dock.platform_box.currentIndex())
    assert view.kpi_platforms() == ["TikTok"]
    assert all("TikTok" in view.top.item(i).text() for i in range(view.top.count()))
    # the week before, then back
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        dock.prev_button.click()
    assert dock.week == "2026-W47"
    assert view.kpi("TikTok", "Views")[0] == "36,910"


def test_a_linked_post_opens_in_the_composer(qtbot, open_window, library, shared):
    from liveassets.publish import zones

    post_id = PostStore(library).create(
        platform="tiktok", account="liveanz", body="LIVE Fest night one recap",
        status="published", timezone="Australia/Sydney",
        scheduled=zones.parse_when("2026-11-24 20:15", "Australia/Sydney"),
        published_url="https://www.tiktok.com/@liveanz/video/7300000000000000005",
        platform_post_id="7300000000000000005").ids[0]
    import_fixtures(library)
    win = open_window()
    dock = show_report(qtbot, win)
    top = dock.view.top
    row = next(i for i in range(top.count()) if top.item(i).data(Qt_UserRole1()) == post_id)
    top.itemActivated.emit(top.item(row))
    qtbot.waitUntil(lambda: win.posts_panel.isVisible())
    assert win.posts_panel.composer.post is not None
    assert win.posts_panel.composer.post.id == post_id


def Qt_UserRole1():
    from liveassets.ui.report.view import ID_ROLE
    return ID_ROLE


def test_an_import_refreshes_the_open_report(qtbot, open_window, library, shared):
    win = open_window()
    dock = show_report(qtbot, win)
    assert dock.view.currentWidget() is dock.view.empty
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        dock.import_paths([str(STUDIO / "Overview.csv"), str(STUDIO / "FollowerHistory.csv")])
    # the status line says what was read; the relay brought the new figures
    qtbot.waitUntil(lambda: dock.view.currentWidget() is not dock.view.empty, timeout=20000)
    assert win.last_message == "Read 2 tables from 2 files. Saved: 14 days and 0 posts updated."
    assert dock.week == "2026-W48" and dock.view.kpi("TikTok", "Views")[0] == "65,497"


def test_import_of_an_unreadable_file_is_one_line(qtbot, open_window, tmp_path):
    win = open_window()
    dock = show_report(qtbot, win, week=None)
    bad = tmp_path / "Overview_broken.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    dock.import_paths([str(bad)])
    qtbot.waitUntil(lambda: dock.import_button.isEnabled(), timeout=20000)
    assert win.last_message and "\n" not in win.last_message
    assert "Overview_broken.zip" in win.last_message
    assert "Traceback" not in win.last_message


def test_unknown_columns_cancelled_reads_nothing(qtbot, open_window, library, tmp_path):
    win = open_window()
    dock = show_report(qtbot, win, week=None)
    dock.ask_mapping = lambda *args: None          # the person presses Cancel
    notes = tmp_path / "notes.csv"
    notes.write_text("Date,Colour,Mood\n2026-11-23,red,happy\n", encoding="utf-8")
    dock.import_paths([str(notes)])
    qtbot.waitUntil(lambda: "cancelled" in (getattr(win, "last_message", "") or ""),
                    timeout=20000)
    assert win.last_message == "Import cancelled: notes.csv was not read."
    assert AnalyticsStore(library).days() == []


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_export_runs_on_the_work_pool(qtbot, open_window, library, shared, tmp_path, kind):
    import_fixtures(library)
    win = open_window()
    dock = show_report(qtbot, win)
    target = tmp_path / f"report.{kind}"
    dock.export_to(str(target))
    assert not dock.pdf_button.isEnabled()            # busy while it writes
    qtbot.waitUntil(lambda: dock.pdf_button.isEnabled(), timeout=30000)
    assert win.last_message == f"Report saved: {target}"
    data = target.read_bytes()
    assert data.startswith(b"%PDF" if kind == "pdf" else b"PK")


def test_the_report_fits_a_laptop_screen(qtbot, open_window, library, shared):
    """Opening the Report (filled) on the 1280x800 offscreen screen never widens the window
    past it, and its buttons stay inside the window (as tests/test_ui_fit.py checks the
    other docks)."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen().availableGeometry()
    if screen.width() < 1280 or screen.height() < 800:
        pytest.skip("needs the 1280x800 offscreen screen tests/conftest.py sets up")
    import_fixtures(library)
    win = open_window()
    win.resize(1280, 800)
    dock = show_report(qtbot, win)
    qtbot.wait(50)
    assert win.frameGeometry().width() <= screen.width()
    assert screen.contains(win.frameGeometry())
    for button in (dock.prev_button, dock.next_button, dock.import_button, dock.pdf_button,
                   dock.xlsx_button, dock.platform_box):
        rect = QRect(button.mapTo(win, QPoint(0, 0)), button.size())
        assert win.rect().contains(rect), (button, rect)
        assert not button.visibleRegion().isEmpty()


def test_unknown_columns_are_mapped_once_in_the_window(qtbot, open_window, tmp_path):
    """A French-headed Overview: the import asks what "Vues" and "Partages" hold (the dialog,
    answered here as a person would), imports with the answer, and the next file with those
    headers imports without asking."""
    import analytics_files as gen
    from liveassets.ui.report.mapping import ColumnMappingDialog

    win = open_window()
    dock = show_report(qtbot, win, week=None)
    asked = []

    def answer(parent, message, platform, columns, known):
        dialog = ColumnMappingDialog(message, platform, columns, known, parent)
        asked.append((platform, columns))
        dialog.platform_box.setCurrentIndex(dialog.platform_box.findData("tiktok"))
        for column, target in (("Vues", "Video views"), ("Partages", "Shares")):
            box = dialog.boxes[column]
            assert box.findData(target) >= 0, [box.itemText(i) for i in range(box.count())]
            box.setCurrentIndex(box.findData(target))
        result = dialog.answer()
        dialog.deleteLater()
        return result

    dock.ask_mapping = answer
    first = gen.studio_csv(tmp_path / "Overview.csv", ("Date", "Vues", "Partages"),
                           [("23 novembre", "1 200", "7"), ("24 novembre", "1,5K", "9")])
    dock.import_paths([str(first)])
    qtbot.waitUntil(lambda: "Saved" in (getattr(win, "last_message", "") or ""), timeout=20000)
    assert asked and set(asked[0][1]) == {"Vues", "Partages"}
    assert win.last_message.endswith("Saved: 2 days and 0 posts updated.")
    (tmp_path / "again").mkdir()
    second = gen.studio_csv(tmp_path / "again" / "Overview.csv", ("Date", "Vues", "Partages"),
                            [("25 novembre", "900", "3")])
    dock.import_paths([str(second)])
    qtbot.waitUntil(lambda: "1 day" in (getattr(win, "last_message", "") or ""), timeout=20000)
    assert len(asked) == 1                                   # remembered: not asked again


def test_only_changes_to_the_weeks_posts_assets_recompute(qtbot, open_window, library, shared):
    """A tag on an asset of a reported post recomputes the report (its roll-ups change); an
    edit to an unrelated asset (a scan bringing photos in) does not."""
    from liveassets.catalog.schema import new_asset
    from liveassets.publish import zones

    used = new_asset("/ev/stage.jpg", "image", 1, 1.0, "stage")
    other = new_asset("/ev/other.jpg", "image", 1, 1.0, "other")
    library.apply("Fill", {used["id"]: used, other["id"]: other})
    PostStore(library).create(
        platform="tiktok", account="liveanz", body="LIVE Fest night one recap",
        status="published", timezone="Australia/Sydney", asset_ids=[used["id"]],
        scheduled=zones.parse_when("2026-11-24 20:15", "Australia/Sydney"),
        published_url="https://www.tiktok.com/@liveanz/video/7300000000000000005",
        platform_post_id="7300000000000000005")
    import_fixtures(library)
    win = open_window()
    dock = show_report(qtbot, win)
    runs = []
    dock.refreshed.connect(lambda: runs.append(1))
    library.apply("Tag", {other["id"]: {**library.get(other["id"]), "tags": ["crowd"]}})
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()                      # the relay's queued wake-up
    win.relay.flush()                                 # and whatever it still holds
    assert win.relay.deliveries >= 1                  # the change did reach the views
    assert runs == [] and win.jobs.pending(owner=dock) == 0
    with qtbot.waitSignal(dock.refreshed, timeout=20000):
        library.apply("Tag", {used["id"]: {**library.get(used["id"]),
                                           "tags": ["campaign:LIVE Fest"]}})
    assert "LIVE Fest" in dock.data["figures"]["by_campaign"]


def test_switching_the_palette_redraws_the_charts(qtbot, open_window, library, shared):
    import_fixtures(library)
    win = open_window()
    dock = show_report(qtbot, win)
    from matplotlib.colors import to_hex

    def chart_background():
        return to_hex(dock.view.canvases["views_per_day"].figure.get_facecolor())

    dark = chart_background()
    win.theme_actions["light"].trigger()
    qtbot.waitUntil(lambda: chart_background() != dark)
    light = chart_background()
    assert int(light[1:3], 16) > int(dark[1:3], 16)        # a light background now
    win.theme_actions["dark"].trigger()
    qtbot.waitUntil(lambda: chart_background() == dark)


def test_the_wheel_scrolls_the_report_over_a_chart(qtbot, open_window, library, shared):
    """matplotlib's canvas accepts every wheel event, so scrolling the report stopped dead
    over a chart. The report's charts leave the wheel unaccepted, which makes Qt hand a real
    (spontaneous) wheel to the scroll area around them; a plain canvas, for contrast, keeps
    it. (A test's sendEvent is not spontaneous, so Qt does not propagate it: the accepted
    flag is what can be checked.)"""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    import_fixtures(library)
    win = open_window()
    dock = show_report(qtbot, win)

    def wheel(widget) -> bool:
        centre = QPointF(widget.width() / 2, widget.height() / 2)
        event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())),
                            QPoint(0, 0), QPoint(0, -120), Qt.NoButton, Qt.NoModifier,
                            Qt.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)
        return event.isAccepted()

    for canvas in dock.view.canvases.values():
        assert not wheel(canvas)
    plain = FigureCanvasQTAgg(dock.view.canvases["views_per_day"].figure)
    qtbot.addWidget(plain)
    assert wheel(plain)


def test_an_export_that_cannot_be_written_is_one_line(qtbot, open_window, library, shared,
                                                      tmp_path):
    import_fixtures(library)
    win = open_window()
    dock = show_report(qtbot, win)
    target = tmp_path / "gone" / "report.pdf"
    dock.export_to(str(target))
    qtbot.waitUntil(lambda: dock.pdf_button.isEnabled(), timeout=30000)
    assert "does not exist" in win.last_message and "\n" not in win.last_message
    assert not target.parent.exists()


def test_a_monday_moves_the_default_week_on(qtbot, open_window):
    """Left open over the weekend, the report on the default week moves to the week that just
    ended when the team's Monday begins; a week picked by hand stays where it was."""
    import datetime as dt

    win = open_window()
    dock = win.report
    days = {"today": dt.date(2026, 11, 29)}                 # a Sunday: W47 is the last done
    dock.today = lambda: days["today"]
    dock.default_week = dock.week = "2026-W47"
    days["today"] = dt.date(2026, 11, 30)                   # Monday
    win.new_day(days["today"])
    assert dock.week == "2026-W48" and dock.default_week == "2026-W48"
    dock.set_week("2026-W40")                               # picked by hand
    days["today"] = dt.date(2026, 12, 7)
    win.new_day(days["today"])
    assert dock.week == "2026-W40"
    assert dock.next_button.isEnabled()


def test_the_window_starts_without_matplotlib():
    """matplotlib (0.5 s to import) loads when a report is first shown, not with the window."""
    import subprocess
    import sys

    code = ("import sys; import liveassets.ui.window.main_window, liveassets.ui.report.dock; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "False", out.stderr
