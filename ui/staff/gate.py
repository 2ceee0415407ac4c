"""The one question a window asks before a guarded action: who acts, with whose approval.

    actor = authorised(self, db, Permission.ERASE_CUSTOMER)
    if actor is None:
        return                      # nobody approved: nothing happens
    erase_customer(db, customer_id, actor=actor)

The desk's actor when they may; otherwise, once an authorised person typed their PIN, the
desk's actor approved by them (both names go into the audit); None when nobody approved.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desk.db import Database
from desk.staff.actor import Actor, allowed, desk_actor
from desk.staff.roles import Permission
from ui.staff.pin_pad import ask_approval


def authorised(parent: QWidget, db: Database, permission: Permission) -> Actor | None:
    """The actor to call a guarded service with, after an approval if one is needed."""
    actor = desk_actor()
    if allowed(db, actor, permission):
        return actor
    approver = ask_approval(parent, db, permission)
    return actor.approved(approver) if approver is not None else None
