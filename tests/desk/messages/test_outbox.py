"""The outbox against a real SMTP server: queue with the move, send once, retry, recover."""

from __future__ import annotations

import email
import email.policy
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from desk.codes import TRANSITIONS, Event, FeedbackSource, Status
from desk.errors import DeskError
from desk.messages.claims import INTERRUPTED, recover_interrupted
from desk.messages.outbox import (
    FeedbackOffer,
    channel_for,
    feedback_due,
    feedback_offer,
    messages_for_return,
    pending_count,
    queue_feedback_request,
    retry,
)
from desk.messages.sender import MAX_ATTEMPTS, send_due
from desk.models import (
    Customer,
    Feedback,
    MessageTemplate,
    OutboxMessage,
    Return,
    StatusChange,
    utcnow,
)
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.secrets import set_secret
from desk.services import move_return, send_again
from desk.settings import (
    FEEDBACK_REQUEST_HOURS,
    FEEDBACK_REQUEST_WHEN,
    NOTIFY,
    SHOP_EMAIL,
    SHOP_LOGO,
    SHOP_NAME,
    SHOP_REPLY_TO,
    SMS_SENDER,
    SMS_URL,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_TIMEOUT,
    save_settings,
    set_settings,
)
from desk.settings import SMS_ACCOUNT as SMS_ACCOUNT_SETTING
from desk.settings import SMTP_USER as SMTP_USER_SETTING
from desk.workflow import IllegalTransition, StaleVersion
from tests.fixtures_db import stored_bytes
from tests.fixtures_servers import (
    SMS_ACCOUNT,
    SMS_REFUSED_NUMBER,
    SMS_TOKEN,
    SMTP_PASSWORD,
    SMTP_USER,
    free_port,
)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def configure(db, port: int, tmp_path: Path | None = None) -> None:
    """Shop and SMTP settings pointing at the local server."""
    values = {
        SHOP_NAME: "Loja do Zé Ñandú",
        SHOP_EMAIL: "loja@example.com",
        SHOP_REPLY_TO: "ajuda@example.com",
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: port,
        SMTP_SECURITY: "none",
        SMTP_USER_SETTING: SMTP_USER,
        SMTP_TIMEOUT: 5,
    }
    if tmp_path is not None:
        logo = tmp_path / "logo.png"
        logo.write_bytes(PNG)
        values[SHOP_LOGO] = str(logo)
    with db.session() as session:
        set_settings(session, values)
        session.commit()


def new_return(db, *, email_addr="jose@example.com", phone="", channel="email", language="pt_BR"):
    """A received return of José Ñandú; returns (id, version)."""
    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="CAF-01", description="Cafeteira", unit_price_cents=8990)],
                new_customer=CustomerDraft(
                    name="José Ñandú",
                    email=email_addr,
                    phone=phone,
                    preferred_channel=channel,
                    preferred_language=language,
                ),
            ),
        )
        return ret.id, ret.version


def queue_one(db, **customer) -> OutboxMessage:
    """A received return moved to approved, with its message queued."""
    return_id, version = new_return(db, **customer)
    outcome = move_return(
        db,
        return_id=return_id,
        to="approved",
        expected_version=version,
        staff="Ana",
        notify=True,
    )
    assert outcome.message is not None, outcome.reason_not_sent
    return outcome.message


def wire_text(part) -> str:
    """A text part's content with the wire's CRLF line ends back to the stored LF."""
    return part.get_content().replace("\r\n", "\n")


def row(db, message_id: int) -> OutboxMessage:
    with db.session() as session:
        return session.get(OutboxMessage, message_id)


def test_channel_for_prefers_then_falls_back():
    def c(channel, email=None, phone=None):
        return Customer(name="x", email=email, phone=phone, preferred_channel=channel)

    assert channel_for(c("email", "a@b.co", "+351 912")) == "email"
    assert channel_for(c("sms", "a@b.co", "+351 912")) == "sms"
    assert channel_for(c("sms", "a@b.co")) == "email"
    assert channel_for(c("email", phone="+351 912")) == "sms"
    assert channel_for(c("email")) is None
    assert channel_for(c("print", "a@b.co")) is None
    assert channel_for(c("none", "a@b.co", "+351 912")) is None


