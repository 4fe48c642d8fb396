"""RightsForm: status, expiry (or none), channels, owner, credit, terms, model release, release
document and notes for the selection. Each field a user changes is sent alone, so a bulk edit of one
field never overwrites the others; fields that differ across the selection show as mixed.

The expiry field shows "Never" or "Multiple values" as Qt's special value (the minimum date,
1900-01-01, never a real expiry). It is written only when the user changed the date (typed,
stepped or picked in the calendar): tabbing or clicking through it, or editing another field,
never writes the date it happens to show to the whole selection. A click on a placeholder puts
a date one year ahead there to type over; left unchanged, the placeholder comes back. Dates are
typed as the team writes them, 31/12/2027 (day first), 31 Dec 2027 or 2027-12-31 (field_typing);
a refused entry (12/31/2027) brings the stored expiry back and writes nothing.
Channels are four check boxes (catalog.channels; none ticked = every channel). A box some of
the selection has and some not shows partly ticked; a click allows or stops that one channel
on every selected asset and keeps their other channels (`channelsChanged(add, remove)`, one undo
step). Check boxes ignore the mouse wheel, so scrolling the panel never changes them."""

from __future__ import annotations

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFileDialog, QFormLayout,
                               QGridLayout, QHBoxLayout, QLabel, QLineEdit, QToolButton,
                               QWidget)

from liveassets import clock
from liveassets.catalog.channels import CHANNELS, NAMES, channels_of, describe
from liveassets.catalog.rights import UNREADABLE, expiry_day
from liveassets.catalog.rights import MODEL_RELEASES, STATUSES
from liveassets.ui.field_typing import typed_entry

MIXED = "Multiple values"
NEVER = "Never"
PLACEHOLDER_DATE = QDate(1900, 1, 1)  # the field's minimum: shows NEVER or MIXED instead
TEXT_FIELDS = ("owner", "credit", "terms", "notes")


def _year_ahead() -> QDate:
    """The date a click on an empty expiry offers to type over: a year from today (the one
    clock, so tests and a frozen day agree)."""
    day = clock.today()
    return QDate(day.year, day.month, day.day).addYears(1)


