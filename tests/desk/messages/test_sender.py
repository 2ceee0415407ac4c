"""The outbox's sending run: what is due, in order, how long to wait, and what is said."""

from __future__ import annotations

import email
import email.policy
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from desk.codes import FeedbackSource, OutboxState
from desk.messages.sender import BACKOFF_MINUTES, FEEDBACK_GIVEN, NO_CONTACT, backoff, send_due
from desk.models import Customer, Feedback, OutboxMessage, utcnow
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.secrets import set_secret
from desk.services import create_return, move_return
from desk.settings import (
    FEEDBACK_REQUEST_HOURS,
    FEEDBACK_REQUEST_WHEN,
    SHOP_EMAIL,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    save_settings,
    set_settings,
)
from desk.settings import SMTP_USER as SMTP_USER_SETTING
from desk.workflow import Status
from tests.fixtures_servers import SMTP_PASSWORD, SMTP_USER


def queue(db, name: str, **contact) -> OutboxMessage:
    contact = contact or {"email": f"{name.lower()}@example.com"}
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name=name, **contact),
    )
    ret = create_return(db, draft=draft, today=date(2026, 11, 30))
    outcome = move_return(
        db, return_id=ret.id, to=Status.APPROVED, expected_version=ret.version, notify=True
    )
    assert outcome.message is not None
    return outcome.message


def mail_ready(db, server) -> None:
    with db.session() as session:
        set_settings(
            session,
            {
                SHOP_EMAIL: "shop@example.com",
                SMTP_HOST: "127.0.0.1",
                SMTP_PORT: server.port,
                SMTP_SECURITY: "none",
                SMTP_USER_SETTING: SMTP_USER,
            },
        )
        session.commit()
    set_secret("smtp", SMTP_PASSWORD)


def state_of(db, message_id: int) -> str:
    with db.session() as session:
        return session.get(OutboxMessage, message_id).state


@pytest.mark.parametrize(
    ("attempts", "minutes"), [(0, 1), (1, 1), (2, 5), (7, 480), (8, 480), (50, 480)]
)
def test_backoff_grows_then_stays_at_the_last_wait(attempts, minutes):
    assert backoff(attempts) == timedelta(minutes=minutes)
    assert list(BACKOFF_MINUTES) == sorted(BACKOFF_MINUTES)


def test_nothing_due_is_an_empty_report(db):
    report = send_due(db)
    assert (report.sent, report.failed, report.skipped, report.recovered) == (0, 0, 0, 0)
    assert report.problems == [] and report.messages == []


def test_email_not_set_up_leaves_messages_queued_and_says_where_to_fix_it(db):
    first, second = queue(db, "Ana"), queue(db, "Rui")
    report = send_due(db)
    assert report.skipped == 2 and report.sent == 0
    assert report.problems == [
        "Email is not set up: enter the SMTP server and the shop's email address in "
        "Settings. Messages stay queued."
    ]
    assert {state_of(db, first.id), state_of(db, second.id)} == {OutboxState.QUEUED}


def test_sms_not_set_up_is_said_too(db):
    queue(db, "Ana", phone="+351 912 345 678", preferred_channel="sms")
    report = send_due(db)
    assert report.skipped == 1
    assert report.problems[0].startswith("Text messages are not set up")


def test_due_messages_go_oldest_first_up_to_the_limit(db, smtp_server):
    mail_ready(db, smtp_server)
    first, second, third = queue(db, "Ana"), queue(db, "Rui"), queue(db, "Bea")
    report = send_due(db, limit=2)
    assert [m.id for m in report.messages] == [first.id, second.id]
    assert report.sent == 2 and state_of(db, third.id) == OutboxState.QUEUED
    assert len(smtp_server.received) == 2
    assert send_due(db).sent == 1


def test_a_message_not_yet_due_waits(db, smtp_server):
    mail_ready(db, smtp_server)
    message = queue(db, "Ana")
    report = send_due(db, now=utcnow() - timedelta(hours=1))
    assert report.messages == [] and state_of(db, message.id) == OutboxState.QUEUED
    assert smtp_server.received == []


def test_a_failed_try_is_queued_again_after_the_backoff(db, smtp_server):
    mail_ready(db, smtp_server)
    message = queue(db, "Ana")
    smtp_server.stop()
    now = utcnow()
    report = send_due(db, now=now)
    assert report.failed == 1 and report.messages[0].state == OutboxState.QUEUED
    with db.session() as session:
        stored = session.get(OutboxMessage, message.id)
        assert stored.attempts == 1 and stored.last_error
        assert stored.next_attempt_at == now + backoff(1)


