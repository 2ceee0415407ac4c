"""What the table classes share: their SQLModel base, and the stamp of when a row was made.

desk.models, desk.catalog.tables, desk.staff.tables and desk.reports.tables define their
tables on it; it imports none of them, so desk.models can import the catalogue's tables
(its returns refer to them) without a cycle.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

from desk.columns import UTCDateTime


class Table(SQLModel):
    """The base of every table class: pydantic builds a class's validator when the class
    is first validated, not when it is defined. Defining the thirty tables built thirty
    validators at every start (about 15 ms of it), and most are never used in a run: rows
    read from the database are not validated."""

    model_config = SQLModelConfig(defer_build=True)


def utcnow() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def stamp(*, index: bool = False) -> Field:
    """A not-null UTC datetime column that defaults to now (created_at, updated_at…)."""
    return Field(
        default_factory=utcnow,
        sa_column=Column(UTCDateTime(), nullable=False, index=index),
    )
