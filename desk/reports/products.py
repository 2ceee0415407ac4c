"""The product figures: the most returned products and, where sales are known, return rates.

Which lines count, over a ReportRange (and its segment, as every figure):
- returned: the lines of the returns logged in the range's UTC days and not cancelled (the
  returns the most-returned-SKUs figure counts), tied to a product: by their `product_id`,
  or, without one, by a SKU that is a product's SKU (typed by hand, or logged before the
  catalogue came);
- sold: the lines of the sales sold in the range's UTC days (`Sale.sold_at`) tied to a
  product the same way; with a segment, the sales of customers now in it;
- refunded: the value (quantity x unit price) of the returned lines of returns that were
  settled (refunded, exchanged or credited), per the return's currency, never added across
  currencies. Fees and bonuses belong to a whole return, not to one product: left out.

A line tied to one product but carrying another product's SKU counts for the product of
its SKU (the figures count per SKU over the line facts; lines tied by id are looked up
only when their SKU is no product's).

A return rate is returned quantity / sold quantity over the same range; None when nothing
was sold in the range, and `sales_known` says whether any sale was imported at all (then
the faces say "no sales imported" rather than 0 %). Category rates add up the products of
each category (products without a category are left out of them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, case, func, select

from desk.catalog.keys import fold
from desk.catalog.tables import Product, ProductWord, Sale, SaleLine
from desk.codes import Status
from desk.models import ReturnLine, utcnow
from desk.reports.period import ReportRange
from desk.reports.scope import in_range, scope
from desk.reports.segment_rule import customers_in
from desk.reports.sql import no_index
from desk.reports.tables import ReportLine, ReportReturn

TOP = 10
"""How many products each most-returned list holds."""

CHUNK = 500
"""Product ids per IN (...) list."""


@dataclass(frozen=True)
class Amount:
    """Money in one currency (integer cents, ISO code)."""

    currency: str
    cents: int


@dataclass(frozen=True)
class ProductReturns:
    """One product's returns in the range."""

    product_id: int
    sku: str
    name: str  # the product's name and variant
    category: str  # "" when it has none
    quantity: int  # items returned
    returns: int  # returns with at least one of its lines
    refunded: tuple[Amount, ...]  # line values of settled returns, one per currency, by code
    sold: int | None  # items sold in the range; None when no sale was ever imported
    rate: float | None  # quantity / sold; None without sales in the range


@dataclass(frozen=True)
class CategoryRate:
    """The returned and sold items of one category's products in the range."""

    category: str
    returned: int
    sold: int | None  # None when no sale was ever imported
    rate: float | None  # returned / sold; None without sales in the range


@dataclass(frozen=True)
class ProductFigures:
    """Most returned products (by items, by returns) and the return rate per category."""

    by_quantity: list[ProductReturns]  # most items first, ties by SKU
    by_returns: list[ProductReturns]  # most returns first, ties by SKU
    categories: list[CategoryRate]  # highest rate first, then most returned, then by name
    sales_known: bool  # any sale imported at all (else rates say "no sales imported")


@dataclass(frozen=True)
class _Counted:
    sku: str
    name: str
    category: str
    quantity: int
    returns: int


def product_figures(
    conn: Connection, rng: ReportRange, *, now: datetime | None = None
) -> ProductFigures:
    """The product figures over `rng` (see the module's docstring for what counts)."""
    now = now or utcnow()
    counted, skus = _returned(conn, rng, now)
    known = conn.execute(select(Sale.id).limit(1)).first() is not None
    sold = _sold(conn, rng, now) if known else {}
    by_quantity = sorted(counted, key=lambda p: (-counted[p].quantity, counted[p].sku))[:TOP]
    by_returns = sorted(counted, key=lambda p: (-counted[p].returns, counted[p].sku))[:TOP]
    top = set(by_quantity) | set(by_returns)
    refunded = _refunded(conn, rng, now, {p: skus[p] for p in top})

    def row(product_id: int) -> ProductReturns:
        c = counted[product_id]
        items = sold.get(product_id, (c.category, 0))[1] if known else None
        return ProductReturns(
            product_id=product_id,
            sku=c.sku,
            name=c.name,
            category=c.category,
            quantity=c.quantity,
            returns=c.returns,
            refunded=refunded.get(product_id, ()),
            sold=items,
            rate=c.quantity / items if items else None,
        )

    return ProductFigures(
        by_quantity=[row(p) for p in by_quantity],
        by_returns=[row(p) for p in by_returns],
        categories=_categories(counted.values(), sold.values(), known),
        sales_known=known,
    )


