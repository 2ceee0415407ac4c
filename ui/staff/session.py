"""The person signed in at this window: the desk's actor, told to desk/ and to the widgets."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desk.staff.actor import Actor, set_desk_actor


class StaffSession(QObject):
    """Who acts at this window; `changed` fires at each sign-in and sign-out."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._actor: Actor | None = None

    @property
    def actor(self) -> Actor | None:
        """The person signed in, or None (nobody yet, or signed out)."""
        return self._actor

    def sign_in(self, actor: Actor | None) -> None:
        """Make `actor` the person behind this window's actions (None: sign out)."""
        self._actor = actor
        set_desk_actor(actor)
        self.changed.emit()
