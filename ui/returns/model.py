"""The returns list model: rows come from the database a page at a time.

A new filter's first page and count are read in the background; the rows shown stay
until the answer arrives, and an answer to an older filter is dropped (a generation
counter), so a slow search never overwrites a newer one. The later pages (`fetchMore`,
one keyset page of `listing.PAGE_SIZE` rows) and the redraw of one return are read on
the UI thread: they cost about as much as drawing them. Each page's current ratings come
with it (desk.feedback.record.ratings_for, one query per page), so the Status column flags
a low-rated return with a red mark and says the rating in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap

from desk import listing
from desk.codes import Status
from desk.db import Database
from desk.feedback.record import low_rating, ratings_for
from desk.listing import ListPage, ReturnFilter, ReturnRow
from desk.money import format_money
from desk.workflow import OPEN_STATUSES
from ui.background import run_in_background

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

LOW_COLOR = "#dc2626"
_low_mark: list[QPixmap] = []


def low_mark() -> QPixmap:
    """The red dot a low-rated return shows in the Status column (drawn once)."""
    if not _low_mark:
        mark = QPixmap(12, 12)
        mark.fill(QColor(0, 0, 0, 0))
        painter = QPainter(mark)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QColor(LOW_COLOR).darker(130))
        painter.setBrush(QColor(LOW_COLOR))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _low_mark.append(mark)
    return _low_mark[0]


def status_shown(flt: ReturnFilter, status: Status) -> bool:
    """Whether a return in `status` belongs in a list filtered by `flt`'s status."""
    if flt.status == listing.OPEN:
        return status in OPEN_STATUSES
    return not flt.status or Status(flt.status) == status


HIDDEN_SHOWN = 3  # returns named when the status filter hides what the search finds


def _first_page(
    db: Database, flt: ReturnFilter
) -> tuple[ListPage, dict[int, int], int, ListPage | None]:
    """A filter's first page, its rows' current ratings, the low-rating threshold, and
    when a search finds nothing under a status filter, what it finds under every status."""
    page = listing.first_page(db, flt)
    hidden = None
    if not page.rows and flt.status and flt.text.strip():
        unfiltered = ReturnFilter(flt.text, None, newest_first=flt.newest_first)
        hidden = listing.first_page(db, unfiltered, limit=HIDDEN_SHOWN)
    return page, ratings_for(db, [row.id for row in page.rows]), low_rating(db), hidden


class ReturnsModel(QAbstractTableModel):
    """Returns matching a filter, newest first by default, fetched in pages on demand.

    `set_filter` answers later: the model resets (`modelReset`) when the rows are there,
    or emits `load_failed(message)`.
    """

    load_failed = Signal(str)

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self._filter = self._requested = ReturnFilter(status=listing.OPEN)
        self._generation = self._shown_generation = 0
        self._rows: list[ReturnRow] = []
        self._ratings: dict[int, int] = {}  # the current rating of each loaded row that has one
        self._low = 0  # feedback.low_rating, read with each first page
        self._exhausted = True
        self.total = 0
        self.any_returns = False  # whether the database holds any return (the empty text)
        self.hidden: ListPage | None = None  # what the status filter hides of an empty search

    @property
    def filter(self) -> ReturnFilter:
        """What the list currently shows."""
        return self._filter

    @property
    def requested(self) -> ReturnFilter:
        """The filter asked for last (shown once its rows have arrived)."""
        return self._requested

    @property
    def loading(self) -> bool:
        """True while the rows of the last filter asked for have not arrived yet."""
        return self._shown_generation != self._generation

    def set_filter(self, flt: ReturnFilter) -> None:
        """Show the returns matching `flt` from the first page, once read in the background."""
        self._generation += 1
        generation, db = self._generation, self._db
        self._requested = flt
        run_in_background(
            lambda: _first_page(db, flt),
            owner=self,
            on_success=lambda found: self._show_page(generation, flt, *found),
            on_failure=lambda error: self._load_failed(generation, error),
        )

    def _show_page(
        self,
        generation: int,
        flt: ReturnFilter,
        page: ListPage,
        ratings: dict[int, int],
        low: int,
        hidden: ListPage | None,
    ) -> None:
        if generation != self._generation:
            return  # the answer to an older filter, arriving late
        self.hidden = hidden
        self.beginResetModel()
        self._filter, self._shown_generation = flt, generation
        self._rows, self.total, self.any_returns = page.rows, page.total, page.any_returns
        self._ratings, self._low = ratings, low
        self._exhausted = len(self._rows) < listing.PAGE_SIZE
        self.endResetModel()

    def _load_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._shown_generation = generation  # nothing more is coming
            self.load_failed.emit(f"Cannot show the returns: {error}")

    def reload(self) -> None:
        """Fetch the first page again with the filter asked for last."""
        self.set_filter(self._requested)

    def row_of(self, return_id: int) -> int | None:
        """Return the row showing `return_id`, if it is loaded."""
        for i, row in enumerate(self._rows):
            if row.id == return_id:
                return i
        return None

    def return_at(self, row: int) -> ReturnRow:
        """The list row at position `row`."""
        return self._rows[row]

    def rating_of(self, return_id: int) -> int | None:
        """The current rating of a loaded return, if it has one."""
        return self._ratings.get(return_id)

    def is_low(self, return_id: int) -> bool:
        """Whether a loaded return's current rating is low (flagged in the list)."""
        rating = self._ratings.get(return_id)
        return rating is not None and rating <= self._low

    def refresh_return(self, return_id: int) -> bool:
        """Redraw one return after it changed; return whether the list still shows it.

        A return whose new status the filter does not show (closed, under "Open") leaves
        the list at once; one that still belongs keeps its place until the next reload.
        """
        row = self.row_of(return_id)
        if row is None:
            return False
        fresh = listing.rows_by_id(self._db, [return_id]).get(return_id)
        if fresh is None or not status_shown(self._filter, fresh.status):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._ratings.pop(return_id, None)
            self.total = max(0, self.total - 1)
            self.endRemoveRows()
            return False
        self._rows[row] = fresh
        self._ratings.pop(return_id, None)
        self._ratings.update(ratings_for(self._db, [return_id]))
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

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
        page = listing.next_page(self._db, self._filter, self._rows[-1])
        self._exhausted = len(page) < listing.PAGE_SIZE
        if page:
            self._ratings.update(ratings_for(self._db, [row.id for row in page]))
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
        if column == STATUS and role in (Qt.DecorationRole, Qt.ToolTipRole):
            return self._rating_hint(row.id, role)
        if role == Qt.UserRole:
            return row.id
        return None

    def _rating_hint(self, return_id: int, role: int):
        rating = self._ratings.get(return_id)
        if rating is None:
            return None
        low = rating <= self._low
        if role == Qt.DecorationRole:
            return low_mark() if low else None
        return f"Rated {rating} of 5" + (": a low rating" if low else "")

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
            return format_money(row.total_cents, row.currency)  # the return's, not the shop's
        return row.status.label

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sort by date (the number follows the date); other columns keep the date order."""
        if column not in SORTABLE:
            return
        newest_first = order == Qt.DescendingOrder
        wanted = self._requested
        if newest_first != wanted.newest_first:
            self.set_filter(ReturnFilter(wanted.text, wanted.status, newest_first=newest_first))
