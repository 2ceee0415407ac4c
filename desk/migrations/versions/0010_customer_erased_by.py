"""customer erased_by: an erasure is its own timeline entry, not a second status line

Earlier versions recorded erasing a customer as a status change from a status to itself
("Customer data erased on request by NAME."). This moves that record onto the customer
(erased_by; erased_at was already there) and removes those pseudo status changes, so the
timeline and the figures count only real moves.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 10:40:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_NOTE = "Customer data erased on request"
BY = re.compile(r" by (.+)\.$")


def upgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "erased_by",
                sqlmodel.sql.sqltypes.AutoString(length=100),
                server_default="",
                nullable=False,
            )
        )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT sc.id, r.customer_id, sc.note FROM status_change sc "
            'JOIN "return" r ON r.id = sc.return_id '
            "JOIN customer c ON c.id = r.customer_id "
            "WHERE c.erased_at IS NOT NULL AND sc.from_status = sc.to_status "
            "AND sc.note LIKE :old"
        ),
        {"old": OLD_NOTE + "%"},
    ).all()
    for change_id, customer_id, note in rows:
        if found := BY.search(note):
            conn.execute(
                sa.text("UPDATE customer SET erased_by = :who WHERE id = :id AND erased_by = ''"),
                {"who": found.group(1)[:100], "id": customer_id},
            )
        conn.execute(sa.text("DELETE FROM status_change WHERE id = :id"), {"id": change_id})


def downgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_column("erased_by")
