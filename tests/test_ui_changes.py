"""Views never go stale: every view in the real window follows the catalog's change feed through
one ChangeRelay, whoever wrote (the window, the core directly as the CLI or a render does, a
scan on a worker thread, undo), and a burst of changes is a bounded number of refreshes."""

import datetime as dt
import threading
import time

import pytest

pytest.importorskip("PySide6")

from PIL import Image  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402

import liveassets.ui.workers as workers  # noqa: E402
from catalog_helpers import fill  # noqa: E402
from liveassets.catalog.schema import new_asset  # noqa: E402
from liveassets.publish.posts import Post, PostStore  # noqa: E402
from liveassets.ui.changes import COALESCE_MS, ChangeRelay  # noqa: E402


def _tag_labels(win) -> list[str]:
    side = win.sidebar
    return [side.tags.child(r).text() for r in range(side.tags.rowCount())]


def _collection(win, name) -> str:
    side = win.sidebar
    return next(side.collections.child(r).text() for r in range(side.collections.rowCount())
                if side.collections.child(r).text().startswith(name))


def test_an_edit_made_through_the_core_shows_in_grid_inspector_and_sidebar(qtbot, open_window,
                                                                           library):
    ids = fill(library, 6)
    library.rate(ids, 0)
    library.set_pick(ids, "none")
    win = open_window()
    win.select_ids([ids[0]], ids[0])
    editor = win.inspector.tag_editor
    assert editor.list.count() == len(library.get(ids[0])["tags"])
    repainted = []
    win.model.dataChanged.connect(lambda a, b, *_: repainted.extend(range(a.row(), b.row() + 1)))
    library.tag([ids[0]], add=["encore"])  # as the CLI or a script would: not through the window
    library.set_pick([ids[0]], "picked")
    qtbot.waitUntil(lambda: "encore" in [editor.list.item(i).text()
                                         for i in range(editor.list.count())])
    assert win.model.row_of(ids[0]) in repainted  # its cell repaints (stars, flag)
    qtbot.waitUntil(lambda: "encore  (1)" in _tag_labels(win))
    qtbot.waitUntil(lambda: _collection(win, "Picks") == "Picks  (1)")
    # A filtered grid gains and loses rows when the field it filters on changes.
    win.search.set_text("rating>=4")
    assert win.model.rowCount() == 0
    library.rate(ids[2:4], 5)
    qtbot.waitUntil(lambda: set(win.model.ids) == set(ids[2:4]))
    library.rate(ids[2:3], 1)
    qtbot.waitUntil(lambda: win.model.ids == [ids[3]])
    assert "1 of 6 assets" in win.count_label.text()


def test_a_tag_rename_reaches_the_tag_tree_and_the_inspector(qtbot, open_window, library):
    ids = fill(library, 3)
    library.tag(ids, add=["stage"])
    win = open_window()
    win.select_ids(ids[:1], ids[0])
    library.rename_tag("stage", "main stage")
    qtbot.waitUntil(lambda: "main stage  (3)" in _tag_labels(win))
    assert not any(t.startswith("stage ") for t in _tag_labels(win))
    editor = win.inspector.tag_editor
    qtbot.waitUntil(lambda: "main stage" in [editor.list.item(i).text()
                                             for i in range(editor.list.count())])


def test_undo_of_a_post_edit_refreshes_the_posts_dock_and_the_calendar(qtbot, open_window,
                                                                       library):
    ids = fill(library, 2)
    store = PostStore(library)
    when = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
    post = store.create(Post(body="First words", asset_ids=[ids[0]], scheduled=when))
    pid = post.ids[0]
    win = open_window()
    win.posts_panel.show()
    win.calendar.show()
    calendar = win.calendar.view
    win.posts_panel.select_post(pid)
    composer = win.posts_panel.composer
    composer.editor.setPlainText("Second words")
    assert composer.save()
    qtbot.waitUntil(lambda: "Second words" in win.posts_panel.item_for(pid).text())
    assert calendar.model.posts[pid].body == "Second words"
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: "First words" in win.posts_panel.item_for(pid).text())
    qtbot.waitUntil(lambda: calendar.model.posts[pid].body == "First words")
    assert composer.editor.text() == "First words"
    # A post written by another program on the same library (the CLI) shows up as well.
    other = store.create(Post(body="From the CLI", scheduled=when))
    qtbot.waitUntil(lambda: win.posts_panel.item_for(other.ids[0]) is not None)
    qtbot.waitUntil(lambda: other.ids[0] in calendar.model.posts)


