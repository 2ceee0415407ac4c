"""The owner's changes to what a clerk or a manager may do (the owner may always do all)."""

from __future__ import annotations

from desk.db import Database
from desk.errors import ValidationError
from desk.i18n.catalog import _
from desk.staff.actor import Actor, grants, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.roles import DEFAULT_GRANTS, Permission, Role
from desk.staff.tables import RoleGrant


def set_grant(
    db: Database, role: Role, permission: Permission, allowed: bool, *, actor: Actor | None = None
) -> dict[Role, frozenset[Permission]]:
    """Let `role` do `permission` or not (audited); return every role's grants after it."""
    role, permission = Role(role), Permission(permission)  # "owner" typed is the owner too
    if role is Role.OWNER:
        raise ValidationError({"role": _("The owner may always do everything.")})
    with db.session() as session:
        actor = require(session, actor, Permission.STAFF_ACCOUNTS)
        before = permission in grants(session)[role]
        row = session.get(RoleGrant, (role, permission))
        if allowed == (permission in DEFAULT_GRANTS[role]):
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(RoleGrant(role=role, permission=permission, allowed=allowed))
        else:
            row.allowed = allowed
        if before != allowed:
            subject = f"{role.value}: {permission.value}"
            record(session, actor, AuditAction.GRANT_CHANGED, subject, old=before, new=allowed)
        session.commit()
        return grants(session)