def test_move_return_queues_one_message_in_the_same_transaction(db, smtp_server):
    configure(db, smtp_server.port)
    message = queue_one(db)
    with db.session() as session:
        change = session.exec(
            select(StatusChange).where(StatusChange.to_status == "approved")
        ).one()
        stored = messages_for_return(session, message.return_id)
        assert pending_count(session) == 1
    assert [m.id for m in stored] == [message.id]
    assert message.status_change_id == change.id
    assert message.state == "queued" and message.attempts == 0
    assert message.channel == "email" and message.recipient == "jose@example.com"
    assert message.message_id.startswith("<") and message.message_id.endswith("@example.com>")
    assert message.staff == "Ana"
    assert message.body_text and message.body_html and message.subject


def test_move_without_notify_or_contact_queues_nothing(db):
    return_id, version = new_return(db)
    outcome = move_return(
        db, return_id=return_id, to="approved", expected_version=version, notify=False
    )
    assert outcome.message is None and "not notified" in outcome.reason_not_sent
    outcome = move_return(
        db,
        return_id=return_id,
        to="refunded",
        expected_version=version + 1,
        notify=True,
        staff="Ana",
    )
    assert outcome.message is not None
    return_id, version = new_return(db, email_addr="", phone="")
    outcome = move_return(
        db, return_id=return_id, to="approved", expected_version=version, notify=True
    )
    assert outcome.message is None
    assert "print the letter" in outcome.reason_not_sent
    assert outcome.result.ret.status == "approved"


def test_a_refused_move_queues_nothing(db):
    return_id, version = new_return(db)
    with pytest.raises(StaleVersion):
        move_return(
            db, return_id=return_id, to="approved", expected_version=version + 5, notify=True
        )
    with db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_render_failure_rolls_back_the_move(db, monkeypatch):
    import desk.messages.templating as templating

    def broken(*args, **kwargs):
        raise DeskError("The template has an error.")

    monkeypatch.setattr(templating, "render_message", broken)
    return_id, version = new_return(db)
    with pytest.raises(DeskError):
        move_return(db, return_id=return_id, to="approved", expected_version=version, notify=True)
    with db.session() as session:
        assert session.get(Return, return_id).status == "received"
        assert session.exec(select(OutboxMessage)).all() == []


def test_sent_email_is_what_was_stored(db, smtp_server, tmp_path):
    configure(db, smtp_server.port, tmp_path)
    set_secret("smtp", SMTP_PASSWORD)
    message = queue_one(db)

    report = send_due(db)

    assert (report.sent, report.failed, report.skipped) == (1, 0, 0), report
    assert len(smtp_server.received) == 1
    envelope = smtp_server.received[0]
    assert envelope.rcpt_tos == ["jose@example.com"]
    assert envelope.mail_from == "loja@example.com"
    parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
    stored = row(db, message.id)
    assert stored.state == "sent" and stored.attempts == 1 and stored.sent_at is not None
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Subject"] == stored.subject
    assert "devolução" in stored.subject and "José" in stored.subject
    assert envelope.content.decode("ascii")  # every header encoded for the wire
    assert parsed["From"].addresses[0].display_name == "Loja do Zé Ñandú"
    assert parsed["From"].addresses[0].addr_spec == "loja@example.com"
    assert parsed["Reply-To"] == "ajuda@example.com"
    assert parsed["To"] == "jose@example.com"
    assert parsed["Date"].datetime is not None
    assert parsed["Message-ID"] == stored.message_id
    text_part, html_part = parsed.iter_parts()
    assert text_part.get_content_type() == "text/plain"
    assert text_part.get_content_charset() == "utf-8"
    assert wire_text(text_part) == stored.body_text
    assert "cid:logo" in stored.body_html
    assert html_part.get_content_type() == "multipart/related"
    html, logo = html_part.iter_parts()
    assert logo["Content-ID"] == "<logo>"
    assert logo.get_content() == PNG
    assert html.get_content_type() == "text/html"
    assert html.get_content_charset() == "utf-8"
    assert wire_text(html) == stored.body_html

    again = send_due(db, now=utcnow() + timedelta(days=1))
    assert again.sent == 0 and len(smtp_server.received) == 1


