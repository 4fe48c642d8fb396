"""Publishing settings dialog: the team's time zone, recommended hashtag count, the never-use
list, the code table for code replacement (`c1` -> `@nova`) and the asset-tag -> hashtags map. It edits
a copy of `PublishSettings`; the caller saves it (undoably) when the dialog is accepted. A second
tab, when given (rules_tab.py), shows the platform rules and records their changes at once."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QCompleter, QDialog,
                               QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from liveassets import clock
from liveassets.publish import zones
from liveassets.publish.captions import split_hashtags
from liveassets.publish.hashtags import PublishSettings


# Offered first (the region's zones, SPECS.md); any IANA name can be typed, with completion.
REGION_ZONES = ("Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane",
                "Australia/Adelaide", "Australia/Darwin", "Australia/Perth", "Australia/Hobart",
                "Pacific/Auckland", "UTC")


class PairTable(QWidget):
    """A two-column table with Add and Remove buttons (empty rows are ignored)."""

    def __init__(self, headers: tuple[str, str], rows: list[tuple[str, str]], tip: str,
                 parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setToolTip(tip)
        self.table.setMinimumHeight(120)
        for a, b in rows:
            self.add_row(a, b)
        add, remove = QPushButton("Add", self), QPushButton("Remove", self)
        add.clicked.connect(lambda: self.add_row("", "", edit=True))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table)
        column.addLayout(buttons)

    def add_row(self, a: str, b: str, edit: bool = False) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(a))
        self.table.setItem(r, 1, QTableWidgetItem(b))
        if edit:
            self.table.setCurrentCell(r, 0)
            self.table.editItem(self.table.item(r, 0))

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def pairs(self) -> list[tuple[str, str]]:
        out = []
        for r in range(self.table.rowCount()):
            a, b = (self.table.item(r, c) for c in (0, 1))
            a, b = (a.text().strip() if a else ""), (b.text().strip() if b else "")
            if a and b:
                out.append((a, b))
        return out


class PublishSettingsDialog(QDialog):
    def __init__(self, settings: PublishSettings, parent=None, rules_tab: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Publishing settings")
        self.resize(760 if rules_tab is not None else 520, 600)
        self._settings = settings
        self.team_zone = QComboBox(self)
        self.team_zone.setEditable(True)
        self.team_zone.setInsertPolicy(QComboBox.NoInsert)
        self.team_zone.addItems(list(REGION_ZONES))
        completer = QCompleter(sorted(zones.known_zones()), self.team_zone)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.team_zone.setCompleter(completer)
        self.team_zone.setCurrentText(settings.team_zone or clock.zone_name())
        self.team_zone.setToolTip("Which day is today for rights, the calendar and new posts, "
                                  "for everyone who opens this library")
        self.zone_error = QLabel(self)
        self.zone_error.setStyleSheet("color: #f85149;")
        self.zone_error.hide()
        self.recommended = QSpinBox(self)
        self.recommended.setRange(0, 60)
        self.recommended.setValue(settings.recommended_hashtags)
        self.recommended.setToolTip("More hashtags than this gets a (soft) warning")
        self.never_use = QLineEdit(" ".join(settings.never_use), self)
        self.never_use.setPlaceholderText("#fyp #foryou")
        self.never_use.setToolTip("Hashtags the team never uses: shown in red wherever they appear")
        self.codes = PairTable(("Code", "Becomes"), sorted(settings.codes.items()),
                               "Type =code= in a caption (e.g. =c1=) to insert what it becomes",
                               self)
        self.tag_map = PairTable(("Asset tag", "Suggests hashtags"),
                                 [(k, " ".join(v)) for k, v in sorted(settings.tag_map.items())],
                                 "A post whose assets carry the tag (or a child of it) gets these "
                                 "hashtags suggested", self)
        form = QFormLayout()
        form.addRow("Team time zone", self.team_zone)
        form.addRow("", self.zone_error)
        form.addRow("Recommended hashtags", self.recommended)
        form.addRow("Never use", self.never_use)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        general = QWidget(self)
        column = QVBoxLayout(general)
        column.addLayout(form)
        column.addWidget(QLabel("<b>Code replacement</b>", self))
        column.addWidget(self.codes, 1)
        column.addWidget(QLabel("<b>Hashtag suggestions from asset tags</b>", self))
        column.addWidget(self.tag_map, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, "Captions")
        self.rules_tab = rules_tab
        if rules_tab is not None:
            self.tabs.addTab(rules_tab, "Platform rules")
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs, 1)
        outer.addWidget(buttons)

    def accept(self) -> None:
        name = self.team_zone.currentText().strip()
        if name and not clock.valid_zone(name):
            self.zone_error.setText(f'"{name}" is not a time zone: pick one from the list, '
                                    "e.g. Australia/Sydney.")
            self.zone_error.show()
            self.team_zone.setFocus()
            return
        super().accept()

    def result_settings(self) -> PublishSettings:
        zone = self.team_zone.currentText().strip()
        if zone == clock.zone_name() and not self._settings.team_zone:
            zone = ""  # unchanged default: the library keeps following it
        return replace(
            self._settings,
            team_zone=zone,
            recommended_hashtags=self.recommended.value(),
            never_use=split_hashtags(self.never_use.text()),
            codes={k.strip("= "): v for k, v in self.codes.pairs()},
            tag_map={k: split_hashtags(v) for k, v in self.tag_map.pairs()},
        )
