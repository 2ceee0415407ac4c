"""A small catalogue and its sales, written straight into the test database (a test helper).

The products and sales are what an import would leave: a belt with an EAN-13, a mug, a kettle
(electronics, recycled by default) and an existing customer with a receipt of three lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from desk.catalog.keys import receipt_key
from desk.catalog.products import ProductDraft, save_product
from desk.catalog.tables import Sale, SaleLine
from desk.codes import Disposition
from desk.db import Database
from desk.models import Customer

BELT_EAN = "4006381333931"  # a valid EAN-13
MUG_EAN = "96385074"  # a valid EAN-8


@dataclass
class Shop:
    """What `stock_the_shop` wrote: ids to look for in the saved returns."""

    customer_id: int
    receipt: str
    sale_id: int
    line_ids: list[int]  # belt, mug, kettle
    product_ids: dict[str, int]  # sku → id


def add_customer(db: Database, name: str = "Rita Moreira", email: str = "rita@example.com") -> int:
    """A customer on file, as an import or an earlier return left her."""
    with db.session() as session:
        customer = Customer(name=name, email=email, phone="+351912345678")
        session.add(customer)
        session.commit()
        return customer.id


def add_products(db: Database) -> dict[str, int]:
    """The belt, the mug and the kettle; SKU → product id."""
    drafts = [
        ProductDraft(
            "BLT-7402-S", "Cinto de couro", "S", 2990, "Acessórios", barcodes=[BELT_EAN]
        ),  # fmt: skip
        ProductDraft("MUG-01", "Caneca", "", 790, "Cozinha", barcodes=[MUG_EAN]),
        ProductDraft(
            "KTL-9",
            "Chaleira elétrica",
            "1.7 l",
            4500,
            "Eletrónica",
            default_disposition=Disposition.RECYCLE,
        ),  # fmt: skip
    ]
    return {draft.sku: save_product(db, draft).id for draft in drafts}


def add_sale(
    db: Database,
    receipt: str,
    lines: list[tuple[int | None, str, str, int, int]],
    *,
    customer_id: int | None = None,
    sold: date | None = None,
) -> tuple[int, list[int]]:
    """A sale with `lines` of (product id, sku, description, quantity, paid cents a unit);
    returns (sale id, line ids)."""
    sold = sold or date.today() - timedelta(days=3)
    with db.session() as session:
        sale = Sale(
            receipt=receipt,
            receipt_key=receipt_key(receipt),
            sold_at=datetime.combine(sold, time(12), tzinfo=UTC),
            customer_id=customer_id,
            currency="EUR",
            source="csv",
        )
        session.add(sale)
        session.flush()
        rows = [
            SaleLine(
                sale_id=sale.id,
                line_no=n,
                product_id=product_id,
                sku=sku,
                description=description,
                quantity=quantity,
                paid_cents=paid,
            )  # fmt: skip
            for n, (product_id, sku, description, quantity, paid) in enumerate(lines, 1)
        ]
        session.add_all(rows)
        session.commit()
        return sale.id, [row.id for row in rows]


def stock_the_shop(db: Database, receipt: str = "R-1001", sold: date | None = None) -> Shop:
    """Products, a customer and her receipt: 1 belt (25.00 paid, on sale), 2 mugs, 1 kettle."""
    customer_id = add_customer(db)
    products = add_products(db)
    sale_id, line_ids = add_sale(
        db,
        receipt,
        [
            (products["BLT-7402-S"], "BLT-7402-S", "Cinto de couro S", 1, 2500),
            (products["MUG-01"], "MUG-01", "Caneca", 2, 790),
            (products["KTL-9"], "KTL-9", "Chaleira elétrica 1.7 l", 1, 4200),
        ],
        customer_id=customer_id,
        sold=sold,
    )
    return Shop(customer_id, receipt, sale_id, line_ids, products)
