"""No edit by accident: a mouse wheel over a combo box, spin box, date or time field or slider
changes it only when that field has focus; otherwise the wheel scrolls the panel around it.

Qt's default lets a wheel that passes over a field change it (and, with Qt.WheelFocus, take
focus first), so scrolling the inspector turned "Pending" into "Cleared" for the whole
selection. One application-wide event filter (`install(app)`, done by `make_app`) fixes every
such field, including ones made later by dialogs and docks: when a widget is polished it loses
WheelFocus (a wheel never gives focus; a click still does), and an unfocused field's wheel is
handed to the nearest scroll area, as if the field were not there.

Sliders that are view controls outside any scrolling panel opt back in with `allow_wheel`
(the toolbar's thumbnail size: there is nothing else a wheel over it could mean, and it
changes no data). Scroll bars are never guarded: scrolling is what they are for.

The polish hook also gives every spin box, date and time field `field_typing.typed_entry`
(typed digits after a click edit the field), so dialogs made later get it too.

Cost: a Python filter sees every event the application sends; measured in
tests/bench/bench_wheel_guard.py (window open and grid scroll, with and without the guard).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox,
                               QApplication, QComboBox, QLineEdit, QScrollBar, QWidget)

from liveassets.ui.field_typing import typed_entry

# QDateEdit, QTimeEdit and QDateTimeEdit are spin boxes; QScrollBar, a slider, is left alone.
GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)
ALLOW = "laWheelWithoutFocus"  # dynamic property set by allow_wheel
_WHEEL, _POLISH = QEvent.Wheel, QEvent.Polish


def allow_wheel(widget: QWidget) -> None:
    """Let `widget` follow the wheel without focus (a view control, never a data field)."""
    widget.setProperty(ALLOW, True)


def guarded_owner(obj) -> QWidget | None:
    """The guarded field `obj` is, or whose own editor it is (a spin box's or an editable
    combo's line edit receives the wheel first); None for anything else."""
    if not isinstance(obj, QWidget):
        return None
    widget = obj.parentWidget() if isinstance(obj, QLineEdit) else obj
    if isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar) \
            and not widget.property(ALLOW):
        return widget
    return None


def scroll_target(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose viewport holds `widget` (the panel a wheel scrolls)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """The application-wide filter; see the module docstring."""

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == _WHEEL:
            owner = guarded_owner(obj)
            if owner is None or owner.hasFocus():
                return False  # a field the user clicked into means it: the wheel edits
            self._scroll_instead(owner, event)
            return True
        if kind == _POLISH and isinstance(obj, GUARDED) and not isinstance(obj, QScrollBar):
            _polish(obj)
        return False

    @staticmethod
    def _scroll_instead(owner: QWidget, event) -> None:
        area = scroll_target(owner)
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


def _polish(widget: QWidget) -> None:
    if widget.focusPolicy() & Qt.WheelFocus == Qt.WheelFocus:
        widget.setFocusPolicy(Qt.StrongFocus)  # a wheel never hands a field focus
    if isinstance(widget, QAbstractSpinBox):
        # The same once-per-field hook, for the same kind of manners: a click then typed digits
        # edits the field (one application filter rather than two: each costs every event).
        typed_entry(widget)


def install(app: QApplication) -> WheelGuard:
    """Install the guard on `app` once (later calls return the same filter)."""
    guard = getattr(app, "_la_wheel_guard", None)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app._la_wheel_guard = guard
        for widget in app.allWidgets():  # fields polished before the guard existed
            if isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar):
                _polish(widget)
    return guard
