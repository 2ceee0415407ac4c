"""Demo sales: every demo receipt is a sale that matches its return, and some are left to try."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desk.catalog.barcodes import check_barcode
from desk.catalog.keys import receipt_key
from desk.catalog.limits import quantity_problems
from desk.catalog.lookup import NOT_TAKEN_BACK, find_product, find_sale
from desk.catalog.service import look_up
from desk.catalog.tables import Product, ProductBarcode, Sale, SaleLine
from desk.codes import PriceSource
from desk.db import open_database
from desk.demo.catalogue import BY_SKU, PRODUCTS
from desk.demo.plan import DAY, Rng
from desk.demo.sales import TILL, TRY_RECEIPTS, WEB, SaleIds, SaleMaker
from desk.demo.seed import seed_demo
from desk.models import Customer, Return, ReturnLine
from desk.returns import LineDraft, ReturnDraft
from desk.services import create_return
from tests.fixtures_db import new_database_url

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
RECEIPT = re.compile(r"\d{4}-\d{4}|WEB-\d{8}")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One database with 300 demo returns and their sales, shared by the read-only tests."""
    database = open_database(new_database_url("sales", tmp_path_factory.mktemp("sales")))
    summary = seed_demo(database, returns=300, seed=11, now=NOW)
    yield database, summary
    database.close()


def maker(**overrides) -> SaleMaker:
    """A SaleMaker on made-up product ids that keeps moments as epoch seconds."""
    options = dict(
        stamp=lambda moment: moment,
        customer_ids=[101, 102, 103],
        occasional=[102],
        taken=None,
    )
    options.update(overrides)
    ids = {product.sku: i for i, product in enumerate(PRODUCTS, start=1)}
    return SaleMaker(Rng(3), int(NOW.timestamp()), ids, SaleIds(), "BRL", **options)


def returned_lines(*skus: str) -> list[dict]:
    return [
        {"sku": sku, "description": BY_SKU[sku].description, "quantity": 1,
         "unit_price_cents": BY_SKU[sku].price_cents}
        for sku in skus
    ]  # fmt: skip


# -- the maker on its own -------------------------------------------------------------------


def test_a_return_without_receipt_gets_its_products_and_no_sale():
    sales = maker()
    ret = {"purchase_ref": "", "purchase_date": date(2026, 11, 1), "customer_id": 101}
    lines = returned_lines("KTL-9510")
    sales.for_return(ret, lines)
    assert ret["sale_id"] is None and ret["purchase_ref"] == ""
    assert lines[0]["product_id"] == sales.facts["KTL-9510"][0]
    assert (lines[0]["sale_line_id"], lines[0]["price_source"]) == (None, "catalogue")
    assert sales.take_rows().sales == []


def test_a_returns_sale_holds_its_lines_at_the_price_paid_and_maybe_more():
    sales, extras = maker(), Counter()
    for i in range(200):
        kind = TILL if i % 2 else WEB
        ret = {"purchase_ref": kind, "purchase_date": date(2026, 11, 1), "customer_id": 103}
        lines = returned_lines("TSH-1042-M", "HPH-9010")
        sales.for_return(ret, lines)
        rows = sales.take_rows()
        (sale,) = rows.sales
        assert sale[0] == ret["sale_id"] and sale[1] == ret["purchase_ref"] == sale[2]
        assert sale[4:] == (103, "BRL", "demo")
        assert datetime.fromtimestamp(sale[3], UTC).date() == date(2026, 11, 1)
        assert ret["purchase_ref"].startswith("WEB-") == (kind == WEB)
        by_id = {row[0]: row for row in rows.lines}
        assert [row[2] for row in rows.lines] == list(range(1, len(rows.lines) + 1))
        for line in lines:
            row = by_id[line["sale_line_id"]]
            assert (row[3], row[4]) == (line["product_id"], line["sku"])
            assert row[6] >= line["quantity"] and row[7] == line["unit_price_cents"]
            assert line["price_source"] == PriceSource.PAID
            assert line["unit_price_cents"] <= BY_SKU[line["sku"]].price_cents
        assert ret["total_cents"] == sum(li["unit_price_cents"] for li in lines)
        extras[len(rows.lines) - len(lines)] += 1
    assert set(extras) == {0, 1, 2}


