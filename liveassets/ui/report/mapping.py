"""The window's column-mapping step: an export with headers LiveAssets does not know (a
localised or renamed column) stops the import; this dialog asks, once per platform, what each
unknown column holds (or to skip it). The answer goes to analytics/importing.import_files'
`mapping`, which remembers it for the platform, as `stats import --map` does on the command
line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QVBoxLayout)

from liveassets.analytics import report_words as words

SKIP = "-"          # importing.py's "skip this column"
PLATFORMS = ("tiktok", "instagram", "youtube")


class ColumnMappingDialog(QDialog):
    """`platform` (None: the person picks it), the unknown `columns` as written, and the
    `known` columns they may be mapped to. After exec(): `answer()`."""

    def __init__(self, file_message: str, platform: str | None, columns: list[str],
                 known: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Columns LiveAssets does not know")
        layout = QVBoxLayout(self)
        intro = QLabel("Say what each column holds; LiveAssets remembers it for the platform, "
                       "so the next export with these columns imports at once.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        detail = QLabel(file_message.split(":", 1)[0])   # the file's name, as the error says it
        detail.setTextFormat(Qt.PlainText)
        detail.setEnabled(False)
        layout.addWidget(detail)
        form = QFormLayout()
        self.platform_box = QComboBox()
        for p in PLATFORMS:
            self.platform_box.addItem(words.platform_name(p), p)
        if platform in PLATFORMS:
            self.platform_box.setCurrentIndex(PLATFORMS.index(platform))
            self.platform_box.setEnabled(False)
        form.addRow("Platform", self.platform_box)
        self.boxes: dict[str, QComboBox] = {}
        for column in columns:
            box = QComboBox()
            box.addItem("Skip this column", SKIP)
            for name in known:
                box.addItem(name, name)
            label = QLabel(column)
            label.setTextFormat(Qt.PlainText)
            form.addRow(label, box)
            self.boxes[column] = box
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Import with these columns")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def answer(self) -> tuple[str, dict[str, str]]:
        """(platform, {column as written: known column or "-"})."""
        return (self.platform_box.currentData(),
                {column: box.currentData() for column, box in self.boxes.items()})


def ask_mapping(parent, message: str, platform: str | None, columns: list[str],
                known: list[str]) -> tuple[str, dict[str, str]] | None:
    """Show the dialog (modal); the answer, or None when the person cancels."""
    dialog = ColumnMappingDialog(message, platform, columns, known, parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()
