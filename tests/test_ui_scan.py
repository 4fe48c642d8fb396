"""Files in and out of the window: scanning with progress and Cancel, dropping a folder,
dragging assets out as file URLs, and settings remembered between runs."""

import threading

import pytest

pytest.importorskip("PySide6")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import liveassets.ui.workers as workers  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402
from liveassets.ui.window.main_window import MainWindow  # noqa: E402


def make_photos(folder, n):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        Image.new("RGB", (96, 64), ((i * 40) % 255, 120, 200 - i % 200)).save(
            folder / f"IMG_{i:03d}.jpg", quality=70)
    return folder

def gate_scan(monkeypatch, phase: str, done: int):
    """Make the window's scans stop at one progress point until `release` is set."""
    reached, release = threading.Event(), threading.Event()
    real_scan = workers.scan

    def gated_scan(catalog, roots, progress, cancel, thumbnails):
        def gate(p):
            progress(p)
            if p.phase == phase and p.done == done:
                reached.set()
                release.wait(10)
        return real_scan(catalog, roots, progress=gate, cancel=cancel, thumbnails=thumbnails)

    monkeypatch.setattr(workers, "scan", gated_scan)
    return reached, release



@pytest.fixture
def window(open_window):
    return open_window()


def test_scan_shows_progress_fills_the_grid_and_loads_thumbnails(qtbot, window, tmp_path):
    win = window
    folder = make_photos(tmp_path / "shoot", 12)
    phases = []
    win.scanner.signals.progress.connect(lambda phase, *_: phases.append(phase))
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000) as done:
        win.scan_paths([str(folder)])
        assert win.progress.isVisible() and win.cancel_button.isVisible()
    report = done.args[0]
    assert report.added == 12 and not report.cancelled
    assert {"Reading facts", "Making thumbnails"} <= set(phases)
    qtbot.waitUntil(lambda: win.model.rowCount() == 12)  # the grid follows the change feed
    assert not win.progress.isVisible() and not win.cancel_button.isVisible()
    assert "12 new" in win.status_label.text()
    doc = win.model.doc(0)
    assert doc["thumbnail"]
    win.view.viewport().repaint()  # asks the loader for what is on screen
    qtbot.waitUntil(lambda: win.thumbs.pixmap(win.model.doc(0)) is not None, timeout=10_000)


def test_cancel_stops_a_running_scan(qtbot, window, tmp_path, monkeypatch):
    win = window
    folder = make_photos(tmp_path / "big", 40)
    # hold the worker until the user has pressed Cancel
    reached, release = gate_scan(monkeypatch, "Reading facts", 1)
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000) as done:
        win.scan_paths([str(folder)])
        qtbot.waitUntil(reached.is_set, timeout=10_000)
        qtbot.mouseClick(win.cancel_button, Qt.LeftButton)
        assert not win.cancel_button.isEnabled()
        release.set()
    report = done.args[0]
    assert report.cancelled
    assert report.thumbnails == 0
    assert "Cancelled" in win.status_label.text()
    assert win.model.rowCount() < 40


def test_scan_of_a_vanished_folder_is_a_message(qtbot, window, tmp_path):
    win = window
    with qtbot.waitSignal(win.scanner.signals.failed, timeout=10_000):
        win.scanner.start([str(tmp_path / "gone")])
    assert "was not found" in win.status_label.text()


