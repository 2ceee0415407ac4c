"""The person behind an action, and whether they may do it.

Every owner-only service takes `actor=` (keyword-only). None means the desk's actor: the
person the window has signed in (`set_desk_actor`, called by the face at each sign-in and
sign-out; in a shop without PINs, the owner), or, where no face set one (a command, a
script), the computer's user, who acts as the owner and says so in the audit
(ActingAs.COMPUTER). So a service called without `actor=` from the window still acts as the
person signed in, never silently as the owner. A person who may not do something can still
do it once with the approval of one who may: `actor.approved(by)`; the audit records both.
"""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from desk.core_tables import ROLE_GRANTS
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.staff.codes import ActingAs
from desk.staff.roles import DEFAULT_GRANTS, Permission, Role

if TYPE_CHECKING:  # not imported: desk.settings guards its saves with this module
    from sqlalchemy import Connection
    from sqlmodel import Session

    from desk.db import Database


@dataclass(frozen=True)
class Actor:
    """Who acts: a name, a role, how they were known, and who approved this one action."""

    name: str
    role: Role
    acting_as: ActingAs
    account_id: int | None = None
    approved_by: Actor | None = None

    def approved(self, by: Actor) -> Actor:
        """This actor, acting once with the approval of `by`."""
        return replace(self, approved_by=replace(by, approved_by=None))


class NotAllowed(DeskError):
    """The person may not do this; the message says what and who may."""

    def __init__(self, actor: Actor, permission: Permission):
        self.actor = actor
        self.permission = permission
        super().__init__(
            _(
                "{name} may not do this: {what}. Someone who may can approve it with their PIN."
            ).format(name=actor.name, what=permission.label.lower())
        )


def computer_user() -> Actor:
    """The computer's user, acting as the owner (commands and scripts)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no login name (a container, a service)
        name = "?"
    return Actor(name=name[:100], role=Role.OWNER, acting_as=ActingAs.COMPUTER)


_desk_actor: Actor | None = None


def set_desk_actor(actor: Actor | None) -> None:
    """Make `actor` the person behind this process's actions (None: the computer's user)."""
    global _desk_actor
    _desk_actor = actor


def desk_actor() -> Actor:
    """The person behind this process's actions: the one signed in, or the computer's user."""
    return _desk_actor if _desk_actor is not None else computer_user()


def acting(actor: Actor | None) -> Actor:
    """`actor`, or the desk's actor when None."""
    return actor if actor is not None else desk_actor()


def computer_name() -> str:
    """This computer's name, as the audit records where a change was made."""
    return socket.gethostname()[:100]


def grants(session: Session | Connection) -> dict[Role, frozenset[Permission]]:
    """What each role may do: the defaults with the owner's changes (the owner: everything).

    Read through Core (desk.core_tables), which the window's start needs without the ORM."""
    allowed = {role: set(perms) for role, perms in DEFAULT_GRANTS.items()}
    for row in session.execute(select(ROLE_GRANTS)):
        if row.role is Role.OWNER:
            continue
        (allowed[row.role].add if row.allowed else allowed[row.role].discard)(row.permission)
    return {role: frozenset(perms) for role, perms in allowed.items()}


def role_grants(db: Database) -> dict[Role, frozenset[Permission]]:
    """What each role may do now."""
    with db.connect() as conn:
        return grants(conn)


def may(session: Session, actor: Actor | None, permission: Permission) -> bool:
    """Whether `actor` (or its approver) may do `permission`."""
    actor = acting(actor)
    table = grants(session)
    if permission in table[actor.role]:
        return True
    return actor.approved_by is not None and permission in table[actor.approved_by.role]


def allowed(db: Database, actor: Actor | None, permission: Permission) -> bool:
    """Whether `actor` (the desk's actor when None) may do `permission`: a face's question."""
    with db.session() as session:
        return may(session, actor, permission)


def require(session: Session, actor: Actor | None, permission: Permission) -> Actor:
    """`actor` (the desk's actor when None) if it may do `permission`; else NotAllowed."""
    actor = acting(actor)
    if not may(session, actor, permission):
        raise NotAllowed(actor, permission)
    return actor
