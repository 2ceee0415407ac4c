"""The ratings the returns list shows beside each return, read through SQLAlchemy Core.

The window's first page reads them before SQLModel and the ORM are loaded
(desk.core_tables); recording feedback is desk.feedback.record's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from desk.core_tables import FEEDBACK
from desk.settings import FEEDBACK_LOW_RATING, get_settings

if TYPE_CHECKING:
    from desk.db import Database


def ratings_for(db: Database, return_ids: list[int]) -> dict[int, int]:
    """The current rating of each of `return_ids` that has one, in one query."""
    if not return_ids:
        return {}
    query = select(FEEDBACK.c.return_id, FEEDBACK.c.rating).where(
        FEEDBACK.c.return_id.in_(list(return_ids)), FEEDBACK.c.replaced_at.is_(None)
    )
    with db.connect() as conn:
        return {return_id: rating for return_id, rating in conn.execute(query)}


def low_rating(db: Database) -> int:
    """The rating at or under which feedback is flagged (feedback.low_rating)."""
    with db.connect() as conn:
        return get_settings(conn, FEEDBACK_LOW_RATING)[0]
