"""VideoPreview: the inspector's player for one clip — its poster frame at once, then play/pause
and scrubbing with Qt Multimedia (QMediaPlayer into a QVideoSink whose frames we paint).

Qt Multimedia is imported on the first clip shown, not at start-up, and it can be missing or
unloadable (PySide6-Addons absent, `libpulse.so.0` not installed): then the poster stays with a
one-line note instead of a crash. Frames are painted by a plain widget rather than QVideoWidget
because QVideoWidget is a native child window in Qt 6, which a scroll area cannot clip and
`grab()` (screenshots) cannot see.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLoggingCategory, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QSizePolicy, QSlider, QToolButton,
                               QVBoxLayout, QWidget)

from liveassets.ui.theme.icons import icon

_multimedia: tuple | str | None = None  # (QMediaPlayer, QAudioOutput, QVideoSink, QMediaDevices)

# Qt Multimedia lists every optional library it looked for (pipewire, VA-API) and FFmpeg dumps
# each file's streams on stderr; errors still reach us (errorOccurred -> the note).
_QUIET = ("qt.multimedia.*.info=false\n"
          "qt.multimedia.*.debug=false\n"
          "qt.multimedia.symbolsresolver*=false\n"
          "qt.multimedia.playbackengine.codec*=false")


def load_multimedia():
    """The Qt Multimedia classes, or a short reason (str) why they cannot be used."""
    global _multimedia
    if _multimedia is None:
        QLoggingCategory.setFilterRules(_QUIET)
        try:
            from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QVideoSink
        except (ImportError, OSError) as exc:  # e.g. "libpulse.so.0: cannot open shared object"
            _multimedia = str(exc).split("\n")[0] or type(exc).__name__
        else:
            _multimedia = (QMediaPlayer, QAudioOutput, QVideoSink, QMediaDevices)
    return _multimedia


def clock(ms: int) -> str:
    s = max(0, int(ms) // 1000)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


class VideoSurface(QWidget):
    """The poster (a thumbnail) until the player delivers frames, fitted to the panel width."""

    clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("videoSurface")
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setCursor(Qt.PointingHandCursor)
        self.poster: QPixmap | None = None
        self.frame: QImage | None = None
        self._pending = None  # the newest QVideoFrame, converted when painted
        self.text = ""
        self._aspect = 9 / 16

    def set_poster(self, pix: QPixmap | None, text: str = "") -> None:
        self.poster, self.text = pix, text
        if pix is not None and not pix.isNull():
            self._set_aspect(pix.height() / max(1, pix.width()))
        self.update()

    def set_frame(self, image: QImage | None) -> None:
        self.frame, self._pending = image, None
        if image is not None and not image.isNull():
            self._set_aspect(image.height() / max(1, image.width()))
        self.update()

    def offer(self, frame) -> None:
        """A decoded frame: kept as is and converted only when painted, so frames that arrive
        faster than the window paints (a busy UI thread, a 4K clip) cost nothing."""
        self._pending = frame
        self.update()

    def take_pending(self) -> None:
        if self._pending is not None:
            frame, self._pending = self._pending, None
            image = frame.toImage()
            if not image.isNull():
                self.frame = image
                self._set_aspect(image.height() / max(1, image.width()))

    def _set_aspect(self, aspect: float) -> None:
        if abs(aspect - self._aspect) > 0.01:
            self._aspect = aspect
            self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        w = max(120, self.width())
        self.setFixedHeight(max(120, min(int(w * self._aspect), int(w * 0.9))))

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.LeftButton:
            self.clicked.emit()

    def paintEvent(self, event) -> None:
        self.take_pending()
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(0, 0, 0))
        picture = self.frame if self.frame is not None and not self.frame.isNull() else None
        size = picture.size() if picture is not None else \
            (self.poster.size() if self.poster is not None else None)
        if size is None or size.isEmpty():
            p.setPen(QColor("#c9ced6"))
            p.drawText(self.rect(), Qt.AlignCenter, self.text)
            return
        size = size.scaled(self.size(), Qt.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        if picture is not None:
            p.drawImage(target, picture)
        else:
            p.drawPixmap(target, self.poster)


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
        QMediaPlayer, QAudioOutput, QVideoSink, QMediaDevices = mm
        self.player = QMediaPlayer(self)
        self._sink = QVideoSink(self)
        self.player.setVideoSink(self._sink)
        if QMediaDevices.audioOutputs():  # no sound card (a server, CI): play silently
            self._audio = QAudioOutput(self)
            self.player.setAudioOutput(self._audio)
        else:
            self.mute_button.setEnabled(False)
            self.mute_button.setToolTip("No audio output found")
        self._sink.videoFrameChanged.connect(self._frame)
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        self.player.playbackStateChanged.connect(self._state)
        self.player.errorOccurred.connect(self._error)
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
