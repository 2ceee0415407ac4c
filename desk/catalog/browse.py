"""The Products window's reads and its delete: pages of products, counts, categories.

A search finds the products that have, for each typed word, a word of their SKU, name or
variant starting with it, whatever the accents and case ("cafe tor" finds "Café
torrado"; the words are in product_word, read by an index range); a single typed word
also finds the products whose barcode starts with it. Lists are by SKU, whose unique
index gives the order, and come a page at a time.
"""

from __future__ import annotations

import re

from sqlalchemy import and_, delete, false, func, or_, union
from sqlmodel import Session, col, select

from desk.catalog.keys import MAX_WORD, fold
from desk.catalog.lookup import ProductView, barcode_forms, product_views
from desk.catalog.tables import Product, ProductBarcode, ProductWord, SaleLine
from desk.db import Database
from desk.errors import DeskError, NotFound
from desk.i18n.catalog import N_, _
from desk.models import ReturnLine

PAGE = 200
"""Products read at once: the window asks for the next page as the list scrolls down."""

COMMON = 2000
"""A typed word that starts words of more products than this is common (see _matching)."""

_WORD = re.compile(r"[0-9a-z]+")  # the words of desk.catalog.keys.product_words
GONE = N_("This product is no longer in the catalogue; it may have been deleted on another desk.")


def _starting(column, prefix: str):
    """`column` starts with `prefix`, as an index range."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(col(column) >= prefix, col(column) < after)


def _with_word(prefix: str):
    """The ids of the products having a word that starts with `prefix` (by the word index)."""
    return select(ProductWord.product_id).where(_starting(ProductWord.word, prefix))


def _has_word(prefix: str):
    """The product has a word starting with `prefix` (checked on its own words)."""
    return (
        select(ProductWord.product_id)
        .where(col(ProductWord.product_id) == col(Product.id), _starting(ProductWord.word, prefix))
        .exists()
    )


def _common(session: Session, prefix: str) -> bool:
    """Whether more than COMMON products have a word starting with `prefix` (counted no further)."""
    some = _with_word(prefix).limit(COMMON + 1).subquery()
    return session.exec(select(func.count()).select_from(some)).one() > COMMON


def _matching(session: Session, text: str) -> list:
    """The conditions for the products `text` finds (see the module's docstring).

    The candidates are the products of one typed word (by the word index) and, for a
    single typed word, those of the barcodes starting with it: one set both engines
    look up by the products' ids. The other typed words are checked on the candidates:
    a rare word by its own set, a common one ("sku" on every SKU) on each candidate's
    words, so no big set is built when a rare word narrows the search.
    """
    code = text.strip()
    words = sorted({w[:MAX_WORD] for w in _WORD.findall(fold(code))}, key=len, reverse=True)
    common = {w for w in words if len(words) > 1 and _common(session, w)}
    picked = [w for w in words if w not in common] or sorted(common)
    sources = [_with_word(picked[0])] if words else []
    others = [col(Product.id).in_(_with_word(w)) for w in picked[1:]]
    others += [_has_word(w) for w in words if w not in picked]
    by_code = None
    if len(code.split()) == 1:  # one word: it may be a barcode, or the start of one
        forms = dict.fromkeys(form for c in (code, code.upper()) for form in barcode_forms(c))
        by_code = select(ProductBarcode.product_id).where(
            or_(*(_starting(ProductBarcode.code, form) for form in forms))
        )
        sources.append(by_code)
    if not sources:
        return [false()]
    candidates = sources[0] if len(sources) == 1 else union(*sources)
    conditions = [col(Product.id).in_(candidates)]
    if others:
        rest = and_(*others)
        conditions.append(rest if by_code is None else or_(rest, col(Product.id).in_(by_code)))
    return conditions


def _conditions(session: Session, text: str, category: str | None) -> list:
    conditions = []
    if category is not None:
        conditions.append(col(Product.category) == category)
    if text.strip():
        conditions.extend(_matching(session, text))
    return conditions


def find_products(
    db: Database,
    text: str = "",
    *,
    category: str | None = None,
    offset: int = 0,
    limit: int = PAGE,
) -> list[ProductView]:
    """One page of the products matching `text` (every one when blank) in `category`, by SKU.

    Args:
        text: words starting words of the SKU, name or variant (accents and case do not
            matter), or the start of a barcode.
        category: only this category; "" for the products without one; None for all.
        offset: how many matches to skip (the rows already shown).
        limit: at most this many products.
    """
    with db.session() as session:
        stmt = (
            select(Product)
            .where(*_conditions(session, text, category))
            .order_by(col(Product.sku))
            .offset(max(offset, 0))
            .limit(max(limit, 0))
        )
        return product_views(session, session.exec(stmt).all())


def count_products(db: Database, text: str = "", category: str | None = None) -> int:
    """How many products `find_products` finds for `text` and `category`, over all pages."""
    with db.session() as session:
        conditions = _conditions(session, text, category)
        return session.exec(select(func.count()).select_from(Product).where(*conditions)).one()


def product_categories(db: Database) -> list[str]:
    """The categories the products use, sorted; "" first when some products have none."""
    with db.session() as session:
        found = session.exec(select(Product.category).distinct()).all()
    return sorted(found, key=lambda c: (c != "", fold(c), c))


def get_product(db: Database, product_id: int) -> ProductView:
    """A product with its barcodes; raises NotFound when it is not in the catalogue."""
    with db.session() as session:
        product = session.get(Product, product_id)
        if product is None:
            raise NotFound(_(GONE))
        return product_views(session, [product])[0]


def product_usage(db: Database, product_id: int) -> tuple[int, int]:
    """How many of the product were sold (its sale lines) and returned (its return lines)."""
    with db.session() as session:
        sold = session.exec(
            select(func.coalesce(func.sum(SaleLine.quantity), 0)).where(
                col(SaleLine.product_id) == product_id
            )
        ).one()
        returned = session.exec(
            select(func.coalesce(func.sum(ReturnLine.quantity), 0)).where(
                col(ReturnLine.product_id) == product_id
            )
        ).one()
    return int(sold), int(returned)


def _referred_by(session: Session, product_id: int) -> list[str]:
    """What names the product: "sales", "returns" (each looked up by its index)."""
    found = []
    for words, column in (("sales", SaleLine.product_id), ("returns", ReturnLine.product_id)):
        if session.exec(select(column).where(col(column) == product_id).limit(1)).first():
            found.append(words)
    return found


def delete_product(db: Database, product_id: int) -> None:
    """Delete a product with its barcodes and words, in one transaction.

    Raises NotFound when it is already gone, and DeskError when sales or returns refer
    to it (their history keeps it): the message says to mark it not returnable instead.
    """
    with db.session() as session:
        product = session.get(Product, product_id)
        if product is None:
            raise NotFound(_(GONE))
        if used := _referred_by(session, product_id):
            if len(used) > 1:
                text = _(
                    "{sku} cannot be deleted because sales and returns refer to it: "
                    "mark it not returnable instead."
                )
            elif used[0] == "sales":
                text = _(
                    "{sku} cannot be deleted because sales refer to it: "
                    "mark it not returnable instead."
                )
            else:
                text = _(
                    "{sku} cannot be deleted because returns refer to it: "
                    "mark it not returnable instead."
                )
            raise DeskError(text.format(sku=product.sku))
        for table in (ProductBarcode, ProductWord):
            session.exec(delete(table).where(col(table.product_id) == product_id))
        session.delete(product)
        session.commit()
