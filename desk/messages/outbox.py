"""The outbox: queueing messages with the status change that causes them.

A message is rendered once, when it is queued, and sent exactly as stored, so what staff
previewed is what the customer gets; a retry carries the same Message-ID.

The sending run (send_due, claims, backoff, recovery of interrupted sends) lives in
desk.messages.sender.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from desk.errors import DeskError, NotFound
from desk.messages.events import event_for
from desk.messages.mail import new_message_id
from desk.models import (
    Channel,
    Customer,
    Event,
    OutboxMessage,
    OutboxState,
    Status,
    StatusChange,
    utcnow,
)
from desk.returns import ReturnDetail, get_detail
from desk.settings import SHOP_EMAIL, get_setting
from desk.workflow import TransitionResult, apply_transition


@dataclass
class MoveOutcome:
    """What a move did: the transition, and the queued message or why there is none."""

    result: TransitionResult
    message: OutboxMessage | None
    reason_not_sent: str = ""
    notify: bool = False  # a message was asked for (or is automatic for this step)


def channel_for(customer: Customer) -> Channel | None:
    """The channel to reach `customer` by, or None (print a letter instead)."""
    contacts = {Channel.EMAIL: bool(customer.email), Channel.SMS: bool(customer.phone)}
    preferred = customer.preferred_channel
    if preferred in (Channel.PRINT, Channel.NONE):
        return None
    if contacts.get(preferred):
        return preferred
    other = Channel.SMS if preferred == Channel.EMAIL else Channel.EMAIL
    return other if contacts[other] else None


def _why_no_channel(customer: Customer) -> str:
    if customer.preferred_channel == Channel.PRINT:
        return f"{customer.name} prefers a printed letter; print it instead."
    if customer.preferred_channel == Channel.NONE:
        return f"{customer.name} asked not to be sent messages."
    return f"{customer.name} has no email address or phone number; print the letter instead."


def move_and_queue(
    *,
    session: Session,
    return_id: int,
    to: Status | str,
    expected_version: int,
    staff: str = "",
    note: str = "",
    notify: bool,
) -> MoveOutcome:
    """Move a return and, if `notify` and possible, queue its message; flushes, no commit.

    For desk.services.move_return, which commits both or neither. Raises what
    desk.workflow.apply_transition raises, and DeskError when the message cannot be rendered.
    """
    result = apply_transition(
        session=session,
        return_id=return_id,
        to=to,
        expected_version=expected_version,
        staff=staff,
        note=note,
    )
    message, reason = None, ""
    event = event_for(result.change.to_status)
    if not notify:
        reason = "The customer was not notified (not asked)."
    elif event is None:
        reason = f"A move to {result.change.to_status.label.lower()} sends no message."
    else:
        detail = get_detail(session, return_id=return_id)
        message = _new_message(session, detail, result.change, event, staff)
        if message is None:
            reason = _why_no_channel(detail.customer)
    return MoveOutcome(result=result, message=message, reason_not_sent=reason, notify=notify)


def _new_message(
    session: Session, detail: ReturnDetail, change: StatusChange, event: Event, staff: str
) -> OutboxMessage | None:
    """Render and add (flush) the message for `change`; None when the customer has no channel."""
    from desk.messages.templating import render_message

    customer = detail.customer
    channel = channel_for(customer)
    if channel is None:
        return None
    rendered = render_message(
        session, detail, event, language=customer.preferred_language or None, staff=staff
    )
    email = channel == Channel.EMAIL
    message = OutboxMessage(
        return_id=detail.ret.id,
        status_change_id=change.id,
        event=str(rendered.event),
        channel=channel,
        language=rendered.language,
        recipient=(customer.email if email else customer.phone).strip(),
        subject=rendered.subject,
        body_text=_mime_text(rendered.text) if email else rendered.sms,
        body_html=_mime_text(rendered.html) if email and rendered.html else "",
        message_id=new_message_id(get_setting(session, SHOP_EMAIL)),
        state=OutboxState.QUEUED,
        next_attempt_at=utcnow(),
        staff=staff.strip(),
    )
    session.add(message)
    session.flush()
    return message


def _mime_text(text: str) -> str:
    """`text` with \\n line ends and one final newline: exactly what a MIME part carries."""
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"


_ALREADY_QUEUED = "A message for this status change was already queued."


def queue_for_change(
    session: Session, detail: ReturnDetail, change: StatusChange, staff: str = ""
) -> OutboxMessage | None:
    """Queue the message for an already recorded status change; flushes, does not commit.

    Returns None when the status has no message or the customer no channel. Raises
    DeskError when that change already has its message.
    """
    event = event_for(change.to_status)
    if event is None:
        return None
    queued = select(OutboxMessage.id).where(OutboxMessage.status_change_id == change.id)
    if session.exec(queued).first() is not None:
        raise DeskError(_ALREADY_QUEUED)
    try:
        return _new_message(session, detail, change, event, staff)
    except IntegrityError:  # queued by someone else meanwhile: the caller rolls back
        raise DeskError(_ALREADY_QUEUED) from None


def messages_for_return(session: Session, return_id: int) -> list[OutboxMessage]:
    """Every message of a return, oldest first."""
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.return_id == return_id)
        .order_by(col(OutboxMessage.created_at), col(OutboxMessage.id))
        .execution_options(populate_existing=True)
    )
    return list(session.exec(query))


def recent_messages(session: Session, limit: int = 50) -> list[OutboxMessage]:
    """The latest messages of every return, newest first."""
    query = (
        select(OutboxMessage)
        .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc())
        .limit(limit)
        .execution_options(populate_existing=True)
    )
    return list(session.exec(query))


def pending_count(session: Session) -> int:
    """How many messages wait to be sent (queued, or being sent right now)."""
    query = select(func.count()).where(
        col(OutboxMessage.state).in_((OutboxState.QUEUED, OutboxState.SENDING))
    )
    return int(session.exec(query).one())


def retry(session: Session, message_id: int) -> OutboxMessage:
    """Queue a failed message again, to be sent at the next run; flushes, does not commit.

    desk.services.send_again is the call that commits.
    """
    message = session.get(OutboxMessage, message_id, populate_existing=True)
    if message is None:
        raise NotFound(f"Message {message_id} does not exist.")
    if message.state != OutboxState.FAILED:
        raise DeskError(
            {
                OutboxState.QUEUED: "This message is already waiting to be sent.",
                OutboxState.SENDING: "This message is being sent right now.",
                OutboxState.SENT: "This message was already sent.",
            }.get(message.state, "Only a failed message can be sent again.")
        )
    changed = session.exec(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == message_id, col(OutboxMessage.state) == OutboxState.FAILED)
        .values(state=OutboxState.QUEUED, next_attempt_at=utcnow(), last_error="")
    )
    if changed.rowcount != 1:
        raise DeskError("Someone else changed this message meanwhile; reload and try again.")
    session.refresh(message)
    return message
