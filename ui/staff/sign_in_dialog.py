"""Signing in with the PIN pad: the pad that signs a person in, and F2's switch-user dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desk.db import Database
from desk.i18n.catalog import _
from desk.staff.accounts import list_staff
from desk.staff.actor import Actor
from desk.staff.signin import PadGuard, sign_in
from ui.background import run_in_background
from ui.staff.pin_pad import PadDialog, PinPad


def _names(db: Database) -> list[str]:
    return [s.name for s in list_staff(db) if s.active and s.has_pin]


def sign_in_pad(
    db: Database, guard: PadGuard, *, cancel: bool, parent: QWidget | None = None
) -> PinPad:
    """A pad that signs the person in (audited); the names to pick are read in the background."""
    pad = PinPad(lambda pin, name: sign_in(db, pin, name=name, guard=guard), cancel=cancel)
    pad.setParent(parent)
    run_in_background(lambda: _names(db), owner=pad, on_success=pad.set_names)
    return pad


class SignInDialog(PadDialog):
    """F2: the next person's PIN; Esc keeps `current` signed in. `actor` once signed in."""

    def __init__(self, db: Database, guard: PadGuard, current: Actor | None, parent=None):
        if current is not None:
            text = _(
                "{name} ({role}) is signed in. Type your PIN to take over; Esc keeps {name}."
            ).format(name=current.name, role=current.role.label)
        else:
            text = _("Type your PIN to sign in.")
        super().__init__(text, sign_in_pad(db, guard, cancel=True), parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(_("Switch user"))
