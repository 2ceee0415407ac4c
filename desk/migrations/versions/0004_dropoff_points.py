"""drop-off points

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 16:44:28.357726
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dropoff_point",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hours", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("accepts_reuse", sa.Boolean(), nullable=False),
        sa.Column("accepts_recycling", sa.Boolean(), nullable=False),
        sa.Column("accepts_donation", sa.Boolean(), nullable=False),
        sa.Column("categories", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dropoff_point", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dropoff_point_active"), ["active"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("dropoff_point", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dropoff_point_active"))

    op.drop_table("dropoff_point")