def test_server_down_then_up_sends_exactly_once(db, tmp_path):
    from tests.fixtures_servers import SmtpServer

    server = SmtpServer()  # not started yet: its port refuses connections
    configure(db, server.port)
    set_secret("smtp", SMTP_PASSWORD)
    message = queue_one(db)

    started = utcnow()
    report = send_due(db, now=started)
    stored = row(db, message.id)
    assert (report.sent, report.failed) == (0, 1)
    assert stored.state == "queued" and stored.attempts == 1
    assert "connection refused" in stored.last_error.lower()
    assert SMTP_PASSWORD not in stored.last_error
    assert stored.next_attempt_at.replace(tzinfo=None) > started.replace(tzinfo=None)

    server.start()
    try:
        assert send_due(db, now=started + timedelta(seconds=30)).sent == 0  # not due yet
        later = started + timedelta(minutes=2)
        assert send_due(db, now=later).sent == 1
        assert send_due(db, now=later + timedelta(hours=5)).sent == 0
        assert len(server.received) == 1
    finally:
        server.stop()
    stored = row(db, message.id)
    assert stored.state == "sent" and stored.attempts == 2 and stored.last_error == ""


def test_bad_credentials_say_authentication_failed(db, smtp_server):
    configure(db, smtp_server.port)
    set_secret("smtp", "wrong-password")
    first = queue_one(db)
    second = queue_one(db, email_addr="maria@example.com")

    report = send_due(db)

    assert (report.sent, report.failed, report.skipped) == (0, 1, 1)
    stored = row(db, first.id)
    assert stored.state == "queued" and stored.attempts == 1
    assert "authentication failed" in stored.last_error.lower()
    assert "wrong-password" not in stored.last_error
    untouched = row(db, second.id)
    assert untouched.attempts == 0 and untouched.last_error == ""
    assert smtp_server.received == []


def test_no_password_leaves_messages_queued_untried(db, smtp_server):
    configure(db, smtp_server.port)
    message = queue_one(db)

    report = send_due(db)

    assert (report.sent, report.failed, report.skipped) == (0, 0, 1)
    assert report.missing_secrets == ["smtp"]
    assert any("No SMTP password" in p for p in report.problems)
    stored = row(db, message.id)
    assert stored.state == "queued" and stored.attempts == 0

    assert send_due(db, smtp_password=SMTP_PASSWORD).sent == 1
    assert len(smtp_server.received) == 1


def test_interrupted_send_is_never_resent(db, smtp_server):
    configure(db, smtp_server.port)
    set_secret("smtp", SMTP_PASSWORD)
    message = queue_one(db)
    claimed_at = utcnow() - timedelta(minutes=30)
    with db.session() as session:  # a process claimed it, then was killed
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == message.id)
            .values(state="sending", attempts=1, next_attempt_at=claimed_at)
        )
        session.commit()

    report = send_due(db)

    assert report.recovered == 1 and report.sent == 0
    assert smtp_server.received == []
    stored = row(db, message.id)
    assert stored.state == "failed" and stored.last_error == INTERRUPTED
    assert send_due(db, now=utcnow() + timedelta(days=2)).sent == 0

    assert send_again(db, message_id=message.id).state == "queued"  # a person decides
    with db.session() as session, pytest.raises(DeskError):
        retry(session, message.id)  # only a failed message is queued again
    assert send_due(db).sent == 1
    assert len(smtp_server.received) == 1


def test_a_recent_claim_is_left_to_its_worker(db):
    return_id, version = new_return(db)
    message = move_return(
        db, return_id=return_id, to="approved", expected_version=version, notify=True
    ).message
    with db.session() as session:
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == message.id)
            .values(state="sending", next_attempt_at=utcnow() - timedelta(minutes=1))
        )
        session.commit()
        assert recover_interrupted(session) == 0
        assert recover_interrupted(session, now=utcnow() + timedelta(minutes=15)) == 1


def test_runs_in_a_row_and_claims_never_send_twice(db, smtp_server):
    configure(db, smtp_server.port)
    set_secret("smtp", SMTP_PASSWORD)
    ids = [queue_one(db, email_addr=f"c{i}@example.com").id for i in range(5)]

    first = send_due(db, limit=3)
    second = send_due(db)
    third = send_due(db)

    assert (first.sent, second.sent, third.sent) == (3, 2, 0)
    assert len(smtp_server.received) == 5
    assert sorted(e.rcpt_tos[0] for e in smtp_server.received) == [
        f"c{i}@example.com" for i in range(5)
    ]
    assert {row(db, i).state for i in ids} == {"sent"}


