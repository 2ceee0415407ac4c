"""An item row filled from a product or a receipt line, and the SKU completion list."""

from datetime import UTC, datetime

import pytest

from desk.catalog.lookup import ProductView, SaleLineView, SaleView
from desk.codes import Condition, Disposition, PriceSource
from tests.ui.new_return.catalog_data import add_products
from ui.new_return.line_editor import LineRow
from ui.new_return.product_fill import (
    SkuCompleter,
    fill_from_product,
    fill_from_sale_line,
    limit_note,
    price_text,
    sale_line_for,
    unlink,
)

KETTLE = ProductView(5, "KTL-9", "Chaleira", "1.7 l", 4500, "Eletrónica", True, Disposition.RECYCLE)
LINE = SaleLineView(40, 1, 5, "KTL-9", "Chaleira 1.7 l", 2, 3900, 2, "Eletrónica")
AGAIN = SaleLineView(41, 2, 5, "KTL-9", "Chaleira 1.7 l", 1, 4100, 0, "Eletrónica")
SALE = SaleView(9, "R-9", datetime(2026, 11, 1, tzinfo=UTC), None, "EUR", (LINE, AGAIN))


@pytest.fixture
def row(qtbot):
    made = LineRow()
    for widget in made.cells():
        qtbot.addWidget(widget)
    return made


def test_price_text_is_what_staff_would_type():
    assert (price_text(1250), price_text(5), price_text(-300)) == ("12.50", "0.05", "-3.00")


def test_a_product_without_a_receipt_gets_the_catalogue_price_marked(row):
    fill_from_product(row, KETTLE, sale=None, choice=None)
    assert (row.sku.text(), row.description.text(), row.price.text()) == (
        "KTL-9",
        "Chaleira 1.7 l",
        "45.00",
    )
    assert (row.product_id, row.sale_line_id, row.price_source) == (5, None, PriceSource.CATALOGUE)
    assert row.disposition.currentData() == Disposition.RECYCLE
    assert "catalogue price" in row.note.text()
    unlink(row)
    assert (row.product_id, row.price_source, row.note.text()) == (None, PriceSource.TYPED, "")


def test_a_product_on_the_receipt_gets_the_line_with_something_left(row):
    assert sale_line_for(SALE, KETTLE) is AGAIN  # the first line came back already
    fill_from_product(row, KETTLE, sale=SALE, choice=(Condition.OPENED, Disposition.RESTOCK))
    assert (row.price.text(), row.sale_line_id, row.price_source) == ("41.00", 41, PriceSource.PAID)
    assert (row.condition.currentData(), row.disposition.currentData()) == ("opened", "restock")


def test_a_receipt_line_fills_the_row_with_its_quantity(row):
    gift = ProductView(5, "KTL-9", "Chaleira", "", 4500, "", True, Disposition.DONATE)
    fill_from_sale_line(row, AGAIN, 1, product=gift)
    assert (row.sku.text(), row.quantity.text(), row.price.text()) == ("KTL-9", "1", "41.00")
    assert row.disposition.currentData() == Disposition.DONATE
    row.set_note("limit", limit_note(0))
    assert "nothing left to return on this receipt" in row.note.text()


def test_the_completer_lists_matches_and_ignores_late_answers(qtbot, db, row):
    add_products(db)
    picked = []
    completer = SkuCompleter(db, row, lambda r, p: picked.append(p.sku))
    row.sku.show()
    row.sku.setFocus()
    qtbot.keyClicks(row.sku, "can")
    qtbot.waitUntil(lambda: not completer.pending, timeout=5000)
    assert [completer.model.item(i).text() for i in range(completer.model.rowCount())] == [
        "MUG-01 · Caneca"
    ]
    completer._show((0, "old", []))  # an answer to an older question: dropped
    assert completer.model.rowCount() == 1
    completer._picked(completer.model.index(0, 0))
    assert picked == ["MUG-01"] and row.sku.text() == "MUG-01"
