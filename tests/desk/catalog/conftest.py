"""A small catalogue and sales on a real database, for the catalog tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desk.catalog.products import ProductDraft, save_product
from desk.catalog.tables import Sale, SaleLine
from desk.codes import Disposition
from desk.models import Customer

BELT = ProductDraft(
    "BLT-7402-S",
    "Leather belt",
    "Brown S",
    3490,
    "Accessories",
    barcodes=["4006381333931"],
)
KETTLE = ProductDraft(
    "KTL-100",
    "Chaleira elétrica",
    "1,7 L",
    12990,
    "Electronics",
    default_disposition=Disposition.RECYCLE,
    barcodes=["036000291452"],
)
EARRINGS = ProductDraft("EAR-9", "Earrings", "", 1500, "Jewellery", returnable=False)


@pytest.fixture
def shop(db):
    """Products belt, kettle, earrings; customer Ana; receipt 4821-0173 (2 belts, 1 kettle,
    1 pair of earrings), sold on 2026-11-20."""
    ids = {d.sku: save_product(db, d).id for d in (BELT, KETTLE, EARRINGS)}
    with db.session() as session:
        ana = Customer(name="Ana Souza", email="ana@example.com")
        session.add(ana)
        session.flush()
        sale = Sale(
            receipt="4821-0173",
            receipt_key="4821-0173",
            customer_id=ana.id,
            currency="EUR",
            sold_at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC),
        )
        session.add(sale)
        session.flush()
        lines = [
            SaleLine(
                sale_id=sale.id,
                line_no=1,
                product_id=ids["BLT-7402-S"],
                sku="BLT-7402-S",
                description="Leather belt Brown S",
                quantity=2,
                paid_cents=2990,
            ),
            SaleLine(
                sale_id=sale.id,
                line_no=2,
                product_id=ids["KTL-100"],
                sku="KTL-100",
                description="Chaleira elétrica 1,7 L",
                quantity=1,
                paid_cents=12990,
            ),
            SaleLine(
                sale_id=sale.id,
                line_no=3,
                product_id=ids["EAR-9"],
                sku="EAR-9",
                description="Earrings",
                quantity=1,
                paid_cents=1500,
            ),
        ]
        session.add_all(lines)
        session.commit()
        return {
            "products": ids,
            "customer": ana.id,
            "sale": sale.id,
            "lines": [li.id for li in lines],
        }