def test_concurrent_runs_never_send_the_same_message(db, smtp_server):
    import threading

    configure(db, smtp_server.port)
    set_secret("smtp", SMTP_PASSWORD)
    for i in range(12):
        queue_one(db, email_addr=f"p{i}@example.com")
    reports = []
    workers = [threading.Thread(target=lambda: reports.append(send_due(db))) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(r.sent for r in reports) == 12
    assert len(smtp_server.received) == 12
    assert len({e.rcpt_tos[0] for e in smtp_server.received}) == 12


def test_gives_up_after_max_attempts(db, monkeypatch):
    configure(db, free_port())
    set_secret("smtp", SMTP_PASSWORD)
    message = queue_one(db)
    now = utcnow()
    for _ in range(MAX_ATTEMPTS):
        now += timedelta(days=1)
        assert send_due(db, now=now).failed == 1
    stored = row(db, message.id)
    assert stored.state == "failed" and stored.attempts == MAX_ATTEMPTS
    assert send_due(db, now=now + timedelta(days=1)).failed == 0


def test_sms_message_reaches_the_provider(db, sms_server):
    with db.session() as session:
        set_settings(
            session,
            {SMS_URL: sms_server.url, SMS_ACCOUNT_SETTING: SMS_ACCOUNT, SMS_SENDER: "+15550001"},
        )
        session.commit()
    set_secret("sms", SMS_TOKEN)
    message = queue_one(db, email_addr="", phone="+351 912 345 678", channel="sms")
    assert message.channel == "sms" and message.body_html == ""

    report = send_due(db)

    assert report.sent == 1, report
    assert sms_server.received == [
        {"To": "+351912345678", "From": "+15550001", "Body": message.body_text}
    ]
    stored = row(db, message.id)
    assert stored.state == "sent" and stored.message_id.startswith("SM")


def test_sms_bad_token_and_bad_number(db, sms_server):
    with db.session() as session:
        set_settings(session, {SMS_URL: sms_server.url, SMS_ACCOUNT_SETTING: SMS_ACCOUNT})
        session.commit()
    bad_number = queue_one(db, email_addr="", phone=SMS_REFUSED_NUMBER, channel="sms")

    report = send_due(db, sms_token="nope")
    stored = row(db, bad_number.id)
    assert report.failed == 1 and stored.state == "queued"
    assert "authentication failed" in stored.last_error.lower()

    report = send_due(db, sms_token=SMS_TOKEN, now=utcnow() + timedelta(hours=1))
    stored = row(db, bad_number.id)
    assert report.failed == 1 and stored.state == "failed"  # refused number: no retry
    assert "Invalid 'To' Phone Number" in stored.last_error


def test_an_sms_to_a_number_kept_as_typed_fails_at_once_and_says_why(db, sms_server):
    with db.session() as session:
        set_settings(session, {SMS_URL: sms_server.url, SMS_ACCOUNT_SETTING: SMS_ACCOUNT})
        session.commit()
    message = queue_one(db, email_addr="", phone="+447993672961", channel="sms")
    with db.session() as session:  # as a number typed before phones were checked stays
        session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.id) == message.id)
            .values(recipient="07993 672961")
        )
        session.commit()

    report = send_due(db, sms_token=SMS_TOKEN)

    stored = row(db, message.id)
    assert report.failed == 1 and stored.state == "failed"  # not retried: it would not help
    assert "not a full international number" in stored.last_error
    assert "Correct it in the customer's profile" in stored.last_error
    assert sms_server.received == []


def test_password_never_reaches_the_database(db, db_path, smtp_server):
    configure(db, smtp_server.port)
    set_secret("smtp", SMTP_PASSWORD)
    queue_one(db)
    assert send_due(db).sent == 1
    configure(db, free_port())
    queue_one(db, email_addr="x@example.com")
    send_due(db, smtp_password=SMTP_PASSWORD)
    with db.session() as session:
        set_settings(session, {SMTP_HOST: "127.0.0.1"})
        session.commit()
    secret = SMTP_PASSWORD.encode()
    if db.engine.dialect.name == "sqlite":
        # the write-ahead log holds the latest pages until a checkpoint: look in it too
        assert db_path.with_name(f"{db_path.name}-wal").exists()
    data = stored_bytes(db, db_path)
    assert b"127.0.0.1" in data  # the check below looks where the settings are
    assert secret not in data
    assert SMTP_PASSWORD.encode("utf-16-le") not in data


def test_queue_for_an_existing_change_once(db):
    from desk.messages.outbox import queue_for_change
    from desk.returns import get_detail
    from desk.workflow import transition

    return_id, version = new_return(db)
    with db.session() as session:
        change = transition(
            session=session, return_id=return_id, to="approved", expected_version=version
        ).change
        detail = get_detail(session, return_id=return_id)
        message = queue_for_change(session, detail, change, staff="Ana")
        assert message is not None and message.status_change_id == change.id
        with pytest.raises(DeskError, match="already queued"):
            queue_for_change(session, detail, change, staff="Ana")
        assert pending_count(session) == 1
        assert [m.id for m in messages_for_return(session, return_id)] == [message.id]


