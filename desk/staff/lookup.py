"""The staff accounts as the window's start reads them, through SQLAlchemy Core: whether
this shop signs in with PINs, and its owner's account (who acts in a shop without PINs).

The start reads these before SQLModel and the ORM are loaded (desk.core_tables); adding
and changing accounts is desk.staff.accounts'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from desk.core_tables import STAFF_ACCOUNTS
from desk.errors import NotFound
from desk.i18n.catalog import _
from desk.staff.roles import Role

if TYPE_CHECKING:
    from sqlalchemy import Connection, Row
    from sqlmodel import Session

    from desk.db import Database
    from desk.staff.tables import StaffAccount


@dataclass(frozen=True)
class StaffInfo:
    """An account as the staff page and `staff list` show it (never its PIN)."""

    id: int
    name: str
    role: Role
    active: bool
    has_pin: bool
    locked: bool


def staff_info(row: StaffAccount | Row, now: datetime | None = None) -> StaffInfo:
    """The account (its object, or a Core row of its table) as shown; `locked` only while
    its lock lasts (a lock that ran out is kept in the row until the next try, which starts
    the count again)."""
    now = now or datetime.now(UTC)
    return StaffInfo(
        id=row.id or 0,
        name=row.name,
        role=row.role,
        active=row.active,
        has_pin=row.pin_hash is not None,
        locked=row.locked_until is not None and now < row.locked_until,
    )


def pins_in_use(db: Database) -> bool:
    """Whether staff sign in at this shop: some active account has a PIN."""
    with db.connect() as conn:
        return pins_used(conn)


def pins_used(conn: Connection | Session) -> bool:
    """`pins_in_use`, asked in an open connection or session."""
    accounts = STAFF_ACCOUNTS.c
    query = select(func.count()).where(accounts.active, accounts.pin_hash.is_not(None))
    return bool(conn.execute(query).scalar_one())


def owner_account(db: Database) -> StaffInfo:
    """The first active owner account (migration 0022 makes one)."""
    accounts = STAFF_ACCOUNTS.c
    query = (
        select(STAFF_ACCOUNTS)
        .where(accounts.active, accounts.role == Role.OWNER)
        .order_by(accounts.id)
    )
    with db.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        raise NotFound(_("There is no active owner account."))
    return staff_info(row)