def _categories(
    counted: Iterable[_Counted], sold: Iterable[tuple[str, int]], known: bool
) -> list[CategoryRate]:
    returned: dict[str, int] = {}
    for c in counted:
        if c.category:
            returned[c.category] = returned.get(c.category, 0) + c.quantity
    items: dict[str, int] = {}
    for category, quantity in sold:
        if category:
            items[category] = items.get(category, 0) + quantity
    out = []
    for category in returned.keys() | items.keys():
        r, s = returned.get(category, 0), items.get(category, 0)
        out.append(CategoryRate(category, r, s if known else None, r / s if s else None))
    return sorted(out, key=lambda c: (c.rate is None, -(c.rate or 0), -c.returned, c.category))


def _returned(
    conn: Connection, rng: ReportRange, now: datetime
) -> tuple[dict[int, _Counted], dict[int, set[str]]]:
    """Items and returns per product of the kept lines in range, with the product's words,
    and the SKUs that stand for it on lines without a product id (its own, other spellings).

    Counted per SKU over the line facts (one index walk), each SKU given to the product
    that has it (see `_products`); then the lines whose SKU is no product's but that are
    tied to one by id (a SKU changed since) are added to their product. A product whose
    lines carry more than one SKU has its returns counted again over all its lines, so a
    return is never counted twice.
    """
    f = ReportLine
    first = func.sum(case((f.first_of_sku == True, 1), else_=0))  # noqa: E712
    per_sku = conn.execute(
        select(f.sku, func.sum(f.quantity), first)
        .where(f.kept == True, *scope(conn, rng, now, f))  # noqa: E712
        .group_by(f.sku)
    ).all()
    products = _products(conn, Product.sku, [sku for sku, _, _ in per_sku])
    words: dict[int, tuple[str, str, str]] = {}
    quantity: dict[int, int] = {}
    returns: dict[int, int] = {}
    skus: dict[int, set[str]] = {}
    for sku, items, count in per_sku:
        if sku in products:
            pid, words[pid] = products[sku]
            quantity[pid] = quantity.get(pid, 0) + int(items)
            returns[pid] = returns.get(pid, 0) + int(count)
            skus.setdefault(pid, {words[pid][0]}).add(sku)  # lines without an id: by SKU
    unmatched = sorted(sku for sku, _, _ in per_sku if sku not in products)
    line, tied = ReturnLine, set()
    for start in range(0, len(unmatched), CHUNK):
        part = unmatched[start : start + CHUNK]
        rows = conn.execute(
            select(line.product_id, func.sum(f.quantity))
            .join_from(line, f, f.line_id == line.id)
            .where(
                line.sku.in_(part),
                line.product_id.is_not(None),
                f.kept == True,  # noqa: E712
                *in_range(conn, rng, now=now, facts=f, indexed=False),
            )
            .group_by(line.product_id)
        ).all()
        for pid, items in rows:
            quantity[pid] = quantity.get(pid, 0) + int(items)
            tied.add(pid)
    missing = [pid for pid in quantity if pid not in words]
    for pid, (_, product) in _products(conn, Product.id, missing).items():
        words[pid] = product
        skus[pid] = {product[0]}
    again = {pid: skus[pid] for pid in words if pid in tied or len(skus[pid]) > 1}
    returns.update(_returns_of(conn, rng, now, again))
    counted = {
        pid: _Counted(*words[pid], quantity[pid], returns.get(pid, 0))
        for pid in quantity
        if pid in words  # a product deleted since
    }
    return counted, skus


def _products(conn: Connection, key, values: list) -> dict:
    """Products whose `key` (Product.sku or Product.id) is one of `values`: value -> (id,
    (sku, name, category)). SKUs no product has as such are matched as desk.catalog's
    look-up matches them: any case, accents ignored (through the products' words)."""
    found = {}
    for start in range(0, len(values), CHUNK):
        rows = conn.execute(
            select(key, *_WORDS).where(key.in_(values[start : start + CHUNK]))
        ).all()
        for value, *product in rows:
            found[value] = _entry(*product)
    if key is Product.sku:
        folded: dict[str, list[str]] = {}
        for value in values:
            if value not in found and fold(value):
                folded.setdefault(fold(value), []).append(value)
        words = sorted({f[:100] for f in folded})
        for start in range(0, len(words), CHUNK):
            rows = conn.execute(
                select(*_WORDS)
                .join_from(ProductWord, Product, Product.id == ProductWord.product_id)
                .where(ProductWord.word.in_(words[start : start + CHUNK]))
            ).all()
            for product in rows:
                for value in folded.get(fold(product[1]), ()):
                    found.setdefault(value, _entry(*product))
    return found