# the feedback request


NOON = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)
SAO_PAULO = ZoneInfo("America/Sao_Paulo")  # UTC-3 all year
LISBON = ZoneInfo("Europe/Lisbon")  # UTC+0, UTC+1 from 29 March 2026 01:00 UTC


@pytest.mark.parametrize(
    ("when", "hours", "now", "zone", "due"),
    [
        ("now", 24, NOON, SAO_PAULO, NOON),
        ("hours", 24, NOON, SAO_PAULO, datetime(2026, 12, 2, 15, 30, tzinfo=UTC)),
        ("hours", 3, NOON, SAO_PAULO, datetime(2026, 12, 1, 18, 30, tzinfo=UTC)),
        # 12:30 in São Paulo: the next day 10:00 there is 13:00 UTC
        ("next_morning", 24, NOON, SAO_PAULO, datetime(2026, 12, 2, 13, 0, tzinfo=UTC)),
        # 01:30 UTC on the 2nd is still 22:30 on the 1st in São Paulo: the same morning
        (
            "next_morning",
            24,
            datetime(2026, 12, 2, 1, 30, tzinfo=UTC),
            SAO_PAULO,
            datetime(2026, 12, 2, 13, 0, tzinfo=UTC),
        ),
        # Lisbon's clocks go forward overnight: 10:00 summer time is 09:00 UTC
        (
            "next_morning",
            24,
            datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            LISBON,
            datetime(2026, 3, 29, 9, 0, tzinfo=UTC),
        ),
    ],
)
def test_feedback_due_for_each_delay(when, hours, now, zone, due):
    got = feedback_due(when, hours, now, local_zone=zone)
    assert got == due and got.utcoffset() == timedelta(0)


def test_next_morning_uses_the_desks_own_zone(monkeypatch):
    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    time.tzset()
    try:
        due = feedback_due("next_morning", 24, NOON)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert due == datetime(2026, 12, 2, 13, 0, tzinfo=UTC)


def refunded(db, **contact):
    """A refunded return (one move from closed), its customer reachable as given."""
    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
                new_customer=CustomerDraft(name="Marta Sousa", **contact),
            ),
        )
    moved = move_return(
        db, return_id=ret.id, to="refunded", expected_version=ret.version, notify=False
    )
    return moved.result.ret


def close(db, ret, **options):
    options.setdefault("notify", False)
    options.setdefault("ask_feedback", True)
    return move_return(db, return_id=ret.id, to="closed", expected_version=ret.version, **options)


def requests_of(db, return_id: int) -> list[OutboxMessage]:
    return [m for m in messages_for_return_of(db, return_id) if m.event == Event.FEEDBACK]


def messages_for_return_of(db, return_id: int) -> list[OutboxMessage]:
    with db.session() as session:
        return messages_for_return(session, return_id)


def give_feedback(db, return_id: int, rating: int = 5) -> None:
    with db.session() as session:
        session.add(Feedback(return_id=return_id, rating=rating, source=FeedbackSource.COUNTER))
        session.commit()


@pytest.mark.parametrize(
    ("when", "due"),
    [
        ("now", NOON),
        ("hours", NOON + timedelta(hours=5)),
    ],
)
def test_closing_queues_the_request_due_at_the_chosen_delay(db, when, due):
    save_settings(db, {FEEDBACK_REQUEST_WHEN: when, FEEDBACK_REQUEST_HOURS: 5})
    ret = refunded(db, email="marta@example.com")
    outcome = close(db, ret, now=NOON, staff="Rita")
    assert outcome.feedback is not None and outcome.feedback_reason == ""
    [request] = requests_of(db, ret.id)
    assert request.id == outcome.feedback.id and request.next_attempt_at == due
    assert (request.state, request.channel, request.recipient) == (
        "queued",
        "email",
        "marta@example.com",
    )
    assert request.status_change_id is None and request.staff == "Rita"
    assert "1 (bad) to 5 (great)" in request.body_text and "Reply 1 to 5" in request.subject


