"""The Creators dock (View > Creators): every creator:@handle in the library with their files,
rights statuses, what may go out today and what expires soon. Clicking a creator shows their
files in the grid (the window hands in `choose(query)`). Counted on the window's "reads" pool,
again whenever the change relay says assets changed while the dock is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QHeaderView, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from liveassets.intake.creators import SOON_DAYS, creators
from liveassets.ui.creators.model import QUERY_ROLE, CreatorsModel


class CreatorsDock(QDockWidget):
    def __init__(self, catalog, relay, jobs, choose, parent=None):
        """`choose(query)` puts a search in the grid; `jobs` is the window's JobRunner."""
        super().__init__("Creators", parent)
        self.setObjectName("creatorsDock")
        self.catalog, self.jobs, self.choose = catalog, jobs, choose
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel(body)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.PlainText)
        self.model = CreatorsModel(self)
        self.table = QTableView(body)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.setWidget(body)
        self._stale = True
        relay.changed.connect(self.follow)

    def follow(self, batch) -> None:
        if not (batch.touches("assets") or batch.everything):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Count again off the UI thread (a newer count replaces one still running)."""
        self._stale = False
        catalog = self.catalog
        self.jobs.run("reads", lambda job: creators(catalog), done=self.show_creators,
                      what="counting creators", key=("creators", id(self)), owner=self)

    def show_creators(self, people: list) -> None:
        self.model.set_creators(people)
        soon = sum(c.expiring for c in people)
        pending = sum(c.statuses.get("pending", 0) for c in people)
        self.summary.setText(
            f"{len(people)} creators · {pending} files pending · {soon} expiring within "
            f"{SOON_DAYS} days" if people else
            "No creators yet: File > Import submissions… takes in a folder of creator "
            "submissions with its response sheet, or tag assets creator:@handle.")

    def _clicked(self, index) -> None:
        query = index.data(QUERY_ROLE)
        if query:
            self.choose(query)

    def shutdown(self) -> None:
        self.jobs.cancel(key=("creators", id(self)))
