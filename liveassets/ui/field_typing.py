"""Number, date and time fields that take typed digits after a click (`typed_entry(edit)`,
given to every spin box of the application by the wheel guard's polish hook).

Qt leaves the text cursor where a click lands, between two digits, where typed digits make the
text invalid and are dropped. Measured on Qt 6.10: a click on "2.00 s" then "1.5" left 2.00 s;
on "not set" (a special value) nothing typed ever showed; on a date, "2027-03-15" left
2026-12-01 (or gave 2027-12-03: a separator after a section that advanced by itself skips the
next section too); a click on the minutes then "0930" gave 12:09. So:

- numbers: the click that gives the field focus selects the number (not its unit), as Tab does,
  so what is typed replaces it; a second click places the cursor for a fine edit;
- dates and times: a click selects the section under the pointer (as platform date pickers do),
  so "15" typed over the day makes it the 15th; and what is typed since the click (or since the
  field took focus) is read as a whole date or time once it is complete: "2027-03-15",
  "2027/03/15", "20270315" for a date; "09:30", "0930", "9:30" for a time; both, with a space,
  for a date and time. A partial entry is left to Qt's sections.

`starting` is emitted when a click or focus is about to edit the field, before Qt acts on it:
a host whose field shows a placeholder ("No expiry", "Multiple values" at the minimum date) puts
a real date there first, so there are sections to type into and the calendar opens near today.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QDateTimeEdit, QLineEdit

_DATE = r"(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})"
_TIME = r"(\d{2}):?(\d{2})|(\d{1}):(\d{2})"
DATE_RE = re.compile(rf"^{_DATE}$")
TIME_RE = re.compile(rf"^(?:{_TIME})$")
DATETIME_RE = re.compile(rf"^{_DATE}[ T](?:{_TIME})$")


def parse_date(text: str) -> QDate | None:
    """A complete typed date (year, month, day; ISO order), or None."""
    m = DATE_RE.match(text)
    if not m:
        return None
    date = QDate(int(m[1]), int(m[2]), int(m[3]))
    return date if date.isValid() else None


def parse_time(text: str) -> QTime | None:
    """A complete typed 24-hour time ("09:30", "0930", "9:30"), or None."""
    m = TIME_RE.match(text)
    if not m:
        return None
    hour, minute = (m[1], m[2]) if m[1] is not None else (m[3], m[4])
    time = QTime(int(hour), int(minute))
    return time if time.isValid() else None


def parse_typed(text: str, date: bool, time: bool) -> QDateTime | QDate | QTime | None:
    """What a field showing a date and/or a time makes of `text` typed in full, or None."""
    text = text.strip()
    if date and time:
        m = DATETIME_RE.match(text)
        if not m:
            return None
        day, clock = parse_date(text[:m.end(3)].strip()), parse_time(text[m.end(3) + 1:])
        return QDateTime(day, clock) if day and clock else None
    if date:
        return parse_date(text)
    return parse_time(text) if time else None


class TypedEntry(QObject):
    """The filter behind `typed_entry`; one per field (a child of it)."""

    starting = Signal()

    def __init__(self, edit: QAbstractSpinBox):
        super().__init__(edit)
        self.edit = edit
        self.dates = isinstance(edit, QDateTimeEdit)
        self.typed = ""
        self._select_on_release = False  # focus just came by a click
        self.line = edit.findChild(QLineEdit)
        edit.installEventFilter(self)
        if self.line is not None:
            self.line.installEventFilter(self)

    def _shows(self) -> tuple[bool, bool]:
        sections = self.edit.displayedSections()
        return (bool(sections & QDateTimeEdit.DateSections_Mask),
                bool(sections & QDateTimeEdit.TimeSections_Mask))

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.MouseButtonPress and event.button() == Qt.LeftButton:
            self.typed = ""
            self.starting.emit()  # (the press on the arrow opens the calendar after this)
        elif kind == QEvent.FocusIn and obj is self.edit:
            # Qt hands focus before the press reaches any filter: the reason tells a click.
            self._select_on_release = event.reason() == Qt.MouseFocusReason
            self.typed = ""
            self.starting.emit()
        elif kind == QEvent.MouseButtonRelease and obj is self.line \
                and event.button() == Qt.LeftButton and not self.line.hasSelectedText():
            if self.dates:  # Qt has moved the current section to where the press landed
                self.edit.setSelectedSection(self.edit.currentSection())
            elif self._select_on_release:
                self.edit.selectAll()  # the number without its unit, as Tab selects it
            self._select_on_release = False
        elif kind == QEvent.KeyPress and obj is self.edit and self.dates:
            return self._key(event)
        return False

    def _key(self, event) -> bool:
        text = event.text()
        if event.key() == Qt.Key_Backspace:
            self.typed = self.typed[:-1]
            return False
        if not text or not text.isprintable() or event.modifiers() & (
                Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            self.typed = ""  # arrows, Tab, Enter, shortcuts: a new entry starts after them
            return False
        self.typed += text
        value = parse_typed(self.typed, *self._shows())
        if value is None:
            return False  # not a whole date yet: Qt's sections take the key
        if isinstance(value, QDateTime):
            self.edit.setDateTime(value)
        elif isinstance(value, QDate):
            self.edit.setDate(value)
        else:
            self.edit.setTime(value)
        self.typed = ""
        self.edit.setSelectedSection(self.edit.sectionAt(self.edit.sectionCount() - 1))
        return True  # the last key completed the entry: it is not typed into a section too


def typed_entry(edit: QAbstractSpinBox) -> TypedEntry:
    """Make `edit` (a spin box, or a date, time or date-and-time field) take typed digits after
    a click; see the module docstring. Returns its filter (the same one on later calls), whose
    `starting` signal a host may use."""
    entry = edit.findChild(TypedEntry, options=Qt.FindDirectChildrenOnly)
    return entry if entry is not None else TypedEntry(edit)
