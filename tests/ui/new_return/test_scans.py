"""A barcode scanner in the new-return dialog: wherever the focus is, a receipt goes to the
receipt field and its look-up, a product to a line, and the focused field keeps what it had."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from desk.codes import PriceSource
from tests.ui.new_return.catalog_data import BELT_EAN, MUG_EAN, stock_the_shop
from tests.ui.new_return.test_intake import open_dialog, row_values, settle
from tests.ui.scanner_input import scan, type_slowly
from ui import prompts


@pytest.fixture(autouse=True)
def _discard_without_asking(monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *a: True)  # closing at the test's end


def _focus_places(dlg):
    return {
        "receipt": dlg.ref_edit,
        "customer search": dlg.customer.search_box,
        "description": dlg.lines.rows[0].description,
        "reason": dlg.reason_combo,
        "reason details": dlg.reason_text,
    }


@pytest.mark.parametrize(
    "place", ["receipt", "customer search", "description", "reason", "reason details"]
)
def test_a_scanned_receipt_is_looked_up_wherever_the_focus_is(qtbot, db, scanner_on, place):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    field = _focus_places(dlg)[place]
    before = field.currentIndex() if hasattr(field, "currentIndex") else None
    scan(qtbot, field, shop.receipt)
    settle(qtbot, dlg)
    assert dlg.ref_edit.text() == shop.receipt
    assert dlg.intake.sale is not None and dlg.intake.sale.id == shop.sale_id
    assert dlg.customer.customer.id == shop.customer_id
    assert dlg.isVisible() and dlg.result() != QDialog.Accepted  # the Enter saved nothing
    if place == "reason":
        assert field.currentIndex() == before
    elif place != "receipt":
        assert field.text() == ""  # the code did not stay where the focus was


def test_a_scanned_product_becomes_a_line_and_the_field_keeps_its_text(qtbot, db, scanner_on):
    stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    type_slowly(qtbot, dlg.reason_text, "Strap")  # a person typing: it lands
    scan(qtbot, dlg.reason_text, MUG_EAN)
    settle(qtbot, dlg)
    assert dlg.reason_text.text() == "Strap"
    assert row_values(dlg) == [("MUG-01", "1", "7.90", None, PriceSource.CATALOGUE)]
    scan(qtbot, dlg.ref_edit, BELT_EAN)
    settle(qtbot, dlg)
    assert dlg.ref_edit.text() == ""
    assert [v[0] for v in row_values(dlg)] == ["MUG-01", "BLT-7402-S"]
