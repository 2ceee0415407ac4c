"""Alembic environment: runs migrations on the engine the app hands over."""

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import desk.catalog.tables  # noqa: F401  (and the catalogue's)
import desk.models  # noqa: F401  (registers the tables)
import desk.reports.tables  # noqa: F401  (and the reports' own)
import desk.staff.tables  # noqa: F401  (and the staff accounts and audit)
from desk.migrations import include_object

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or create_engine(
        config.get_main_option("sqlalchemy.url")
    )
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=include_object,
            on_version_apply=config.attributes.get("on_version_apply", ()),  # runner's steps
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
