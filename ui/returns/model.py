"""The returns list model: as many rows as returns match, read a page at a time.

The model has a row for every matching return (a million, if so), but holds only the pages
around what was shown (ui/returns/row_cache.py): a row not in memory shows blank and asks
for its page, read in the background from the nearest row in memory (a keyset page), or
from the list's end when that is nearer (dragging the scroll bar to the bottom reads the
last page, not the thousands before it).

Every read runs in the background, never on the UI thread. A new filter's first page comes
with its count (or an estimate, made exact by a second read); each read carries the
generation of the filter it is for, so an answer to an older filter is dropped, and the
reads still running for an older filter are interrupted (desk.cancel). Each page's current
ratings come with it (desk.feedback.ratings.ratings_for), so the Status column flags a
low-rated return with a red mark and says the rating in its tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desk import list_window, listing
from desk.cancel import Cancel, Cancelled
from desk.codes import OPEN_STATUSES, Status
from desk.db import Database
from desk.feedback.ratings import ratings_for
from desk.i18n.catalog import _
from desk.list_order import Sort
from desk.list_window import ListPage
from desk.listing import ReturnFilter, ReturnRow
from ui.background import run_in_background
from ui.returns import list_reads
from ui.returns.list_look import low_mark
from ui.returns.row_cache import RowCache
from ui.returns.row_texts import (  # noqa: F401 (the columns, named beside their model too)
    COLUMNS,
    CUSTOMER,
    ITEMS,
    LOGGED,
    NUMBER,
    STATUS,
    TOTAL,
    RowTexts,
)

SORTS = (Sort.NUMBER, Sort.LOGGED, Sort.CUSTOMER, Sort.ITEMS, Sort.TOTAL, Sort.STATUS)
"""The order each column sorts the list in (every column sorts)."""

_Index = QModelIndex | QPersistentModelIndex

DISPLAY, ALIGN, FOREGROUND = int(Qt.DisplayRole), int(Qt.TextAlignmentRole), int(Qt.ForegroundRole)
DECORATION, TOOLTIP, USER = int(Qt.DecorationRole), int(Qt.ToolTipRole), int(Qt.UserRole)
RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
ANSWERED = frozenset({DISPLAY, ALIGN, FOREGROUND, DECORATION, TOOLTIP, USER})


def headers() -> tuple[str, ...]:
    """The column headers in the desk's language."""
    return tuple(_(text) for text in COLUMNS)


def status_shown(flt: ReturnFilter, status: Status) -> bool:
    """Whether a return in `status` belongs in a list filtered by `flt`'s status."""
    if flt.status == listing.OPEN:
        return status in OPEN_STATUSES
    return not flt.status or Status(flt.status) == status


def _at_once(start: Callable[[], None]) -> None:
    start()


MAX_READS = 2  # page reads running at once; older ones (scrolled past) are called off


