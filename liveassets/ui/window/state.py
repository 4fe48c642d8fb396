"""What the window remembers between runs (QSettings, organization "LiveAssets"): geometry,
splitter sizes, which docks are open and where, thumbnail size, sort, auto-advance, the last
query and the last library."""

from __future__ import annotations


class WindowStateMixin:
    """Needs: settings, splitter, view, auto_advance, sort_combo, search, catalog, calendar."""

    def restore_settings(self) -> None:
        s = self.settings
        if s.value("geometry"):
            self.restoreGeometry(s.value("geometry"))
        else:
            self.resize(1280, 800)
        if s.value("splitter"):
            self.splitter.restoreState(s.value("splitter"))
        if s.value("docks") and self.restoreState(s.value("docks")):
            self.calendar.first_show_sizing = False  # the size it had last time stands
        self.view.set_thumb_size(int(s.value("thumb_size", 150)))
        self.auto_advance.setChecked(s.value("auto_advance", "false") in (True, "true"))
        sort = self.sort_combo.findData(s.value("sort", "taken"))
        self.sort_combo.blockSignals(True)
        self.sort_combo.setCurrentIndex(max(0, sort))
        self.sort_combo.blockSignals(False)
        self.search.set_text(str(s.value("query", "")), emit=False)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("geometry", self.saveGeometry())
        s.setValue("splitter", self.splitter.saveState())
        s.setValue("docks", self.saveState())
        s.setValue("thumb_size", self.view.delegate.thumb_size)
        s.setValue("auto_advance", self.auto_advance.isChecked())
        s.setValue("sort", self.sort_combo.currentData())
        s.setValue("query", self.search.text())
        s.setValue("library", str(self.catalog.folder))
        s.sync()
