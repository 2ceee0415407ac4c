"""Manager approval: the PIN of someone who may do what the person signed in may not."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from desk.db import Database
from desk.i18n.catalog import _
from desk.staff.actor import Actor
from desk.staff.roles import Permission
from desk.staff.signin import approve
from ui.actions import dialog_keys
from ui.staff.pin_pad import PinPad
from ui.staff.session import guard_for


class ApprovalDialog(QDialog):
    """Asks for an approver's PIN for `permission`; `approver` is who approved, if anyone."""

    def __init__(self, db: Database, permission: Permission, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(_("Approval needed"))
        self.approver: Actor | None = None
        guard = guard_for(parent) if parent is not None else None
        intro = QLabel(
            _("{what}: the PIN of someone who may do this.").format(what=permission.label),
            wordWrap=True,
        )
        intro.setMaximumWidth(340)
        self.pad = PinPad(lambda pin, _name: approve(db, pin, permission, guard=guard))
        self.pad.accepted.connect(self._approved)
        self.pad.cancelled.connect(self.reject)
        dialog_keys(self, accept=self.pad.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pad)
        self.pad.setFocus()

    def _approved(self, actor: Actor) -> None:
        self.approver = actor
        self.accept()

    def reject(self) -> None:
        """Close without an approval (not while a PIN is being checked)."""
        if not self.pad.busy:
            super().reject()


def ask_approval(parent: QWidget, db: Database, permission: Permission) -> Actor | None:
    """The person who approves `permission` with their PIN, or None when nobody did."""
    dialog = ApprovalDialog(db, permission, parent)
    dialog.exec()
    approver = dialog.approver
    dialog.deleteLater()
    return approver
