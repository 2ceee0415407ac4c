"""one reward code per return

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 09:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a return earns one code: the database holds to it even when two tills record at once
    with op.batch_alter_table("reward_code", schema=None) as batch_op:
        batch_op.create_index("ux_reward_code_return", ["return_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("reward_code", schema=None) as batch_op:
        batch_op.drop_index("ux_reward_code_return")
