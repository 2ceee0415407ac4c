"""Products: the shop's catalogue, searched, filtered by category, added to, edited, deleted.

Typing searches SKU, name, variant and barcode, accents or not ("cafe" finds "Café");
the category box narrows the list. Enter or a double click edits the product; Delete asks
first (No is the default) and refuses a product that sales or returns name, saying to
mark it not returnable instead. Every read and write runs off the UI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.catalog.browse import delete_product, product_categories
from desk.catalog.lookup import ProductView
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import N_, _, ngettext
from desk.i18n.formats import format_number
from ui import prompts
from ui.background import run_in_background
from ui.catalog.product_form import ProductForm
from ui.catalog.product_model import BARCODES, NAME, ProductTableModel

SEARCH_DELAY_MS = 150
ALL_CATEGORIES = N_("All categories")
NO_CATEGORY = N_("No category")


class ProductsWindow(QWidget):
    """The Products window; `changed()` after a product was saved or deleted."""

    changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *, currency: str = "EUR"):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(_("Products"))
        self.resize(1000, 640)
        self.db, self.currency = db, currency
        self.categories: list[str] = []
        self.form: ProductForm | None = None  # the product form while it is open
        self._select_after_load: int | None = None
        self.search_edit = QLineEdit(placeholderText=_("Search by SKU, name, variant or barcode"))
        self.search_edit.setClearButtonEnabled(True)
        self.category_combo = QComboBox()
        self.category_combo.setMinimumContentsLength(14)
        self.category_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.category_combo.addItem(_(ALL_CATEGORIES), None)
        self.count_label = QLabel(objectName="productCount")
        self.message_label = QLabel(objectName="productMessage")
        self.model = ProductTableModel(db, currency, self)
        self.table = self._make_table()
        self.new_button = QPushButton(_("&New product…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.delete_button = QPushButton(_("&Delete…"))
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._layout()
        self._connect()
        self._selection_changed()
        self.reload_categories()
        self.search()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setSelectionMode(QAbstractItemView.SingleSelection)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.Stretch)
        header.setSectionResizeMode(BARCODES, QHeaderView.Stretch)  # shares the room with Name
        return table

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(QLabel(_("Category")))
        top.addWidget(self.category_combo)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addWidget(self.message_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _: self._timer.start())
        self.search_edit.returnPressed.connect(self._focus_list)
        self._timer.timeout.connect(self.search)
        self.category_combo.currentIndexChanged.connect(lambda _: self.search())
        self.table.activated.connect(lambda _: self.edit_selected())  # Enter
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)
        self.model.loaded.connect(self._loaded)
        self.model.load_failed.connect(self.count_label.setText)
        self.new_button.clicked.connect(self.new_product)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)

    # the list

    def chosen_category(self) -> str | None:
        """The category the list is limited to: None for all, "" for products without one."""
        return self.category_combo.currentData()

    def search(self, select: int | None = None) -> None:
        """Show the products matching the search box and category (read in the background);
        then select product `select` when it is among them."""
        self._timer.stop()
        self._select_after_load = select
        self.count_label.setText(_("Searching…"))
        self.model.set_query(self.search_edit.text(), self.chosen_category())

    def refresh(self) -> None:
        """Read the categories and the list again (products may have been imported since),
        keeping the selected product selected."""
        chosen = self.selected()
        self.reload_categories()
        self.search(select=chosen.id if chosen else None)

    def _loaded(self) -> None:
        self.count_label.setText(self._count_words())
        wanted, self._select_after_load = self._select_after_load, None
        row = self.model.row_of(wanted) if wanted is not None else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _count_words(self) -> str:
        total, text = self.model.total, self.model.text.strip()
        if not total and text:
            return _("No product matches “{text}”").format(text=text)
        if not total and self.model.category is None:
            return _("No products yet: add one with New product…")
        if not total:
            return _("No products in this category")
        return ngettext("{n} product", "{n} products", total).format(n=format_number(total))

    def reload_categories(self) -> None:
        """Read the categories the products use, for the filter and the form."""
        db = self.db
        run_in_background(
            lambda: product_categories(db), owner=self, on_success=self._show_categories
        )

    def _show_categories(self, categories: list[str]) -> None:
        self.categories = [c for c in categories if c]
        current = self.chosen_category()
        combo = self.category_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_(ALL_CATEGORIES), None)
        for category in self.categories:
            combo.addItem(category, category)
        if "" in categories:
            combo.addItem(_(NO_CATEGORY), "")
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if found < 0:  # the category shown is gone (its last product deleted)
            self.search()

    def _focus_list(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    # the buttons

    def selected(self) -> ProductView | None:
        """The product selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1 or rows[0].row() >= self.model.rowCount():
            return None
        return self.model.product_at(rows[0].row())

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def new_product(self) -> None:
        """Open the form for a new product."""
        self._open_form(None)

    def edit_selected(self, _index: QModelIndex | None = None) -> None:
        """Open the form on the selected product."""
        product = self.selected()
        if product is not None:
            self._open_form(product)

    def _open_form(self, product: ProductView | None) -> None:
        if self.form is not None:
            self.form.raise_()
            return
        form = ProductForm(
            self.db, product, categories=self.categories, currency=self.currency, parent=self
        )
        form.setAttribute(Qt.WA_DeleteOnClose)
        form.saved.connect(self._saved)
        form.finished.connect(self._form_closed)
        self.form = form
        form.open()

    def _form_closed(self, _result: int) -> None:
        self.form = None

    def _saved(self, product: ProductView) -> None:
        self.message_label.setText(_("Saved {sku}.").format(sku=product.sku))
        self.reload_categories()
        self.search(select=product.id)
        self.changed.emit()

    def delete_selected(self) -> None:
        """Ask, then delete the selected product (refused when sales or returns name it)."""
        product = self.selected()
        if product is None:
            return
        name = f"{product.sku} {product.description}".strip()
        question = _(
            "Delete “{name}” from the catalogue? Its barcodes go with it. This cannot be undone."
        ).format(name=name)
        if not prompts.ask_yes_no(self, _("Delete product"), question):
            return
        self.delete_button.setEnabled(False)
        db = self.db
        run_in_background(
            lambda: delete_product(db, product.id),
            owner=self,
            on_success=lambda _: self._deleted(product),
            on_failure=lambda error: self._not_deleted(product, error),
            on_finished=self._selection_changed,
        )

    def _not_deleted(self, product: ProductView, error: Exception) -> None:
        message = str(error) if isinstance(error, DeskError) else f"{product.sku}: {error}"
        prompts.show_error(self, _("Delete product"), message)

    def _deleted(self, product: ProductView) -> None:
        self.message_label.setText(_("Deleted {sku}.").format(sku=product.sku))
        self.reload_categories()
        self.search()
        self.changed.emit()
