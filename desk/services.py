"""The returns' services: one call per user action, each in its own transaction.

The faces (the window, the command line, a future web page) call these with the open
`Database`; each function opens a session, commits what it changed (or nothing, when it
raises) and returns plain data: dataclasses, or rows already loaded, that can be read
after their session is closed. The session-level helpers they share live with their
capability and flush without committing: desk.returns.add_return,
desk.policy.intake.with_policy, desk.workflow.apply_transition,
desk.messages.outbox.move_and_queue, queue_for_change and retry.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, update
from sqlmodel import col, select

from desk.codes import Event, OutboxState, Status
from desk.customers.habits import Habits, habits_for
from desk.db import Database
from desk.errors import DeskError, NotFound
from desk.i18n.catalog import _
from desk.i18n.formats import format_number
from desk.messages.events import event_for, follow_up_for
from desk.messages.outbox import (
    FeedbackOffer,
    MoveOutcome,
    feedback_offer,
    messages_for_return,
    move_and_queue,
    pending_count,
    retry,
)
from desk.models import Customer, OutboxMessage, Return, StatusChange, utcnow
from desk.policy.intake import CustomerProfile, profile_for, with_policy
from desk.return_checks import validate_draft
from desk.returns import ReturnDetail, ReturnDraft, add_return, get_detail
from desk.search import customer_ids_matching
from desk.settings import (
    NOTIFY,
    SHOP_COUNTRY,
    get_setting,
)
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.guard import timeline_name
from desk.staff.roles import Permission
from desk.workflow import UNDO_WINDOW, apply_transition

if TYPE_CHECKING:  # loaded when first used: Jinja and the sheet's texts are not needed to start
    from desk.instructions.sheet import Sheet
    from desk.messages.compose import ComposedMessage


@dataclass(frozen=True)
class ReturnView:
    """One return as the detail panel shows it: detail, the customer's habits, messages."""

    detail: ReturnDetail
    habits: Habits
    messages: list[OutboxMessage]


# reading


def get_return(
    db: Database, *, return_id: int | None = None, number: str | None = None
) -> ReturnDetail:
    """A return with its customer, lines and timeline, by id or number; raises NotFound."""
    with db.session() as session:
        return get_detail(session, return_id=return_id, number=number)


def return_view(db: Database, *, return_id: int) -> ReturnView:
    """A return with its customer's habits and its messages, read together; raises NotFound."""
    with db.session() as session:
        detail = get_detail(session, return_id=return_id)
        habits = habits_for(session, detail.customer.id)
        messages = messages_for_return(session, return_id)
    return ReturnView(detail=detail, habits=habits, messages=messages)


def search_customers(db: Database, *, query: str, limit: int = 20) -> list[Customer]:
    """Customers whose name, email or phone matches what was typed, by name."""
    with db.session() as session:
        ids = customer_ids_matching(session.connection(), query, limit)
        if not ids:
            return []
        rows = session.scalars(select(Customer).where(col(Customer.id).in_(ids))).all()
    return sorted(rows, key=lambda c: c.name.lower())


def customer_policy(db: Database, *, customer_id: int | None) -> CustomerProfile:
    """What the return policy knows of a customer (None: a new one), for a live preview.

    Pair it with desk.policy.intake.advise_draft, which needs no database.
    """
    with db.session() as session:
        return profile_for(session, customer_id)


def instructions_sheet(
    db: Database, *, return_number: str | None = None, language: str | None = None
) -> Sheet:
    """The instructions sheet of a return (None: the generic sheet), ready to be drawn.

    Raises NotFound for an unknown return and DeskError for an unknown language.
    """
    from desk.instructions.sheet import build_sheet

    with db.session() as session:
        return build_sheet(session, return_number=return_number, language=language)


# logging a return


def check_return(db: Database, *, draft: ReturnDraft, today: date | None = None) -> dict[str, str]:
    """The problems create_return would refuse `draft` for, keyed by field; saves nothing."""
    with db.session() as session:
        drafted = with_policy(session, draft, today=today or date.today())
        return validate_draft(drafted, country=get_setting(session, SHOP_COUNTRY))


