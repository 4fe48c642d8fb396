"""Video in the inspector: the selected clip plays with Qt Multimedia (offscreen, frames painted
from a QVideoSink), the slider follows its duration and scrubs, and without Qt Multimedia the
poster stays with a one-line note."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QUrl  # noqa: E402

import liveassets.ui.inspector.video as video  # noqa: E402
import liveassets.ui.playback as playback  # noqa: E402

# `media` (tests/clip_fixtures.py): a.mp4, 2 s, red then green; b.mp4; a photo; all scanned.


@pytest.fixture
def window(open_window, media):
    win = open_window()
    yield win
    win.shutdown()
    assert win.inspector.video.path is None  # the file is let go when the window closes


def _select(win, path):
    row = next(r for r in range(win.model.rowCount()) if win.model.doc(r)["path"] == path)
    win.view.move_to_row(row)


def _playable():
    if isinstance(video.load_multimedia(), str):
        pytest.skip(f"Qt Multimedia does not load here: {video.load_multimedia()}")


def test_selecting_a_clip_loads_it_and_the_slider_follows_its_duration(qtbot, window, media):
    _playable()
    win, player = window, window.inspector.video
    _select(win, media["a"])
    assert player.isVisible() and not win.inspector.preview.isVisible()
    assert player.player.source() == QUrl.fromLocalFile(media["a"])
    qtbot.waitUntil(lambda: player.player.duration() > 0, timeout=10_000)
    assert abs(player.slider.maximum() - player.player.duration()) < 5
    assert 1900 <= player.slider.maximum() <= 2100
    assert player.time_label.text().endswith("/ 0:02")
    _select(win, media["photo"])  # a photo: the picture again, and the clip is let go
    assert not player.isVisible() and win.inspector.preview.isVisible()
    assert player.player.source() == QUrl()


def test_play_pause_and_scrub(qtbot, window, media):
    _playable()
    win, player = window, window.inspector.video
    _select(win, media["a"])
    qtbot.waitUntil(lambda: player.player.duration() > 0, timeout=10_000)
    player.play_button.click()
    qtbot.waitUntil(lambda: player.surface.frame is not None, timeout=10_000)
    qtbot.waitUntil(lambda: player.slider.value() > 0, timeout=10_000)  # follows playback
    player.play_button.click()
    playing = player.player.PlaybackState.PlayingState
    qtbot.waitUntil(lambda: player.player.playbackState() != playing, timeout=5_000)
    # Dragging the handle: the player seeks while the picture follows (paused seeks render).
    player.slider.setSliderDown(True)
    player._scrub_start()
    player.slider.setSliderPosition(1500)  # emits sliderMoved while the handle is down
    qtbot.waitUntil(lambda: abs(player.player.position() - 1500) < 100, timeout=5_000)
    qtbot.waitUntil(lambda: player.surface.frame is not None and
                    player.surface.frame.pixelColor(10, 10).green() > 150, timeout=10_000)
    player.slider.setSliderDown(False)
    player._scrub_end()
    assert player.time_label.text().startswith("0:01")
    assert player.player.playbackState() != playing  # it was paused before the drag


def test_without_qt_multimedia_the_poster_stays_with_a_note(qtbot, window, media, monkeypatch):
    monkeypatch.setattr(playback, "_multimedia", "libpulse.so.0: cannot open shared object file")
    win = window
    win.inspector.video.player = None  # as if this were the first clip of the run
    _select(win, media["a"])
    player = win.inspector.video
    assert player.isVisible()
    assert player.note.isVisible() and "libpulse.so.0" in player.note.text()
    assert not player.play_button.isEnabled() and not player.slider.isEnabled()
    player.toggle()  # nothing to play: no crash
    qtbot.waitUntil(lambda: player.surface.poster is not None, timeout=10_000)  # poster frame
    assert "\n" not in player.note.text()
