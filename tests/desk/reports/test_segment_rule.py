"""The segment rule in SQL agrees with desk.customers.habits, on demo data and edge cases."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from desk.codes import Reason, Status
from desk.customers.habits import habits_for
from desk.customers.segments import Segment
from desk.demo.seed import seed_demo
from desk.models import Customer, Return
from desk.policy.settings import (
    SEGMENT_FREQUENT_RATE,
    SEGMENT_FREQUENT_RETURNS,
    SEGMENT_LOYAL_ORDERS,
)
from desk.reports.segment_rule import customer_segments, customers_in, segment_limits
from desk.settings import set_settings

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def sql_segments(db) -> dict[int, Segment]:
    with db.connect() as conn:
        rows = conn.execute(customer_segments(conn, now=NOW)).all()
    return {customer: Segment(segment) for customer, segment in rows}


def python_segments(db, ids) -> dict[int, Segment]:
    with db.session() as session:
        return {i: habits_for(session, i, now=NOW).segment for i in ids}


def test_sql_and_python_agree_on_the_demo_data(any_db):
    db = any_db
    seed_demo(db, returns=600, seed=3, now=NOW)
    in_sql = sql_segments(db)
    assert in_sql == python_segments(db, in_sql)
    assert len(set(in_sql.values())) == 4  # the demo has every segment, so each rule ran


def test_sql_and_python_agree_with_the_owners_thresholds(any_db):
    db = any_db
    seed_demo(db, returns=400, seed=5, now=NOW)
    with db.session() as session:
        set_settings(session, {SEGMENT_FREQUENT_RETURNS: 2, SEGMENT_LOYAL_ORDERS: 3})
        session.commit()
    with db.connect() as conn:
        assert segment_limits(conn)["frequent_returns"] == 2
    in_sql = sql_segments(db)
    assert in_sql == python_segments(db, in_sql)
    assert Counter(in_sql.values())[Segment.FREQUENT] > 0


# orders, returns kept in the last year, returns kept before, cancelled -> segment
EDGES = [
    (None, 6, 0, 0, Segment.FREQUENT),  # 6 in 12 months
    (None, 5, 3, 0, Segment.OCCASIONAL),  # 8 kept, only 5 recent
    (6, 0, 3, 0, Segment.FREQUENT),  # 3 of 6 orders = 50 %
    (7, 0, 3, 0, Segment.OCCASIONAL),  # 3 of 7 = 42.9 %
    (8, 0, 2, 0, Segment.LOYAL),  # 2 of 8 = 25 %
    (8, 0, 3, 0, Segment.OCCASIONAL),  # 37.5 %
    (0, 1, 0, 0, Segment.NEW),  # no orders known as 0: no rate
    (1, 1, 0, 0, Segment.NEW),
    (2, 1, 0, 0, Segment.OCCASIONAL),
    (None, 0, 0, 4, Segment.NEW),  # only cancelled returns
]


@pytest.mark.parametrize(("orders", "recent", "older", "cancelled", "segment"), EDGES)
def test_edge_cases_agree(any_db, orders, recent, older, cancelled, segment):
    check_one(any_db, orders, recent, older, cancelled, segment)


def test_the_rate_is_compared_in_floating_point_as_python_does(any_db):
    db = any_db
    # 29 / 100 * 100 is 28.999999999999996 in floats: under a 29 % threshold, in both
    with db.session() as session:
        set_settings(session, {SEGMENT_FREQUENT_RATE: 29})
        session.commit()
    check_one(db, 100, 0, 29, 0, Segment.OCCASIONAL)


def check_one(db, orders, recent, older, cancelled, segment):
    with db.session() as s:
        customer = Customer(name="Edge", orders_count=orders)
        s.add(customer)
        s.flush()
        days = [10] * recent + [400] * older
        statuses = [Status.CLOSED] * (recent + older) + [Status.CANCELLED] * cancelled
        for n, (status, ago) in enumerate(zip(statuses, days + [5] * cancelled, strict=True)):
            when = NOW - timedelta(days=ago)
            s.add(
                Return(
                    number=f"E-{n}",
                    customer_id=customer.id,
                    status=status,
                    reason=Reason.OTHER,
                    created_at=when,
                    updated_at=when,
                )
            )
        s.commit()
        cid = customer.id
    assert sql_segments(db) == {cid: segment}
    assert python_segments(db, [cid]) == {cid: segment}
    with db.connect() as conn:
        assert conn.execute(customers_in(conn, segment, now=NOW)).scalars().all() == [cid]
