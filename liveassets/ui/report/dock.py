"""The Report dock (View > Report): a week picker (default the last complete week; ◀ ▶ step a
week), a platform filter, Import analytics…, Export PDF… and Export XLSX…, Rank paid posts
too (top and bottom among every post, paid ones badged), over a ReportView.

The week's figures are computed on the JobRunner's "reads" pool (weekly_report, the platform
filter, the top and bottom posts' thumbnails as QImages: a worker never makes a QPixmap),
exports and imports run on the "work" pool (the library's one writer) and end in one line in
the window's status line. The dock refreshes only from the ChangeRelay: an import, a link, a
post or an undo of any of them reaches it there (at once while it shows, else when next shown).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDockWidget, QFileDialog, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from liveassets.analytics import report_words as words
from liveassets.ui.docking import size_when_first_shown
from liveassets.ui.report.mapping import ask_mapping
from liveassets.ui.report.view import ReportView, THUMB
from liveassets.ui.theme.palette import is_dark

IMPORT_FILTER = "Analytics exports (*.csv *.zip);;All files (*)"
EXPORTS = {"pdf": ("Export the report as PDF", "PDF document (*.pdf)"),
           "xlsx": ("Export the report's figures as XLSX", "Excel workbook (*.xlsx)")}


def compute(catalog, week: str, platform: str | None, ranked_on: str = "organic") -> dict:
    """The worker's side of a refresh (plain data in, plain data and QImages out):
    {"figures", "platforms" (all in the week), "images" {platform|id: QImage}, "missing"}.
    `ranked_on`: "organic" (paid posts listed apart) or "all" (analytics/paid.py)."""
    from liveassets.analytics.report_filter import only_platform, platforms_in
    from liveassets.analytics.report_posts import no_figures_lines, thumbnail
    from liveassets.analytics.weekly import weekly_report

    everything = weekly_report(catalog, week, ranked_on=ranked_on)
    figures = only_platform(everything, platform, catalog)
    images = {}
    for post in ((figures.get("top") or [])[:5] + (figures.get("bottom") or [])[:5]
                 + (figures.get("paid_posts") or [])[:5]):
        im = thumbnail(catalog, post)
        if im is not None:
            im.thumbnail((THUMB * 2, THUMB * 2))      # sharp on a 2x screen
            data = im.convert("RGB").tobytes()
            qimage = QImage(data, im.width, im.height, im.width * 3, QImage.Format_RGB888)
            images[f"{post.get('platform')}|{post.get('platform_post_id')}"] = qimage.copy()
    return {"figures": figures, "platforms": platforms_in(everything), "images": images,
            "missing": no_figures_lines(figures, catalog)}


def import_files(catalog, paths: list[str], platform: str | None = None,
                 mapping: dict[str, str] | None = None):
    """Read analytics exports and keep them as snapshots (analytics/importing.py, one undoable
    change). Returns one line for the status line (how many files, what was saved, how many
    posts joined), or, for a file with columns LiveAssets does not know, the UnknownColumns
    error itself so the window can ask what they hold. Raises UserError (an unreadable file)
    as one line."""
    from liveassets.analytics.importing import import_files as read_and_store
    from liveassets.analytics.readers import UnknownColumns

    try:
        outcome = read_and_store(catalog, list(paths), platform=platform, mapping=mapping)
    except UnknownColumns as exc:
        return exc
    lines = outcome.lines()
    read = sum(1 for line in lines if line.startswith("Read "))
    rest = [line for line in lines if not line.startswith("Read ")]
    return " ".join([f"Read {read} table{'s' if read != 1 else ''} from {len(paths)} "
                     f"file{'s' if len(paths) != 1 else ''}."] + rest)


def last_complete_week(today: dt.date | None = None) -> str:
    from liveassets.analytics.weekly import week_bounds

    return week_bounds(None, today)[0]


def step_week(week: str, weeks: int) -> str:
    from liveassets.analytics.weekly import week_bounds

    _, monday = week_bounds(week)
    return week_bounds(None, monday + dt.timedelta(days=7 * weeks + 7))[0]


class ReportDock(QDockWidget):
    """See the module docstring. `message(text, error)` goes to the window's status line;
    `postActivated(post_id)` asks the window to open a library post in the composer."""

    message = Signal(str, bool)
    postActivated = Signal(str)
    refreshed = Signal()

    def __init__(self, catalog, jobs, relay, parent=None, today=None):
        super().__init__("Report", parent)
        self.setObjectName("reportDock")
        self.catalog, self.jobs = catalog, jobs
        self.today = today                    # a callable giving the team's today (tests)
        self.week = last_complete_week(today() if today else None)
        self.default_week = self.week
        self.platform: str | None = None
        self.ranked_on = "organic"
        self.data: dict | None = None
        self._stale = True
        self.first_show_sizing = True  # half the window when first shown
        self.ask_mapping = ask_mapping    # (parent, message, platform, columns, known)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.prev_button = QPushButton("◀")
        self.prev_button.setToolTip("The week before")
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip("The week after")
        for b in (self.prev_button, self.next_button):
            b.setFixedWidth(32)
        self.week_label = QLabel()
        self.week_label.setTextFormat(Qt.PlainText)
        self.platform_box = QComboBox()
        self.platform_box.setToolTip("Show one platform (the exports then hold only it)")
        self.import_button = QPushButton("Import analytics…")
        self.import_button.setToolTip("Read TikTok Studio, Instagram or YouTube Studio export "
                                      "files (CSV or zip) into the library")
        self.pdf_button = QPushButton("Export PDF…")
        self.xlsx_button = QPushButton("Export XLSX…")
        self.rank_all = QCheckBox("Rank paid posts too")
        self.rank_all.setObjectName("reportRankAll")
        self.rank_all.setToolTip("Top and bottom posts among every post, paid ones badged "
                                 "(and so in the exports); unticked, paid posts (Spark Ads, "
                                 "boosts) are listed apart")
        self.platform_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        # two rows: one row of all seven widened the window past a 1280 px laptop screen
        for w in (self.prev_button, self.week_label, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.platform_box)
        actions = QHBoxLayout()
        for w in (self.import_button, self.pdf_button, self.xlsx_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.rank_all)
        layout.addLayout(bar)
        layout.addLayout(actions)
        self.view = ReportView()
        layout.addWidget(self.view, 1)
        self.setWidget(body)
        self.prev_button.clicked.connect(lambda: self.set_week(step_week(self.week, -1)))
        self.next_button.clicked.connect(lambda: self.set_week(step_week(self.week, 1)))
        self.platform_box.activated.connect(self._platform_chosen)
        self.rank_all.toggled.connect(self.set_ranking)
        self.import_button.clicked.connect(self.choose_imports)
        self.pdf_button.clicked.connect(lambda: self.choose_export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.choose_export("xlsx"))
        self.view.postActivated.connect(self._activated)
        relay.changed.connect(self.follow)
        self._set_platforms([])
        self._show_week()

    # -- the week and the filter -------------------------------------------------------------
    def _show_week(self) -> None:
        from liveassets.analytics.weekly import week_bounds

        _, monday = week_bounds(self.week)
        sunday = monday + dt.timedelta(days=6)
        self.week_label.setText(f"{self.week}  {monday:%d %b} – {sunday:%d %b %Y}")
        latest = last_complete_week(self.today() if self.today else None)
        self.next_button.setEnabled(self.week < latest)  # ISO labels sort as weeks do

    def new_day(self) -> None:
        """The team's day moved on: when a Monday completes a week, a report still on the
        default (the last complete week) moves to the new one; a week picked by hand stays."""
        latest = last_complete_week(self.today() if self.today else None)
        if self.week == self.default_week or self.week > latest:
            self.default_week = latest
            if self.week != latest:
                self.set_week(latest)
                return
        self._show_week()

    def set_week(self, week: str) -> None:
        """Show `week` ("2026-W48"); a refresh follows."""
        self.week = week
        self._show_week()
        self.refresh()

    def set_platform(self, platform: str | None) -> None:
        self.platform = platform or None
        index = self.platform_box.findData(self.platform or "")
        if index >= 0:
            self.platform_box.setCurrentIndex(index)
        self.refresh()

    def set_ranking(self, every_post: bool) -> None:
        """Rank top and bottom posts among every post (True) or organic ones; a refresh
        follows."""
        self.ranked_on = "all" if every_post else "organic"
        if self.rank_all.isChecked() != every_post:
            self.rank_all.setChecked(every_post)
            return                                   # toggled: called again, refreshes then
        self.refresh()

    def _platform_chosen(self, index: int) -> None:
        self.set_platform(self.platform_box.itemData(index) or None)

    def _set_platforms(self, platforms: list[str]) -> None:
        if self.platform and self.platform not in platforms:
            platforms = sorted(set(platforms) | {self.platform})
        self.platform_box.blockSignals(True)
        self.platform_box.clear()
        self.platform_box.addItem("All platforms", "")
        for p in platforms:
            self.platform_box.addItem(words.platform_name(p), p)
        self.platform_box.setCurrentIndex(max(0, self.platform_box.findData(self.platform or
                                                                            "")))
        self.platform_box.blockSignals(False)

    # -- computing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the week's figures on the reads pool (a newer request replaces an older
        one); while hidden, only remember to do it when shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        catalog, week, platform, ranked = self.catalog, self.week, self.platform, self.ranked_on
        self.jobs.run("reads", lambda job: compute(catalog, week, platform, ranked),
                      done=self._computed, failed=lambda m: self.message.emit(m, True),
                      what="the weekly report", key=("report", id(self)), owner=self)

    def _computed(self, data: dict) -> None:
        self.data = data
        self._set_platforms(data["platforms"])
        figures = data["figures"]
        has_any = bool(data["platforms"])
        if not has_any and not figures.get("no_figures"):
            self.view.show_empty()
        else:
            self.view.show_figures(figures, data["images"], data["missing"], is_dark())
        shown = words.has_figures(figures)
        self.pdf_button.setEnabled(shown)
        self.xlsx_button.setEnabled(shown)
        self.refreshed.emit()

    def follow(self, batch) -> None:
        """Imports, links and posts change the report; an asset edit only when the asset is
        one of the week's posts' (its tags feed the roll-ups, its rights the pictures): a scan
        of new photos with the Report open recomputes nothing."""
        if batch.everything or any(t.startswith(("analytics", "posts")) for t in batch.tables):
            self.refresh()
        elif batch.touches("assets") and batch.touches_assets(self._asset_ids()):
            self.refresh()

    def _asset_ids(self) -> set[str]:
        figures = (self.data or {}).get("figures") or {}
        return {aid for p in figures.get("posts") or [] for aid in p.get("asset_ids") or []}

    def showEvent(self, event) -> None:
        super().showEvent(event)
        size_when_first_shown(self, 0.5, 560, Qt.Horizontal)
        if self._stale:
            self.refresh()

    def _activated(self, post_id: str) -> None:
        if post_id:
            self.postActivated.emit(post_id)
        else:
            self.message.emit("This exported post is not linked to a library post: link it "
                              "with `liveassets stats link POST_ID PLATFORM_POST_ID`.", True)

    # -- importing and exporting -----------------------------------------------------------
    def choose_imports(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import analytics exports", "",
                                                IMPORT_FILTER)
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str], platform: str | None = None,
                     mapping: dict[str, str] | None = None) -> None:
        """Import `paths` on the work pool; one line in the status line when done. Columns
        LiveAssets does not know open the mapping step (`ask_mapping`), then the import runs
        again with the answer (remembered for the platform)."""
        catalog = self.catalog
        self.import_button.setEnabled(False)

        def finished(result, error: bool = False) -> None:
            self.import_button.setEnabled(True)
            if isinstance(result, Exception):     # UnknownColumns: ask, then try again
                answer = self.ask_mapping(self, str(result), result.platform, result.columns,
                                          result.known)
                if answer is None:
                    self.message.emit("Import cancelled: " + str(result).split(":", 1)[0]
                                      + " was not read.", False)
                    return
                chosen, pairs = answer
                self.import_paths(paths, chosen, {**(mapping or {}), **pairs})
                return
            self.message.emit(result, error)

        self.jobs.run("work", lambda job: import_files(catalog, list(paths), platform, mapping),
                      done=finished, failed=lambda m: finished(m, True),
                      cancelled=lambda: self.import_button.setEnabled(True),
                      what="the analytics import", owner=self)

    def choose_export(self, kind: str) -> None:
        if not self.data:
            return
        title, pattern = EXPORTS[kind]
        suffix = "-" + self.platform if self.platform else ""
        start = str(Path.home() / f"report-{self.week}{suffix}.{kind}")
        path, _ = QFileDialog.getSaveFileName(self, title, start, pattern)
        if path:
            if not path.lower().endswith("." + kind):
                path += "." + kind
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the shown figures to `path` (format by suffix) on the work pool; the dialog
        already asked before replacing a file."""
        if not self.data:
            return
        from liveassets.analytics.outputs import write_report

        figures, catalog = self.data["figures"], self.catalog
        buttons = (self.pdf_button, self.xlsx_button)
        for b in buttons:
            b.setEnabled(False)

        def finished(text: str, error: bool = False) -> None:
            for b in buttons:
                b.setEnabled(True)
            self.message.emit(text, error)

        self.jobs.run("work", lambda job: write_report(figures, path, catalog, force=True),
                      done=lambda out: finished(f"Report saved: {out}"),
                      failed=lambda m: finished(m, True),
                      cancelled=lambda: finished("Report export cancelled."),
                      what="the report export", owner=self)

    def shutdown(self) -> None:
        self.jobs.cancel(owner=self)