# the feedback request


def closed_with_request(db, name: str, *, hours: int = 3, **contact):
    """Close a refunded return, asking for feedback after `hours`; return the request."""
    save_settings(db, {FEEDBACK_REQUEST_WHEN: "hours", FEEDBACK_REQUEST_HOURS: hours})
    contact = contact or {"email": f"{name.lower()}@example.com"}
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name=name, **contact),
    )
    ret = create_return(db, draft=draft, today=date(2026, 11, 30))
    ret = move_return(
        db, return_id=ret.id, to="refunded", expected_version=ret.version, notify=False
    ).result.ret
    outcome = move_return(
        db, return_id=ret.id, to="closed", expected_version=ret.version, notify=False,
        ask_feedback=True, now=CLOSED_AT,
    )  # fmt: skip
    assert outcome.message is None and outcome.feedback is not None
    return outcome.feedback


CLOSED_AT = utcnow()


def test_the_feedback_request_is_sent_once_and_only_when_due(db, smtp_server):
    mail_ready(db, smtp_server)
    request = closed_with_request(db, "Ana", hours=3)
    early = send_due(db, now=CLOSED_AT + timedelta(hours=2, minutes=59))
    assert early.messages == [] and smtp_server.received == []
    assert state_of(db, request.id) == OutboxState.QUEUED
    due = send_due(db, now=CLOSED_AT + timedelta(hours=3))
    assert due.sent == 1 and state_of(db, request.id) == OutboxState.SENT
    [envelope] = smtp_server.received
    assert envelope.rcpt_tos == ["ana@example.com"]
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert "how did we do with return" in mail["Subject"]
    assert "1 (bad) to 5 (great)" in mail.get_body(("plain",)).get_content()
    later = send_due(db, now=CLOSED_AT + timedelta(days=2))
    assert later.messages == [] and len(smtp_server.received) == 1


def test_a_request_answered_meanwhile_is_cancelled_not_sent(db, smtp_server):
    mail_ready(db, smtp_server)
    answered = closed_with_request(db, "Ana", hours=1)
    waiting = closed_with_request(db, "Rui", hours=1)
    with db.session() as session:  # Ana rates the return at the counter before it goes out
        session.add(Feedback(return_id=answered.return_id, rating=4, source=FeedbackSource.COUNTER))
        session.commit()
    report = send_due(db, now=CLOSED_AT + timedelta(hours=1))
    assert (report.sent, report.cancelled, report.failed) == (1, 1, 0)
    assert [e.rcpt_tos for e in smtp_server.received] == [["rui@example.com"]]
    with db.session() as session:
        stored = session.get(OutboxMessage, answered.id)
        assert stored.state == OutboxState.CANCELLED and stored.last_error == FEEDBACK_GIVEN
        assert stored.attempts == 0 and stored.sent_at is None
    assert state_of(db, waiting.id) == OutboxState.SENT
    cancelled = next(m for m in report.messages if m.id == answered.id)
    assert (cancelled.state, cancelled.error) == (OutboxState.CANCELLED, FEEDBACK_GIVEN)
    assert send_due(db, now=CLOSED_AT + timedelta(days=1)).messages == []  # never tried again


def test_an_answered_request_is_cancelled_even_when_email_is_not_set_up(db):
    request = closed_with_request(db, "Ana", hours=1)
    with db.session() as session:
        session.add(Feedback(return_id=request.return_id, rating=2, source=FeedbackSource.PHONE))
        session.commit()
    report = send_due(db, now=CLOSED_AT + timedelta(hours=1))
    assert (report.cancelled, report.skipped, report.problems) == (1, 0, [])
    assert state_of(db, request.id) == OutboxState.CANCELLED


@pytest.mark.parametrize("channel", ["none", "print"])
def test_a_request_to_a_customer_who_opted_out_meanwhile_is_cancelled(db, smtp_server, channel):
    mail_ready(db, smtp_server)
    request = closed_with_request(db, "Ana", hours=1)
    with db.session() as session:  # the next morning Ana has asked not to get messages
        session.exec(update(Customer).values(preferred_channel=channel))
        session.commit()
    report = send_due(db, now=CLOSED_AT + timedelta(hours=1))
    assert (report.sent, report.cancelled) == (0, 1) and smtp_server.received == []
    with db.session() as session:
        stored = session.get(OutboxMessage, request.id)
        assert stored.state == OutboxState.CANCELLED and stored.last_error == NO_CONTACT
