"""Fill an item row from the catalogue: a product found by barcode or SKU, or a receipt's line.

`fill_from_product` and `fill_from_sale_line` write the row (description, price and where the
price comes from, condition and disposition); `SkuCompleter` lists the catalogue's products under
a SKU field as staff type (SKU and name, accents ignored), looked up in the background.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QRect, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter

from desk.catalog.lookup import ProductView, SaleLineView, SaleView
from desk.catalog.service import product_completions
from desk.codes import Condition, Disposition, PriceSource
from desk.db import Database
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number, locale_name
from ui.background import run_in_background
from ui.new_return.line_editor import LineRow
from ui.widgets.form_parts import select_code

Choice = tuple[Condition, Disposition]
COMPLETIONS = 10  # products listed under the SKU field at most
POPUP_WIDTH = 380
_SKU_ROLE = Qt.UserRole + 1
_PRODUCT_ROLE = Qt.UserRole + 2


def price_text(cents: int) -> str:
    """Cents as staff type them in the price field: 1250 → "12.50" ("12,50" in Portuguese)."""
    from babel.numbers import get_decimal_symbol

    sign = "-" if cents < 0 else ""
    point = get_decimal_symbol(locale_name())
    return f"{sign}{abs(cents) // 100}{point}{abs(cents) % 100:02d}"


def catalogue_note() -> str:
    """The note of a row whose price is the catalogue's (not the price paid)."""
    return "<span style='color:#555555'>" + _("catalogue price") + "</span>"


def limit_note(left: int) -> str:
    """What a row asking for more than is left says beside it."""
    if left <= 0:
        text = _("⚠ nothing left to return on this receipt")
    else:
        text = ngettext(
            "⚠ only {n} left to return on this receipt",
            "⚠ only {n} left to return on this receipt",
            left,
        ).format(n=format_number(left))
    return f"<span style='color:#b91c1c'>{text}</span>"


def apply_choice(row: LineRow, choice: Choice | None, default: Disposition | None) -> None:
    """Condition and disposition: the last ones used for the category, else the product's."""
    if choice is not None:
        select_code(row.condition, choice[0])
        select_code(row.disposition, choice[1])
    elif default is not None:
        select_code(row.disposition, default)


def unlink(row: LineRow) -> None:
    """The row is no longer the product or receipt line it was filled from (typed over)."""
    row.product_id = row.sale_line_id = row.product = None
    row.price_source = PriceSource.TYPED
    row.set_note("price", None)
    row.set_note("limit", None)


def sale_line_for(sale: SaleView | None, product: ProductView) -> SaleLineView | None:
    """The receipt's line of `product` (one with something left first), or None."""
    if sale is None:
        return None
    lines = [line for line in sale.lines if line.product_id == product.id]
    return next((line for line in lines if line.left), lines[0] if lines else None)


def fill_from_sale_line(
    row: LineRow,
    line: SaleLineView,
    quantity: int,
    *,
    product: ProductView | None = None,
    choice: Choice | None = None,
) -> None:
    """Write a receipt's line (of `product`, when the catalogue has it) into `row`: the
    price paid, tied to that sale line."""
    row.sku.setText(line.sku)
    row.description.setText(line.description)
    row.quantity.setText(str(quantity))
    row.price.setText(price_text(line.paid_cents))
    apply_choice(row, choice, product.default_disposition if product is not None else None)
    row.product_id, row.sale_line_id, row.product = line.product_id, line.id, product
    row.price_source = PriceSource.PAID
    row.set_note("price", None)


def fill_from_product(
    row: LineRow, product: ProductView, *, sale: SaleView | None, choice: Choice | None
) -> None:
    """Write `product` into `row`: the price paid when the receipt holds it, else the
    catalogue price, marked as such."""
    line = sale_line_for(sale, product)
    if line is not None:
        quantity = row.quantity.text().strip() or "1"
        fill_from_sale_line(row, line, 1, product=product, choice=choice)
        row.quantity.setText(quantity)
        row.sku.setText(product.sku)
        return
    row.sku.setText(product.sku)
    row.description.setText(product.description)
    row.price.setText(price_text(product.price_cents))
    apply_choice(row, choice, product.default_disposition)
    row.product_id, row.sale_line_id, row.product = product.id, None, product
    row.price_source = PriceSource.CATALOGUE
    row.set_note("price", catalogue_note())


def completion_text(product: ProductView) -> str:
    """One entry of the SKU completion list: "BLT-7402-S · Leather belt S"."""
    return f"{product.sku} · {product.description}"


class SkuCompleter(QObject):
    """Lists the catalogue's products matching a row's SKU field while staff type in it."""

    def __init__(self, db: Database, row: LineRow, on_pick: Callable[[LineRow, ProductView], None]):
        super().__init__(row.sku)  # goes with the row
        self._db, self._row, self._on_pick = db, row, on_pick
        self._generation = 0
        self.answered = ""  # the text the listed products answer
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(_SKU_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setMaxVisibleItems(COMPLETIONS)
        self.completer.setWidget(row.sku)
        self.completer.activated[QModelIndex].connect(self._picked)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self._start)
        row.sku.textEdited.connect(self._edited)

    @property
    def pending(self) -> bool:
        """True while the list does not yet answer what is in the SKU field."""
        return self._timer.isActive() or self.answered != self._row.sku.text().strip()

    def _edited(self, text: str) -> None:
        self._timer.start()

    def _start(self) -> None:
        text = self._row.sku.text().strip()
        self._generation += 1
        generation, db = self._generation, self._db
        if not text:
            self._show((generation, text, []))
            return

        def work():
            return generation, text, product_completions(db, text, COMPLETIONS)

        run_in_background(work, owner=self, on_success=self._show, on_failure=self._failed)

    def _show(self, answer: tuple[int, str, list[ProductView]]) -> None:
        generation, text, products = answer
        if generation != self._generation:
            return  # an older list came late
        self.answered = text
        self.model.clear()
        for product in products:
            item = QStandardItem(completion_text(product))
            item.setData(product.sku, _SKU_ROLE)
            item.setData(product, _PRODUCT_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        if products and self._row.sku.hasFocus():
            sku = self._row.sku  # the list is wider than the field: names are long
            self.completer.complete(QRect(0, 0, max(sku.width(), POPUP_WIDTH), sku.height()))
        else:
            self.completer.popup().hide()

    def _failed(self, error: Exception) -> None:
        self.answered = self._row.sku.text().strip()
        self.model.clear()

    def _picked(self, index: QModelIndex) -> None:
        product = index.data(_PRODUCT_ROLE)
        if isinstance(product, ProductView):
            self._row.sku.setText(product.sku)  # not textEdited: no new list
            self.answered = product.sku
            self._on_pick(self._row, product)
