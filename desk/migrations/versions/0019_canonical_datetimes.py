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
table costs one scan testing all its stamp columns at once (at 1,000,000 demo returns,
13 million stamps in seven big tables: about 2.5 s on a loaded 2-core machine).
PostgreSQL stores timestamptz: nothing to do there.

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

CANONICAL_GLOB = "????-??-?? ??:??:??.??????"  # 2026-11-30 19:36:20.000000
"""The shape of a canonical stamp (GLOB): 26 characters, a space between date and time, a
fraction of six places. Cheap enough to test 13 million stamps in a few seconds (a pattern
with `[0-9]` in each place costs four times as much); every form an older writer left
(offsets, `T`, `Z`, no or short fractions, CURRENT_TIMESTAMP) has another shape."""

_D = "[0-9]"

_SECONDS = f"{_D * 4}-{_D * 2}-{_D * 2}[ T]{_D * 2}:{_D * 2}:{_D * 2}"
_FRACTION = "." + _D * 6
_OFFSET = f"[+-]{_D * 2}:{_D * 2}"
# the moment of a value with an offset, to the second, in UTC: the fraction is set aside
# first (strftime would round .9999995 up into the next second) and put back after
_UTC_SECONDS = "strftime('%Y-%m-%d %H:%M:%S', substr({v}, 1, 19) || substr({v}, -6))"
SQL_FORMS = (
    # (GLOB of the whole value, SQL giving its canonical text from the column `{v}`)
    (_SECONDS, "replace({v}, 'T', ' ') || '.000000'"),
    (_SECONDS + _FRACTION, "replace({v}, 'T', ' ')"),
    (_SECONDS + "+00:00", "replace(substr({v}, 1, 19), 'T', ' ') || '.000000'"),
    (_SECONDS + _FRACTION + "+00:00", "replace(substr({v}, 1, 26), 'T', ' ')"),
    (_SECONDS + "Z", "replace(substr({v}, 1, 19), 'T', ' ') || '.000000'"),
    (_SECONDS + _FRACTION + "Z", "replace(substr({v}, 1, 26), 'T', ' ')"),
    (_SECONDS + _OFFSET, _UTC_SECONDS + " || '.000000'"),
    (_SECONDS + _FRACTION + _OFFSET, _UTC_SECONDS + " || substr({v}, 20, 7)"),
)
"""The forms older writers left, fixed in SQL; other ones (a short fraction, an offset
without its colon) are parsed in Python."""


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return  # timestamptz: the server keeps one form
    by_table: dict[str, list[str]] = {}
    for table, column in datetime_columns(conn):
        by_table.setdefault(table, []).append(column)
    for table, columns in by_table.items():
        canonicalise(conn, table, columns)


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
    return f"\"{column}\" NOT GLOB '{CANONICAL_GLOB}'"  # NULL NOT GLOB is NULL: not odd


def canonicalise(conn: Connection, table: str, columns: list[str]) -> int:
    """Rewrite the stamps of `table`'s `columns` that are not canonical; return how many
    rows changed. One scan finds whether there is anything to do (the usual case is not);
    then each row is rewritten once, whichever of its columns were odd."""
    where = " OR ".join(f"({_odd(column)})" for column in columns)
    found = conn.exec_driver_sql(f'SELECT 1 FROM "{table}" WHERE {where} LIMIT 1').first()
    if found is None:
        return 0
    sets = ", ".join(f'"{column}" = {_fixed(column)}' for column in columns)
    changed = conn.exec_driver_sql(f'UPDATE "{table}" SET {sets} WHERE {where}').rowcount
    names = ", ".join(f'"{column}"' for column in columns)
    left = conn.exec_driver_sql(f'SELECT rowid, {names} FROM "{table}" WHERE {where}').all()
    unreadable = 0
    for i, column in enumerate(columns, start=1):
        fixed = []
        for row in left:
            if _canonical_shape(row[i]):
                continue
            if (moment := canonical_text(row[i])) is None:
                unreadable += 1
            else:
                fixed.append((moment, row[0]))
        if fixed:
            conn.exec_driver_sql(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', fixed)
    if unreadable:
        log.warning("%s: %d stamps are not dates; left as they are", table, unreadable)
    return changed


def _fixed(column: str) -> str:
    """SQL for the column's canonical text when its form is one of SQL_FORMS, else itself."""
    value = f'"{column}"'
    cases = " ".join(
        f"WHEN {value} GLOB '{glob}' THEN {sql.format(v=value)}" for glob, sql in SQL_FORMS
    )
    return f"CASE WHEN {value} GLOB '{CANONICAL_GLOB}' THEN {value} {cases} ELSE {value} END"


def _canonical_shape(value: object) -> bool:
    """What CANONICAL_GLOB says, in Python (None counts as canonical: nothing to fix)."""
    if value is None:
        return True
    return (
        isinstance(value, str)
        and len(value) == 26
        and value[4] + value[7] + value[10] + value[13] + value[16] + value[19] == "-- ::."
    )


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
