"""Signing in with a PIN at the desk, and what repeated wrong PINs cost.

A PIN alone names its person (PINs are unique among active accounts), so switching user
is F2 then the PIN. When a name is chosen first, only that account is tried and a wrong PIN
counts against it: after FREE_TRIES wrong PINs in a row each next try must wait longer
(WAITS), and after LOCK_AFTER the account is locked for LOCK_MINUTES; a right PIN, or the
lock running out, starts the count again. Every sign-in, wrong PIN and lockout is audited.
A PIN that matches nobody, typed without a name, is counted by the caller's PadGuard (the
desk's own pad), since there is no account to hold it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _, ngettext
from desk.models import utcnow
from desk.staff.accounts import _get
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import ActingAs, AuditAction
from desk.staff.pins import pin_matches
from desk.staff.roles import Permission, Role
from desk.staff.tables import StaffAccount

FREE_TRIES = 2
WAITS = (5, 30)
"""Seconds to wait before the try after the 3rd and the 4th wrong PIN in a row."""
LOCK_AFTER = 5
LOCK_MINUTES = 15

UNKNOWN = Actor(name="", role=Role.CLERK, acting_as=ActingAs.PIN)
"""Whoever typed a PIN that matched nobody (the audit shows an empty name)."""


class SignInRefused(DeskError):
    """The PIN was not accepted; `retry_at` says when the next try is taken, if later."""

    def __init__(self, message: str, *, retry_at: datetime | None = None, locked: bool = False):
        self.retry_at = retry_at
        self.locked = locked
        super().__init__(message)


def actor_of(row: StaffAccount) -> Actor:
    """The account `row` as the person acting."""
    return Actor(name=row.name, role=row.role, acting_as=ActingAs.PIN, account_id=row.id)


def sign_in(
    db: Database,
    pin: str,
    *,
    name: str | None = None,
    guard: PadGuard | None = None,
    now: datetime | None = None,
) -> Actor:
    """The person whose PIN is `pin` (of account `name`, when given), signed in and audited.

    Raises SignInRefused saying why: a wrong PIN (and how many tries are left before the
    lock), a wait before the next try, a locked or turned-off account. Without a name, a PIN
    that matches nobody is counted by `guard` (the pad's own; a fresh one when None).
    """
    now = now or utcnow()
    guard = guard if guard is not None else PadGuard()
    with db.session() as session:
        if name is None:
            guard.check(now)
            row = _by_pin(session, pin, now)
            if row is None:
                guard.failed(now)
                record(session, UNKNOWN, AuditAction.PIN_REFUSED, "", new=str(guard.failures))
                session.commit()
                guard.check(now)
                raise SignInRefused(_("Nobody has this PIN. Try again."))
            guard.succeeded()
        else:
            row = _locked_row(session, _get(session, name))
            _refuse_if_waiting(row, now)
            if not row.active:
                raise SignInRefused(_("{name}'s account is turned off.").format(name=row.name))
            if row.pin_hash is None:
                raise SignInRefused(
                    _("{name} has no PIN yet: ask the owner to set one.").format(name=row.name)
                )
            if not pin_matches(pin, row.pin_hash):
                error = _wrong_pin(session, row, now)
                session.commit()
                raise error
        row.failed_pins, row.next_try_at, row.locked_until = 0, None, None
        actor = actor_of(row)
        record(session, actor, AuditAction.SIGNED_IN, row.name)
        session.commit()
        return actor


def approve(
    db: Database,
    pin: str,
    permission: Permission,
    *,
    guard: PadGuard | None = None,
    now: datetime | None = None,
) -> Actor:
    """The person whose PIN is `pin`, if they may do `permission` ("manager approval").

    The PIN counts like a sign-in's (slow-down, lockout); approving is not signing in: the
    approver is recorded with the action they approved (Actor.approved), not on their own.
    Raises SignInRefused for a wrong PIN, NotAllowed for a person who may not approve this.
    """
    guard = guard if guard is not None else PadGuard()
    now = now or utcnow()
    with db.session() as session:
        guard.check(now)
        row = _by_pin(session, pin, now)
        if row is None:
            guard.failed(now)
            record(session, UNKNOWN, AuditAction.PIN_REFUSED, "", new=str(guard.failures))
            session.commit()
            raise SignInRefused(_("Nobody has this PIN. Try again."))
        guard.succeeded()
        return require(session, actor_of(row), permission)


def sign_out(db: Database, actor: Actor, *, idle: bool = False) -> None:
    """Record that `actor` signed out (by hand, or after the idle time when `idle`)."""
    with db.session() as session:
        record(session, actor, AuditAction.SIGNED_OUT, actor.name, new="idle" if idle else None)
        session.commit()


def _locked_row(session: Session, row: StaffAccount) -> StaffAccount:
    """`row` read again and held (FOR UPDATE on PostgreSQL) until the commit: two desks
    typing wrong PINs for one account at once count every try, none lost."""
    held = session.get(StaffAccount, row.id, with_for_update=True, populate_existing=True)
    return held if held is not None else row


def _by_pin(session: Session, pin: str, now: datetime) -> StaffAccount | None:
    rows = session.exec(
        select(StaffAccount).where(
            col(StaffAccount.active), col(StaffAccount.pin_hash).is_not(None)
        )
    )
    for row in rows:
        if pin_matches(pin, row.pin_hash):
            _refuse_if_waiting(row, now)
            return row
    return None


def _refuse_if_waiting(row: StaffAccount, now: datetime) -> None:
    if row.locked_until is not None and now < row.locked_until:
        minutes = max(1, round((row.locked_until - now).total_seconds() / 60))
        raise SignInRefused(
            ngettext(
                "{name}'s account is locked after too many wrong PINs. Try again in "
                "{n} minute, or ask the owner to set a new PIN.",
                "{name}'s account is locked after too many wrong PINs. Try again in "
                "{n} minutes, or ask the owner to set a new PIN.",
                minutes,
            ).format(name=row.name, n=minutes),
            retry_at=row.locked_until,
            locked=True,
        )
    _wait_until(row.next_try_at, now)


def _wait_until(retry_at: datetime | None, now: datetime) -> None:
    """Refuse a try before `retry_at`, saying how long to wait."""
    if retry_at is not None and now < retry_at:
        seconds = max(1, round((retry_at - now).total_seconds()))
        raise SignInRefused(
            ngettext(
                "Too many wrong PINs: wait {n} second before the next try.",
                "Too many wrong PINs: wait {n} seconds before the next try.",
                seconds,
            ).format(n=seconds),
            retry_at=retry_at,
        )


def _wrong_pin(session: Session, row: StaffAccount, now: datetime) -> SignInRefused:
    if row.locked_until is not None:  # the lock ran out: a fresh count
        row.failed_pins, row.locked_until = 0, None
    row.failed_pins += 1
    actor = actor_of(row)
    record(session, actor, AuditAction.PIN_REFUSED, row.name, new=str(row.failed_pins))
    if row.failed_pins >= LOCK_AFTER:
        row.locked_until = now + timedelta(minutes=LOCK_MINUTES)
        row.next_try_at = None
        record(session, actor, AuditAction.LOCKED_OUT, row.name, new=str(LOCK_MINUTES))
        return SignInRefused(
            ngettext(
                "Wrong PIN. {name}'s account is now locked for {n} minute.",
                "Wrong PIN. {name}'s account is now locked for {n} minutes.",
                LOCK_MINUTES,
            ).format(name=row.name, n=LOCK_MINUTES),
            retry_at=row.locked_until,
            locked=True,
        )
    left = LOCK_AFTER - row.failed_pins
    if row.failed_pins > FREE_TRIES:
        wait = WAITS[min(row.failed_pins - FREE_TRIES, len(WAITS)) - 1]
        row.next_try_at = now + timedelta(seconds=wait)
    message = ngettext(
        "Wrong PIN. {n} more wrong try locks the account.",
        "Wrong PIN. {n} more wrong tries lock the account.",
        left,
    ).format(n=left)
    return SignInRefused(message, retry_at=row.next_try_at)


@dataclass
class PadGuard:
    """The desk's own count of PINs that matched nobody: each such try waits a little longer."""

    failures: int = 0
    retry_at: datetime | None = field(default=None)

    def check(self, now: datetime | None = None) -> None:
        """Raise SignInRefused while the pad must wait."""
        now = now or utcnow()
        _wait_until(self.retry_at, now)

    def failed(self, now: datetime | None = None) -> None:
        """Count one more PIN that matched nobody."""
        self.failures += 1
        if self.failures > FREE_TRIES:
            wait = min(300, 5 * 2 ** (self.failures - FREE_TRIES - 1))
            self.retry_at = (now or utcnow()) + timedelta(seconds=wait)

    def succeeded(self) -> None:
        """A PIN was right: start the count again."""
        self.failures, self.retry_at = 0, None
