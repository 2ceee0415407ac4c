"""The products table: rows come from the catalogue a page at a time, read in the background.

`set_query` asks for the first page and the count of a search; the rows shown stay until
the answer arrives, and an answer to an older search is dropped (a generation counter).
Scrolling to the end asks for the next page (`fetchMore`), also in the background: at
most one page is on its way at a time, and a page of an older search is dropped too.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desk.catalog.browse import PAGE, count_products, find_products
from desk.catalog.lookup import ProductView
from desk.db import Database
from desk.i18n.catalog import N_, _
from desk.money import format_money
from ui.background import run_in_background

COLUMNS = (
    N_("SKU"),
    N_("Name"),
    N_("Variant"),
    N_("Category"),
    N_("Price"),
    N_("Returnable"),
    N_("Barcodes"),
)
"""The table's headers (translated where shown)."""
SKU, NAME, VARIANT, CATEGORY, PRICE, RETURNABLE, BARCODES = range(len(COLUMNS))
NOT_RETURNABLE_COLOR = "#b91c1c"

_Index = QModelIndex | QPersistentModelIndex


def _first_page(db: Database, text: str, category: str | None) -> tuple[list[ProductView], int]:
    return (
        find_products(db, text, category=category, limit=PAGE),
        count_products(db, text, category),
    )


class ProductTableModel(QAbstractTableModel):
    """Products matching a search and a category, by SKU, fetched in pages on demand.

    `loaded` is emitted once the first page of a search is shown (after `modelReset`);
    `load_failed(message)` when the catalogue could not be read.
    """

    loaded = Signal()
    load_failed = Signal(str)

    def __init__(self, db: Database, currency: str = "EUR", parent=None):
        super().__init__(parent)
        self._db, self.currency = db, currency
        self._text, self._category = "", None
        self._rows: list[ProductView] = []
        self._generation = self._shown_generation = 0
        self._fetching = False
        self._exhausted = True
        self.total = 0

    @property
    def text(self) -> str:
        """The search text of the rows shown."""
        return self._text

    @property
    def category(self) -> str | None:
        """The category the rows shown are limited to (None: every category)."""
        return self._category

    @property
    def loading(self) -> bool:
        """True while the rows of the last search asked for have not arrived yet."""
        return self._shown_generation != self._generation

    def set_query(self, text: str, category: str | None = None) -> None:
        """Show the products matching `text` in `category`, once read in the background."""
        self._generation += 1
        generation, db = self._generation, self._db
        run_in_background(
            lambda: _first_page(db, text, category),
            owner=self,
            on_success=lambda found: self._show(generation, text, category, *found),
            on_failure=lambda error: self._failed(generation, error),
        )

    def reload(self) -> None:
        """Read the current search again from its first page."""
        self.set_query(self._text, self._category)

    def _show(
        self, generation: int, text: str, category: str | None, rows: list, total: int
    ) -> None:
        if generation != self._generation:
            return  # the answer to an older search, arriving late
        self.beginResetModel()
        self._text, self._category, self._shown_generation = text, category, generation
        self._rows, self.total = list(rows), total
        self._exhausted = len(self._rows) >= total or len(self._rows) < PAGE
        self._fetching = False
        self.endResetModel()
        self.loaded.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._shown_generation = generation  # nothing more is coming
            self._fetching = False
            self.load_failed.emit(_("Could not read the products: {error}").format(error=error))

    def product_at(self, row: int) -> ProductView:
        """The product shown on line `row`."""
        return self._rows[row]

    def row_of(self, product_id: int) -> int | None:
        """The line showing product `product_id`, if it is loaded."""
        for i, product in enumerate(self._rows):
            if product.id == product_id:
                return i
        return None

    # Qt model interface

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted and not self._fetching

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        if not self.canFetchMore(parent) or self.loading:
            return
        self._fetching = True
        generation, db = self._generation, self._db
        text, category, offset = self._text, self._category, len(self._rows)
        run_in_background(
            lambda: find_products(db, text, category=category, offset=offset, limit=PAGE),
            owner=self,
            on_success=lambda page: self._append(generation, offset, page),
            on_failure=lambda error: self._failed(generation, error),
        )

    def _append(self, generation: int, offset: int, page: list[ProductView]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return  # a page of an older search (the new one's first page resets the flags)
        if page:
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        # only now: a view (or a tester) asks for more while the rows are being inserted
        self._fetching, self._exhausted = False, len(page) < PAGE

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.DisplayRole:
            return _(COLUMNS[section])
        if role == Qt.TextAlignmentRole and section == PRICE:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        product, column = self._rows[index.row()], index.column()
        if role == Qt.DisplayRole:
            return self._display(product, column)
        if role == Qt.ToolTipRole and column == BARCODES and product.barcodes:
            return "\n".join(product.barcodes)
        if role == Qt.TextAlignmentRole and column == PRICE:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and column == RETURNABLE and not product.returnable:
            return QColor(NOT_RETURNABLE_COLOR)
        if role == Qt.UserRole:
            return product.id
        return None

    def _display(self, product: ProductView, column: int) -> str:
        if column == SKU:
            return product.sku
        if column == NAME:
            return product.name
        if column == VARIANT:
            return product.variant
        if column == CATEGORY:
            return product.category
        if column == PRICE:
            return format_money(product.price_cents, self.currency)
        if column == RETURNABLE:
            return _("Yes") if product.returnable else _("No")
        return ", ".join(product.barcodes)
