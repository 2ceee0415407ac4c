"""The figures computed the slow way, straight from the source tables (the reference).

These are the queries desk.reports.figures ran before it read the reports' facts
(desk.reports.facts): tests check that the figures over the facts equal these after
each kind of change, so no figure can go stale. They take the same arguments and
return the same dataclasses. One difference from the old queries: days to settle
leaves out status changes that keep the status (the records an erasure writes).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Connection, and_, case, distinct, exists, func, or_, select
from sqlalchemy.sql import ColumnElement

from desk.codes import Disposition, Event, OutboxState, Reason, RefundMethod, Status
from desk.models import (
    Customer,
    Feedback,
    OutboxMessage,
    Return,
    ReturnLine,
    Setting,
    StatusChange,
    utcnow,
)
from desk.reports.dashboard import Dashboard
from desk.reports.figures import (
    DispositionCount,
    MethodAmount,
    ReasonCount,
    ResponseTime,
    Returner,
    Satisfaction,
    SettleTime,
    SkuCount,
    StatusCount,
    Sustainability,
    WeekCount,
)
from desk.reports.period import ReportRange
from desk.reports.products import product_figures
from desk.reports.segment_rule import customers_in
from desk.reports.sql import percentiles, seconds_between, week_start

SETTLED = (Status.REFUNDED, Status.EXCHANGED, Status.CREDITED)
"""The statuses that settle a return: the customer has their money, credit or exchange."""

DROPOFF = (Disposition.REFURBISH, Disposition.RECYCLE, Disposition.DONATE)
"""Dispositions that send an item on for reuse or recycling (a drop-off point)."""

TOP = 10
"""How many SKUs and customers the top lists show."""


def in_range(conn: Connection, rng: ReportRange, *, now: datetime | None = None) -> ColumnElement:
    """The condition on `Return` that keeps the returns a report over `rng` is about."""
    cond = and_(Return.created_at >= rng.since, Return.created_at < rng.until)
    if rng.segment is not None:
        ids = customers_in(conn, rng.segment, now=now or utcnow())
        cond = and_(cond, Return.customer_id.in_(ids))
    return cond


def _settled() -> ColumnElement:
    return exists().where(StatusChange.return_id == Return.id, StatusChange.to_status.in_(SETTLED))


def _moved(change) -> ColumnElement:
    return or_(change.c.from_status.is_(None), change.c.from_status != change.c.to_status)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def returns_per_week(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[WeekCount]:
    """Returns logged per UTC week (Monday first), every week of the range, empty ones as 0."""
    week = week_start(conn.dialect.name, Return.created_at).label("week")
    rows = conn.execute(
        select(week, func.count()).where(in_range(conn, rng, now=now)).group_by(week)
    ).all()
    counts = {date.fromisoformat(str(w)): n for w, n in rows}
    monday = rng.start - timedelta(days=rng.start.weekday())
    out = []
    while monday <= rng.end:
        out.append(WeekCount(monday, counts.get(monday, 0)))
        monday += timedelta(days=7)
    return out


def by_reason(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[ReasonCount]:
    """Returns logged per reason, most frequent first."""
    n = func.count().label("n")
    rows = conn.execute(
        select(Return.reason, n)
        .where(in_range(conn, rng, now=now))
        .group_by(Return.reason)
        .order_by(n.desc(), Return.reason)
    ).all()
    return [ReasonCount(Reason(r), c) for r, c in rows]


def by_status(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[StatusCount]:
    """Returns logged in the range by the status they are in now, in workflow order."""
    rows = conn.execute(
        select(Return.status, func.count())
        .where(in_range(conn, rng, now=now))
        .group_by(Return.status)
    ).all()
    counts = {Status(s): c for s, c in rows}
    return [StatusCount(s, counts[s]) for s in Status if s in counts]


def refunded_by_method(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[MethodAmount]:
    """Settled returns per refund method, with what they gave back in cents.

    The amount of a return is its goods value less its fee plus its bonus
    (`total - fee + bonus`, as the policy computes a credit); for an exchange that is
    the value the replacement goods were set against.
    """
    amount = func.sum(Return.total_cents - Return.fee_cents + Return.bonus_cents)
    rows = conn.execute(
        select(Return.refund_method, Return.currency, func.count(), amount)
        .where(in_range(conn, rng, now=now), _settled())
        .group_by(Return.refund_method, Return.currency)
    ).all()
    found = {(RefundMethod(m), code): (n, int(c or 0)) for m, code, n, c in rows}
    return [
        MethodAmount(m, *found[m, code], code)
        for m in RefundMethod
        for code in sorted(code for method, code in found if method == m)
    ]


def days_to_settle(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[SettleTime]:
    """Median days from a return's change to received to its change to a settled status.

    The first row is every settled status together (`status` None), then one row per
    settled status that occurs. Returns never received (or not yet settled) do not count.
    """
    dialect = conn.dialect.name
    # the workflow reaches received once (only from requested) and one settled status
    # once (then only closed), so a plain join pairs each settled return's two changes
    received, settled = (
        StatusChange.__table__.alias("received"),
        StatusChange.__table__.alias("settled"),
    )
    values = (
        select(
            settled.c.to_status.label("g"),
            (seconds_between(dialect, received.c.at, settled.c.at) / 86400.0).label("v"),
        )
        .join_from(settled, received, received.c.return_id == settled.c.return_id)
        .join(Return, Return.id == settled.c.return_id)
        .where(
            settled.c.to_status.in_(SETTLED),
            received.c.to_status == Status.RECEIVED,
            _moved(received),
            _moved(settled),
            in_range(conn, rng, now=now),
        )
    )
    n, median = conn.execute(percentiles(dialect, values, [0.5])).one()
    out = [SettleTime(None, n, _float(median))]
    rows = conn.execute(percentiles(dialect, values, [0.5], group=True)).all()
    found = {Status(g): (c, _float(m)) for g, c, m in rows}
    return out + [SettleTime(s, *found[s]) for s in SETTLED if s in found]


def response_time(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> ResponseTime:
    """Median and 90th percentile hours from a status change to its first message sent.

    Counts the status changes of the returns in range that have a sent message (any
    channel; the earliest `sent_at`). Feedback requests are left out: they wait on
    purpose (the owner's delay), so they say nothing about how fast the shop answers.
    """
    dialect = conn.dialect.name
    first_sent = (
        select(
            OutboxMessage.status_change_id.label("change_id"),
            func.min(OutboxMessage.sent_at).label("sent_at"),
        )
        .where(
            OutboxMessage.state == OutboxState.SENT,
            OutboxMessage.sent_at.is_not(None),
            OutboxMessage.status_change_id.is_not(None),
            OutboxMessage.event != Event.FEEDBACK,
        )
        .group_by(OutboxMessage.status_change_id)
        .subquery("first_sent")
    )
    values = (
        select(
            (seconds_between(dialect, StatusChange.at, first_sent.c.sent_at) / 3600.0).label("v")
        )
        .join_from(first_sent, StatusChange, StatusChange.id == first_sent.c.change_id)
        .join(Return, Return.id == StatusChange.return_id)
        .where(in_range(conn, rng, now=now))
    )
    n, median, p90 = conn.execute(percentiles(dialect, values, [0.5, 0.9])).one()
    return ResponseTime(n, _float(median), _float(p90))


def satisfaction(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> Satisfaction:
    """Ratings of the returns in range (current feedback only) and how many requests got one.

    A request counts as sent when the return has a sent feedback-request message
    (Event.FEEDBACK); it counts as answered when that return has current feedback.
    """
    scope = in_range(conn, rng, now=now)
    current = Feedback.replaced_at.is_(None)
    rows = conn.execute(
        select(Feedback.rating, func.count())
        .join(Return, Return.id == Feedback.return_id)
        .where(current, scope)
        .group_by(Feedback.rating)
    ).all()
    distribution = {rating: 0 for rating in range(1, 6)}
    distribution.update({int(r): c for r, c in rows})
    ratings = sum(distribution.values())
    total = sum(r * c for r, c in distribution.items())
    answered = exists().where(Feedback.return_id == OutboxMessage.return_id, current)
    sent, replied = conn.execute(
        select(
            func.count(distinct(OutboxMessage.return_id)),
            func.count(distinct(case((answered, OutboxMessage.return_id)))),
        )
        .join(Return, Return.id == OutboxMessage.return_id)
        .where(
            OutboxMessage.event == Event.FEEDBACK,
            OutboxMessage.state == OutboxState.SENT,
            scope,
        )
    ).one()
    good = distribution[4] + distribution[5]
    return Satisfaction(
        ratings=ratings,
        average=total / ratings if ratings else None,
        distribution=distribution,
        good_share=_share(good, ratings),
        requests_sent=sent,
        requests_answered=replied,
        answered_share=_share(replied, sent),
    )


def sustainability(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> Sustainability:
    """What became of the returned items of settled returns, by disposition.

    Counts lines and items (quantities) of the returns in range that were settled (the
    shop kept the goods). The drop-off share is the share of those items refurbished,
    recycled or donated (DROPOFF): sent on for reuse or recycling rather than restocked
    or discarded.
    """
    rows = conn.execute(
        select(ReturnLine.disposition, func.count(), func.sum(ReturnLine.quantity))
        .join(Return, Return.id == ReturnLine.return_id)
        .where(in_range(conn, rng, now=now), _settled())
        .group_by(ReturnLine.disposition)
    ).all()
    found = {Disposition(d): (n, int(q or 0)) for d, n, q in rows}
    items = sum(q for _, q in found.values())
    dropoff = sum(found.get(d, (0, 0))[1] for d in DROPOFF)
    by_disposition = [
        DispositionCount(d, *found.get(d, (0, 0)), _share(found.get(d, (0, 0))[1], items))
        for d in Disposition
    ]
    return Sustainability(by_disposition, items, dropoff, _share(dropoff, items))


def top_skus(conn: Connection, rng: ReportRange, *, now: datetime | None = None) -> list[SkuCount]:
    """The TOP most returned SKUs by quantity (returns not cancelled), ties by SKU."""
    quantity = func.sum(ReturnLine.quantity).label("quantity")
    rows = conn.execute(
        select(ReturnLine.sku, quantity, func.count(distinct(ReturnLine.return_id)))
        .join(Return, Return.id == ReturnLine.return_id)
        .where(in_range(conn, rng, now=now), Return.status != Status.CANCELLED)
        .group_by(ReturnLine.sku)
        .order_by(quantity.desc(), ReturnLine.sku)
        .limit(TOP)
    ).all()
    return [SkuCount(s, int(q), n) for s, q, n in rows]


def frequent_returners(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[Returner]:
    """The TOP customers with the most returns (not cancelled) in range, ties by customer id."""
    n = func.count().label("n")
    counts = (
        select(Return.customer_id, n)
        .where(in_range(conn, rng, now=now), Return.status != Status.CANCELLED)
        .group_by(Return.customer_id)
        .order_by(n.desc(), Return.customer_id)
        .limit(TOP)
        .subquery("counts")
    )
    rows = conn.execute(
        select(counts.c.customer_id, Customer.name, counts.c.n)
        .join_from(counts, Customer, Customer.id == counts.c.customer_id)
        .order_by(counts.c.n.desc(), counts.c.customer_id)
    ).all()
    return [Returner(c, name, k) for c, name, k in rows]


def _float(value: object) -> float | None:
    """A duration as a float, rounded to 6 decimals (julianday's float error is ~1e-9 days)."""
    return None if value is None else round(float(value), 6)


def reference_dashboard(db, rng: ReportRange, *, now: datetime) -> Dashboard:
    """Every figure the slow way, on one connection, as desk.reports.dashboard returns them."""
    with db.connect() as conn:
        return Dashboard(
            range=rng,
            per_week=returns_per_week(conn, rng, now=now),
            by_reason=by_reason(conn, rng, now=now),
            by_status=by_status(conn, rng, now=now),
            refunded=refunded_by_method(conn, rng, now=now),
            days_to_settle=days_to_settle(conn, rng, now=now),
            response=response_time(conn, rng, now=now),
            satisfaction=satisfaction(conn, rng, now=now),
            sustainability=sustainability(conn, rng, now=now),
            top_skus=top_skus(conn, rng, now=now),
            frequent_returners=frequent_returners(conn, rng, now=now),
            # the product figures read the source tables where they differ from the facts
            # (tests/desk/reports/test_products.py checks them by hand)
            products=product_figures(conn, rng, now=now),
            currency=conn.execute(
                select(func.coalesce(func.max(Setting.value), "EUR")).where(
                    Setting.key == "shop.currency"
                )
            ).scalar_one(),
        )
