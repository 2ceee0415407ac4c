"""Importing sales from the tills' own exports: receipts grouped into sales, the price
paid after discounts, customers matched and never created, re-imports harmless."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from desk.catalog.lookup import find_sale
from desk.catalog.product_import import import_products
from desk.catalog.sale_import import import_sales
from desk.catalog.tables import Product, Sale, SaleLine
from desk.errors import DeskError
from desk.models import Customer
from desk.settings import SHOP_COUNTRY, SHOP_CURRENCY, set_settings

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def till(db):
    """The three tills' product samples imported; customers Ana (email), Bruno (a phone),
    Dora (a Square customer id) and Eva (email)."""
    for name in ("square_items", "shopify_products", "lightspeed_items"):
        import_products(db, SAMPLES / f"{name}.csv")
    with db.session() as session:
        people = {
            "ana": Customer(name="Ana Souza", email="ana.souza@example.com"),
            "bruno": Customer(name="Bruno Lima", phone="+5511987654321"),
            "dora": Customer(name="Dora Reis", external_ref="SQCUST42"),
            "eva": Customer(name="Eva Prado", email="eva@example.com"),
        }
        session.add_all(people.values())
        session.commit()
        return {key: person.id for key, person in people.items()}


def sale(db, receipt: str):
    with db.session() as session:
        return find_sale(session, receipt)


def product_id(db, sku: str) -> int:
    with db.session() as session:
        return session.exec(select(Product.id).where(Product.sku == sku)).one()


def count(db, model) -> int:
    with db.session() as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_shopify_orders(db, till):
    report = import_sales(db, SAMPLES / "shopify_orders.csv")

    assert report.format_name == "Shopify orders export"
    assert (report.sales, report.sale_lines, report.customers_matched) == (3, 5, 2)
    first = sale(db, "1001")  # staff type it without the "#"
    assert first.receipt == "#1001"
    assert first.customer_id == till["ana"]  # the email in another case
    assert first.sold_at == datetime(2026, 11, 2, 13, 15, tzinfo=UTC)  # -0300 kept
    assert first.currency == "BRL"
    assert [(li.sku, li.quantity, li.paid_cents) for li in first.lines] == [
        ("BLU-P", 2, 8091),  # 2 × 89.90 less the line's 17.98 discount, per unit
        ("TEN-42", 1, 29900),
    ]
    assert first.lines[0].product_id == product_id(db, "BLU-P")
    second = sale(db, "#1002")
    assert second.customer_id == till["bruno"]  # '+55 11 98765-4321 with its apostrophe
    assert [(li.description, li.product_id) for li in second.lines][1] == (
        "Embalagem presente", None,
    )  # fmt: skip
    third = sale(db, "1003")
    assert [li.sku for li in third.lines] == ["TEN-42"]
    assert third.currency == "BRL"  # from the order's first row, though its line was skipped
    assert [str(s) for s in report.skipped] == ["row 6: quantity “two” is not a number"]


def test_square_item_details(db, till):
    report = import_sales(db, SAMPLES / "square_item_details.csv")

    assert report.format_name == "Square item details export"
    first = sale(db, "SqTxn0001A")
    assert first.customer_id == till["dora"]  # by Square's customer id
    assert [(li.description, li.quantity, li.paid_cents) for li in first.lines] == [
        ("Soy Candle Small", 2, 1000),  # $24.00 gross, -$4.00 discount: $20.00 net
        ("Caneca Cerâmica", 1, 2490),
    ]
    tote = sale(db, "SqTxn0002B").lines
    assert [(li.product_id, li.paid_cents) for li in tote] == [
        (product_id(db, "5012345678917"), 1350)  # no SKU in the line: found by Square's token
    ]
    assert [str(s) for s in report.skipped] == [
        "row 5: a refund, not a sale",
        "row 6: quantity “1.5” is not a whole number",
    ]
    assert sale(db, "SqTxn0003C") is None  # its only line was skipped


def test_lightspeed_sales(db, till):
    report = import_sales(db, SAMPLES / "lightspeed_sales.csv")

    assert report.format_name == "Lightspeed Retail sales lines export"
    first = sale(db, "5001")
    assert first.customer_id == till["eva"]
    assert first.purchase_date.isoformat() == "2026-11-02"  # day first for a EUR shop
    assert [(li.sku, li.quantity, li.paid_cents) for li in first.lines] == [
        ("LS-KETTLE", 1, 4499),
        ("012345678905", 3, 850),  # no Custom SKU: found by its UPC, the product's SKU kept
    ]
    assert sale(db, "5002").customer_id is None
    assert [s.row for s in report.skipped] == [5]
    assert "31/02/2026" in report.skipped[0].reason


def test_customers_are_matched_never_created(db, till):
    before = count(db, Customer)
    import_sales(db, SAMPLES / "shopify_orders.csv")
    assert count(db, Customer) == before
    assert sale(db, "1003").customer_id is None  # carla@example.com is not a customer


def test_importing_the_same_file_again_is_harmless(db, till):
    import_sales(db, SAMPLES / "shopify_orders.csv")
    again = import_sales(db, SAMPLES / "shopify_orders.csv")

    assert (again.sales, again.sale_lines) == (0, 0)
    assert [str(s) for s in again.already_imported] == [
        "row 2: receipt #1001 (rows 2–3) already imported",
        "row 4: receipt #1002 (rows 4–5) already imported",
        "row 7: receipt #1003 (row 7) already imported",
    ]
    assert (count(db, Sale), count(db, SaleLine)) == (3, 5)


def test_a_broken_file_imports_nothing_and_says_why(db, till):
    with pytest.raises(DeskError, match="No column found for receipt"):
        import_sales(db, b"Date,SKU,Qty\n2026-11-02,BLU-P,1\n")
    with pytest.raises(DeskError, match="is empty"):
        import_sales(db, b"")
    assert count(db, Sale) == 0


def test_a_dry_run_saves_nothing(db, till):
    report = import_sales(db, SAMPLES / "lightspeed_sales.csv", dry_run=True)
    assert (report.sales, report.sale_lines) == (2, 3)
    assert report.lines()[0].startswith("Dry run, nothing saved. Would import 2 sales")
    assert count(db, Sale) == 0


def test_a_plain_portuguese_file_from_a_brazilian_till(db, till):
    with db.session() as session:
        set_settings(session, {SHOP_CURRENCY: "BRL", SHOP_COUNTRY: "BR"})
        session.add(Customer(name="Gil", phone="+5511912340000"))
        session.commit()
    data = (
        "Cupom;Data;Código;Descrição;Qtd;Preço;Desconto;Celular\n"
        "000123;05/11/2026 14:30;BLU-M;Blusa M;2;89,90;9,90;(11) 91234-0000\n"
        "000123;05/11/2026 14:30;;Sacola;1;2,00;;(11) 91234-0000\n"
    ).encode()
    report = import_sales(db, data)
    found = sale(db, "000123")
    assert report.format_name == "a CSV file with named columns"
    assert found.currency == "BRL" and found.purchase_date.isoformat() == "2026-11-05"
    assert found.customer_id is not None  # a national number, read with the shop's country
    assert [(li.sku, li.paid_cents) for li in found.lines] == [("BLU-M", 8495), ("", 200)]


def test_a_upc_scanned_as_its_ean13_form_finds_the_product(db, till):
    import_sales(db, b"Receipt,Date,Barcode,Qty,Price\nU-1,2026-11-01,0036000291452,1,49.99\n")
    assert sale(db, "U-1").lines[0].product_id == product_id(db, "LS-KETTLE")


def test_an_order_discount_alone_is_shared_over_the_lines(db, till):
    data = (
        b"Order,Date,SKU,Qty,Price,Order discount\n"
        b"A-1,2026-11-01,CND-S,1,12.00,6.00\n"
        b"A-1,2026-11-01,CND-L,2,18.00,\n"
    )
    import_sales(db, data)
    lines = sale(db, "A-1").lines
    assert [li.paid_cents for li in lines] == [1050, 1575]  # 48.00 less 6.00 = 42.00 paid
    assert sum(li.paid_cents * li.quantity for li in lines) == 4200


def test_invisible_characters_are_refused_and_line_breaks_become_spaces(db, till):
    data = (
        b"Receipt,Date,Description,Qty,Price\n"
        b'I-1,2026-11-01,"Gift\nwrap",1,2.00\n'
        b"I-1,2026-11-01,Bad\x07bell,1,2.00\n"
    )
    report = import_sales(db, data)
    assert [li.description for li in sale(db, "I-1").lines] == ["Gift wrap"]
    assert [str(s) for s in report.skipped] == [
        "row 3: the description holds an invisible character (U+0007)"
    ]
