"""A customer's return habits, computed from their history, and the segment they fall in."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from desk.codes import Status
from desk.customers.segments import Segment
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number, format_percent
from desk.models import Customer, Return, utcnow
from desk.policy.settings import SEGMENT_THRESHOLDS
from desk.settings import get_setting


@dataclass(frozen=True)
class Habits:
    """What a customer's history says about them."""

    returns: int  # every return not cancelled
    cancelled: int
    returns_last_year: int
    orders: int | None  # None when the shop's system never told us
    return_rate: float | None  # returns / orders, when orders are known
    top_reasons: list[tuple[str, int]]
    usual_refund: str | None
    median_days_to_return: float | None
    last_return: datetime | None
    segment: Segment
    why: str  # the reason for the segment, in words

    @property
    def flagged(self) -> bool:
        """True for a frequent returner: staff should take a look (never a block)."""
        return self.segment is Segment.FREQUENT


def thresholds(session: Session) -> dict[str, int]:
    """The owner's segment thresholds, by key without the `segment.` prefix."""
    return {spec.key.split(".", 1)[1]: get_setting(session, spec) for spec in SEGMENT_THRESHOLDS}


def habits_for(session: Session, customer_id: int, *, now: datetime | None = None) -> Habits:
    """Compute a customer's habits and segment from their returns and known orders."""
    customer = session.get(Customer, customer_id)
    rows = session.exec(
        select(
            Return.status,
            Return.reason,
            Return.refund_method,
            Return.created_at,
            Return.purchase_date,
        )
        .where(Return.customer_id == customer_id)
        .order_by(col(Return.created_at))
    ).all()
    orders = getattr(customer, "orders_count", None) if customer else None
    return summarise(rows, orders=orders, limits=thresholds(session), now=now or utcnow())


def summarise(rows, *, orders: int | None, limits: dict[str, int], now: datetime) -> Habits:
    """Habits from (status, reason, refund_method, created_at, purchase_date) rows."""
    kept = [r for r in rows if r[0] != Status.CANCELLED]
    year_ago = now - timedelta(days=365)
    last_year = sum(1 for r in kept if r[3] >= year_ago)
    rate = len(kept) / orders if orders else None
    days = [(r[3].date() - r[4]).days for r in kept if r[4] is not None]
    refunds = Counter(r[2] for r in kept).most_common(1)
    segment, why = _segment(len(kept), last_year, orders, rate, limits)
    return Habits(
        returns=len(kept),
        cancelled=len(rows) - len(kept),
        returns_last_year=last_year,
        orders=orders,
        return_rate=rate,
        top_reasons=Counter(r[1] for r in kept).most_common(3),
        usual_refund=refunds[0][0] if refunds else None,
        median_days_to_return=statistics.median(days) if days else None,
        last_return=max(r[3] for r in kept) if kept else None,
        segment=segment,
        why=why,
    )


def _segment(
    returns: int, last_year: int, orders: int | None, rate: float | None, limits: dict[str, int]
) -> tuple[Segment, str]:
    if last_year >= limits["frequent_returns"]:
        return Segment.FREQUENT, ngettext(
            "{n} return in the last 12 months", "{n} returns in the last 12 months", last_year
        ).format(n=format_number(last_year))
    if rate is not None and returns >= 3 and rate * 100 >= limits["frequent_rate"]:
        return Segment.FREQUENT, ngettext(
            "returns {share} of {n} order", "returns {share} of {n} orders", orders or 0
        ).format(share=format_percent(rate), n=format_number(orders or 0))
    if (
        orders is not None
        and orders >= limits["loyal_orders"]
        and (rate is None or rate * 100 <= limits["loyal_max_rate"])
    ):
        return Segment.LOYAL, ngettext(
            "{n} order, {returned} returned", "{n} orders, {returned} returned", orders
        ).format(n=format_number(orders), returned=format_number(returns))
    if returns <= limits["new_max_returns"] and (orders is None or orders <= 1):
        return Segment.NEW, _("first return") if returns <= 1 else _count(returns)
    if orders is None:
        return Segment.OCCASIONAL, _count(returns)
    return Segment.OCCASIONAL, ngettext(
        "{n} return of {orders} orders", "{n} returns of {orders} orders", returns
    ).format(n=format_number(returns), orders=format_number(orders))


def _count(n: int) -> str:
    return ngettext("{n} return", "{n} returns", n).format(n=format_number(n))
