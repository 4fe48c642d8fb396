"""RightsForm: status, expiry (or none), owner, credit, terms, model release, release document
and notes for the selection. Each field a user changes is sent alone, so a bulk edit of one
field never overwrites the others; fields that differ across the selection show as mixed."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFileDialog, QFormLayout,
                               QHBoxLayout, QLineEdit, QToolButton, QWidget)

from liveassets import clock
from liveassets.catalog.rights import MODEL_RELEASES, STATUSES

MIXED = "Multiple values"
TEXT_FIELDS = ("owner", "credit", "terms", "notes")


class RightsForm(QWidget):
    rightsChanged = Signal(dict)  # the fields to set on every selected asset

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filling = False
        self.status = QComboBox(self)
        for s in STATUSES:
            self.status.addItem(s.capitalize(), s)
        self.status.setPlaceholderText(MIXED)  # shown when the selection disagrees
        self.status.activated.connect(lambda _: self._send(status=self.status.currentData()))
        self.expires = QDateEdit(self)
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        day = clock.today()
        self.expires.setDate(QDate(day.year, day.month, day.day).addYears(1))
        self.expires.editingFinished.connect(self.apply_expiry)
        self.expires.calendarWidget().clicked.connect(lambda _: self.apply_expiry())
        self.no_expiry = QCheckBox("No expiry", self)
        self.no_expiry.toggled.connect(self._no_expiry_toggled)
        self.fields: dict[str, QLineEdit] = {}
        for name, hint in (("owner", "Who holds the rights"), ("credit", "Photo: …"),
                           ("terms", "Where and how it may be used"), ("notes", "")):
            edit = QLineEdit(self)
            edit.setPlaceholderText(hint)
            edit.editingFinished.connect(lambda n=name: self._text_done(n))
            self.fields[name] = edit
        self.release = QComboBox(self)
        self.release.addItem("Not recorded", None)
        for code, label in MODEL_RELEASES.items():
            self.release.addItem(label, code)
        self.release.setPlaceholderText(MIXED)
        self.release.activated.connect(
            lambda _: self._send(model_release=self.release.currentData()))
        self.doc = QLineEdit(self)
        self.doc.setReadOnly(True)
        self.doc.setPlaceholderText("No release document")
        self.pick_doc = QToolButton(self)
        self.pick_doc.setText("…")
        self.pick_doc.setToolTip("Choose the release document")
        self.pick_doc.clicked.connect(self.choose_release_doc)
        self.clear_doc = QToolButton(self)
        self.clear_doc.setText("✕")
        self.clear_doc.setToolTip("No release document")
        self.clear_doc.clicked.connect(lambda: self._send(release_doc=None))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow("Status", self.status)
        row = QHBoxLayout()
        row.addWidget(self.expires, 1)
        row.addWidget(self.no_expiry)
        form.addRow("Expires", row)
        form.addRow("Owner", self.fields["owner"])
        form.addRow("Credit", self.fields["credit"])
        form.addRow("Terms", self.fields["terms"])
        form.addRow("Model release", self.release)
        docs = QHBoxLayout()
        docs.addWidget(self.doc, 1)
        docs.addWidget(self.pick_doc)
        docs.addWidget(self.clear_doc)
        form.addRow("Release doc", docs)
        form.addRow("Rights notes", self.fields["notes"])

    # -- showing the selection -----------------------------------------------------------
    def show_rights(self, docs: list[dict]) -> None:
        self._filling = True
        try:
            self.setEnabled(bool(docs))
            seen: dict[str, set] = {key: set() for key in
                                    ("status", "expires", "model_release", "release_doc",
                                     *TEXT_FIELDS)}
            for doc in docs:  # one pass: a select-all of 50,000 stays quick
                rights = doc.get("rights") or {}
                for key, values in seen.items():
                    if len(values) < 2:
                        values.add(rights.get(key))

            def common(key, default=None):
                values = {default if v is None else v for v in seen[key]}
                return (values.pop(), False) if len(values) == 1 else (default, bool(values))

            status, mixed = common("status", "unknown")
            self.status.setCurrentIndex(-1 if mixed else max(0, self.status.findData(status)))
            expires, mixed = common("expires")
            self.no_expiry.setChecked(not mixed and expires is None)
            self.expires.setEnabled(mixed or expires is not None)
            if expires:
                self.expires.setDate(QDate.fromString(expires, "yyyy-MM-dd"))
            for name, edit in self.fields.items():
                value, mixed = common(name, "")
                edit.setText(value or "")
                edit.setPlaceholderText(MIXED if mixed else "")
                edit.setModified(False)
            release, mixed = common("model_release")
            self.release.setCurrentIndex(-1 if mixed else max(0, self.release.findData(release)))
            doc, mixed = common("release_doc")
            self.doc.setText(doc or "")
            self.doc.setPlaceholderText(MIXED if mixed else "No release document")
        finally:
            self._filling = False

    # -- sending edits ---------------------------------------------------------------------
    def _send(self, **fields) -> None:
        if not self._filling and self.isEnabled():
            self.rightsChanged.emit(fields)

    def _text_done(self, name: str) -> None:
        edit = self.fields[name]
        if edit.isModified():
            edit.setModified(False)
            self._send(**{name: edit.text()})

    def apply_expiry(self) -> None:
        if not self.no_expiry.isChecked():
            self._send(expires=self.expires.date().toString("yyyy-MM-dd"))

    def _no_expiry_toggled(self, checked: bool) -> None:
        self.expires.setEnabled(not checked)
        if self._filling:
            return
        if checked:
            self._send(expires=None)
        else:
            self.apply_expiry()

    def choose_release_doc(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the release document", "",
                                              "Documents (*.pdf *.jpg *.jpeg *.png *.heic);;"
                                              "All files (*)")
        if path:
            self._send(release_doc=path)
