"""When a post goes out, in the composer (mixed into CaptionComposer): the date and time
fields read in the post's zone, classified by the tz database's rules (PEP 495): a time that
happens twice asks which pass (first or second), a time that never happens is refused with the
first valid time after the gap offered; the zone label; the schedule tick. Every change of the
day re-judges the post's rights on that day (refresh_context)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime

from liveassets import clock
from liveassets.publish import zones
from liveassets.ui.posts.caption_edit import amber, red, set_colour


class ComposerWhenMixin:
    """Needs the composer's date_edit, time_edit, schedule_check, zone_combo, zone_label,
    fold_combo, dst_row, dst_label, dst_button, post, _loading; calls _edited, save and
    refresh_context."""

    @staticmethod
    def _default_when(zone_name: str) -> dt.datetime:
        now = clock.now().astimezone(zones.zone(zone_name))
        return (now + dt.timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)

    def _local(self) -> zones.LocalTime | None:
        """The date and time fields as a wall-clock time in the post's zone, classified (ok,
        happens twice, never happens); None when not scheduled."""
        if not self.schedule_check.isChecked() or self.post is None:
            return None
        d, t = self.date_edit.date(), self.time_edit.time()
        naive = dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())
        try:
            return zones.classify(naive, self._zone())
        except zones.ZoneError:
            return None

    def _when(self) -> dt.datetime | None:
        """The instant the fields name: in a repeated hour the pass chosen in the fold combo;
        in a skipped hour the first time after the gap (for judging rights on the day only:
        save() refuses to store a time the user has not chosen)."""
        local = self._local()
        if local is None:
            return None
        if local.kind == "skipped":
            return local.suggestion
        if local.kind == "ambiguous":
            return local.instants[1 if self.fold_combo.currentIndex() == 1 else 0]
        return local.instants[0]

    def _show_dst(self, fold: int | None = None) -> None:
        """Show or hide the daylight-saving row for the fields' time; `fold` (0/1) picks the
        pass of a repeated hour (None: keep the current choice)."""
        local = self._local()
        kind = local.kind if local else "ok"
        self.dst_row.setVisible(kind != "ok")
        self.fold_combo.setVisible(kind == "ambiguous")
        self.dst_button.setVisible(kind == "skipped")
        if kind == "ambiguous":
            loading, self._loading = self._loading, True  # refilling the combo is not an edit
            try:
                keep = self.fold_combo.currentIndex() if fold is None else fold
                self.fold_combo.clear()
                for word, when in zip(zones.FOLD_WORDS, local.instants):
                    self.fold_combo.addItem(f"{word} {zones.instant_label(when)}", word)
                self.fold_combo.setCurrentIndex(1 if keep == 1 else 0)
            finally:
                self._loading = loading
            self.dst_label.setText(f"{local.naive:%H:%M} happens twice that night (the clocks "
                                   "go back): which one?")
            set_colour(self.dst_label, amber())
        elif kind == "skipped":
            self.dst_label.setText(f"{local.naive:%H:%M} does not exist that night (the clocks "
                                   f"jump forward). Not saved.")
            self.dst_button.setText(f"Use {local.suggestion:%H:%M}")
            set_colour(self.dst_label, red())

    def use_suggested_time(self) -> None:
        """Move the fields to the first time after the DST gap they are in, and save."""
        local = self._local()
        if local is None or local.kind != "skipped":
            return
        s = local.suggestion
        self._loading = True
        try:
            self.date_edit.setDate(QDate(s.year, s.month, s.day))
            self.time_edit.setTime(QTime(s.hour, s.minute))
        finally:
            self._loading = False
        self._when_edited()
        self.save()

    def _zone(self) -> str:
        return self.zone_combo.currentData() or (self.post.timezone if self.post else "")

    def _when_edited(self, *_args) -> None:
        if self._loading or self.post is None:
            return
        self._show_dst()
        when = self._when()
        self._show_zone(when)
        self._edited()
        self.refresh_context()  # rights are judged on the post's day: a new day, a new verdict

    def _show_zone(self, when: dt.datetime | None) -> None:
        if when is None:
            self.zone_label.setText("Not scheduled")
        else:
            off = when.utcoffset() or dt.timedelta()
            hours, rest = divmod(int(off.total_seconds()) // 60, 60)
            sign = "+" if off >= dt.timedelta() else "-"
            self.zone_label.setText(f"{when.tzname()} (UTC{sign}{abs(hours)}"
                                    f"{f':{rest:02d}' if rest else ''})")

    def _schedule_toggled(self, on: bool) -> None:
        self.date_edit.setEnabled(on)
        self.time_edit.setEnabled(on)
        self._show_dst()
        self._show_zone(self._when())
        if not self._loading and self.post is not None:
            self._dirty = True
            self.save()
            self.refresh_context()  # unscheduled posts are judged on today
