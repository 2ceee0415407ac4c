"""Finding what the till knows: a product by barcode or SKU, a sale by its receipt, and
SKU completion, each through an index (bench/intake_bench.py measures them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from desk.catalog.keys import fold, key_words, product_words, receipt_key
from desk.catalog.tables import Product, ProductBarcode, ProductWord, Sale, SaleLine
from desk.codes import Disposition, Status
from desk.models import Return, ReturnLine

NOT_TAKEN_BACK = (Status.CANCELLED, Status.REJECTED)
"""Returns whose items went back to the customer (or never came): they use up nothing."""

_CANDIDATES = 200  # completion reads at most this many word matches before ranking


@dataclass(frozen=True)
class ProductView:
    """A product as the desk shows it."""

    id: int
    sku: str
    name: str
    variant: str
    price_cents: int
    category: str
    returnable: bool
    default_disposition: Disposition | None
    barcodes: tuple[str, ...] = ()
    external_ref: str = ""  # the till's own id of the product, kept when staff edit it

    @property
    def description(self) -> str:
        """The name with its variant, as a return line describes the item."""
        return f"{self.name} {self.variant}".strip()


@dataclass(frozen=True)
class SaleLineView:
    """One line of a sale, with how much of it came back already."""

    id: int
    line_no: int
    product_id: int | None
    sku: str
    description: str
    quantity: int
    paid_cents: int
    returned: int
    category: str = ""

    @property
    def left(self) -> int:
        """How many may still be returned from this line."""
        return max(self.quantity - self.returned, 0)


@dataclass(frozen=True)
class SaleView:
    """A sale found by its receipt: when, who, and its lines."""

    id: int
    receipt: str
    sold_at: datetime
    customer_id: int | None
    currency: str
    lines: tuple[SaleLineView, ...]

    @property
    def purchase_date(self) -> date:
        """The day of the sale, the purchase date the return policy counts from."""
        return self.sold_at.date()


def _views(session: Session, products: Iterable[Product]) -> list[ProductView]:
    products = list(products)
    codes: dict[int, list[str]] = {}
    if products:
        rows = session.exec(
            select(ProductBarcode.product_id, ProductBarcode.code)
            .where(col(ProductBarcode.product_id).in_([p.id for p in products]))
            .order_by(col(ProductBarcode.code))
        )
        for product_id, code in rows:
            codes.setdefault(product_id, []).append(code)
    return [
        ProductView(
            p.id,
            p.sku,
            p.name,
            p.variant,
            p.price_cents,
            p.category,
            p.returnable,
            p.default_disposition,
            tuple(codes.get(p.id, ())),
            p.external_ref,
        )
        for p in products
    ]


def product_view(session: Session, product_id: int) -> ProductView | None:
    """The product with id `product_id`, or None."""
    product = session.get(Product, product_id)
    return _views(session, [product])[0] if product is not None else None


def _barcode_forms(value: str) -> list[str]:
    """A UPC-A is also scanned as the EAN-13 "0" + its 12 digits, and the other way round."""
    forms = [value]
    if value.isdigit() and len(value) == 12:
        forms.append("0" + value)
    elif value.isdigit() and len(value) == 13 and value.startswith("0"):
        forms.append(value[1:])
    return forms


def find_product(session: Session, code: str) -> ProductView | None:
    """The product whose barcode is `code`, else whose SKU is `code` (any case, accents
    ignored), else None."""
    value = code.strip()
    if not value:
        return None
    product_id = session.exec(
        select(ProductBarcode.product_id).where(col(ProductBarcode.code).in_(_barcode_forms(value)))
    ).first()
    if product_id is None:
        folded = fold(value)
        for candidate in session.exec(
            select(ProductWord.product_id).where(ProductWord.word == folded[:100])
        ):
            product = session.get(Product, candidate)
            if product is not None and fold(product.sku) == folded:
                product_id = candidate
                break
    return product_view(session, product_id) if product_id is not None else None


def find_sale(session: Session, receipt: str) -> SaleView | None:
    """The sale with receipt or order number `receipt` (spaces, case and a leading "#"
    ignored), with what is left to return of each line; None when not imported."""
    key = receipt_key(receipt)
    sale = session.exec(select(Sale).where(Sale.receipt_key == key)).first() if key else None
    if sale is None:
        return None
    returned = (
        select(func.coalesce(func.sum(ReturnLine.quantity), 0))
        .join(Return, col(Return.id) == col(ReturnLine.return_id))
        .where(col(ReturnLine.sale_line_id) == col(SaleLine.id))
        .where(col(Return.status).not_in(NOT_TAKEN_BACK))
        .scalar_subquery()
    )
    rows = session.exec(
        select(SaleLine, returned, func.coalesce(Product.category, ""))
        .outerjoin(Product, col(Product.id) == col(SaleLine.product_id))
        .where(SaleLine.sale_id == sale.id)
        .order_by(col(SaleLine.line_no), col(SaleLine.id))
    ).all()
    lines = tuple(
        SaleLineView(
            li.id,
            li.line_no,
            li.product_id,
            li.sku,
            li.description,
            li.quantity,
            li.paid_cents,
            int(back),
            category,
        )
        for li, back, category in rows
    )
    return SaleView(sale.id, sale.receipt, sale.sold_at, sale.customer_id, sale.currency, lines)


def _next_prefix(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def complete_products(session: Session, text: str, limit: int = 10) -> list[ProductView]:
    """Products matching what is typed so far: every typed word starts a word of the SKU,
    name or variant (accents and case ignored); SKU matches first, then by name."""
    typed = fold(text).split(" ")
    first = max(typed, key=len)[:100] if typed and typed[0] else ""
    if not first:
        return []
    ids = session.exec(
        select(ProductWord.product_id)
        .where(col(ProductWord.word) >= first, col(ProductWord.word) < _next_prefix(first))
        .limit(_CANDIDATES)
    ).all()
    found = session.exec(
        select(Product.id, Product.sku, Product.search_key).where(col(Product.id).in_(set(ids)))
    ).all()  # the columns only: building 200 Product objects cost most of the time
    wanted = [w for w in typed if w]
    whole = fold(text)
    ranked = []
    for product_id, sku, key in found:
        folded_sku = fold(sku)
        words = key_words(key, sku)
        if all(any(w.startswith(t) for w in words) for t in wanted):
            name = key[len(folded_sku) :].strip()  # the folded "name variant" after the SKU
            ranked.append((not folded_sku.startswith(whole), name, sku, product_id))
    ranked.sort()
    top = [product_id for *_, product_id in ranked[:limit]]
    products = {p.id: p for p in session.exec(select(Product).where(col(Product.id).in_(top)))}
    return _views(session, [products[i] for i in top])


def word_rows(product_id: int, sku: str, name: str, variant: str = "") -> list[dict]:
    """The product_word rows of one product, for bulk writers (imports, demo)."""
    return [
        {"word": w, "product_id": product_id} for w in sorted(product_words(sku, name, variant))
    ]


def product_views(session: Session, products: Iterable[Product]) -> list[ProductView]:
    """The views of `products`, in their order, with their barcodes (one query for all)."""
    return _views(session, products)


def barcode_forms(value: str) -> list[str]:
    """The values a scanned barcode may be stored as (a UPC-A also as its EAN-13 form)."""
    return _barcode_forms(value)
