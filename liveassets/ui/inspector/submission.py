"""SubmissionBox: the row a creator's submission came with (intake), shown read-only in the
inspector for one selected asset: who sent it, what they granted, and why it is pending."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel

from liveassets.safe_paths import readable

# field -> label, in the order a person checks a submission (intake/fields.py's fields).
ROWS = (("handle", "Creator"), ("name", "Sent by"), ("email", "Email"), ("received", "Received"),
        ("licence", "Licence"), ("channels", "Channels"), ("territory", "Territory"),
        ("spark_code", "Spark code"), ("consent", "Consent"), ("minor", "Minor"),
        ("guardian_consent", "Guardian"), ("notes", "Notes"))


class SubmissionBox(QGroupBox):
    """Hidden unless exactly one asset with a `submission` field is shown."""

    def __init__(self, parent=None):
        super().__init__("Submission", parent)
        self.setObjectName("submissionBox")
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.form.setContentsMargins(8, 6, 8, 8)
        self.hide()

    def show_assets(self, docs: list[dict]) -> None:
        sub = docs[0].get("submission") if len(docs) == 1 else None
        while self.form.rowCount():
            self.form.removeRow(0)
        if not sub:
            self.hide()
            return
        values = dict(sub.get("values") or {})
        if sub.get("handle"):
            values["handle"] = "@" + sub["handle"]
        where = f"{sub.get('manifest')} row {sub.get('row')}" if sub.get("row") else "no row"
        self._row("Campaign", sub.get("campaign") or "")
        self._row("From", where)
        for key, label in ROWS:
            if values.get(key):
                self._row(label, values[key])
        for header, value in (sub.get("extra") or {}).items():
            self._row(header, value)
        if sub.get("reasons"):
            self._row("Pending", "; ".join(sub["reasons"]))
        self.show()

    def _row(self, label: str, value: str) -> None:
        text = QLabel(readable(str(value)), self)
        text.setTextFormat(Qt.PlainText)  # answers typed into a form are not HTML
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.form.addRow(readable(str(label)), text)

    def text(self) -> str:
        """What the box shows, one "label: value" per line (for tests and copying)."""
        lines = []
        for row in range(self.form.rowCount()):
            label = self.form.itemAt(row, QFormLayout.LabelRole)
            field = self.form.itemAt(row, QFormLayout.FieldRole)
            if label and field:
                lines.append(f"{label.widget().text()}: {field.widget().text()}")
        return "\n".join(lines)
