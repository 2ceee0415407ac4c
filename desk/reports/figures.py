"""One function per dashboard figure, each one or two SQL aggregate queries over the facts.

The figures read the reports' facts (desk.reports.facts: one narrow, indexed row per
return, per answered status change and per line, kept in step by the services), not
the source tables; tests check they equal the same figures computed from the source
tables after every kind of change. Medians and the 90th percentile are exact (SQLite
reads them by walking an index, desk.reports.sql.ranked_percentiles).

Every figure is about the returns logged (`Return.created_at`) in the range's UTC days,
and, when the range names a segment, only those of customers now in that segment
(desk.reports.segment_rule). Each function takes a Connection and the ReportRange and
returns a small dataclass or a short list; `now` (default: the current time) only
matters for the segment, whose "last 12 months" count ends there.

Which returns count:
- per week, by reason, by status now: every return logged, cancelled ones included;
- refunded amount, days to settle, sustainability: returns that were settled (a status
  change to refunded, exchanged or credited), whatever they are now (often closed);
- most returned SKUs, frequent returners: returns not cancelled (as customer habits count);
- response time: status changes of the returns in range, with their first sent message;
- satisfaction: the current feedback (`replaced_at IS NULL`) of the returns in range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, case, func, select

from desk.codes import Disposition, Reason, RefundMethod, Status
from desk.models import Customer
from desk.reports.facts import SETTLED
from desk.reports.period import ReportRange
from desk.reports.scope import in_range, scope
from desk.reports.sql import ranked_percentiles
from desk.reports.tables import ReportLine, ReportResponse, ReportReturn

DROPOFF = (Disposition.REFURBISH, Disposition.RECYCLE, Disposition.DONATE)
"""Dispositions that send an item on for reuse or recycling (a drop-off point)."""

TOP = 10
"""How many SKUs and customers the top lists show."""


@dataclass(frozen=True)
class WeekCount:
    week: date  # the Monday the UTC week starts on
    returns: int


@dataclass(frozen=True)
class ReasonCount:
    reason: Reason
    returns: int


@dataclass(frozen=True)
class StatusCount:
    status: Status
    returns: int


@dataclass(frozen=True)
class MethodAmount:
    method: RefundMethod
    returns: int
    cents: int  # goods value, less fees, plus bonuses (what the customer got back)
    currency: str = "EUR"  # the returns' own (ISO code): amounts in two are never added


@dataclass(frozen=True)
class SettleTime:
    status: Status | None  # None: all settled statuses together
    returns: int
    median_days: float | None


@dataclass(frozen=True)
class ResponseTime:
    messages: int  # status changes with a sent message
    median_hours: float | None
    p90_hours: float | None


@dataclass(frozen=True)
class Satisfaction:
    ratings: int  # returns with current feedback
    average: float | None
    distribution: dict[int, int]  # rating 1..5 -> returns
    good_share: float | None  # share of ratings that are 4 or 5
    requests_sent: int  # returns whose feedback request was sent
    requests_answered: int  # of those, returns with current feedback
    answered_share: float | None


@dataclass(frozen=True)
class DispositionCount:
    disposition: Disposition
    lines: int
    items: int  # sum of quantities
    share: float | None  # of all items


@dataclass(frozen=True)
class Sustainability:
    by_disposition: list[DispositionCount]  # every disposition, in declaration order
    items: int
    dropoff_items: int  # refurbished, recycled or donated
    dropoff_share: float | None  # dropoff_items / items


@dataclass(frozen=True)
class SkuCount:
    sku: str
    quantity: int
    returns: int


@dataclass(frozen=True)
class Returner:
    customer_id: int
    name: str
    returns: int


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def returns_per_week(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[WeekCount]:
    """Returns logged per UTC week (Monday first), every week of the range, empty ones as 0.

    Counted per day (in the order of the day index), then added up per week.
    """
    f = ReportReturn
    rows = conn.execute(
        select(f.day, func.count()).where(*in_range(conn, rng, now=now)).group_by(f.day)
    ).all()
    counts: dict[date, int] = {}
    for day, n in rows:
        monday = day - timedelta(days=day.weekday())
        counts[monday] = counts.get(monday, 0) + n
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
    f, n = ReportReturn, func.count().label("n")
    rows = conn.execute(
        select(f.reason, n)
        .where(*scope(conn, rng, now))
        .group_by(f.reason)
        .order_by(n.desc(), f.reason)
    ).all()
    return [ReasonCount(Reason(r), c) for r, c in rows]


def by_status(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[StatusCount]:
    """Returns logged in the range by the status they are in now, in workflow order."""
    f = ReportReturn
    rows = conn.execute(
        select(f.status, func.count()).where(*scope(conn, rng, now)).group_by(f.status)
    ).all()
    counts = {Status(s): c for s, c in rows}
    return [StatusCount(s, counts[s]) for s in Status if s in counts]


def refunded_by_method(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[MethodAmount]:
    """Settled returns per refund method and currency, with what they gave back in cents.

    The amount of a return is its goods value less its fee plus its bonus
    (`total - fee + bonus`, as the policy computes a credit); for an exchange that is
    the value the replacement goods were set against. Each amount is in its return's
    currency (kept in the facts), so there is one row per method and currency, in
    method order, then by currency code; amounts in different currencies are not added.
    """
    f = ReportReturn
    rows = conn.execute(  # by settled status first: the order of their index
        select(f.refund_method, f.currency, func.count(), func.sum(f.amount_cents))
        .where(f.settled_status.is_not(None), *scope(conn, rng, now))
        .group_by(f.settled_status, f.refund_method, f.currency)
    ).all()
    found: dict[tuple[RefundMethod, str], tuple[int, int]] = {}
    for m, code, n, c in rows:
        key = (RefundMethod(m), str(code))
        before = found.get(key, (0, 0))
        found[key] = (before[0] + n, before[1] + int(c or 0))
    order = {m: i for i, m in enumerate(RefundMethod)}
    return [
        MethodAmount(m, n, c, code)
        for (m, code), (n, c) in sorted(found.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))
    ]


def days_to_settle(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[SettleTime]:
    """Median days from a return's change to received to its change to a settled status.

    The first row is every settled status together (`status` None), then one row per
    settled status that occurs. Returns never received (or not yet settled) do not count.
    """
    f = ReportReturn
    kept = scope(conn, rng, now)
    counts = dict(
        conn.execute(
            select(f.settled_status, func.count(f.settle_days))
            .where(f.settled_status.is_not(None), *kept)
            .group_by(f.settled_status)
        ).all()
    )
    walk = in_range(conn, rng, now=now, indexed=False) if rng.segment is None else None
    n, (median,) = ranked_percentiles(
        conn, f.__table__, f.settle_days, kept, [0.5], walk=walk, n=sum(counts.values())
    )
    out = [SettleTime(None, n, _float(median))]
    for status in SETTLED:
        if not counts.get(status):
            continue
        mine = f.settled_status == status
        count, (median,) = ranked_percentiles(
            conn,
            f.__table__,
            f.settle_days,
            [mine, *kept],
            [0.5],
            walk=None if walk is None else [mine, *walk],
            n=counts[status],
        )
        out.append(SettleTime(status, count, _float(median)))
    return out


def response_time(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> ResponseTime:
    """Median and 90th percentile hours from a status change to its first message sent.

    Counts the status changes of the returns in range that have a sent message (any
    channel; the earliest `sent_at`). Feedback requests are left out: they wait on
    purpose (the owner's delay), so they say nothing about how fast the shop answers.
    """
    f = ReportResponse
    kept = in_range(conn, rng, now=now, facts=f)  # hours is never NULL: a count of the day
    walk = None
    if rng.segment is None:
        walk = in_range(conn, rng, now=now, facts=f, indexed=False)
    n, (median, p90) = ranked_percentiles(conn, f.__table__, f.hours, kept, [0.5, 0.9], walk=walk)
    return ResponseTime(n, _float(median), _float(p90))


def satisfaction(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> Satisfaction:
    """Ratings of the returns in range (current feedback only) and how many requests got one.

    A request counts as sent when the return has a sent feedback-request message
    (Event.FEEDBACK); it counts as answered when that return has current feedback.
    """
    f = ReportReturn
    rows = conn.execute(
        select(f.rating, f.asked, func.count())
        .where(*scope(conn, rng, now))
        .group_by(f.rating, f.asked)
    ).all()
    distribution = {rating: 0 for rating in range(1, 6)}
    sent = replied = 0
    for rating, asked, count in rows:
        if rating is not None:
            distribution[int(rating)] += count
        if asked:
            sent += count
            replied += count if rating is not None else 0
    ratings = sum(distribution.values())
    total = sum(r * c for r, c in distribution.items())
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
    f = ReportReturn.__table__
    sums = [
        func.coalesce(func.sum(f.c[f"{d.value}_{what}"]), 0)
        for d in Disposition
        for what in ("lines", "items")
    ]
    row = conn.execute(
        select(*sums).where(ReportReturn.settled_status.is_not(None), *scope(conn, rng, now))
    ).one()
    found = {d: (int(row[2 * i]), int(row[2 * i + 1])) for i, d in enumerate(Disposition)}
    items = sum(q for _, q in found.values())
    dropoff = sum(found[d][1] for d in DROPOFF)
    by_disposition = [
        DispositionCount(d, *found[d], _share(found[d][1], items)) for d in Disposition
    ]
    return Sustainability(by_disposition, items, dropoff, _share(dropoff, items))


def top_skus(conn: Connection, rng: ReportRange, *, now: datetime | None = None) -> list[SkuCount]:
    """The TOP most returned SKUs by quantity (returns not cancelled), ties by SKU."""
    f = ReportLine
    quantity = func.sum(f.quantity).label("quantity")
    rows = conn.execute(
        select(f.sku, quantity, func.sum(case((f.first_of_sku == True, 1), else_=0)))  # noqa: E712
        .where(f.kept == True, *scope(conn, rng, now, f))  # noqa: E712
        .group_by(f.sku)
        .order_by(quantity.desc(), f.sku)
        .limit(TOP)
    ).all()
    return [SkuCount(s, int(q), n) for s, q, n in rows]


def frequent_returners(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> list[Returner]:
    """The TOP customers with the most returns (not cancelled) in range, ties by customer id."""
    f, n = ReportReturn, func.count().label("n")
    counts = (
        select(f.customer_id, n)
        .where(f.status != Status.CANCELLED, *scope(conn, rng, now))
        .group_by(f.customer_id)
        .order_by(n.desc(), f.customer_id)
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
