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
  field took focus) is read as a whole date or time once it is complete: a date as people in
  AU/NZ type it (liveassets/typed_dates.py: "15/03/2027" day first, "15 Mar 2027",
  "2027-03-15", "20270315"), whatever order the field displays; "09:30", "0930", "9:30" for a
  time; both, with a space, for a date and time. A partial entry is left to Qt's sections.
  A date complete as the keys arrive needs its four-digit year ("15/03/20" is the start of
  15/03/2027); Enter takes a two-digit year too ("15/03/27"). A complete entry the app refuses
  ("03/15/2027": no month 15, write day first; "31/02/2027") puts back the value the field had
  before the entry, shows why in a tooltip and emits `refused(message)`: never a guess, never
  a half-typed date left behind.

`starting` is emitted when a click or focus is about to edit the field, before Qt acts on it:
a host whose field shows a placeholder ("No expiry", "Multiple values" at the minimum date) puts
a real date there first, so there are sections to type into and the calendar opens near today.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QPoint, Qt, QTime, Signal
from PySide6.QtWidgets import QAbstractSpinBox, QDateTimeEdit, QLineEdit, QToolTip

from liveassets.errors import UserError
from liveassets.typed_dates import NotADateError, parse_day

_TIME = r"(\d{2}):?(\d{2})|(\d{1}):(\d{2})"
# An ISO-order entry is whole only with two-digit month and day: "2027-03-1" is the start of
# "2027-03-15", not the 1st.
ISO_RE = re.compile(r"^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$")
TIME_RE = re.compile(rf"^(?:{_TIME})$")
DATETIME_RE = re.compile(rf"^(.+?)[ T](?:{_TIME})$")


def parse_date(text: str, short_years: bool = False) -> QDate | None:
    """A complete typed date (any typed_dates form, day first), or None while it is partial.
    Raises TypedDateError for a complete entry the app refuses ("03/15/2027", "31/02/2027").
    `short_years`: take "15/03/27" as complete (on Enter, not while keys arrive)."""
    text = text.strip()
    if re.match(r"^\d{4}", text) and not ISO_RE.match(text):
        return None  # an ISO entry still being typed
    try:
        day = parse_day(text, short_years=short_years)
    except NotADateError:
        return None
    return QDate(day.year, day.month, day.day)


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
        day, clock = parse_date(m[1]), parse_time(text[m.end(1) + 1:].strip())
        return QDateTime(day, clock) if day and clock else None
    if date:
        return parse_date(text)
    return parse_time(text) if time else None


class Refusals(QObject):
    """Every field's refusals in one place (`refusals()`), for the window's status line: a
    tooltip passes, the line stays until the next message."""

    refused = Signal(str)


_refusals: Refusals | None = None


def refusals() -> Refusals:
    """The application's one Refusals hub (made on first use)."""
    global _refusals
    if _refusals is None:
        _refusals = Refusals()
    return _refusals


class TypedEntry(QObject):
    """The filter behind `typed_entry`; one per field (a child of it)."""

    starting = Signal()
    refused = Signal(str)  # a complete entry the app refuses: the one line saying why

    def __init__(self, edit: QAbstractSpinBox):
        super().__init__(edit)
        self.edit = edit
        self.dates = isinstance(edit, QDateTimeEdit)
        self.typed = ""
        self.before: QDateTime | None = None  # the value when the typed entry began
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
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.typed \
                and self._shows() == (True, False):
            self._complete(self.typed, short_years=True)  # "15/03/27" then Enter
            self.typed = ""
            return False  # Enter still finishes the edit
        if not text or not text.isprintable() or event.modifiers() & (
                Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            self.typed = ""  # arrows, Tab, Enter, shortcuts: a new entry starts after them
            return False
        if not self.typed:
            self.before = self.edit.dateTime()
        self.typed += text
        return self._complete(self.typed)

    def _complete(self, typed: str, short_years: bool = False) -> bool:
        """Set the field from a whole typed entry (True), or leave a partial one to Qt's
        sections (False); a refused entry puts back the value from before it (True)."""
        date, time = self._shows()
        try:
            value = (parse_date(typed, short_years) if date and not time
                     else parse_typed(typed, date, time))
        except UserError as refusal:  # complete, and wrong: say why, keep what was there
            if self.before is not None:
                self.edit.setDateTime(self.before)
            self.typed = ""
            QToolTip.showText(self.edit.mapToGlobal(QPoint(0, self.edit.height())),
                              str(refusal), self.edit)
            self.refused.emit(str(refusal))
            refusals().refused.emit(str(refusal))
            return True
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
