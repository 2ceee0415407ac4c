"""The tables of the shop's catalogue and the till's sales: what returns start from.

Products are found by SKU, barcode or word (desk.catalog.lookup); sales keep what returns
need of the till's receipts. desk.models imports this module, so the tables are always in
the metadata beside its own (Return and ReturnLine refer to them).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field

from desk.codes import BarcodeKind, Disposition
from desk.columns import EnumText, UTCDateTime
from desk.table_base import Table, stamp


class Product(Table, table=True):
    """One sellable item of the shop's catalogue, found by its SKU or any of its barcodes."""

    __tablename__ = "product"

    id: int | None = Field(default=None, primary_key=True)
    sku: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    variant: str = Field(default="", max_length=100)
    price_cents: int = Field(default=0)
    category: str = Field(default="", max_length=100, index=True)
    returnable: bool = Field(default=True)
    default_disposition: Disposition | None = Field(
        default=None, sa_type=EnumText(Disposition, 20), nullable=True
    )
    search_key: str = Field(default="", max_length=400)  # desk.catalog.keys.search_key
    external_ref: str = Field(default="", max_length=100)
    created_at: datetime = stamp()
    updated_at: datetime = stamp()


class ProductBarcode(Table, table=True):
    """One barcode value of a product, as desk.catalog.barcodes.check_barcode normalizes it."""

    __tablename__ = "product_barcode"

    code: str = Field(primary_key=True, max_length=48)
    product_id: int = Field(foreign_key="product.id", index=True, ondelete="CASCADE")
    kind: BarcodeKind = Field(sa_type=EnumText(BarcodeKind, 10))


class ProductWord(Table, table=True):
    """One folded word of a product's SKU, name or variant: SKU completion looks up a
    typed prefix here by an index range, instead of scanning every product."""

    __tablename__ = "product_word"

    word: str = Field(primary_key=True, max_length=100)
    product_id: int = Field(
        primary_key=True, foreign_key="product.id", index=True, ondelete="CASCADE"
    )


class Sale(Table, table=True):
    """One sale of the shop's till (a receipt or an order), kept to what returns need."""

    __tablename__ = "sale"

    id: int | None = Field(default=None, primary_key=True)
    receipt: str = Field(max_length=100)  # as printed on the receipt
    receipt_key: str = Field(max_length=100, unique=True)  # desk.catalog.keys.receipt_key
    sold_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    customer_id: int | None = Field(default=None, foreign_key="customer.id", index=True)
    currency: str = Field(default="EUR", max_length=3)
    source: str = Field(default="csv", max_length=20)  # csv, square, shopify, lightspeed, demo


class SaleLine(Table, table=True):
    """One line of a sale: what was bought, how many, and the unit price actually paid."""

    __tablename__ = "sale_line"

    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True, ondelete="CASCADE")
    line_no: int = Field(default=1)
    product_id: int | None = Field(default=None, foreign_key="product.id", index=True)
    sku: str = Field(default="", max_length=64)
    description: str = Field(default="", max_length=300)
    quantity: int = Field(default=1)
    paid_cents: int = Field(default=0)  # per unit, after discounts
