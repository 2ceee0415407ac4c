"""catalog and sales: products, their barcodes and words, the till's sales and lines;
returns and their lines point at what they came back from

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 15:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_text = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    _catalog()
    _sales()
    # plain ADD COLUMN with its REFERENCES: a batch (table copy) of "return" would break
    # the search view built on it, and SQLite can add a nullable referencing column as is
    _add_reference("return", "sale_id", "sale")
    op.create_index("ix_return_sale_id", "return", ["sale_id"])
    _add_reference("return_line", "product_id", "product")
    _add_reference("return_line", "sale_line_id", "sale_line")
    op.add_column(
        "return_line",
        sa.Column("price_source", _text(length=10), nullable=False, server_default="typed"),
    )
    op.create_index("ix_return_line_product_id", "return_line", ["product_id"])
    op.create_index("ix_return_line_sale_line_id", "return_line", ["sale_line_id"])


def _add_reference(table: str, column: str, target: str) -> None:
    """Add a nullable column referencing target.id: on SQLite as one ADD COLUMN with its
    REFERENCES clause (Alembic would add the constraint apart, which SQLite cannot)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f'ALTER TABLE "{table}" ADD COLUMN {column} INTEGER REFERENCES {target} (id)')
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), sa.ForeignKey(f"{target}.id")))


def _catalog() -> None:
    op.create_table(
        "product",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", _text(length=64), nullable=False),
        sa.Column("name", _text(length=200), nullable=False),
        sa.Column("variant", _text(length=100), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("category", _text(length=100), nullable=False),
        sa.Column("returnable", sa.Boolean(), nullable=False),
        sa.Column("default_disposition", _text(length=20), nullable=True),
        sa.Column("search_key", _text(length=400), nullable=False),
        sa.Column("external_ref", _text(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sku"),
    )
    with op.batch_alter_table("product", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_category"), ["category"])
    op.create_table(
        "product_barcode",
        sa.Column("code", _text(length=48), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("kind", _text(length=10), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("product_barcode", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_barcode_product_id"), ["product_id"])
    op.create_table(
        "product_word",
        sa.Column("word", _text(length=100), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("word", "product_id"),
    )
    with op.batch_alter_table("product_word", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_word_product_id"), ["product_id"])


def _sales() -> None:
    op.create_table(
        "sale",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt", _text(length=100), nullable=False),
        sa.Column("receipt_key", _text(length=100), nullable=False),
        sa.Column("sold_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("currency", _text(length=3), nullable=False),
        sa.Column("source", _text(length=20), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt_key"),
    )
    with op.batch_alter_table("sale", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_customer_id"), ["customer_id"])
    op.create_table(
        "sale_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", _text(length=64), nullable=False),
        sa.Column("description", _text(length=300), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("paid_cents", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"]),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sale_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_line_product_id"), ["product_id"])
        batch_op.create_index(batch_op.f("ix_sale_line_sale_id"), ["sale_id"])


def downgrade() -> None:
    op.drop_index("ix_return_line_sale_line_id", "return_line")
    op.drop_index("ix_return_line_product_id", "return_line")
    op.drop_index("ix_return_sale_id", "return")
    with op.batch_alter_table("return_line", schema=None) as batch_op:
        for column in ("price_source", "sale_line_id", "product_id"):
            batch_op.drop_column(column)
    with op.batch_alter_table("return", schema=None) as batch_op:
        batch_op.drop_column("sale_id")
    for table in ("sale_line", "sale", "product_word", "product_barcode", "product"):
        op.drop_table(table)
