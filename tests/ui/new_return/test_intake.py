"""Receipts and products at intake: the real dialog over a real database, looked up in the
background as staff type or scan."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlmodel import col, select

from desk.codes import Condition, Disposition, PriceSource
from desk.models import Return, ReturnLine, StatusChange
from tests.ui.new_return.catalog_data import (
    BELT_EAN,
    MUG_EAN,
    add_customer,
    add_products,
    add_sale,
    stock_the_shop,
)
from ui import prompts
from ui.new_return.dialog import NewReturnDialog
from ui.new_return.receipt_panel import NOT_FOUND


@pytest.fixture(autouse=True)
def no_questions(monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *a: True)


def open_dialog(qtbot, db) -> NewReturnDialog:
    dlg = NewReturnDialog(db, currency="EUR", staff="Ana")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


def settle(qtbot, dlg):
    """Wait until every look-up asked has been answered."""
    qtbot.waitUntil(lambda: dlg.intake.pending == 0, timeout=5000)


def enter_receipt(qtbot, dlg, receipt):
    dlg.ref_edit.setFocus()
    qtbot.keyClicks(dlg.ref_edit, receipt)
    qtbot.keyClick(dlg.ref_edit, Qt.Key_Return)
    settle(qtbot, dlg)


def tick(qtbot, dlg, *indexes):
    tree = dlg.intake.panel.tree
    for index in indexes:
        tree.setCurrentItem(tree.topLevelItem(index))
        qtbot.keyClick(tree, Qt.Key_Space)


def row_values(dlg):
    return [
        (r.sku.text(), r.quantity.text(), r.price.text(), r.sale_line_id, r.price_source)
        for r in dlg.lines.rows
        if not r.is_blank()
    ]


def save(qtbot, dlg, reason="defective"):
    dlg.reason_combo.setCurrentIndex(dlg.reason_combo.findData(reason))
    qtbot.keyClick(dlg.focusWidget(), Qt.Key_Return, Qt.ControlModifier)


def last_return(db):
    with db.session() as session:
        ret = session.exec(select(Return).order_by(col(Return.id).desc())).first()
        lines = session.exec(select(ReturnLine).where(ReturnLine.return_id == ret.id)).all()
        notes = session.exec(select(StatusChange.note).where(StatusChange.return_id == ret.id))
        return ret, list(lines), list(notes)


def test_without_sales_the_dialog_starts_at_the_customer(qtbot, db):
    add_products(db)
    dlg = open_dialog(qtbot, db)
    assert dlg.focusWidget() is dlg.customer.search_box
    assert dlg.intake.panel.tree.isHidden()


def test_a_found_receipt_picks_the_customer_fills_the_date_and_lists_its_lines(qtbot, db):
    shop = stock_the_shop(db, sold=date.today() - timedelta(days=3))
    dlg = open_dialog(qtbot, db)
    assert dlg.focusWidget() is dlg.ref_edit  # sales are known: start from the sale

    enter_receipt(qtbot, dlg, "r-1001")  # case and spaces do not matter

    panel = dlg.intake.panel
    assert dlg.customer.customer.id == shop.customer_id
    assert dlg.date_field.value() == date.today() - timedelta(days=3)
    assert panel.note.text().startswith("✓ R-1001")
    items = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    assert [(i.text(0), i.text(3)) for i in items] == [
        ("Cinto de couro S", "1 bought"),
        ("Caneca", "2 bought"),
        ("Chaleira elétrica 1.7 l", "1 bought"),
    ]
    assert dlg.focusWidget() is panel.tree and panel.tree.currentItem() is items[0]
    assert row_values(dlg) == []  # nothing ticked yet
    assert dlg.draft()[0].sale_id == shop.sale_id


def test_ticking_adds_the_line_with_the_price_paid_and_unticking_removes_it(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, shop.receipt)
    tick(qtbot, dlg, 0, 2)
    assert row_values(dlg) == [
        ("BLT-7402-S", "1", "25.00", shop.line_ids[0], PriceSource.PAID),
        ("KTL-9", "1", "42.00", shop.line_ids[2], PriceSource.PAID),
    ]
    kettle = dlg.lines.rows[1]
    assert kettle.disposition.currentData() == Disposition.RECYCLE  # the product's default
    assert kettle.product_id == shop.product_ids["KTL-9"]
    assert dlg.focusWidget() is dlg.intake.panel.tree  # still ticking

    tick(qtbot, dlg, 0)  # untick the belt
    assert [v[0] for v in row_values(dlg)] == ["KTL-9"]
    assert dlg.focusWidget() is dlg.intake.panel.tree


def test_a_digit_sets_the_quantity_never_beyond_what_is_left(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, shop.receipt)
    tree = dlg.intake.panel.tree
    tree.setCurrentItem(tree.topLevelItem(1))  # 2 mugs bought
    qtbot.keyClick(tree, Qt.Key_5)
    assert row_values(dlg) == [("MUG-01", "2", "7.90", shop.line_ids[1], PriceSource.PAID)]
    qtbot.keyClick(tree, Qt.Key_Minus)
    assert dlg.lines.rows[0].quantity.text() == "1"
    assert tree.topLevelItem(1).text(4) == "1"


def test_a_receipt_without_a_customer_leaves_the_picker_as_it_is(qtbot, db):
    products = add_products(db)
    add_sale(db, "W-77", [(products["MUG-01"], "MUG-01", "Caneca", 1, 700)])
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, "W-77")
    assert dlg.customer.mode == "search" and dlg.customer.customer is None
    assert dlg.intake.sale is not None and dlg.intake.panel.tree.isVisible()


def test_an_unknown_receipt_says_so_quietly_and_changes_nothing_else(qtbot, db):
    stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, "NOPE-9")
    assert dlg.intake.panel.note.text() == NOT_FOUND
    assert dlg.intake.panel.tree.isHidden()
    assert dlg.customer.customer is None and dlg.date_field.value() is None
    assert dlg.focusWidget() is dlg.ref_edit  # keeps what was typed, to fix it
    draft, _ = dlg.draft()
    assert draft.purchase_ref == "NOPE-9" and draft.sale_id is None


def test_leaving_the_field_looks_the_receipt_up_without_taking_the_cursor(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    qtbot.keyClicks(dlg.ref_edit, shop.receipt)
    dlg.note_edit.setFocus()  # staff moved on with Tab or a click
    settle(qtbot, dlg)
    assert dlg.intake.sale is not None and dlg.intake.sale.id == shop.sale_id
    assert dlg.focusWidget() is dlg.note_edit


def test_an_answer_to_an_older_receipt_is_dropped(qtbot, db):
    first = stock_the_shop(db, receipt="R-1")
    add_sale(db, "R-2", [(None, "GIFT", "Gift card", 1, 1000)], customer_id=first.customer_id)
    dlg = open_dialog(qtbot, db)
    dlg.ref_edit.setText("R-1")
    dlg.intake.look_up_receipt()
    dlg.ref_edit.setText("R-2")
    dlg.intake.look_up_receipt()  # asked before the first answer came
    settle(qtbot, dlg)
    assert dlg.intake.sale.receipt == "R-2"
    assert dlg.intake.panel.tree.topLevelItemCount() == 1


def test_a_receipt_outside_the_window_says_so_at_once(qtbot, db):
    shop = stock_the_shop(db, sold=date.today() - timedelta(days=200))
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, shop.receipt)
    assert dlg.policy.problems.isVisible()
    assert "200" in dlg.policy.problems.text() or "window" in dlg.policy.problems.text()
    assert dlg.policy.override_required


def test_a_sku_typed_in_a_row_fills_it_at_the_catalogue_price_marked_as_such(qtbot, db):
    add_customer(db)
    products = add_products(db)
    dlg = open_dialog(qtbot, db)
    row = dlg.lines.rows[0]
    row.sku.setFocus()
    qtbot.keyClicks(row.sku, "blt-7402-s")
    qtbot.keyClick(row.sku, Qt.Key_Return)
    settle(qtbot, dlg)
    assert row_values(dlg) == [("BLT-7402-S", "1", "29.90", None, PriceSource.CATALOGUE)]
    assert row.description.text() == "Cinto de couro S"
    assert row.product_id == products["BLT-7402-S"]
    assert "catalogue price" in row.note.text() and row.note.isVisible()
    row.price.setFocus()
    qtbot.keyClick(row.price, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(row.price, "20")  # a price typed by hand is the typed one
    assert row.price_source == PriceSource.TYPED and row.note.isHidden()


def test_a_product_of_the_known_receipt_gets_the_price_paid(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, shop.receipt)
    row = dlg.lines.rows[0]
    row.sku.setFocus()
    qtbot.keyClicks(row.sku, BELT_EAN)  # the barcode, typed
    qtbot.keyClick(row.sku, Qt.Key_Return)
    settle(qtbot, dlg)
    assert row_values(dlg) == [("BLT-7402-S", "1", "25.00", shop.line_ids[0], PriceSource.PAID)]
    assert row.note.isHidden()


def test_the_sku_field_completes_from_the_catalogue_accents_ignored(qtbot, db):
    products = add_products(db)
    dlg = open_dialog(qtbot, db)
    row = dlg.lines.rows[0]
    row.sku.setFocus()
    qtbot.keyClicks(row.sku, "chaleira ele")
    completer = row.completer
    qtbot.waitUntil(lambda: not completer.pending, timeout=5000)
    popup = completer.completer.popup()
    assert completer.model.rowCount() == 1 and popup.isVisible()
    assert completer.model.item(0).text() == "KTL-9 · Chaleira elétrica 1.7 l"
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    settle(qtbot, dlg)
    assert row.sku.text() == "KTL-9" and row.product_id == products["KTL-9"]
    assert row.price.text() == "45.00" and row.disposition.currentData() == Disposition.RECYCLE


def test_condition_and_disposition_are_remembered_per_category(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, shop.receipt)
    tick(qtbot, dlg, 2)  # the kettle, electronics
    row = dlg.lines.rows[0]
    row.condition.setCurrentIndex(row.condition.findData(Condition.DEFECTIVE))
    row.disposition.setCurrentIndex(row.disposition.findData(Disposition.REFURBISH))
    save(qtbot, dlg)
    assert dlg.result() == QDialog.Accepted

    again = open_dialog(qtbot, db)
    again.take_scan("KTL-9")  # another kettle, another day
    settle(qtbot, again)
    [row] = again.lines.rows
    assert (row.condition.currentData(), row.disposition.currentData()) == (
        Condition.DEFECTIVE,
        Disposition.REFURBISH,
    )


def test_more_than_is_left_needs_the_override_which_the_timeline_records(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)  # first return: one of the two mugs
    enter_receipt(qtbot, dlg, shop.receipt)
    tick(qtbot, dlg, 1)
    save(qtbot, dlg)
    assert dlg.result() == QDialog.Accepted and not dlg.policy.override_required

    dlg = open_dialog(qtbot, db)  # second return from the same receipt
    enter_receipt(qtbot, dlg, shop.receipt)
    mugs = dlg.intake.panel.tree.topLevelItem(1)
    assert mugs.text(3) == "2 bought · 1 returned"
    tick(qtbot, dlg, 1)
    row = dlg.lines.rows[0]
    row.quantity.setFocus()
    qtbot.keyClick(row.quantity, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(row.quantity, "2")
    assert "only 1 left to return on this receipt" in row.note.text()
    assert dlg.policy.override_required
    assert "Only 1 of MUG-01 left" in dlg.policy.problems.text()
    save(qtbot, dlg)
    assert dlg.result() != QDialog.Accepted  # the reason is needed
    assert dlg.policy.override_error.label.text()
    qtbot.keyClicks(dlg.policy.override_edit, "Customer brought a third mug from a gift")
    save(qtbot, dlg)
    assert dlg.result() == QDialog.Accepted
    ret, lines, notes = last_return(db)
    assert [(li.sku, li.quantity, li.sale_line_id) for li in lines] == [
        ("MUG-01", 2, shop.line_ids[1])
    ]
    assert any("only 1 of MUG-01 left" in n and "third mug" in n for n in notes)

    dlg = open_dialog(qtbot, db)  # third: nothing of the mugs is left
    enter_receipt(qtbot, dlg, shop.receipt)
    mugs = dlg.intake.panel.tree.topLevelItem(1)
    assert mugs.text(3) == "2 bought · 3 returned"
    assert not mugs.flags() & Qt.ItemIsUserCheckable  # greyed: nothing to tick


def test_take_scan_routes_receipts_products_and_unknown_codes(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    dlg.take_scan(MUG_EAN)  # a product first: catalogue price, no receipt yet
    settle(qtbot, dlg)
    assert row_values(dlg) == [("MUG-01", "1", "7.90", None, PriceSource.CATALOGUE)]

    dlg.take_scan(shop.receipt)  # the receipt: the mug gets the price paid and its line
    settle(qtbot, dlg)
    assert dlg.ref_edit.text() == shop.receipt and dlg.intake.sale.id == shop.sale_id
    assert dlg.customer.customer.id == shop.customer_id
    assert row_values(dlg) == [("MUG-01", "1", "7.90", shop.line_ids[1], PriceSource.PAID)]
    assert dlg.focusWidget() is dlg.intake.panel.tree

    dlg.take_scan(BELT_EAN)  # a product of the receipt: a new row at the price paid
    settle(qtbot, dlg)
    assert [v[0] for v in row_values(dlg)] == ["MUG-01", "BLT-7402-S"]
    assert row_values(dlg)[1][2:] == ("25.00", shop.line_ids[0], PriceSource.PAID)

    dlg.take_scan("ZZ-UNKNOWN")
    settle(qtbot, dlg)
    assert "neither a receipt nor a known product" in dlg.intake.panel.note.text()
    assert len(row_values(dlg)) == 2


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
@pytest.mark.parametrize("currency", ["EUR", "BRL"])
def test_the_dialog_with_a_receipts_lines_cuts_nothing_off(qtbot, db, size, currency):
    from tests.ui.widget_fit import cut_widgets

    shop = stock_the_shop(db)
    dlg = NewReturnDialog(db, currency=currency, staff="Ana")
    qtbot.addWidget(dlg)
    dlg.resize(*size)
    dlg.show()
    dlg.take_scan(shop.receipt)
    settle(qtbot, dlg)
    tick(qtbot, dlg, 0, 1, 2)
    dlg.lines.rows[1].quantity.setText("3")  # more than is left: the note and the override
    assert dlg.policy.override_required
    qtbot.waitUntil(lambda: not cut_widgets(dlg), timeout=3000)


def test_rows_and_ticks_stay_one_for_one(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, shop.receipt)
    dlg.take_scan(BELT_EAN)  # the belt scanned: its row counts as its tick
    settle(qtbot, dlg)
    tree = dlg.intake.panel.tree
    assert tree.topLevelItem(0).checkState(0) == Qt.Checked
    tick(qtbot, dlg, 0)  # unticked: the scanned row goes
    assert row_values(dlg) == []
    tick(qtbot, dlg, 1)
    dlg.lines.remove_line(dlg.lines.rows[-1])  # the mug's row removed: its tick goes
    assert tree.topLevelItem(1).checkState(0) == Qt.Unchecked
    tick(qtbot, dlg, 1)
    dlg.take_scan(shop.receipt)  # the same receipt again: the tick and its row stay one
    settle(qtbot, dlg)
    assert tree.topLevelItem(1).checkState(0) == Qt.Checked
    assert [v[0] for v in row_values(dlg)] == ["MUG-01"]
    tick(qtbot, dlg, 1)
    assert row_values(dlg) == []


def test_a_receipt_typed_over_after_its_look_up_is_not_the_returns_sale(qtbot, db):
    shop = stock_the_shop(db)
    dlg = open_dialog(qtbot, db)
    enter_receipt(qtbot, dlg, shop.receipt)
    assert dlg.draft()[0].sale_id == shop.sale_id
    dlg.ref_edit.setText("R-9999")  # not looked up yet
    assert dlg.draft()[0].sale_id is None


def test_a_product_marked_not_returnable_needs_the_override_at_once(qtbot, db):
    from desk.catalog.products import ProductDraft, save_product

    save_product(db, ProductDraft("EAR-9", "Brincos", "", 1500, "Joias", returnable=False))
    dlg = open_dialog(qtbot, db)
    dlg.take_scan("EAR-9")
    settle(qtbot, dlg)
    assert dlg.policy.override_required
    assert "EAR-9 (Brincos) is marked not returnable." in dlg.policy.problems.text()
