"""Undo the last move for a short while: the status bar's button and its shortcut.

After a move the status bar offers "Undo move to Closed" for ui.status_bar.UNDO_MS (or until
the next move); the shortcut of Act.UNDO_MOVE does the same. desk.services.undo_move takes the
return back, records the undo in the timeline and withdraws the messages not yet sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from desk.errors import DeskError
from desk.i18n.catalog import _, ngettext
from desk.i18n.formats import format_number
from ui.actions import Act
from ui.staff import names


@dataclass(frozen=True)
class _Move:
    return_id: int
    change_id: int
    number: str
    to_label: str


def _withdrawn_text(withdrawn: int, already_sent: int) -> str:
    said = ""
    if withdrawn:
        said += " " + ngettext(
            "{n} message withdrawn.", "{n} messages withdrawn.", withdrawn
        ).format(n=format_number(withdrawn))
    if already_sent:
        said += " " + ngettext(
            "{n} had already been sent: tell the customer if it matters.",
            "{n} had already been sent: tell the customer if it matters.",
            already_sent,
        ).format(n=format_number(already_sent))
    return said


class UndoLastMove(QObject):
    """Remembers the window's last move and takes it back when asked in time."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._last: _Move | None = None
        self.action = window.actions_[Act.UNDO_MOVE]
        self.action.setEnabled(False)
        self.action.triggered.connect(self.undo)
        window.addAction(self.action)  # its shortcut works wherever the focus is
        bar = window.status_bar
        bar.undo_requested.connect(self.undo)
        bar.undo_ended.connect(self._expired)

    def offer(self, result) -> None:
        """Offer to undo the move `result` (a desk.workflow.TransitionResult) just made.

        Its messages go at once as before: an undo withdraws those still queued (the
        server is not set up or cannot be reached) and says which had already left.
        """
        self._window.status_bar.hide_undo()  # the previous move stays
        ret, change = result.ret, result.change
        self._last = _Move(ret.id, change.id, ret.number, change.to_status.label)
        self.action.setEnabled(True)
        self._window.status_bar.offer_undo(
            _("Undo move to {status}").format(status=change.to_status.label)
        )

    def _expired(self) -> None:
        self._last = None
        self.action.setEnabled(False)

    def undo(self) -> None:
        """Take the last move back (once), or say why it cannot be."""
        move, window = self._last, self._window
        if move is None:
            return
        window.status_bar.hide_undo()
        from desk.services import undo_move  # the ORM: loaded after the first page

        try:
            outcome = undo_move(
                window.db,
                return_id=move.return_id,
                change_id=move.change_id,
                staff=names.staff_name(),
            )
        except DeskError as error:
            window.status_bar.say(str(error), 8000)
            return
        said = _("{number} is back to {status}: the move to {moved_to} was undone.").format(
            number=move.number, status=outcome.ret.status.label, moved_to=move.to_label
        )
        said += _withdrawn_text(outcome.withdrawn, outcome.already_sent)
        window.status_bar.say(said, 8000)
        window.outbox_status.show_count()
        if not window.model.refresh_return(move.return_id):
            window.apply_filter(select=move.return_id)  # back in the list it had left
        window.show_return(move.return_id)
