"""The audit: one row per change that matters, written in the change's own transaction.

`record` only ever inserts (the table's triggers refuse updates and deletes). Secrets are
never written: a changed secret is recorded as changed, with HIDDEN for both values. A
customer is named by number only, never by name or contact, so an erasure leaves nothing
personal behind in the audit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, func, select

from desk.search import fold, folded
from desk.staff.actor import Actor, acting, computer_name
from desk.staff.codes import AuditAction
from desk.staff.tables import AuditEntry

if TYPE_CHECKING:
    from desk.db import Database

HIDDEN = "••••••"
"""What the audit shows for a secret's old and new values."""

_VALUE_CHARS = 2000
_NAME_CHARS = 100


def record(
    session: Session,
    actor: Actor | None,
    action: AuditAction,
    subject: str = "",
    *,
    old: object = None,
    new: object = None,
) -> AuditEntry:
    """Add an audit entry for `action` by `actor` (the computer's user when None) to `session`.

    `subject` names what changed ("shop.name", "customer 12", "returned / email / pt_BR");
    `old` and `new` are kept as text, cut to 2,000 characters. The caller commits.
    """
    actor = acting(actor)
    approver = actor.approved_by
    entry = AuditEntry(
        action=action,
        actor_name=_name(actor.name),
        actor_id=actor.account_id,
        acting_as=actor.acting_as,
        approver_name=_name(approver.name) if approver else None,
        approver_id=approver.account_id if approver else None,
        subject=(_text(subject) or "")[:200],
        old_value=_text(old),
        new_value=_text(new),
        computer=computer_name(),
    )
    session.add(entry)
    return entry


def _name(name: str) -> str:
    """A person's name as the audit keeps it: 100 characters at most, no NUL (a name typed
    at a desk without PINs is checked nowhere else)."""
    return (_text(name) or "")[:_NAME_CHARS]


def _text(value: object) -> str | None:
    if value is None:
        return None
    return str(value).replace("\x00", "\ufffd")[:_VALUE_CHARS]  # PostgreSQL refuses NUL


@dataclass(frozen=True)
class AuditQuery:
    """Which entries to read: a time range (inclusive start, exclusive end) and filters."""

    since: datetime | None = None
    until: datetime | None = None
    actions: Sequence[AuditAction] = ()
    actor_name: str | None = None  # who acted or approved, in any case and accents
    limit: int = 500
    before_id: int | None = None  # for the next page: entries older than this one


def entries(session: Session, query: AuditQuery) -> list[AuditEntry]:
    """The entries `query` asks for, newest first."""
    statement = select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(query.limit)
    if query.since is not None:
        statement = statement.where(col(AuditEntry.at) >= query.since)
    if query.until is not None:
        statement = statement.where(col(AuditEntry.at) < query.until)
    if query.actions:
        statement = statement.where(col(AuditEntry.action).in_(list(query.actions)))
    if query.actor_name:  # "ana lucia" finds Ana Lúcia: names compared folded
        conn, key = session.connection(), fold(" ".join(query.actor_name.split()))
        statement = statement.where(
            (folded(conn, col(AuditEntry.actor_name)) == key)
            | (folded(conn, func.coalesce(col(AuditEntry.approver_name), "")) == key)
        )
    if query.before_id is not None:
        statement = statement.where(col(AuditEntry.id) < query.before_id)
    return list(session.exec(statement))


def read_entries(db: Database, query: AuditQuery) -> list[AuditEntry]:
    """The entries `query` asks for, newest first, read in a session of their own (a face's
    page: the audit window reads the next one with `before_id`)."""
    with db.session() as session:
        return entries(session, query)