_WORDS = (Product.id, Product.sku, Product.name, Product.variant, Product.category)


def _entry(pid: int, sku: str, name: str, variant: str, category: str) -> tuple:
    return pid, (sku, _name(name, variant), category or "")


def _product_lines(skus: dict[int, set[str]]):
    """(key column, condition, key value -> product id) picking the return lines of the
    products `skus` (id -> the SKUs its lines carry): tied by id, or without an id and
    carrying one of its SKUs, each read through its index on return_line."""
    line = ReturnLine
    ids = sorted(skus)
    product_of = {sku: pid for pid, names in skus.items() for sku in names}
    names = sorted(product_of)
    for start in range(0, len(ids), CHUNK):
        yield line.product_id, line.product_id.in_(ids[start : start + CHUNK]), lambda v: v
    for start in range(0, len(names), CHUNK):
        part = names[start : start + CHUNK]
        yield line.sku, and_(line.product_id.is_(None), line.sku.in_(part)), product_of.get


def _returns_of(
    conn: Connection, rng: ReportRange, now: datetime, skus: dict[int, set[str]]
) -> dict[int, int]:
    """Returns (kept, in range) with a line of each product of `skus` (id -> its SKUs)."""
    f, line = ReportLine, ReturnLine
    found: dict[int, set[int]] = {}
    for key, tie, product_of in _product_lines(skus):
        rows = conn.execute(
            select(key, f.return_id)
            .join_from(line, f, f.line_id == line.id)
            .where(tie, f.kept == True, *in_range(conn, rng, now=now, facts=f, indexed=False))  # noqa: E712
            .distinct()
        ).all()
        for value, return_id in rows:
            found.setdefault(product_of(value), set()).add(return_id)
    return {pid: len(ids) for pid, ids in found.items()}


def _name(name: str, variant: str) -> str:
    return f"{name} {variant}".strip() if variant else name


def _sold(conn: Connection, rng: ReportRange, now: datetime) -> dict[int, tuple[str, int]]:
    """(category, items sold) per product of the sale lines sold in range: summed per
    product id, and per SKU for the lines without one, in one pass; then given products."""
    line = SaleLine
    sku = case((line.product_id.is_(None), line.sku)).label("sku")
    where = [Sale.sold_at >= rng.since, Sale.sold_at < rng.until]
    if rng.segment is not None:
        where.append(Sale.customer_id.in_(customers_in(conn, rng.segment, now=now)))
    product_id = line.product_id
    if conn.dialect.name == "sqlite":  # one pass over the lines, then a sort: no index walk
        product_id = no_index(product_id)
    rows = conn.execute(
        select(line.product_id, sku, func.sum(line.quantity))
        .join_from(line, Sale, Sale.id == line.sale_id)
        .where(*where)
        .group_by(product_id, sku)
    ).all()
    by_id = _products(conn, Product.id, [pid for pid, _, _ in rows if pid is not None])
    by_sku = _products(conn, Product.sku, [code for pid, code, _ in rows if pid is None])
    out: dict[int, tuple[str, int]] = {}
    for pid, code, quantity in rows:
        found = by_id.get(pid) if pid is not None else by_sku.get(code)
        if found is None:
            continue  # a line of no product in the catalogue (a gift card, a deleted one)
        product_id, (_, _, category) = found
        out[product_id] = (category, out.get(product_id, (category, 0))[1] + int(quantity))
    return out


def _refunded(
    conn: Connection, rng: ReportRange, now: datetime, skus: dict[int, set[str]]
) -> dict[int, tuple[Amount, ...]]:
    """Line values of the settled returns in range, per product of `skus` (id -> its SKUs)
    and currency, in currency order."""
    line, facts = ReturnLine, ReportReturn
    found: dict[int, dict[str, int]] = {}
    for key, tie, product_of in _product_lines(skus):
        rows = conn.execute(
            select(key, facts.currency, func.sum(line.quantity * line.unit_price_cents))
            .join_from(line, facts, facts.return_id == line.return_id)
            .where(
                tie,
                facts.status != Status.CANCELLED,
                facts.settled_status.is_not(None),
                *in_range(conn, rng, now=now, facts=facts, indexed=False),
            )
            .group_by(key, facts.currency)
        ).all()
        for value, currency, cents in rows:
            per = found.setdefault(product_of(value), {})
            per[str(currency)] = per.get(str(currency), 0) + int(cents or 0)
    return {
        pid: tuple(Amount(code, cents) for code, cents in sorted(per.items()))
        for pid, per in found.items()
    }
