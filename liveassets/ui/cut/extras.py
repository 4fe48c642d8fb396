"""CutExtras: the "Extras" part of the cut editor. A checkable, collapsing group per extra (title
card, end card, caption line, logo, music bed) plus the crossfade between segments, beat snapping
and the platform loudness (sound_options.py). Every edit writes straight into the editor's one
plan (`CutDocument.plan`, read afresh at every edit, never kept) and emits `changed`; an
unchecked group sets its plan field to None but keeps its values (and the object), so ticking
it again brings them back until another plan is loaded.

File and colour choosers are methods (`choose_file`, `ColorButton.choose_color`) so tests can
replace them; the setters (`set_logo`, `set_music`, `set_card_image`) are what the buttons call.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (QColorDialog, QComboBox, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSlider,
                               QSpinBox, QToolButton, QVBoxLayout, QWidget)

from liveassets.cuts.plan import CORNERS, DEFAULT_DUCK, Card, CutPlan, Logo, Music, Segment
from liveassets.ui.cut.document import CutDocument
from liveassets.ui.cut.sound_options import SoundOptions

CORNER_LABELS = {"top-left": "Top left", "top-right": "Top right",
                 "bottom-left": "Bottom left", "bottom-right": "Bottom right"}
UNDER = (("Duck — music dips", DEFAULT_DUCK), ("Mix — music stays level", 1.0))
FILTERS = {  # only what the renderer opens (Pillow for images, ffmpeg for sound)
    "card image": "Images (*.png *.jpg *.jpeg *.webp)",
    "logo": "Images (*.png *.jpg *.jpeg *.webp)",
    "music": "Audio (*.m4a *.mp3 *.wav *.aac *.flac *.ogg);;"
             "Sound of a video (*.mp4 *.mov *.m4v *.webm *.mkv)",
}
TITLES = {"card image": "Choose the card's background image", "logo": "Choose the logo",
          "music": "Choose the music"}


def _seconds(parent, low: float, high: float, step: float, value: float,
             special: str = "") -> QDoubleSpinBox:
    spin = QDoubleSpinBox(parent)
    spin.setRange(low, high)
    spin.setSingleStep(step)
    spin.setDecimals(1)
    spin.setSuffix(" s")
    spin.setSpecialValueText(special)  # shown at the minimum ("Off", "None")
    spin.setValue(value)
    return spin


def _num(value, default: float) -> float:
    try:
        return float(value) if not isinstance(value, bool) else default
    except (TypeError, ValueError):
        return default


class ColorButton(QToolButton):
    """A swatch and a role ("Background"); a click opens the colour dialog."""

    colorChanged = Signal(str)  # "#RRGGBB", after the user picked it

    def __init__(self, text: str, title: str, parent=None):
        super().__init__(parent)
        self.title = title
        self._color = "#000000"
        self.setText(text)
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.clicked.connect(self._pick)
        self.show_color(self._color)

    def color(self) -> str:
        return self._color

    def show_color(self, value: str) -> None:
        """Show `value` without announcing it (loading a plan)."""
        self._color = value
        swatch = QPixmap(14, 14)
        qc = QColor(value) if isinstance(value, str) else QColor()
        swatch.fill(qc if qc.isValid() else QColor(0, 0, 0, 0))
        painter = QPainter(swatch)  # a grey rim keeps black visible on a dark button
        painter.setPen(QColor(128, 128, 128))
        painter.drawRect(0, 0, 13, 13)
        painter.end()
        self.setIcon(QIcon(swatch))
        self.setToolTip(f"{self.title}: {value} — click to change")

    def set_color(self, value: str) -> None:
        self.show_color(value)
        self.colorChanged.emit(value)

    def choose_color(self) -> str | None:
        picked = QColorDialog.getColor(QColor(self._color), self, self.title)
        return picked.name().upper() if picked.isValid() else None

    def _pick(self) -> None:
        value = self.choose_color()
        if value:
            self.set_color(value)


class FileField(QWidget):
    """The chosen file's name (full path in the tooltip), "…" to choose, optionally "✕"."""

    browse = Signal()
    cleared = Signal()

    def __init__(self, empty: str, tip: str, clearable: bool = False, parent=None):
        super().__init__(parent)
        self.tip = tip
        self._path: str | None = None
        self.name = QLineEdit(self)
        self.name.setReadOnly(True)
        self.name.setPlaceholderText(empty)
        self.pick = QToolButton(self)
        self.pick.setText("…")
        self.pick.setToolTip(tip)
        self.pick.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.name, 1)
        row.addWidget(self.pick)
        self.clear = None
        if clearable:
            self.clear = QToolButton(self)
            self.clear.setText("✕")
            self.clear.setToolTip("Use no image")
            self.clear.clicked.connect(self.cleared)
            row.addWidget(self.clear)
        self.set_path(None)

    def path(self) -> str | None:
        return self._path

    def set_path(self, path: str | None) -> None:
        self._path = path or None
        self.name.setText(os.path.basename(path) if isinstance(path, str) else "")
        self.name.setToolTip(path if isinstance(path, str) and path else self.tip)
        if self.clear is not None:
            self.clear.setEnabled(bool(path))


