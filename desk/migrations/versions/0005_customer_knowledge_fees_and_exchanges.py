"""customer knowledge, fees and exchanges

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:50:01.485237
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exchange_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("sku", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_cents", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["return_id"], ["return.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("exchange_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_line_return_id"), ["return_id"], unique=False)

    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "external_ref",
                sqlmodel.sql.sqltypes.AutoString(length=100),
                server_default="",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("customer_since", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("orders_count", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("lifetime_spend_cents", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("return", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("fee_cents", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("bonus_cents", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("settlement_cents", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("return", schema=None) as batch_op:
        batch_op.drop_column("settlement_cents")
        batch_op.drop_column("bonus_cents")
        batch_op.drop_column("fee_cents")

    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.drop_column("lifetime_spend_cents")
        batch_op.drop_column("orders_count")
        batch_op.drop_column("customer_since")
        batch_op.drop_column("external_ref")

    with op.batch_alter_table("exchange_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_line_return_id"))

    op.drop_table("exchange_line")
