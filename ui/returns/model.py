"""The returns list model: rows come from the database a page at a time."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desk import listing
from desk.db import Database
from desk.listing import ReturnFilter, ReturnRow
from desk.money import format_money
from desk.workflow import Status

COLUMNS = ("Number", "Logged", "Customer", "Items", "Total", "Status")
NUMBER, LOGGED, CUSTOMER, ITEMS, TOTAL, STATUS = range(len(COLUMNS))
SORTABLE = (NUMBER, LOGGED)

STATUS_COLORS: dict[Status, str] = {
    Status.REQUESTED: "#6b7280",
    Status.RECEIVED: "#2563eb",
    Status.INSPECTING: "#d97706",
    Status.APPROVED: "#0891b2",
    Status.REJECTED: "#dc2626",
    Status.REFUNDED: "#16a34a",
    Status.EXCHANGED: "#16a34a",
    Status.CREDITED: "#16a34a",
    Status.CLOSED: "#374151",
    Status.CANCELLED: "#9ca3af",
}

_Index = QModelIndex | QPersistentModelIndex


class ReturnsModel(QAbstractTableModel):
    """Returns matching a filter, newest first by default, fetched in pages on demand."""

    def __init__(self, db: Database, currency: str = "EUR", parent=None):
        super().__init__(parent)
        self._db = db
        self._currency = currency
        self._filter = ReturnFilter(status=listing.OPEN)
        self._rows: list[ReturnRow] = []
        self._exhausted = True
        self.total = 0

    @property
    def filter(self) -> ReturnFilter:
        """What the list currently shows."""
        return self._filter

    def set_filter(self, flt: ReturnFilter) -> None:
        """Show the returns matching `flt`, starting again from the first page."""
        self.beginResetModel()
        self._filter = flt
        with self._db.connect() as conn:
            self._rows = listing.fetch_page(conn, flt)
            self.total = listing.count(conn, flt)
        self._exhausted = len(self._rows) < listing.PAGE_SIZE
        self.endResetModel()

    def reload(self) -> None:
        """Fetch the first page again with the same filter."""
        self.set_filter(self._filter)

    def row_of(self, return_id: int) -> int | None:
        """Return the row showing `return_id`, if it is loaded."""
        for i, row in enumerate(self._rows):
            if row.id == return_id:
                return i
        return None

    def return_at(self, row: int) -> ReturnRow:
        """The list row at position `row`."""
        return self._rows[row]

    def refresh_return(self, return_id: int) -> None:
        """Redraw one return after it changed (it keeps its place until the next reload)."""
        row = self.row_of(return_id)
        if row is None:
            return
        with self._db.connect() as conn:
            fresh = listing.fetch_rows(conn, [return_id]).get(return_id)
        if fresh is not None:
            self._rows[row] = fresh
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # Qt model interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted or not self._rows:
            return
        with self._db.connect() as conn:
            page = listing.fetch_page(conn, self._filter, after=self._rows[-1])
        self._exhausted = len(page) < listing.PAGE_SIZE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return COLUMNS[section]
        if (
            orientation == Qt.Horizontal
            and role == Qt.TextAlignmentRole
            and section
            in (
                ITEMS,
                TOTAL,
            )
        ):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.DisplayRole:
            return self._display(row, column)
        if role == Qt.TextAlignmentRole and column in (ITEMS, TOTAL):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and column == STATUS:
            return QColor(STATUS_COLORS[row.status])
        if role == Qt.UserRole:
            return row.id
        return None

    def _display(self, row: ReturnRow, column: int) -> str:
        if column == NUMBER:
            return row.number
        if column == LOGGED:
            return row.created_at.astimezone().strftime("%Y-%m-%d")
        if column == CUSTOMER:
            return row.customer_name
        if column == ITEMS:
            return str(row.items)
        if column == TOTAL:
            return format_money(row.total_cents, self._currency)
        return row.status.label

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sort by date (the number follows the date); other columns keep the date order."""
        if column not in SORTABLE:
            return
        newest_first = order == Qt.DescendingOrder
        if newest_first != self._filter.newest_first:
            self.set_filter(
                ReturnFilter(self._filter.text, self._filter.status, newest_first=newest_first)
            )
