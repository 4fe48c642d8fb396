"""The selected segment of a cut: its in/out (or a still's duration and slow zoom) and how it is
reframed when its shape differs from the output's: `crop` (drag the window sideways on the
poster frame, or use the slider), `blur` (fitted over a blurred fill of itself) or `fit` (bars of
a chosen colour). The framing preview draws what the render will show, at any moment of the
segment: the "Look at" bar under it scrubs from the in point to the out point (`scrubbed`), with
the clip's highlight moments on it, so a clip that starts black can still be framed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import (QColorDialog, QComboBox, QDoubleSpinBox, QFormLayout,
                               QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider,
                               QVBoxLayout, QWidget)

from liveassets.cuts.plan import Segment
from liveassets.ui.cut.timeline import Mark, MomentTimeline, clock_tenths

REFRAMES = (("Crop to fill", "crop"), ("Blur fill", "blur"), ("Fit with bars", "fit"))


def _fit(inner: QSize | tuple, outer: QRectF) -> QRectF:
    """`inner`'s shape, as large as fits centred in `outer`."""
    w, h = (inner.width(), inner.height()) if isinstance(inner, QSize) else inner
    if w <= 0 or h <= 0:
        return QRectF(outer)
    scale = min(outer.width() / w, outer.height() / h)
    r = QRectF(0, 0, w * scale, h * scale)
    r.moveCenter(outer.center())
    return r


def crop_window(src: tuple[float, float], out: tuple[int, int], x: float) -> QRectF:
    """The part of a src-sized picture a crop to out's shape keeps (like reframe_image)."""
    sw, sh = src
    w, h = out
    if sw * h > sh * w:
        cw = sh * w / h
        return QRectF((sw - cw) * x, 0, cw, sh)
    ch = sw * h / w
    return QRectF(0, (sh - ch) / 2, sw, ch)


class FramingPreview(QWidget):
    """The poster frame with the output's frame on it. In crop mode the whole source is shown
    with the kept window bright and the rest dimmed; dragging moves the window (`xChanged`)."""

    xChanged = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.image: QImage | None = None
        self.out = (1080, 1920)
        self.mode, self.x, self.color = "crop", 0.5, QColor("#000000")
        self._drag: tuple[float, float] | None = None  # press x in px, x at press
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setToolTip("Crop: drag sideways to choose which part of the picture is kept")

    def show_frame(self, image: QImage | None, out: tuple[int, int], mode: str, x: float,
                   color: str) -> None:
        self.image, self.out, self.mode, self.x = image, out, mode, x
        self.color = QColor(color)
        self.setCursor(Qt.SizeHorCursor if self.can_drag() else Qt.ArrowCursor)
        self.update()

    def can_drag(self) -> bool:
        if self.mode != "crop" or self.image is None or self.image.isNull():
            return False
        return self.image.width() * self.out[1] > self.image.height() * self.out[0]

    def _source_rect(self) -> QRectF:
        return _fit(self.image.size(), QRectF(self.rect()).adjusted(4, 4, -4, -4))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        if self.image is None or self.image.isNull():
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawText(area, Qt.AlignCenter, "No picture yet" if self.image is None
                       else "This file cannot be read")
            return
        if self.mode == "crop":
            src = self._source_rect()
            p.drawImage(src, self.image)
            win = crop_window((self.image.width(), self.image.height()), self.out, self.x)
            scale = src.width() / self.image.width()
            kept = QRectF(src.x() + win.x() * scale, src.y() + win.y() * scale,
                          win.width() * scale, win.height() * scale)
            shade = QColor(0, 0, 0, 150)
            for part in (QRectF(src.topLeft(), QPointF(kept.left(), src.bottom())),
                         QRectF(QPointF(kept.right(), src.top()), src.bottomRight()),
                         QRectF(src.topLeft(), QPointF(src.right(), kept.top())),
                         QRectF(QPointF(src.left(), kept.bottom()), src.bottomRight())):
                if part.width() > 0 and part.height() > 0:
                    p.fillRect(part, shade)
            p.setPen(QPen(QColor("#58a6ff"), 2))
            p.drawRect(kept)
            return
        frame = _fit(self.out, area)
        if self.mode == "blur":  # a tiny copy scaled up smoothly reads as a blur
            tiny = self.image.scaled(12, 12, Qt.KeepAspectRatioByExpanding,
                                     Qt.SmoothTransformation)
            p.save()
            p.setClipRect(frame)
            p.drawImage(_cover(tiny.size(), frame), tiny)
            p.restore()
        else:
            p.fillRect(frame, self.color)
        p.drawImage(_fit(self.image.size(), frame), self.image)
        p.setPen(QPen(QColor("#58a6ff"), 2))
        p.drawRect(frame)

    def mousePressEvent(self, event) -> None:
        if self.can_drag() and event.button() == Qt.LeftButton:
            self._drag = (event.position().x(), self.x)

    def mouseMoveEvent(self, event) -> None:
        if self._drag is None:
            return
        src = self._source_rect()
        win = crop_window((self.image.width(), self.image.height()), self.out, 0.0)
        slack = src.width() * (1 - win.width() / self.image.width())  # px the window can travel
        if slack <= 0:
            return
        x = min(1.0, max(0.0, self._drag[1] + (event.position().x() - self._drag[0]) / slack))
        if abs(x - self.x) > 1e-4:
            self.x = x
            self.update()
            self.xChanged.emit(round(x, 3))

    def mouseReleaseEvent(self, _event) -> None:
        self._drag = None

    def sizeHint(self) -> QSize:
        return QSize(300, 200)


