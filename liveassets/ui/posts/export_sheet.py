"""ExportSheetDialog: Post > Export caption sheet… (Ctrl+Shift+E). Which posts (all, or those of
the assets the grid shows, in a date range), for whom (XLSX or CSV for people, CSV for Sprout's
bulk import, Markdown for chat, .ics for the calendar), a summary from the core before anything
is written (rights-flagged posts, conflicts, everything Sprout would refuse), then the file
written by `publish.sheets.export` on a worker thread behind a busy bar.

The summary is the core's pure `sheet_preview.prepare()`, its messages reworded for the window;
beside it the posts going out and those left out (and why), each with its first asset's
thumbnail from the library's cache (the window's ThumbnailLoader, handed in as `thumbs`).
A rights override ticked here is applied to copies of the posts for the export and recorded on
the window's undo stack only once the file is written, so a failed export leaves no override
behind (the CLI undoes its overrides for the same reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, QObject, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QFileDialog, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QMessageBox,
                               QProgressBar,
                               QRadioButton, QTextBrowser, QVBoxLayout, QWidget)

from liveassets import clock
from liveassets.errors import UserError
from liveassets.ui.jobs import JobRunner
from liveassets.publish.posts import Post, PostStore
from liveassets.publish.sheet_preview import Preview, prepare
from liveassets.people import user_name
from liveassets.ui.commands import push_edit
from liveassets.ui.posts.sheet_words import (CHOICES, DEFAULT_NAMES, KINDS, RED, esc, plural,
                                             shorten, summary_html, window_words)
from liveassets.ui.posts.panel import first_line
from liveassets.ui.thumb_rows import ThumbRows

# key, radio text, file suffixes (the first is the default), file-dialog filter
class _Signals(QObject):
    finished = Signal(object, str)  # ExportResult, the Markdown text ("" for other files)
    failed = Signal(str)


def write_work(catalog, posts, path: Path, kind: str, force: bool, options: dict):
    """The job for `JobRunner.run`: the core's export, handed copies of the posts (never live
    ones); the job's result is (ExportResult, the Markdown text or "")."""

    def work(_job):
        from liveassets.publish.sheets import export

        try:
            result = export(catalog, posts, path, preset="sprout" if kind == "sprout" else None,
                            force=force, **options)
            text = Path(result.path).read_text(encoding="utf-8") if kind == "md" else ""
        except UserError as exc:
            raise UserError(window_words(str(exc), {p.id: p for p in posts})) from exc
        except OSError as exc:
            raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
        return result, text

    return work


