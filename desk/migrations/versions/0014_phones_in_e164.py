"""phones in E.164: every stored phone that reads as a number, rewritten as +<digits>

Customers' phones (and the recipients of text messages still waiting in the outbox)
are read with the shop's country (setting shop.country, else GB) as the region of a
number stored without its country code, and kept in E.164 ("07993 672961" becomes
+447993672961). A phone that does not read as a valid number, or that carries an
extension (which E.164 cannot hold), is left exactly as it was: nothing is lost, and the
desk shows it as typed with a warning to fix it. On SQLite the search index's view also
gets the phone's last 4 to 7 digits (so "4321" finds a stored +5511987654321), and the
index is rebuilt from it. Works the same on SQLite and PostgreSQL.

The conversion is frozen here (phonenumbers called directly), not desk.phones, so later
changes to the desk's rules do not change what this revision did.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 13:20:00
"""

from collections.abc import Sequence

import phonenumbers
import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_COUNTRY = "GB"

_DIGITS = """replace(replace(replace(replace(replace(replace(coalesce(phone, ''),
                 ' ', ''), '-', ''), '+', ''), '(', ''), ')', ''), '.', '')"""

_VIEW = """
CREATE VIEW return_search_source AS
SELECT r.id AS id,
       r.number || ' ' || replace(r.number, '-', '') || ' '
       || ltrim(substr(r.number, instr(substr(r.number, 3), '-') + 3), '0') || ' '
       || c.name || ' ' || coalesce(c.email, '') || ' ' || coalesce(c.phone, '') || ' '
       || c.digits || ' ' {suffixes}
       || coalesce((SELECT group_concat(l.sku, ' ') FROM return_line l
                    WHERE l.return_id = r.id), '') AS body
FROM "return" r
JOIN (SELECT id, name, email, phone, {digits} AS digits
      FROM customer) c ON c.id = r.customer_id
"""


def _view(lengths: range) -> str:
    suffixes = "".join(f"|| substr(c.digits, -{n}) || ' ' " for n in lengths)
    return _VIEW.format(suffixes=suffixes, digits=_DIGITS)


def _e164(text: str, country: str) -> str | None:
    try:
        number = phonenumbers.parse(text, country)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) or number.extension:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _country(conn: sa.Connection) -> str:
    stored = conn.execute(
        sa.text("SELECT value FROM setting WHERE key = 'shop.country'")
    ).scalar_one_or_none()
    code = (stored or "").strip().upper()
    return code if code in phonenumbers.SUPPORTED_REGIONS else DEFAULT_COUNTRY


def _normalise(conn: sa.Connection, select: str, update: str, country: str) -> None:
    changed = []
    for id_, phone in conn.execute(sa.text(select)).all():
        e164 = _e164(phone.strip(), country) if phone and phone.strip() else None
        if e164 is not None and e164 != phone:  # unreadable phones stay as they were
            changed.append({"id": id_, "phone": e164})
    for start in range(0, len(changed), 1000):
        conn.execute(sa.text(update), changed[start : start + 1000])


def upgrade() -> None:
    conn = op.get_bind()
    country = _country(conn)
    _normalise(
        conn,
        "SELECT id, phone FROM customer WHERE phone IS NOT NULL",
        "UPDATE customer SET phone = :phone WHERE id = :id",
        country,
    )
    _normalise(
        conn,
        "SELECT id, recipient FROM outbox_message WHERE channel = 'sms' AND state = 'queued'",
        "UPDATE outbox_message SET recipient = :phone WHERE id = :id",
        country,
    )
    if conn.dialect.name == "sqlite":
        op.execute("DROP VIEW return_search_source")
        op.execute(_view(range(4, 12)))
        op.execute("DELETE FROM return_search")
        op.execute(
            "INSERT INTO return_search(rowid, body) SELECT id, body FROM return_search_source"
        )


def downgrade() -> None:
    # The phones stay in E.164: the earlier revisions read them as well as the typed forms.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP VIEW return_search_source")
        op.execute(_view(range(8, 12)))
        op.execute("DELETE FROM return_search")
        op.execute(
            "INSERT INTO return_search(rowid, body) SELECT id, body FROM return_search_source"
        )