class _Section(QGroupBox):
    """A checkable group owning one plan field: checked = the field holds `kind` built from the
    widgets; unchecked = None. The body collapses when unchecked to keep the dock short."""

    edited = Signal()
    kind: type = object

    def __init__(self, title: str, field: str, tip: str, parent=None):
        super().__init__(title, parent)
        self.field = field
        self.document: CutDocument | None = None  # set by CutExtras; the plan is read from it
        self._loading = False
        self._stash = None  # the object an uncheck took out of the plan
        self.setCheckable(True)
        self.setChecked(False)
        self.setToolTip(tip)
        self.body = QWidget(self)
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 4, 8, 6)
        outer.addWidget(self.body)
        self.body.setVisible(False)
        # Closed, the group is just its tick and title: an empty frame there looks broken.
        self.setStyleSheet("QGroupBox:!checked { border: none; }")
        self.toggled.connect(self._toggled)

    def row(self, label: str, field, tip: str) -> None:
        lab = QLabel(label, self.body)
        lab.setObjectName("extrasLabel")
        lab.setToolTip(tip)
        field_widget = field if isinstance(field, QWidget) else None
        if field_widget is not None and not field_widget.toolTip():
            field_widget.setToolTip(tip)
        self.form.addRow(lab, field)

    @property
    def plan(self) -> CutPlan | None:
        return self.document.plan if self.document is not None else None

    def current(self):
        value = getattr(self.plan, self.field, None) if self.plan is not None else None
        return value if isinstance(value, self.kind) else None

    def load(self) -> None:
        """Show the document's plan; what an uncheck kept of the previous plan is dropped."""
        plan = self.plan
        value = getattr(plan, self.field)
        self._loading = True
        try:
            self.setChecked(value is not None)
            self._stash = value if isinstance(value, self.kind) else None
            # A plan without this extra shows the defaults: a new cut starts clean, and ticking
            # the group builds a fresh one rather than the previous cut's.
            self.show_value(self._stash if self._stash is not None else self.blank())
        finally:
            self._loading = False

    def _toggled(self, checked: bool) -> None:
        self.body.setVisible(checked)
        if self._loading or self.plan is None:
            return
        if checked:
            setattr(self.plan, self.field, self._stash if self._stash is not None
                    else self.build())
        else:
            self._stash = self.current()
            setattr(self.plan, self.field, None)
        self.edited.emit()

    def edit(self, attr: str, value) -> None:
        """A widget changed: write it into the plan's object (built first if the field held
        something that was not one, e.g. from a hand-edited PLAN.json)."""
        if self._loading or self.plan is None or not self.isChecked():
            return
        obj = self.current()
        if obj is None:
            setattr(self.plan, self.field, self.build())
        else:
            setattr(obj, attr, value)
        self.edited.emit()

    # Each section defines build() (a new `kind` from its widgets), blank() (the `kind` a new
    # cut starts with) and show_value(value).


