"""The outbox's sending run: what is due, in order, how long to wait, and what is said."""

from __future__ import annotations

import email
import email.policy
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from desk.codes import FeedbackSource, OutboxState
from desk.db import open_database
from desk.messages.claims import (
    CONNECTING,
    HANDED_OVER,
    INTERRUPTED,
    LEASE,
    Owner,
    claim_note,
    recover_interrupted,
    this_process,
)
from desk.messages.mail import UNKNOWN
from desk.messages.sender import (
    BACKOFF_MINUTES,
    FEEDBACK_GIVEN,
    NO_CONTACT,
    Backlog,
    backoff,
    outbox_backlog,
    send_due,
)
from desk.models import Customer, Feedback, OutboxMessage, utcnow
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.secrets import set_secret
from desk.services import create_return, move_return
from desk.settings import (
    FEEDBACK_REQUEST_HOURS,
    FEEDBACK_REQUEST_WHEN,
    SMTP_TIMEOUT,
    save_settings,
)
from desk.workflow import Status
from tests.fixtures_servers import SMTP_PASSWORD, SmtpServer, point_mail_at

REPO = Path(__file__).resolve().parents[3]
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


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
    point_mail_at(db, server.port)


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


# faults: real servers that are slow, silent, late or gone


def mail_with_timeout(db, server, seconds: int = 1) -> None:
    mail_ready(db, server)
    save_settings(db, {SMTP_TIMEOUT: seconds})


def attempts_of(db, message_id: int) -> int:
    with db.session() as session:
        return session.get(OutboxMessage, message_id).attempts


def test_a_slow_server_within_the_timeout_still_gets_each_message_once(db):
    server = SmtpServer(data_delay=0.3)
    server.start()
    try:
        mail_with_timeout(db, server, 10)
        messages = [queue(db, name) for name in ("Ana", "Rui")]
        report = send_due(db)
    finally:
        server.stop()
    assert (report.sent, report.failed, report.unknown) == (2, 0, 0)
    assert {state_of(db, m.id) for m in messages} == {OutboxState.SENT}
    assert len(server.received) == 2


def test_a_late_250_after_data_is_unknown_never_resent_and_never_duplicated(db):
    server = SmtpServer(data_delay=2.5)  # keeps the message, says 250 after the client left
    server.start()
    try:
        mail_with_timeout(db, server, 1)
        messages = [queue(db, name) for name in ("Ana", "Rui", "Bea")]
        first = send_due(db)
        later = utcnow()
        runs = [first]
        while any(state_of(db, m.id) == OutboxState.QUEUED for m in messages):
            later += timedelta(days=1)  # far past any backoff
            runs.append(send_due(db, now=later, force=True))
            assert len(runs) <= len(messages)
        final = send_due(db, now=later + timedelta(days=30), force=True)
    finally:
        server.stop()
    assert (first.sent, first.failed, first.unknown, first.skipped) == (0, 1, 1, 2)
    [line] = first.not_sent_lines()
    assert line.startswith("Email not sent (2 waiting): Unknown, check before resending")
    assert "timed out" in line
    ids = [e.content.split(b"Message-ID: ")[1].split(b"\r\n")[0] for e in server.received]
    assert len(ids) == len(set(ids)) == len(messages)  # each delivered once, none twice
    assert final.messages == [] and final.sent == 0
    with db.session() as session:
        for message in messages:
            stored = session.get(OutboxMessage, message.id)
            assert stored.state == OutboxState.FAILED and stored.attempts == 1
            assert stored.last_error.startswith(UNKNOWN)


def test_a_greeting_that_never_comes_stops_the_run_after_one_message(db, silent_server):
    mail_with_timeout(db, silent_server, 1)
    first, second, third = queue(db, "Ana"), queue(db, "Rui"), queue(db, "Bea")
    report = send_due(db)
    assert (report.sent, report.failed, report.skipped, report.unknown) == (0, 1, 2, 0)
    with db.session() as session:
        stored = session.get(OutboxMessage, first.id)
    assert stored.state == OutboxState.QUEUED and stored.attempts == 1  # nothing was sent
    assert stored.last_error.startswith("Timed out: the mail server 127.0.0.1:")
    assert "closed the connection" not in stored.last_error
    assert (attempts_of(db, second.id), attempts_of(db, third.id)) == (0, 0)
    assert len(silent_server.accepted) == 1  # one connection tried, not one per message
    assert report.not_sent_lines() == [f"Email not sent (3 waiting): {stored.last_error}"]


def test_a_refused_connection_stops_the_run_after_one_message(db):
    server = SmtpServer()  # never started: its port refuses connections
    mail_ready(db, server)
    first, second = queue(db, "Ana"), queue(db, "Rui")
    report = send_due(db)
    assert (report.failed, report.skipped) == (1, 1)
    assert "Connection refused" in report.blocked["email"]
    assert (attempts_of(db, first.id), attempts_of(db, second.id)) == (1, 0)
    assert state_of(db, second.id) == OutboxState.QUEUED


def test_a_failed_login_stops_the_run_and_keeps_the_password_out(db, smtp_server):
    mail_ready(db, smtp_server)
    set_secret("smtp", "not-the-password")
    first, second = queue(db, "Ana"), queue(db, "Rui")
    report = send_due(db)
    assert (report.failed, report.skipped) == (1, 1)
    assert report.blocked["email"].startswith("Authentication failed")
    assert "not-the-password" not in report.blocked["email"]
    assert (attempts_of(db, first.id), attempts_of(db, second.id)) == (1, 0)
    assert smtp_server.received == []


