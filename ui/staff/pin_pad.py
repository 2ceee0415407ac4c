"""Asking for a PIN: here, a plain masked field (the full pad replaces it, same calls)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.staff.actor import Actor
from desk.staff.roles import Permission
from desk.staff.signin import PadGuard, approve
from ui.prompts import show_error

_GUARD = PadGuard()


def ask_approval(parent: QWidget, db: Database, permission: Permission) -> Actor | None:
    """The person who approves `permission` with their PIN, or None when nobody did."""
    pin, ok = QInputDialog.getText(
        parent,
        _("Approval needed"),
        _("{what}: the PIN of someone who may do this.").format(what=permission.label),
        QLineEdit.EchoMode.Password,
    )
    if not ok or not pin:
        return None
    try:
        return approve(db, pin, permission, guard=_GUARD)
    except DeskError as error:
        show_error(parent, _("Not approved"), str(error))
        return None