class RightsForm(QWidget):
    rightsChanged = Signal(dict)  # the fields to set on every selected asset
    channelsChanged = Signal(list, list)  # channel ids to allow, to stop, on every selected asset

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filling = False
        self._no_channel = (0, 0)  # (selected assets at no channel, selected assets)
        self.status = QComboBox(self)
        for s in STATUSES:
            self.status.addItem(s.capitalize(), s)
        self.status.setPlaceholderText(MIXED)  # shown when the selection disagrees
        self.status.activated.connect(lambda _: self._send(status=self.status.currentData()))
        self.expires = QDateEdit(self)
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        self.expires.setMinimumDate(PLACEHOLDER_DATE)
        self.expires.setSpecialValueText(NEVER)
        self.expires.setDate(PLACEHOLDER_DATE)
        self._shown_expiry: str | None = None  # what the field shows as stored ("" mixed)
        self._expiry_touched = False  # the user changed the date since it was shown
        self._tentative: QDate | None = None  # the date a click put over a placeholder
        self.expires.dateChanged.connect(self._expiry_edited)
        self.expires.editingFinished.connect(self.apply_expiry)
        self.expires.calendarWidget().clicked.connect(lambda _: self.apply_expiry(picked=True))
        entry = typed_entry(self.expires)
        entry.starting.connect(self._expiry_starting)
        entry.refused.connect(self._expiry_refused)
        self.no_expiry = QCheckBox("No expiry", self)
        self.no_expiry.toggled.connect(self._no_expiry_toggled)
        self.channels: dict[str, QCheckBox] = {}
        for channel in CHANNELS:
            box = QCheckBox(NAMES[channel], self)
            box.setToolTip(f"Cleared for {NAMES[channel]}. None ticked: every channel.")
            box.clicked.connect(lambda _=False, c=channel: self._channel_clicked(c))
            self.channels[channel] = box
        self.channels_note = QLabel(self)
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
        # A row too wide beside its label goes under it: with a dock dragged wide the panel
        # is narrower than "Model release" beside the expiry and "No expiry", which were cut
        # off at its edge (the panel does not scroll sideways).
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        form.addRow("Status", self.status)
        row = QHBoxLayout()
        row.addWidget(self.expires, 1)
        row.addWidget(self.no_expiry)
        form.addRow("Expires", row)
        # Two by two with the note below: four in a row widened the whole inspector past its
        # dock (measured on the screenshot: the tag editor's Remove button was cut off).
        channels = QGridLayout()
        channels.setContentsMargins(0, 0, 0, 0)
        channels.setVerticalSpacing(0)
        for i, box in enumerate(self.channels.values()):
            channels.addWidget(box, i // 2, i % 2)
        channels.addWidget(self.channels_note, 2, 0, 1, 2)
        channels.setColumnStretch(2, 1)
        form.addRow("Channels", channels)
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
            counts = dict.fromkeys(CHANNELS, 0)
            none = 0  # at no channel: a recap whose sources share none, a value edited by hand
            for doc in docs:  # one pass: a select-all of 50,000 stays quick
                rights = doc.get("rights") or {}
                for key, values in seen.items():
                    if len(values) < 2:
                        values.add(rights.get(key))
                allowed = channels_of(rights)
                none += allowed is not None and not allowed
                for channel in allowed or ():
                    counts[channel] += 1
            self._no_channel = (none, len(docs))
            self._show_channels(counts, len(docs))

            def common(key, default=None):
                values = {default if v is None else v for v in seen[key]}
                return (values.pop(), False) if len(values) == 1 else (default, bool(values))

            status, mixed = common("status", "unknown")
            self.status.setCurrentIndex(-1 if mixed else max(0, self.status.findData(status)))
            expires, mixed = common("expires")
            self.no_expiry.setChecked(not mixed and expires is None)
            # as the rights gate reads it: a hand-typed "31/12/2026" is that day, and a value
            # nobody can read says so (the gate holds the file back) rather than "Never"
            day = None if mixed else expiry_day({"expires": expires})
            if day is UNREADABLE:
                self._show_expiry(None, True, f"Cannot read {expires!r}")
            else:
                self._show_expiry(QDate(day.year, day.month, day.day) if day else None, mixed)
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

    # -- the channels --------------------------------------------------------------------------
    def _show_channels(self, counts: dict[str, int], total: int) -> None:
        """Tick each channel every selected asset allows; partly tick one only some allow."""
        for channel, box in self.channels.items():
            n = counts[channel]
            box.setTristate(0 < n < total)
            box.setCheckState(Qt.Checked if total and n == total else
                              Qt.PartiallyChecked if n else Qt.Unchecked)
        self._note_channels()

    def _note_channels(self) -> None:
        states = {c: b.checkState() for c, b in self.channels.items()}
        none, total = self._no_channel
        ticked = [c for c, state in states.items() if state == Qt.Checked]
        if Qt.PartiallyChecked in states.values() or (0 < none < total and not ticked):
            self.channels_note.setText(MIXED)
        else:
            # no box ticked reads "every channel", unless the gate allows these none
            text = describe(ticked or (frozenset() if none and none == total else None))
            self.channels_note.setText(text[:1].upper() + text[1:])  # not capitalize(): TikTok

    def _channel_clicked(self, channel: str) -> None:
        """A click (or Space) on one box: allow or stop that channel on the whole selection.
        A partly ticked box turns ticked (allowed everywhere), then toggles as usual."""
        box = self.channels[channel]
        self._no_channel = (0, 0)  # the edit gives every selected asset its own channels
        on = box.checkState() != Qt.Unchecked  # partly ticked -> ticked when clicked
        box.setTristate(False)
        box.setChecked(on)
        self._note_channels()
        if not self._filling and self.isEnabled():
            self.channelsChanged.emit([channel] if on else [], [] if on else [channel])

    # -- the expiry ----------------------------------------------------------------------------
    def _show_expiry(self, date: QDate | None, mixed: bool = False,
                     note: str | None = None) -> None:
        """Show a stored expiry (None: never, or mixed; `note` instead of either) without it
        counting as an edit."""
        with QSignalBlocker(self.expires):
            self.expires.setSpecialValueText(note or (MIXED if mixed else NEVER))
            self.expires.setDate(date or PLACEHOLDER_DATE)
        self._shown_expiry = "" if mixed else (date.toString("yyyy-MM-dd") if date else None)
        self._expiry_touched = False
        self._tentative = None

    def _expiry_edited(self, _date) -> None:
        if not self._filling:
            self._expiry_touched = True

    def _expiry_starting(self) -> None:
        """A click or focus on a placeholder: a date a year ahead to type over or step from."""
        if self.expires.date() == PLACEHOLDER_DATE and self.isEnabled():
            self._tentative = _year_ahead()
            with QSignalBlocker(self.expires):
                self.expires.setDate(self._tentative)

    def _expiry_refused(self, _message: str) -> None:
        """A typed date the app refuses ("12/31/2027": no month 31; the field's tooltip says
        so): the stored expiry comes back and nothing is written, not even the year-ahead
        date a click on "Never" offered to type over."""
        stored = self._shown_expiry
        self._show_expiry(QDate.fromString(stored, "yyyy-MM-dd") if stored else None,
                          stored == "")

    def apply_expiry(self, picked: bool = False) -> None:
        """Send the date the user set (editing finished, or a day picked in the calendar);
        a date only shown, never changed, is not sent."""
        date = self.expires.date()
        if not (self._expiry_touched or picked) or date == PLACEHOLDER_DATE:
            if self.expires.calendarWidget().isVisible():
                return  # the calendar took focus to be picked from: not finished yet
            if self._tentative is not None and date == self._tentative:
                self._show_expiry(QDate.fromString(self._shown_expiry or "", "yyyy-MM-dd")
                                  if self._shown_expiry else None, self._shown_expiry == "")
            return
        iso = date.toString("yyyy-MM-dd")
        self._expiry_touched, self._tentative = False, None
        if self.no_expiry.isChecked():  # typing a date means it expires after all
            self._filling = True
            try:
                self.no_expiry.setChecked(False)
            finally:
                self._filling = False
        if iso != self._shown_expiry:
            self._shown_expiry = iso
            self._send(expires=iso)

    def _no_expiry_toggled(self, checked: bool) -> None:
        if self._filling:
            return
        if checked:
            self._show_expiry(None)
            self._send(expires=None)
        else:  # an expiry after all: the date shown (a year ahead if none), to type over
            date = self.expires.date()
            if date == PLACEHOLDER_DATE:
                date = _year_ahead()
            self._show_expiry(date)
            self._shown_expiry = None
            self.apply_expiry(picked=True)

    def choose_release_doc(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the release document", "",
                                              "Documents (*.pdf *.jpg *.jpeg *.png *.heic);;"
                                              "All files (*)")
        if path:
            self._send(release_doc=path)
