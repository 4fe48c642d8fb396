"""A bug inside any background job ends that job's progress in the window and says what failed
(the log file named), instead of leaving a spinner up: the render, the pack export and the
caption-sheet export (the scan and the grid's query are in test_ui_scan / test_ui_search)."""

import pytest

pytest.importorskip("PySide6")

from liveassets.logs import log_path  # noqa: E402
from test_ui_cuts import _add_all, _clear_rights  # noqa: E402
from test_ui_export_pack import assets, dialog as pack_dialog  # noqa: E402,F401
from test_ui_export_sheet import dialog as sheet_dialog, make_posts  # noqa: E402,F401


def _boom(*args, **kwargs):
    raise RuntimeError("a bug in the core")


def test_a_render_that_breaks_ends_its_progress_and_says_so(qtbot, window, media, messages,
                                                            monkeypatch):
    import liveassets.cuts.render as render_module

    monkeypatch.setattr(render_module, "render", _boom)
    _clear_rights(window)
    editor = _add_all(window, media)
    editor.render_size = (90, 160)
    with qtbot.waitSignal(editor.signals.failed, timeout=30_000) as failed:
        assert editor.start_render("preview")
        assert editor.is_rendering() and editor.progress.isVisible()
    assert failed.args[0].startswith("The preview failed unexpectedly (RuntimeError: a bug in "
                                     "the core)")
    assert str(log_path()) in failed.args[0]
    assert not editor.is_rendering()
    assert editor.progress.isHidden() and editor.cancel_button.isHidden()
    assert editor.status.text() == "Not rendered: " + failed.args[0]
    assert messages[-1][1] == "The render failed"


def test_a_pack_export_that_breaks_can_be_tried_again_or_closed(qtbot, pack_dialog, tmp_path,
                                                                monkeypatch):
    import liveassets.packs.build as build_module

    monkeypatch.setattr(build_module, "build", _boom)
    pack_dialog.output.setText(str(tmp_path / "pack.zip"))
    with qtbot.waitSignal(pack_dialog.signals.failed, timeout=30_000):
        pack_dialog.export_button.click()
    assert "The pack failed unexpectedly (RuntimeError: a bug in the core)" in \
        pack_dialog.status.text()
    assert pack_dialog.progress.isHidden() and pack_dialog.export_button.isEnabled()
    assert pack_dialog.cancel_token is None  # Cancel closes the dialog again
    assert not (tmp_path / "pack.zip").exists()


def test_a_sheet_export_that_breaks_frees_the_dialog(qtbot, sheet_dialog, library, tmp_path,
                                                     monkeypatch):
    import liveassets.publish.sheets as sheets_module

    make_posts(library)
    d = sheet_dialog("csv")
    monkeypatch.setattr(sheets_module, "export", _boom)
    d.choose_path = lambda: str(tmp_path / "sheet.csv")
    assert d.export()
    qtbot.waitUntil(lambda: not d.busy, timeout=5_000)
    assert "Not written: The caption sheet failed unexpectedly (RuntimeError: a bug in the " \
        "core)" in d.status.text()
    assert d.close_button.isEnabled() and d.progress.isHidden()
    assert not (tmp_path / "sheet.csv").exists()
