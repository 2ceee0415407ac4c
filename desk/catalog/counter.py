"""What the new-return dialog needs from one code typed or scanned at the counter, in one read.

A receipt brings its customer (to pick), its lines' products (their default disposition) and
the condition and disposition last chosen for each of their categories; a product brings the
last choice for its category. So one key press or scan is one call, and the dialog fills in
everything from its answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sqlmodel import Session, col, select

from desk.catalog.lookup import ProductView, SaleView, find_product, find_sale, product_view
from desk.catalog.tables import Product, Sale
from desk.codes import Condition, Disposition
from desk.db import Database
from desk.models import Customer, ReturnLine

Choice = tuple[Condition, Disposition]
Wanted = Literal["any", "sale", "product"]


@dataclass(frozen=True)
class CounterMatch:
    """What a code names, with what the dialog fills in from it."""

    kind: Literal["sale", "product", "none"]
    sale: SaleView | None = None
    product: ProductView | None = None
    customer: Customer | None = None  # the sale's customer, when the till knew them
    products: dict[int, ProductView] = field(default_factory=dict)  # the sale's, by id
    choices: dict[str, Choice] = field(default_factory=dict)  # category → last choice


def category_choice(session: Session, category: str) -> Choice | None:
    """The condition and disposition of the newest returned line of a product in
    `category` (what staff chose last time for that kind of item), or None."""
    if not category:
        return None
    row = session.exec(
        select(ReturnLine.condition, ReturnLine.disposition)
        .join(Product, col(Product.id) == col(ReturnLine.product_id))
        .where(Product.category == category)
        .order_by(col(ReturnLine.id).desc())
        .limit(1)
    ).first()
    return (Condition(row[0]), Disposition(row[1])) if row else None


def _choices(session: Session, categories: set[str]) -> dict[str, Choice]:
    found = {category: category_choice(session, category) for category in categories}
    return {category: choice for category, choice in found.items() if choice is not None}


def counter_look_up(db: Database, text: str, *, want: Wanted = "any") -> CounterMatch:
    """What `text` names (a receipt first, then a product's barcode or SKU; `want` limits
    it to one of them), with its customer, products and remembered choices."""
    with db.session() as session:
        if want != "product" and (sale := find_sale(session, text)) is not None:
            customer = session.get(Customer, sale.customer_id) if sale.customer_id else None
            if customer is not None and customer.erased_at is not None:
                customer = None  # erased: the return gets someone else, or a new customer
            ids = {line.product_id for line in sale.lines if line.product_id is not None}
            products = {i: view for i in ids if (view := product_view(session, i)) is not None}
            categories = {line.category for line in sale.lines}
            return CounterMatch(
                "sale",
                sale=sale,
                customer=customer,
                products=products,
                choices=_choices(session, categories),
            )
        if want != "sale" and (product := find_product(session, text)) is not None:
            return CounterMatch(
                "product", product=product, choices=_choices(session, {product.category})
            )
    return CounterMatch("none")


def has_sales(db: Database) -> bool:
    """True when sales were imported (the new-return dialog then starts at the receipt)."""
    with db.session() as session:
        return session.exec(select(Sale.id).limit(1)).first() is not None
