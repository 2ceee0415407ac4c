"""The dashboard in words for a terminal: `returndesk report --text`.

A few key numbers, then the product figures as aligned tables; the dashboard's Products
section writes its cells with the same functions (`rate_text`, `refunded_text`).
"""

from __future__ import annotations

from collections.abc import Sequence

from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_date, format_number, format_percent
from desk.money import format_money
from desk.reports.dashboard import Dashboard
from desk.reports.products import ProductFigures, ProductReturns

NO_SALES = N_("No sales imported: return rates show once the till's sales are imported.")
"""Shown where return rates would be (translate it where shown: `_(NO_SALES)`)."""
PRODUCT_HEADERS = (
    N_("SKU"),
    N_("Product"),
    N_("Category"),
    N_("Items"),
    N_("Returns"),
    N_("Amount refunded"),
    N_("Return rate"),
)
"""The most-returned tables' column names (marked only: translate each where shown)."""
CATEGORY_HEADERS = (N_("Category"), N_("Returned"), N_("Sold"), N_("Return rate"))
"""The category table's column names (marked only: translate each where shown)."""
WIDEST = 40
"""Characters a text column shows before it is cut with an ellipsis."""


def rate_text(rate: float | None) -> str:
    """A return rate as "12.5%" ("12,5%" in Portuguese); "–" when there is none (nothing
    sold in the range)."""
    return "–" if rate is None else format_percent(rate, 1)


def refunded_text(product: ProductReturns) -> str:
    """What the product's settled returns were worth, per currency: "€40.00 · R$12.00"."""
    return " · ".join(format_money(a.cents, a.currency) for a in product.refunded) or "–"


def product_rows(products: Sequence[ProductReturns]) -> list[tuple]:
    """The cells of a most-returned table, one tuple of strings per product."""
    return [
        (
            p.sku,
            p.name,
            p.category or "–",
            format_number(p.quantity),
            format_number(p.returns),
            refunded_text(p),
            rate_text(p.rate),
        )
        for p in products
    ]


def category_rows(figures: ProductFigures, limit: int | None = None) -> list[tuple]:
    """The cells of the category table (highest rate first), at most `limit` rows."""
    return [
        (
            c.category,
            format_number(c.returned),
            "–" if c.sold is None else format_number(c.sold),
            rate_text(c.rate),
        )
        for c in figures.categories[:limit]
    ]


def table(headers: Sequence[str], rows: list[tuple], numeric_from: int) -> list[str]:
    """Aligned lines: text columns left, the columns from `numeric_from` on right."""
    cut = [tuple(_cut(str(cell)) for cell in row) for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in cut)) if cut else len(h) for i, h in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(w) if i >= numeric_from else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    return [line(headers), *(line(r) for r in cut)]


def _cut(text: str) -> str:
    return text if len(text) <= WIDEST else text[: WIDEST - 1] + "…"


def products_text(figures: ProductFigures) -> list[str]:
    """The product figures as lines: both most-returned lists and the rates per category."""
    out: list[str] = []
    for title, listed in (
        (_("Most returned products (by items)"), figures.by_quantity),
        (_("Most returned products (by returns)"), figures.by_returns),
    ):
        out += ["", title]
        if listed:
            out += table([_(h) for h in PRODUCT_HEADERS], product_rows(listed), 3)
        else:
            out.append(_("No returned item is a catalogue product in this range."))
    out += ["", _("Return rate by category")]
    if figures.categories:
        out += table([_(h) for h in CATEGORY_HEADERS], category_rows(figures), 1)
    else:
        out.append(_("No returned or sold item has a category in this range."))
    if not figures.sales_known:
        out += ["", _(NO_SALES)]
    return out


def report_text(dash: Dashboard) -> str:
    """The dashboard's key numbers and product figures as plain text, ending in a newline."""
    rng = dash.range
    who = rng.segment.label if rng.segment else _("All customers")
    returns = sum(w.returns for w in dash.per_week)
    refunded = " + ".join(format_money(c, code) for code, c in dash.refunded_totals())
    start, end = format_date(rng.start), format_date(rng.end)
    lines = [
        _("Returns {start} to {end} · {who}").format(start=start, end=end, who=who),
        _("Returns logged: {count}").format(count=format_number(returns)),
        _("Refunded: {amount}").format(amount=refunded) if refunded else _("Refunded: nothing"),
        *(products_text(dash.products) if dash.products is not None else []),
    ]
    return "\n".join(lines) + "\n"