def test_a_hidden_calendar_catches_up_when_shown(qtbot, open_window, library):
    store = PostStore(library)
    win = open_window()
    made = store.create(Post(body="While hidden",
                             scheduled=dt.datetime(2026, 11, 24, 9, tzinfo=dt.timezone.utc)))
    qtbot.wait(COALESCE_MS)
    win.calendar.show()
    qtbot.waitUntil(lambda: made.ids[0] in win.calendar.view.model.posts)


def _photos(folder, n):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        Image.new("RGB", (48, 32), (i * 30 % 255, 90, 40)).save(folder / f"P{i:02d}.jpg")
    return folder


def test_a_scan_fills_the_grid_without_any_poll_timer(qtbot, open_window, tmp_path, monkeypatch):
    win = open_window()
    assert not hasattr(win, "refresh_timer")
    folder = _photos(tmp_path / "shoot", 7)
    reached, release = threading.Event(), threading.Event()
    real_scan = workers.scan

    def gated(catalog, roots, progress, cancel, thumbnails):
        def gate(p):
            progress(p)
            if p.phase == "Making thumbnails" and p.done == 0:
                reached.set()
                release.wait(10)
        return real_scan(catalog, roots, progress=gate, cancel=cancel, thumbnails=thumbnails)

    monkeypatch.setattr(workers, "scan", gated)
    try:
        win.scan_paths([str(folder)])
        qtbot.waitUntil(reached.is_set, timeout=10_000)
        # Facts are committed, the scan is still running: the rows are there already, and
        # nothing in the window ticks to find them.
        qtbot.waitUntil(lambda: win.model.rowCount() == 7, timeout=5_000)
        ticking = [t for t in win.findChildren(QTimer) if t.isActive() and not t.isSingleShot()]
        assert ticking == []
        assert win.progress.isVisible()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not win.progress.isVisible(), timeout=30_000)
    qtbot.waitUntil(lambda: all(win.model.doc(r)["thumbnail"] for r in range(7)))
    qtbot.waitUntil(lambda: _collection(win, "All assets") == "All assets  (7)")


def test_a_burst_of_500_changes_is_a_bounded_number_of_refreshes(qtbot, open_window, library):
    ids = fill(library, 500)
    library.rate(ids, 0)
    win = open_window()
    heard, resets = [], []
    win.relay.changed.connect(lambda batch: heard.append(len(batch)))
    win.model.modelReset.connect(lambda: resets.append(1))
    requeries = win.grid_follower.requeries

    def cull():  # 500 separate saved edits from another thread, as fast as the disk allows
        for aid in ids:
            library.rate([aid], 3)

    started = time.monotonic()
    worker = threading.Thread(target=cull)
    worker.start()
    while worker.is_alive():
        qtbot.wait(20)
    took = time.monotonic() - started
    qtbot.waitUntil(lambda: sum(heard) == 500)
    # One delivery per coalescing window at most (plus the first and the last one).
    assert len(heard) <= took / (COALESCE_MS / 1000) + 2
    assert len(heard) < 100 and win.grid_follower.requeries == requeries  # ratings: no query
    assert resets == []
    # The same burst on the UI thread is one delivery.
    heard.clear()
    for aid in ids:
        library.rate([aid], 4)
    qtbot.waitUntil(lambda: sum(heard) == 500)
    assert heard == [500]