def create_return(
    db: Database, *, draft: ReturnDraft, today: date | None = None, actor: Actor | None = None
) -> Return:
    """Log a new return with the shop's policy applied, in one transaction.

    The policy fills in the restocking fee, the store-credit or exchange bonus and an
    exchange's settlement, and lists what is outside it; then `draft.override_reason`
    is required and goes in the timeline, and the override needs
    Permission.OVERRIDE_POLICY (managers'), audited with the problems; any return needs
    Permission.LOG_RETURN. A person signed in with their PIN is the timeline's staff name.
    Raises ValidationError (one message per field) or NotAllowed, and saves nothing.
    """
    with db.session() as session:
        try:
            actor = require(session, actor, Permission.LOG_RETURN)
            drafted = with_policy(session, draft, today=today or date.today())
            if drafted.policy_problems and drafted.override_reason.strip():  # else: refused
                actor = require(session, actor, Permission.OVERRIDE_POLICY)
            staff = timeline_name(actor, drafted.staff)
            ret = add_return(session, dataclasses.replace(drafted, staff=staff))
            if drafted.policy_problems:
                problems = "; ".join(drafted.policy_problems)
                subject = f"return {ret.number}"
                record(session, actor, AuditAction.POLICY_OVERRIDDEN, subject, new=problems)
            session.commit()
        except Exception:
            session.rollback()
            raise
    return ret


# moving a return


def notify_mode(db: Database, *, to: Status | str) -> str:
    """Whether a move to `to` tells the customer: "off", "ask" or "auto" (always)."""
    event = event_for(to)
    if event is None:
        return "off"
    with db.session() as session:
        return get_setting(session, NOTIFY[event])


def preview_message(
    db: Database,
    *,
    detail: ReturnDetail,
    event: Event | str,
    note: str | None = None,
    staff: str = "",
    channel: str | None = None,
    language: str | None = None,
) -> ComposedMessage | None:
    """The message `event` sends about `detail` with these inputs, exactly as it would be
    queued (desk.messages.compose.compose_message, which the move calls too).

    `note` is the note typed for the move (None: the timeline's). Returns None when the
    customer cannot be reached. Raises TemplateError when a template fails.
    """
    from desk.messages.compose import compose_message

    with db.session() as session:
        return compose_message(
            session, detail, event, note=note, staff=staff, channel=channel, language=language
        )


def feedback_request_offer(
    db: Database, *, detail: ReturnDetail, now: datetime | None = None
) -> FeedbackOffer:
    """Whether closing `detail` now would ask for feedback, when, and why not."""
    with db.session() as session:
        return feedback_offer(session, detail, now=now)


def move_return(
    db: Database,
    *,
    return_id: int,
    to: Status | str,
    expected_version: int,
    staff: str = "",
    note: str = "",
    notify: bool,
    ask_feedback: bool | None = None,
    now: datetime | None = None,
    channel: str | None = None,
    language: str | None = None,
) -> MoveOutcome:
    """Move a return to `to` and queue the customer's messages, all in one transaction.

    `channel` and `language` (None: the customer's) are how the messages go, as
    `preview_message` shows them.

    The message is queued when `notify` is true or the shop sends it automatically for
    this step (and the customer can be reached). Closing also queues the feedback request,
    due at the feedback.request_when delay counted from `now`, when notify.feedback is
    "auto", or "ask" and `ask_feedback` (None: as `notify`) is true. Raises
    IllegalTransition, NoteRequired, StaleVersion or NotFound; then nothing is saved. A
    message whose template fails is not queued and the move still happens: the outcome's
    reason says why (`template_failed`).
    """
    with db.session() as session:
        try:
            event, follow_up = event_for(to), follow_up_for(to)
            automatic = event is not None and get_setting(session, NOTIFY[event]) == "auto"
            asking = "off" if follow_up is None else get_setting(session, NOTIFY[follow_up])
            wanted = notify if ask_feedback is None else ask_feedback
            outcome = move_and_queue(
                session=session,
                return_id=return_id,
                to=to,
                expected_version=expected_version,
                staff=staff,
                note=note,
                notify=notify or automatic,
                ask_feedback=asking == "auto" or (asking == "ask" and wanted),
                now=now,
                channel=channel,
                language=language,
            )
            session.commit()
        except Exception:
            session.rollback()
            raise
    return outcome


