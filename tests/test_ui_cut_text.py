"""The window's render step shows the characters no font can draw before rendering, and a
user who cancels gets no render."""

import os

import pytest

pytest.importorskip("PySide6")


def test_render_warns_about_undrawable_characters_and_cancel_renders_nothing(
        qtbot, window, media, messages, monkeypatch):
    win = window
    win.catalog.set_rights([win.model.doc(r)["id"] for r in range(win.model.rowCount())],
                           status="cleared")
    sel = win.view.selectionModel()
    row = next(r for r in range(win.model.rowCount()) if win.model.doc(r)["path"] == media["b"])
    sel.select(win.model.index(row, 0), sel.SelectionFlag.Select)
    win.add_to_cut_action.trigger()
    editor = win.cut_editor
    editor.plan.caption = "Tonight \ue000 中 😀"
    asked = []
    monkeypatch.setattr(editor, "ask_warnings", lambda found: asked.append(found) or False)
    assert not editor.start_render()
    assert len(asked) == 1 and len(asked[0]) == 1
    text = str(asked[0][0])
    assert text.startswith("Caption:") and "U+E000 (a private-use character)" in text
    assert not editor.is_rendering() and messages == []
    assert "Not rendered" in editor.status.text()
    assert not os.path.exists(editor.catalog.folder / "renders" / "untitled-cut.mp4")
