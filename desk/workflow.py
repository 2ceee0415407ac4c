"""The service that moves a return along its status graph (desk.codes.TRANSITIONS)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import Session

from desk.codes import TRANSITIONS, Status
from desk.errors import DeskError, NotFound, ValidationError
from desk.i18n.catalog import N_, _
from desk.models import Return, StatusChange, utcnow
from desk.validation import text_error

NOTE_REQUIRED: dict[Status, str] = {
    Status.REJECTED: N_("Say why the return is rejected."),
    Status.CANCELLED: N_("Say why the return is cancelled."),
}
"""Statuses whose arrival must be explained, with the prompt shown to staff (marked
English: shown with `_()`)."""


class ChangeKind(enum.StrEnum):
    """What an entry of a return's timeline is; derived (`change_kind`), never stored, so
    telling an undo apart needs no column and no migration."""

    MOVE = "move"  # a step along the status graph
    UNDO = "undo"  # a mistaken move taken back (desk.services.undo_move)


UNDO_WINDOW = timedelta(seconds=15)
"""How long after a move it can be undone (the window offers it for 10 s of these)."""


class IllegalTransition(DeskError):
    """The return cannot go from its status to the one asked for."""


class StaleVersion(DeskError):
    """Someone else changed the return since it was read."""


class NoteRequired(DeskError):
    """The move needs a note (a reason) and none was given."""


def parse_status(name: str) -> Status:
    """Return the status called `name`: its command-line name, or its label in English or
    in the desk's language ("closed", "Closed", "Encerrada")."""
    key = name.strip().lower()
    for status in Status:
        if key in (status.value, status.english_label.lower(), status.label.lower()):
            return status
    names = " ".join(s.value for s in Status)
    raise DeskError(
        _("Unknown status “{name}”; use one of: {names}.").format(name=name, names=names)
    )


def allowed_next(status: Status | str) -> tuple[Status, ...]:
    """Return the statuses a return in `status` may move to now."""
    return TRANSITIONS[Status(status)]


def check_transition(current: Status | str, target: Status | str, note: str = "") -> None:
    """Raise a domain error if moving from `current` to `target` with `note` is not allowed."""
    current, target = Status(current), Status(target)
    if target not in TRANSITIONS[current]:
        if nexts := TRANSITIONS[current]:
            allowed = ", ".join(s.label for s in nexts)
            message = _("A {current} return cannot be moved to {target}; it can go to: {allowed}.")
        else:
            allowed = ""
            message = _("A {current} return cannot be moved to {target}; it is final.")
        raise IllegalTransition(
            message.format(
                current=current.label.lower(), target=target.label.lower(), allowed=allowed
            )
        )
    if target in NOTE_REQUIRED and not note.strip():
        raise NoteRequired(_(NOTE_REQUIRED[target]))


def _check_texts(*, staff: str, note: str) -> None:
    """Refuse a staff name or a note the database would refuse (or silently cut)."""
    errors = {}
    if problem := text_error(staff, N_("staff name"), limit=StatusChange.__table__.c.staff):
        errors["staff"] = problem
    if problem := text_error(note, N_("note"), multiline=True):
        errors["note"] = problem
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class TransitionResult:
    """What a transition changed: the updated return and the recorded change."""

    ret: Return
    change: StatusChange


def transition(
    *,
    session: Session,
    return_id: int,
    to: Status | str,
    expected_version: int,
    staff: str = "",
    note: str = "",
) -> TransitionResult:
    """Move a return to status `to`, record the change, and commit, all or nothing.

    For scripts and tests that hold a session; the window and the command line call
    desk.services.move_return, which also queues the customer's message.
    Raises IllegalTransition, NoteRequired, StaleVersion or NotFound.
    """
    try:
        result = apply_transition(
            session=session,
            return_id=return_id,
            to=to,
            expected_version=expected_version,
            staff=staff,
            note=note,
        )
        session.commit()
    except (IllegalTransition, NoteRequired, NotFound):
        raise  # refused before anything was written
    except Exception:
        session.rollback()
        raise
    return result


def change_kind(change: StatusChange) -> ChangeKind:
    """Whether a recorded change is a move or the undo of one.

    The graph has no cycle, so a change back along an edge (closed → refunded) is never a
    move: it can only be an undo (desk.services.undo_move).
    """
    source = change.from_status
    if source is not None and Status(change.to_status) not in TRANSITIONS[Status(source)]:
        return ChangeKind.UNDO
    return ChangeKind.MOVE


def apply_transition(
    *,
    session: Session,
    return_id: int,
    to: Status | str,
    expected_version: int,
    staff: str = "",
    note: str = "",
    undoing: StatusChange | None = None,
) -> TransitionResult:
    """Like transition(), inside the caller's transaction: flushes, does not commit.

    For services that do more in the same transaction (such as queueing a message).
    With `undoing` (the return's last change), the return goes back to that change's
    `from_status` instead of along the graph (desk.services.undo_move).
    """
    ret = session.get(Return, return_id)
    if ret is None:
        raise NotFound(_("Return {id} does not exist.").format(id=return_id))
    if ret.version != expected_version:
        raise _stale(ret)
    target, source = Status(to), Status(ret.status)
    if undoing is None:
        check_transition(source, target, note)
    elif (undoing.to_status, undoing.from_status) != (source, target):
        raise IllegalTransition(
            _("The last move of {number} was not to {status}.").format(
                number=ret.number, status=source.label
            )
        )
    _check_texts(staff=staff.strip(), note=note.strip())
    now = utcnow()
    result = session.exec(
        update(Return)
        .where(Return.id == return_id, Return.version == expected_version)
        .values(status=target, version=expected_version + 1, updated_at=now)
    )
    if result.rowcount != 1:
        raise _stale(session.get(Return, return_id, populate_existing=True))
    change = StatusChange(
        return_id=return_id,
        from_status=source,
        to_status=target,
        at=now,
        staff=staff.strip(),
        note=note.strip(),
    )
    session.add(change)
    session.flush()
    from desk.reports import facts as report_facts  # not needed to show the list

    report_facts.refresh(session.connection(), [return_id])
    session.refresh(ret)
    return TransitionResult(ret=ret, change=change)


def _stale(ret: Return) -> StaleVersion:
    return StaleVersion(
        _(
            "Return {number} was changed by someone else meanwhile (it is now {status}). "
            "Reload it and try again."
        ).format(number=ret.number, status=Status(ret.status).label.lower())
    )
