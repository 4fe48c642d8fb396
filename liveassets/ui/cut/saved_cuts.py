"""The Cut dock's saved cuts: the Cuts menu (new, open, duplicate), plan files in and out, and
saving into the library. Mixed into CutEditor, whose `plan`, `set_plan`, `catalog`, `status`,
`cuts_menu` and `token` it uses."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from liveassets.cuts.plan import CutPlan


class SavedCuts:
    def saved_cuts(self) -> list[dict]:
        return sorted(self.catalog.records("cuts").all(), key=lambda d: str(d.get("name")))

    def _fill_cuts_menu(self) -> None:
        menu = self.cuts_menu
        menu.clear()
        menu.addAction("New cut", self.new_cut)
        opened = menu.addMenu("Open saved cut")
        cuts = self.saved_cuts()
        for doc in cuts:
            opened.addAction(str(doc.get("name")), lambda d=doc["id"]: self.open_cut(d))
        opened.setEnabled(bool(cuts))
        duplicate = menu.addAction("Duplicate this cut", self.duplicate)
        duplicate.setEnabled(bool(self.plan.id))
        menu.addSeparator()
        menu.addAction("Open plan file…", self.import_plan)
        menu.addAction("Save plan file…", self.export_plan)

    def new_cut(self) -> None:
        self.set_plan(CutPlan())
        self.status.setText("A new, empty cut.")

    def open_cut(self, cut_id: str) -> None:
        from liveassets.cuts.store import load_cut

        self.set_plan(load_cut(self.catalog, cut_id))
        rendered = [h for h in self.plan.history if h.get("event") in ("rendered", "exported")]
        last = f" Last rendered {rendered[-1].get('at', '')[:16].replace('T', ' ')}." \
            if rendered else ""
        self.status.setText(f"Opened \"{self.plan.name}\".{last}")

    def duplicate(self) -> None:
        from liveassets.cuts.store import duplicate_cut, save_cut

        if self.token is not None:
            return
        save_cut(self.catalog, self.plan)  # the copy is of what is on screen
        change = duplicate_cut(self.catalog, self.plan.id)
        self.open_cut(change.ids[0])
        self.status.setText(f"Duplicated as \"{self.plan.name}\"; the original is unchanged.")

    def import_plan(self) -> None:
        from liveassets.cuts.plan import load_plan

        path, _ = QFileDialog.getOpenFileName(self, "Open a cut plan", "", "Cut plan (*.json)")
        if not path:
            return
        try:
            self.set_plan(load_plan(path))
        except ValueError as exc:
            QMessageBox.warning(self, "Cannot open the plan", str(exc))

    def export_plan(self) -> None:
        from liveassets.cuts.plan import save_plan

        path, _ = QFileDialog.getSaveFileName(self, "Save the cut plan",
                                              f"{self.plan.name}.json", "Cut plan (*.json)")
        if path:
            try:
                save_plan(self.plan, path)
            except (ValueError, OSError) as exc:
                QMessageBox.warning(self, "Cannot save the plan", str(exc))
                return
            self.status.setText(f"Plan saved to {path} (render it with `liveassets cut`).")

    def save(self) -> None:
        from liveassets.cuts.store import save_cut

        try:
            save_cut(self.catalog, self.plan)
        except (ValueError, OSError) as exc:
            QMessageBox.warning(self, "Cannot save the cut", str(exc))
            return
        self.status.setText(f"Saved \"{self.plan.name}\" in the library.")
