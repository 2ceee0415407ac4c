"""Return numbers: R-2026-00042, counted per year in the `counter` table."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session, select

from desk.models import Counter


def format_number(year: int, seq: int) -> str:
    """Return the human-friendly number of the `seq`-th return of `year`: R-2026-00042."""
    return f"R-{year}-{seq:05d}"


def next_number(session: Session, year: int) -> str:
    """Reserve and return the next return number of `year` (inside the caller's transaction)."""
    name = f"return-{year}"
    bumped = session.exec(
        update(Counter).where(Counter.name == name).values(value=Counter.value + 1)
    )
    if bumped.rowcount == 0:
        session.add(Counter(name=name, value=1))
        session.flush()
    value = session.exec(select(Counter.value).where(Counter.name == name)).one()
    return format_number(year, value)
