"""VideoPreview: the inspector's player for one clip — its poster frame at once, then play/pause
and scrubbing with Qt Multimedia (QMediaPlayer into a QVideoSink whose frames we paint).

Qt Multimedia is loaded on the first clip shown (ui/playback.py, shared with the cut editor's
player); when it cannot be, the poster stays with a one-line note instead of a crash.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QUrl
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QVBoxLayout, QWidget

from liveassets.ui.playback import VideoSurface, attach_player, clock, load_multimedia  # noqa: F401
from liveassets.ui.theme.icons import icon


class VideoPreview(QWidget):
    """Poster, play/pause, a scrub slider and the time; `set_clip(doc, poster)` per selection.
    With focus: Space plays/pauses, I / O mark in / out (`mark_in`, `mark_out`, seconds), comma
    and period step a frame, J / K / L shuttle (back 1 s / pause / play)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("videoPreview")
        self.path: str | None = None
        self.fps = 30.0
        self.mark_in: float | None = None
        self.mark_out: float | None = None
        self.setFocusPolicy(Qt.StrongFocus)
        self.player = None
        self._audio = None
        self._sink = None
        self._resume = False
        self.surface = VideoSurface(self)
        self.play_button = QToolButton(self)
        self.play_button.setToolTip("Play / pause")
        self.play_button.setIcon(icon("play"))
        self.play_button.setAutoRaise(True)
        self.slider = QSlider(Qt.Horizontal, self)
        self.slider.setRange(0, 0)
        self.slider.setToolTip("Drag to scrub")
        self.time_label = QLabel("0:00 / 0:00", self)
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance(
            "00:00 / 00:00") + 4)
        self.time_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.marks_label = QLabel(self)  # "In 0:01.5 · Out 0:03.0" once a mark is set
        self.marks_label.setObjectName("videoMarks")
        self.marks_label.hide()
        self.mute_button = QToolButton(self)
        self.mute_button.setCheckable(True)
        self.mute_button.setAutoRaise(True)
        self.mute_button.setToolTip("Mute")
        self.mute_button.setIcon(icon("volume"))
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.PlainText)  # one line when playback is not possible
        self.note.setObjectName("videoNote")
        self.note.setWordWrap(True)
        self.note.hide()
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(4)
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        controls.addWidget(self.marks_label)
        controls.addWidget(self.mute_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.surface)
        layout.addLayout(controls)
        layout.addWidget(self.note)
        self.play_button.clicked.connect(self.toggle)
        self.surface.clicked.connect(self.toggle)
        self.mute_button.toggled.connect(self._mute)
        self.slider.sliderPressed.connect(self._scrub_start)
        self.slider.sliderMoved.connect(self._scrub)
        self.slider.sliderReleased.connect(self._scrub_end)
        self.slider.actionTriggered.connect(self._slider_action)

    # -- the player, made on the first clip ------------------------------------------------
    @property
    def available(self) -> bool:
        return not isinstance(load_multimedia(), str)

    def _ensure_player(self) -> bool:
        if self.player is not None:
            return True
        mm = load_multimedia()
        if isinstance(mm, str):
            self._unavailable(f"Playback unavailable (Qt Multimedia did not load: {mm}); "
                              "showing the poster frame.")
            return False
        attach_player(self, mm)
        if self._audio is None:
            self.mute_button.setEnabled(False)
            self.mute_button.setToolTip("No audio output found")
        return True

    def _unavailable(self, text: str) -> None:
        self.note.setText(text)
        self.note.setToolTip(text)
        self.note.show()
        for w in (self.play_button, self.slider, self.mute_button):
            w.setEnabled(False)

    # -- showing a clip --------------------------------------------------------------------
    def set_clip(self, doc: dict, poster: QPixmap | None, text: str = "") -> None:
        self.surface.set_poster(poster, text)
        path = doc.get("path")
        if path == self.path:
            return
        self.clear()
        self.path = path
        self.fps = float(doc.get("fps") or 30.0)
        duration = int((doc.get("duration") or 0) * 1000)
        self.slider.setRange(0, duration)  # from the catalog until the player knows better
        self._show_time(0, duration)
        if self._ensure_player():
            self.note.hide()
            for w in (self.play_button, self.slider):
                w.setEnabled(True)
            self.player.setSource(QUrl.fromLocalFile(path))

    def clear(self) -> None:
        """Stop and let go of the file (another selection, the window closing)."""
        self.path = None
        self.set_mark("in", None)
        self.set_mark("out", None)
        self.surface.set_frame(None)
        self.slider.setValue(0)
        if self.player is not None:
            self.player.stop()
            self.player.setSource(QUrl())

    def shutdown(self) -> None:
        self.clear()

    def toggle(self) -> None:
        if self.player is None or self.path is None:
            return
        if self.player.playbackState() == self.player.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.player.play()

    # -- keys: marks, frame step, shuttle -------------------------------------------------------
    def position(self) -> int:
        """The play position in ms."""
        return self.player.position() if self.player is not None else self.slider.value()

    def seek(self, ms: int) -> None:
        if self.player is None or self.path is None:
            return
        if self.player.playbackState() != self.player.PlaybackState.PausedState:
            self.player.pause()  # paused seeks render a frame
        ms = max(0, min(round(ms), self.slider.maximum()))
        self.player.setPosition(ms)
        self._position(ms)

    def set_mark(self, which: str, seconds: float | None = ...) -> None:
        """Mark in or out at `seconds` (default: the play position; None clears it)."""
        if seconds is ...:
            if self.path is None:
                return
            seconds = round(self.position() / 1000, 3)
        setattr(self, f"mark_{which}", seconds)
        if seconds is not None and self.mark_in is not None and self.mark_out is not None \
                and self.mark_out <= self.mark_in:  # the other mark no longer makes sense
            setattr(self, "mark_out" if which == "in" else "mark_in", None)
        parts = [f"{label} {int(v // 60)}:{v % 60:04.1f}"
                 for label, v in (("In", self.mark_in), ("Out", self.mark_out)) if v is not None]
        self.marks_label.setText(" · ".join(parts))
        self.marks_label.setVisible(bool(parts))

    def keyPressEvent(self, event) -> None:
        key, step = event.key(), 1000 / (self.fps or 30.0)
        playing = self.player is not None and \
            self.player.playbackState() == self.player.PlaybackState.PlayingState
        if event.modifiers() & ~Qt.KeypadModifier or self.path is None:
            return super().keyPressEvent(event)
        if key == Qt.Key_I:
            self.set_mark("in")
        elif key == Qt.Key_O:
            self.set_mark("out")
        elif key in (Qt.Key_Comma, Qt.Key_Period):
            self.seek(self.position() + (step if key == Qt.Key_Period else -step))
        elif key == Qt.Key_J:
            self.seek(self.position() - 1000)
        elif key == Qt.Key_K:
            if playing:
                self.player.pause()
        elif key == Qt.Key_L:
            if self.player is not None and not playing:
                self.player.play()
        elif key == Qt.Key_Space:
            self.toggle()
        else:
            return super().keyPressEvent(event)
        event.accept()

    def _mute(self, muted: bool) -> None:
        self.mute_button.setIcon(icon("muted" if muted else "volume"))
        if self._audio is not None:
            self._audio.setMuted(muted)

    # -- scrubbing: the picture follows the slider while it is dragged ---------------------
    def _scrub_start(self) -> None:
        if self.player is None:
            return
        playing = self.player.PlaybackState.PlayingState
        self._resume = self.player.playbackState() == playing
        self.player.pause()  # paused seeks render a frame; stopped ones do not

    def _scrub(self, value: int) -> None:
        if self.player is not None:
            self.player.setPosition(value)
        self._show_time(value, self.slider.maximum())

    def _scrub_end(self) -> None:
        if self.player is not None:
            self.player.setPosition(self.slider.value())
            if self._resume:
                self.player.play()

    def _slider_action(self, action) -> None:
        """Clicks on the groove and arrow keys move the slider without sliderMoved."""
        if self.player is not None and not self.slider.isSliderDown() \
                and action != QSlider.SliderMove:
            if self.player.playbackState() == self.player.PlaybackState.StoppedState:
                self.player.pause()
            self.player.setPosition(self.slider.sliderPosition())

    # -- from the player -------------------------------------------------------------------
    def _frame(self, frame) -> None:
        if self.path is None or not self.isVisible():
            return
        self.surface.offer(frame)

    def _duration(self, ms: int) -> None:
        if ms > 0:
            self.slider.setRange(0, ms)
            self._show_time(self.slider.value(), ms)

    def _position(self, ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(ms)
            self.slider.blockSignals(False)
            self._show_time(ms, self.slider.maximum())

    def _state(self, state) -> None:
        playing = state == self.player.PlaybackState.PlayingState
        self.play_button.setIcon(icon("pause" if playing else "play"))
        self.play_button.setToolTip("Pause" if playing else "Play")

    def _error(self, error, message: str) -> None:
        if error == self.player.Error.NoError:
            return
        self.note.setText(f"Cannot play this clip: {message or 'unsupported format'}.")
        self.note.setToolTip(self.path or "")
        self.note.show()

    def _show_time(self, ms: int, total: int) -> None:
        self.time_label.setText(f"{clock(ms)} / {clock(total)}")

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:  # icon strokes follow the text colour
            playing = self.player is not None and \
                self.player.playbackState() == self.player.PlaybackState.PlayingState
            self.play_button.setIcon(icon("pause" if playing else "play"))
            self.mute_button.setIcon(icon("muted" if self.mute_button.isChecked() else "volume"))

    def sizeHint(self) -> QSize:
        return QSize(300, 240)
