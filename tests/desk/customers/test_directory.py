"""The customer list: all customers, those without returns too, searched and sorted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from desk.customers.directory import SortKey, count_customers, list_customers
from desk.models import Customer, Return
from desk.returns import LineDraft, ReturnDraft
from desk.services import create_return


def add(db, name, *, returns=0, email=None, days_ago=0) -> int:
    with db.session() as session:
        row = Customer(name=name, email=email)
        session.add(row)
        session.commit()
        customer_id = row.id
    for i in range(returns):
        draft = ReturnDraft(
            reason="defective",
            lines=[LineDraft(sku=f"SKU-{i}", unit_price_cents=100)],
            customer_id=customer_id,
        )
        ret = create_return(db, draft=draft)
        with db.session() as session:
            at = datetime.now(UTC) - timedelta(days=days_ago + i)
            session.exec(update(Return).where(Return.id == ret.id).values(created_at=at))
            session.commit()
    return customer_id


def test_imported_customers_without_returns_are_listed(db):
    bia = add(db, "Bia Torres", email="bia@example.com")
    caio = add(db, "caio Lima", returns=2, days_ago=10)
    ana = add(db, "Ana Souza", returns=1, days_ago=1)
    rows = list_customers(db)
    assert [r.id for r in rows] == [ana, bia, caio]  # by name, whatever the case
    assert [r.returns for r in rows] == [1, 0, 2]
    assert rows[1].last_return is None and rows[1].email == "bia@example.com"
    assert count_customers(db) == 3


def test_sorted_by_returns_and_by_last_return(db):
    few = add(db, "Few Returns", returns=1, days_ago=30)
    many = add(db, "Many Returns", returns=3, days_ago=5)
    none = add(db, "No Returns")
    by_count = list_customers(db, sort=SortKey.RETURNS, descending=True)
    assert [r.id for r in by_count] == [many, few, none]
    recent = list_customers(db, sort=SortKey.LAST_RETURN, descending=True)
    assert [r.id for r in recent] == [many, few, none]  # never returned: last either way
    oldest = list_customers(db, sort=SortKey.LAST_RETURN)
    assert [r.id for r in oldest] == [few, many, none]


def test_search_and_pages(db):
    ids = [add(db, f"Paula {chr(65 + i)}") for i in range(5)]
    add(db, "Rui Prates")
    assert [r.id for r in list_customers(db, query="paula")] == ids
    assert count_customers(db, query="paula") == 5
    assert [r.id for r in list_customers(db, query="paula", offset=3, limit=10)] == ids[3:]
    assert list_customers(db, query="nobody") == [] and count_customers(db, query="zz") == 0
