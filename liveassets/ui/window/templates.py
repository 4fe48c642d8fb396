"""Metadata templates (Photo Mechanic style): a named set of rights fields and tags, saved in
the app's settings and applied to the selection in one keystroke (Ctrl+1..9), as one undo step.

Kept in QSettings for now: a template belongs to the user more than to one library. If the
team wants them shared per library, the catalog would be the place (a core change).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog

TEMPLATE_FIELDS = ("status", "expires", "owner", "credit", "terms", "model_release")


@dataclass
class Template:
    name: str
    rights: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)

    def describe(self) -> str:
        parts = [f"{k}: {v}" for k, v in self.rights.items() if v]
        if self.tags:
            parts.append("tags: " + ", ".join(self.tags))
        return "; ".join(parts) or "nothing"


def template_from(name: str, docs: list[dict]) -> Template:
    """The rights of the first asset and the tags every selected asset shares."""
    rights = docs[0].get("rights") or {}
    common = None
    for doc in docs:
        keys = {t.casefold(): t for t in doc.get("tags") or ()}
        common = keys if common is None else {k: v for k, v in common.items() if k in keys}
    return Template(name, {k: rights.get(k) for k in TEMPLATE_FIELDS},
                    sorted((common or {}).values(), key=str.casefold))


class TemplatesMixin:
    """Needs: settings, menuBar, undo_stack, edit, catalog, selected_ids, notify."""

    def load_templates(self) -> list[Template]:
        try:
            raw = json.loads(self.settings.value("templates", "[]") or "[]")
            return [Template(**t) for t in raw]
        except (TypeError, ValueError):
            return []

    def save_templates(self, templates: list[Template]) -> None:
        self.settings.setValue("templates", json.dumps([asdict(t) for t in templates]))
        self.rebuild_templates_menu()

    def build_templates_menu(self) -> None:
        self.templates_menu = self.menuBar().addMenu("&Templates")
        self._template_actions: list[QAction] = []
        self.rebuild_templates_menu()

    def rebuild_templates_menu(self) -> None:
        menu = self.templates_menu
        for action in self._template_actions:
            self.removeAction(action)
        menu.clear()
        menu.addAction("New from selection…", self.new_template_from_selection)
        templates = self.load_templates()
        if templates:
            menu.addSeparator()
        self._template_actions = []
        for n, template in enumerate(templates):
            action = QAction(f"Apply “{template.name}”", self)
            action.setToolTip(template.describe())
            if n < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            action.triggered.connect(lambda _=False, t=template: self.apply_template(t))
            self.addAction(action)
            menu.addAction(action)
            self._template_actions.append(action)
        if templates:
            menu.addSeparator()
            remove = menu.addMenu("Delete template")
            for template in templates:
                remove.addAction(template.name,
                                 lambda t=template: self.delete_template(t.name))

    def ask_template_name(self) -> str | None:
        name, ok = QInputDialog.getText(self, "New template",
                                        "Name (rights, credit and shared tags of the selection):")
        return name.strip() if ok and name.strip() else None

    def new_template_from_selection(self) -> Template | None:
        ids = self.selected_ids()
        if not ids:
            self.notify("Select an asset whose rights and tags the template should copy.")
            return None
        name = self.ask_template_name()
        if not name:
            return None
        template = template_from(name, [self.catalog.get(a) for a in ids])
        templates = [t for t in self.load_templates() if t.name != name] + [template]
        self.save_templates(templates)
        self.notify(f"Saved template “{name}”: {template.describe()}")
        return template

    def delete_template(self, name: str) -> None:
        self.save_templates([t for t in self.load_templates() if t.name != name])

    def apply_template(self, template: Template) -> None:
        ids = self.selected_ids()
        if not ids:
            self.notify("Select the assets to apply the template to.")
            return
        self.undo_stack.beginMacro(f"Apply template {template.name}")
        try:
            if template.tags:
                self.edit("Tag", lambda i: self.catalog.tag(i, add=template.tags), ids)
            rights = {k: v for k, v in template.rights.items() if k in TEMPLATE_FIELDS}
            if rights:
                self.edit("Set rights", lambda i: self.catalog.set_rights(i, **rights), ids)
        finally:
            self.undo_stack.endMacro()
        self.notify(f"Applied “{template.name}” to {len(ids):,} assets.")
