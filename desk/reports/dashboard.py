"""Every figure of the owner's dashboard in one call, and the figures as CSV rows and JSON."""

from __future__ import annotations

import dataclasses
import enum
import json
from concurrent.futures import ThreadPoolExecutor
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
from desk.reports.products import ProductFigures, product_figures
from desk.settings import SHOP_CURRENCY, get_setting


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
    products: ProductFigures | None = None  # None when left out (`dashboard(products=False)`)
    currency: str = "EUR"  # the shop's currency setting now (new returns are logged in it)

    def refunded_totals(self) -> list[tuple[str, int]]:
        """What settled returns gave back, one (currency, cents) per currency, never added
        across currencies: the shop's currency first, then the others by code."""
        totals: dict[str, int] = {}
        for m in self.refunded:
            totals[m.currency] = totals.get(m.currency, 0) + m.cents
        return sorted(totals.items(), key=lambda kv: (kv[0] != self.currency, kv[0]))


FIGURES = {
    "per_week": figures.returns_per_week,
    "by_reason": figures.by_reason,
    "by_status": figures.by_status,
    "refunded": figures.refunded_by_method,
    "days_to_settle": figures.days_to_settle,
    "response": figures.response_time,
    "satisfaction": figures.satisfaction,
    "sustainability": figures.sustainability,
    "top_skus": figures.top_skus,
    "frequent_returners": figures.frequent_returners,
    "products": product_figures,
}
"""Each Dashboard field and the figure function that fills it."""

WORKERS = 2
"""Figures computed at the same time, each on its own connection (SQLite and the
database driver let go of Python's lock while a query runs)."""


def dashboard(
    db: Database,
    rng: ReportRange,
    *,
    now: datetime | None = None,
    workers: int = WORKERS,
    products: bool = True,
) -> Dashboard:
    """Compute every figure over `rng` (read only), `workers` figures at a time.

    With one worker every figure reads one connection, so one snapshot; with more, each
    worker reads its own, so a change saved while the figures run may show in some of
    them and not yet in others (the next refresh shows it everywhere). Without
    `products` the product figures are left out (`products` None): the window asks for
    them apart (`product_dashboard`), as they read the source tables and take longer.
    """
    now = now or utcnow()
    with db.session() as session:
        currency = get_setting(session, SHOP_CURRENCY)

    def compute(names: list[str]) -> dict[str, object]:
        with db.connect() as conn:
            return {name: FIGURES[name](conn, rng, now=now) for name in names}

    names = [name for name in FIGURES if products or name != "products"]
    if workers <= 1:
        found = compute(names)
    else:
        rest = [name for name in names if name != "products"]
        first = [["products"]] if products else []  # the longest: a worker of its own
        shares = first + [rest[i :: workers - len(first)] for i in range(workers - len(first))]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            found = {}
            for part in pool.map(compute, shares):
                found.update(part)
    return Dashboard(range=rng, **found, currency=currency)


def product_dashboard(
    db: Database, rng: ReportRange, *, now: datetime | None = None
) -> ProductFigures:
    """The product figures over `rng` alone (read only, one connection): the dashboard's
    Products section loads them beside the cards."""
    with db.connect() as conn:
        return product_figures(conn, rng, now=now or utcnow())


def report_rows(dash: Dashboard) -> list[tuple[str, str, object]]:
    """The dashboard as (figure, key, value) rows, as the CSV export writes them.

    Keys name the counted thing (`2026-11-30`, `wrong_size`, `refunded`) with a suffix
    where a figure has several values (`original.EUR.cents`, `rating.4`, `median_hours`);
    money keys name their currency.
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
    for m in d.refunded:  # amounts in different currencies are never added together
        add("refunded_by_method", f"{m.method.value}.{m.currency}.returns", m.returns)
        add("refunded_by_method", f"{m.method.value}.{m.currency}.cents", m.cents)
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
    if d.products is not None:
        _product_rows(d.products, add)
    return rows


def _product_rows(p: ProductFigures, add) -> None:
    """The product figures' rows: each top product by its SKU, each category by its name.

    Without any sale imported, `products,sales_imported` is False and every sold count and
    rate is empty (no sales imported, not 0 %).
    """
    add("products", "sales_imported", p.sales_known)
    for figure, listed in (
        ("products_by_quantity", p.by_quantity),
        ("products_by_returns", p.by_returns),
    ):
        for r in listed:
            add(figure, f"{r.sku}.name", r.name)
            add(figure, f"{r.sku}.category", r.category)
            add(figure, f"{r.sku}.quantity", r.quantity)
            add(figure, f"{r.sku}.returns", r.returns)
            for amount in r.refunded:
                add(figure, f"{r.sku}.refunded.{amount.currency}.cents", amount.cents)
            add(figure, f"{r.sku}.sold", r.sold)
            add(figure, f"{r.sku}.return_rate", r.rate)
    for c in p.categories:
        add("category_return_rate", f"{c.category}.returned", c.returned)
        add("category_return_rate", f"{c.category}.sold", c.sold)
        add("category_return_rate", f"{c.category}.return_rate", c.rate)


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
