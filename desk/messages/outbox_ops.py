"""What a window asks of the outbox, each call in a transaction of its own.

The outbox itself (queueing, retry) lives in `desk.messages.outbox`, the sending run in
`desk.messages.sender`; these wrap them for a caller that has a `Database`, not a session.
"""

from __future__ import annotations

from desk.db import Database
from desk.messages.outbox import pending_count, retry
from desk.models import OutboxMessage


def waiting_count(db: Database) -> int:
    """How many messages wait to be sent (queued, or being sent right now)."""
    with db.session() as session:
        return pending_count(session)


def send_again(db: Database, message_id: int) -> OutboxMessage:
    """Queue a failed message again, to go at the next sending run; commit.

    Raises NotFound for an unknown message and DeskError when it is not failed (any more).
    """
    with db.session() as session:
        try:
            message = retry(session, message_id)
            session.commit()
        except Exception:
            session.rollback()
            raise
    return message