class CardBox(_Section):
    """Title or end card: text over a colour or an image, for a number of seconds."""

    kind = Card
    imageRequested = Signal()

    def __init__(self, title: str, field: str, tip: str, parent=None):
        super().__init__(title, field, tip, parent)
        self.text = QLineEdit(self.body)
        self.text.setPlaceholderText("e.g. Finals night" if field == "title"
                                     else "e.g. See you next year")
        self.seconds = _seconds(self.body, 0.5, 10, 0.5, Card().seconds)
        self.bg = ColorButton("Background", "Card background colour", self.body)
        self.fg = ColorButton("Text", "Card text colour", self.body)
        self.fg.show_color("#FFFFFF")
        colours = QHBoxLayout()
        colours.setSpacing(4)
        colours.addWidget(self.bg)
        colours.addWidget(self.fg)
        colours.addStretch(1)
        self.image = FileField("None — plain colour", "Choose a picture to show behind the text",
                               clearable=True, parent=self.body)
        self.row("Text", self.text, "The words on the card, centred")
        self.row("Length", self.seconds, "How long the card stays on screen; it adds to the cut's "
                                         "total length")
        self.row("Colours", colours, "Background colour (used when there is no image) and "
                                     "text colour")
        self.row("Image", self.image, "A picture behind the text instead of the plain colour")
        self.text.textChanged.connect(lambda t: self.edit("text", t))
        self.seconds.valueChanged.connect(lambda v: self.edit("seconds", round(v, 2)))
        self.bg.colorChanged.connect(lambda c: self.edit("color", c))
        self.fg.colorChanged.connect(lambda c: self.edit("text_color", c))
        self.image.browse.connect(self.imageRequested)
        self.image.cleared.connect(lambda: self.set_image(None))

    def build(self) -> Card:
        return Card(text=self.text.text(), seconds=round(self.seconds.value(), 2),
                    color=self.bg.color(), text_color=self.fg.color(), image=self.image.path())

    def blank(self) -> Card:
        return Card()

    def show_value(self, card: Card) -> None:
        self.text.setText(card.text if isinstance(card.text, str) else "")
        self.seconds.setValue(_num(card.seconds, 2.0))
        self.bg.show_color(card.color)
        self.fg.show_color(card.text_color)
        self.image.set_path(card.image)

    def set_image(self, path: str | None) -> None:
        self.image.set_path(path)
        self.setChecked(True)
        self.edit("image", path or None)


class CaptionBox(_Section):
    kind = str

    def __init__(self, parent=None):
        super().__init__("Caption line", "caption", "One line of text burned into the video for "
                         "its whole length", parent)
        self.text = QLineEdit(self.body)
        self.text.setMaxLength(120)  # validate() refuses longer burned-in lines
        self.text.setPlaceholderText("e.g. Live at the Arena · 12 May")
        hint = QLabel("Burned into the picture near the bottom, inside the platform's safe "
                      "zone so app buttons never cover it.", self.body)
        hint.setWordWrap(True)
        hint.setEnabled(False)  # the palette's dimmed text: a hint, not a control
        self.form.addRow(self.text)
        self.form.addRow(hint)
        self.text.setToolTip("Up to 120 characters; long lines wrap onto two")
        self.text.textChanged.connect(lambda t: self.edit("caption", t))

    def build(self) -> str:
        return self.text.text()

    def blank(self) -> str:
        return ""

    def show_value(self, text: str) -> None:
        self.text.setText(text)

    def edit(self, attr: str, value) -> None:
        if not self._loading and self.plan is not None and self.isChecked():
            self.plan.caption = value
            self.edited.emit()


class LogoBox(_Section):
    kind = Logo
    fileRequested = Signal()

    def __init__(self, parent=None):
        super().__init__("Logo", "logo", "Your logo or watermark in a corner for the whole cut",
                         parent)
        self.file = FileField("No image chosen", "Choose the logo (PNG with transparency "
                              "looks best)", parent=self.body)
        self.corner = QComboBox(self.body)
        for corner in CORNERS:
            self.corner.addItem(CORNER_LABELS.get(corner, corner), corner)
        self.corner.setCurrentIndex(self.corner.findData(Logo("").corner))
        self.width_spin = QSpinBox(self.body)
        self.width_spin.setRange(5, 40)
        self.width_spin.setSuffix(" % of width")
        self.width_spin.setValue(round(Logo("").width * 100))
        self.row("Image", self.file, "PNG, JPEG or WebP")
        self.row("Corner", self.corner, "Which corner of the safe zone the logo sits in")
        self.row("Size", self.width_spin, "The logo's width as a share of the frame's width")
        self.file.browse.connect(self.fileRequested)
        self.corner.currentIndexChanged.connect(
            lambda _: self.edit("corner", self.corner.currentData()))
        self.width_spin.valueChanged.connect(lambda v: self.edit("width", v / 100))

    def build(self) -> Logo:
        return Logo(self.file.path() or "", self.corner.currentData(),
                    self.width_spin.value() / 100)

    def blank(self) -> Logo:
        return Logo("")

    def show_value(self, logo: Logo) -> None:
        self.file.set_path(logo.source)
        index = self.corner.findData(logo.corner)
        if index >= 0:
            self.corner.setCurrentIndex(index)
        self.width_spin.setValue(round(_num(logo.width, 0.18) * 100))


