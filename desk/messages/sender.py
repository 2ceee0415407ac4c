"""The sending run of the outbox: send the queued messages that are due, as stored.

Queueing lives in desk.messages.outbox.

Sending, per message, in separate committed steps: claim (queued -> sending, one more
attempt, claim time in next_attempt_at, the claiming process in last_error, see
desk.messages.claims), mark "handed over" just before the message goes out (SMTP DATA,
the SMS request), send, then record the outcome:
- sent: state sent, sent_at.
- a passing problem before the message was handed over (4xx, a refused connection):
  back to queued, next try after BACKOFF_MINUTES[attempt], until MAX_ATTEMPTS tries;
  then failed for good.
- the recipient was refused (5xx for that address, SMS number rejected): failed at
  once; staff fix the contact and retry.
- handed over, then no answer (timeout, connection lost): its fate is unknown, so it is
  failed with a last_error beginning UNKNOWN ("Unknown, check before resending") and
  never sent again automatically; only a person's retry() sends it again.
- the server cannot be reached or used (refused, not found, no greeting, timeout, TLS,
  login, or an unknown fate as above): the run stops trying the other messages of that
  channel, which stay queued without an attempt counted.
A feedback request whose return got feedback after it was queued, or whose customer
asked since not to be contacted, is not sent: it is marked cancelled, with
FEEDBACK_GIVEN or NO_CONTACT as its last_error.
A message found "sending" whose claiming process is gone (same machine: the pid no
longer runs, or runs a newer process) is recovered at once: back to queued if it was
still connecting, failed with INTERRUPTED (unknown fate) if it had been handed over.
One whose process cannot be checked (another machine) is failed with INTERRUPTED once
its claim is older than LEASE. (Claims and their recovery: desk.messages.claims.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import exists, func, or_, update
from sqlmodel import Session, col, select

from desk.codes import Channel, Event, OutboxState
from desk.db import Database
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_number
from desk.messages.channels import Senders
from desk.messages.claims import CONNECTING, HANDED_OVER, claim_note, recover
from desk.messages.mail import (
    DeliveryError,
    explain_smtp_error,
    unknown_prefixes,
)
from desk.messages.outbox import pending_count
from desk.models import Customer, Feedback, OutboxMessage, Return, utcnow
from desk.reports import facts as report_facts

MAX_ATTEMPTS = 8
"""Tries before a message that keeps failing is given up (failed for good)."""

BACKOFF_MINUTES = (1, 5, 15, 60, 120, 240, 480)
"""Wait after the n-th failed try; the last value repeats."""

CHANNEL_NAMES = {"email": N_("Email"), "sms": N_("Text messages")}
"""What the report calls each channel (marked only: translate where shown)."""

FEEDBACK_GIVEN = N_("Not sent: feedback already given.")
"""Why a feedback request was cancelled at send time: the customer answered first (stored
as `_(FEEDBACK_GIVEN)`, in the desk's language)."""

NO_CONTACT = N_("Not sent: the customer asked not to be contacted.")
"""Why a feedback request was cancelled at send time: the customer opted out meanwhile."""


@dataclass(frozen=True)
class DeliveryResult:
    """The outcome of one try at sending one message."""

    id: int
    channel: str
    recipient: str
    state: str  # sent; queued (will be retried); failed; cancelled (no longer needed)
    error: str = ""


@dataclass
class SendReport:
    """What a sending run did."""

    sent: int = 0
    failed: int = 0  # tries that failed in this run (some will be retried later)
    skipped: int = 0  # due, but not tried: no password, not set up, or stopped
    recovered: int = 0  # left "sending" by a dead process: queued again or unknown
    unknown: int = 0  # handed over without an answer (this run or recovered): check them
    cancelled: int = 0  # feedback requests no longer wanted (answered, or opted out)
    messages: list[DeliveryResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one per channel that stopped
    blocked: dict[str, str] = field(default_factory=dict)  # channel -> why it stopped
    untried: dict[str, int] = field(default_factory=dict)  # channel -> left queued, untried
    missing_secrets: list[str] = field(default_factory=list)  # "smtp", "sms"

    def not_sent_lines(self) -> list[str]:
        """One line per channel that could not be sent: which, how many wait, and why."""
        lines = []
        for channel in sorted(self.blocked, key=list(CHANNEL_NAMES).index):
            retried = sum(
                m.channel == channel and m.state == OutboxState.QUEUED for m in self.messages
            )
            waiting = self.untried.get(channel, 0) + retried
            lines.append(
                _("{channel} not sent ({n} waiting): {why}").format(
                    channel=_(CHANNEL_NAMES[channel]),
                    n=format_number(waiting),
                    why=self.blocked[channel],
                )
            )
        return lines


@dataclass(frozen=True)
class Backlog:
    """What waits in the outbox: all waiting, those backed off after a failed try, and
    those of unknown fate that staff should check."""

    waiting: int
    backed_off: int
    unknown: int


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try."""
    index = min(max(attempts, 1), len(BACKOFF_MINUTES)) - 1
    return timedelta(minutes=BACKOFF_MINUTES[index])


def send_due(
    db: Database,
    *,
    now: datetime | None = None,
    smtp_password: str | None = None,
    sms_token: str | None = None,
    limit: int = 50,
    force: bool = False,
) -> SendReport:
    """Send up to `limit` queued messages that are due; each step commits on its own.

    With `force` ("Retry now", `outbox send --now`), messages waiting out a backoff
    after a failed try go too; ones scheduled for later and never tried still wait.
    Passwords come from the keyring unless given. A channel with no password, not set
    up, or whose server cannot be reached leaves its messages queued, untried (skipped),
    and says so in the report, one line per channel.
    """
    clock = (lambda: now) if now is not None else utcnow
    report = SendReport()
    with db.session() as session:
        requeued, unknown = recover(session, clock())
        report.recovered, report.unknown = requeued + unknown, unknown
        due_now = col(OutboxMessage.next_attempt_at) <= clock()
        rows = session.exec(
            select(OutboxMessage.id, OutboxMessage.channel, OutboxMessage.event)
            .where(
                col(OutboxMessage.state) == OutboxState.QUEUED,
                or_(due_now, col(OutboxMessage.attempts) > 0) if force else due_now,
            )
            .order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
            .limit(limit)
        ).all()
        due = _still_needed(session, rows, report)
        channels = {channel for _, channel in due}
        senders = Senders(session, channels, smtp_password, sms_token, report)
        try:
            for message_id, channel in due:
                if channel in senders.blocked:
                    report.skipped += 1
                    report.untried[channel] = report.untried.get(channel, 0) + 1
                    continue
                _send_one(session, message_id, senders, clock, report)
        finally:
            senders.close()
    return report


def outbox_backlog(db: Database, *, now: datetime | None = None) -> Backlog:
    """How many messages wait, how many of them wait out a backoff, how many are unknown."""
    moment = now or utcnow()
    with db.session() as session:
        queued = col(OutboxMessage.state) == OutboxState.QUEUED
        backed_off = session.exec(
            select(func.count()).where(
                queued,
                col(OutboxMessage.attempts) > 0,
                col(OutboxMessage.next_attempt_at) > moment,
            )
        ).one()
        unknown = session.exec(
            select(func.count()).where(
                col(OutboxMessage.state) == OutboxState.FAILED,
                or_(*(col(OutboxMessage.last_error).startswith(p) for p in unknown_prefixes())),
            )
        ).one()
        return Backlog(pending_count(session, now=moment), int(backed_off), int(unknown))


def _still_needed(session: Session, rows, report: SendReport) -> list[tuple[int, str]]:
    """The (id, channel) of the due messages, less feedback requests cancelled as answered."""
    due = []
    for message_id, channel, event in rows:
        if event == Event.FEEDBACK and _cancel(session, message_id, report):
            continue
        due.append((message_id, channel))
    return due


def _cancel(session: Session, message_id: int, report: SendReport) -> bool:
    """Cancel a queued feedback request no longer wanted; commit. True if it was.

    It is not wanted once the return has feedback, or once the customer asked not to be
    contacted (or to get letters only) after it was queued.
    """
    answered = exists().where(
        Feedback.return_id == OutboxMessage.return_id, col(Feedback.replaced_at).is_(None)
    )
    unwanted = exists().where(
        Return.id == OutboxMessage.return_id,
        Customer.id == Return.customer_id,
        col(Customer.preferred_channel).in_((Channel.NONE, Channel.PRINT)),
    )
    for condition, why in ((answered, FEEDBACK_GIVEN), (unwanted, NO_CONTACT)):
        cancelled = session.exec(
            update(OutboxMessage)
            .where(
                col(OutboxMessage.id) == message_id,
                col(OutboxMessage.state) == OutboxState.QUEUED,
                condition,
            )
            .values(state=OutboxState.CANCELLED, last_error=_(why))
        )
        session.commit()
        if cancelled.rowcount == 1:
            message = session.get(OutboxMessage, message_id, populate_existing=True)
            report.cancelled += 1
            report.messages.append(
                DeliveryResult(
                    id=message_id,
                    channel=message.channel,
                    recipient=message.recipient,
                    state=OutboxState.CANCELLED,
                    error=_(why),
                )
            )
            return True
    return False


def _send_one(
    session: Session,
    message_id: int,
    senders: Senders,
    clock: Callable[[], datetime],
    report: SendReport,
) -> None:
    owner = senders.owner
    claimed = session.exec(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == message_id, col(OutboxMessage.state) == OutboxState.QUEUED)
        .values(
            state=OutboxState.SENDING,
            attempts=OutboxMessage.attempts + 1,
            next_attempt_at=clock(),
            last_error=claim_note(owner, CONNECTING),
        )
    )
    session.commit()
    if claimed.rowcount != 1:
        return  # another worker took it, or staff changed it
    message = session.get(OutboxMessage, message_id, populate_existing=True)

    def handed_over() -> None:
        """From here on a crash leaves the message's fate unknown: say so on the row first."""
        session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message_id)
            .values(last_error=claim_note(owner, HANDED_OVER))
        )
        session.commit()

    values: dict[str, object]
    try:
        unsubscribe = senders.unsubscribe_url(session, message)
        provider_id = senders.send(message, handed_over, unsubscribe=unsubscribe)
    except Exception as error:  # noqa: BLE001  (recorded in plain words, never left "sending")
        session.rollback()
        if not isinstance(error, DeliveryError):
            error = DeliveryError(explain_smtp_error(error))
        give_up = error.unknown or error.permanent or message.attempts >= MAX_ATTEMPTS
        state = OutboxState.FAILED if give_up else OutboxState.QUEUED
        values = {"state": state, "last_error": str(error)}
        if not give_up:
            values["next_attempt_at"] = clock() + backoff(message.attempts)
        report.failed += 1
        report.unknown += error.unknown
        if error.stop:
            senders.block(message.channel, str(error))
    else:
        state = OutboxState.SENT
        values = {"state": OutboxState.SENT, "sent_at": clock(), "last_error": ""}
        if provider_id:
            values["message_id"] = provider_id[:200]
        report.sent += 1
    session.exec(update(OutboxMessage).where(col(OutboxMessage.id) == message_id).values(**values))
    if state == OutboxState.SENT:  # the dashboard's response times and requests answered
        report_facts.refresh(session.connection(), [message.return_id])
    session.commit()
    report.messages.append(
        DeliveryResult(
            id=message_id,
            channel=message.channel,
            recipient=message.recipient,
            state=state,
            error=str(values.get("last_error", "")),
        )
    )
