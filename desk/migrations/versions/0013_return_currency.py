"""return currency: each return keeps the currency it was logged in

Adds return.currency (ISO 4217 code). Returns already there were logged in the shop's
currency, so they get the shop.currency setting as it is now (its default, EUR, when it
was never set); from here on desk.returns.add_return stamps the setting of the moment,
and changing the setting no longer relabels past amounts.

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
        # the dashboard asks whether one currency holds every return (min = max)
        batch_op.create_index(batch_op.f("ix_return_currency"), ["currency"], unique=False)
    conn = op.get_bind()
    code = shop_currency(conn)
    if code != DEFAULT:
        conn.execute(sa.text('UPDATE "return" SET currency = :code'), {"code": code})


def downgrade() -> None:
    with op.batch_alter_table("return", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_currency"))
        batch_op.drop_column("currency")
