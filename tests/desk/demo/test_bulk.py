"""Core bulk inserts write what the ORM writes."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from desk.catalog.tables import Sale
from desk.demo.bulk import epoch_text, insert_rows, insert_tuples, stamp_for
from desk.demo.sales import SALE_COLUMNS
from desk.models import Customer

STAMP = datetime(2026, 11, 30, 19, 36, 20, tzinfo=UTC)


def test_epoch_text_is_the_text_of_the_utc_moment():
    moment = int(STAMP.timestamp())
    assert epoch_text(moment) == "2026-11-30 19:36:20.000000"
    assert epoch_text(0) == "1970-01-01 00:00:00.000000"
    assert epoch_text(moment + 86_399 - 70_580) == "2026-11-30 23:59:59.000000"


def test_tuples_and_rows_read_back_as_the_orm_wrote_them(db):
    with db.session() as session:  # first: explicit ids do not move PostgreSQL's sequences
        session.add(Sale(receipt="X-1", receipt_key="X-1", sold_at=STAMP, source="csv"))
        session.commit()
    with db.engine.begin() as conn:
        insert_rows(conn, Customer.__table__, [{"id": 7, "name": "Rui", "created_at": STAMP}])
        stamp = stamp_for(conn)
        row = (2, "4821-0173", "4821-0173", stamp(int(STAMP.timestamp())), 7, "EUR", "demo")
        insert_tuples(conn, Sale.__table__, SALE_COLUMNS, [row])
    with db.session() as session:
        sales = session.exec(select(Sale).order_by(Sale.id)).scalars().all()
        assert [(s.receipt, s.sold_at, s.customer_id) for s in sales] == [
            ("X-1", STAMP, None),
            ("4821-0173", STAMP, 7),
        ]
        assert session.get(Customer, 7).created_at == STAMP


@pytest.mark.sqlite_only("the stored text of a stamp")
def test_stamps_are_stored_in_one_format(db, db_path):
    with db.engine.begin() as conn:
        row = (1, "A-1", "A-1", epoch_text(int(STAMP.timestamp())), None, "EUR", "demo")
        insert_tuples(conn, Sale.__table__, SALE_COLUMNS, [row])
    with db.session() as session:
        session.add(Sale(receipt="A-2", receipt_key="A-2", sold_at=STAMP, source="csv"))
        session.commit()
    raw = sqlite3.connect(db_path)
    try:
        stored = {at for (at,) in raw.execute("SELECT sold_at FROM sale")}
    finally:
        raw.close()
    assert stored == {"2026-11-30 19:36:20.000000"}


@pytest.mark.sqlite_only("PostgreSQL takes the rows as dicts, by column name")
def test_a_tuple_in_another_column_order_is_refused(db):
    with db.engine.begin() as conn, pytest.raises(AssertionError):
        insert_tuples(conn, Sale.__table__, tuple(reversed(SALE_COLUMNS)), [tuple(range(7))])
