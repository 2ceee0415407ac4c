"""Rows for migration tests: written with today's models, copied into an older schema.

The ORM always writes today's columns, so a test that needs rows in a database at an
old revision writes them into a database at the head first, then copies them with
`copy_rows`, which keeps only the columns the old tables have.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Engine, inspect
from sqlmodel import SQLModel

import desk.reports.tables  # noqa: F401  (registers the reports' tables)

SKIPPED = ("alembic_version", "report_return", "report_response", "report_line")
"""Tables not copied: Alembic's own, and the derived facts migrations fill themselves."""


def copy_rows(source: Engine, target: Engine) -> int:
    """Copy every row of `source`'s tables into the same tables of `target`, keeping the
    columns `target` has; return how many rows were copied."""
    copied = 0
    with source.connect() as src, target.begin() as dst:
        found = inspect(dst)
        present = set(found.get_table_names())
        for table in SQLModel.metadata.sorted_tables:  # parents before children
            if table.name in SKIPPED or table.name not in present:
                continue
            old = {c["name"] for c in found.get_columns(table.name)}
            keep = [c for c in table.columns if c.name in old]
            rows = [dict(r._mapping) for r in src.execute(sa.select(*keep))]
            if rows:
                narrow = sa.table(table.name, *(sa.column(c.name, c.type) for c in keep))
                dst.execute(narrow.insert(), rows)
                copied += len(rows)
    return copied
