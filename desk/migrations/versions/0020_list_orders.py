"""list orders: every column of the returns list sorts by walking an index

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 18:30:00

`return.item_count` holds the units of each return (the list's Items column, kept by the
service that writes the lines); each order the list offers has an index it walks
(desk/list_order.py), ending with the id so that keyset paging works on PostgreSQL too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# desk.codes.STATUS_RANK_SQL when this migration was written: the index must hold the very
# expression the queries use (a later status needs a migration that rebuilds the index)
STATUS_RANK_SQL = (
    "CASE status WHEN 'requested' THEN 0 WHEN 'received' THEN 1 WHEN 'inspecting' THEN 2 "
    "WHEN 'approved' THEN 3 WHEN 'rejected' THEN 4 WHEN 'refunded' THEN 5 "
    "WHEN 'exchanged' THEN 6 WHEN 'credited' THEN 7 WHEN 'closed' THEN 8 "
    "WHEN 'cancelled' THEN 9 ELSE 99 END"
)

# the open returns (desk.codes.OPEN_STATUSES), as desk.listing filters them: the list's
# default filter walks this index in logged order (old returns are nearly all closed)
OPEN_SQL = (
    "status IN ('requested', 'received', 'inspecting', 'approved', 'rejected', 'refunded', "
    "'exchanged', 'credited')"
)

INDEXES = [
    ("ix_return_created_at", ["created_at", "id"]),
    ("ix_return_customer_created", ["customer_id", "created_at", "id"]),
    ("ix_return_total_created", ["total_cents", "created_at", "id"]),
    ("ix_return_items_created", ["item_count", "created_at", "id"]),
]


def upgrade() -> None:
    op.add_column(
        "return", sa.Column("item_count", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(
        'UPDATE "return" SET item_count = coalesce((SELECT sum(l.quantity) FROM return_line l '
        'WHERE l.return_id = "return".id), 0)'
    )
    op.drop_index("ix_return_created_at", table_name="return")
    op.drop_index("ix_return_customer_id", table_name="return")
    for name, columns in INDEXES:
        op.create_index(name, "return", columns)
    op.create_index(
        "ix_return_status_rank", "return", [sa.text(f"({STATUS_RANK_SQL})"), "created_at", "id"]
    )
    op.create_index("ix_customer_name_lower", "customer", [sa.text("lower(name)"), "id"])
    op.create_index(
        "ix_return_open_created",
        "return",
        ["created_at", "id"],
        sqlite_where=sa.text(OPEN_SQL),
        postgresql_where=sa.text(OPEN_SQL),
    )


def downgrade() -> None:
    op.drop_index("ix_return_open_created", table_name="return")
    op.drop_index("ix_customer_name_lower", table_name="customer")
    op.drop_index("ix_return_status_rank", table_name="return")
    for name, _ in reversed(INDEXES):
        op.drop_index(name, table_name="return")
    op.create_index("ix_return_customer_id", "return", ["customer_id"])
    op.create_index("ix_return_created_at", "return", ["created_at"])
    op.drop_column("return", "item_count")
