"""What each dashboard card shows: desk/reports' figures put in words, bars and CSV rows.

Nothing is computed here beyond choosing words: the numbers are desk.reports.dashboard's.
"""

from __future__ import annotations

from desk import labels
from desk.codes import Disposition
from desk.money import format_money
from desk.reports.dashboard import Dashboard
from ui.dashboard.charts import Figure
from ui.returns.model import STATUS_COLORS

RATING_COLORS = ("#dc2626", "#f97316", "#eab308", "#84cc16", "#16a34a")
DISPOSITION_COLORS: dict[Disposition, str] = {
    Disposition.RESTOCK: "#16a34a",
    Disposition.REFURBISH: "#0891b2",
    Disposition.RECYCLE: "#2563eb",
    Disposition.DONATE: "#7c3aed",
    Disposition.DISCARD: "#9ca3af",
}
TITLES = (
    "Returns per week",
    "Returns by status now",
    "Returns by reason",
    "Refunded by method",
    "Days from received to settled",
    "Response time",
    "Satisfaction",
    "Sustainability",
    "Most returned SKUs",
    "Frequent returners",
)
"""The cards' titles, in the order `figures_of` gives them (the grid and the print follow it)."""


def percent(share: float | None) -> str:
    """A share (0..1) as "35%"; "–" when there is none."""
    return "–" if share is None else f"{share * 100:.0f}%"


def hours(value: float | None) -> str:
    """Hours as staff read them: "12 min" under an hour, "3.2 h", days past two days; "–"
    when none."""
    if value is None:
        return "–"
    if value < 1:
        return f"{value * 60:.0f} min"
    if value >= 48:
        return f"{value / 24:.1f} days"
    return f"{value:.1f} h"


def days(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} days"


def figures_of(dash: Dashboard) -> list[Figure]:
    """The ten cards of `dash`, in the order of `TITLES`."""
    return [
        _per_week(dash),
        _by_status(dash),
        _by_reason(dash),
        _refunded(dash),
        _settle(dash),
        _response(dash),
        _satisfaction(dash),
        _sustainability(dash),
        _skus(dash),
        _returners(dash),
    ]


def _per_week(dash: Dashboard) -> Figure:
    weeks = dash.per_week
    total = sum(w.returns for w in weeks)
    return Figure(
        name="returns-per-week",
        title=TITLES[0],
        key=f"{total:,} returns",
        labels=[w.week.strftime("%d %b").lstrip("0") for w in weeks],
        values=[w.returns for w in weeks],
        csv_header=("week_starting", "returns"),
        csv_rows=[(w.week.isoformat(), w.returns) for w in weeks],
    )


def _by_status(dash: Dashboard) -> Figure:
    rows = dash.by_status
    return Figure(
        name="by-status",
        title=TITLES[1],
        labels=[r.status.label for r in rows],
        values=[r.returns for r in rows],
        value_texts=[f"{r.returns:,}" for r in rows],
        colors=[STATUS_COLORS[r.status] for r in rows],
        horizontal=True,
        csv_header=("status", "returns"),
        csv_rows=[(r.status.value, r.returns) for r in rows],
    )


def _by_reason(dash: Dashboard) -> Figure:
    rows = dash.by_reason
    return Figure(
        name="by-reason",
        title=TITLES[2],
        key=f"Mostly: {labels.label(labels.REASONS, rows[0].reason)}" if rows else "",
        labels=[labels.label(labels.REASONS, r.reason) for r in rows],
        values=[r.returns for r in rows],
        value_texts=[f"{r.returns:,}" for r in rows],
        horizontal=True,
        csv_header=("reason", "returns"),
        csv_rows=[(r.reason.value, r.returns) for r in rows],
    )


def _refunded(dash: Dashboard) -> Figure:
    """Bars in one currency (the shop's, or the first that has refunds); totals in any other
    currency are listed beside it, never added in."""
    totals = dash.refunded_totals()
    main = totals[0][0] if totals else dash.currency
    rows = [r for r in dash.refunded if r.currency == main]
    others = [format_money(cents, code) for code, cents in totals[1:]]
    return Figure(
        name="refunded-by-method",
        title=TITLES[3],
        key=f"{format_money(totals[0][1], main)} in total" if totals else "",
        labels=[labels.label(labels.REFUND_METHODS, r.method) for r in rows],
        values=[r.cents for r in rows],
        value_texts=[format_money(r.cents, main) for r in rows],
        horizontal=True,
        csv_header=("method", "currency", "returns", "cents"),
        csv_rows=[(r.method.value, r.currency, r.returns, r.cents) for r in dash.refunded],
        empty="Nothing refunded in this range",
        note=f"Also {' and '.join(others)} from returns logged in another currency"
        if others
        else "",
    )


