"""The product figures on the crafted catalogue (tests/desk/reports/catalog.py), by hand."""

from __future__ import annotations

from datetime import date

import pytest

from desk.customers.segments import Segment
from desk.reports.period import ReportRange
from desk.reports.products import Amount, CategoryRate, ProductReturns, product_figures
from tests.desk.reports.catalog import build_catalog
from tests.desk.reports.conftest import NOW, RANGE


@pytest.fixture
def ids(any_db, crafted_any):
    return build_catalog(any_db, crafted_any)


def figures(db, rng=RANGE):
    with db.connect() as conn:
        return product_figures(conn, rng, now=NOW)


def row(ids, key, sku, name, category, quantity, returns, refunded, sold, rate):
    return ProductReturns(ids[key], sku, name, category, quantity, returns, refunded, sold, rate)


def test_most_returned_by_items_and_by_returns(any_db, ids):
    found = figures(any_db)
    a = row(ids, "A", "SKU-A", "Kettle", "Kitchen", 4, 3,
            (Amount("BRL", 2400), Amount("EUR", 7500)), 8, 0.5)  # fmt: skip
    b = row(ids, "B", "SKU-B", "T-shirt M", "Clothing", 3, 2, (Amount("EUR", 1000),), 8, 3 / 8)
    c = row(ids, "C", "SKU-C", "Scarf", "Clothing", 5, 1, (Amount("EUR", 7500),), 10, 0.5)
    e = row(ids, "E", "SKU-E", "Gift box", "", 1, 1, (), 0, None)
    assert found.by_quantity == [c, a, b, e]
    assert found.by_returns == [a, b, c, e]  # C and E tie on one return: by SKU
    assert found.sales_known


def test_return_rate_per_category(any_db, ids):
    assert figures(any_db).categories == [
        CategoryRate("Kitchen", 4, 8, 0.5),
        CategoryRate("Clothing", 8, 18, 8 / 18),
        CategoryRate("Home", 0, 2, 0.0),  # D's only return was cancelled
    ]


def test_without_sales_no_rate_rather_than_zero(any_db, crafted_any):
    build_catalog(any_db, crafted_any, sales=False)
    found = figures(any_db)
    assert not found.sales_known
    assert [(p.sku, p.quantity, p.sold, p.rate) for p in found.by_quantity] == [
        ("SKU-C", 5, None, None),
        ("SKU-A", 4, None, None),
        ("SKU-B", 3, None, None),
        ("SKU-E", 1, None, None),
    ]
    assert found.categories == [
        CategoryRate("Clothing", 8, None, None),
        CategoryRate("Kitchen", 4, None, None),
    ]


def test_a_segment_counts_its_customers_returns_and_sales(any_db, ids):
    # Ben (loyal): R2 (A x1) and R3 (C x3, A x1, OLD-C x2); his sale S3: A x3, C x10, D x2
    found = figures(any_db, ReportRange(RANGE.start, RANGE.end, Segment.LOYAL))
    assert [(p.sku, p.quantity, p.returns, p.sold) for p in found.by_quantity] == [
        ("SKU-C", 5, 1, 10),
        ("SKU-A", 2, 2, 3),
    ]
    assert found.by_quantity[1].refunded == (Amount("BRL", 2400), Amount("EUR", 2500))
    assert [(c.category, c.returned, c.sold) for c in found.categories] == [
        ("Kitchen", 2, 3),
        ("Clothing", 5, 10),
        ("Home", 0, 2),
    ]


def test_nothing_in_a_range_without_returns(any_db, ids):
    found = figures(any_db, ReportRange(date(2026, 10, 1), date(2026, 10, 2)))
    assert found.by_quantity == [] and found.by_returns == [] and found.categories == []
    assert found.sales_known


def test_the_days_around_the_range_count_for_nothing(any_db, ids):
    # R6 (11-16) and R7 (11-01) with SKU-Z x50; S1 (11-01) and S4 (11-16) sold A and C
    found = figures(any_db)
    assert "SKU-Z" not in [p.sku for p in found.by_quantity]
    wider = figures(any_db, ReportRange(date(2026, 11, 1), date(2026, 11, 16)))
    z = next(p for p in wider.by_quantity if p.sku == "SKU-Z")
    assert (z.quantity, z.returns, z.sold, z.rate) == (100, 2, 0, None)
    assert {p.sku: p.sold for p in wider.by_quantity}["SKU-C"] == 110
