"""The customer segment rule of desk.customers.habits, written as a SQL CASE.

A customer's segment comes from their whole history (every return not cancelled, those of
the last 365 days, the orders the shop's system reported) and the owner's `segment.*`
thresholds. `customer_segments` computes it for every customer with a return in one
GROUP BY, so figures can keep the returns of one segment without loading customers.
The order of the tests, the thresholds and the float arithmetic of the rate are the same
as `desk.customers.habits._segment` (tests check both agree on the demo data).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, Float, and_, case, cast, func, literal, or_, select
from sqlalchemy.sql import Select
from sqlmodel import Session

from desk.codes import Status
from desk.customers.habits import thresholds
from desk.customers.segments import Segment
from desk.models import Customer, Return


def segment_limits(conn: Connection) -> dict[str, int]:
    """The owner's segment thresholds (`segment.*` settings), read on `conn`."""
    with Session(bind=conn) as session:
        return thresholds(session)


def customer_segments(conn: Connection, *, now: datetime) -> Select:
    """A select of (customer_id, segment) for every customer with at least one return."""
    limits = segment_limits(conn)
    kept = Return.status != Status.CANCELLED
    year_ago = now - timedelta(days=365)
    per_customer = (
        select(
            Return.customer_id.label("customer_id"),
            func.sum(case((kept, 1), else_=0)).label("returns"),
            func.sum(case((and_(kept, Return.created_at >= year_ago), 1), else_=0)).label(
                "last_year"
            ),
        )
        .group_by(Return.customer_id)
        .subquery("per_customer")
    )
    history = (
        select(per_customer, Customer.orders_count.label("orders"))
        .join_from(per_customer, Customer, Customer.id == per_customer.c.customer_id)
        .subquery("history")
    )
    returns, last_year, orders = history.c.returns, history.c.last_year, history.c.orders
    known = and_(orders.is_not(None), orders != 0)
    # (returns / orders) * 100, in floating point as Python computes `rate * 100`
    rate_pct = (cast(returns, Float) / orders) * 100
    segment = case(
        (last_year >= limits["frequent_returns"], literal(Segment.FREQUENT.value)),
        (
            and_(known, returns >= 3, rate_pct >= limits["frequent_rate"]),
            literal(Segment.FREQUENT.value),
        ),
        (
            and_(
                orders.is_not(None),
                orders >= limits["loyal_orders"],
                or_(~known, rate_pct <= limits["loyal_max_rate"]),
            ),
            literal(Segment.LOYAL.value),
        ),
        (
            and_(
                returns <= limits["new_max_returns"],
                or_(orders.is_(None), orders <= 1),
            ),
            literal(Segment.NEW.value),
        ),
        else_=literal(Segment.OCCASIONAL.value),
    )
    return select(history.c.customer_id, segment.label("segment"))


def customers_in(conn: Connection, segment: Segment, *, now: datetime) -> Select:
    """A select of the ids of the customers now in `segment`."""
    rows = customer_segments(conn, now=now).subquery("segments")
    return select(rows.c.customer_id).where(rows.c.segment == segment.value)