class MusicBox(_Section):
    kind = Music
    fileRequested = Signal()

    def __init__(self, parent=None):
        super().__init__("Music bed", "music", "A music track under the whole cut, faded out at "
                         "the end", parent)
        self.file = FileField("No track chosen", "Choose the music (M4A, MP3, WAV, AAC, FLAC, "
                              "OGG, or the sound of a video)", parent=self.body)
        self.volume = QSlider(Qt.Horizontal, self.body)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(Music("").volume * 100))
        self.volume_label = QLabel(self.body)
        metrics = self.volume_label.fontMetrics()
        self.volume_label.setMinimumWidth(metrics.horizontalAdvance("100 %"))
        self.volume_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        volume = QHBoxLayout()
        volume.addWidget(self.volume, 1)
        volume.addWidget(self.volume_label)
        self.under = QComboBox(self.body)
        for label, duck in UNDER:
            self.under.addItem(label, duck)
        self.fade = _seconds(self.body, 0, 10, 0.5, Music("").fade_out, "None")
        self.row("Track", self.file, "The music file")
        self.row("Volume", volume, "How loud the music plays (100 % = as recorded)")
        self.row("Under clips", self.under, "Duck: the music dips while a clip has its own sound "
                 "(speech, crowd), and comes back up over photos and silent clips. Mix: the "
                 "music stays at the same level over everything")
        self.row("Fade out", self.fade, "How long the music takes to fade away at the end")
        self._show_volume(self.volume.value())
        self.file.browse.connect(self.fileRequested)
        self.volume.valueChanged.connect(self._volume_changed)
        self.under.currentIndexChanged.connect(
            lambda _: self.edit("duck", self.under.currentData()))
        self.fade.valueChanged.connect(lambda v: self.edit("fade_out", round(v, 2)))

    def _show_volume(self, value: int) -> None:
        self.volume_label.setText(f"{value} %")

    def _volume_changed(self, value: int) -> None:
        self._show_volume(value)
        self.edit("volume", value / 100)

    def build(self) -> Music:
        return Music(self.file.path() or "", self.volume.value() / 100,
                     self.under.currentData(), round(self.fade.value(), 2))

    def blank(self) -> Music:
        return Music("")

    def show_value(self, music: Music) -> None:
        self.file.set_path(music.source)
        self.volume.setValue(round(_num(music.volume, 0.4) * 100))
        self._show_volume(self.volume.value())
        duck = _num(music.duck, DEFAULT_DUCK)
        index = next((i for i in range(self.under.count())
                      if abs(self.under.itemData(i) - duck) < 1e-6), -1)
        if index < 0:  # a plan written by hand with its own amount: keep it selectable
            while self.under.count() > len(UNDER):
                self.under.removeItem(len(UNDER))
            self.under.addItem(f"Duck to {round(duck * 100)} %", duck)
            index = len(UNDER)
        self.under.setCurrentIndex(index)
        self.fade.setValue(_num(music.fade_out, 1.5))


