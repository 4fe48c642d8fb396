"""Screenshots of the window on the demo campaign, for the README (and for looking at it).

    QT_QPA_PLATFORM=offscreen python tests/screenshots.py [--out docs/screenshots]
    xvfb-run -s "-screen 0 1920x1080x24" python tests/screenshots.py
    python tests/screenshots.py --measure     # also time "window shown" from process start
    python tests/screenshots.py --measure-scan 2000   # longest UI stall while scanning N photos
    (the full benchmark with baselines is tests/bench/bench_ui.py; both use tests/ui_measure.py)

Builds the demo campaign in a temporary library (cached under the temp folder between runs),
gives some assets ratings, flags, tags and rights so the badges show, opens the main window at
1280x800 (a laptop; the docks are shot at that size too), waits for thumbnails and saves
main-dark.png, inspector-dark.png, the cut editor, the posts dock with the calendar, every
dock at once at 1280x800 and 1920x1080 (all-docks-*.png; run on a 1920x1080 screen), and
main-light.png.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import ui_measure  # noqa: E402  (the measuring code shared with tests/bench/bench_ui.py)


def shoot(lib: Path, out: Path) -> None:
    from PySide6.QtCore import QSettings

    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.window.app import make_app
    from liveassets.ui.window.main_window import MainWindow
    from liveassets.ui.theme.palette import set_theme

    app = make_app(dark=True)
    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(lib / "screenshot-settings.ini"), QSettings.IniFormat)
    settings.clear()
    with Catalog(lib) as cat:
        win = MainWindow(cat, settings)
        win.resize(1280, 800)
        win.show()

        def settle(seconds=1.5):
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)
                win.view.viewport().update()

        def loaded():
            rows = range(min(win.model.rowCount(), 24))
            return all(win.thumbs.pixmap(win.model.doc(r)) is not None for r in rows
                       if win.model.doc(r).get("thumbnail"))

        deadline = time.monotonic() + 20
        while not loaded() and time.monotonic() < deadline:
            settle(0.2)
        settle(0.5)
        win.grab().save(str(out / "main-dark.png"))
        # The inspector on a clip, a second into playback, paused: the player shows a frame.
        videos = [r for r in range(win.model.rowCount())
                  if win.model.doc(r).get("kind") == "video"]
        win.view.move_to_row(videos[0] if videos else 4)
        settle(1.0)
        player = win.inspector.video
        if player.isVisible() and player.player is not None:
            player.toggle()
            deadline = time.monotonic() + 10
            while player.slider.value() < 1200 and time.monotonic() < deadline:
                settle(0.05)
            player.toggle()
            settle(0.5)
        win.grab().save(str(out / "inspector-dark.png"))
        win.view.setFocus()
        win.view.move_to_row(4)
        settle(0.5)
        win.open_quick_look()
        settle(0.8)
        win.grab().save(str(out / "quicklook-dark.png"))
        win.quick_look.close_look()
        shoot_cut(win, out, settle)
        shoot_posts(win, cat, out, settle)
        shoot_all_docks(win, out, settle)
        set_theme(app, dark=False)
        win.search.set_text("rights:unknown OR rights:pending")
        settle(1.0)
        win.grab().save(str(out / "main-light.png"))
        win.search.set_text("kind:video colour:red")
        settle(0.3)
        win.grab().save(str(out / "query-error-light.png"))
        win.shutdown()
        win.close()
    print(json.dumps({"screenshots": sorted(str(p) for p in out.glob("*.png"))}))


def _select(win, rows) -> None:
    from PySide6.QtCore import QItemSelectionModel

    sel = win.view.selectionModel()
    sel.clearSelection()
    for r in rows:
        sel.select(win.model.index(r, 0), QItemSelectionModel.Select)


def shoot_cut(win, out: Path, settle) -> None:
    """The Cut dock: three clips and a photo, a title card, the framing of a landscape clip."""
    from liveassets.cuts.plan import Card

    docs = [win.model.doc(r) for r in range(win.model.rowCount())]
    videos = [r for r, d in enumerate(docs) if d.get("kind") == "video"][:3]
    photos = [r for r, d in enumerate(docs) if d.get("kind") == "image"][:1]
    _select(win, videos + photos)
    win.add_to_cut_action.trigger()
    editor = win.cut_editor
    editor.name_edit.setText("Sydney meetup recap")
    editor.plan.title = Card("LIVE Creator Meetup", 2.0)
    editor.plan.caption = "Sydney, 21 Nov"
    editor.extras.set_plan(editor.plan)
    editor._update_total()
    wide = next((r for r in range(editor.list.count())
                 if not editor.segment(r).is_photo), 0)
    editor.list.setCurrentRow(wide)
    win.resize(1280, 800)  # a laptop: every dock must fit it (tests/test_ui_fit.py)
    settle(2.0)
    win.grab().save(str(out / "cut-editor-dark.png"))
    editor.tabs.setCurrentIndex(1)
    settle(0.5)
    win.grab().save(str(out / "cut-extras-dark.png"))
    editor.plan.captions = [{"start": 2.4, "end": 4.1, "text": "Welcome to the LIVE Creator\nMeetup in Sydney!"},
                            {"start": 4.3, "end": 6.0, "text": "Thank you all for coming 🎉"},
                            {"start": 6.2, "end": 7.9, "text": "字幕 テスト 👍🏽"}]
    editor.captions.refresh()
    editor.tabs.setCurrentIndex(editor.tabs.indexOf(editor.captions))
    settle(0.5)
    win.grab().save(str(out / "cut-captions-dark.png"))
    editor.tabs.setCurrentIndex(0)
    editor.hide()


def shoot_posts(win, cat, out: Path, settle) -> None:
    """The Posts dock with the composer on a post, and the calendar below the grid."""
    import datetime as dt

    from liveassets.publish.posts import PostStore

    store = PostStore(cat)
    for post in store.all():  # the cached library keeps last run's posts
        store.delete(post.id)
    ids = [win.model.doc(r)["id"] for r in range(min(12, win.model.rowCount()))]
    from liveassets import clock

    today = clock.today()  # the team's day, as the calendar shows it
    monday = today - dt.timedelta(days=today.weekday())
    plan = [(0, "09:00", "tiktok", "scheduled", "Night one of the LIVE Creator Meetup 🎤✨ "
             "thanks @kai.creates for the energy!", "#LIVEMeetup #Sydney #creators"),
            (0, "18:30", "instagram", "ready", "Behind the scenes in Sydney 📸", "#LIVEMeetup"),
            (1, "12:00", "tiktok", "draft", "Who won the dance-off? 👀", "#LIVEMeetup #dance"),
            (2, "17:00", "youtube", "scheduled", "Full recap: LIVE Creator Meetup Sydney",
             "#Shorts"),
            (2, "17:05", "youtube", "ready", "Creator Q&A highlights", "#Shorts #QandA"),
            (3, "10:00", "x", "published", "What a night in Sydney. Thank you all! 🙌",
             "#LIVEMeetup"),
            (4, "19:00", "tiktok", "scheduled", "Auckland, you're next 🇳🇿", "#LIVEMeetup #NZ"),
            (5, "11:00", "instagram", "draft", "Carousel: the best 10 moments", "#recap")]
    for n, (day, at, platform, status, body, tags) in enumerate(plan):
        hour, minute = map(int, at.split(":"))
        when = dt.datetime.combine(monday + dt.timedelta(days=day), dt.time(hour, minute))
        store.create(body=body, hashtags=tags.split(), platform=platform, status=status,
                     scheduled=when, account="@liveanz",
                     asset_ids=ids[n % len(ids): n % len(ids) + 2])
    panel = win.posts_panel
    panel.show()
    panel.raise_()
    panel.refresh()
    panel.list.setCurrentRow(0)
    win.calendar.show()
    win.calendar.view.refresh()
    win.resize(1280, 800)
    settle(1.5)
    win.grab().save(str(out / "posts-calendar-dark.png"))
    panel.hide()
    win.calendar.hide()
    win.resize(1280, 800)
    settle(0.3)


def shoot_all_docks(win, out: Path, settle) -> None:
    """Every dock open at once (Cut and Posts share the right side as tabs, the calendar under
    the grid), on a 1280x800 laptop and a 1920x1080 monitor: nothing may fall off the screen."""
    for dock in (win.cut_editor, win.posts_panel, win.calendar):
        dock.show()
    win.posts_panel.raise_()
    for width, height in ((1280, 800), (1920, 1080)):
        win.resize(width, height)
        settle(1.5)
        win.grab().save(str(out / f"all-docks-{width}.png"))
    for dock in (win.cut_editor, win.posts_panel, win.calendar):
        dock.hide()
    win.resize(1280, 800)
    settle(0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--measure", action="store_true")
    parser.add_argument("--measure-scan", type=int, metavar="N", default=0)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    cache = Path(tempfile.gettempdir()) / "liveassets-screenshots"
    lib = ui_measure.demo_library(cache)
    if args.measure:
        print(json.dumps({"window_shown_s": ui_measure.window_shown(lib), "budget_s": 2.5}))
    if args.measure_scan:
        print(json.dumps(ui_measure.scan_stall(args.measure_scan, cache)))
    shoot(lib, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
