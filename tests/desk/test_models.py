"""The tables match the migrations: autogenerate finds nothing to add or change."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import desk.catalog.tables  # noqa: F401  (and the catalogue's)
import desk.models  # noqa: F401  (registers the tables)
import desk.reports.tables  # noqa: F401  (and the reports' own)
import desk.staff.tables  # noqa: F401  (and the staff accounts and audit)
from desk.migrations import EXPRESSION_INDEXES, include_object


def test_autogenerate_sees_no_difference_from_the_migrations(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def test_the_indexes_autogenerate_cannot_compare_exist(db):
    from sqlalchemy import text

    query = {  # SQLAlchemy's inspector skips indexes on expressions on SQLite
        "sqlite": "SELECT name, sql FROM sqlite_master WHERE type = 'index'",
        "postgresql": "SELECT indexname, indexdef FROM pg_indexes",
    }[db.engine.dialect.name]
    with db.engine.connect() as conn:
        found = dict(conn.execute(text(query)).all())
    assert set(EXPRESSION_INDEXES) <= set(found)
    assert "UNIQUE" in found["ux_feedback_current"].upper()
    assert "WHERE" in found["ix_return_open_created"].upper()
