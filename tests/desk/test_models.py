"""The tables match the migrations: autogenerate finds nothing to add or change."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import desk.catalog.tables  # noqa: F401  (and the catalogue's)
import desk.models  # noqa: F401  (registers the tables)
import desk.reports.tables  # noqa: F401  (and the reports' own)
from desk.migrations import include_object


def test_autogenerate_sees_no_difference_from_the_migrations(db):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}
        )
        assert compare_metadata(context, SQLModel.metadata) == []
