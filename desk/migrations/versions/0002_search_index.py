"""search index: full-text search over returns, filled from existing data

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What a return can be found by: its number (also without dashes and leading zeros),
# the customer's name, email and phone (also as bare digits, and their last 8 to 11
# digits, so a number typed without country code is found), and every line's SKU.
SOURCE_VIEW = """
CREATE VIEW return_search_source AS
SELECT r.id AS id,
       r.number || ' ' || replace(r.number, '-', '') || ' '
       || ltrim(substr(r.number, instr(substr(r.number, 3), '-') + 3), '0') || ' '
       || c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.phone, '') || ' '
       || c.digits || ' ' || substr(c.digits, -8) || ' ' || substr(c.digits, -9) || ' '
       || substr(c.digits, -10) || ' ' || substr(c.digits, -11) || ' '
       || coalesce((SELECT group_concat(l.sku, ' ') FROM return_line l
                    WHERE l.return_id = r.id), '') AS body
FROM "return" r
JOIN (SELECT id, name, email, phone,
             replace(replace(replace(replace(replace(replace(coalesce(phone, ''),
                 ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '') AS digits
      FROM customer) c ON c.id = r.customer_id
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # other databases search with ILIKE (see desk/search.py)
    op.execute(
        "CREATE VIRTUAL TABLE return_search USING fts5("
        "body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
    )
    op.execute(SOURCE_VIEW)
    op.execute("INSERT INTO return_search(rowid, body) SELECT id, body FROM return_search_source")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP VIEW return_search_source")
    op.execute("DROP TABLE return_search")
