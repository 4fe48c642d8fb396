"""Looking closely from the grid: quick look (Space) and compare (C) over the window, the photos
they show following the grid's current cell, and their culling keys reaching the edits."""

from __future__ import annotations

from liveassets.ui.compare.view import MAX_PHOTOS, MIN_PHOTOS, CompareView
from liveassets.ui.library import selection
from liveassets.ui.library.grid_model import ID_ROLE
from liveassets.ui.library.quick_look import QuickLook
from liveassets.ui.zoom import FullPictures


class Looking:
    """Owns the window's quick look and compare overlays (`quick_look`, `compare`), which share
    one cache of full-resolution pictures for 100 % zoom."""

    def __init__(self, window):
        self.window = window
        self.full_pictures = FullPictures(window, jobs=window.jobs)
        self.quick_look = QuickLook(window.thumbs, window, jobs=window.jobs,
                                    full=self.full_pictures)
        self.compare = CompareView(window.thumbs, window.catalog, window, jobs=window.jobs,
                                   full=self.full_pictures)

    def connect(self) -> None:
        w = self.window
        self.quick_look.closed.connect(w.view.setFocus)
        self.compare.closed.connect(w.view.setFocus)
        w.edits.shown_ids = lambda: ([self.quick_look.doc["id"]] if self.quick_look.isVisible()
                                     and self.quick_look.doc else None)
        self.compare.rate.connect(lambda aid, stars: w.edits.rate(stars, [aid]))
        self.compare.flag.connect(lambda aid, pick: w.edits.flag(pick, [aid]))
        self.quick_look.step.connect(self._step)
        w.view.selectionModel().currentChanged.connect(self._follow)

    def open_quick_look(self) -> None:
        idx = self.window.view.currentIndex()
        doc = self.window.model.doc(idx.row()) if idx.isValid() else None
        if doc is not None:
            self.quick_look.open(doc)

    def open_compare(self) -> None:
        """The selected photos (2-4 rows; a folded stack is its shown photo) side by side; one
        folded stack alone: its first four frames, the suggested pick first."""
        w = self.window
        ids = selection.selected_rows(w.view)
        if len(ids) == 1 and len(w.model.members_of(ids[0])) > 1:
            ids = w.model.members_of(ids[0])[:MAX_PHOTOS]
        docs = [d for d in (w.catalog.get(a) if a in w.catalog else None for a in ids)
                if d is not None and d.get("kind") == "image"]
        if not MIN_PHOTOS <= len(docs) <= MAX_PHOTOS:
            w.notify(f"Select {MIN_PHOTOS} to {MAX_PHOTOS} photos to compare them (C); "
                     f"{len(docs)} selected.")
            return
        current = w.view.currentIndex().data(ID_ROLE)
        docs.sort(key=lambda d: d["id"] != current)  # the focused cell starts focused
        self.compare.open(docs)

    def fit(self) -> None:
        """The window was resized: the open overlay covers it again."""
        for overlay in (self.quick_look, self.compare):
            if overlay.isVisible():
                overlay.setGeometry(self.window.rect())

    def _follow(self, current, _previous) -> None:
        if self.quick_look.isVisible() and current.isValid():
            doc = self.window.model.doc(current.row())
            if doc is not None:
                self.quick_look.open(doc)

    def _step(self, step: int) -> None:
        view = self.window.view
        view.move_to_row(view.currentIndex().row() + step)
        self.open_quick_look()