def test_a_scan_that_breaks_unexpectedly_ends_its_progress_and_says_what_failed(
        qtbot, window, tmp_path, monkeypatch):
    """A bug inside the core scan (here: it raises ZeroDivisionError after its first report)
    used to leave the progress bar and Cancel up until a restart, with nothing logged."""
    win = window
    folder = make_photos(tmp_path / "shoot", 3)
    real_scan = workers.scan

    def broken_scan(catalog, roots, progress, cancel, thumbnails):
        def report_then_break(p):
            progress(p)
            raise ZeroDivisionError("division by zero in a test")
        return real_scan(catalog, roots, progress=report_then_break, cancel=cancel,
                         thumbnails=thumbnails)

    monkeypatch.setattr(workers, "scan", broken_scan)
    with qtbot.waitSignal(win.scanner.signals.failed, timeout=10_000) as failed:
        win.scan_paths([str(folder)])
        assert win.progress.isVisible() and win.cancel_button.isVisible()
    assert not win.progress.isVisible() and not win.cancel_button.isVisible()
    assert win.scanner.running == 0
    status = win.status_label.text()
    assert status == failed.args[0]
    assert status.startswith("The scan failed unexpectedly (ZeroDivisionError: division by "
                             "zero in a test)")
    from liveassets.logs import log_path

    assert str(log_path()) in status  # the user is told where the details are
    # The window works on: the next scan runs and lands.
    monkeypatch.setattr(workers, "scan", real_scan)
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000) as done:
        win.scan_paths([str(folder)])
    assert done.args[0].added == 3 and not win.progress.isVisible()


def test_a_scan_queued_behind_another_and_cancelled_reports_and_clears(qtbot, window,
                                                                      tmp_path, monkeypatch):
    win = window
    first, second = make_photos(tmp_path / "one", 3), make_photos(tmp_path / "two", 3)
    reached, release = gate_scan(monkeypatch, "Reading facts", 1)
    win.scan_paths([str(first)])
    assert reached.wait(10)
    win.scan_paths([str(second)])
    assert win.scanner.running == 2
    ended = []
    win.scanner.signals.failed.connect(ended.append)
    win.scanner.signals.finished.connect(ended.append)
    win.cancel_scan()
    qtbot.waitUntil(lambda: len(ended) == 1, timeout=5_000)  # the queued one, at once
    assert ended[0] == "Scan cancelled before it started: nothing was read."
    assert win.progress.isVisible()  # the first is still stopping
    release.set()
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=10_000)
    assert ended[1].cancelled
    assert not win.progress.isVisible() and not win.cancel_button.isVisible()


def test_dropping_a_folder_scans_it(qtbot, window, tmp_path):
    win = window
    folder = make_photos(tmp_path / "dropped", 5)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000):
        QApplication.sendEvent(win, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: win.model.rowCount() == 5)  # the grid follows the change feed


def test_dropping_files_adds_exactly_those_files(qtbot, window, tmp_path):
    win = window
    folder = make_photos(tmp_path / "card", 6)
    picked = sorted(folder.iterdir())[:2]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in picked])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(win, enter)
    drop = QDropEvent(QPointF(200, 200), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000):
        QApplication.sendEvent(win, drop)
    qtbot.waitUntil(lambda: win.model.rowCount() == 2)  # the grid follows the change feed
    assert {d["path"] for d in win.catalog.all()} == {str(p) for p in picked}


def test_dropping_text_is_refused(qtbot, window):
    mime = QMimeData()
    mime.setText("not a file")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_dragging_assets_out_gives_file_urls(qtbot, window, tmp_path):
    win = window
    folder = make_photos(tmp_path / "out", 3)
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000):
        win.scan_paths([str(folder)])
    qtbot.waitUntil(lambda: win.model.rowCount() == 3)  # the grid follows the change feed
    mime = win.model.mimeData([win.model.index(r) for r in range(3)])
    paths = sorted(u.toLocalFile() for u in mime.urls())
    assert paths == sorted(str(p) for p in folder.iterdir())
    assert win.model.flags(win.model.index(0)) & Qt.ItemIsDragEnabled


