"""CreatorsModel: a table over a plain list of intake.creators.Creator (one row per handle)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from liveassets.safe_paths import readable

# Short headers: the dock shares the right side with the Posts and Cut docks (a 1280x800
# laptop leaves it ~390 px); each header's tooltip says it in full.
COLUMNS = ("Creator", "Files", "Public", "Pending", "Soon", "Expires")
TIPS = ("The creator's handle (tag creator:@handle)", "Files tagged with the creator",
        "Files the rights gate lets out publicly today",
        "Files whose rights are pending (why: in the inspector's Submission box)",
        "Public files whose rights expire within two weeks",
        "The earliest expiry among the public files")
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
        if orientation == Qt.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ToolTipRole:
                return TIPS[section]
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.creators):
            return None
        c = self.creators[index.row()]
        col = index.column()
        if role == QUERY_ROLE:
            return c.query
        if role == Qt.DisplayRole:
            values = (readable("@" + c.handle), c.files, c.public_now,
                      c.statuses.get("pending", 0), c.expiring, c.next_expiry or "—")
            return values[col]
        if role == Qt.ToolTipRole:
            names = ", ".join(c.names) or "no submission row"
            campaigns = ", ".join(c.campaigns) or "—"
            rights = ", ".join(f"{n} {s}" for s, n in sorted(c.statuses.items()))
            return readable(f"@{c.handle}: {names}; rights: {rights}; campaigns: {campaigns}. "
                            "Click to show their files.")
        if role == Qt.ForegroundRole and ((col == 4 and c.expiring)
                                          or (col == 3 and c.statuses.get("pending"))):
            return WARN
        if role == Qt.TextAlignmentRole and col:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