def test_a_render_joining_the_library_shows_in_the_grid(qtbot, open_window, library, tmp_path):
    fill(library, 3)
    win = open_window()
    win.search.set_text("kind:video")
    shown = win.model.rowCount()
    doc = new_asset(str(tmp_path / "renders" / "recap.mp4"), "video", 1000, 1.0, "f:1")
    done = threading.Event()

    def render_finished():  # the render job's thread indexes its output
        library.apply("Index render", {doc["id"]: doc})
        done.set()

    threading.Thread(target=render_finished).start()
    qtbot.waitUntil(done.is_set)
    qtbot.waitUntil(lambda: doc["id"] in win.model.ids)
    assert win.model.rowCount() == shown + 1


def test_the_relay_delivers_worker_changes_on_the_ui_thread(qtbot, library):
    relay = ChangeRelay(library)
    threads = []
    relay.changed.connect(lambda batch: threads.append(
        (threading.current_thread() is threading.main_thread(), len(batch))))
    worker = threading.Thread(target=lambda: fill(library, 2))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: threads == [(True, 1)])
    relay.shutdown()
    fill(library, 1, seed=2)
    qtbot.wait(COALESCE_MS + 50)
    assert threads == [(True, 1)]  # nothing after shutdown


def test_an_edit_on_the_ui_thread_does_not_wait_behind_a_workers_coalescing(qtbot, library):
    relay = ChangeRelay(library, coalesce_ms=60_000)  # a worker's changes would wait a minute
    heard = []
    relay.changed.connect(lambda batch: heard.append([c.label for c in batch.changes]))
    worker = threading.Thread(target=lambda: fill(library, 1))
    worker.start()
    worker.join()
    qtbot.wait(50)
    assert heard == []  # still gathering
    library.set_notes([library.all()[0]["id"]], "from the window")
    qtbot.waitUntil(lambda: heard == [["Fill", "Edit notes"]], timeout=1000)
    relay.shutdown()


def test_a_change_under_the_inspector_keeps_what_the_user_is_typing(qtbot, open_window, library):
    ids = fill(library, 2)
    win = open_window()
    win.select_ids(ids[:1], ids[0])
    caption, credit = win.inspector.caption, win.inspector.rights.fields["credit"]
    caption.setFocus()
    caption.selectAll()
    qtbot.keyClicks(caption, "Half-typed caption")
    credit.setFocus()
    credit.selectAll()
    qtbot.keyClicks(credit, "Photo: N")
    library.rate(ids[:1], 5)  # a script (or a scan) changes the selected asset meanwhile
    library.set_notes(ids[:1], "from the script")
    qtbot.waitUntil(lambda: win.inspector.notes.toPlainText() == "from the script")
    assert caption.toPlainText() == "Half-typed caption" and credit.text() == "Photo: N"
    qtbot.keyClicks(credit, "ova")
    qtbot.keyClick(credit, Qt.Key_Return)  # committed: saved as typed
    qtbot.waitUntil(lambda: library.get(ids[0])["rights"].get("credit") == "Photo: Nova")
    assert library.get(ids[0])["caption"] != "Half-typed caption"  # not committed yet
    caption.setFocus()
    credit.setFocus()  # leaving the caption commits it
    qtbot.waitUntil(lambda: library.get(ids[0])["caption"] == "Half-typed caption")


def test_a_post_changed_elsewhere_does_not_wipe_what_the_composer_is_typing(qtbot, open_window,
                                                                           library):
    store = PostStore(library)
    when = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone.utc)
    pid = store.create(Post(body="Saved words", scheduled=when)).ids[0]
    win = open_window()
    win.posts_panel.show()
    win.posts_panel.select_post(pid)
    composer = win.posts_panel.composer
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, " and more")  # not saved yet (saved after a pause)
    typed = composer.editor.text()
    assert composer.dirty and typed != "Saved words"
    store.reschedule(pid, dt.date(2026, 11, 25))  # the calendar, or the CLI
    qtbot.waitUntil(lambda: "25 Nov" in win.posts_panel.item_for(pid).text())
    assert composer.editor.text() == typed
