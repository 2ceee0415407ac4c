"""return currency: each return keeps the currency it was logged in

Adds return.currency (ISO 4217 code). Returns already there were logged in the shop's
currency, so they get the shop.currency setting as it is now (its default, EUR, when it
was never set); from here on desk.returns.add_return stamps the setting of the moment,
and changing the setting no longer relabels past amounts.

The reports' facts carry it too (report_return.currency, in the index the refunds
figure walks, so amounts are summed per currency without reading the returns), and are
then rebuilt from the source tables (desk.reports.facts.rebuild), on SQLite and
PostgreSQL: that is the facts' first fill for a database coming from before 0012.

The rebuild runs today's desk.reports.facts code: if a later revision changes these
tables, it must rebuild them itself, and this rebuild must then be frozen (copied here
as it was) so that it still matches the 0013 columns.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT = "EUR"
"""shop.currency's default (desk.settings.SHOP_CURRENCY), frozen as it was at 0013."""


DISPOSITION_COUNTS = [
    f"{d}_{what}"
    for d in ("restock", "refurbish", "recycle", "donate", "discard")
    for what in ("lines", "items")
]
SETTLED_0012 = ["settled_status", "refund_method", "day", "amount_cents", "settle_days"]
SETTLED_0012 += DISPOSITION_COUNTS
SETTLED_INDEX = ["settled_status", "refund_method", "currency", *SETTLED_0012[2:]]
"""ix_report_return_settled before and after: the refunds group by currency in its order."""


def shop_currency(conn: sa.Connection) -> str:
    """The shop.currency setting as stored (upper-cased, 3 letters), else the default."""
    stored = conn.execute(
        sa.text("SELECT value FROM setting WHERE key = 'shop.currency'")
    ).scalar_one_or_none()
    code = (stored or "").strip().upper()
    return code if len(code) == 3 and code.isalpha() else DEFAULT


def upgrade() -> None:
    with op.batch_alter_table("return", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "currency",
                sqlmodel.sql.sqltypes.AutoString(length=3),
                server_default=DEFAULT,
                nullable=False,
            )
        )
    conn = op.get_bind()
    code = shop_currency(conn)
    if code != DEFAULT:
        conn.execute(sa.text('UPDATE "return" SET currency = :code'), {"code": code})
    with op.batch_alter_table("report_return", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "currency",
                sqlmodel.sql.sqltypes.AutoString(length=3),
                server_default=DEFAULT,
                nullable=False,
            )
        )
        batch_op.drop_index("ix_report_return_settled")
        batch_op.create_index("ix_report_return_settled", SETTLED_INDEX, unique=False)
    from desk.reports.facts import rebuild

    rebuild(conn)


def downgrade() -> None:
    with op.batch_alter_table("report_return", schema=None) as batch_op:
        batch_op.drop_index("ix_report_return_settled")
        batch_op.create_index("ix_report_return_settled", SETTLED_0012, unique=False)
        batch_op.drop_column("currency")
    with op.batch_alter_table("return", schema=None) as batch_op:
        batch_op.drop_column("currency")
