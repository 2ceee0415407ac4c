"""Manager approval: the PIN of someone who may do what the person signed in may not."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desk.db import Database
from desk.i18n.catalog import _
from desk.staff.actor import Actor
from desk.staff.roles import Permission
from desk.staff.signin import approve
from ui.staff.pin_pad import PadDialog, PinPad
from ui.staff.signed_in import guard_for


class ApprovalDialog(PadDialog):
    """Asks for an approver's PIN for `permission`; `approver` is who approved, if anyone."""

    def __init__(self, db: Database, permission: Permission, parent: QWidget | None = None):
        guard = guard_for(parent) if parent is not None else None
        text = _("{what}: the PIN of someone who may do this.").format(what=permission.label)
        pad = PinPad(lambda pin, _name: approve(db, pin, permission, guard=guard))
        super().__init__(text, pad, parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(_("Approval needed"))

    @property
    def approver(self) -> Actor | None:
        """Who approved, once someone did."""
        return self.actor


def ask_approval(parent: QWidget, db: Database, permission: Permission) -> Actor | None:
    """The person who approves `permission` with their PIN, or None when nobody did."""
    dialog = ApprovalDialog(db, permission, parent)
    dialog.exec()
    approver = dialog.approver
    dialog.deleteLater()
    return approver
