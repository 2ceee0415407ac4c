"""The dashboard's Products section: the most returned products and the rate per category.

Two read-only tables of desk.reports.products' figures, side by side on a wide window and
one above the other on a narrow one; every row is shown (no scrolling inside a table).
The cells are written by desk.reports.text, as `returndesk report --text` writes them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.i18n.catalog import N_, _
from desk.reports.products import ProductFigures
from desk.reports.text import (
    CATEGORY_HEADERS,
    NO_SALES,
    PRODUCT_HEADERS,
    category_rows,
    product_rows,
)
from ui.dashboard.charts import MUTED_COLOR, TEXT_COLOR

TITLE = N_("Products")
CATEGORY_ROWS = 10  # the categories with the highest rates; the report lists them all
CAPPED_WIDTH = 170  # a long category name gives way to the product's name


def _heading(text: str, size: str = "11pt") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"font-weight: 600; font-size: {size}; color: {TEXT_COLOR};")
    return label


class FigureTable(QTableWidget):
    """A read-only table as tall as its rows: the page scrolls, never the table."""

    def __init__(
        self,
        headers: tuple[str, ...],
        *,
        stretch: int,
        numeric: int,
        capped: tuple[int, ...] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels([_(h) for h in headers])
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.NoSelection)
        self.setFocusPolicy(Qt.NoFocus)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.ElideRight)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        for column in range(len(headers)):
            mode = QHeaderView.Stretch if column == stretch else QHeaderView.ResizeToContents
            header.setSectionResizeMode(column, QHeaderView.Fixed if column in capped else mode)
        self.capped = capped  # as wide as their text, up to CAPPED_WIDTH (then elided)
        self.numeric = set(range(numeric, len(headers)))  # right-aligned, from this column

    def show_rows(self, rows: list[tuple[str, ...]]) -> None:
        """Fill the table with `rows` (strings) and fit its height to them."""
        self.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c in self.numeric:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.setItem(r, c, item)
        for column in self.capped:
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, min(self.columnWidth(column), CAPPED_WIDTH))
        self.resizeRowsToContents()
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(len(rows)))
        self.setFixedHeight(height)


class ProductsSection(QFrame):
    """The Products section under the dashboard's cards."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("productsSection")
        self.setStyleSheet(
            "#productsSection { background: white; border: 1px solid #d1d5db; border-radius: 6px; }"
        )
        self.figures: ProductFigures | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addWidget(_heading(_(TITLE), "13pt"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MUTED_COLOR}; font-size: 11pt;")
        self.top = FigureTable(PRODUCT_HEADERS, stretch=1, numeric=3, capped=(2,))
        self.categories = FigureTable(CATEGORY_HEADERS, stretch=0, numeric=1)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED_COLOR};")
        tables = QWidget()
        self.tables = QBoxLayout(QBoxLayout.LeftToRight, tables)
        self.tables.setContentsMargins(0, 0, 0, 0)
        self.tables.setSpacing(16)
        for title, table, share in (
            (_("Most returned products"), self.top, 3),
            (_("Return rate by category"), self.categories, 2),
        ):
            column = QVBoxLayout()
            column.addWidget(_heading(title))
            column.addWidget(table)
            column.addStretch(1)
            self.tables.addLayout(column, share)
        self.stack = QStackedWidget()
        self.stack.addWidget(tables)
        self.stack.addWidget(self.message)
        layout.addWidget(self.stack)
        layout.addWidget(self.note)
        self.show_message(_("Loading…"))

    def show_message(self, text: str) -> None:
        """A sentence instead of the tables ("Loading…")."""
        self.figures = None
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.note.hide()

    def show_figures(self, figures: ProductFigures) -> None:
        """Show `figures`; a sentence when no returned line is tied to a product."""
        self.figures = figures
        self.note.setText("" if figures.sales_known else _(NO_SALES))
        self.note.setVisible(not figures.sales_known)
        if not figures.by_quantity and not figures.categories:
            self.message.setText(_("No returned item is a catalogue product in this range"))
            self.stack.setCurrentWidget(self.message)
            return
        self.top.show_rows(product_rows(figures.by_quantity))
        self.categories.show_rows(category_rows(figures, CATEGORY_ROWS))
        self.stack.setCurrentIndex(0)

    def set_side_by_side(self, wide: bool) -> None:
        """The two tables side by side (wide window) or one above the other."""
        self.tables.setDirection(QBoxLayout.LeftToRight if wide else QBoxLayout.TopToBottom)