def test_force_sends_a_backed_off_message_but_not_one_scheduled_for_later(db):
    server = SmtpServer()
    mail_ready(db, server)
    message = queue(db, "Ana")
    assert send_due(db).failed == 1  # server down: backed off for a minute
    request = closed_with_request(db, "Rui", hours=3)  # due in three hours, never tried
    server.start()
    try:
        assert send_due(db).messages == []  # still waiting out the backoff
        report = send_due(db, force=True)
    finally:
        server.stop()
    assert report.sent == 1 and [m.id for m in report.messages] == [message.id]
    assert state_of(db, message.id) == OutboxState.SENT
    assert state_of(db, request.id) == OutboxState.QUEUED
    assert [e.rcpt_tos for e in server.received] == [["ana@example.com"]]


def test_backlog_counts_waiting_backed_off_and_unknown(db):
    server = SmtpServer()
    mail_ready(db, server)
    backed_off, waiting = queue(db, "Ana"), queue(db, "Rui")
    send_due(db, limit=1)
    with db.session() as session:
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == waiting.id)
            .values(state=OutboxState.FAILED, last_error=INTERRUPTED)
        )
        session.commit()
    assert attempts_of(db, backed_off.id) == 1
    assert outbox_backlog(db) == Backlog(waiting=1, backed_off=1, unknown=1)
    assert outbox_backlog(db, now=utcnow() + timedelta(hours=1)).backed_off == 0


# a run that died: claims name their process


def dead_process() -> Owner:
    """This machine's identity with the pid of a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    me = this_process()
    return Owner(host=me.host, boot=me.boot, pid=child.pid, start="1")


def claimed(db, message_id: int, note: str, *, ago: timedelta = timedelta(seconds=5)) -> None:
    with db.session() as session:
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(state="sending", attempts=1, next_attempt_at=utcnow() - ago, last_error=note)
        )
        session.commit()


def test_a_dead_run_is_recovered_at_once_by_what_it_reached(db, smtp_server):
    mail_ready(db, smtp_server)
    connecting, handed_over = queue(db, "Ana"), queue(db, "Rui")
    dead = dead_process()
    claimed(db, connecting.id, claim_note(dead, CONNECTING))
    claimed(db, handed_over.id, claim_note(dead, HANDED_OVER))
    report = send_due(db)
    assert (report.recovered, report.unknown, report.sent) == (2, 1, 1)
    assert [e.rcpt_tos for e in smtp_server.received] == [["ana@example.com"]]
    with db.session() as session:
        again = session.get(OutboxMessage, connecting.id)
        unknown = session.get(OutboxMessage, handed_over.id)
    assert again.state == OutboxState.SENT and again.attempts == 2
    assert unknown.state == OutboxState.FAILED and unknown.last_error == INTERRUPTED
    assert send_due(db, now=utcnow() + timedelta(days=3), force=True).sent == 0


def test_a_live_or_foreign_claim_waits_for_the_lease(db, smtp_server):
    mail_ready(db, smtp_server)
    mine, foreign = queue(db, "Ana"), queue(db, "Rui")
    elsewhere = Owner(host="another-desk", boot="-", pid=1, start="-")
    claimed(db, mine.id, claim_note(this_process(), CONNECTING))
    claimed(db, foreign.id, claim_note(elsewhere, CONNECTING))
    report = send_due(db)
    assert (report.recovered, report.sent) == (0, 0)
    assert {state_of(db, mine.id), state_of(db, foreign.id)} == {OutboxState.SENDING}
    with db.session() as session:
        assert recover_interrupted(session, now=utcnow() + LEASE + timedelta(minutes=1)) == 2
    assert {state_of(db, mine.id), state_of(db, foreign.id)} == {OutboxState.FAILED}
    assert smtp_server.received == []


def run_send(cli_db, *, password: str = SMTP_PASSWORD, wait: bool = True, **popen):
    command = [sys.executable, "main.py", *cli_db.args(), "outbox", "send"]
    process = subprocess.Popen(
        [*command, "--password-stdin"],
        cwd=REPO,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **NO_KEYRING, **cli_db.env()},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        **popen,
    )
    process.stdin.write(password + "\n")
    process.stdin.flush()
    if wait:
        out, err = process.communicate(timeout=60)
        return process.returncode, out + err
    return process


def test_kill_9_during_a_send_run_sends_nothing_twice_and_leaves_nothing_sending(db, cli_db):
    server = SmtpServer(data_delay=60, stall_from=1)  # takes #1, keeps #2 without a 250
    server.start()
    try:
        mail_with_timeout(db, server, 30)
        messages = [queue(db, f"C{i}") for i in range(5)]
        db.close()
        process = run_send(cli_db, wait=False)
        deadline = time.monotonic() + 60
        while len(server.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)  # mid-run, waiting for the 250 of message 2
        process.communicate(timeout=30)
        assert len(server.received) == 2
        server.data_delay = 0  # the server answers again
        code, output = run_send(cli_db)
    finally:
        server.stop()
    assert code == 1, output  # one message failed: its fate is unknown
    assert "1 message of unknown fate" in output
    ids = [e.content.split(b"Message-ID: ")[1].split(b"\r\n")[0] for e in server.received]
    assert len(ids) == len(set(ids)) == len(messages)  # none delivered twice
    again = open_database(cli_db.url)
    try:
        with again.session() as session:
            states = [session.get(OutboxMessage, m.id).state for m in messages]
            unknown = [session.get(OutboxMessage, m.id).last_error for m in messages]
    finally:
        again.close()
    assert OutboxState.SENDING not in states
    assert states.count(OutboxState.SENT) == 4 and states.count(OutboxState.FAILED) == 1
    assert [e for e in unknown if e] == [INTERRUPTED]
