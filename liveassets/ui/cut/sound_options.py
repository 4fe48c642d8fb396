"""The cut's sound choices for the render, below the music bed: "Snap cuts to the beat" (plan
"snap": "beats", only with a music bed: cuts/beats.py moves each cut onto the bed's nearest
beat) and the platform loudness the render is levelled to (plan "loudness": -14 LUFS integrated
with a -1 dBTP ceiling by default, the level TikTok, Reels and Shorts play at (SPECS.md "Sound
for short-video platforms"), off, or another target)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout,
                               QLabel, QWidget)

from liveassets.cuts.loudness import DEFAULT, TARGET_RANGE, settings
from liveassets.ui.cut.document import CutDocument

CHOICES = (("-14 LUFS: TikTok, Reels, Shorts", "default"), ("Off: as mixed", "off"),
           ("Another target", "other"))


class SoundOptions(QWidget):
    """Edits `document.plan.snap` and `.loudness` in place; `changed` after each user edit."""

    changed = Signal()

    def __init__(self, document: CutDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._loading = False
        self.snap_box = QCheckBox("Snap cuts to the beat", self)
        self.loudness_combo = QComboBox(self)
        for label, key in CHOICES:
            self.loudness_combo.addItem(label, key)
        self.loudness_combo.setToolTip(
            "The render's sound is measured and levelled (two passes) to this integrated "
            "loudness, with true peaks kept under -1 dBTP; the level reached is shown after "
            "the render")
        self.target_spin = QDoubleSpinBox(self)
        self.target_spin.setRange(*TARGET_RANGE)
        self.target_spin.setDecimals(1)
        self.target_spin.setSingleStep(1.0)
        self.target_spin.setSuffix(" LUFS")
        self.target_spin.setValue(-16.0)
        self.target_spin.setToolTip("Integrated loudness to level to (e.g. -16 for podcasts "
                                    "and Apple, -23 for EBU R128 broadcast)")
        level = QHBoxLayout()
        level.setContentsMargins(0, 0, 0, 0)
        level.addWidget(self.loudness_combo, 1)
        level.addWidget(self.target_spin)
        self.form = form = QFormLayout(self)
        form.setContentsMargins(8, 8, 8, 0)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        for text, field in (("Beat", self.snap_box), ("Loudness", level)):
            label = QLabel(text, self)
            label.setObjectName("extrasLabel")  # lines up with the groups above (CutExtras)
            form.addRow(label, field)
        self.snap_box.toggled.connect(self._snap_toggled)
        self.loudness_combo.currentIndexChanged.connect(lambda _: self._loudness_edited())
        self.target_spin.valueChanged.connect(lambda _: self._loudness_edited())
        self.reload()

    @property
    def plan(self):
        return self.document.plan

    def reload(self) -> None:
        """Show the plan's choices (without emitting `changed`)."""
        self._loading = True
        try:
            self.snap_box.setChecked(self.plan.snap == "beats")
            try:
                level = settings(self.plan.loudness)
            except ValueError:
                level = dict(DEFAULT)  # a hand-written odd value: validate() names it
            if level is None:
                key = "off"
            elif level["target_lufs"] == DEFAULT["target_lufs"]:
                key = "default"
            else:
                key = "other"
                self.target_spin.setValue(level["target_lufs"])
            self.loudness_combo.setCurrentIndex(self.loudness_combo.findData(key))
            self.target_spin.setVisible(key == "other")
        finally:
            self._loading = False
        self.music_changed()

    def music_changed(self) -> None:
        """Snapping needs a music bed with a track: say so rather than offer a dead box."""
        music = self.plan.music
        has_bed = music is not None and bool(getattr(music, "source", ""))
        self.snap_box.setEnabled(has_bed or self.snap_box.isChecked())
        self.snap_box.setToolTip(
            "Each cut between segments moves to the music bed's nearest beat at render "
            "(segments lengthen or shorten by the least that does it)" if has_bed else
            "Choose a music bed first: the cuts snap to its beats")

    def _snap_toggled(self, on: bool) -> None:
        if self._loading:
            return
        self.plan.snap = "beats" if on else None
        self.music_changed()
        self.changed.emit()

    def _loudness_edited(self) -> None:
        key = self.loudness_combo.currentData()
        self.target_spin.setVisible(key == "other")
        if self._loading:
            return
        if key == "off":
            self.plan.loudness = False
        elif key == "default":
            self.plan.loudness = dict(DEFAULT)
        else:
            self.plan.loudness = {"target_lufs": round(self.target_spin.value(), 1),
                                  "true_peak": DEFAULT["true_peak"]}
        self.changed.emit()
