"""The staff name each timeline entry records: the person signed in, or the name typed.

With PINs in use the name is the signed-in person's and the dialogs show it, not editable;
in a shop without PINs the staff field is as before: typed, and remembered for next time.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from desk.i18n.catalog import _
from desk.staff.actor import desk_actor
from desk.staff.codes import ActingAs
from ui import state


def signed_in_name() -> str | None:
    """The name of the person signed in with a PIN, or None (the shop uses no PINs)."""
    actor = desk_actor()
    return actor.name if actor.acting_as is ActingAs.PIN else None


def staff_name() -> str:
    """The name a new timeline entry starts with: the signed-in one, else the last typed."""
    return signed_in_name() or state.load_text(state.STAFF)


def hold(edit: QLineEdit) -> None:
    """Show the signed-in name in a dialog's staff field, not editable (no PINs: as before)."""
    name = signed_in_name()
    if name is None:
        return
    edit.setText(name)
    edit.setReadOnly(True)
    edit.setToolTip(_("Signed in as {name}; F2 switches user.").format(name=name))


def remember(typed: str) -> None:
    """Remember a typed staff name for the next dialog (not the signed-in one: it was not typed)."""
    if typed and signed_in_name() is None:
        state.save(state.STAFF, typed)
