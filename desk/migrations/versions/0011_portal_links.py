"""portal links: personal links to a return in the customer space (token hashes only)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "portal_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("return_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["return_id"], ["return.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("portal_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_portal_link_return_id"), ["return_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("portal_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_portal_link_return_id"))
    op.drop_table("portal_link")
