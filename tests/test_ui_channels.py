"""Channels in the window: the inspector's four toggles show the selection's channels (partly
ticked when mixed), a click allows or stops one channel on the whole selection in one undo step
keeping each asset's others, a wheel never changes them; the composer flags a file cleared for
another platform and clears it when the post moves to that platform."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QUndoStack, QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea  # noqa: E402

from catalog_helpers import fill  # noqa: E402
from liveassets.catalog.schema import new_asset  # noqa: E402
from liveassets.publish.posts import Post, PostStore  # noqa: E402
from liveassets.ui.posts.composer import CaptionComposer  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402
from liveassets.ui.window.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot, library, tmp_path):
    make_app(dark=True)
    fill(library, 6)
    win = MainWindow(library, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()


def _channels(library, ids):
    return [library.get(a)["rights"].get("channels") or [] for a in ids]


def _wheel(widget, notches):
    local = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(local, QPointF(widget.mapToGlobal(local.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def test_inspector_channel_toggles_edit_the_selection_in_one_undo_step(qtbot, window, library):
    win = window
    a, b = win.model.ids[1], win.model.ids[2]
    library.set_rights([a], channels="tiktok")
    win.select_ids([a, b], a)
    form = win.inspector.rights
    boxes = form.channels
    assert boxes["tiktok"].checkState() == Qt.PartiallyChecked
    assert all(boxes[c].checkState() == Qt.Unchecked for c in ("instagram", "youtube", "x"))
    assert form.channels_note.text() == "Multiple values"

    steps = win.undo_stack.count()
    qtbot.mouseClick(boxes["instagram"], Qt.LeftButton)
    assert _channels(library, [a, b]) == [["tiktok", "instagram"], ["instagram"]]
    assert win.undo_stack.count() == steps + 1
    assert win.undo_stack.undoText() == "Allow Instagram"
    qtbot.waitUntil(lambda: boxes["instagram"].checkState() == Qt.Checked)
    assert boxes["tiktok"].checkState() == Qt.PartiallyChecked  # still mixed: kept per asset

    qtbot.mouseClick(boxes["tiktok"], Qt.LeftButton)  # partly ticked -> ticked on all
    assert _channels(library, [a, b]) == [["tiktok", "instagram"], ["tiktok", "instagram"]]
    qtbot.waitUntil(lambda: form.channels_note.text() == "TikTok and Instagram only")
    assert win.undo_stack.count() == steps + 2  # each click its own step

    win.undo_stack.undo()
    assert _channels(library, [a, b]) == [["tiktok", "instagram"], ["instagram"]]
    win.undo_stack.undo()
    assert _channels(library, [a, b]) == [["tiktok"], []]
    qtbot.waitUntil(lambda: boxes["tiktok"].checkState() == Qt.PartiallyChecked)

    win.select_ids([b], b)  # no limit: nothing ticked, and the note says what that means
    qtbot.waitUntil(lambda: form.channels_note.text() == "Every channel")
    assert not any(box.isChecked() for box in boxes.values())


def test_the_channel_toggles_fit_the_inspector_without_widening_it(qtbot, window):
    """Four boxes in one row made the panel wider than its dock (its right edge cut off)."""
    form = window.inspector.rights
    area = form.parent()
    while not isinstance(area, QScrollArea):
        area = area.parent()
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: area.widget().width() <= area.viewport().width())
    assert area.widget().minimumSizeHint().width() <= area.viewport().width()


def test_a_wheel_over_a_channel_toggle_changes_nothing(qtbot, window, library):
    win = window
    a = win.model.ids[3]
    win.select_ids([a], a)
    before = library.get(a)["rights"]
    for box in win.inspector.rights.channels.values():
        _wheel(box, 3)
        _wheel(box, -3)
    assert library.get(a)["rights"] == before
    assert not any(box.isChecked() for box in win.inspector.rights.channels.values())


def test_composer_flags_a_file_cleared_for_another_platform(qtbot, library):
    doc = new_asset("/event/tiktok_only.jpg", "image", 100, 1.0, "fp-1")
    doc["rights"].update(status="cleared", channels=["tiktok"])
    library.apply("Fill", {doc["id"]: doc})
    post = Post(asset_ids=[doc["id"]], platform="instagram", body="Hello",
                timezone="Australia/Sydney")
    PostStore(library).create(post)
    c = CaptionComposer(library, QUndoStack())
    qtbot.addWidget(c)
    c.show()
    c.load(post.id)
    assert "tiktok_only.jpg: cleared for TikTok only, not Instagram" in c.rights_label.text()
    assert c.override_button.isVisibleTo(c)
    c.platform_combo.setCurrentIndex(c.platform_combo.findData("tiktok"))
    assert c.rights_label.text().startswith("Rights cleared")
    assert PostStore(library).get(post.id).platform == "tiktok"


def test_the_template_dialog_has_a_channels_field(qtbot, window, library):
    from liveassets.catalog.templates import MetadataTemplate, TemplateStore

    TemplateStore(library).save(MetadataTemplate("Deal", {"channels": ["instagram"]},
                                                 frozenset({"channels"})))
    window.templates.edit_templates()
    dialog = window.templates.dialog
    form = dialog.form
    assert form.texts["channels"].text() == "instagram"
    form.texts["channels"].clear()
    qtbot.keyClicks(form.texts["channels"], "TikTok, Instagram Reels")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    (t,) = TemplateStore(library).all()
    assert t.values["channels"] == ["tiktok", "instagram"]
    assert "Channels: TikTok and Instagram only" in t.describe()
    dialog.close()


def test_the_grid_tooltip_says_the_channels(window, library):
    a = window.model.ids[4]
    library.set_rights([a], status="cleared", channels="tiktok, x")
    row = window.model.ids.index(a)
    tip = window.model.index(row).data(Qt.ToolTipRole)
    assert "Rights: cleared (TikTok and X only)" in tip.splitlines()
