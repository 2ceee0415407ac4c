"""erased contacts: salted SHA-256 fingerprints of erased customers' emails and phones

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "erased_contact",
        sa.Column("contact_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("contact_hash"),
    )


def downgrade() -> None:
    op.drop_table("erased_contact")
