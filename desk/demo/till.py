"""The demo's till, the database side of its catalogue and sales.

`open_till` writes the demo products the shop does not have yet (by SKU) with their
barcodes (a code another product already carries is left off) and the words SKU
completion finds them by, and returns the
`SaleMaker` that sells them, its ids after the sales already there and its receipt
numbers after the last demo run's. `write_sales` inserts a batch of sales and their
lines; `close_till` keeps where the receipt numbers got to. All in the demo's
transaction.
"""

from __future__ import annotations

from collections import Counter as Tally
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update
from sqlmodel import col

from desk.catalog.barcodes import check_barcode
from desk.catalog.keys import search_key
from desk.catalog.lookup import word_rows
from desk.catalog.tables import Product, ProductBarcode, ProductWord, Sale, SaleLine
from desk.demo.bulk import insert_rows, insert_tuples, stamp_for
from desk.demo.catalogue import ENGLISH, DemoCatalogue, DemoProduct
from desk.demo.plan import Rng
from desk.demo.sales import FIRST_RECEIPT, LINE_COLUMNS, SALE_COLUMNS, SaleIds, SaleMaker, SaleRows
from desk.models import Counter

RECEIPT_COUNTER = "demo-receipt"
"""The Counter row holding the last receipt number a demo run handed out."""


def open_till(
    conn: Connection,
    rng: Rng,
    now: datetime,
    currency: str,
    customers: list[dict],
    owners: list[int],
    catalogue: DemoCatalogue = ENGLISH,
) -> SaleMaker:
    """Write the missing products of `catalogue`; return a SaleMaker selling to `customers`.

    `owners` gives the customer index of each demo return (see desk.demo.plan): the
    receipts to try go to customers with one return and an email address.
    """
    product_ids, added = _write_catalogue(conn, now, catalogue.products)
    ids = SaleIds(
        sale=_next_id(conn, Sale),
        line=_next_id(conn, SaleLine),
        receipt=_last_receipt(conn),
    )
    returns = Tally(owners)
    occasional = [c["id"] for i, c in enumerate(customers) if returns[i] == 1 and c["email"]]
    maker = SaleMaker(
        rng,
        int(now.timestamp()),
        product_ids,
        ids,
        currency,
        stamp=stamp_for(conn),
        customer_ids=[c["id"] for c in customers],
        occasional=occasional,
        taken=_shop_receipts(conn),
        catalogue=catalogue,
    )
    maker.new_products = added
    return maker


def write_sales(conn: Connection, rows: SaleRows) -> None:
    """Insert a batch of sales, then their lines."""
    insert_tuples(conn, Sale.__table__, SALE_COLUMNS, rows.sales)
    insert_tuples(conn, SaleLine.__table__, LINE_COLUMNS, rows.lines)


def close_till(conn: Connection, maker: SaleMaker) -> None:
    """Keep the last receipt number, so a later demo run goes on after it."""
    value = maker.ids.receipt
    done = conn.execute(
        update(Counter).where(col(Counter.name) == RECEIPT_COUNTER).values(value=value)
    )
    if not done.rowcount:
        conn.execute(insert(Counter.__table__).values(name=RECEIPT_COUNTER, value=value))


def _write_catalogue(
    conn: Connection, now: datetime, products: tuple[DemoProduct, ...]
) -> tuple[dict[str, int], int]:
    """Add the demo products whose SKU is new; return every demo SKU's id and how many."""
    known = {sku: id_ for sku, id_ in conn.execute(select(Product.sku, Product.id))}
    next_id = _next_id(conn, Product)
    product_ids, rows, codes, words = {}, [], [], []
    taken = set(conn.execute(select(ProductBarcode.code)).scalars())
    for product in products:
        if product.sku in known:
            product_ids[product.sku] = known[product.sku]
            continue
        product_ids[product.sku] = next_id
        rows.append(
            {
                "id": next_id,
                "sku": product.sku,
                "name": product.name,
                "variant": product.variant,
                "price_cents": product.price_cents,
                "category": product.shelf,
                "returnable": product.returnable,
                "default_disposition": product.default_disposition,
                "search_key": search_key(product.sku, product.name, product.variant),
                "external_ref": "",
                "created_at": now,
                "updated_at": now,
            }
        )
        words.extend(word_rows(next_id, product.sku, product.name, product.variant))
        for code in product.barcodes:
            kind, normal = check_barcode(code)
            if normal not in taken:
                taken.add(normal)
                codes.append({"code": normal, "product_id": next_id, "kind": kind.value})
        next_id += 1
    insert_rows(conn, Product.__table__, rows)
    insert_rows(conn, ProductBarcode.__table__, codes)
    insert_rows(conn, ProductWord.__table__, words)
    return product_ids, len(rows)


def _next_id(conn: Connection, model: type) -> int:
    return conn.execute(select(func.coalesce(func.max(model.id), 0))).scalar_one() + 1


def _last_receipt(conn: Connection) -> int:
    query = select(Counter.value).where(col(Counter.name) == RECEIPT_COUNTER)
    return conn.execute(query).scalar() or FIRST_RECEIPT


def _shop_receipts(conn: Connection) -> set[str]:
    """The receipt keys of the shop's own sales (a demo receipt must differ from them)."""
    query = select(Sale.receipt_key).where(col(Sale.source) != "demo")
    return set(conn.execute(query).scalars())
