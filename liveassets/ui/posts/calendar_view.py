"""The content calendar: posts on a week or a month (Monday first), coloured by status, with
conflicts and rights problems flagged; drag a post to another day (or from the unscheduled list
onto a day) to reschedule it. Moves go through `run_edit(label, perform)` so the host can put
them on its undo stack; `apply_change(change)` keeps the view in step with any core Change.

Host wiring, e.g.::

    view = CalendarView(catalog, run_edit=lambda label, perform: undo_stack.push(
        CatalogCommand(catalog, label, perform, on_change)))
    # in on_change(change): view.apply_change(change)   (undo and redo included)
    view.postActivated.connect(composer.open_post)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDrag, QFont
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QFrame, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QScrollArea, QSizePolicy, QSplitter,
                               QToolButton, QVBoxLayout, QWidget)

from liveassets import clock
from liveassets.errors import UserError
from liveassets.publish.schedule import month_grid, week_of
from liveassets.ui.posts import calendar_canvas
from liveassets.ui.posts.calendar_canvas import CalendarCanvas, post_mime
from liveassets.ui.posts.calendar_model import CalendarPosts, day_label, first_words, short_platform
from liveassets.ui.posts.calendar_paint import CalendarLegend, status_icon

MODES = ("week", "month")


def period_title(mode: str, days: list[dt.date], anchor: dt.date) -> str:
    """'17–23 Nov 2026', '30 Nov – 6 Dec 2026', '29 Dec 2025 – 4 Jan 2026' or 'November 2026'."""
    if mode == "month":
        return f"{anchor:%B %Y}"
    a, b = days[0], days[-1]
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def default_today() -> dt.date:
    """Today where the posts are planned (the team's zone), not where the machine's clock is."""
    return clock.today()


class UnscheduledList(QListWidget):
    """Posts without a date; drag one onto a day to schedule it (at 12:00)."""

    def __init__(self, view):
        super().__init__()
        self.view = view
        self.setObjectName("unscheduledPosts")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragOnly)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.ElideRight)

    def fill(self, posts) -> None:
        current = self.current_id()
        self.clear()
        for post in posts:
            item = QListWidgetItem(status_icon(post.status),
                                   f"{short_platform(post.platform)} · {first_words(post, 6)}")
            item.setData(Qt.UserRole, post.id)
            item.setToolTip(self.view.model.tooltip(post))
            self.addItem(item)
            if post.id == current:
                self.setCurrentItem(item)

    def current_id(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def startDrag(self, actions) -> None:
        post_id = self.current_id()
        if post_id:
            drag = QDrag(self)
            drag.setMimeData(post_mime(post_id))
            calendar_canvas.exec_drag(drag)


class CalendarView(QWidget):
    """Week/Month calendar of the library's posts. See the module docstring for the wiring."""

    postActivated = Signal(str)   # double-click or Enter on a post: open it in the composer
    postMoved = Signal(str)       # a post was rescheduled from the calendar
    message = Signal(str)         # a user-facing problem (also shown in the view itself)

    def __init__(self, catalog, parent=None, run_edit: Callable | None = None,
                 today: Callable[[], dt.date] | None = None):
        super().__init__(parent)
        self.setObjectName("calendarView")
        self.catalog = catalog
        self.model = CalendarPosts(catalog)
        self._run_edit = run_edit or (lambda label, perform: perform())
        self._today = today or default_today
        self._mode = "week"
        self._anchor = self._today()
        self._build()
        self.refresh()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        def tool(text, tip, slot, checkable=False):
            button = QToolButton(text=text, toolTip=tip, checkable=checkable, autoRaise=False)
            button.clicked.connect(slot)
            bar.addWidget(button)
            return button

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.prev_button = tool("‹ Prev", "Previous week or month (Page Up)", lambda: self.step(-1))
        self.today_button = tool("Today", "Go to today", self.go_today)
        self.next_button = tool("Next ›", "Next week or month (Page Down)", lambda: self.step(1))
        self.title = QLabel(objectName="calendarTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setContentsMargins(10, 0, 10, 0)
        bar.addWidget(self.title, 1)
        self.week_button = tool("Week", "Show one week", lambda: self.set_mode("week"), True)
        self.month_button = tool("Month", "Show the whole month", lambda: self.set_mode("month"),
                                 True)
        for button in (self.week_button, self.month_button):
            button.setObjectName("calendarMode")
        self.setStyleSheet("QToolButton#calendarMode { padding: 2px 10px; }"
                           "QToolButton#calendarMode:checked { background: palette(highlight);"
                           " color: palette(highlighted-text); border-radius: 3px; }")
        group = QButtonGroup(self)
        group.setExclusive(True)
        group.addButton(self.week_button)
        group.addButton(self.month_button)
        self.week_button.setChecked(True)

        self.canvas = CalendarCanvas(self)
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.NoFrame)
        self.scroll.setWidget(self.canvas)

        side = QWidget(objectName="unscheduledPanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        self.unscheduled_label = QLabel()
        bold = QFont(self.unscheduled_label.font())
        bold.setBold(True)
        self.unscheduled_label.setFont(bold)
        self.unscheduled = UnscheduledList(self)
        self.unscheduled.itemActivated.connect(
            lambda item: self.postActivated.emit(item.data(Qt.UserRole)))
        hint = QLabel("Drag one onto a day to schedule it at 12:00.", wordWrap=True)
        hint.setEnabled(False)  # the palette's muted text
        for w in (self.unscheduled_label, self.unscheduled, hint):
            side_layout.addWidget(w)
        side.setMinimumWidth(150)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.scroll)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setCollapsible(0, False)
        split.setSizes([820, 180])
        self.splitter = split

        foot = QHBoxLayout()
        foot.setContentsMargins(0, 0, 0, 0)
        self.legend = CalendarLegend()
        self.legend.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.notice = QLabel(objectName="calendarNotice")
        self.notice.setStyleSheet("color: #ff6b6b;")
        foot.addWidget(self.legend, 1)
        foot.addWidget(self.notice)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addLayout(foot)

    def sizeHint(self) -> QSize:
        return QSize(1000, 700)

    # -- what is shown -----------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, value: str) -> None:
        self.set_mode(value)

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode is one of {MODES}, not {mode!r}")
        self._mode = mode
        (self.week_button if mode == "week" else self.month_button).setChecked(True)
        self._show()

    def show_date(self, day: dt.date) -> None:
        """Show the week or month holding `day`."""
        self._anchor = day
        self._show()

    def show_week(self, day: dt.date) -> None:
        self._anchor = day
        self.set_mode("week")

    def go_today(self) -> None:
        self.show_date(self._today())

    def step(self, n: int) -> None:
        """n weeks or months forward (negative: back)."""
        if self._mode == "week":
            self.show_date(self._anchor + dt.timedelta(days=7 * n))
        else:
            months = self._anchor.year * 12 + self._anchor.month - 1 + n
            self.show_date(dt.date(months // 12, months % 12 + 1, 1))

    def visible_days(self) -> list[dt.date]:
        return [d for week in self._weeks() for d in week]

    def title_text(self) -> str:
        return self.title.text()

    def _weeks(self) -> list[list[dt.date]]:
        if self._mode == "week":
            return [week_of(self._anchor)]
        return month_grid(self._anchor.year, self._anchor.month)

    def _show(self) -> None:
        weeks = self._weeks()
        self.title.setText(period_title(self._mode, weeks[0] if self._mode == "week" else [],
                                        self._anchor))
        self.canvas.show_days(weeks, None if self._mode == "week" else self._anchor.month,
                              self._today())

    def new_day(self) -> None:
        """Local midnight in the team's zone: move the "today" mark (the period shown stays)."""
        self._show()

    # -- keeping in step with the catalog ----------------------------------------------------
    def refresh(self) -> None:
        """Read every post again (after edits made outside this view)."""
        self.model.load()
        self._posts_changed()

    def apply_change(self, change) -> None:
        """Follow one core Change (a move, its undo, an edit elsewhere): posts it names are
        re-read from the Change itself; an asset change may alter rights, found again lazily."""
        if change is None:
            return
        if change.table == "posts":
            self.model.update(change.after)
        elif change.table == "assets":
            self.model.assets_changed()
        else:
            return
        self._posts_changed()

    def _posts_changed(self) -> None:
        if self.canvas.selected not in self.model.posts:
            self.canvas.selected = None
        self.unscheduled.fill(self.model.unscheduled)
        self.unscheduled_label.setText(f"Unscheduled ({len(self.model.unscheduled)})")
        self._show()

    # -- editing -----------------------------------------------------------------------------
    def move_post(self, post_id: str, day: dt.date) -> bool:
        """Reschedule a post to `day`, keeping its time of day (12:00 if it had none), through
        the edit runner; True when it moved. What a drop on a day calls."""
        post = self.model.posts.get(post_id)
        if post is None:  # made elsewhere since the last refresh?
            self.refresh()
            post = self.model.posts.get(post_id)
        if post is None:
            self._say("That post is no longer in the library.")
            return False
        if post.local_date == day:
            return False
        made = []

        def perform():
            change = self.model.store.reschedule(post_id, day)
            made.append(change)
            return change

        self._say("")
        try:
            self._run_edit(f"Move post to {day_label(day)}", perform)
        except UserError as exc:
            self._say(str(exc))
            return False
        if made:
            self.apply_change(made[-1])
        else:   # the runner refused or deferred it: show what is saved
            self.refresh()
        if day not in self.visible_days():
            self.show_date(day)
        if post_id in self.model.posts:
            self.canvas.select(post_id)
        self.postMoved.emit(post_id)
        return True

    def select_post(self, post_id: str) -> None:
        """Show the post's day and select it (e.g. when the composer opens a post)."""
        post = self.model.posts.get(post_id)
        if post is None:
            return
        if post.local_date is not None and post.local_date not in self.visible_days():
            self.show_date(post.local_date)
        self.canvas.select(post_id)

    def selected_post(self) -> str | None:
        return self.canvas.selected

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        if text:
            self.message.emit(text)