def test_settings_are_remembered(qtbot, library, tmp_path):
    make_app(dark=True)
    ini = str(tmp_path / "remember.ini")
    win = MainWindow(library, QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(win)
    win.search.set_text("kind:video")
    win.sort_combo.setCurrentIndex(win.sort_combo.findData("name"))
    win.view.set_thumb_size(240)
    win.auto_advance.setChecked(True)
    win.splitter.setSizes([200, 800, 300])
    sizes = win.splitter.sizes()
    win.posts_panel.show()
    win.calendar.show()
    win.close()
    again = MainWindow(library, QSettings(ini, QSettings.IniFormat))
    qtbot.addWidget(again)
    try:
        assert again.search.text() == "kind:video"
        assert again.model.query_text == "kind:video"
        assert again.sort_combo.currentData() == "name"
        assert again.view.delegate.thumb_size == 240 and again.size_slider.value() == 240
        assert again.auto_advance.isChecked()
        assert again.splitter.sizes() == sizes
        again.show()
        assert again.posts_panel.isVisible() and again.calendar.isVisible()  # docks reopen
        assert not again.cut_editor.isVisible()
    finally:
        again.shutdown()


def test_grid_fills_while_the_scan_is_still_making_thumbnails(qtbot, window, tmp_path,
                                                              monkeypatch):
    win = window
    folder = make_photos(tmp_path / "early", 8)
    # facts are in the catalog; thumbnails not yet
    reached, release = gate_scan(monkeypatch, "Making thumbnails", 0)
    try:
        win.scan_paths([str(folder)])
        qtbot.waitUntil(reached.is_set, timeout=10_000)
        qtbot.waitUntil(lambda: win.model.rowCount() == 8, timeout=5_000)  # periodic refresh
        assert win.progress.isVisible()
        assert "Making thumbnails" in win.status_label.text()
    finally:
        release.set()
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000, raising=False):
        pass
    qtbot.waitUntil(lambda: not win.progress.isVisible(), timeout=10_000)


def test_source_folders_listed_with_counts_filter_and_remove(qtbot, window, tmp_path,
                                                            monkeypatch):
    from liveassets.ui.library.sidebar import FOLDER_ROLE

    win = window
    a = make_photos(tmp_path / "shoot" / "day1", 3)
    b = make_photos(tmp_path / "shoot" / "day2", 2)
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000):
        win.scan_paths([str(tmp_path / "shoot")])
    win.refresh_counts()
    side = win.sidebar
    folders = {side.folders.child(r).data(FOLDER_ROLE): side.folders.child(r)
               for r in range(side.folders.rowCount())}
    assert set(folders) == {str(a), str(b)}
    assert folders[str(a)].text() == "day1  (3)"
    side.clicked.emit(folders[str(b)].index())
    assert win.model.rowCount() == 2
    monkeypatch.setattr(win, "confirm", lambda *_: True)
    side.removeFolder.emit(str(a))
    assert len(win.catalog) == 2 and all(p.exists() for p in a.iterdir())  # disk untouched
    win.undo_stack.undo()
    assert len(win.catalog) == 5


def test_quick_look_shows_the_original_photo_sharp(qtbot, window, tmp_path):
    win = window
    folder = tmp_path / "big-photo"
    folder.mkdir()
    Image.new("RGB", (1600, 1200), (200, 60, 60)).save(folder / "IMG_big.jpg", quality=80)
    with qtbot.waitSignal(win.scanner.signals.finished, timeout=30_000):
        win.scan_paths([str(folder)])
    qtbot.waitUntil(lambda: win.model.rowCount() == 1)  # the grid follows the change feed
    win.view.setFocus()
    win.view.move_to_row(0)
    win.looking.open_quick_look()
    aid = win.model.ids[0]
    qtbot.waitUntil(lambda: win.quick_look.full_pixmap(aid) is not None, timeout=10_000)
    full = win.quick_look.full_pixmap(aid)
    assert max(full.width(), full.height()) > 512  # more than the thumbnail
    assert full.width() <= win.quick_look.width() * 2
    qtbot.keyClick(win.quick_look, Qt.Key_Space)
    assert not win.quick_look.isVisible()


