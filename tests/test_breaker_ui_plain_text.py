"""Text from files and users is drawn as written (helper "breaker", issue #12): a camera model
from a file's EXIF, a template's tag or a name in a message that holds "<b>" shows the "<b>",
instead of Qt guessing rich text and drawing it bold (or an <img> as a broken picture)."""

import pytest

pytest.importorskip("PySide6")

from catalog_helpers import fill  # noqa: E402

HOSTILE = "<b>Bold</b> <img src='x'>"


def draws_literally(label, text: str) -> bool:
    """The label lays out every character of `text`, tags included (a rich-text label lays
    out "Bold" and an image, far narrower than the tags' own characters). Measured on one
    line: word wrap is switched off for the measure."""
    label.setWordWrap(False)
    return label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(text)


@pytest.fixture
def win(qtbot, open_window, library):
    ids = fill(library, 2)
    library.apply("Camera", {ids[0]: {"camera": HOSTILE}})
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 2)
    return win


def test_the_status_line_and_the_inspector_draw_names_as_written(qtbot, win, library):
    win.notify(f"Applied “{HOSTILE}” to 2 assets.")
    assert draws_literally(win.status_label, HOSTILE)
    row = win.model.ids.index(next(d["id"] for d in library.all() if d.get("camera") == HOSTILE))
    win.select_ids([win.model.ids[row]], win.model.ids[row])
    qtbot.waitUntil(lambda: win.inspector.fact_labels["Camera"].text() == HOSTILE)
    assert draws_literally(win.inspector.fact_labels["Camera"], HOSTILE)


def test_the_template_summary_draws_tags_as_written(qtbot, win, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from liveassets.catalog.templates import MetadataTemplate

    dialog = win.templates.edit_templates()
    dialog.new_template(MetadataTemplate("T", {}, frozenset(), [HOSTILE]))
    dialog.form._edited()
    assert draws_literally(dialog.form.summary, HOSTILE)
    dialog.show_error(f"Template “{HOSTILE}” both adds and removes a tag.")
    assert draws_literally(dialog.error, HOSTILE)
    monkeypatch.setattr(dialog, "ask_unsaved", lambda: QMessageBox.Discard)
    dialog.close()


def test_the_pack_dialog_draws_a_failure_naming_a_hostile_file_as_written(qtbot, library):
    from liveassets.ui.dialogs.export_pack import ExportPackDialog
    from liveassets.ui.window.app import make_app

    make_app()
    ids = fill(library, 1)
    dialog = ExportPackDialog(library, ids)
    qtbot.addWidget(dialog)
    dialog._failed(f"Cannot read {HOSTILE}.jpg: the disk reported a read/write error.")
    assert draws_literally(dialog.status, HOSTILE)
    assert "color:#e5534b" in dialog.status.text()  # still red
    dialog.jobs.wait()


def _label_of(box):
    from PySide6.QtWidgets import QLabel

    return next(label for label in box.findChildren(QLabel) if label.text() == box.text())


def test_every_message_box_draws_a_hostile_name_as_written(qtbot):
    """Built by hand or by the static functions the window calls (warning, question, …): a
    file name holding tags is shown as its characters, not as bold text and a broken image."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from liveassets.ui.window.app import make_app

    make_app()
    message = f"Cannot save the captions: {HOSTILE}.srt is read-only."
    box = QMessageBox(QMessageBox.Warning, "Cannot save", message)
    qtbot.addWidget(box)
    box.show()
    assert draws_literally(_label_of(box), message)

    seen = []

    def inspect():
        shown = QApplication.activeModalWidget()
        seen.append(draws_literally(_label_of(shown), message))
        shown.done(QMessageBox.Cancel)

    for ask in (QMessageBox.warning, QMessageBox.question):
        QTimer.singleShot(0, inspect)
        ask(None, "Title", message)
    assert seen == [True, True]


def test_an_input_dialog_asks_about_a_hostile_tag_as_written(qtbot):
    """The sidebar's "Merge “…” into:" and the composer's "Save as…" questions name what the
    user typed: a tag holding tags is shown as its characters."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

    from liveassets.ui.window.app import make_app

    make_app()
    question = f"Merge “{HOSTILE}” into:"
    seen = []

    def inspect():
        shown = QApplication.activeModalWidget()
        label = next(lb for lb in shown.findChildren(QLabel) if lb.text() == question)
        seen.append(draws_literally(label, question))
        shown.reject()

    QTimer.singleShot(0, inspect)
    QInputDialog.getItem(None, "Merge tag", question, ["a", "b"], 0, False)
    assert seen == [True]
