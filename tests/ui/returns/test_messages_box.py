"""A return's messages: the rows staff see, and sending a failed one again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from desk.codes import OutboxState
from desk.i18n.catalog import set_language
from desk.i18n.formats import format_datetime
from desk.models import OutboxMessage
from ui.returns.messages_box import STATE_WORDS, MessagesBox, SentMessageDialog

AT = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def message(**fields) -> OutboxMessage:
    values = dict(
        id=7,
        return_id=1,
        event="approved",
        channel="email",
        language="en",
        recipient="ana@example.com",
        subject="Your return is approved",
        body_text="Hi Ana",
        body_html="<p>Hi Ana</p>",
        state=OutboxState.SENT,
        created_at=AT,
        sent_at=AT,
    )
    values.update(fields)
    return OutboxMessage(**values)


@pytest.fixture
def box(qtbot):
    widget = MessagesBox()
    qtbot.addWidget(widget)
    return widget


def cells(box, row: int) -> list[str]:
    return [box.table.item(row, c).text() for c in range(box.table.columnCount())]


def test_no_messages_says_so(box):
    box.show_messages([])
    assert box.table.isHidden() and not box.empty_label.isHidden()


def test_rows_name_the_channel_the_message_and_its_state(box):
    local = format_datetime(AT)  # in the desk's language
    box.show_messages(
        [
            message(),
            message(channel="sms", recipient="+351 912", state=OutboxState.QUEUED, attempts=2),
            message(state=OutboxState.FAILED, last_error="Mailbox full", sent_at=None),
        ]
    )
    assert not box.table.isHidden() and box.empty_label.isHidden()
    assert cells(box, 0) == [local, "Email: Your return is approved", "ana@example.com", "Sent"]
    assert cells(box, 1)[1:] == ["SMS: Return approved", "+351 912", "Queued (try 3)"]
    assert cells(box, 2)[3] == "Failed" and box.table.item(2, 3).toolTip() == "Mailbox full"


def test_a_failed_message_can_be_sent_again(qtbot, box):
    box.show_messages([message(state=OutboxState.FAILED, last_error="Mailbox full")])
    box.open_message(0)
    dialog = box.findChild(SentMessageDialog)
    again = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Send again")
    with qtbot.waitSignal(box.retry_requested) as asked:
        again.click()
    assert asked.args == [7]
    assert not dialog.isVisible()


def test_a_sent_message_only_closes(qtbot):
    dialog = SentMessageDialog(message())
    qtbot.addWidget(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert [buttons.standardButton(b) for b in buttons.buttons()] == [QDialogButtonBox.Close]
    assert dialog.preview.subject == "Your return is approved"


def test_a_cancelled_request_says_why_it_was_not_sent(qtbot, box):
    cancelled = message(
        event="feedback", subject="How did we do?", state=OutboxState.CANCELLED,
        last_error="Not sent: feedback already given.", sent_at=None,
    )  # fmt: skip
    box.show_messages([cancelled])
    assert cells(box, 0)[3] == "Not sent: feedback already given"
    assert box.table.item(0, 3).foreground().color().name() == "#6b7280"
    assert "Not sent" in STATE_WORDS[OutboxState.CANCELLED][0]  # the customer profile's word
    dialog = SentMessageDialog(cancelled)
    qtbot.addWidget(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert [b.text() for b in buttons.buttons()] != [] and not any(
        b.text() == "Send again" for b in buttons.buttons()
    )


def test_a_request_due_later_says_when(box):
    due = datetime(2099, 12, 2, 13, 0, tzinfo=UTC)
    box.show_messages(
        [message(state=OutboxState.QUEUED, sent_at=None, next_attempt_at=due, attempts=0)]
    )
    assert cells(box, 0)[3] == f"Queued for {format_datetime(due)}"


def test_a_message_of_unknown_fate_says_check_first(box):
    from desk.messages.claims import INTERRUPTED

    box.show_messages([message(state=OutboxState.FAILED, last_error=INTERRUPTED, sent_at=None)])
    assert cells(box, 0)[3] == "Unknown: check first"
    assert box.table.item(0, 3).toolTip() == INTERRUPTED


def test_the_messages_speak_portuguese(qtbot):
    set_language("pt_BR")
    box = MessagesBox()
    qtbot.addWidget(box)
    box.show_messages([message(), message(state=OutboxState.QUEUED, attempts=1)])
    headers = [box.table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Quando", "Mensagem", "Para", "Situação"]
    assert cells(box, 0)[0] == "30/11/2026 " + AT.astimezone().strftime("%H:%M")
    assert cells(box, 0)[1:] == ["E-mail: Your return is approved", "ana@example.com", "Enviada"]
    assert cells(box, 1)[3] == "Na fila (tentativa 2)"
    assert box.title() == "Mensagens ao cliente"