def test_closing_next_morning_is_due_at_ten_local_time(db, monkeypatch):
    save_settings(db, {FEEDBACK_REQUEST_WHEN: "next_morning"})
    ret = refunded(db, phone="+351 912 345 678", preferred_channel="sms")
    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    time.tzset()
    try:
        outcome = close(db, ret, now=NOON)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert outcome.feedback.next_attempt_at == datetime(2026, 12, 2, 13, 0, tzinfo=UTC)
    assert outcome.feedback.channel == "sms"
    assert "Reply with 1 (bad) to 5 (great)" in outcome.feedback.body_text


def test_the_closed_message_and_the_request_are_queued_together(db):
    ret = refunded(db, email="marta@example.com")
    outcome = close(db, ret, notify=True, ask_feedback=True)
    assert outcome.message.event == Event.CLOSED and outcome.feedback.event == Event.FEEDBACK
    assert outcome.message.status_change_id == outcome.result.change.id
    assert outcome.message.channel == outcome.feedback.channel  # no clash on the unique pair
    assert len(messages_for_return_of(db, ret.id)) == 2


@pytest.mark.parametrize(
    ("contact", "words"),
    [
        (dict(email="m@example.com", preferred_channel="none"), "asked not to be sent messages"),
        (dict(email="m@example.com", preferred_channel="print"), "prefers a printed letter"),
        (dict(), "has no email address or phone number"),
    ],
)
def test_no_request_to_a_customer_who_cannot_be_contacted(db, contact, words):
    ret = refunded(db, **contact)
    outcome = close(db, ret)
    assert outcome.result.ret.status == "closed"
    assert outcome.feedback is None and words in outcome.feedback_reason
    assert messages_for_return_of(db, ret.id) == []


def test_no_request_once_feedback_was_given(db):
    ret = refunded(db, email="marta@example.com")
    give_feedback(db, ret.id)
    outcome = close(db, ret)
    assert outcome.feedback is None
    assert outcome.feedback_reason == "Feedback was already given for this return."
    assert requests_of(db, ret.id) == []


def test_the_request_is_queued_once_whatever_is_retried(db):
    ret = refunded(db, email="marta@example.com")
    first = close(db, ret)
    with pytest.raises(StaleVersion):  # the same move again (a double click, a retry)
        close(db, ret)
    with pytest.raises(IllegalTransition):  # a closed return cannot be closed again
        close(db, first.result.ret)
    assert Status.CLOSED not in TRANSITIONS[Status.CLOSED] and TRANSITIONS[Status.CLOSED] == ()
    with db.session() as session:  # asked again directly, for the same return
        detail = get_detail(session, return_id=ret.id)
        again, reason = queue_feedback_request(session, detail)
        session.commit()
    assert again is None and reason == "Feedback was already asked for this return."
    assert [m.id for m in requests_of(db, ret.id)] == [first.feedback.id]


def test_a_request_that_cannot_be_rendered_is_not_queued_and_the_return_closes(db):
    ret = refunded(db, email="marta@example.com")
    with db.session() as session:
        session.add(
            MessageTemplate(event="feedback", language="en", part="subject", body="{{ gone }}")
        )
        session.commit()
    outcome = close(db, ret, notify=True)
    assert outcome.feedback is None and outcome.template_failed
    assert "Feedback" in outcome.feedback_reason and "gone" in outcome.feedback_reason
    assert outcome.message is not None  # the "closed" message itself renders and is queued
    with db.session() as session:
        assert session.get(Return, ret.id).status == "closed"
    assert requests_of(db, ret.id) == []


def test_the_offer_says_what_closing_would_do(db):
    save_settings(db, {FEEDBACK_REQUEST_WHEN: "hours", FEEDBACK_REQUEST_HOURS: 2})
    ret = refunded(db, email="marta@example.com")
    with db.session() as session:
        detail = get_detail(session, return_id=ret.id)
        offer = feedback_offer(session, detail, now=NOON)
    assert offer == FeedbackOffer(mode="ask", due=NOON + timedelta(hours=2), channel="email")
    assert offer.possible
    save_settings(db, {NOTIFY[Event.FEEDBACK]: "off"})
    with db.session() as session:
        assert not feedback_offer(session, detail, now=NOON).possible


def test_a_request_scheduled_for_later_is_not_counted_as_waiting(db):
    save_settings(db, {FEEDBACK_REQUEST_WHEN: "hours", FEEDBACK_REQUEST_HOURS: 5})
    ret = refunded(db, email="marta@example.com")
    closed_at = utcnow()
    close(db, ret, now=closed_at)
    with db.session() as session:
        assert pending_count(session) == 0
        assert pending_count(session, now=closed_at + timedelta(hours=5)) == 1