@dataclass(frozen=True)
class UndoOutcome:
    """What undoing a move did: the return back where it was, the timeline entry of the
    undo, and how many of the move's messages were withdrawn or had already left."""

    ret: Return
    change: StatusChange
    withdrawn: int
    already_sent: int


def undo_move(
    db: Database, *, return_id: int, change_id: int, staff: str = "", now: datetime | None = None
) -> UndoOutcome:
    """Take back a mistaken move, in one transaction: the return goes back to where it was.

    The move stays in the timeline and the undo is recorded after it, as an entry of its
    own kind (desk.workflow.change_kind); the messages the move queued that have not left
    yet (and the feedback request a close queued) are cancelled with the reason. Refused
    (DeskError, nothing saved) when the return moved since, or UNDO_WINDOW has passed.
    """
    with db.session() as session:
        try:
            change = session.get(StatusChange, change_id)
            ret = session.get(Return, return_id)
            if change is None or ret is None or change.return_id != return_id:
                raise NotFound(
                    _("Return {id} has no move {change} to undo.").format(
                        id=return_id, change=change_id
                    )
                )
            last = session.exec(
                select(func.max(StatusChange.id)).where(StatusChange.return_id == return_id)
            ).one()
            if last != change.id or change.from_status is None:
                raise DeskError(
                    _(
                        "{number} has moved since (it is now {status}): only its last move "
                        "can be undone; move it on from there."
                    ).format(number=ret.number, status=Status(ret.status).label)
                )
            if (now or utcnow()) - change.at > UNDO_WINDOW:
                raise DeskError(
                    _(
                        "The move of {number} to {status} is too old to undo (after {seconds} s); "
                        "move it on from there."
                    ).format(
                        number=ret.number,
                        status=Status(change.to_status).label,
                        seconds=format_number(UNDO_WINDOW.seconds),
                    )
                )
            undone = Status(change.to_status)
            result = apply_transition(
                session=session,
                return_id=return_id,
                to=Status(change.from_status),
                expected_version=ret.version,
                staff=staff,
                # kept in the timeline in the desk's language, as a note typed by staff
                note=_("Undid the move to {status}.").format(status=undone.label),
                undoing=change,
            )
            why = _("The move to {status} was undone.").format(status=undone.label)
            withdrawn, sent = _withdraw(session, change, why)
            session.commit()
        except Exception:
            session.rollback()
            raise
    return UndoOutcome(ret=result.ret, change=result.change, withdrawn=withdrawn, already_sent=sent)


def _withdraw(session, change: StatusChange, reason: str) -> tuple[int, int]:
    """Cancel what `change` queued and has not left (claimed ones are left alone)."""
    caused = OutboxMessage.status_change_id == change.id
    if change.to_status == Status.CLOSED:  # closing also queued the feedback request
        request = (OutboxMessage.event == Event.FEEDBACK) & (
            OutboxMessage.return_id == change.return_id
        )
        caused = caused | request
    withdrawn = session.exec(
        update(OutboxMessage)
        .where(caused, OutboxMessage.state == OutboxState.QUEUED)
        .values(state=OutboxState.CANCELLED, last_error=reason)
    ).rowcount
    sent = session.exec(
        select(func.count()).where(
            caused, col(OutboxMessage.state).in_((OutboxState.SENDING, OutboxState.SENT))
        )
    ).one()
    return withdrawn, int(sent)


def waiting_messages(db: Database) -> int:
    """How many messages wait to be sent (queued, or being sent right now)."""
    with db.session() as session:
        return pending_count(session)


def send_again(db: Database, *, message_id: int) -> OutboxMessage:
    """Queue a failed message again, to be sent at the next run; raises DeskError."""
    with db.session() as session:
        try:
            message = retry(session, message_id)
            session.commit()
        except Exception:
            session.rollback()
            raise
    return message
