"""A catalogue and the till's sales on top of the crafted database (conftest.py), by hand.

Products: A SKU-A Kettle (Kitchen), B SKU-B T-shirt M (Clothing), C SKU-C Scarf (Clothing),
D SKU-D Lamp (Home), E SKU-E Gift box (no category), Z SKU-Z Blender (Kitchen).

The crafted returns' lines, with unit prices and ties (pid: tied by product id; R2 is
logged in BRL, the others in EUR):
R1 settled   SKU-A x2 2500 pid A · SKU-B x1 1000 (typed, matches B)
R2 settled   SKU-A x1 2400 pid A
R3 settled   SKU-C x3 1500 (typed) · SKU-A x1 2500 pid A · OLD-C x2 1500 pid C (a SKU changed since)
R4 cancelled SKU-D x5 pid D (not counted)
R5 received  SKU-B x1 1000 pid B · sku-b x1 1000 (typed in lower case: B) · SKU-E x1 500 pid E
             · MISC-1 x4 100 (no product)
R6, R7 outside the range: SKU-Z x50.

Returned: A 4 items in 3 returns (R1 R2 R3), refunded EUR 7500 + BRL 2400; B 3 in 2 (R1 R5),
EUR 1000 (R5 is not settled); C 5 in 1 (R3), EUR 7500; E 1 in 1, nothing refunded.

Sales: S1 11-01 (before) A x10; S2 11-03 A x5 pid, B x8 by SKU only; S3 11-10 (Ben's) A x3,
C x10, D x2, GIFT x1 (no product); S4 11-16 (after) C x100.
Sold in range: A 8, B 8, C 10, D 2. Rates: A 4/8, B 3/8, C 5/10, E none sold.
Categories: Kitchen 4/8, Clothing (B + C) 8/18, Home 0/2.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col, select

from desk.catalog.keys import search_key
from desk.catalog.lookup import word_rows
from desk.catalog.tables import Product, ProductWord, Sale, SaleLine
from desk.models import Return, ReturnLine
from desk.reports.facts import rebuild
from tests.desk.reports.conftest import Crafted, at

PRODUCTS = {
    "A": ("SKU-A", "Kettle", "", "Kitchen"),
    "B": ("SKU-B", "T-shirt", "M", "Clothing"),
    "C": ("SKU-C", "Scarf", "", "Clothing"),
    "D": ("SKU-D", "Lamp", "", "Home"),
    "E": ("SKU-E", "Gift box", "", ""),
    "Z": ("SKU-Z", "Blender", "", "Kitchen"),
}


def build_catalog(db, crafted: Crafted, *, sales: bool = True) -> dict[str, int]:
    """Add the products, tie and price the crafted lines, add the sales (unless told not
    to); rewrite the reports' facts. Returns the products' ids by letter."""
    with db.session() as s:
        ids = {}
        for key, (sku, name, variant, category) in PRODUCTS.items():
            product = Product(
                sku=sku,
                name=name,
                variant=variant,
                category=category,
                search_key=search_key(sku, name, variant),
            )
            s.add(product)
            s.flush()
            ids[key] = product.id
            s.add_all(ProductWord(**row) for row in word_rows(product.id, sku, name, variant))
        r = crafted.returns
        lines = s.exec(select(ReturnLine).where(col(ReturnLine.return_id).in_(r.values()))).all()
        by = {(line.return_id, line.sku): line for line in lines}

        def tie(ret, sku, price, product=None):
            line = by[r[ret], sku]
            line.unit_price_cents = price
            line.product_id = ids[product] if product else None

        def add(ret, sku, quantity, price, product=None):
            s.add(
                ReturnLine(
                    return_id=r[ret],
                    sku=sku,
                    quantity=quantity,
                    unit_price_cents=price,
                    product_id=ids[product] if product else None,
                )
            )

        tie("R1", "SKU-A", 2500, "A")
        tie("R1", "SKU-B", 1000)
        tie("R2", "SKU-A", 2400, "A")
        tie("R3", "SKU-C", 1500)
        tie("R3", "SKU-A", 2500, "A")
        add("R3", "OLD-C", 2, 1500, "C")
        tie("R4", "SKU-D", 900, "D")
        tie("R5", "SKU-B", 1000, "B")
        add("R5", "sku-b", 1, 1000)
        add("R5", "SKU-E", 1, 500, "E")
        add("R5", "MISC-1", 4, 100)
        s.execute(update(Return).where(Return.id == r["R2"]).values(currency="BRL"))
        if sales:
            ben = crafted.customers["Ben"]
            for receipt, when, customer, items in (
                ("S1", at(1, 12), None, [("A", "SKU-A", 10)]),
                ("S2", at(3, 10), None, [("A", "SKU-A", 5), (None, "SKU-B", 8)]),
                (
                    "S3",
                    at(10, 15),
                    ben,
                    [("A", "SKU-A", 3), ("C", "SKU-C", 10), ("D", "SKU-D", 2), (None, "GIFT", 1)],
                ),
                ("S4", at(16), None, [("C", "SKU-C", 100)]),
            ):
                sale = Sale(
                    receipt=receipt, receipt_key=receipt, sold_at=when, customer_id=customer
                )
                s.add(sale)
                s.flush()
                for n, (product, sku, quantity) in enumerate(items, start=1):
                    s.add(
                        SaleLine(
                            sale_id=sale.id,
                            line_no=n,
                            product_id=ids[product] if product else None,
                            sku=sku,
                            quantity=quantity,
                            paid_cents=1000,
                        )
                    )
        s.flush()
        rebuild(s.connection())
        s.commit()
        return ids
