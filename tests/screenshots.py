"""Screenshots of the window on the demo campaign, for the README (and for looking at it).

    QT_QPA_PLATFORM=offscreen python tests/screenshots.py [--out docs/screenshots]
    xvfb-run -s "-screen 0 1920x1080x24" python tests/screenshots.py
    python tests/screenshots.py --measure     # also time "window shown" from process start
    python tests/screenshots.py --measure-scan 2000   # longest UI stall while scanning N photos
    (the full benchmark with baselines is tests/bench/bench_ui.py; both use tests/ui_measure.py)

Builds the demo campaign in a temporary library (cached under the temp folder between runs),
gives some assets ratings, flags, tags and rights so the badges show, opens the main window at
1280x800 (a laptop; the docks are shot at that size too), waits for thumbnails and saves
main-dark.png, inspector-dark.png, the cut editor (its framing scrubbed, its preview playing in
the Watch tab: cut-look-at-dark.png, cut-watch-1280.png, cut-watch-1920.png), the posts dock
with the calendar, the Report dock on the shared analytics fixtures (report-dark.png,
report-1920.png), every
dock at once at 1280x800 and 1920x1080 (all-docks-*.png; run on a 1920x1080 screen), and
main-light.png. Culling (issue 15) is shot on its own library of generated bursts (shifted,
blurred and blown-out frames of three scenes, and two corpus photos): stacks collapsed and
opened, quick look at 100 %, and the compare view of a burst's four frames, each at 1280x800
and 1920x1080 (`--culling-only` makes just those).
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
        win.looking.open_quick_look()
        settle(0.8)
        win.grab().save(str(out / "quicklook-dark.png"))
        win.quick_look.close_look()
        shoot_cut(win, out, settle)
        shoot_posts(win, cat, out, settle)
        shoot_report(win, cat, out, settle)
        shoot_all_docks(win, out, settle)
        shoot_creators(win, out, settle)
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
    shoot_watch(win, out, settle)
    editor.hide()


def shoot_watch(win, out: Path, settle) -> None:
    """The Look at bar scrubbed into a clip with its highlight moments, then the half-size
    preview playing in the Watch tab (the segment playing highlighted), at 1280x800 and
    1920x1080."""
    editor = win.cut_editor
    editor.ask_override = lambda problems: "Screenshot of the demo"  # restricted demo assets
    editor.ask_warnings = lambda warnings: True
    panel = editor.segment_panel
    store = editor.watching.moments
    clips = [r for r in range(editor.list.count()) if not editor.segment(r).is_photo]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(
            store.get(editor.segment(r).source) is None for r in clips):
        settle(0.2)
    if clips:  # the clip with the most moments shows what the bar is for
        editor.list.setCurrentRow(max(clips, key=lambda r: len(
            store.known(editor.segment(r).source) or [])))
    settle(0.5)
    seg = panel.seg
    if seg is not None and not seg.is_photo:
        panel.scrub._seek_to((seg.start + seg.end) * 0.6)  # as a click on the bar does
    settle(1.0)
    win.grab().save(str(out / "cut-look-at-dark.png"))
    done = []
    editor.previewed.connect(done.append)
    editor.preview()
    deadline = time.monotonic() + 180
    while not done and time.monotonic() < deadline:
        settle(0.2)
    player = editor.watching.player
    if done and player.player is not None:  # played to past the middle, then paused
        player.toggle()
        deadline = time.monotonic() + 30
        while player.position() < player.duration * 0.55 and time.monotonic() < deadline:
            settle(0.05)
        player.toggle()
        settle(1.0)
    for width, height in ((1280, 800), (1920, 1080)):
        win.resize(width, height)
        settle(1.0)
        win.grab().save(str(out / f"cut-watch-{width}.png"))
    win.resize(1280, 800)
    editor.tabs.setCurrentIndex(0)


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


SHARED_ANALYTICS = ROOT.parent / "shared" / "analytics"
if not SHARED_ANALYTICS.is_dir():
    SHARED_ANALYTICS = Path("/work/shared/analytics")


def shoot_report(win, cat, out: Path, settle) -> None:
    """The Report dock on week 2026-W48 of the shared analytics fixtures (TikTok Studio with
    both content snapshots, Instagram's Views.csv, YouTube), three of the exported TikTok
    videos linked to library posts with demo photos (so the top posts show thumbnails), at
    1280x800 (report-dark.png) and 1920x1080 (report-1920.png). Skipped without the fixtures."""
    import datetime as dt

    from liveassets.analytics import readers
    from liveassets.analytics.snapshots import AnalyticsStore
    from liveassets.publish import zones
    from liveassets.publish.posts import PostStore

    if not SHARED_ANALYTICS.is_dir():
        return
    studio = SHARED_ANALYTICS / "tiktok-studio"
    store = AnalyticsStore(cat)
    store.save(readers.read([studio / "snapshot-2026-11-23" / "Content.csv"]))
    store.save(readers.read([studio / "Overview.csv", studio / "FollowerHistory.csv",
                             studio / "Content.csv", SHARED_ANALYTICS / "instagram" /
                             "Views.csv", SHARED_ANALYTICS / "instagram" /
                             "content-export.csv", SHARED_ANALYTICS / "youtube" /
                             "Table data.csv", SHARED_ANALYTICS / "youtube" / "Totals.csv"],
                            as_of=dt.date(2026, 11, 30)))
    posts = PostStore(cat)
    photos = [win.model.doc(r)["id"] for r in range(win.model.rowCount())
              if win.model.doc(r).get("kind") == "image"]
    for n, (video, at) in enumerate((("7300000000000000005", "2026-11-24 20:15"),
                                     ("7300000000000000004", "2026-11-21 17:45"),
                                     ("7300000000000000002", "2026-11-19 12:30"))):
        posts.create(platform="tiktok", account="liveanz", status="published",
                     body="Linked for the report", timezone="Australia/Sydney",
                     scheduled=zones.parse_when(at, "Australia/Sydney"),
                     published_url=f"https://www.tiktok.com/@liveanz/video/{video}",
                     platform_post_id=video, asset_ids=photos[n * 3:n * 3 + 1])
    dock = win.report
    dock.show()
    dock.raise_()
    dock.set_week("2026-W48")
    from PySide6.QtCore import Qt

    for name, (width, height) in (("report-dark", (1280, 800)), ("report-1920", (1920, 1080))):
        win.resize(width, height)
        settle(0.5)
        win.resizeDocks([dock], [width // 2], Qt.Horizontal)   # as a user widens it
        settle(2.5)
        win.grab().save(str(out / f"{name}.png"))
    dock.hide()
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


def shoot_creators(win, out: Path, settle) -> None:
    """File > Import submissions… on a Google Forms-style folder (kept beside the cached
    library), its report, then the Creators dock with one creator's files in the grid and the
    row a file came with in the inspector, at 1280x800 and 1920x1080."""
    import shutil

    from PySide6.QtGui import QGuiApplication

    from intake_gen import make_folder, write_csv
    from liveassets import clock
    from liveassets.ui.window.docks import open_import_submissions

    root = Path(tempfile.gettempdir()) / "liveassets-screenshots-submissions"
    shutil.rmtree(root, ignore_errors=True)
    folder = make_folder(root, library_copy=None)
    write_csv(root / "LIVE Fest Submissions (Responses).csv", clock.today())
    for width, height in ((1280, 800), (1920, 1080)):
        win.resize(width, height)
        dialog = open_import_submissions(win, str(folder))
        dialog.resize(min(900, width - 80), min(760, height - 60))
        deadline = time.monotonic() + 20
        while not dialog.import_button.isEnabled() and time.monotonic() < deadline:
            settle(0.1)
        dialog.import_button.click()
        while dialog.report is None and time.monotonic() < deadline + 30:
            settle(0.1)
        settle(0.5)
        screen = QGuiApplication.primaryScreen()
        shot = screen.grabWindow(0) if os.environ.get("DISPLAY") else dialog.grab()
        shot.save(str(out / f"import-submissions-{width}.png"))
        dialog.close()
        win.creators.show()
        win.creators.raise_()
        settle(1.0)
        model = win.creators.model
        row = next((r for r in range(model.rowCount()) if model.creators[r].handle == "ben_ng"), 0)
        if model.rowCount():
            win.creators.table.selectRow(row)
            win.creators.table.clicked.emit(model.index(row, 0))
        settle(1.0)
        if win.model.rowCount():
            win.select_ids([win.model.doc(0)["id"]])
        settle(1.0)
        win.inspector.ensureWidgetVisible(win.inspector.submission)
        settle(0.3)
        win.grab().save(str(out / f"creators-{width}.png"))
        win.creators.hide()
        win.search.set_text("")
        win.undo_stack.undo()  # the cached demo library stays as it was for the other shots
        settle(0.5)
    win.resize(1280, 800)
    settle(0.3)
def culling_library(folder: Path) -> Path:
    """Bursts as a phone leaves them: three generated scenes (2400x1600) of four frames each,
    a second apart (frame 2 shifted, 3 blurred, 4 pushed two stops over), and two corpus
    photos alone; scanned, so scores and stacks come from the scanner."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

    from liveassets.catalog.catalog import Catalog
    from liveassets.media.scan import scan
    from mediagen import exif_bytes

    lib = folder / "lib"
    if (lib / "catalog.json").exists() or any(lib.glob("*.json")):
        return lib
    photos = folder / "event"
    photos.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(15)
    for s, (sky, title) in enumerate(((40, "LIVE Fest"), (90, "Main stage"), (20, "Meet & greet"))):
        base = Image.new("RGB", (2480, 1680), (sky, sky // 2, 60 + sky))
        d = ImageDraw.Draw(base)
        for _ in range(90):  # lights, heads, stage
            x, y, r = (int(v) for v in rng.integers((0, 0, 8), (2480, 1680, 120)))
            colour = tuple(int(c) for c in rng.integers(30, 255, 3))
            d.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        d.rectangle((0, 1200, 2480, 1680), fill=(30, 24, 28))
        for x in range(0, 2480, 64):
            d.line((x, 1200, x + 200, 1680), fill=(70, 60, 66), width=3)
        d.text((300, 500), title, fill=(255, 255, 240), font_size=260)
        noise = rng.normal(0, 1.5, (1680, 2480, 3))  # a little: PNG screenshots stay small
        base = Image.fromarray(np.clip(np.asarray(base) + noise, 0, 255).astype(np.uint8))
        frames = [base.crop((40, 40, 2440, 1640)), base.crop((64, 52, 2464, 1652)),
                  base.crop((40, 40, 2440, 1640)).filter(ImageFilter.GaussianBlur(30)),
                  ImageEnhance.Brightness(base.crop((30, 34, 2430, 1634))).enhance(2.6)]
        for f, frame in enumerate(frames):
            frame.save(photos / f"IMG_{s}{f:03d}.jpg", quality=88,
                       exif=exif_bytes(1, f"2026:11:21 19:{30 + 5 * s}:{10 + f:02d}"))
    corpus = ROOT.parent / "shared" / "corpus" / "photos"
    for i, name in enumerate(("jpg_gps__DSCN0010.jpg", "jpg_gps__DSCN0021.jpg")):
        if (corpus / name).exists():
            with Image.open(corpus / name) as im:
                im.convert("RGB").resize((im.width * 3, im.height * 3), Image.LANCZOS).save(
                    photos / f"IMG_9{i:03d}.jpg", quality=90,
                    exif=exif_bytes(1, f"2026:11:21 20:{10 + 9 * i}:00"))
    with Catalog(lib) as cat:
        scan(cat, [str(photos)])
    return lib


def shoot_culling(lib: Path, out: Path) -> None:
    """Stacks collapsed and opened, quick look at 100 %, compare of four, at two sizes."""
    from PySide6.QtCore import QPointF, QSettings

    from liveassets.catalog.catalog import Catalog
    from liveassets.ui.window.app import make_app
    from liveassets.ui.window.main_window import MainWindow

    app = make_app(dark=True)
    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(lib / "screenshot-settings.ini"), QSettings.IniFormat)
    settings.clear()
    with Catalog(lib) as cat:
        win = MainWindow(cat, settings)
        win.show()

        def settle(seconds=1.0, until=None):
            end = time.monotonic() + seconds
            while time.monotonic() < end or (until is not None and not until()
                                              and time.monotonic() < end + 20):
                app.processEvents()
                time.sleep(0.02)

        for width, height in ((1280, 800), (1920, 1080)):
            win.resize(width, height)
            win.stacks.set_stacks_shown(False)
            settle(1.5)
            win.stacks.set_stacks_shown(True)
            win.view.setFocus()
            win.view.move_to_row(0)
            win.view.selectionModel().clearSelection()
            settle(1.0)
            win.grab().save(str(out / f"stacks-collapsed-{width}.png"))
            first = next(r for r in range(win.model.rowCount())
                         if win.model.stack_badge(win.model.ids[r]))
            win.view.move_to_row(first)
            win.stacks.toggle_focused()
            win.edits.rate(4, [win.model.ids[first]])
            win.view.move_to_row(first)
            settle(1.0)
            win.grab().save(str(out / f"stacks-expanded-{width}.png"))
            win.looking.open_quick_look()
            ql = win.quick_look
            settle(0.5)
            area = ql.photo_area()
            ql.toggle_zoom(QPointF(area.center().x() - area.width() / 5, area.center().y()))
            settle(0.5, until=lambda: ql.full.pixmap(ql.doc) is not None)
            settle(0.3)
            win.grab().save(str(out / f"quicklook-100-{width}.png"))
            ql.close_look()
            _select(win, range(first, first + 4))
            win.looking.open_compare()
            cv = win.compare
            cv.set_focus(2)
            settle(1.5)
            win.grab().save(str(out / f"compare-4-{width}.png"))
            cv.toggle_zoom()
            settle(0.5, until=lambda: all(cv.full.pixmap(d) is not None for d in cv.docs))
            settle(0.3)
            win.grab().save(str(out / f"compare-4-100-{width}.png"))
            cv.close_compare()
            win.undo_stack.undo()
        win.shutdown()
        win.close()
    print(json.dumps({"culling screenshots": sorted(str(p) for p in out.glob("*-1*0.png"))}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--measure", action="store_true")
    parser.add_argument("--measure-scan", type=int, metavar="N", default=0)
    parser.add_argument("--culling-only", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    cache = Path(tempfile.gettempdir()) / "liveassets-screenshots"
    shoot_culling(culling_library(cache / "culling"), Path(args.out))
    if args.culling_only:
        return 0
    lib = ui_measure.demo_library(cache)
    if args.measure:
        print(json.dumps({"window_shown_s": ui_measure.window_shown(lib), "budget_s": 2.5}))
    if args.measure_scan:
        print(json.dumps(ui_measure.scan_stall(args.measure_scan, cache)))
    shoot(lib, Path(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
