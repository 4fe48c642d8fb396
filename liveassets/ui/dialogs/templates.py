"""TemplatesDialog: the library's metadata templates, each viewed and edited as a form with an
"apply" tick beside every field (as in Lightroom's metadata presets), an expiry that is none, a
fixed day or a time after the day it is applied, and the tags it adds and removes.

The dialog never writes by itself: saving and deleting go through the callbacks it is handed
(the window puts them on its undo stack); a refused save is told inside the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QDateEdit, QDialog,
                               QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QMessageBox, QPushButton, QSpinBox, QSplitter, QVBoxLayout,
                               QWidget)

from liveassets import clock
from liveassets.catalog.rights import MODEL_RELEASES, STATUSES
from liveassets.catalog.templates import (FIELDS, LABELS, MetadataTemplate, parse_expiry,
                                          resolve_expiry)
from liveassets.ui.field_typing import typed_entry

# Expiry modes of the form: (label, how the value is written; "+" modes take a count).
EXPIRY_MODES = (("No expiry (clears it)", "none"), ("On a date", "date"),
                ("Days after applying", "d"), ("Weeks after applying", "w"),
                ("Months after applying", "m"), ("Years after applying", "y"))
TEXT_HINTS = {"owner": "Who holds the rights", "credit": "Photo: …",
              "terms": "Where and how it may be used",
              "channels": "tiktok, instagram, youtube, x (empty: every channel)", "notes": ""}


class TagList(QWidget):
    """A list of tags with a field to add one (Return) and a button to remove the selected."""

    changed = Signal()

    def __init__(self, placeholder: str, parent=None):
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QListWidget.ExtendedSelection)
        self.list.setMaximumHeight(90)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.returnPressed.connect(self._add)
        self.remove = QPushButton("Remove", self)
        self.remove.clicked.connect(self._remove)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.remove)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        column.addLayout(row)

    def tags(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def set_choices(self, tags: list[str]) -> None:
        """The library's tags, offered as the user types (case-insensitive, anywhere)."""
        completer = QCompleter(tags, self.edit)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.edit.setCompleter(completer)

    def set_tags(self, tags: list[str]) -> None:
        self.list.clear()
        self.list.addItems(tags)

    def _add(self) -> None:
        text = self.edit.text().strip()
        if text and text.casefold() not in {t.casefold() for t in self.tags()}:
            self.list.addItem(text)
            self.changed.emit()
        self.edit.clear()

    def _remove(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()


class TemplateForm(QWidget):
    """One template as a form: a tick and a value per field; editing a value ticks it."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filling = False
        self.template_id: str | None = None
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Template name")
        self.name.textEdited.connect(self._edited)
        self.ticks = {key: QCheckBox(LABELS[key], self) for key in FIELDS}
        for tick in self.ticks.values():
            tick.toggled.connect(self._edited)
        self.status = QComboBox(self)
        for s in STATUSES:
            self.status.addItem(s.capitalize(), s)
        self.texts = {key: QLineEdit(self) for key in TEXT_HINTS}
        for key, edit in self.texts.items():
            edit.setPlaceholderText(TEXT_HINTS[key] or "")
            edit.textEdited.connect(lambda _=None, k=key: self._tick(k))
        self.release = QComboBox(self)
        self.release.addItem("Not recorded (clears it)", None)
        for code, label in MODEL_RELEASES.items():
            self.release.addItem(label, code)
        self.status.activated.connect(lambda _: self._tick("status"))
        self.release.activated.connect(lambda _: self._tick("model_release"))
        self.expiry_mode = QComboBox(self)
        for label, mode in EXPIRY_MODES:
            self.expiry_mode.addItem(label, mode)
        self.expiry_date = QDateEdit(self)
        self.expiry_date.setCalendarPopup(True)
        self.expiry_date.setDisplayFormat("yyyy-MM-dd")
        self.expiry_date.setDate(QDate(clock.today()).addYears(1))
        self.expiry_count = QSpinBox(self)
        self.expiry_count.setRange(1, 3650)
        self.expiry_count.setValue(90)
        self.expiry_mode.activated.connect(lambda _: self._tick("expires"))
        self.expiry_mode.currentIndexChanged.connect(lambda _: self._show_expiry())
        self.expiry_date.dateChanged.connect(lambda _: self._tick("expires"))
        self.expiry_count.valueChanged.connect(lambda _: self._tick("expires"))
        # A typed date the app refuses (12/31/2027: no month 31) puts the date back
        # (field_typing); the keys Qt took on the way must not leave the expiry ticked either.
        entry = typed_entry(self.expiry_date)
        entry.starting.connect(lambda: setattr(self, "_expiry_was_ticked",
                                               self.ticks["expires"].isChecked()))
        entry.refused.connect(lambda _: self.ticks["expires"].setChecked(
            getattr(self, "_expiry_was_ticked", self.ticks["expires"].isChecked())))
        self.add_tags = TagList("Tag to add, then Return", self)
        self.remove_tags = TagList("Tag to remove, then Return", self)
        self.add_tags.changed.connect(self._edited)
        self.remove_tags.changed.connect(self._edited)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.PlainText)  # tags and values are the user's text
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)

        grid = QGridLayout(self)
        grid.addWidget(QLabel("Name", self), 0, 0)
        grid.addWidget(self.name, 0, 1)
        hint = QLabel("Only ticked fields are written; a ticked empty field is cleared.", self)
        hint.setWordWrap(True)
        grid.addWidget(hint, 1, 0, 1, 2)
        expiry = QHBoxLayout()
        expiry.addWidget(self.expiry_mode, 1)
        expiry.addWidget(self.expiry_date)
        expiry.addWidget(self.expiry_count)
        widgets = {"status": self.status, "expires": expiry, "model_release": self.release,
                   **self.texts}
        for row, key in enumerate(FIELDS, start=2):
            grid.addWidget(self.ticks[key], row, 0)
            value = widgets[key]
            if isinstance(value, QWidget):
                grid.addWidget(value, row, 1)
            else:
                grid.addLayout(value, row, 1)
        row = 2 + len(FIELDS)
        grid.addWidget(QLabel("Add tags", self), row, 0, Qt.AlignTop)
        grid.addWidget(self.add_tags, row, 1)
        grid.addWidget(QLabel("Remove tags", self), row + 1, 0, Qt.AlignTop)
        grid.addWidget(self.remove_tags, row + 1, 1)
        grid.addWidget(self.summary, row + 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self._show_expiry()

    # -- template <-> widgets ---------------------------------------------------------------
    def set_template(self, template: MetadataTemplate) -> None:
        self._filling = True
        try:
            self.template_id = template.id
            self.name.setText(template.name)
            values = template.values
            for key, tick in self.ticks.items():
                tick.setChecked(key in template.apply)
            self.status.setCurrentIndex(max(0, self.status.findData(values.get("status")
                                                                    or "unknown")))
            for key, edit in self.texts.items():
                value = values.get(key) or ""
                edit.setText(", ".join(value) if isinstance(value, list) else value)
            self.release.setCurrentIndex(max(0, self.release.findData(values.get("model_release"))))
            self._set_expiry(values.get("expires") or "")
            self.add_tags.set_tags(template.add_tags)
            self.remove_tags.set_tags(template.remove_tags)
        finally:
            self._filling = False
        self._edited()

    def _set_expiry(self, text: str) -> None:
        try:
            value = parse_expiry(text)
        except ValueError:
            value = ""
        if value.startswith("+"):
            mode, count = value[-1], int(value[1:-1])
            self.expiry_count.setValue(count)
        elif value:
            mode = "date"
            self.expiry_date.setDate(QDate.fromString(value, "yyyy-MM-dd"))
        else:
            mode = "none"
        self.expiry_mode.setCurrentIndex(self.expiry_mode.findData(mode))

    def expiry(self) -> str:
        mode = self.expiry_mode.currentData()
        if mode == "none":
            return ""
        if mode == "date":
            return self.expiry_date.date().toString("yyyy-MM-dd")
        return f"+{self.expiry_count.value()}{mode}"

    def template(self) -> MetadataTemplate:
        """What the form shows (unchecked: saving checks it)."""
        values = {"status": self.status.currentData(), "expires": self.expiry(),
                  "model_release": self.release.currentData(),
                  **{k: e.text().strip() for k, e in self.texts.items()}}
        return MetadataTemplate(self.name.text(), values,
                                frozenset(k for k, t in self.ticks.items() if t.isChecked()),
                                self.add_tags.tags(), self.remove_tags.tags(), self.template_id)

    # -- reacting --------------------------------------------------------------------------
    def _tick(self, key: str) -> None:
        if not self._filling:
            self.ticks[key].setChecked(True)  # a value typed is a value meant (Lightroom too)
            self._edited()

    def _show_expiry(self) -> None:
        mode = self.expiry_mode.currentData()
        self.expiry_date.setVisible(mode == "date")
        self.expiry_count.setVisible(mode not in ("none", "date"))

    def _edited(self, *_) -> None:
        for key, edit in self.texts.items():  # an empty ticked field is not a blank to fill
            edit.setPlaceholderText("Cleared when applied" if self.ticks[key].isChecked()
                                    else TEXT_HINTS[key])
        if self._filling:
            return
        template = self.template()
        text = "Applies: " + template.describe()
        expiry = template.values.get("expires") or ""
        if "expires" in template.apply and expiry.startswith("+"):
            today = clock.today()
            text += f" (applied today: valid until {resolve_expiry(expiry, today)})"
        self.summary.setText(text)
        self.changed.emit()


class TemplatesDialog(QDialog):
    """The list of templates on the left, the chosen one's form on the right.

    `templates()` lists them; `save(template)` returns the saved template or None (after
    showing why it was refused through `show_error`); `delete(template)` returns whether it did.
    """

    def __init__(self, templates: Callable[[], list[MetadataTemplate]],
                 save: Callable[[MetadataTemplate], MetadataTemplate | None],
                 delete: Callable[[MetadataTemplate], bool], parent=None,
                 tag_choices: Callable[[], list[str]] = list):
        super().__init__(parent)
        self._tag_choices = tag_choices
        self.setWindowTitle("Metadata templates")
        self.resize(760, 560)
        self._templates, self._save, self._delete = templates, save, delete
        self._shown: list[MetadataTemplate] = []
        self._dirty = False
        self.list = QListWidget(self)
        self.list.currentRowChanged.connect(self._chosen)
        self.form = TemplateForm(self)
        self.form.changed.connect(self._mark_dirty)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #f85149;")
        self.new_button = QPushButton("New", self)
        self.new_button.clicked.connect(self.new_template)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.clicked.connect(self.delete_current)
        self.save_button = QPushButton("Save", self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_current)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        left = QWidget(self)
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(self.list, 1)
        lrow = QHBoxLayout()
        lrow.addWidget(self.new_button)
        lrow.addWidget(self.delete_button)
        lcol.addLayout(lrow)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.form)
        split.setStretchFactor(1, 1)
        split.setSizes([200, 560])
        buttons = QHBoxLayout()
        buttons.addWidget(self.error, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(split, 1)
        column.addLayout(buttons)
        self.start()

    def start(self) -> None:
        """Show the first template (or a blank new one): how the dialog opens."""
        choices = self._tag_choices()
        self.form.add_tags.set_choices(choices)
        self.form.remove_tags.set_choices(choices)
        self._show_first(MetadataTemplate("New template"))

    def _show_first(self, blank: MetadataTemplate) -> None:
        """Re-read the list and show its first template, or `blank` when there is none."""
        self._dirty = False
        self.form.template_id = None
        self.reload()
        if self._shown:
            self.list.setCurrentRow(0)
            self.show_template(self._shown[0])
        else:
            self.show_template(blank)

    # -- the list ----------------------------------------------------------------------------
    def reload(self, select_id: str | None = None) -> None:
        """Show the library's templates again (after a save, a delete, an undo)."""
        current = select_id or self.form.template_id
        self._shown = self._templates()
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([t.name for t in self._shown])
        for row, t in enumerate(self._shown):
            self.list.item(row).setToolTip(t.describe())
        self.list.blockSignals(False)
        row = next((i for i, t in enumerate(self._shown) if t.id == current), -1)
        if row >= 0:
            self.list.setCurrentRow(row)
            if not self._dirty:
                self.show_template(self._shown[row])
        elif self.form.template_id is not None and not self._dirty:
            # The shown template is gone (deleted, or its save undone): show another.
            if self._shown:
                self.list.setCurrentRow(0)
                self.show_template(self._shown[0])
            else:
                self.show_template(MetadataTemplate("New template"))
        self.delete_button.setEnabled(self.form.template_id is not None)

    def show_template(self, template: MetadataTemplate) -> None:
        self.form.set_template(template)
        self._dirty = False
        self.error.clear()
        self.delete_button.setEnabled(template.id is not None)

    def new_template(self, template: MetadataTemplate | None = None) -> None:
        """Show an unsaved template (a blank one, or one proposed from a selection)."""
        if not self._may_leave():
            return
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.show_template(template or MetadataTemplate(self._free_name("New template")))
        self._dirty = template is not None  # a proposal is worth keeping: ask before losing it
        self.form.name.setFocus()
        self.form.name.selectAll()

    def _free_name(self, base: str) -> str:
        names = {t.name.casefold() for t in self._shown}
        n, name = 1, base
        while name.casefold() in names:
            n += 1
            name = f"{base} {n}"
        return name

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self._shown) and self._shown[row].id != self.form.template_id:
            if not self._may_leave():
                self.list.blockSignals(True)
                back = next((i for i, t in enumerate(self._shown)
                             if t.id == self.form.template_id), -1)
                self.list.setCurrentRow(back)
                self.list.blockSignals(False)
                return
            self.show_template(self._shown[row])

    # -- saving ------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._dirty = True
        self.error.clear()

    def show_error(self, text: str) -> None:
        self.error.setText(text)

    def save_current(self) -> MetadataTemplate | None:
        saved = self._save(self.form.template())
        if saved is not None:
            self._dirty = False
            self.reload(saved.id)
        return saved

    def delete_current(self) -> None:
        template = self.form.template()
        if template.id is None:
            return
        if self._delete(template):
            self._show_first(MetadataTemplate(self._free_name("New template")))

    def _may_leave(self) -> bool:
        """Unsaved edits: save them, throw them away, or stay (a form never loses typing)."""
        if not self._dirty:
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.Save:
            return self.save_current() is not None
        return answer == QMessageBox.Discard

    def ask_unsaved(self):
        return QMessageBox.question(
            self, "Unsaved template", f"Save the changes to “{self.form.name.text()}”?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)

    def closeEvent(self, event) -> None:
        if self._may_leave():
            self._dirty = False
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:  # Esc
        if self._may_leave():
            self._dirty = False
            super().reject()
