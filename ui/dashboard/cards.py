"""What each dashboard card shows: desk/reports' figures put in words, bars and CSV rows.

Nothing is computed here beyond choosing words: the numbers are desk.reports.dashboard's.
"""

from __future__ import annotations

from desk import labels
from desk.codes import Disposition
from desk.i18n.catalog import N_, _, ngettext
from desk.i18n.formats import format_date, format_decimal, format_number, format_percent
from desk.money import format_money
from desk.reports.dashboard import Dashboard
from ui.dashboard.charts import Figure
from ui.returns.list_look import STATUS_COLORS

RATING_COLORS = ("#dc2626", "#f97316", "#eab308", "#84cc16", "#16a34a")
DISPOSITION_COLORS: dict[Disposition, str] = {
    Disposition.RESTOCK: "#16a34a",
    Disposition.REFURBISH: "#0891b2",
    Disposition.RECYCLE: "#2563eb",
    Disposition.DONATE: "#7c3aed",
    Disposition.DISCARD: "#9ca3af",
}
TITLES = (
    N_("Returns per week"),
    N_("Returns by status now"),
    N_("Returns by reason"),
    N_("Refunded by method"),
    N_("Days from received to settled"),
    N_("Response time"),
    N_("Satisfaction"),
    N_("Sustainability"),
    N_("Most returned SKUs"),
    N_("Frequent returners"),
)
"""The cards' titles, in the order `figures_of` gives them (the grid and the print follow it);
translated where shown."""


def percent(share: float | None) -> str:
    """A share (0..1) as "35%" in the desk's language; "–" when there is none."""
    return "–" if share is None else format_percent(share)


def hours(value: float | None) -> str:
    """Hours as staff read them: "12 min" under an hour, "3.2 h", days past two days; "–"
    when none."""
    if value is None:
        return "–"
    if value < 1:
        return _("{n} min").format(n=format_number(round(value * 60)))
    if value >= 48:
        return days(value / 24)
    return _("{n} h").format(n=format_decimal(value, 1))


def days(value: float | None) -> str:
    """Days with one decimal: "2.5 days" ("2,5 dias"); "–" when none."""
    if value is None:
        return "–"
    # TRANSLATORS: {n} has one decimal ("2.5"): the plural form fits every value but 1.0
    return ngettext("{n} day", "{n} days", 1 if round(value, 1) == 1 else 2).format(
        n=format_decimal(value, 1)
    )


def count(n: int) -> str:
    """A count as the bars' ends show it: "1,234" ("1.234")."""
    return format_number(n)


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
        title=_(TITLES[0]),
        key=ngettext("{n} return", "{n} returns", total).format(n=format_number(total))
        if total
        else _("No returns"),
        labels=[format_date(w.week, "MMMd") for w in weeks],
        values=[w.returns for w in weeks],
        csv_header=("week_starting", "returns"),
        csv_rows=[(w.week.isoformat(), w.returns) for w in weeks],
    )


def _by_status(dash: Dashboard) -> Figure:
    rows = dash.by_status
    return Figure(
        name="by-status",
        title=_(TITLES[1]),
        labels=[_(r.status.label) for r in rows],
        values=[r.returns for r in rows],
        value_texts=[count(r.returns) for r in rows],
        colors=[STATUS_COLORS[r.status] for r in rows],
        horizontal=True,
        csv_header=("status", "returns"),
        csv_rows=[(r.status.value, r.returns) for r in rows],
    )


def _by_reason(dash: Dashboard) -> Figure:
    rows = dash.by_reason
    return Figure(
        name="by-reason",
        title=_(TITLES[2]),
        key=_("Mostly: {reason}").format(reason=_(labels.label(labels.REASONS, rows[0].reason)))
        if rows
        else "",
        labels=[_(labels.label(labels.REASONS, r.reason)) for r in rows],
        values=[r.returns for r in rows],
        value_texts=[count(r.returns) for r in rows],
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
        title=_(TITLES[3]),
        key=_("{amount} in total").format(amount=format_money(totals[0][1], main))
        if totals
        else "",
        labels=[_(labels.label(labels.REFUND_METHODS, r.method)) for r in rows],
        values=[r.cents for r in rows],
        value_texts=[format_money(r.cents, main) for r in rows],
        horizontal=True,
        csv_header=("method", "currency", "returns", "cents"),
        csv_rows=[(r.method.value, r.currency, r.returns, r.cents) for r in dash.refunded],
        empty=_("Nothing refunded in this range"),
        note=_("Also {amounts} from returns logged in another currency").format(
            amounts=_(" and ").join(others)
        )
        if others
        else "",
    )