class ReturnsModel(QAbstractTableModel):
    """Returns matching a filter, newest first by default, read in pages as they are shown.

    `set_filter` answers later: the model resets (`modelReset`) when the first page is
    there, or emits `load_failed(message)`; `rows_loaded(first, last)` says when rows that
    were blank have arrived, `count_changed` when the count became exact.
    """

    load_failed = Signal(str)
    rows_loaded = Signal(int, int)
    count_changed = Signal()

    def __init__(
        self, db: Database, parent=None, *, budget: int = 4000, page_size: int = listing.PAGE_SIZE
    ):
        super().__init__(parent)
        self._page_size = page_size
        self._db = db
        self._filter = self._requested = ReturnFilter(status=listing.OPEN)
        self._generation = self._shown_generation = 0
        self._cache = RowCache(budget=budget)
        self._budget = budget
        self._ratings: dict[int, int] = {}  # the current rating of each row in memory
        self._low = 0  # feedback.low_rating, read with each first page
        self._plan = listing.Plan.WALK
        self._reads: dict[int, Cancel] = {}  # page number -> its read, while running
        self._cancels: list[Cancel] = []  # the first page's and the count's, while running
        self.total = 0
        self.bound = list_window.Bound.EXACT  # what `total` is: exact, or counted meanwhile
        self.any_returns = False  # whether the database holds any return (the empty text)
        self.hidden: ListPage | None = None  # what the status filter hides of an empty search
        self._texts = RowTexts(headers(), held=2 * page_size)
        self.paint_first: Callable[[Callable[[], None]], None] = _at_once
        """Starts what can wait until the new rows have painted (the exact count): the
        table passes ui.widgets.after_paint on its viewport; a model alone starts it at once."""
        self._count_waiting = False  # the exact count, until `paint_first` starts it

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

    @property
    def exact(self) -> bool:
        """Whether `total` is the exact count (else an estimate or a lower bound, while
        the exact count is read in the background)."""
        return self.bound == list_window.Bound.EXACT

    @property
    def busy(self) -> bool:
        """True while any read for the list is running (first page, count, or rows)."""
        return self.loading or self._count_waiting or bool(self._reads) or bool(self._cancels)

    def set_filter(self, flt: ReturnFilter) -> None:
        """Show the returns matching `flt` from the first page, once read in the background;
        every read still running for an older filter is called off."""
        self._call_off()
        self._generation += 1
        generation, db, cancel = self._generation, self._db, Cancel()
        self._requested = flt
        self._cancels.append(cancel)
        run_in_background(
            lambda: list_reads.first_page(db, flt, self._page_size, cancel),
            owner=self,
            on_success=lambda found: self._show_page(generation, flt, *found),
            on_failure=lambda error: self._load_failed(generation, error),
            on_finished=lambda: self._done(cancel),
        )

    def _call_off(self) -> None:
        self._count_waiting = False
        for cancel in [*self._cancels, *self._reads.values()]:
            cancel.cancel()
        self._reads.clear()

    def _done(self, cancel: Cancel) -> None:
        if cancel in self._cancels:
            self._cancels.remove(cancel)

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
        self._texts.speak(headers())
        self.beginResetModel()
        self._filter, self._shown_generation, self._plan = flt, generation, page.plan
        self._cache = RowCache(budget=self._budget)
        self._cache.put(0, page.rows)
        self.total, self.bound, self.any_returns = page.total, page.bound, page.any_returns
        self._ratings, self._low = ratings, low
        self.endResetModel()
        if not page.exact:
            self._count_waiting = True  # a read beside the paint would slow it down
            self.paint_first(lambda: self._count_exactly(generation, flt))

    def _count_exactly(self, generation: int, flt: ReturnFilter) -> None:
        if generation != self._generation:
            return  # another filter was asked for meanwhile: its own count follows
        self._count_waiting = False
        db, cancel = self._db, Cancel()
        self._cancels.append(cancel)
        run_in_background(
            lambda: list_window.exact_count(db, flt, cancel=cancel),
            owner=self,
            on_success=lambda total: self._counted(generation, total),
            on_failure=lambda error: self._load_failed(generation, error),
            on_finished=lambda: self._done(cancel),
        )

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        if total > self.total:
            self.beginInsertRows(QModelIndex(), self.total, total - 1)
            self.total = total
            self.endInsertRows()
        elif total < self.total:
            self.beginRemoveRows(QModelIndex(), total, self.total - 1)
            self.total = total
            self.endRemoveRows()
        self.bound = list_window.Bound.EXACT
        self.count_changed.emit()

    def _load_failed(self, generation: int, error: Exception) -> None:
        if isinstance(error, Cancelled) or generation != self._generation:
            return  # called off: a newer filter is being read
        self._shown_generation = generation  # nothing more is coming
        self.load_failed.emit(_("Cannot show the returns: {error}").format(error=error))

    def reload(self) -> None:
        """Read the first page again with the filter asked for last."""
        self.set_filter(self._requested)

    # rows

    def row_of(self, return_id: int) -> int | None:
        """Return the row showing `return_id`, if its row is in memory (constant time)."""
        return self._cache.position(return_id)

    def is_loaded(self, row: int) -> bool:
        """Whether the data of `row` is in memory (else it shows blank until it arrives)."""
        return self._cache.get(row) is not None

    def return_at(self, row: int) -> ReturnRow | None:
        """The list row at position `row`, when it is in memory."""
        return self._cache.get(row)

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
        One primary-key read: as cheap as drawing the row.
        """
        row = self.row_of(return_id)
        if row is None:
            return False
        fresh = list_window.rows_by_id(self._db, [return_id]).get(return_id)
        if fresh is None or not status_shown(self._filter, fresh.status):
            self.beginRemoveRows(QModelIndex(), row, row)
            self._cache.remove(row)
            self._ratings.pop(return_id, None)
            self.total = max(0, self.total - 1)
            self.endRemoveRows()
            return False
        self._cache.replace(row, fresh)
        self._ratings.pop(return_id, None)
        self._ratings.update(ratings_for(self._db, [return_id]))
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def _want(self, row: int) -> None:
        """Ask for the page holding `row` (once), calling off reads scrolled past."""
        number = row // self._page_size
        if number in self._reads:
            return
        start = number * self._page_size
        size = min(self._page_size, self.total - start)
        anchor = self._cache.anchor(start, start + size, self.total if self.exact else None)
        while len(self._reads) >= MAX_READS:
            oldest = next(iter(self._reads))
            self._reads.pop(oldest).cancel()
        cancel = Cancel()
        self._reads[number] = cancel
        generation, db, flt, plan = self._generation, self._db, self._filter, self._plan
        run_in_background(
            lambda: list_reads.page(db, flt, anchor, start, size, plan, cancel),
            owner=self,
            on_success=lambda found: self._page_arrived(generation, number, start, *found),
            on_failure=lambda error: self._load_failed(generation, error),
            on_finished=lambda: self._read_over(number, cancel),
        )

    def _read_over(self, number: int, cancel: Cancel) -> None:
        if self._reads.get(number) is cancel:
            del self._reads[number]

    def _page_arrived(
        self, generation: int, number: int, start: int, rows: list, ratings: dict
    ) -> None:
        if generation != self._generation or not rows:
            return
        rows = rows[: max(0, self.total - start)]
        for gone in self._cache.put(start, rows):
            self._ratings.pop(gone, None)
        self._ratings.update(ratings)
        last = start + len(rows) - 1
        self.dataChanged.emit(self.index(start, 0), self.index(last, len(COLUMNS) - 1))
        self.rows_loaded.emit(start, last)

    # Qt model interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = DISPLAY):  # noqa: N802
        if orientation != Qt.Horizontal:
            return None
        if role == DISPLAY:
            return self._texts.headers[section]
        if role == ALIGN and section in (ITEMS, TOTAL):
            return RIGHT
        return None

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # one call into Python per cell a paint draws, where Qt's own asks rowCount and
        # columnCount (two calls, each waiting for Python's lock while a read runs it)
        if parent.isValid() or not (0 <= row < self.total and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def multiData(self, index: _Index, roles) -> None:  # noqa: N802 (Qt's name)
        # A paint asks each cell for 7 roles in one span (QStyledItemDelegate): answered
        # in one call instead of 7 calls of `data`, each taking Python's lock again. With a
        # read running Python beside the paint, each taking could wait up to 5 ms.
        position, column = index.row(), index.column()
        shown = 0 <= position < self.total  # else a row gone meanwhile: nothing to ask for
        row = self._cache.get(position) if shown else None
        for wanted in roles:
            role = wanted.role()
            asked = shown and role in ANSWERED
            value = self._answer(position, column, row, role) if asked else None
            if value is None:
                wanted.clearData()  # the delegate's span is reused: the last cell's is there
            else:
                wanted.setData(value)

    def data(self, index: _Index, role: int = DISPLAY):
        # roles compared as plain ints (a comparison with a Qt enum costs 8 µs in PySide6);
        # a paint asks each cell for some 7 roles, 4 of which no cell answers
        position = index.row()
        if role not in ANSWERED or not 0 <= position < self.total:
            return None
        return self._answer(position, index.column(), self._cache.get(position), role)

    def _answer(self, position: int, column: int, row: ReturnRow | None, role: int):
        if row is None:
            if role == DISPLAY:
                self._want(position)
                return "…" if column == NUMBER else ""
            return None
        if role == DISPLAY:
            return self._texts.cells(position, row)[column]
        if role == ALIGN:
            return RIGHT if column in (ITEMS, TOTAL) else None
        if column == STATUS and role == FOREGROUND:
            return self._texts.colors[row.status]
        if column == STATUS and role in (DECORATION, TOOLTIP):
            return self._rating_hint(row.id, role)
        if role == USER:
            return row.id
        return None

    def _rating_hint(self, return_id: int, role: int):
        rating = self._ratings.get(return_id)
        if rating is None:
            return None
        low = rating <= self._low
        if role == DECORATION:
            return low_mark() if low else None
        if low:
            return _("Rated {rating} of 5: a low rating").format(rating=rating)
        return _("Rated {rating} of 5").format(rating=rating)

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        """Sort by `column` (each one walks its own index, see desk/list_order.py)."""
        if not 0 <= column < len(SORTS):
            return
        wanted = self._requested
        descending = order == Qt.DescendingOrder
        if (SORTS[column], descending) != (wanted.sort, wanted.newest_first):
            self.set_filter(replace(wanted, sort=SORTS[column], newest_first=descending))