def _settle(dash: Dashboard) -> Figure:
    rows = dash.days_to_settle
    overall = next((r for r in rows if r.status is None), None)
    each = [r for r in rows if r.status is not None and r.median_days is not None]
    key = f"Median {days(overall.median_days)}" if overall and overall.returns else ""
    return Figure(
        name="days-to-settle",
        title=TITLES[4],
        key=key,
        labels=[r.status.label for r in each],
        values=[r.median_days for r in each],
        value_texts=[f"{days(r.median_days)} ({r.returns:,})" for r in each],
        colors=[STATUS_COLORS.get(r.status, "#16a34a") for r in each],
        horizontal=True,
        note="Median per way of settling (returns settled that way)",
        csv_header=("settled_as", "returns", "median_days"),
        csv_rows=[(r.status.value if r.status else "all", r.returns, r.median_days) for r in rows],
        empty="No return settled in this range",
    )


def _response(dash: Dashboard) -> Figure:
    r = dash.response
    shown = [(n, v) for n, v in (("Median", r.median_hours), ("90%", r.p90_hours)) if v is not None]
    return Figure(
        name="response-time",
        title=TITLES[5],
        key=f"Median {hours(r.median_hours)}" if r.messages else "",
        labels=[n for n, _ in shown],
        values=[v for _, v in shown],
        value_texts=[hours(v) for _, v in shown],
        horizontal=True,
        colors=["#2563eb", "#93c5fd"][: len(shown)],
        note=f"From a status change to its message sent; 90% within {hours(r.p90_hours)}"
        if r.messages
        else "",
        csv_header=("messages", "median_hours", "p90_hours"),
        csv_rows=[(r.messages, r.median_hours, r.p90_hours)],
        empty="No message sent in this range",
    )


def _satisfaction(dash: Dashboard) -> Figure:
    s = dash.satisfaction
    ratings = [1, 2, 3, 4, 5]
    counts = [s.distribution.get(n, 0) for n in ratings]
    average = f"Average {s.average:.1f} / 5" if s.average is not None else ""
    asked = (
        f"{percent(s.answered_share)} of feedback requests answered "
        f"({s.requests_answered:,} of {s.requests_sent:,})"
        if s.requests_sent
        else "no feedback request sent yet"
    )
    note = f"{percent(s.good_share)} rated 4 or 5 · {asked}"
    return Figure(
        name="satisfaction",
        title=TITLES[6],
        key=average,
        labels=[f"{n} ★" for n in ratings],
        values=counts,
        value_texts=[f"{c:,}" for c in counts],
        colors=RATING_COLORS,
        note=note if s.ratings else "",
        csv_header=("rating", "returns"),
        csv_rows=[(n, c) for n, c in zip(ratings, counts, strict=True)],
        empty="No feedback yet",
    )


def _sustainability(dash: Dashboard) -> Figure:
    u = dash.sustainability
    rows = u.by_disposition
    return Figure(
        name="sustainability",
        title=TITLES[7],
        key=f"{percent(u.dropoff_share)} to a drop-off point" if u.items else "",
        labels=[labels.label(labels.DISPOSITIONS, c.disposition) for c in rows],
        values=[c.items for c in rows],
        value_texts=[f"{c.items:,} ({percent(c.share)})" for c in rows],
        colors=[DISPOSITION_COLORS.get(c.disposition, "#2563eb") for c in rows],
        horizontal=True,
        note=f"Refurbished, recycled or donated: {u.dropoff_items:,} of {u.items:,} items"
        if u.items
        else "",
        csv_header=("disposition", "lines", "items", "share"),
        csv_rows=[(c.disposition.value, c.lines, c.items, c.share) for c in rows],
        empty="No item settled in this range",
    )


def _skus(dash: Dashboard) -> Figure:
    rows = dash.top_skus
    return Figure(
        name="top-skus",
        title=TITLES[8],
        labels=[r.sku for r in rows],
        values=[r.quantity for r in rows],
        value_texts=[f"{r.quantity:,}" for r in rows],
        horizontal=True,
        note="Items returned",
        csv_header=("sku", "quantity", "returns"),
        csv_rows=[(r.sku, r.quantity, r.returns) for r in rows],
    )


def _returners(dash: Dashboard) -> Figure:
    rows = dash.frequent_returners
    return Figure(
        name="frequent-returners",
        title=TITLES[9],
        labels=[r.name for r in rows],
        values=[r.returns for r in rows],
        value_texts=[f"{r.returns:,}" for r in rows],
        horizontal=True,
        colors=["#7c3aed"] * len(rows),
        note="Returns in this range",
        csv_header=("customer_id", "name", "returns"),
        csv_rows=[(r.customer_id, r.name, r.returns) for r in rows],
    )
