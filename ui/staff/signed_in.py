"""The person signed in at this window: the desk's actor, told to desk/ and to the widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desk.staff.actor import Actor, set_desk_actor
from desk.staff.codes import ActingAs

if TYPE_CHECKING:
    from desk.staff.signin import PadGuard


class SignedIn(QObject):
    """Who acts at this window; `changed` fires at each sign-in and sign-out."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._actor: Actor | None = None

    @property
    def actor(self) -> Actor | None:
        """The person signed in, or None (nobody yet, or signed out)."""
        return self._actor

    @property
    def by_pin(self) -> bool:
        """Whether someone signed in with their PIN (the shop uses PINs)."""
        return self._actor is not None and self._actor.acting_as is ActingAs.PIN

    def sign_in(self, actor: Actor | None) -> None:
        """Make `actor` the person behind this window's actions (None: sign out)."""
        self._actor = actor
        set_desk_actor(actor)
        self.changed.emit()


def guard_for(widget: QWidget) -> PadGuard:
    """The one PadGuard of `widget`'s window (its topmost parent): PINs that match nobody
    count there, whichever pad of that window they were typed on."""
    from desk.staff.signin import PadGuard  # the ORM: loaded after the first page

    top = widget
    while top.parentWidget() is not None:
        top = top.parentWidget()
    guard = getattr(top, "pad_guard", None)
    if not isinstance(guard, PadGuard):
        guard = PadGuard()
        top.pad_guard = guard
    return guard