def test_scan_refresh_queries_off_the_ui_thread_and_inserts_rows(qtbot, window, tmp_path,
                                                                monkeypatch):
    import threading as th

    win = window
    folder = make_photos(tmp_path / "async", 6)
    threads = []
    real_query = win.catalog.query

    def spy(*args, **kwargs):
        threads.append(th.current_thread() is th.main_thread())
        return real_query(*args, **kwargs)

    monkeypatch.setattr(win.catalog, "query", spy)
    resets = []
    win.model.modelReset.connect(lambda: resets.append(1))
    reached, release = threading.Event(), threading.Event()
    real_scan = workers.scan

    def gated_scan(catalog, roots, progress, cancel, thumbnails):
        def gate(p):
            progress(p)
            if p.phase == "Making thumbnails" and p.done == 0:
                reached.set()
                release.wait(10)
        return real_scan(catalog, roots, progress=gate, cancel=cancel, thumbnails=thumbnails)

    monkeypatch.setattr(workers, "scan", gated_scan)
    try:
        win.scan_paths([str(folder)])
        qtbot.waitUntil(reached.is_set, timeout=10_000)
        qtbot.waitUntil(lambda: win.model.rowCount() == 6, timeout=5_000)
        assert threads and not any(threads)  # every refresh query ran on the query thread
    finally:
        release.set()
    qtbot.waitUntil(lambda: not win.progress.isVisible(), timeout=30_000)
    assert win.model.rowCount() == 6


def test_an_inline_runner_makes_a_window_scan_deterministic(qtbot, library, tmp_path):
    """Tests may hand the window a runner that runs jobs inline (Picard's test pool): the scan
    has landed, and its progress gone, when `scan_paths` returns; the views follow at the
    change relay's next turn of the event loop."""
    from liveassets.ui.jobs import JobRunner

    make_app(dark=True)
    folder = make_photos(tmp_path / "shoot", 4)
    jobs = JobRunner(inline=True)
    win = MainWindow(library, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat), jobs=jobs)
    qtbot.addWidget(win)
    finished = []
    win.scanner.signals.finished.connect(finished.append)
    win.scan_paths([str(folder)])
    assert len(finished) == 1 and finished[0].added == 4
    assert win.progress.isHidden() and win.cancel_button.isHidden()
    assert len(library) == 4
    qtbot.waitUntil(lambda: win.model.rowCount() == 4)  # the grid: at the relay's next turn
    assert win.status_label.text().startswith("4 media files, 4 new")
    win.shutdown()


def test_closing_the_window_mid_scan_stops_it_and_leaves_nothing_running(qtbot, window,
                                                                         tmp_path, monkeypatch):
    win = window
    folder = make_photos(tmp_path / "shoot", 6)
    started, stopped = threading.Event(), threading.Event()
    real_scan = workers.scan

    def scan_until_cancelled(catalog, roots, progress, cancel, thumbnails):
        def hold(p):
            progress(p)
            started.set()
            for _ in range(1000):  # at most 10 s: the window's Cancel ends it
                if cancel.cancelled:
                    stopped.set()
                    return
                threading.Event().wait(0.01)
        return real_scan(catalog, roots, progress=hold, cancel=cancel, thumbnails=thumbnails)

    monkeypatch.setattr(workers, "scan", scan_until_cancelled)
    heard = []
    win.scanner.signals.finished.connect(heard.append)
    win.scanner.signals.failed.connect(heard.append)
    win.scan_paths([str(folder)])
    assert started.wait(10)
    win.close()  # closeEvent: cancel, and wait for the worker
    assert stopped.is_set()
    assert win.jobs.pending() == 0 and win.jobs.running() == 0
    assert all(pool.activeThreadCount() == 0 for pool in win.jobs.pools.values())
    qtbot.wait(50)
    assert heard == []  # nothing reports into a window that has shut down
    assert win.jobs.run("reads", lambda job: 1).state == "cancelled"  # nor starts