class ExportSheetDialog(QDialog):
    """`query` is what the grid shows (its search and quick filters); "" = every asset."""

    def __init__(self, catalog, parent: QWidget | None = None, query: str = "",
                 undo_stack=None, thumbs=None, jobs: JobRunner | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export caption sheet")
        self.catalog, self.query = catalog, query.strip()
        self.undo_stack = undo_stack if undo_stack is not None else getattr(parent, "undo_stack",
                                                                             None)
        self.store = PostStore(catalog)
        self.preview: Preview | None = None
        self.result = None
        self.busy = False
        self._job_preview: Preview | None = None
        self.jobs = jobs if jobs is not None else JobRunner(self)
        self.signals = _Signals(self)
        self.signals.finished.connect(self._finished)
        self.signals.failed.connect(self._failed)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.refresh)

        # What
        self.all_posts = QRadioButton("All posts")
        shown = f"“{self.query}”" if self.query else "(the grid shows every asset)"
        self.grid_posts = QRadioButton(f"Only posts of the assets the grid shows: {self.query}"
                                       if self.query else
                                       "Only posts of the assets the grid shows (no search now)")
        self.grid_posts.setToolTip(f"Posts with at least one asset matching {shown}")
        self.grid_posts.setEnabled(bool(self.query))
        self.all_posts.setChecked(True)
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.all_posts)
        self.scope.addButton(self.grid_posts)
        day = clock.today()
        today = QDate(day.year, day.month, day.day)
        monday = today.addDays(1 - today.dayOfWeek())
        self.use_from, self.from_date = QCheckBox("From"), self._date_edit(monday)
        self.use_to, self.to_date = QCheckBox("To"), self._date_edit(monday.addDays(6))
        self.use_from.setChecked(True)  # default: this week onward
        dates = QHBoxLayout()
        for w in (self.use_from, self.from_date, self.use_to, self.to_date):
            dates.addWidget(w)
        dates.addStretch(1)
        date_hint = QLabel("Default: this week onward. A date range leaves out posts without a "
                           "date; untick both for every post.")
        date_hint.setWordWrap(True)
        date_hint.setEnabled(False)  # greyed: a hint, not a control
        what = QGroupBox("What")
        what_box = QVBoxLayout(what)
        for w in (self.all_posts, self.grid_posts):
            what_box.addWidget(w)
        what_box.addLayout(dates)
        what_box.addWidget(date_hint)

        # For whom
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        whom = QGroupBox("For whom")
        whom_box = QVBoxLayout(whom)
        for i, (key, text, _suffixes, _filter) in enumerate(CHOICES):
            button = QRadioButton(text)
            button.setProperty("kind", key)
            self.kind_group.addButton(button, i)
            self.kind_buttons[key] = button
            whom_box.addWidget(button)
            if key == "sprout":
                self.date_order = QComboBox()
                self.date_order.addItem("Dates as dd/mm/yyyy (Australia, NZ)", "dmy")
                self.date_order.addItem("Dates as mm/dd/yyyy (US)", "mdy")
                self.date_order.setToolTip("Set Sprout's import to the same date order")
                order_row = QHBoxLayout()
                order_row.addSpacing(24)  # under the radio's text
                order_row.addWidget(self.date_order)
                order_row.addStretch(1)
                whom_box.addLayout(order_row)
        self.kind_buttons["xlsx"].setChecked(True)

        # Before exporting: the summary, what blocks it, the override
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QTextBrowser()
        self.problems.setMaximumHeight(130)
        self.problems.setOpenLinks(False)
        self.override = QCheckBox("Override the rights gate for these posts")
        self.override.setToolTip("Your name, the reason and the time are recorded on each post "
                                 "(Edit > Undo takes it back)")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Reason, e.g. creator approved by email on 20 Nov")
        self.reason.setToolTip("Recorded on each post with your name and the time")
        self.reason.setEnabled(False)
        self.override_row = QWidget()
        row = QHBoxLayout(self.override_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.override)
        row.addWidget(self.reason, 1)
        self.going_out = QListWidget()
        self.left_out = QListWidget()
        self.rows = ThumbRows(thumbs, self)
        posts_box = QGroupBox("Posts")
        lists = QHBoxLayout(posts_box)
        for title, widget in (("Going out", self.going_out),
                              ("Left out, and why", self.left_out)):
            self.rows.prepare(widget)
            widget.setMinimumHeight(120)
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>"))
            column.addWidget(widget)
            lists.addLayout(column, 1)
        check = self.check_group = QGroupBox("Before you export")
        check_box = QVBoxLayout(check)
        check_box.addWidget(self.summary)
        check_box.addWidget(self.problems)
        check_box.addWidget(self.override_row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the core reports no steps for a ~1 s write
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export…", QDialogButtonBox.AcceptRole)
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.Close)
        self.show_button = self.buttons.addButton("Show in folder", QDialogButtonBox.ActionRole)
        self.show_button.hide()
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        self.show_button.clicked.connect(self.show_in_folder)

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(whom)
        layout.addWidget(posts_box, 4)  # the spare height goes to the lists
        layout.addWidget(check)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for group in (self.scope, self.kind_group):  # once per switch, not once per button
            group.buttonToggled.connect(lambda _button, on: on and self.refresh())
        for box, edit in ((self.use_from, self.from_date), (self.use_to, self.to_date)):
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(lambda *_: self.refresh())
            edit.dateChanged.connect(lambda *_: self._timer.start())
        self.to_date.setEnabled(False)
        self.override.toggled.connect(self.reason.setEnabled)
        self.override.toggled.connect(lambda *_: self.refresh())
        self.reason.textChanged.connect(lambda *_: self._timer.start())
        self.resize(720, 760)
        self.refresh()

    @staticmethod
    def _date_edit(day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd d MMM yyyy")
        return edit

    # -- choices -----------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.kind_group.checkedButton().property("kind")

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        start = self.from_date.date().toPython() if self.use_from.isChecked() else None
        end = self.to_date.date().toPython() if self.use_to.isChecked() else None
        return start, end

    def selected_posts(self) -> list[Post]:
        query = self.query if self.grid_posts.isChecked() else ""
        return self.store.select(query, *self.date_range())

    # -- summary -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the summary from the core (cheap: ~0.2 s for 2,000 posts for Sprout)."""
        self._timer.stop()
        kind = self.kind
        self.date_order.setVisible(kind == "sprout")
        start, end = self.date_range()
        try:
            if start and end and end < start:
                raise UserError("The To date is before the From date.")
            posts = self.selected_posts()
        except UserError as exc:
            self.preview = None
            self.summary.setText(f"<span style='color:{RED}'>{esc(str(exc))}</span>")
            self.problems.hide()
            self.override_row.hide()
            self.export_button.setEnabled(False)
            self._show_posts([], [])
            return
        reason = self.reason.text() if self.override.isChecked() else ""
        p = prepare(self.catalog, posts, kind, override_reason=reason, by=user_name())
        by_id = {post.id: post for post in posts}
        p.problems = [window_words(m, by_id) for m in p.problems]
        self._show_posts(*self.going_and_left(posts, kind))
        self.preview = p
        self.summary.setText(summary_html(p))
        self.override_row.setVisible(kind == "sprout" and bool(p.blocked))
        if p.problems:
            head = ("Sprout would refuse this file, so nothing can be written yet:"
                    if kind == "sprout" else "Nothing to write:")
            if self.override.isChecked() and not reason.strip():
                head += " (give a reason to override the rights gate)"
            items = "".join(f"<li>{esc(m)}</li>" for m in p.problems)
            self.problems.setHtml(f"<p style='color:{RED}'><b>{esc(head)}</b></p>"
                                  f"<ul style='color:{RED}'>{items}</ul>")
            self.problems.show()
        else:
            self.problems.hide()
        self.export_button.setEnabled(p.ready and not self.busy)
        self._relayout()

    def going_and_left(self, posts: list[Post], kind: str
                       ) -> tuple[list[Post], list[tuple[Post, str]]]:
        """The posts the file will hold, and those of the chosen scope it leaves out with the
        reason: outside the date range, or (a calendar file) without a date. Each row reads
        caption start, then on a second line when it goes out or why it stays."""
        start, end = self.date_range()
        chosen = {p.id for p in posts}
        left: list[tuple[Post, str]] = []
        if start or end:
            scope = self.store.select(self.query if self.grid_posts.isChecked() else "")
            for post in scope:
                if post.id in chosen:
                    continue
                if post.scheduled is None:
                    why = "no date yet: outside any date range"
                elif start and post.local_date < start:
                    why = f"on {post.local_date:%a %d %b %Y}, before From"
                else:
                    why = f"on {post.local_date:%a %d %b %Y}, after To"
                left.append((post, why))
        going = posts
        if kind == "ics":
            going = [p for p in posts if p.scheduled is not None]
            left += [(p, "no date and time: nothing to put on a calendar")
                     for p in posts if p.scheduled is None]
        return going, left

    def _show_posts(self, going: list[Post], left: list[tuple[Post, str]]) -> None:
        self.rows.clear(self.going_out)
        for post in going:
            when = f"{post.scheduled:%a %d %b %H:%M}" if post.scheduled else "not scheduled"
            self.rows.add(self.going_out, f"{first_line(post, 48)}\n{when}",
                          self._first_asset(post), post.body)
        self.rows.clear(self.left_out)
        for post, why in left:
            self.rows.add(self.left_out, f"{first_line(post, 48)}\n{why}",
                          self._first_asset(post), f"Left out: {why}\n\n{post.body}")

    def _first_asset(self, post: Post) -> dict | None:
        """The post's first asset still in the library (its picture stands for the post)."""
        return next((self.catalog.get(a) for a in post.asset_ids if a in self.catalog), None)

    def _relayout(self) -> None:
        # Word-wrapped labels in a group box keep a stale height after rows show or hide
        # (measured: 98 px kept for a 42 px summary): have both layouts measure again.
        self.check_group.layout().invalidate()
        self.layout().invalidate()
        self.layout().activate()

    # -- writing -----------------------------------------------------------------------------
    def default_path(self) -> Path:
        folder = _last_folder or QStandardPaths.writableLocation(
            QStandardPaths.DocumentsLocation) or str(Path.home())
        kind = self.kind
        return Path(folder) / f"{DEFAULT_NAMES[kind]} {clock.today()}{KINDS[kind][2][0]}"

    def choose_path(self) -> str:
        """Ask where to save ("" = cancelled). The dialog asks about replacing, not Qt's."""
        path, _ = QFileDialog.getSaveFileName(self, "Save the caption sheet as",
                                              str(self.default_path()), KINDS[self.kind][3],
                                              options=QFileDialog.DontConfirmOverwrite)
        return path

    def confirm_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, "Replace the file?",
            f"{path.name} exists already in {path.parent}.\nReplace it with this export?",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def target(self, chosen: str) -> Path:
        """The chosen name with the suffix the choice needs (added when it has another)."""
        path = Path(chosen).expanduser()
        suffixes = KINDS[self.kind][2]
        return path if path.suffix.lower() in suffixes else path.with_name(path.name + suffixes[0])

    def export(self) -> bool:
        """Ask for a file, then write it on the worker; False when nothing was started."""
        self.refresh()  # the clock or another view may have moved on since the last look
        p = self.preview
        if self.busy or p is None or not p.ready:
            return False
        chosen = self.choose_path()
        if not chosen:
            return False
        path = self.target(chosen)
        force = False
        if path.exists():
            if path.is_dir() or not self.confirm_overwrite(path):
                self._say(f"Not written: {path.name} exists already. Pick another name.", RED)
                return False
            force = True
        global _last_folder
        _last_folder = str(path.parent)
        options = {"date_order": self.date_order.currentData()} if p.kind == "sprout" else {}
        posts = [replace(post) for post in p.posts]  # the worker's own copies
        if p.kind == "ics":
            posts = [post for post in posts if post.scheduled]
        self.busy, self._job_preview = True, p
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.show_button.hide()
        self.progress.show()
        self._say(f"Writing {path.name}…")
        sig = self.signals
        self.jobs.run("work", write_work(self.catalog, posts, path, p.kind, force, options),
                      what="the caption sheet", owner=self,
                      done=lambda pair: sig.finished.emit(*pair), failed=sig.failed.emit,
                      cancelled=lambda: sig.failed.emit("Not written: cancelled."))
        return True

    def _finished(self, result, text: str) -> None:
        p, self._job_preview = self._job_preview, None
        self.result = result
        by_id = {post.id: post for post in p.posts} if p is not None else {}
        lines = [esc(shorten(window_words(line, by_id))) for line in result.summary().splitlines()]
        lines[0] = f"<b>✓ {lines[0]}</b>"
        if p is not None and p.to_override:
            reason = self.reason.text().strip()
            self._record_overrides(p.to_override, reason)
            lines.append(esc(f"Recorded a rights override on {plural(len(p.to_override), 'post')} "
                                     f"by {user_name()}: {reason} (Edit > Undo takes it back)."))
        if text:
            QGuiApplication.clipboard().setText(text)
            lines.append("The Markdown is on the clipboard too: paste it into the chat.")
        self._end_busy()
        self.show_button.show()
        self.close_button.setFocus()
        self._say("<br>".join(lines), rich=True)
        self.refresh()
        QTimer.singleShot(0, self, self._relayout)  # once the shown/hidden rows have settled

    def _failed(self, message: str) -> None:
        self._job_preview = None
        self._end_busy()
        self._say(message if message.startswith("Not written") else f"Not written: {message}", RED)
        self.refresh()

    def _end_busy(self) -> None:
        self.busy = False
        self.progress.hide()
        self.close_button.setEnabled(True)

    def _record_overrides(self, ids: list[str], reason: str) -> None:
        """One undo step for all of them; without a window stack the core records it alone."""
        by = user_name()
        if self.undo_stack is None:
            for pid in ids:
                self.store.override_rights(pid, by, reason)
            return
        self.undo_stack.beginMacro(f"Override rights on {plural(len(ids), 'post')}")
        try:
            for pid in ids:
                push_edit(self.undo_stack, self.catalog, "Override rights",
                          lambda pid=pid: self.store.override_rights(pid, by, reason),
                          lambda _change: None)  # the views follow the stack's index
        finally:
            self.undo_stack.endMacro()

    def _say(self, text: str, color: str | None = None, rich: bool = False) -> None:
        body = text if rich else esc(text)
        self.status.setText(f"<span style='color:{color}'>{body}</span>" if color else body)
        self._relayout()

    def show_in_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.result.path).parent)))

    def done(self, result: int) -> None:
        self.jobs.wait(owner=self)  # a write in flight finishes (about a second at most)
        self._timer.stop()
        super().done(result)
