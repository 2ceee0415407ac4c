"""A product as staff or an import types it: its checks, and saving it with its barcodes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, col, delete, select

from desk.catalog.barcodes import check_barcode
from desk.catalog.keys import search_key
from desk.catalog.lookup import ProductView, product_view, word_rows
from desk.catalog.tables import Product, ProductBarcode, ProductWord
from desk.codes import Disposition
from desk.db import Database
from desk.errors import DeskError, ValidationError
from desk.i18n.catalog import N_, _
from desk.models import utcnow
from desk.validation import price_error, text_error


@dataclass
class ProductDraft:
    """A product as typed in; barcodes as typed or scanned."""

    sku: str
    name: str
    variant: str = ""
    price_cents: int = 0
    category: str = ""
    returnable: bool = True
    default_disposition: Disposition | None = None
    barcodes: list[str] = field(default_factory=list)
    external_ref: str = ""


_TEXTS = (  # draft field, words, column
    ("sku", N_("SKU"), Product.__table__.c.sku),
    ("name", N_("product name"), Product.__table__.c.name),
    ("variant", N_("variant"), Product.__table__.c.variant),
    ("category", N_("category"), Product.__table__.c.category),
    ("external_ref", N_("till reference"), Product.__table__.c.external_ref),
)


def product_errors(draft: ProductDraft) -> dict[str, str]:
    """The problems with `draft`, keyed by field ("sku", "barcodes.1"); empty when none."""
    errors: dict[str, str] = {}
    for key, words, column in _TEXTS:
        if message := text_error(getattr(draft, key).strip(), _(words), limit=column):
            errors[key] = message
    if not draft.sku.strip():
        errors["sku"] = _("Type the product's SKU (its stock code).")
    if not draft.name.strip():
        errors["name"] = _("Type the product's name.")
    if message := price_error(draft.price_cents):
        errors["price_cents"] = message
    if draft.default_disposition is not None and draft.default_disposition not in set(Disposition):
        errors["default_disposition"] = _("Choose what is done with it when it comes back.")
    seen: set[str] = set()
    for i, code in enumerate(draft.barcodes):
        try:
            _kind, value = check_barcode(code)
        except DeskError as error:
            errors[f"barcodes.{i}"] = str(error)
            continue
        if value in seen:
            errors[f"barcodes.{i}"] = _("{code} is listed twice.").format(code=value)
        seen.add(value)
    return errors


def _taken(session: Session, draft: ProductDraft, product_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    other = session.exec(select(Product.id).where(Product.sku == draft.sku.strip())).first()
    if other is not None and other != product_id:
        errors["sku"] = _("Another product already has the SKU {sku}.").format(
            sku=draft.sku.strip()
        )
    for i, code in enumerate(draft.barcodes):
        value = check_barcode(code)[1]
        owner = session.get(ProductBarcode, value)
        if owner is not None and owner.product_id != product_id:
            errors[f"barcodes.{i}"] = _("{code} is already the barcode of another product.").format(
                code=value
            )
    return errors


def write_product(session: Session, draft: ProductDraft, *, product_id: int | None = None) -> int:
    """Add the product (or replace product `product_id`) with its barcodes and words,
    inside the caller's transaction; returns its id. Raises ValidationError first."""
    if errors := product_errors(draft) or _taken(session, draft, product_id):
        raise ValidationError(errors)
    product = Product() if product_id is None else session.get(Product, product_id)
    if product is None:
        raise DeskError(
            _("This product no longer exists; it may have been deleted on another desk.")
        )
    product.sku, product.name = draft.sku.strip(), draft.name.strip()
    product.variant, product.category = draft.variant.strip(), draft.category.strip()
    product.price_cents, product.returnable = draft.price_cents, draft.returnable
    product.default_disposition = draft.default_disposition
    product.external_ref = draft.external_ref.strip()
    product.search_key = search_key(product.sku, product.name, product.variant)
    product.updated_at = utcnow()
    session.add(product)
    session.flush()
    for table in (ProductBarcode, ProductWord):
        session.exec(delete(table).where(col(table.product_id) == product.id))
    for code in draft.barcodes:
        kind, value = check_barcode(code)
        session.add(ProductBarcode(code=value, product_id=product.id, kind=kind))
    for row in word_rows(product.id, product.sku, product.name, product.variant):
        session.add(ProductWord(**row))
    session.flush()
    return product.id


def save_product(
    db: Database, draft: ProductDraft, *, product_id: int | None = None
) -> ProductView:
    """Save a new product, or replace product `product_id`, in one transaction.

    Raises ValidationError (one message per field: a bad check digit, a SKU or barcode
    another product has) and saves nothing when the draft is not valid.
    """
    with db.session() as session:
        try:
            saved = write_product(session, draft, product_id=product_id)
            session.commit()
        except Exception:
            session.rollback()
            raise
        return product_view(session, saved)
