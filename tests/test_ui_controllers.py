"""The window's controllers are composed, not mixed in: EditController and ScanController work
over just what they are handed (a catalog, an undo stack, a grid view, a status bar, callbacks),
with no MainWindow around them, and own the actions they are reached by."""

import pytest

pytest.importorskip("PySide6")

from PIL import Image  # noqa: E402
from PySide6.QtGui import QAction, QKeySequence, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QMainWindow, QStatusBar  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.ui.library.grid_model import AssetGridModel  # noqa: E402
from liveassets.ui.library.grid_view import AssetGridView  # noqa: E402
from liveassets.ui.library.selection import select_ids  # noqa: E402
from liveassets.ui.library.thumbs import ThumbnailLoader  # noqa: E402
from liveassets.ui.window.editing import EditController  # noqa: E402
from liveassets.ui.window.scanning import ScanController  # noqa: E402


def _factory(host):
    made = []

    def make(text, slot, keys=(), grid=False, icon_name=None, tip=None):
        action = QAction(text, host)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        made.append(action)
        return action
    return make, made


def test_edit_controller_needs_no_window(qtbot, library):
    ids = fill(library, 3)
    library.rate(ids, 0)
    host = QMainWindow()
    qtbot.addWidget(host)
    thumbs = ThumbnailLoader(library, host)
    view = AssetGridView(thumbs, host)
    model = AssetGridModel(library, host)
    model.set_ids(ids)
    view.setModel(model)
    messages, asked = [], []
    make, made = _factory(host)
    stack = QUndoStack(host)
    edits = EditController(library, stack, view, make,
                           lambda text, error=False: messages.append(text),
                           lambda title, text: asked.append(title) or True, host)
    assert {a.text() for a in made} >= {"Pick", "Reject", "Rate 5 stars", "Auto-advance",
                                        "Remove from library…"}
    edits.rate(3)
    assert messages == ["Select one or more assets first."]
    select_ids(view, ids[:2], ids[0])
    edits.rate_actions[5].trigger()
    edits.pick_action.trigger()
    assert [library.get(a)["rating"] for a in ids] == [5, 5, 0]
    assert {library.get(a)["pick"] for a in ids[:2]} == {"picked"}
    stack.undo()
    stack.undo()
    assert [library.get(a)["rating"] for a in ids] == [0, 0, 0]
    edits.delete_selected()
    assert asked == ["Remove from library"] and len(library) == 1
    thumbs.shutdown()


def test_scan_controller_needs_no_window(qtbot, library, tmp_path):
    folder = tmp_path / "card"
    folder.mkdir()
    for i in range(3):
        Image.new("RGB", (40, 30), (i * 60, 20, 90)).save(folder / f"c{i}.jpg")
    host = QMainWindow()
    qtbot.addWidget(host)
    bar = QStatusBar(host)
    host.setStatusBar(bar)
    host.show()
    messages, shown = [], []
    make, made = _factory(host)
    scans = ScanController(library, bar, make, lambda text, error=False: messages.append(text),
                           shown.append, host)
    assert [a.text() for a in made] == ["Add folder…"]
    with qtbot.waitSignal(scans.scanner.signals.finished, timeout=30_000):
        scans.scan_paths([str(folder)])
        assert scans.progress.isVisible() and scans.cancel_button.isVisible()
    assert len(library) == 3
    assert not scans.progress.isVisible() and "3 new" in messages[-1]
    assert any(text.startswith("Reading facts") for text in shown)
    scans.shutdown()


def test_the_calendar_dock_needs_no_window(qtbot, library):
    """A dock is handed its catalog, undo stack, relay and a way to report; it never looks
    for the window's attributes (a plain QMainWindow hosts it here)."""
    import datetime as dt

    from liveassets.publish.posts import PostStore
    from liveassets.ui.changes import ChangeRelay
    from liveassets.ui.posts.calendar_dock import CalendarDock

    host = QMainWindow()
    qtbot.addWidget(host)
    stack, told = QUndoStack(host), []
    relay = ChangeRelay(library, host)
    dock = CalendarDock(library, stack, None, relay, lambda text, error=False: told.append(text),
                        host)
    host.addDockWidget(pytest.importorskip("PySide6.QtCore").Qt.BottomDockWidgetArea, dock)
    post_id = PostStore(library).create(body="Meetup", platform="tiktok", status="scheduled",
                                        scheduled=dt.datetime(2027, 2, 1, 18, 0)).ids[0]
    assert dock._run_edit("Move post", lambda: PostStore(library).reschedule(
        post_id, dt.datetime(2027, 2, 2, 18, 0)))
    assert stack.count() == 1 and PostStore(library).get(post_id).scheduled.day == 2
    assert not dock._run_edit("Move post", lambda: PostStore(library).reschedule("nope", None))
    assert told and stack.count() == 1
    relay.shutdown()