def _settle(dash: Dashboard) -> Figure:
    rows = dash.days_to_settle
    overall = next((r for r in rows if r.status is None), None)
    each = [r for r in rows if r.status is not None and r.median_days is not None]
    key = (
        _("Median {value}").format(value=days(overall.median_days))
        if overall and overall.returns
        else ""
    )
    return Figure(
        name="days-to-settle",
        title=_(TITLES[4]),
        key=key,
        labels=[_(r.status.label) for r in each],
        values=[r.median_days for r in each],
        value_texts=[f"{days(r.median_days)} ({count(r.returns)})" for r in each],
        colors=[STATUS_COLORS.get(r.status, "#16a34a") for r in each],
        horizontal=True,
        note=_("Median per way of settling (returns settled that way)"),
        csv_header=("settled_as", "returns", "median_days"),
        csv_rows=[(r.status.value if r.status else "all", r.returns, r.median_days) for r in rows],
        empty=_("No return settled in this range"),
    )


def _response(dash: Dashboard) -> Figure:
    r = dash.response
    pairs = ((_("Median"), r.median_hours), (format_percent(0.9), r.p90_hours))
    shown = [(n, v) for n, v in pairs if v is not None]
    return Figure(
        name="response-time",
        title=_(TITLES[5]),
        key=_("Median {value}").format(value=hours(r.median_hours)) if r.messages else "",
        labels=[n for n, _ in shown],
        values=[v for _, v in shown],
        value_texts=[hours(v) for _, v in shown],
        horizontal=True,
        colors=["#2563eb", "#93c5fd"][: len(shown)],
        note=_("From a status change to its message sent; 90% within {value}").format(
            value=hours(r.p90_hours)
        )
        if r.messages
        else "",
        csv_header=("messages", "median_hours", "p90_hours"),
        csv_rows=[(r.messages, r.median_hours, r.p90_hours)],
        empty=_("No message sent in this range"),
    )


def _satisfaction(dash: Dashboard) -> Figure:
    s = dash.satisfaction
    ratings = [1, 2, 3, 4, 5]
    counts = [s.distribution.get(n, 0) for n in ratings]
    average = (
        _("Average {value} / 5").format(value=format_decimal(s.average, 1))
        if s.average is not None
        else ""
    )
    asked = (
        _("{share} of feedback requests answered ({answered} of {sent})").format(
            share=percent(s.answered_share),
            answered=count(s.requests_answered),
            sent=count(s.requests_sent),
        )
        if s.requests_sent
        else _("no feedback request sent yet")
    )
    note = _("{share} rated 4 or 5 · {asked}").format(share=percent(s.good_share), asked=asked)
    return Figure(
        name="satisfaction",
        title=_(TITLES[6]),
        key=average,
        labels=[f"{n} ★" for n in ratings],
        values=counts,
        value_texts=[count(c) for c in counts],
        colors=RATING_COLORS,
        note=note if s.ratings else "",
        csv_header=("rating", "returns"),
        csv_rows=[(n, c) for n, c in zip(ratings, counts, strict=True)],
        empty=_("No feedback yet"),
    )


def _sustainability(dash: Dashboard) -> Figure:
    u = dash.sustainability
    rows = u.by_disposition
    return Figure(
        name="sustainability",
        title=_(TITLES[7]),
        key=_("{share} to a drop-off point").format(share=percent(u.dropoff_share))
        if u.items
        else "",
        labels=[_(labels.label(labels.DISPOSITIONS, c.disposition)) for c in rows],
        values=[c.items for c in rows],
        value_texts=[f"{count(c.items)} ({percent(c.share)})" for c in rows],
        colors=[DISPOSITION_COLORS.get(c.disposition, "#2563eb") for c in rows],
        horizontal=True,
        note=ngettext(
            "Refurbished, recycled or donated: {n} of {total} item",
            "Refurbished, recycled or donated: {n} of {total} items",
            u.items,
        ).format(n=count(u.dropoff_items), total=count(u.items))
        if u.items
        else "",
        csv_header=("disposition", "lines", "items", "share"),
        csv_rows=[(c.disposition.value, c.lines, c.items, c.share) for c in rows],
        empty=_("No item settled in this range"),
    )


def _skus(dash: Dashboard) -> Figure:
    rows = dash.top_skus
    return Figure(
        name="top-skus",
        title=_(TITLES[8]),
        labels=[r.sku for r in rows],
        values=[r.quantity for r in rows],
        value_texts=[count(r.quantity) for r in rows],
        horizontal=True,
        note=_("Items returned"),
        csv_header=("sku", "quantity", "returns"),
        csv_rows=[(r.sku, r.quantity, r.returns) for r in rows],
    )


def _returners(dash: Dashboard) -> Figure:
    rows = dash.frequent_returners
    return Figure(
        name="frequent-returners",
        title=_(TITLES[9]),
        labels=[r.name for r in rows],
        values=[r.returns for r in rows],
        value_texts=[count(r.returns) for r in rows],
        horizontal=True,
        colors=["#7c3aed"] * len(rows),
        note=_("Returns in this range"),
        csv_header=("customer_id", "name", "returns"),
        csv_rows=[(r.customer_id, r.name, r.returns) for r in rows],
    )
