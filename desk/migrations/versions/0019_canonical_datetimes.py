"""canonical datetimes: every stamp on SQLite as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC

Earlier versions left other forms on disk beside the canonical one: `+00:00` after the
seconds (Core bulk inserts through the driver), `T` between date and time, no fraction
(`CURRENT_TIMESTAMP`), other offsets. Text order is then not time order, which broke the
list's keyset paging. This rewrites every DATETIME column of every table to the form
desk.columns.UTCDateTime writes, converting offsets to UTC.

The columns are found from the tables' declared types (`DATETIME`, what SQLAlchemy's
`DateTime` makes on SQLite), so no table is forgotten. The common forms are fixed in one
`UPDATE` per column with substr/replace; whatever is still not canonical after that
(other offsets, short fractions, `Z`) is parsed in Python, row by row. A value that is not
a date at all is left as it is (and counted in the log). On a canonical database each
column costs one scan. PostgreSQL stores timestamptz: nothing to do there.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 18:30:00
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op
from sqlalchemy import Connection

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)

_D = "[0-9]"
CANONICAL_GLOB = (
    f"{_D * 4}-{_D * 2}-{_D * 2} {_D * 2}:{_D * 2}:{_D * 2}.{_D * 6}"  # 2026-11-30 19:36:20.000000
)
"""What a canonical stamp looks like (GLOB pattern): 26 characters, digits where digits go."""

_SECONDS = f"{_D * 4}-{_D * 2}-{_D * 2}[ T]{_D * 2}:{_D * 2}:{_D * 2}"
SQL_FORMS = (
    # (GLOB of the whole value, SQL giving its canonical text from the column `{v}`)
    (_SECONDS, "replace({v}, 'T', ' ') || '.000000'"),
    (_SECONDS + "+00:00", "replace(substr({v}, 1, 19), 'T', ' ') || '.000000'"),
    (_SECONDS + "." + _D * 6, "replace({v}, 'T', ' ')"),
    (_SECONDS + "." + _D * 6 + "+00:00", "replace(substr({v}, 1, 26), 'T', ' ')"),
)
"""The forms older writers left, fixed in SQL: already UTC, only the spelling differs."""


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return  # timestamptz: the server keeps one form
    by_table: dict[str, list[str]] = {}
    for table, column in datetime_columns(conn):
        by_table.setdefault(table, []).append(column)
    for table, columns in by_table.items():
        if any_odd(conn, table, columns):  # one scan of the table: the usual case is none
            for column in columns:
                canonicalise(conn, table, column)


def downgrade() -> None:
    pass  # the canonical form is what every earlier version writes and reads too


def datetime_columns(conn: Connection) -> list[tuple[str, str]]:
    """Every (table, column) declared DATETIME in the SQLite database behind `conn`."""
    tables = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).scalars()
    found = []
    for table in list(tables):
        for row in conn.exec_driver_sql(f'PRAGMA table_info("{table}")'):
            if row[2].strip().upper() == "DATETIME":
                found.append((table, row[1]))
    return found


def _odd(column: str) -> str:
    return f'"{column}" IS NOT NULL AND "{column}" NOT GLOB \'{CANONICAL_GLOB}\''


def any_odd(conn: Connection, table: str, columns: list[str]) -> bool:
    """Whether any of the table's `columns` holds a stamp that is not canonical."""
    where = " OR ".join(f"({_odd(column)})" for column in columns)
    found = conn.exec_driver_sql(f'SELECT 1 FROM "{table}" WHERE {where} LIMIT 1').first()
    return found is not None


def canonicalise(conn: Connection, table: str, column: str) -> int:
    """Rewrite the column's stamps that are not canonical; return how many rows changed."""
    where = _odd(column)
    if not any_odd(conn, table, [column]):
        return 0
    value = f'"{column}"'
    cases = " ".join(
        f"WHEN {value} GLOB '{glob}' THEN {sql.format(v=value)}" for glob, sql in SQL_FORMS
    )
    known = " OR ".join(f"{value} GLOB '{glob}'" for glob, _ in SQL_FORMS)
    changed = conn.exec_driver_sql(
        f'UPDATE "{table}" SET {value} = CASE {cases} END WHERE {where} AND ({known})'
    ).rowcount
    odd = conn.exec_driver_sql(f'SELECT rowid, "{column}" FROM "{table}" WHERE {where}').all()
    fixed, unreadable = [], 0
    for rowid, text in odd:
        if (moment := canonical_text(text)) is None:
            unreadable += 1
        else:
            fixed.append((moment, rowid))
    if fixed:
        conn.exec_driver_sql(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', fixed)
    if unreadable:
        log.warning("%s.%s: %d values are not dates; left as they are", table, column, unreadable)
    return changed + len(fixed)


def canonical_text(value: object) -> str | None:
    """The canonical text of a stored stamp (naive means UTC), or None when it is no date."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(" ", "microseconds")
