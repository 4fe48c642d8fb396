"""Privacy in the window (#17): the inspector marks a file that says where it was taken, and
Export pack… names the originals that still would, with a one-click switch to renditions."""

import pytest

pytest.importorskip("PySide6")

from mediagen import make_jpeg  # noqa: E402

from liveassets.media.scan import scan  # noqa: E402
from liveassets.ui.dialogs.export_pack import ExportPackDialog  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402


@pytest.fixture
def ids(library, tmp_path):
    folder = tmp_path / "event"
    make_jpeg(folder / "located <b>x.jpg", size=(240, 160), gps=(-36.8485, 174.7633))
    make_jpeg(folder / "plain.jpg", size=(240, 160))
    scan(library, [folder])
    ids = {d["name"]: d["id"] for d in library.all()}
    library.set_rights(list(ids.values()), status="cleared", credit="Photo: Nova")
    return ids


def test_inspector_marks_a_located_file_only(open_window, library, ids):
    win = open_window()
    label = win.inspector.fact_labels["Location"]
    win.inspector.show_assets([library.get(ids["located <b>x.jpg"])])
    assert label.text() == "Has location: 36.8485° S, 174.7633° E"
    assert label.isVisibleTo(win.inspector) and "leave it out" in label.toolTip()
    win.inspector.show_assets([library.get(ids["plain.jpg"])])
    assert not label.isVisibleTo(win.inspector)


def test_export_pack_names_located_originals_and_switches_to_renditions(qtbot, library, ids):
    make_app()
    dlg = ExportPackDialog(library, list(ids.values()))
    qtbot.addWidget(dlg)
    dlg.show()
    note = dlg.location_note
    assert note.isVisible() and note.text().startswith("1 file(s) still carry the GPS position")
    assert "located <b>x.jpg" in note.text()   # drawn as plain text, not bold
    dlg.to_renditions.click()
    assert dlg.mode.currentData() == "renditions"
    assert not note.isVisible() and not dlg.to_renditions.isVisible()
    dlg.jobs.wait()
