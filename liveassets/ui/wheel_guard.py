"""No edit by accident: a mouse wheel over a combo box, spin box, date or time field or slider
changes it only when that field has focus; otherwise the wheel scrolls the panel around it.

Qt's default lets a wheel that passes over a field change it (and, with Qt.WheelFocus, take
focus first), so scrolling the inspector turned "Pending" into "Cleared" for the whole
selection. `install(app)` (done by `make_app`) fixes every such field of the application,
including ones made later by dialogs and docks: as the app's style polishes each widget (once,
before it is first shown), a field loses WheelFocus (a wheel never gives focus; a click still
does) and gets this module's filter, which hands an unfocused field's wheel to the nearest scroll
area, as if the field were not there. The same hook gives every spin box, date and time field
`field_typing.typed_entry` (typed digits after a click edit the field).

Why a style hook and not an application event filter: a Python filter on the application sees
every event. Measured (tests/bench/bench_wheel_guard.py, 3,000 assets, 9 runs, load 3-4 on
2 cores, medians): an event to a plain widget 2.3 us, 2.5 us with the guard, 6.3 us with an
application filter; window open 0.26 s, 0.21 s with the guard (noise), 0.41 s with an
application filter. Only the fields' own events pass through Python (a combo's: 2.2 -> 4.7 us).

Sliders that are view controls outside any scrolling panel opt back in with `allow_wheel`
(the toolbar's thumbnail size: there is nothing else a wheel over it could mean, and it changes
no data). Scroll bars are never guarded: scrolling is what they are for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox,
                               QApplication, QComboBox, QScrollBar, QWidget)

from liveassets.ui.field_typing import typed_entry
from liveassets.ui.theme.palette import ClearIndicators

# QDateEdit, QTimeEdit and QDateTimeEdit are spin boxes; QScrollBar, a slider, is left alone.
GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)
ALLOW = "laWheelWithoutFocus"  # dynamic property set by allow_wheel


def allow_wheel(widget: QWidget) -> None:
    """Let `widget` follow the wheel without focus (a view control, never a data field)."""
    widget.setProperty(ALLOW, True)


def is_field(widget) -> bool:
    """A widget whose value a wheel would change (scroll bars excepted)."""
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def scroll_target(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose viewport holds `widget` (the panel a wheel scrolls)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """The filter every field gets (one for the application); see the module docstring."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Wheel or obj.hasFocus() or obj.property(ALLOW):
            return False  # a field the user clicked into means it: the wheel edits
        self._scroll_instead(obj, event)
        return True

    @staticmethod
    def _scroll_instead(field: QWidget, event) -> None:
        area = scroll_target(field)
        event.ignore()
        if area is None:
            return  # a toolbar's or dialog's field: the wheel does nothing there
        viewport = area.viewport()
        pos = viewport.mapFromGlobal(event.globalPosition())
        forwarded = QWheelEvent(QPointF(pos), event.globalPosition(), event.pixelDelta(),
                                event.angleDelta(), event.buttons(), event.modifiers(),
                                event.phase(), event.inverted(), event.source())
        QApplication.sendEvent(viewport, forwarded)
        event.setAccepted(forwarded.isAccepted())


def guard(widget: QWidget) -> None:
    """Give one field its manners (idempotent: polishing again changes nothing)."""
    if not is_field(widget):
        return
    if widget.focusPolicy() & Qt.WheelFocus == Qt.WheelFocus:
        widget.setFocusPolicy(Qt.StrongFocus)  # a wheel never hands a field focus
    widget.installEventFilter(_filter())  # (installing it again only moves it first)
    if isinstance(widget, QAbstractSpinBox):
        typed_entry(widget)


_guard: WheelGuard | None = None


def _filter() -> WheelGuard:
    global _guard
    if _guard is None:
        _guard = WheelGuard(QApplication.instance())
    return _guard


def install(app: QApplication) -> None:
    """Guard every field of `app`: those polished from now on (through the app's style, a
    ClearIndicators) and those that exist already. Calling it again changes nothing."""
    if guard not in ClearIndicators.polishers:
        ClearIndicators.polishers.append(guard)
    if not getattr(app, "_la_wheel_guarded", False):
        app._la_wheel_guarded = True
        for widget in app.allWidgets():
            guard(widget)
