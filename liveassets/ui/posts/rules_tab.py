"""The Publishing settings' "Platform rules" tab: every platform's caption rules in effect
today with their date and source (shipped, or recorded in this library), a form to record a
rule a platform changed, and removing the library's own entries. Each record or removal is
one step on the window's undo stack, made at once (not on OK)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QFormLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from liveassets import clock
from liveassets.errors import UserError
from liveassets.publish.platforms import (FIELD_NAMES, FIELDS, NAMES, RULE_SETS, UNIT_NAMES,
                                          add_local_rule, library_book, parse_value,
                                          remove_local_rule, show_value)
from liveassets.ui.posts.caption_edit import red

SET_NAMES = {**NAMES, "tiktok_photo": "TikTok photo"}
# Rules that may have no cap at all (the caption length always has one; unit and forbidden
# characters are not numbers).
CAPPABLE = ("title_limit", "hashtag_limit", "mention_limit")
KEY_ROLE = Qt.UserRole + 1  # (platform, field, since date) of a library entry, else None
RULE_ROLE = Qt.UserRole + 2  # (platform, field) of the row


class PlatformRulesTab(QWidget):
    """`push(label, perform) -> error text or None` runs one core write as an undo step."""

    def __init__(self, catalog, push: Callable, parent=None):
        super().__init__(parent)
        self.catalog, self.push = catalog, push
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(["Platform", "Rule", "Value", "Since", "Source",
                                              "From"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setWordWrap(False)  # one line a rule; the whole source is in its tooltip
        self.table.setTextElideMode(Qt.ElideRight)
        header = self.table.horizontalHeader()
        for c in range(6):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.Stretch)
        self.table.setToolTip("The rules the composer counts against today, with the date each "
                              "took effect and where it was read")
        self.remove_button = QPushButton("Remove library entry", self)
        self.remove_button.setToolTip("Forget a rule recorded in this library: the shipped rule "
                                      "applies again (Edit > Undo brings it back)")
        self.remove_button.setEnabled(False)
        self.platform_combo = QComboBox(self)
        for key in RULE_SETS:
            self.platform_combo.addItem(SET_NAMES[key], key)
        self.field_combo = QComboBox(self)
        for name in FIELDS:
            self.field_combo.addItem(FIELD_NAMES[name].capitalize(), name)
        self.field_combo.setCurrentIndex(FIELDS.index("hashtag_limit"))
        self.value_edit = QLineEdit(self)
        self.no_cap = QCheckBox("No cap", self)
        self.no_cap.setToolTip("The platform dropped this limit")
        self.since_edit = QDateEdit(self)
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("d MMM yyyy")
        today = clock.today()
        self.since_edit.setDate(QDate(today.year, today.month, today.day))
        self.since_edit.setToolTip("The first day the new value applies (posts dated earlier "
                                   "keep the old one)")
        self.source_edit = QLineEdit(self)
        self.source_edit.setPlaceholderText("Where you read it: a help page, a notice, a link")
        self.record_button = QPushButton("Record change", self)
        self.record_button.setToolTip("Stored in this library at once (not on OK): Edit > Undo "
                                      "takes it back")
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {red().name()};")
        self.error_label.hide()
        self._layout()
        self.table.itemSelectionChanged.connect(self._selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.record_button.clicked.connect(self.record)
        self.value_edit.returnPressed.connect(self.record)
        self.platform_combo.currentIndexChanged.connect(self._field_changed)
        self.field_combo.currentIndexChanged.connect(self._field_changed)
        self.no_cap.toggled.connect(lambda on: self.value_edit.setEnabled(not on))
        self.refresh()
        self._field_changed()

    def _layout(self) -> None:
        value = QHBoxLayout()
        value.addWidget(self.value_edit, 1)
        value.addWidget(self.no_cap)
        which = QHBoxLayout()
        which.addWidget(self.platform_combo)
        which.addWidget(self.field_combo, 1)
        form = QFormLayout()
        form.addRow("Rule", which)
        form.addRow("New value", value)
        form.addRow("Took effect", self.since_edit)
        form.addRow("Source", self.source_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.record_button, 0, Qt.AlignTop)
        box = QGroupBox("A platform changed a rule…", self)
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addLayout(buttons)
        under = QHBoxLayout()
        under.addStretch(1)
        under.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.addWidget(QLabel("<b>Rules in effect today</b>", self))
        column.addWidget(self.table, 1)
        column.addLayout(under)
        column.addWidget(box)

    # -- the table ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the rules as the library stores them now (after a record, remove or undo)."""
        book, today = library_book(self.catalog), clock.today()
        rows = []
        for key in RULE_SETS:
            platform, photo = ("tiktok", True) if key == "tiktok_photo" else (key, False)
            rules = book.rules(platform, photo, today)
            for name in FIELDS:
                entry = rules.sources[name]
                rows.append((key, name, show_value(name, getattr(rules, name)),
                             f"{entry.since:%d %b %Y}", entry))
                # The library's entries dated later are listed too: they can be removed.
                for later in book.history(key, name):
                    if later.local and later.since > today:
                        rows.append((key, name, show_value(name, later.value),
                                     f"from {later.since:%d %b %Y}", later))
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for r, (key, name, shown, since, entry) in enumerate(rows):
            cells = (SET_NAMES[key], FIELD_NAMES[name], shown, since,
                     "" if entry.local and entry.source == "added in this library"
                     else entry.source, "This library" if entry.local else "Shipped")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(KEY_ROLE, (key, name, entry.since) if entry.local else None)
                item.setData(RULE_ROLE, (key, name))
                if entry.local:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self._selected()

    def rows(self) -> list[tuple[str, ...]]:
        """The table's text, row by row (what a user reads)."""
        return [tuple(self.table.item(r, c).text() for c in range(6))
                for r in range(self.table.rowCount())]

    def _selected_key(self):
        items = self.table.selectedItems()
        return items[0].data(KEY_ROLE) if items else None

    def _selected(self) -> None:
        self.remove_button.setEnabled(self._selected_key() is not None)
        items = self.table.selectedItems()
        if items:  # the form follows the row: recording a change to it is one step away
            key, name = items[0].data(RULE_ROLE)
            self.platform_combo.setCurrentIndex(self.platform_combo.findData(key))
            self.field_combo.setCurrentIndex(self.field_combo.findData(name))

    def _field_changed(self, *_args) -> None:
        name = self.field_combo.currentData()
        cappable = name in CAPPABLE
        self.no_cap.setEnabled(cappable)
        if not cappable:
            self.no_cap.setChecked(False)
        key = self.platform_combo.currentData()
        platform, photo = ("tiktok", True) if key == "tiktok_photo" else (key, False)
        current = getattr(library_book(self.catalog).rules(platform, photo), name)
        hint = (", ".join(UNIT_NAMES) if name == "unit" else
                "the characters, e.g. <>" if name == "forbidden" else "a whole number")
        self.value_edit.setPlaceholderText(f"now {show_value(name, current)}; {hint}")

    # -- writing -----------------------------------------------------------------------------
    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def record(self) -> bool:
        """Store the form's rule change as one undo step; a refused value is shown under the
        form and nothing is written."""
        key, name = self.platform_combo.currentData(), self.field_combo.currentData()
        d = self.since_edit.date()
        since = dt.date(d.year(), d.month(), d.day()).isoformat()
        try:
            if self.no_cap.isChecked():
                value = None
            elif not self.value_edit.text().strip() and name not in ("forbidden",):
                raise UserError(f"Type the new {FIELD_NAMES[name]} value"
                                + (', or tick "No cap".' if name in CAPPABLE else "."))
            else:
                value = parse_value(name, self.value_edit.text())
        except UserError as exc:
            self._show_error(str(exc))
            return False
        source = self.source_edit.text().strip()
        error = self.push(f"Platform rule: {SET_NAMES[key]} {FIELD_NAMES[name]}",
                          lambda: add_local_rule(self.catalog, key, name, value, since, source))
        self._show_error(error or "")
        if error:
            return False
        self.value_edit.clear()
        self.no_cap.setChecked(False)  # the next change starts from a value again
        self.refresh()
        return True

    def remove_selected(self) -> bool:
        found = self._selected_key()
        if found is None:
            return False
        key, name, since = found
        error = self.push(f"Remove platform rule: {SET_NAMES[key]} {FIELD_NAMES[name]}",
                          lambda: remove_local_rule(self.catalog, key, name, since))
        self._show_error(error or "")
        self.refresh()
        return error is None
