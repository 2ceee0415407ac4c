"""The status bar: message, undo, count and outbox each in a place of their own."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QStatusBar

from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, move_return
from desk.workflow import Status
from ui.main_window import MainWindow


def queue_messages(db) -> None:
    """One email and one text message waiting, neither channel set up."""
    for name, contact in (
        ("Joana Ribeiro", {"email": "joana.ribeiro.long.address@example.com.br"}),
        ("Rui Costa", {"phone": "+351912345678", "preferred_channel": "sms"}),
    ):
        draft = ReturnDraft(
            reason="defective",
            lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
            new_customer=CustomerDraft(name=name, **contact),
        )
        ret = create_return(db, draft=draft, today=date(2026, 11, 30))
        move_return(db, return_id=ret.id, to=Status.APPROVED, expected_version=1, notify=True)


@pytest.fixture
def window(qtbot, db):
    queue_messages(db)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitUntil(lambda: win.count_label.text() == "2 returns", timeout=5000)
    return win


def test_a_long_message_never_covers_the_count_or_the_outbox(qtbot, window):
    bar = window.status_bar
    long = "R-2026-00042 is now Approved. Message to " + "someone" * 30 + "@example.com.br queued."
    window.statusBar().showMessage(long, 6000)
    qtbot.wait(10)
    message, count = bar.message_label.geometry(), bar.count_label.geometry()
    assert bar.currentMessage() == long and bar.message_label.toolTip() == long
    assert message.right() < count.left()  # side by side, never over each other
    assert count.width() >= bar.count_label.sizeHint().width()  # "2 returns" whole
    outbox = window.outbox_status.geometry()
    assert count.right() < outbox.left()
    assert outbox.width() >= window.outbox_status.sizeHint().width()


def test_the_outbox_notice_names_every_channel_not_set_up(qtbot, window):
    notice = window.status_bar.outbox_notice
    window.outbox.send_now()
    qtbot.waitUntil(notice.isVisible, timeout=10_000)
    assert "Email is not set up" in notice.text()
    assert "Text messages are not set up" in notice.text()
    assert "SMTP server" in notice.toolTip() and "SMS provider" in notice.toolTip()
    assert window.status_bar.outbox_word() == "Outbox: 2 waiting"  # the problems once only


def test_a_menu_tip_does_not_wipe_the_last_message(qtbot, window):
    bar = window.status_bar
    bar.say("R-2026-00001 logged.", 5000)
    QStatusBar.showMessage(bar, "Reload the list from the database")  # what Qt does on hover
    assert bar.currentMessage() == "Reload the list from the database"
    QStatusBar.clearMessage(bar)
    assert bar.currentMessage() == "R-2026-00001 logged."
    bar.clearMessage()  # as the window's callers do
    assert bar.currentMessage() == ""


def test_undo_is_offered_for_a_while(qtbot, window):
    bar = window.status_bar
    bar.offer_undo("Undo move to Closed")
    assert bar.undo_button.isVisible() and bar.undo_button.text() == "Undo move to Closed"
    with qtbot.waitSignal(bar.undo_requested):
        bar.undo_button.click()
    bar.hide_undo()
    assert bar.undo_button.isHidden()


def test_everything_at_once_still_fits_a_1024_wide_window(qtbot, window):
    bar = window.status_bar

    class Report:
        problems = [
            "Email is not set up: enter the SMTP server and the shop's email address in "
            "Settings. Messages stay queued.",
            "Text messages are not set up: enter the SMS provider in Settings. Messages stay "
            "queued.",
        ]

    bar.show_outbox_problems(Report())
    bar.offer_undo("Undo move to Store credit issued")
    bar.say("R-2026-00042 is now Store credit issued. Message to someone@example.com.br queued.")
    assert bar.minimumSizeHint().width() <= 1024  # the bar never widens a small screen
    assert bar.undo_button.isVisible() and bar.outbox_notice.isVisible()
