"""CreatorsModel: a table over a plain list of intake.creators.Creator (one row per handle)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from liveassets.safe_paths import readable

COLUMNS = ("Creator", "Files", "Cleared", "Pending", "Public today", "Expiring soon",
           "Next expiry")
QUERY_ROLE = Qt.UserRole + 1  # the grid search that shows the creator's files
WARN = QColor("#d29922")  # the amber the grid's rights badges use for "needs a look"


class CreatorsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.creators: list = []

    def set_creators(self, creators: list) -> None:
        self.beginResetModel()
        self.creators = list(creators)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.creators)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.creators):
            return None
        c = self.creators[index.row()]
        col = index.column()
        if role == QUERY_ROLE:
            return c.query
        if role == Qt.DisplayRole:
            values = (readable("@" + c.handle), c.files, c.statuses.get("cleared", 0),
                      c.statuses.get("pending", 0), c.public_now, c.expiring,
                      c.next_expiry or "—")
            return values[col]
        if role == Qt.ToolTipRole:
            names = ", ".join(c.names) or "no submission row"
            campaigns = ", ".join(c.campaigns) or "—"
            return readable(f"@{c.handle}: {names}; campaigns: {campaigns}. Click to show their "
                            "files.")
        if role == Qt.ForegroundRole and ((col == 5 and c.expiring)
                                          or (col == 3 and c.statuses.get("pending"))):
            return WARN
        if role == Qt.TextAlignmentRole and col:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
