"""Playing video in the window, shared by the inspector's clip player and the cut editor's
preview player: Qt Multimedia loaded on first use (or a one-line reason it cannot be), the
time format, and VideoSurface, the widget the decoded frames are painted on.

Qt Multimedia is imported on the first clip shown, not at start-up, and it can be missing or
unloadable (PySide6-Addons absent, `libpulse.so.0` not installed): then callers keep a poster
with a one-line note instead of a crash. Frames are painted by a plain widget rather than
QVideoWidget because QVideoWidget is a native child window in Qt 6, which a scroll area cannot
clip and `grab()` (screenshots) cannot see.
"""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory, QRect, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

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


def attach_player(owner, multimedia) -> None:
    """Give the widget `owner` a QMediaPlayer drawing into a QVideoSink, as `owner.player`,
    `owner._sink` and `owner._audio` (None without a sound card: a server, CI, and it plays
    silently), wired to the owner's `_frame`, `_duration`, `_position`, `_state` and `_error`
    slots. `multimedia`: load_multimedia()'s classes (the caller has checked it loaded)."""
    QMediaPlayer, QAudioOutput, QVideoSink, QMediaDevices = multimedia
    owner.player = QMediaPlayer(owner)
    owner._sink = QVideoSink(owner)
    owner.player.setVideoSink(owner._sink)
    owner._audio = None
    if QMediaDevices.audioOutputs():
        owner._audio = QAudioOutput(owner)
        owner.player.setAudioOutput(owner._audio)
    owner._sink.videoFrameChanged.connect(owner._frame)
    owner.player.durationChanged.connect(owner._duration)
    owner.player.positionChanged.connect(owner._position)
    owner.player.playbackStateChanged.connect(owner._state)
    owner.player.errorOccurred.connect(owner._error)


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
        self.fill = False  # True: take whatever height the layout gives (the cut's player)

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
        if self.fill:
            return
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
