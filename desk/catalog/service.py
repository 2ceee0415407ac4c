"""The look-ups the new-return dialog makes as staff type or scan: one call each, each
in its own short read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desk.catalog.counter import category_choice
from desk.catalog.lookup import (
    ProductView,
    SaleView,
    complete_products,
    find_product,
    find_sale,
)
from desk.codes import Condition, Disposition
from desk.db import Database


@dataclass(frozen=True)
class CodeMatch:
    """What a typed or scanned code is: a receipt of the imported sales, a product, or neither."""

    kind: Literal["sale", "product", "none"]
    sale: SaleView | None = None
    product: ProductView | None = None


def look_up(db: Database, text: str) -> CodeMatch:
    """What `text` names: a receipt first, then a product's barcode or SKU."""
    with db.session() as session:
        if (sale := find_sale(session, text)) is not None:
            return CodeMatch("sale", sale=sale)
        if (product := find_product(session, text)) is not None:
            return CodeMatch("product", product=product)
    return CodeMatch("none")


def look_up_sale(db: Database, receipt: str) -> SaleView | None:
    """The imported sale with this receipt or order number, or None."""
    with db.session() as session:
        return find_sale(session, receipt)


def look_up_product(db: Database, code: str) -> ProductView | None:
    """The product with this barcode or SKU, or None."""
    with db.session() as session:
        return find_product(session, code)


def product_completions(db: Database, text: str, limit: int = 10) -> list[ProductView]:
    """The products that complete what is typed in a SKU field (SKU and name, accents ignored)."""
    with db.session() as session:
        return complete_products(session, text, limit)


def last_line_choice(db: Database, category: str) -> tuple[Condition, Disposition] | None:
    """The condition and disposition of the newest returned line of a product in
    `category`: what staff chose last time for that kind of item, or None."""
    with db.session() as session:
        return category_choice(session, category)