def test_unreturned_sales_start_with_recent_ones_to_try_then_spread_over_months():
    sales = maker()
    sales.unreturned(500)
    rows = sales.take_rows()
    assert len(rows.sales) == sales.sales == 500
    first, second = rows.sales[:TRY_RECEIPTS]
    assert sales.try_receipts == [first[1], second[1]]
    now = int(NOW.timestamp())
    for sale in (first, second):
        assert now - 6 * DAY < sale[3] < now and sale[4] == 102
        lines = [row for row in rows.lines if row[1] == sale[0]]
        assert 2 <= len(lines) <= 3 and all(row[6] == 1 for row in lines)
    days = {(now - sale[3]) // DAY for sale in rows.sales}
    assert max(days) > 200 and all(sale[3] < now for sale in rows.sales)
    assert {sale[4] for sale in rows.sales} == {None, 101, 102, 103}
    numbers = [int(sale[1].removeprefix("WEB-").replace("-", "")) for sale in rows.sales]
    assert numbers == sorted(set(numbers))  # one sequence, nothing twice
    assert all(RECEIPT.fullmatch(sale[1]) for sale in rows.sales)


def test_receipts_the_shop_uses_are_skipped():
    free = maker()
    free.unreturned(30)
    used = {sale[1] for sale in free.take_rows().sales[::2]}
    sales = maker(taken=used)
    sales.unreturned(30)
    receipts = {sale[1] for sale in sales.take_rows().sales}
    assert len(receipts) == 30 and not receipts & used


# -- the demo database ------------------------------------------------------------------------


def test_each_receipt_finds_its_sale_with_the_returns_customer_date_and_lines(seeded):
    database, _ = seeded
    with database.session() as session:
        returns = session.exec(select(Return)).scalars().all()
        lines = defaultdict(list)
        for line in session.exec(select(ReturnLine)).scalars():
            lines[line.return_id].append(line)
        with_receipt = [ret for ret in returns if ret.purchase_ref]
        assert 0.9 * len(returns) < len(with_receipt) < len(returns)
        for ret in with_receipt:
            sale = find_sale(session, ret.purchase_ref)
            assert sale is not None and sale.id == ret.sale_id, ret.number
            assert (sale.customer_id, sale.currency) == (ret.customer_id, ret.currency)
            assert sale.purchase_date == ret.purchase_date
            assert sale.sold_at < ret.created_at
            sold = {line.id: line for line in sale.lines}
            assert 0 <= len(sold) - len(lines[ret.id]) <= 2
            for line in lines[ret.id]:
                bought = sold[line.sale_line_id]
                assert (bought.product_id, bought.sku) == (line.product_id, line.sku)
                assert bought.description == line.description
                assert bought.paid_cents == line.unit_price_cents
                assert line.quantity <= bought.quantity
                assert line.price_source == PriceSource.PAID
        for ret in returns:
            if not ret.purchase_ref:
                assert ret.sale_id is None
                assert all(li.sale_line_id is None and li.product_id for li in lines[ret.id])
                assert {li.price_source for li in lines[ret.id]} == {PriceSource.CATALOGUE}


def test_left_is_what_was_bought_less_what_came_back_and_was_kept(seeded):
    database, _ = seeded
    with database.session() as session:
        back = Counter()
        for line, status in session.exec(
            select(ReturnLine, Return.status).join(Return, Return.id == ReturnLine.return_id)
        ):
            if status not in NOT_TAKEN_BACK:
                back[line.sale_line_id] += line.quantity
        receipts = session.exec(
            select(Sale.receipt).where(Sale.id.in_(select(Return.sale_id)))
        ).scalars()
        left = Counter()
        for receipt in receipts:
            for line in find_sale(session, receipt).lines:
                assert line.returned == back[line.id]
                assert line.left == line.quantity - back[line.id] >= 0
                left[line.left > 0] += 1
    assert left[True] > 100 and left[False] > 100


def test_sales_nobody_returned_outnumber_the_returned_ones_and_rates_differ(seeded):
    database, summary = seeded
    with database.connect() as conn:
        sales = conn.execute(select(func.count()).select_from(Sale)).scalar_one()
        returned = conn.execute(
            select(func.count(func.distinct(Return.sale_id))).where(Return.sale_id.is_not(None))
        ).scalar_one()
        sold = dict(
            conn.execute(
                select(Product.category, func.sum(SaleLine.quantity))
                .join(Product, Product.id == SaleLine.product_id)
                .group_by(Product.category)
            ).all()
        )
        back = dict(
            conn.execute(
                select(Product.category, func.sum(ReturnLine.quantity))
                .join(Product, Product.id == ReturnLine.product_id)
                .group_by(Product.category)
            ).all()
        )
        assert (
            conn.execute(  # every sale has lines
                select(func.count()).select_from(Sale).where(~Sale.id.in_(select(SaleLine.sale_id)))
            ).scalar_one()
            == 0
        )
    assert summary.sales == sales
    assert 4 <= (sales - returned) / returned <= 8
    rates = {category: back.get(category, 0) / units for category, units in sold.items()}
    assert rates["personal care"] == 0
    assert rates["apparel"] > rates["home"] > rates["electronics"] > 0.03  # seed 11: 25, 18, 14 %
    assert rates["apparel"] < 0.5


def test_every_stored_barcode_passes_the_check_and_finds_its_product(seeded):
    database, summary = seeded
    with database.session() as session:
        codes = session.exec(select(ProductBarcode, Product.sku).join(Product)).all()
        assert len(codes) == sum(len(p.barcodes) for p in PRODUCTS)
        for code, sku in codes:
            assert check_barcode(code.code) == (code.kind, code.code)
            assert find_product(session, code.code).sku == sku
    assert summary.products == len(PRODUCTS)


def test_foreign_keys_agree(seeded):
    database, _ = seeded
    with database.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        mismatched = conn.execute(  # a return line's sale line is on the return's own sale
            select(func.count())
            .select_from(ReturnLine)
            .join(Return, Return.id == ReturnLine.return_id)
            .join(SaleLine, SaleLine.id == ReturnLine.sale_line_id)
            .where(SaleLine.sale_id != Return.sale_id)
        ).scalar_one()
        linked = conn.execute(
            select(func.count()).select_from(ReturnLine).where(ReturnLine.sale_line_id.is_not(None))
        ).scalar_one()
        orphans = conn.execute(
            select(func.count())
            .select_from(Sale)
            .outerjoin(Customer, Customer.id == Sale.customer_id)
            .where(Sale.customer_id.is_not(None), Customer.id.is_(None))
        ).scalar_one()
    assert mismatched == 0 and orphans == 0 and linked > 300


def test_receipts_are_short_and_their_keys_as_the_desk_makes_them(seeded):
    database, _ = seeded
    with database.connect() as conn:
        rows = conn.execute(select(Sale.receipt, Sale.receipt_key, Sale.source)).all()
    assert all(RECEIPT.fullmatch(receipt) for receipt, _, _ in rows)
    assert all(receipt_key(receipt) == key for receipt, key, _ in rows)
    assert {source for _, _, source in rows} == {"demo"}
    assert {len(receipt) for receipt, _, _ in rows} == {9, 12}


def test_the_receipts_to_try_are_recent_with_lines_left_for_an_occasional_customer(seeded):
    database, summary = seeded
    assert len(summary.try_receipts) == 2
    for receipt in summary.try_receipts:
        found = look_up(database, receipt)
        assert found.kind == "sale" and len(receipt) == 9
        sale = found.sale
        assert NOW - timedelta(days=7) < sale.sold_at < NOW
        assert len(sale.lines) >= 2 and all(line.left == line.quantity for line in sale.lines)
        with database.session() as session:
            customer = session.get(Customer, sale.customer_id)
            returns = session.exec(select(Return.id).where(Return.customer_id == customer.id))
            assert customer.email and len(returns.all()) == 1
            products = [session.get(Product, line.product_id) for line in sale.lines]
            assert all(product.returnable for product in products)


def test_a_return_logged_from_a_receipt_to_try_uses_its_line_up(db):
    summary = seed_demo(db, returns=40, seed=2, now=NOW)
    sale = look_up(db, summary.try_receipts[0]).sale
    first = sale.lines[0]
    draft = ReturnDraft(
        reason="changed_mind",
        customer_id=sale.customer_id,
        purchase_date=sale.purchase_date,
        purchase_ref=sale.receipt,
        sale_id=sale.id,
        lines=[
            LineDraft(
                sku=first.sku,
                description=first.description,
                quantity=first.quantity,
                unit_price_cents=first.paid_cents,
                product_id=first.product_id,
                sale_line_id=first.id,
                price_source=PriceSource.PAID,
            )
        ],
    )
    with db.session() as session:
        assert quantity_problems(session, draft) == []
    create_return(db, draft=draft, today=NOW.date())
    again = look_up(db, sale.receipt).sale
    assert again.lines[0].left == 0 and again.lines[1].left == sale.lines[1].left == 1
    with db.session() as session:
        problems = quantity_problems(session, draft)
    assert len(problems) == 1 and sale.receipt in problems[0]
