"""The outbox: queueing messages with the status change that causes them.

A message is rendered once, when it is queued, and sent exactly as stored, so what staff
previewed is what the customer gets; a retry carries the same Message-ID.

Closing a return can also queue the feedback request, due at the delay the owner chose
(feedback.request_when): at most one per return, none once feedback was given. It has no
status change of its own (status_change_id is NULL), so it never clashes with the
"closed" message of the same move.

The sending run (send_due, claims, backoff, recovery of interrupted sends) lives in
desk.messages.sender.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from desk.codes import Channel, Event, OutboxState, Status
from desk.errors import DeskError, NotFound
from desk.i18n.catalog import N_, _
from desk.messages.events import event_for, follow_up_for
from desk.models import Customer, Feedback, OutboxMessage, StatusChange, utcnow
from desk.returns import ReturnDetail, get_detail
from desk.settings import (
    FEEDBACK_REQUEST_HOURS,
    FEEDBACK_REQUEST_WHEN,
    NOTIFY,
    get_setting,
)
from desk.workflow import TransitionResult, apply_transition


@dataclass
class MoveOutcome:
    """What a move did: the transition, and the queued message or why there is none."""

    result: TransitionResult
    message: OutboxMessage | None
    reason_not_sent: str = ""
    notify: bool = False  # a message was asked for (or is automatic for this step)
    feedback: OutboxMessage | None = None  # the feedback request queued with the move
    feedback_reason: str = ""  # why it was asked for but not queued
    template_failed: bool = False  # a message was not queued because its template failed


def channel_for(customer: Customer) -> Channel | None:
    """The channel to reach `customer` by, or None (print a letter instead).

    See desk.messages.compose.customer_channel, the one rule the preview uses too.
    """
    from desk.messages.compose import customer_channel

    return customer_channel(customer)


def why_no_channel(customer: Customer) -> str:
    """Why `customer` cannot be sent a message, in one sentence."""
    if customer.preferred_channel == Channel.PRINT:
        return _("{name} prefers a printed letter; print it instead.").format(name=customer.name)
    if customer.preferred_channel == Channel.NONE:
        return _("{name} asked not to be sent messages.").format(name=customer.name)
    return _("{name} has no email address or phone number; print the letter instead.").format(
        name=customer.name
    )


def move_and_queue(
    *,
    session: Session,
    return_id: int,
    to: Status | str,
    expected_version: int,
    staff: str = "",
    note: str = "",
    notify: bool,
    ask_feedback: bool = False,
    now: datetime | None = None,
    channel: Channel | str | None = None,
    language: str | None = None,
) -> MoveOutcome:
    """Move a return and, if `notify` and possible, queue its message; flushes, no commit.

    `channel` and `language` (None: the customer's) say how the message and the feedback
    request go; a channel the customer has no contact for raises DeskError.

    With `ask_feedback`, a move that closes the return also queues the feedback request
    (see queue_feedback_request). For desk.services.move_return, which commits all or
    nothing. Raises what desk.workflow.apply_transition raises. A message whose template
    fails (desk.messages.templating.TemplateError: broken, or over its time or size
    bounds) is not queued; the move still happens and the reason says why.
    """
    from desk.messages.templating import TemplateError

    result = apply_transition(
        session=session,
        return_id=return_id,
        to=to,
        expected_version=expected_version,
        staff=staff,
        note=note,
    )
    message, reason, detail, failed = None, "", None, False
    event = event_for(result.change.to_status)
    if not notify:
        reason = _("The customer was not notified (not asked).")
    elif event is None:
        reason = _("A move to {status} sends no message.").format(
            status=result.change.to_status.label.lower()
        )
    else:
        detail = get_detail(session, return_id=return_id)
        try:
            message = _new_message(
                session,
                detail,
                result.change.id,
                event,
                staff,
                note=result.change.note,
                channel=channel,
                language=language,
            )
        except TemplateError as error:
            reason, failed = f"{error}", True
        else:
            if message is None:
                reason = why_no_channel(detail.customer)
    outcome = MoveOutcome(
        result=result,
        message=message,
        reason_not_sent=reason,
        notify=notify,
        template_failed=failed,
    )
    if ask_feedback and follow_up_for(result.change.to_status) == Event.FEEDBACK:
        detail = detail or get_detail(session, return_id=return_id)
        try:
            outcome.feedback, outcome.feedback_reason = queue_feedback_request(
                session, detail, staff=staff, now=now, channel=channel, language=language
            )
        except TemplateError as error:
            outcome.feedback_reason, outcome.template_failed = f"{error}", True
    return outcome


def _new_message(
    session: Session,
    detail: ReturnDetail,
    change_id: int | None,
    event: Event,
    staff: str,
    due: datetime | None = None,
    *,
    note: str | None = None,
    channel: Channel | str | None = None,
    language: str | None = None,
) -> OutboxMessage | None:
    """Compose and add (flush) a message, due at `due` (now by default); None without a
    channel.

    `change_id` is the status change that sends it (None for the feedback request), `note`
    that change's note; `channel` and `language` None are the customer's (see
    desk.messages.compose.compose_message).
    """
    from desk.messages.compose import add_composed, compose_message

    composed = compose_message(
        session, detail, event, note=note, staff=staff, channel=channel, language=language
    )
    if composed is None:
        return None
    return add_composed(session, detail, composed, change_id=change_id, staff=staff, due=due)


_ALREADY_QUEUED = N_("A message for this status change was already queued.")


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
        raise DeskError(_(_ALREADY_QUEUED))
    try:
        return _new_message(session, detail, change.id, event, staff, note=change.note)
    except IntegrityError:  # queued by someone else meanwhile: the caller rolls back
        raise DeskError(_(_ALREADY_QUEUED)) from None


MORNING = time(10, 0)
"""The local time of day a "next_morning" feedback request is sent."""


def feedback_due(
    when: str, hours: int, now: datetime, *, local_zone: tzinfo | None = None
) -> datetime:
    """When a feedback request queued at `now` (aware) is due, in UTC.

    `when` is the feedback.request_when setting: "now"; "hours" (after `hours`); or
    "next_morning": the next day at MORNING in `local_zone`, by default the desk's own
    zone (daylight saving time included).
    """
    if when == "hours":
        return (now + timedelta(hours=hours)).astimezone(UTC)
    if when == "next_morning":
        day = now.astimezone(local_zone).date() + timedelta(days=1)
        morning = datetime.combine(day, MORNING)
        if local_zone is None:
            return morning.astimezone().astimezone(UTC)  # a naive time is read as local
        return morning.replace(tzinfo=local_zone).astimezone(UTC)
    return now.astimezone(UTC)


@dataclass(frozen=True)
class FeedbackOffer:
    """Whether closing a return now asks for feedback: the notify mode, when, and by what."""

    mode: str  # notify.feedback: off, ask or auto
    due: datetime  # UTC
    channel: Channel | None
    reason: str = ""  # why no request can be queued; "" when one can

    @property
    def possible(self) -> bool:
        """True when the mode is not off and a request can be queued."""
        return self.mode != "off" and not self.reason


def has_feedback(session: Session, return_id: int) -> bool:
    """True when the return has current feedback (not replaced)."""
    query = select(Feedback.id).where(
        Feedback.return_id == return_id, col(Feedback.replaced_at).is_(None)
    )
    return session.exec(query.limit(1)).first() is not None


def feedback_requested(session: Session, return_id: int) -> bool:
    """True when a feedback request was ever queued for the return (in any state)."""
    query = select(OutboxMessage.id).where(
        OutboxMessage.return_id == return_id, OutboxMessage.event == Event.FEEDBACK
    )
    return session.exec(query.limit(1)).first() is not None


def feedback_offer(
    session: Session,
    detail: ReturnDetail,
    *,
    now: datetime | None = None,
    local_zone: tzinfo | None = None,
) -> FeedbackOffer:
    """What closing `detail` at `now` would do about asking the customer for feedback."""
    due = feedback_due(
        get_setting(session, FEEDBACK_REQUEST_WHEN),
        get_setting(session, FEEDBACK_REQUEST_HOURS),
        now or utcnow(),
        local_zone=local_zone,
    )
    channel = channel_for(detail.customer)
    reason = ""
    if has_feedback(session, detail.ret.id):
        reason = _("Feedback was already given for this return.")
    elif feedback_requested(session, detail.ret.id):
        reason = _("Feedback was already asked for this return.")
    elif channel is None:
        reason = why_no_channel(detail.customer)
    mode = get_setting(session, NOTIFY[Event.FEEDBACK])
    return FeedbackOffer(mode=mode, due=due, channel=channel, reason=reason)


def queue_feedback_request(
    session: Session,
    detail: ReturnDetail,
    *,
    staff: str = "",
    now: datetime | None = None,
    local_zone: tzinfo | None = None,
    channel: Channel | str | None = None,
    language: str | None = None,
) -> tuple[OutboxMessage | None, str]:
    """Queue the feedback request of `detail`, due when the owner chose; flushes, no commit.

    Once per return, never once feedback was given, never without a channel the customer
    accepts. Returns the message, or None and the reason. The notify.feedback mode is the
    caller's to apply. Raises DeskError when the message cannot be rendered.
    """
    offer = feedback_offer(session, detail, now=now, local_zone=local_zone)
    if offer.reason:
        return None, offer.reason
    message = _new_message(
        session,
        detail,
        None,
        Event.FEEDBACK,
        staff,
        due=offer.due,
        note="",
        channel=channel,
        language=language,
    )
    return message, ""


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


def pending_count(session: Session, *, now: datetime | None = None) -> int:
    """How many messages wait to be sent (queued, or being sent right now).

    One scheduled for later and never tried yet (a feedback request due tomorrow) does
    not wait: it is not counted until it is due.
    """
    scheduled = (OutboxMessage.attempts == 0) & (
        col(OutboxMessage.next_attempt_at) > (now or utcnow())
    )
    query = select(func.count()).where(
        col(OutboxMessage.state).in_((OutboxState.QUEUED, OutboxState.SENDING)),
        ~((OutboxMessage.state == OutboxState.QUEUED) & scheduled),
    )
    return int(session.exec(query).one())


def retry(session: Session, message_id: int) -> OutboxMessage:
    """Queue a failed message again, to be sent at the next run; flushes, does not commit.

    desk.services.send_again is the call that commits.
    """
    message = session.get(OutboxMessage, message_id, populate_existing=True)
    if message is None:
        raise NotFound(_("Message {id} does not exist.").format(id=message_id))
    if message.state != OutboxState.FAILED:
        raise DeskError(
            {
                OutboxState.QUEUED: _("This message is already waiting to be sent."),
                OutboxState.SENDING: _("This message is being sent right now."),
                OutboxState.SENT: _("This message was already sent."),
                OutboxState.CANCELLED: _("This message is no longer needed, so it was not sent."),
            }.get(message.state, _("Only a failed message can be sent again."))
        )
    changed = session.exec(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == message_id, col(OutboxMessage.state) == OutboxState.FAILED)
        .values(state=OutboxState.QUEUED, next_attempt_at=utcnow(), last_error="")
    )
    if changed.rowcount != 1:
        raise DeskError(_("Someone else changed this message meanwhile; reload and try again."))
    session.refresh(message)
    return message
