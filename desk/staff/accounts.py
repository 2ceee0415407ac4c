"""Staff accounts: add, rename, change role, turn off, set a PIN; one call per action.

Each change needs Permission.STAFF_ACCOUNTS (the owner's, by default) and is audited. The
owner's account is made by migration 0022, without a PIN: until some active account has a
PIN, the desk asks nobody to sign in (desk.staff.lookup.pins_in_use), so a shop of one
changes nothing.
A PIN is unique among the accounts that have one, because a PIN alone signs a person in
(F2, PIN); turned-off accounts count too, so turning one on again never makes two alike.
"""

from __future__ import annotations

from sqlmodel import Session, col, func, select

from desk.db import Database
from desk.errors import NotFound, ValidationError
from desk.i18n.catalog import _
from desk.search import fold
from desk.staff.actor import Actor, acting, require
from desk.staff.audit import HIDDEN, record
from desk.staff.codes import AuditAction
from desk.staff.lookup import StaffInfo, staff_info
from desk.staff.pins import hash_pin, pin_matches, pin_problem
from desk.staff.roles import Permission, Role
from desk.staff.tables import StaffAccount

NAME_CHARS = 100


def name_key(name: str) -> str:
    """The form two names are compared in: "Ana  Lúcia" and "ana lucia" are one person."""
    return " ".join(fold(name).split())


def list_staff(db: Database) -> list[StaffInfo]:
    """Every account, active ones first, each in name order."""
    with db.session() as session:
        rows = session.exec(select(StaffAccount)).all()
    return [staff_info(r) for r in sorted(rows, key=lambda r: (not r.active, r.name_key))]


def _checked_name(session: Session, name: str, *, other_than: int | None = None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Type the person's name.")})
    if len(name) > NAME_CHARS or len(name_key(name)) > NAME_CHARS:
        raise ValidationError({"name": _("Keep the name to 100 characters.")})
    if "\x00" in name:
        raise ValidationError({"name": _("The name holds a character that cannot be stored.")})
    same = session.exec(select(StaffAccount).where(StaffAccount.name_key == name_key(name)))
    if (found := same.first()) is not None and found.id != other_than:
        raise ValidationError(
            {"name": _("There is already an account named {name}.").format(name=found.name)}
        )
    return name


def _checked_pin(session: Session, pin: str, *, other_than: int | None = None) -> str:
    if problem := pin_problem(pin):
        raise ValidationError({"pin": problem})
    others = session.exec(select(StaffAccount).where(col(StaffAccount.pin_hash).is_not(None)))
    if any(r.id != other_than and pin_matches(pin, r.pin_hash) for r in others):
        raise ValidationError({"pin": _("Someone else has this PIN; choose another.")})
    return hash_pin(pin)


def _get(session: Session, name_or_id: str | int) -> StaffAccount:
    if isinstance(name_or_id, int):
        row = session.get(StaffAccount, name_or_id)
    else:
        query = select(StaffAccount).where(StaffAccount.name_key == name_key(name_or_id))
        row = session.exec(query).first()
    if row is None:
        raise NotFound(_("There is no staff account {name}.").format(name=name_or_id))
    return row


def add_staff(
    db: Database, *, name: str, role: Role, pin: str | None = None, actor: Actor | None = None
) -> StaffInfo:
    """Add an account named `name` with `role` and, optionally, a PIN; return it."""
    with db.session() as session:
        actor = require(session, actor, Permission.STAFF_ACCOUNTS)
        row = StaffAccount(name=_checked_name(session, name), role=Role(role))
        row.name_key = name_key(row.name)
        if pin:
            row.pin_hash = _checked_pin(session, pin)
        session.add(row)
        session.flush()
        record(session, actor, AuditAction.STAFF_ADDED, row.name, new=row.role.value)
        session.commit()
        return staff_info(row)


def change_staff(
    db: Database,
    name_or_id: str | int,
    *,
    name: str | None = None,
    role: Role | None = None,
    active: bool | None = None,
    actor: Actor | None = None,
) -> StaffInfo:
    """Rename an account, change its role, or turn it off or on; return it.

    The last active owner can be neither turned off nor given another role.
    """
    with db.session() as session:
        actor = require(session, actor, Permission.STAFF_ACCOUNTS)
        row = _get(session, name_or_id)
        before = _state(row)
        if name is not None:
            row.name = _checked_name(session, name, other_than=row.id)
            row.name_key = name_key(row.name)
        if role is not None:
            row.role = Role(role)
        if active is not None:
            row.active = active
        _keep_an_owner(session, row)
        if (after := _state(row)) != before:  # turning off an account already off: no entry
            record(session, actor, AuditAction.STAFF_CHANGED, row.name, old=before, new=after)
        session.commit()
        return staff_info(row)


def _state(row: StaffAccount) -> str:
    return f"{row.name} · {row.role.value} · {'active' if row.active else 'off'}"


def _keep_an_owner(session: Session, changed: StaffAccount) -> None:
    session.flush()
    owners = select(func.count()).where(col(StaffAccount.active), StaffAccount.role == Role.OWNER)
    if not session.exec(owners).one():
        session.rollback()
        raise ValidationError(
            {"role": _("The shop needs an active owner: make someone else the owner first.")}
        )


def set_pin(
    db: Database, name_or_id: str | int, pin: str | None, *, actor: Actor | None = None
) -> StaffInfo:
    """Set (or, with None, remove) an account's PIN; a person may always change their own."""
    with db.session() as session:
        row = _get(session, name_or_id)
        actor = acting(actor)  # the person signed in, when None: they too may set their own
        if actor.account_id != row.id:
            actor = require(session, actor, Permission.STAFF_ACCOUNTS)
        had = HIDDEN if row.pin_hash is not None else None
        row.pin_hash = _checked_pin(session, pin, other_than=row.id) if pin else None
        row.failed_pins, row.next_try_at, row.locked_until = 0, None, None
        record(session, actor, AuditAction.PIN_SET, row.name, old=had, new=HIDDEN if pin else None)
        session.commit()
        return staff_info(row)
