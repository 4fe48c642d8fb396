"""The painted part of the content calendar: day cells and post chips for a week or a month,
hit testing, tooltips, the keyboard, and Qt drag and drop of posts between days. It draws what
its `CalendarView` holds and asks the view to move or open a post; it owns no posts itself."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QDrag, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from liveassets import clock
from liveassets.ui.posts.calendar_model import first_words, short_platform
from liveassets.ui.posts.calendar_paint import (MONTH_CHIP_HEIGHT, WEEK_CHIP_HEIGHT, Chip, elide_room,
                                          mix, paint_chip)

MIME = "application/x-liveassets-post-id"
GAP = 4
MONTH_ROW_MIN = 72


def post_mime(post_id: str) -> QMimeData:
    data = QMimeData()
    data.setData(MIME, QByteArray(post_id.encode("utf-8")))
    return data


def post_id_from(mime: QMimeData) -> str | None:
    if mime is None or not mime.hasFormat(MIME):
        return None
    return bytes(mime.data(MIME).data()).decode("utf-8") or None


def wrap_lines(fm: QFontMetrics, text: str, width: int, most: int) -> list[str]:
    """Word-wrap text into at most `most` lines of `width` pixels, the last one elided."""
    lines, words = [], text.split()
    while words and len(lines) < most - 1:
        line = words.pop(0)
        while words and fm.horizontalAdvance(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        if fm.horizontalAdvance(line) > width:  # one long word: elide it, go on
            line = fm.elidedText(line, Qt.ElideRight, width)
        lines.append(line)
    if words:
        lines.append(fm.elidedText(" ".join(words), Qt.ElideRight, width))
    return lines


def exec_drag(drag: QDrag) -> Qt.DropAction:
    """Runs a drag (the platform's nested loop). One function, so tests can stand in for it."""
    return drag.exec(Qt.MoveAction)


def chip_pixmap(widget: QWidget, chip: Chip) -> QPixmap:
    ratio = widget.devicePixelRatioF()
    pix = QPixmap(chip.rect.size() * ratio)
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setFont(widget.font())
    p.translate(-chip.rect.topLeft())
    paint_chip(p, chip, widget.palette())
    p.end()
    return pix


class CalendarCanvas(QWidget):
    """Seven columns (week) or a grid of weeks (month), each day listing its posts as chips."""

    def __init__(self, view):
        super().__init__()
        self.view = view
        self.setObjectName("calendarCanvas")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName("Content calendar")
        self.weeks: list[list[dt.date]] = []
        self.month: int | None = None          # month mode: the month shown (others dimmed)
        self.today = clock.today()
        self.selected: str | None = None
        self.drop_day: dt.date | None = None
        self.chips: list[Chip] = []
        self.more: list[tuple[QRect, dt.date, int]] = []
        self.cells: list[tuple[QRect, dt.date]] = []
        self._dirty = True
        self._press: tuple[QPoint, str] | None = None
        self._fonts()

    def _fonts(self) -> None:
        self.small = QFont(self.font())
        self.small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        self.small_metrics = QFontMetrics(self.small)
        self.bold = QFont(self.font())
        self.bold.setBold(True)
        self.bold_metrics = QFontMetrics(self.bold)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.FontChange:
            self._fonts()
            self._dirty = True
        super().changeEvent(event)

    # -- what to show ------------------------------------------------------------------------
    def show_days(self, weeks: list[list[dt.date]], month: int | None, today: dt.date) -> None:
        self.weeks, self.month, self.today = weeks, month, today
        self.data_changed()

    def data_changed(self) -> None:
        self._dirty = True
        if self.month is None:  # week: tall enough for the busiest day (the view scrolls)
            most = max((len(self.view.model.on(d)) for d in self.weeks[0]), default=0)
            self.setMinimumHeight(self._header() + GAP + most * (WEEK_CHIP_HEIGHT + GAP) + 8)
        else:
            self.setMinimumHeight(self._header() + len(self.weeks) * MONTH_ROW_MIN)
        self.update()

    def resizeEvent(self, event) -> None:
        self._dirty = True
        super().resizeEvent(event)

    def _header(self) -> int:
        return self.fontMetrics().height() + (14 if self.month is None else 8)

    # -- layout ------------------------------------------------------------------------------
    def layout_chips(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.chips, self.more, self.cells = [], [], []
        if not self.weeks:
            return
        header, width = self._header(), self.width()
        rows = len(self.weeks)
        row_h = (self.height() - header) / rows
        for r, week in enumerate(self.weeks):
            for c, day in enumerate(week):
                x0, x1 = round(c * width / 7), round((c + 1) * width / 7)
                if self.month is None:
                    cell = QRect(x0, 0, x1 - x0, self.height())
                    self._week_chips(day, cell, header)
                else:
                    y0, y1 = round(header + r * row_h), round(header + (r + 1) * row_h)
                    cell = QRect(x0, y0, x1 - x0, y1 - y0)
                    self._month_chips(day, cell)
                self.cells.append((cell, day))

    def _chip(self, post, rect: QRect, compact: bool) -> Chip:
        model = self.view.model
        chip = Chip(post.id, rect, post.status, "", conflict=post.id in model.conflicts,
                    rights=model.rights_blocked(post))
        room = elide_room(rect.width(), chip.conflict + chip.rights, post.status == "published")
        when = f"{post.scheduled:%H:%M}"
        if compact:
            fm = self.small_metrics
            chip.line1 = fm.elidedText(f"{when} {short_platform(post.platform)} "
                                       f"{first_words(post)}", Qt.ElideRight, room)
        else:
            line1 = f"{when}  {short_platform(post.platform)}"
            if self.bold_metrics.horizontalAdvance(line1) > room:
                line1 = when  # a narrow day (a laptop with docks open): the time stays whole
            elif post.account and self.bold_metrics.horizontalAdvance(
                    f"{line1}  {post.account}") <= room:
                line1 += f"  {post.account}"  # only whole: the tooltip names it otherwise
            chip.line1 = self.bold_metrics.elidedText(line1, Qt.ElideRight, room)
            fm = self.fontMetrics()
            chip.line2 = "\n".join(wrap_lines(fm, first_words(post, 14), rect.width() - 12, 2))
        return chip

    def _week_chips(self, day: dt.date, cell: QRect, header: int) -> None:
        y = header + GAP
        for post in self.view.model.on(day):
            rect = QRect(cell.left() + GAP, y, cell.width() - 2 * GAP, WEEK_CHIP_HEIGHT)
            self.chips.append(self._chip(post, rect, compact=False))
            y += WEEK_CHIP_HEIGHT + GAP

    def _month_chips(self, day: dt.date, cell: QRect) -> None:
        posts = self.view.model.on(day)
        if not posts:
            return
        top = cell.top() + self.fontMetrics().height() + 4
        slot = MONTH_CHIP_HEIGHT + 2
        fits = max(0, (cell.bottom() - 2 - top) // slot)
        shown = len(posts) if len(posts) <= fits else max(0, fits - 1)
        for i, post in enumerate(posts[:shown]):
            rect = QRect(cell.left() + 3, top + i * slot, cell.width() - 6, MONTH_CHIP_HEIGHT)
            self.chips.append(self._chip(post, rect, compact=True))
        if shown < len(posts):
            rect = QRect(cell.left() + 3, top + shown * slot, cell.width() - 6, MONTH_CHIP_HEIGHT)
            self.more.append((rect, day, len(posts) - shown))

    # -- hit testing -------------------------------------------------------------------------
    def chip_at(self, pos: QPoint) -> Chip | None:
        self.layout_chips()
        return next((c for c in self.chips if c.rect.contains(pos)), None)

    def chip_for(self, post_id: str) -> Chip | None:
        self.layout_chips()
        return next((c for c in self.chips if c.post_id == post_id), None)

    def day_at(self, pos: QPoint) -> dt.date | None:
        self.layout_chips()
        return next((d for r, d in self.cells if r.contains(pos)), None)

    def day_rect(self, day: dt.date) -> QRect | None:
        self.layout_chips()
        return next((r for r, d in self.cells if d == day), None)

    def more_at(self, pos: QPoint):
        self.layout_chips()
        return next((m for m in self.more if m[0].contains(pos)), None)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        self.layout_chips()
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        base, text = pal.color(QPalette.Base), pal.color(QPalette.Text)
        accent, line = pal.color(QPalette.Highlight), pal.color(QPalette.Mid)
        header = self._header()
        p.fillRect(self.rect(), base)
        p.fillRect(QRect(0, 0, self.width(), header), pal.color(QPalette.Window))
        dim = mix(text, base, 0.55)
        bold = self.bold
        dirty = event.rect()  # a drag over the days repaints only the two days it changes
        for cell, day in self.cells:
            if not cell.intersects(dirty):
                continue
            outside = self.month is not None and day.month != self.month
            body = QRect(cell.left(), max(cell.top(), header), cell.width(),
                         cell.bottom() - max(cell.top(), header) + 1)
            if day.weekday() >= 5:
                p.fillRect(body, mix(base, text, 0.03))
            if outside:
                p.fillRect(body, mix(base, pal.color(QPalette.Window), 0.6))
            if day == self.today:
                p.fillRect(body, mix(base, accent, 0.14))
            p.setPen(line)
            p.drawLine(cell.topRight() + QPoint(0, 0 if self.month is not None else header),
                       cell.bottomRight())
            if self.month is not None:
                p.drawLine(cell.topLeft(), cell.topRight())
                self._paint_day_number(p, cell, day, outside, accent, text, dim, bold)
            else:
                self._paint_week_header(p, cell, day, header, accent, text, bold)
            if day == self.drop_day:
                p.setPen(accent)
                p.setBrush(Qt.NoBrush)
                p.drawRect(body.adjusted(1, 1, -2, -2))
                p.fillRect(body.adjusted(2, 2, -2, -2), QColor(accent.red(), accent.green(),
                                                               accent.blue(), 40))
        if self.month is not None:
            self._paint_month_header(p, header, dim)
        p.setPen(line)
        p.drawLine(0, header, self.width(), header)
        if self.month is not None:
            p.setFont(self.small)
        for chip in self.chips:
            if chip.rect.intersects(dirty):
                paint_chip(p, chip, pal, chip.post_id == self.selected, self.bold)
        for rect, _day, n in self.more:
            p.setPen(pal.color(QPalette.Link))
            p.drawText(rect.adjusted(6, 0, 0, 0), Qt.AlignLeft | Qt.AlignVCenter, f"+{n} more")
        p.end()

    def _paint_week_header(self, p, cell, day, header, accent, text, bold) -> None:
        rect = QRect(cell.left(), 0, cell.width(), header)
        label = f"{day:%a} {day.day}"
        if day == self.today:
            p.setFont(bold)
            width = p.fontMetrics().horizontalAdvance(label) + 16
            pill = QRect(rect.center().x() - width // 2, 4, width, header - 8)
            p.setPen(Qt.NoPen)
            p.setBrush(accent)
            p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            p.setPen(QColor("white"))
            p.drawText(pill, Qt.AlignCenter, label)
            p.setFont(self.font())
        else:
            p.setPen(text)
            p.drawText(rect, Qt.AlignCenter, label)

    def _paint_month_header(self, p, header, dim) -> None:
        p.setPen(dim)
        for c, day in enumerate(self.weeks[0]):
            x0, x1 = round(c * self.width() / 7), round((c + 1) * self.width() / 7)
            p.drawText(QRect(x0, 0, x1 - x0, header), Qt.AlignCenter, f"{day:%a}")

    def _paint_day_number(self, p, cell, day, outside, accent, text, dim, bold) -> None:
        fm = self.fontMetrics()
        label = f"{day.day} {day:%b}" if day.day == 1 else str(day.day)
        rect = QRect(cell.left() + 4, cell.top() + 2, fm.horizontalAdvance(label) + 10,
                     fm.height() + 2)
        if day == self.today:
            p.setPen(Qt.NoPen)
            p.setBrush(accent)
            p.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
            p.setPen(QColor("white"))
            p.setFont(bold)
        else:
            p.setPen(dim if outside else text)
        p.drawText(rect, Qt.AlignCenter, label)
        p.setFont(self.font())

    # -- tooltips ----------------------------------------------------------------------------
    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            chip = self.chip_at(event.pos())
            if chip is not None:
                post = self.view.model.posts.get(chip.post_id)
                QToolTip.showText(event.globalPos(), self.view.model.tooltip(post), self,
                                  chip.rect)
                return True
            more = self.more_at(event.pos())
            if more is not None:
                QToolTip.showText(event.globalPos(), f"{more[2]} more posts: click to see the "
                                  "whole week", self, more[0])
                return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    # -- mouse: select, open, drag -----------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        pos = event.position().toPoint()
        self.setFocus(Qt.MouseFocusReason)
        chip = self.chip_at(pos)
        if event.button() == Qt.LeftButton and chip is not None:
            self.select(chip.post_id)
            self._press = (pos, chip.post_id)
            return
        more = self.more_at(pos)
        if event.button() == Qt.LeftButton and more is not None:
            self.view.show_week(more[1])
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._press and event.buttons() & Qt.LeftButton:
            start, post_id = self._press
            if (event.position().toPoint() - start).manhattanLength() >= \
                    QApplication.startDragDistance():
                self._press = None
                self.start_drag(post_id)

    def mouseReleaseEvent(self, event) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        pos = event.position().toPoint()
        chip = self.chip_at(pos)
        if chip is not None:
            self.view.postActivated.emit(chip.post_id)
        elif self.month is not None and (day := self.day_at(pos)) is not None:
            self.view.show_week(day)

    def start_drag(self, post_id: str) -> Qt.DropAction:
        drag = QDrag(self)
        drag.setMimeData(post_mime(post_id))
        chip = self.chip_for(post_id)
        if chip is not None:
            drag.setPixmap(chip_pixmap(self, chip))
            drag.setHotSpot(QPoint(12, chip.rect.height() // 2))
        return exec_drag(drag)

    # -- drop: a post from this calendar or the unscheduled list ---------------------------
    def dragEnterEvent(self, event) -> None:
        if post_id_from(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        day = self.day_at(event.position().toPoint()) if post_id_from(event.mimeData()) else None
        if day != self.drop_day:
            self._set_drop_day(day)
        if day is None:
            event.ignore()
        else:
            event.acceptProposedAction()

    def dragLeaveEvent(self, event) -> None:
        self._set_drop_day(None)

    def _set_drop_day(self, day: dt.date | None) -> None:
        for old_or_new in (self.drop_day, day):
            rect = self.day_rect(old_or_new) if old_or_new else None
            if rect is not None:
                self.update(rect)
        self.drop_day = day

    def dropEvent(self, event) -> None:
        self._set_drop_day(None)
        post_id = post_id_from(event.mimeData())
        day = self.day_at(event.position().toPoint())
        if post_id is None or day is None:
            event.ignore()
            self.update()
            return
        event.acceptProposedAction()
        self.view.move_post(post_id, day)

    # -- keyboard ----------------------------------------------------------------------------
    def select(self, post_id: str | None) -> None:
        if post_id != self.selected:
            self.selected = post_id
            self.update()
        chip = self.chip_for(post_id) if post_id else None
        if chip is not None:  # a week taller than the window scrolls to it
            self.view.scroll.ensureVisible(chip.rect.center().x(), chip.rect.center().y(),
                                           0, chip.rect.height())

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key_Return, Qt.Key_Enter) and self.selected:
            self.view.postActivated.emit(self.selected)
        elif key in (Qt.Key_PageUp, Qt.Key_PageDown):
            self.view.step(-1 if key == Qt.Key_PageUp else 1)
        elif key in (Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down):
            if mods & Qt.AltModifier and self.selected:
                self._move_selected(key)
            else:
                self._walk(key)
        else:
            super().keyPressEvent(event)

    def _move_selected(self, key) -> None:
        """Alt+arrows move the selected post a day (left/right) or a week (up/down)."""
        post = self.view.model.posts.get(self.selected)
        if post is not None and post.scheduled is not None:
            days = {Qt.Key_Left: -1, Qt.Key_Right: 1, Qt.Key_Up: -7, Qt.Key_Down: 7}[key]
            self.view.move_post(post.id, post.local_date + dt.timedelta(days=days))

    def _walk(self, key) -> None:
        self.layout_chips()
        if not self.chips:
            return
        ids = [c.post_id for c in self.chips]
        if self.selected not in ids:
            self.select(ids[0])
            return
        posts = self.view.model.posts
        current = posts[self.selected]
        order = [d for _, d in self.cells]
        day_ids = {d: [c.post_id for c in self.chips if posts[c.post_id].local_date == d]
                   for d in order}
        day, row = current.local_date, day_ids[current.local_date].index(current.id)
        if key in (Qt.Key_Up, Qt.Key_Down):
            row += -1 if key == Qt.Key_Up else 1
            if 0 <= row < len(day_ids[day]):
                self.select(day_ids[day][row])
            return
        step = -1 if key == Qt.Key_Left else 1
        i = order.index(day) + step
        while 0 <= i < len(order):
            if day_ids[order[i]]:
                ids_there = day_ids[order[i]]
                self.select(ids_there[min(row, len(ids_there) - 1)])
                return
            i += step
