"""DayWatch: the one timer that notices the team's day change while the window is open (local
midnight in the team's zone, liveassets.clock), so every view that shows "today" moves on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from liveassets import clock

# Never sleep longer than this between looks: a laptop that slept through midnight, or a clock
# the user set by hand, is noticed within the hour (QTimer counts monotonic time, which does
# not advance while the machine is suspended).
MAX_WAIT_S = 3600


class DayWatch(QObject):
    """Emits `dayChanged(date)` when clock.today() moves on: at the team's midnight, or when the
    app comes back to the front after the day changed (after a sleep)."""

    dayChanged = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.day: dt.date = clock.today()
        self._stopped = False
        self._timer = QTimer(self, singleShot=True)
        self._timer.setTimerType(Qt.CoarseTimer)
        self._timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._app_state)
        self._arm()

    def _arm(self) -> None:
        # One second past midnight; a coarse timer may fire a little early, in which case
        # check() finds the same day and arms again for the rest.
        if not self._stopped:
            wait = min(clock.seconds_to_midnight() + 1, MAX_WAIT_S)
            self._timer.start(int(wait * 1000))

    def _app_state(self, state) -> None:
        if state == Qt.ApplicationActive:
            self.check()

    def check(self) -> bool:
        """Look at the clock now; emit when the day changed. True when it did."""
        today = clock.today()
        changed = today != self.day
        if changed:
            self.day = today
            self.dayChanged.emit(today)
        self._arm()
        return changed

    def stop(self) -> None:
        """Stop watching (the window is closing); safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.disconnect(self._app_state)
