"""The column types the tables use (aware UTC datetimes, enum members stored as text).

SQLAlchemy Core only: the window's first screen reads through them (desk.core_tables)
without loading SQLModel or pydantic. The tables' base class is desk.models.Table."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A `DateTime(timezone=True)` column that reads back aware UTC datetimes.

    Writes one canonical form: the moment in UTC (on SQLite the text
    `2026-11-30 19:36:20.000000`, with no offset, whichever way the row is inserted),
    so text order is time order. Reads either form SQLite may hold (with or without
    `+00:00`) as an aware UTC datetime. A naive datetime is taken to be UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """The moment in UTC; on SQLite without tzinfo, so the text carries no offset."""
        if value is None:
            return None
        value = _aware_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """The stored moment as an aware UTC datetime."""
        return None if value is None else _aware_utc(value)


def _aware_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


E = TypeVar("E", bound=enum.StrEnum)


class EnumText(TypeDecorator[E]):
    """A VARCHAR column holding the value of an `enum_cls` member; reads give the member.

    Stores exactly the text a plain `String(length)` column would (the member's value),
    so the schema and the stored rows are the same as with a string column. Accepts a
    member or its value on write; an unknown value raises ValueError.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum_cls: type[E], length: int) -> None:
        super().__init__(length)
        self.enum_cls = enum_cls
        self._members: dict[str, E] = {member.value: member for member in enum_cls}

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """The member's value (str keys match members too: StrEnum hashes as its value)."""
        if value is None:
            return None
        return self._lookup(value).value

    def process_result_value(self, value: str | None, dialect: Dialect) -> E | None:
        """The member whose value is stored."""
        return None if value is None else self._lookup(value)

    def process_literal_param(self, value: Any, dialect: Dialect) -> str:
        """The member's value as an SQL literal, for literal binds."""
        text = self._lookup(value).value.replace("'", "''")
        return f"'{text}'"

    def _lookup(self, value: Any) -> E:
        try:
            return self._members[value]
        except (KeyError, TypeError):
            raise ValueError(f"{value!r} is not a {self.enum_cls.__name__}") from None

    @property
    def python_type(self) -> type[E]:
        """The enum class."""
        return self.enum_cls
