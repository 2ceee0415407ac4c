"""The demo's till: products written once, the shop's own kept, receipts that continue."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from desk.catalog.lookup import complete_products, find_product
from desk.catalog.products import ProductDraft, save_product
from desk.catalog.tables import Product, ProductBarcode, Sale
from desk.demo.catalogue import BY_SKU, PRODUCTS
from desk.demo.plan import Rng
from desk.demo.sales import FIRST_RECEIPT
from desk.demo.seed import seed_demo
from desk.demo.till import RECEIPT_COUNTER, close_till, open_till, write_sales
from desk.models import Counter, Customer

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def count(db, model) -> int:
    with db.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def test_open_till_writes_the_catalogue_with_barcodes_and_completion_words(db):
    with db.engine.begin() as conn:
        maker = open_till(conn, Rng(1), NOW, "EUR", customers=[], owners=[])
    assert maker.new_products == count(db, Product) == len(PRODUCTS)
    assert count(db, ProductBarcode) == sum(len(p.barcodes) for p in PRODUCTS)
    with db.session() as session:
        kettle = find_product(session, BY_SKU["KTL-9510"].barcodes[0])
        assert (kettle.sku, kettle.name, kettle.price_cents) == (
            "KTL-9510",
            "Electric kettle 1.7 L",
            3999,
        )
        assert find_product(session, "tsh-1042-m").variant == "size M"
        found = {p.sku for p in complete_products(session, "chelsea 42")}
        assert found == {"BOT-8204-42"}


def test_a_second_run_keeps_the_products_and_goes_on_with_the_receipts(db):
    first = seed_demo(db, returns=20, seed=1, now=NOW)
    second = seed_demo(db, returns=20, seed=1, now=NOW)
    assert (first.products, second.products) == (len(PRODUCTS), 0)
    assert count(db, Product) == len(PRODUCTS)
    assert count(db, Sale) == first.sales + second.sales
    assert set(first.try_receipts).isdisjoint(second.try_receipts)
    with db.session() as session:
        last = session.get(Counter, RECEIPT_COUNTER).value
        receipts = session.exec(select(Sale.receipt)).scalars().all()
    numbers = [int(r.removeprefix("WEB-").replace("-", "")) for r in receipts]
    assert len(set(receipts)) == len(receipts) and max(numbers) == last > FIRST_RECEIPT


def test_the_shops_own_product_and_barcode_stay_its_own(db):
    taken = BY_SKU["MUG-1201"].barcodes[0]
    save_product(db, ProductDraft("KTL-9510", "Our own kettle", price_cents=2500))
    save_product(db, ProductDraft("OWN-1", "House blend coffee", barcodes=[taken]))
    seed_demo(db, returns=30, seed=4, now=NOW)
    with db.session() as session:
        kettle = find_product(session, "KTL-9510")
        assert (kettle.name, kettle.barcodes) == ("Our own kettle", ())
        assert find_product(session, taken).sku == "OWN-1"
        mug = find_product(session, "MUG-1201")
        assert mug.name == "Stoneware mug, set of 2" and mug.barcodes == ()
    assert count(db, Product) == len(PRODUCTS) + 1


def test_receipts_of_the_shops_own_sales_are_not_used_again(db):
    with db.session() as session:
        session.add(Customer(name="Till customer"))
        for n in range(1, 60):  # every receipt the demo would hand out first
            receipt = f"4821-{n:04d}"
            session.add(Sale(receipt=receipt, receipt_key=receipt, sold_at=NOW, source="csv"))
        session.commit()
    summary = seed_demo(db, returns=10, seed=1, now=NOW)
    assert count(db, Sale) == 59 + summary.sales


def test_close_till_keeps_the_last_receipt_for_the_next_run(db):
    with db.engine.begin() as conn:
        maker = open_till(conn, Rng(1), NOW, "EUR", customers=[], owners=[])
        maker.unreturned(5)
        write_sales(conn, maker.take_rows())
        close_till(conn, maker)
    with db.engine.begin() as conn:
        again = open_till(conn, Rng(1), NOW, "EUR", customers=[], owners=[])
    assert again.ids.receipt == maker.ids.receipt > FIRST_RECEIPT
    assert again.ids.sale == 6 and again.new_products == 0
