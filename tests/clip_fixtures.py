"""Fixtures for the window's clip tests (video player, cut editor; a plugin of conftest.py): a
scanned shoot of two clips and a photo, the window on it, and every message box recorded instead
of blocking on a modal."""

import pytest

from liveassets.media.scan import scan
from mediagen import make_jpeg, make_video


@pytest.fixture
def media(tmp_path, library):
    folder = tmp_path / "shoot"
    folder.mkdir()
    a = make_video(folder / "a.mp4", size=(160, 90), seconds=2.0, fps=15,
                   colors=[(220, 40, 40), (40, 200, 60)])
    b = make_video(folder / "b.mp4", size=(160, 90), seconds=1.0, fps=15)
    photo = make_jpeg(folder / "IMG_0001.jpg")
    scan(library, [folder])
    return {"a": str(a), "b": str(b), "photo": str(photo or folder / "IMG_0001.jpg")}


@pytest.fixture
def window(open_window, media):
    win = open_window()
    yield win
    win.shutdown()
    assert win.cut_editor.jobs.running() == 0


@pytest.fixture
def messages(monkeypatch):
    """Every message box the editor shows, recorded instead of blocking on a modal."""
    from PySide6.QtWidgets import QMessageBox

    shown = []

    def record(kind):
        def box(_parent, title, text, *a, **k):
            shown.append((kind, title, text))
            return QMessageBox.Ok
        return box

    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown
