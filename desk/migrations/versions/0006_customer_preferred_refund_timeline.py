"""customer preferred refund timeline

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 17:05:26.389795
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "preferred_timeline",
                sqlmodel.sql.sqltypes.AutoString(length=20),
                server_default="",
                nullable=False,
            )
        )


def downgrade() -> None:

    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_column("preferred_timeline")
