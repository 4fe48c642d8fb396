"""QuickFilters: one-click narrowing by kind, rights and rating, ANDed with the search text
(each button is a query-language term, so what it does can be read in its tooltip)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QWidget

from liveassets.ui.flow import FlowLayout

GROUPS = (
    ("Kind", (("Photos", "kind:image"), ("Videos", "kind:video"))),
    ("Rights", (("Cleared", "rights:cleared"), ("Needs rights", "(rights:unknown OR rights:pending)"),
                ("Expired", "rights:expired"))),
    ("Rating", (("★ 1+", "rating>=1"), ("★ 3+", "rating>=3"), ("★ 5", "rating>=5"))),
)


class QuickFilters(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        # Each group (its label and buttons) stays on one line; the groups wrap when the grid is
        # narrow (a laptop with a dock open), so the row never widens the window.
        flow = FlowLayout(self, spacing=0)
        self.groups: list[QButtonGroup] = []
        self.buttons: dict[str, QToolButton] = {}
        for title, choices in GROUPS:
            box = QWidget(self)
            layout = QHBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(2)
            flow.addWidget(box)
            label = QLabel(title, box)
            label.setStyleSheet("color: palette(placeholder-text); padding-left: 8px;")
            layout.addWidget(label)
            group = QButtonGroup(self)
            group.setExclusive(False)  # one per group, but a second click clears it
            for text, term in choices:
                button = QToolButton(box)
                button.setText(text)
                button.setCheckable(True)
                button.setAutoRaise(True)
                button.setToolTip(f"Only assets matching {term}")
                button.setProperty("term", term)
                group.addButton(button)
                layout.addWidget(button)
                self.buttons[text] = button
            group.buttonToggled.connect(self._toggled)
            self.groups.append(group)

    def _toggled(self, button, checked: bool) -> None:
        if checked:
            for other in button.group().buttons():
                if other is not button and other.isChecked():
                    other.blockSignals(True)
                    other.setChecked(False)
                    other.blockSignals(False)
        self.changed.emit()

    def terms(self) -> list[str]:
        return [b.property("term") for g in self.groups for b in g.buttons() if b.isChecked()]

    def clear(self) -> None:
        for group in self.groups:
            for b in group.buttons():
                b.blockSignals(True)
                b.setChecked(False)
                b.blockSignals(False)
        self.changed.emit()
