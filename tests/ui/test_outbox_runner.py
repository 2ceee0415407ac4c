"""Sending the outbox while the app runs: off the UI thread, once at a time, and the word on it."""

from __future__ import annotations

from datetime import date

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.secrets import set_secret
from desk.services import create_return, move_return, waiting_messages
from desk.workflow import Status
from tests.fixtures_servers import SMTP_PASSWORD, point_mail_at
from ui.outbox_runner import INTERVAL_MS, OutboxRunner, OutboxStatus


def queue_message(db) -> None:
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name="Joana Ribeiro", email="joana@example.com"),
    )
    ret = create_return(db, draft=draft, today=date(2026, 11, 30))
    move_return(db, return_id=ret.id, to=Status.APPROVED, expected_version=ret.version, notify=True)


@pytest.fixture
def smtp(db, smtp_server):
    point_mail_at(db, smtp_server.port)
    return smtp_server


def test_the_runner_sends_what_is_due_in_the_background(qtbot, db, smtp):
    set_secret("smtp", SMTP_PASSWORD)
    queue_message(db)
    runner = OutboxRunner(db)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        runner.send_now()
        assert runner.busy  # the UI thread does not wait for the server
    assert blocker.args[0].sent == 1
    assert len(smtp.received) == 1
    assert waiting_messages(db) == 0
    qtbot.waitUntil(lambda: not runner.busy, timeout=2000)


def test_asking_while_busy_runs_once_more_afterwards(qtbot, db, smtp):
    set_secret("smtp", SMTP_PASSWORD)
    runner = OutboxRunner(db)
    reports = []
    runner.finished.connect(reports.append)
    runner.send_now()
    queue_message(db)  # arrives while the first run is under way
    runner.send_now()
    runner.send_now()  # asked twice: still one more run, not two
    qtbot.waitUntil(lambda: len(reports) == 2 and not runner.busy, timeout=10_000)
    qtbot.wait(50)
    assert len(reports) == 2
    assert sum(r.sent for r in reports) == 1 and len(smtp.received) == 1


def test_start_sends_at_once_and_then_periodically(qtbot, db):
    runner = OutboxRunner(db)
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start()
    assert runner._timer.isActive() and runner._timer.interval() == INTERVAL_MS
    runner.stop()
    assert not runner._timer.isActive()


def test_status_word_counts_waiting_then_says_how_it_went(qtbot, db, smtp):
    set_secret("smtp", SMTP_PASSWORD)
    status = OutboxStatus(db)
    qtbot.addWidget(status)
    assert status.text() == "   Outbox: all sent"
    queue_message(db)
    with qtbot.waitSignal(status.changed, timeout=10_000):
        status.queued()
        assert status.text() == "   Outbox: 1 waiting"
    assert status.text() == "   Outbox: all sent · 1 sent"


def test_status_word_names_the_problem_of_the_last_run(qtbot, db):
    queue_message(db)  # no mail server set up
    status = OutboxStatus(db)
    qtbot.addWidget(status)
    with qtbot.waitSignal(status.changed, timeout=10_000):
        status.runner.send_now()
    assert status.text().startswith("   Outbox: 1 waiting · ")
    assert len(status.text()) > len("   Outbox: 1 waiting · ")


def test_without_a_keyring_it_asks_once_for_the_password_and_sends(qtbot, db, smtp):
    keyring.set_keyring(NoKeyring())  # the autouse fixture puts its own back afterwards
    queue_message(db)
    status = OutboxStatus(db)
    qtbot.addWidget(status)
    asked = []

    def answer(tries=10):
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            if tries:
                QTimer.singleShot(20, lambda: answer(tries - 1))
            return
        asked.append(dialog.windowTitle())
        dialog.setTextValue(SMTP_PASSWORD)
        dialog.accept()

    QTimer.singleShot(0, lambda: answer(250))  # up to 5 s for the run to ask
    status.runner.send_now()
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=10_000)
    assert len(asked) == 1
    assert status.runner.smtp_password == SMTP_PASSWORD
    qtbot.waitUntil(lambda: status.text() == "   Outbox: all sent · 1 sent", timeout=5000)
    QTimer.singleShot(0, answer)  # would answer a second question rather than hang
    status._ask_for_secret("smtp")  # asked already this session: no second question
    qtbot.wait(250)  # until the answering timer gave up
    assert len(asked) == 1


def test_retry_now_sends_a_message_waiting_out_its_retry_delay(qtbot, db):
    from PySide6.QtCore import Qt

    from tests.fixtures_servers import SmtpServer

    server = SmtpServer()  # down at first
    point_mail_at(db, server.port)
    queue_message(db)
    status = OutboxStatus(db)
    qtbot.addWidget(status)
    assert status.retry_button.isHidden()  # nothing has failed yet
    with qtbot.waitSignal(status.changed, timeout=10_000):
        status.runner.send_now()
    assert "Connection refused" in status.text()
    assert not status.retry_button.isHidden()
    server.start()
    try:
        with qtbot.waitSignal(status.changed, timeout=10_000):
            status.runner.send_now()  # the periodic run: still inside the retry delay
        assert server.received == [] and not status.retry_button.isHidden()
        with qtbot.waitSignal(status.changed, timeout=10_000):
            qtbot.mouseClick(status.retry_button, Qt.LeftButton)
    finally:
        server.stop()
    assert len(server.received) == 1
    assert status.text() == "   Outbox: all sent · 1 sent"
    assert status.retry_button.isHidden()


def test_the_window_shows_retry_now_beside_the_outbox_status(qtbot, db):
    from PySide6.QtWidgets import QPushButton

    from ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    button = window.statusBar().findChild(QPushButton, "outboxRetryButton")
    assert button is window.outbox_status.retry_button
    assert button.isHidden()  # nothing waits out a retry delay
