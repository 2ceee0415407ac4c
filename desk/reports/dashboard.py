"""Every figure of the owner's dashboard in one call, and the figures as CSV rows and JSON."""

from __future__ import annotations

import dataclasses
import enum
import json
from dataclasses import dataclass
from datetime import date, datetime

from desk.db import Database
from desk.models import utcnow
from desk.reports import figures
from desk.reports.figures import (
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


@dataclass(frozen=True)
class Dashboard:
    """Every figure over one range, computed together."""

    range: ReportRange
    per_week: list[WeekCount]
    by_reason: list[ReasonCount]
    by_status: list[StatusCount]
    refunded: list[MethodAmount]
    days_to_settle: list[SettleTime]
    response: ResponseTime
    satisfaction: Satisfaction
    sustainability: Sustainability
    top_skus: list[SkuCount]
    frequent_returners: list[Returner]


def dashboard(db: Database, rng: ReportRange, *, now: datetime | None = None) -> Dashboard:
    """Compute every figure over `rng` on one connection (read only)."""
    now = now or utcnow()
    with db.connect() as conn:
        return Dashboard(
            range=rng,
            per_week=figures.returns_per_week(conn, rng, now=now),
            by_reason=figures.by_reason(conn, rng, now=now),
            by_status=figures.by_status(conn, rng, now=now),
            refunded=figures.refunded_by_method(conn, rng, now=now),
            days_to_settle=figures.days_to_settle(conn, rng, now=now),
            response=figures.response_time(conn, rng, now=now),
            satisfaction=figures.satisfaction(conn, rng, now=now),
            sustainability=figures.sustainability(conn, rng, now=now),
            top_skus=figures.top_skus(conn, rng, now=now),
            frequent_returners=figures.frequent_returners(conn, rng, now=now),
        )


def report_rows(dash: Dashboard) -> list[tuple[str, str, object]]:
    """The dashboard as (figure, key, value) rows, as the CSV export writes them.

    Keys name the counted thing (`2026-11-30`, `wrong_size`, `refunded`) with a suffix
    where a figure has several values (`original.cents`, `rating.4`, `median_hours`).
    Missing values (no data) are None; shares are fractions from 0 to 1.
    """
    d, rows = dash, []

    def add(figure: str, key: str, value: object) -> None:
        rows.append((figure, key, value))

    add("range", "from", d.range.start.isoformat())
    add("range", "to", d.range.end.isoformat())
    add("range", "segment", d.range.segment.value if d.range.segment else "all")
    for w in d.per_week:
        add("returns_per_week", w.week.isoformat(), w.returns)
    for r in d.by_reason:
        add("by_reason", r.reason.value, r.returns)
    for s in d.by_status:
        add("by_status", s.status.value, s.returns)
    for m in d.refunded:
        add("refunded_by_method", f"{m.method.value}.returns", m.returns)
        add("refunded_by_method", f"{m.method.value}.cents", m.cents)
    for t in d.days_to_settle:
        name = t.status.value if t.status else "all"
        add("days_to_settle", f"{name}.returns", t.returns)
        add("days_to_settle", f"{name}.median_days", t.median_days)
    add("response_time", "messages", d.response.messages)
    add("response_time", "median_hours", d.response.median_hours)
    add("response_time", "p90_hours", d.response.p90_hours)
    s = d.satisfaction
    add("satisfaction", "ratings", s.ratings)
    add("satisfaction", "average", s.average)
    for rating, count in s.distribution.items():
        add("satisfaction", f"rating.{rating}", count)
    add("satisfaction", "good_share", s.good_share)
    add("satisfaction", "requests_sent", s.requests_sent)
    add("satisfaction", "requests_answered", s.requests_answered)
    add("satisfaction", "answered_share", s.answered_share)
    u = d.sustainability
    for c in u.by_disposition:
        add("sustainability", f"{c.disposition.value}.lines", c.lines)
        add("sustainability", f"{c.disposition.value}.items", c.items)
        add("sustainability", f"{c.disposition.value}.share", c.share)
    add("sustainability", "items", u.items)
    add("sustainability", "dropoff_items", u.dropoff_items)
    add("sustainability", "dropoff_share", u.dropoff_share)
    for k in d.top_skus:
        add("top_skus", f"{k.sku}.quantity", k.quantity)
        add("top_skus", f"{k.sku}.returns", k.returns)
    for c in d.frequent_returners:
        add("frequent_returners", f"{c.customer_id}.name", c.name)
        add("frequent_returners", f"{c.customer_id}.returns", c.returns)
    return rows


def as_dict(dash: Dashboard) -> dict:
    """The dashboard as plain JSON-ready data: enums as their values, dates as ISO text."""
    return _plain(dataclasses.asdict(dash))


def as_json(dash: Dashboard) -> str:
    """The dashboard as a JSON document (see `as_dict`)."""
    return json.dumps(as_dict(dash), indent=2, ensure_ascii=False)


def _plain(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
