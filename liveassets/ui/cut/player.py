"""CutPlayer: the cut editor's own player for the half-size preview render. Play/pause (Space,
or a click on the picture), J / K / L (back 1 s / pause / play, L again plays faster), a
MomentTimeline under the picture with the cut's segments as bands, the highlight moments as
ticks and the play head; `segmentChanged(i)` as the play head crosses into segment i, so the
editor can highlight it in the segment list. When the plan changes after the preview was
rendered, `set_stale(True)` says so over the controls ("Preview is out of date")."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton,
                               QVBoxLayout, QWidget)

from liveassets.ui.cut.timeline import Mark, MomentTimeline, clock_tenths
from liveassets.ui.playback import VideoSurface, attach_player, load_multimedia
from liveassets.ui.theme.icons import icon

RATES = (1.0, 2.0, 4.0)  # L, L again, L a third time (as in editors that shuttle with J/K/L)
EMPTY = "Press Preview to render a half-size draft of the cut and watch it here."
STALE = "Preview is out of date: the cut changed after it was rendered. Press Preview again."


class CutPlayer(QWidget):
    """`load(path, spans)`: play the preview at `path`, whose segments run over `spans` (seconds,
    plan.timeline() of the plan rendered). `set_marks([Mark])` in cut time. `wanted` asks the
    editor for a (new) preview. `path` is what is loaded (None: nothing yet)."""

    segmentChanged = Signal(int)  # index into spans of the segment under the play head, or -1
    wanted = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("cutPlayer")
        self.setFocusPolicy(Qt.StrongFocus)
        self.path: str | None = None
        self.spans: list[tuple[float, float]] = []
        self.duration = 0.0
        self.stale = False
        self.player = None
        self._audio = None
        self._sink = None
        self._segment = -1
        self._rate = 0
        self.surface = VideoSurface(self)
        self.surface.fill = True  # the tab's height, whatever the dock gives: controls stay
        self.surface.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.surface.setMinimumHeight(120)
        self.surface.set_poster(None, "No preview yet")
        self.play_button = QToolButton(self)
        self.play_button.setIcon(icon("play"))
        self.play_button.setAutoRaise(True)
        self.play_button.setToolTip("Play / pause (Space); J back 1 s, K pause, L play (again: "
                                    "faster)")
        self.timeline = MomentTimeline(self)
        self.time_label = QLabel("0:00.0 / 0:00.0", self)
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance(
            "00:00.0 / 00:00.0") + 4)
        self.time_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.note = QLabel(EMPTY, self)
        self.note.setObjectName("hint")
        self.note.setTextFormat(Qt.PlainText)
        self.note.setWordWrap(True)
        self.render_button = QPushButton("Preview", self)
        self.render_button.setToolTip("Render a quick half-size draft of the cut and play it "
                                      "here (not added to the library)")
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.setSpacing(4)
        controls.addWidget(self.play_button)
        controls.addWidget(self.timeline, 1)
        controls.addWidget(self.time_label)
        status = QHBoxLayout()
        status.setContentsMargins(0, 0, 0, 0)
        status.addWidget(self.note, 1)
        status.addWidget(self.render_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.surface, 1)
        column.addLayout(controls)
        column.addLayout(status)
        self.play_button.clicked.connect(self.toggle)
        self.surface.clicked.connect(self.toggle)
        self.timeline.seek.connect(self.seek)
        self.render_button.clicked.connect(self.wanted.emit)
        self._enable(False)

    # -- the player, made on the first preview ---------------------------------------------
    @property
    def available(self) -> bool:
        return not isinstance(load_multimedia(), str)

    def _ensure_player(self) -> bool:
        if self.player is not None:
            return True
        mm = load_multimedia()
        if isinstance(mm, str):
            self.note.setText(f"The preview was rendered but cannot be played here (Qt "
                              f"Multimedia did not load: {mm}).")
            return False
        attach_player(self, mm)
        return True

    def _enable(self, on: bool) -> None:
        self.play_button.setEnabled(on)
        self.timeline.setEnabled(on)

    # -- what is loaded ----------------------------------------------------------------------
    def load(self, path: str, spans: list[tuple[float, float]], duration: float) -> bool:
        """Show the preview at `path` (`duration` seconds, from the render) from its start,
        paused on its first frame. False when it cannot be played here (the note says why)."""
        self.clear()
        self.path, self.spans, self.duration = path, list(spans), float(duration)
        self.timeline.set_range(0.0, self.duration)
        self.timeline.set_spans(self.spans)
        self.set_stale(False)
        self._show_time(0.0)
        if not self._ensure_player():
            return False
        self._enable(True)
        self.player.setSource(QUrl.fromLocalFile(path))
        self.player.pause()  # a paused player shows the first frame instead of black
        return True

    def clear(self) -> None:
        """Stop and let go of the preview file (a new render is about to replace it)."""
        self.path = None
        self._rate = 0
        self.surface.set_frame(None)
        self.surface.set_poster(None, "No preview yet")
        self._enable(False)
        self._set_segment(-1)
        if self.player is not None:
            self.player.stop()
            self.player.setPlaybackRate(1.0)
            self.player.setSource(QUrl())

    def set_stale(self, stale: bool) -> None:
        self.stale = stale
        if self.path is None:
            self.note.setText(EMPTY)
        else:
            self.note.setText(STALE if stale else "Half-size preview of the cut as it is now.")
        self.note.setStyleSheet("color: #f0883e;" if stale and self.path else "")

    def set_marks(self, marks: list[Mark]) -> None:
        self.timeline.set_marks(marks)

    def shutdown(self) -> None:
        self.clear()

    # -- playing -----------------------------------------------------------------------------
    def playing(self) -> bool:
        return self.player is not None and \
            self.player.playbackState() == self.player.PlaybackState.PlayingState

    def toggle(self) -> None:
        if self.player is None or self.path is None:
            return
        if self.playing():
            self.player.pause()
        else:
            self._rate = 0
            self.player.setPlaybackRate(1.0)
            self.player.play()

    def position(self) -> float:
        """The play head in seconds."""
        return self.timeline.position

    def seek(self, seconds: float) -> None:
        if self.player is None or self.path is None:
            return
        if self.player.playbackState() == self.player.PlaybackState.StoppedState:
            self.player.pause()  # paused seeks show a frame; stopped ones do not
        seconds = min(max(0.0, seconds), self.duration)
        self.player.setPosition(int(round(seconds * 1000)))
        self._moved(seconds)

    def seek_segment(self, index: int) -> None:
        """Put the play head at the start of segment `index` (the list's selection)."""
        if 0 <= index < len(self.spans) and index != self._segment:
            self.seek(self.spans[index][0] + 1e-3)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if event.modifiers() & ~Qt.KeypadModifier or self.path is None:
            return super().keyPressEvent(event)
        if key == Qt.Key_Space:
            self.toggle()
        elif key == Qt.Key_J:
            self.seek(self.position() - 1.0)
        elif key == Qt.Key_K:
            if self.playing():
                self.player.pause()
            self._rate = 0
        elif key == Qt.Key_L:
            if self.player is not None:
                self._rate = min(self._rate + 1, len(RATES)) if self.playing() else 1
                self.player.setPlaybackRate(RATES[self._rate - 1])
                self.player.play()
        else:
            return super().keyPressEvent(event)
        event.accept()

    # -- from the player ---------------------------------------------------------------------
    def _frame(self, frame) -> None:
        if self.path is not None:
            self.surface.offer(frame)

    def _duration(self, ms: int) -> None:
        if ms > 0:
            self.duration = ms / 1000
            self.timeline.set_range(0.0, self.duration)
            self._show_time(self.position())

    def _position(self, ms: int) -> None:
        self._moved(ms / 1000)

    def _moved(self, seconds: float) -> None:
        self.timeline.set_position(seconds)
        self._show_time(seconds)
        # Crossfades overlap two spans: the later one wins, it is the one coming in.
        inside = [i for i, (a, b) in enumerate(self.spans) if a <= seconds < b]
        self._set_segment(inside[-1] if inside else (len(self.spans) - 1 if self.spans and
                                                      seconds >= self.spans[-1][1] else -1))

    def _set_segment(self, index: int) -> None:
        if index != self._segment:
            self._segment = index
            self.timeline.set_current(index)
            self.segmentChanged.emit(index)

    def _state(self, _state) -> None:
        playing = self.playing()
        self.play_button.setIcon(icon("pause" if playing else "play"))

    def _error(self, error, message: str) -> None:
        if error != self.player.Error.NoError:
            self.note.setText(f"Cannot play the preview: {message or 'unsupported format'}.")

    def _show_time(self, seconds: float) -> None:
        self.time_label.setText(f"{clock_tenths(seconds)} / {clock_tenths(self.duration)}")

    def hideEvent(self, event) -> None:
        """Another tab, the dock closed: the preview stops rather than play on unseen."""
        super().hideEvent(event)
        if self.playing():
            self.player.pause()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:  # icon strokes follow the text colour
            self.play_button.setIcon(icon("pause" if self.playing() else "play"))