class CutExtras(QWidget):
    """Title and end cards, caption, logo, music and crossfade of the document's CutPlan
    (edited in place). `source` is the editor's CutDocument (shared with the segment list and
    the render), or a CutPlan to edit on its own (a document is made for it). `changed`
    follows every user edit, never a plan being loaded."""

    changed = Signal()

    def __init__(self, source: CutDocument | CutPlan | None = None, parent=None):
        super().__init__(parent)
        self.document = source if isinstance(source, CutDocument) else CutDocument(source, self)
        self._loading = False
        self.title_box = CardBox("Title card", "title", "A card before the first segment")
        self.end_box = CardBox("End card", "end_card", "A card after the last segment")
        self.caption_box = CaptionBox()
        self.logo_box = LogoBox()
        self.music_box = MusicBox()
        self.crossfade = _seconds(self, 0, 1, 0.1, 0.0, "Off — hard cuts")
        self.crossfade.setToolTip("Each segment fades into the next for this long; the overlaps "
                                  "make the cut shorter")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for box in self.sections():
            box.document = self.document
            column.addWidget(box)
            box.edited.connect(self._edited)
        xf = QFormLayout()
        xf.setContentsMargins(8, 8, 8, 0)
        label = QLabel("Crossfade", self)
        label.setObjectName("extrasLabel")
        label.setToolTip(self.crossfade.toolTip())
        xf.addRow(label, self.crossfade)
        column.addLayout(xf)
        self.sound = SoundOptions(self.document, self)  # beat snapping, platform loudness
        column.addWidget(self.sound)
        column.addStretch(1)
        labels = self.findChildren(QLabel, "extrasLabel")
        widest = max(lab.sizeHint().width() for lab in labels)
        for lab in labels:  # one label column across the groups, so the fields line up
            lab.setMinimumWidth(widest)
        self.title_box.imageRequested.connect(lambda: self._browse_card("title"))
        self.end_box.imageRequested.connect(lambda: self._browse_card("end_card"))
        self.logo_box.fileRequested.connect(self._browse_logo)
        self.music_box.fileRequested.connect(self._browse_music)
        self.crossfade.valueChanged.connect(self._crossfade_changed)
        self.sound.changed.connect(self._edited)
        self.document.replaced.connect(lambda _plan: self.reload())
        self.reload()

    @property
    def plan(self) -> CutPlan:
        """The plan being edited: always the document's, never a copy."""
        return self.document.plan

    def sections(self) -> tuple[_Section, ...]:
        return (self.title_box, self.end_box, self.caption_box, self.logo_box, self.music_box)

    def set_plan(self, plan: CutPlan) -> None:
        """Make `plan` the document's plan: every panel bound to the document shows it
        (without emitting `changed`) and later edits write into it."""
        self.document.replace(plan)

    def reload(self) -> None:
        """Show the document's plan in every group (without emitting `changed`)."""
        plan = self.plan
        self._loading = True
        try:
            for box in self.sections():
                box.load()
            self.crossfade.setValue(_num(plan.crossfade, 0.0))
            self.sound.reload()
        finally:
            self._loading = False

    def _edited(self) -> None:
        self.sound.music_changed()
        if not self._loading:
            self.changed.emit()

    def _crossfade_changed(self, value: float) -> None:
        if not self._loading:
            self.plan.crossfade = round(value, 2)
            self.changed.emit()

    # -- files -------------------------------------------------------------------------------
    def start_dir(self, current: str | None = None) -> str:
        """The chosen file's folder, else the first segment's, else the dialog's default."""
        if isinstance(current, str) and os.path.isdir(os.path.dirname(current)):
            return os.path.dirname(current)
        segs = self.plan.segments if isinstance(self.plan.segments, list) else []
        first = next((s.source for s in segs if isinstance(s, Segment)
                      and isinstance(s.source, str)), None)
        return os.path.dirname(first) if first else ""

    def choose_file(self, kind: str, current: str | None = None) -> str | None:
        """Ask for a file ("card image", "logo" or "music"); None when cancelled."""
        path, _ = QFileDialog.getOpenFileName(self, TITLES[kind], self.start_dir(current),
                                              FILTERS[kind])
        return path or None

    def _browse_card(self, which: str) -> None:
        box = self.card_box(which)
        path = self.choose_file("card image", box.image.path())
        if path:
            self.set_card_image(which, path)

    def _browse_logo(self) -> None:
        path = self.choose_file("logo", self.logo_box.file.path())
        if path:
            self.set_logo(path)

    def _browse_music(self) -> None:
        path = self.choose_file("music", self.music_box.file.path())
        if path:
            self.set_music(path)

    def card_box(self, which: str) -> CardBox:
        return {"title": self.title_box, "end_card": self.end_box}[which]

    def set_card_image(self, which: str, path: str | None) -> None:
        """Image behind the "title" or "end_card" text (None: plain colour); ticks the card."""
        self.card_box(which).set_image(path)

    def set_logo(self, path: str) -> None:
        """Use `path` as the logo (ticks the Logo group)."""
        box = self.logo_box
        box.file.set_path(path)
        box.setChecked(True)
        box.edit("source", path)

    def set_music(self, path: str) -> None:
        """Use `path` as the music bed (ticks the Music group)."""
        box = self.music_box
        box.file.set_path(path)
        box.setChecked(True)
        box.edit("source", path)