def _cover(inner: QSize, outer: QRectF) -> QRectF:
    """`inner`'s shape, just large enough to cover `outer` (centred)."""
    scale = max(outer.width() / inner.width(), outer.height() / inner.height())
    r = QRectF(0, 0, inner.width() * scale, inner.height() * scale)
    r.moveCenter(outer.center())
    return r


class SegmentPanel(QWidget):
    """Edits one Segment in place and says so with `changed`. `marks()` (set by the host)
    answers the player's (in, out) for a path, for "Use player marks"."""

    changed = Signal()
    scrubbed = Signal(float)  # seconds into the source the framing preview should show

    def __init__(self, parent=None):
        super().__init__(parent)
        self.seg: Segment | None = None
        self.frame_at: float | None = None  # None: the in point
        self.source_max: float | None = None
        self.out = (1080, 1920)
        self.marks = lambda _path: (None, None)
        self._loading = False
        self.start_spin, self.end_spin = QDoubleSpinBox(self), QDoubleSpinBox(self)
        self.duration_spin, self.zoom_spin = QDoubleSpinBox(self), QDoubleSpinBox(self)
        for spin in (self.start_spin, self.end_spin, self.duration_spin):
            spin.setDecimals(2)
            spin.setSingleStep(0.1)
            spin.setSuffix(" s")
            # A typed time counts when it is complete (Enter, Tab, the arrows), not at each
            # key: typing 13.5 over 14 passed through 1 s, shorter than the in point, and
            # the captions on the segment were trimmed away at the "1".
            spin.setKeyboardTracking(False)
        self.start_spin.setToolTip("In point: where this clip starts, in seconds")
        self.end_spin.setToolTip("Out point: where this clip ends, in seconds")
        self.duration_spin.setRange(0.1, 600)
        self.duration_spin.setToolTip("How long the photo stays on screen")
        self.zoom_spin.setRange(0, 50)
        self.zoom_spin.setSuffix(" %")
        self.zoom_spin.setToolTip("Slow zoom: how much closer the photo is by the end "
                                  "(0 = still)")
        self.marks_button = QPushButton("Use player marks", self)
        self.marks_button.setToolTip("Set in and out from the I / O marks of this clip in the "
                                     "preview player")
        self.reframe_combo = QComboBox(self)
        for label, mode in REFRAMES:
            self.reframe_combo.addItem(label, mode)
        self.reframe_combo.setToolTip("When the picture's shape differs from the output's: "
                                      "crop it, fit it over a blurred copy, or fit it with bars")
        self.x_slider = QSlider(Qt.Horizontal, self)
        self.x_slider.setRange(0, 100)
        self.x_slider.setToolTip("Which part of the picture the crop keeps (left … right)")
        self.color_button = QPushButton(self)
        self.color_button.setToolTip("Colour of the bars")
        self.preview = FramingPreview(self)
        self.scrub = MomentTimeline(self)
        self.scrub.hint = ("Drag to frame any moment of the segment, not only its first frame; "
                           "the ticks are highlight moments (hover for score)")
        self.scrub_label = QLabel(self)
        self.scrub_label.setMinimumWidth(self.scrub_label.fontMetrics().horizontalAdvance(
            "00:00.0") + 4)
        self.fit_note = QLabel(self)
        self.fit_note.setWordWrap(True)
        self.fit_note.setObjectName("hint")
        self._layout()
        self._connect()
        self.set_segment(None)

    def _layout(self) -> None:
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        times = QHBoxLayout()
        for w in (self.start_spin, QLabel("→", self), self.end_spin, self.marks_button):
            times.addWidget(w)
        self.times_row = QWidget(self)
        self.times_row.setLayout(times)
        times.setContentsMargins(0, 0, 0, 0)
        form.addRow("In / out", self.times_row)
        form.addRow("Duration", self.duration_spin)
        form.addRow("Slow zoom", self.zoom_spin)
        frame = QHBoxLayout()
        frame.addWidget(self.reframe_combo, 1)
        frame.addWidget(self.color_button)
        form.addRow("Framing", frame)
        form.addRow("Position", self.x_slider)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addWidget(self.preview, 1)
        look = QHBoxLayout()
        look.setContentsMargins(0, 0, 0, 0)
        self.look_caption = QLabel("Look at", self)
        look.addWidget(self.look_caption)
        look.addWidget(self.scrub, 1)
        look.addWidget(self.scrub_label)
        column.addLayout(look)
        column.addWidget(self.fit_note)

    def _connect(self) -> None:
        self.start_spin.valueChanged.connect(lambda v: self._set("start", round(v, 3)))
        self.end_spin.valueChanged.connect(lambda v: self._set("end", round(v, 3)))
        self.duration_spin.valueChanged.connect(lambda v: self._set("duration", round(v, 3)))
        self.zoom_spin.valueChanged.connect(lambda v: self._set("zoom", round(v / 100, 3)))
        self.reframe_combo.currentIndexChanged.connect(
            lambda _: self._set("reframe", self.reframe_combo.currentData()))
        self.x_slider.valueChanged.connect(lambda v: self._set("x", v / 100))
        self.preview.xChanged.connect(self._dragged)
        self.color_button.clicked.connect(self.choose_color)
        self.marks_button.clicked.connect(self.use_player_marks)
        self.scrub.seek.connect(self._scrubbed)

    # -- showing -------------------------------------------------------------------------------
    def set_segment(self, seg: Segment | None, source_max: float | None = None,
                    out: tuple[int, int] | None = None, image: QImage | None = None) -> None:
        if seg is not self.seg:
            self.frame_at = None  # another segment: look at its in point first
        self.seg, self.source_max = seg, source_max
        self.out = out or self.out
        self._loading = True
        photo = seg is not None and seg.is_photo
        self.form.setRowVisible(self.times_row, seg is not None and not photo)
        self.form.setRowVisible(self.duration_spin, photo)
        self.form.setRowVisible(self.zoom_spin, photo)
        self.setEnabled(seg is not None)
        if seg is not None:
            if photo:
                self.duration_spin.setValue(seg.length)
                self.zoom_spin.setValue(float(seg.zoom or 0) * 100)
            else:
                top = source_max or max(float(seg.end or 0), 0.0)
                for spin in (self.start_spin, self.end_spin):
                    spin.setRange(0.0, top)
                self.start_spin.setValue(float(seg.start or 0))
                self.end_spin.setValue(float(seg.end or 0))
            self.reframe_combo.setCurrentIndex(max(0, self.reframe_combo.findData(seg.reframe)))
            self.x_slider.setValue(int(round(float(seg.x) * 100)))
        self._loading = False
        self._show_scrub()
        self.show_image(image)

    def _show_scrub(self) -> None:
        """The Look at bar spans the segment's in to out (videos only)."""
        video = self.seg is not None and not self.seg.is_photo
        for w in (self.look_caption, self.scrub, self.scrub_label):
            w.setVisible(video)
        if not video:
            return
        start, end = float(self.seg.start or 0), float(self.seg.end or 0)
        if self.frame_at is not None and not start <= self.frame_at <= end:
            self.frame_at = None  # trimmed away: back to the in point
        self.scrub.set_range(start, max(start, end))
        self.scrub.set_spans([(start, max(start, end))])
        at = self.frame_at if self.frame_at is not None else start
        self.scrub.set_position(at)
        self.scrub_label.setText(clock_tenths(at))

    def set_marks(self, marks: list[Mark]) -> None:
        """Highlight moments of this segment's source (source seconds)."""
        self.scrub.set_marks(marks)

    def look_at(self) -> float:
        """Seconds into the source the framing preview shows (the in point unless scrubbed)."""
        if self.seg is None or self.seg.is_photo:
            return 0.0
        return self.frame_at if self.frame_at is not None else float(self.seg.start or 0)

    def _scrubbed(self, seconds: float) -> None:
        if self.seg is None or self.seg.is_photo:
            return
        self.frame_at = seconds
        self.scrub_label.setText(clock_tenths(seconds))
        self.scrubbed.emit(seconds)

    def show_image(self, image: QImage | None) -> None:
        seg = self.seg
        if seg is None:
            self.preview.show_frame(None, self.out, "crop", 0.5, "#000000")
            self.fit_note.clear()
            return
        self.preview.show_frame(image, self.out, seg.reframe, float(seg.x), seg.color)
        self.color_button.setVisible(seg.reframe == "fit")
        self.color_button.setStyleSheet(f"background: {seg.color}; min-width: 28px;")
        self.x_slider.setEnabled(seg.reframe == "crop" and self.preview.can_drag())
        self.fit_note.setText(self._note(image))

    def _note(self, image: QImage | None) -> str:
        if image is None or image.isNull():
            return ""
        same = image.width() * self.out[1] == image.height() * self.out[0]
        if same:
            return "Same shape as the output: nothing is cropped."
        if self.seg.reframe == "crop" and not self.preview.can_drag():
            return "Taller than the output: the crop keeps the middle band."
        return ""

    # -- editing -------------------------------------------------------------------------------
    def _set(self, field: str, value) -> None:
        if self._loading or self.seg is None:
            return
        setattr(self.seg, field, value)
        if field in ("start", "end"):
            if field == "start":
                self.frame_at = None  # a new in point: show it, as the list's poster does
            self._show_scrub()
        if field in ("reframe", "x", "color"):
            self.show_image(self.preview.image)
        self.changed.emit()

    def _dragged(self, x: float) -> None:
        self._loading = True
        self.x_slider.setValue(int(round(x * 100)))
        self._loading = False
        self._set("x", x)

    def choose_color(self) -> None:
        if self.seg is None:
            return
        colour = QColorDialog.getColor(QColor(self.seg.color), self, "Colour of the bars")
        if colour.isValid():
            self.set_color(colour.name())

    def set_color(self, name: str) -> None:
        self._set("color", name)

    def use_player_marks(self) -> None:
        if self.seg is None or self.seg.is_photo:
            return
        mark_in, mark_out = self.marks(self.seg.source)
        if mark_in is None and mark_out is None:
            self.fit_note.setText("Open this clip in the preview and mark in (I) and out (O) "
                                  "first.")
            return
        if mark_in is not None:
            self.start_spin.setValue(mark_in)
        if mark_out is not None:
            self.end_spin.setValue(mark_out)
