"""Export pack… from the window: the preview shows what is left out and why; the pack holds
only what the rights gate allows; Cancel leaves nothing."""

import datetime as dt
import zipfile

import pytest

pytest.importorskip("PySide6")

from mediagen import make_jpeg  # noqa: E402

from liveassets.media.scan import scan  # noqa: E402
from liveassets.ui.window.app import make_app  # noqa: E402
from liveassets.ui.dialogs.export_pack import ExportPackDialog  # noqa: E402


@pytest.fixture
def assets(library, tmp_path):
    folder = tmp_path / "event"
    folder.mkdir()
    for i in range(4):
        make_jpeg(folder / f"IMG_{i}.jpg", size=(240, 160), color=(60 * i, 90, 160))
    scan(library, [folder])
    ids = {d["name"]: d["id"] for d in library.all()}
    library.set_rights([ids["IMG_0.jpg"], ids["IMG_1.jpg"]], status="cleared", credit="Photo: Nova")
    library.set_rights([ids["IMG_2.jpg"]], status="internal")
    library.set_rights([ids["IMG_3.jpg"]], status="cleared",
                       expires=(dt.date.today() - dt.timedelta(days=1)).isoformat())
    return ids


@pytest.fixture
def dialog(qtbot, library, assets):
    make_app()
    dlg = ExportPackDialog(library, list(assets.values()))
    qtbot.addWidget(dlg)
    yield dlg
    dlg.jobs.wait()


def test_preview_shows_what_goes_in_and_why_the_rest_stays(dialog):
    going = [dialog.going_in.item(i).text() for i in range(dialog.going_in.count())]
    left = [dialog.left_out.item(i).text() for i in range(dialog.left_out.count())]
    assert sorted(going) == ["IMG_0.jpg", "IMG_1.jpg"]
    assert any("IMG_2.jpg" in t and "internal" in t for t in left)
    assert any("IMG_3.jpg" in t and "expired" in t for t in left)
    dialog.audience.setCurrentIndex(dialog.audience.findData("internal"))
    assert dialog.going_in.count() == 3  # internal use joins; expired never does


def test_export_writes_only_what_the_gate_allows(qtbot, dialog, tmp_path):
    dialog.output.setText(str(tmp_path / "pack.zip"))
    with qtbot.waitSignal(dialog.signals.finished, timeout=30_000):
        dialog.export_button.click()
    names = zipfile.ZipFile(tmp_path / "pack.zip").namelist()
    media = [n for n in names if n.lower().endswith(".jpg")]
    assert sorted(n.rsplit("/", 1)[-1] for n in media) == ["IMG_0.jpg", "IMG_1.jpg"]
    assert "manifest.csv" in names and "contact_sheet.pdf" in names
    assert "Pack written" in dialog.status.text() and not dialog.show_button.isHidden()


def test_an_existing_pack_is_not_overwritten(qtbot, dialog, tmp_path):
    target = tmp_path / "pack.zip"
    target.write_bytes(b"mine")
    dialog.output.setText(str(target))
    with qtbot.waitSignal(dialog.signals.failed, timeout=30_000):
        dialog.export_button.click()
    assert target.read_bytes() == b"mine"
    assert "pack.zip" in dialog.status.text() and dialog.export_button.isEnabled()


def test_the_window_opens_it_for_the_selection(qtbot, open_window, assets, monkeypatch):
    from liveassets.ui.dialogs import export_pack

    seen = []
    monkeypatch.setattr(export_pack.ExportPackDialog, "exec",
                        lambda self: seen.append(sorted(self.ids)) or 0)
    win = open_window()
    qtbot.waitUntil(lambda: win.model.rowCount() == 4)
    win.export_pack_action.trigger()  # nothing selected: what the grid shows
    assert seen == [sorted(assets.values())]


def test_cancel_stops_the_pack_and_leaves_nothing(qtbot, dialog, tmp_path, monkeypatch):
    import threading

    import liveassets.packs.build as pack_build

    real_build, reached = pack_build.build, threading.Event()

    def gated_build(catalog, plan, out, progress, cancel, **kw):
        def gate(p):
            progress(p)
            reached.set()
            for _ in range(1000):  # hold the worker until the user pressed Cancel
                if cancel.cancelled:
                    break
                threading.Event().wait(0.01)
        return real_build(catalog, plan, out, progress=gate, cancel=cancel, **kw)

    monkeypatch.setattr(pack_build, "build", gated_build)
    dialog.output.setText(str(tmp_path / "pack.zip"))
    with qtbot.waitSignal(dialog.signals.failed, timeout=30_000) as failed:
        dialog.export_button.click()
        qtbot.waitUntil(reached.is_set, timeout=10_000)
        dialog.cancel_button.click()
    assert "Cancelled" in failed.args[0]
    assert list(tmp_path.glob("*pack*")) == []  # no pack, no partial file
