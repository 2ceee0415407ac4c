"""The keys a 2-item return from a receipt takes, from Ctrl+N in the main window to saved."""

import pytest
from sqlmodel import col, select

from desk.codes import PriceSource
from desk.models import Return, ReturnLine
from tests.ui.new_return.catalog_data import stock_the_shop
from tests.ui.new_return.intake_keys import log_return_from_receipt
from ui import prompts
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db, monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *a: True)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.settled, timeout=5000)
    return win


def saved(db) -> tuple[Return, list[ReturnLine]]:
    with db.session() as session:
        ret = session.exec(select(Return).order_by(col(Return.id).desc())).first()
        lines = session.exec(
            select(ReturnLine).where(ReturnLine.return_id == ret.id).order_by(col(ReturnLine.id))
        ).all()
        return ret, list(lines)


def assert_two_items_from_the_receipt(db, shop):
    ret, lines = saved(db)
    assert (ret.customer_id, ret.sale_id, ret.purchase_ref) == (
        shop.customer_id,
        shop.sale_id,
        shop.receipt,
    )
    assert ret.reason == "defective" and ret.purchase_date is not None
    assert [(li.sku, li.quantity, li.unit_price_cents, li.price_source) for li in lines] == [
        ("BLT-7402-S", 1, 2500, PriceSource.PAID),  # the price paid, not the catalogue's 29.90
        ("MUG-01", 1, 790, PriceSource.PAID),
    ]
    assert [li.sale_line_id for li in lines] == shop.line_ids[:2]
    assert ret.total_cents == 3290


def test_a_typed_receipt_takes_twelve_keys_or_fewer_plus_its_characters(db, window):
    shop = stock_the_shop(db, receipt="R-1001")
    keys = log_return_from_receipt(window, shop.receipt)
    assert_two_items_from_the_receipt(db, shop)
    assert keys <= 12 + len(shop.receipt)
    # Ctrl+N · R-1001 · Enter · Space Down Space · Enter · D · Ctrl+Enter
    assert keys == 8 + len(shop.receipt)


def test_a_scanned_receipt_takes_twelve_keys_or_fewer(db, window, scanner_on):
    shop = stock_the_shop(db, receipt="R-2002")
    keys = log_return_from_receipt(window, shop.receipt, scan=True)
    assert_two_items_from_the_receipt(db, shop)
    assert keys <= 12
    assert keys == 7
