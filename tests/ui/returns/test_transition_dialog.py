"""Telling the customer from the transition dialog: exact preview, outbox, real SMTP."""

import email
import email.policy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlmodel import select

from desk.codes import Channel, Event, Status
from desk.models import OutboxMessage, Return
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.secrets import set_secret
from desk.services import get_return, move_return
from desk.settings import (
    NOTIFY,
    SHOP_EMAIL,
    SHOP_NAME,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    set_settings,
)
from desk.settings import SMTP_USER as SMTP_USER_SETTING
from tests.fixtures_servers import SMTP_PASSWORD, SMTP_USER
from ui.main_window import MainWindow
from ui.returns.transition_dialog import TransitionDialog


def add_return(db, name, email_address="", phone=""):
    with db.session() as session:
        return save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
                new_customer=CustomerDraft(name=name, email=email_address, phone=phone),
            ),
        )


@pytest.fixture
def mail_ready(db, smtp_server):
    with db.session() as session:
        set_settings(
            session,
            {
                SHOP_NAME: "Loja Boa Vista",
                SHOP_EMAIL: "shop@example.com",
                SMTP_HOST: "127.0.0.1",
                SMTP_PORT: smtp_server.port,
                SMTP_SECURITY: "none",
                SMTP_USER_SETTING: SMTP_USER,
            },
        )
        session.commit()
    set_secret("smtp", SMTP_PASSWORD)
    return smtp_server


def open_move(qtbot, win, target):
    qtbot.waitUntil(win.settled, timeout=5000)  # the list reads in the background
    qtbot.mouseClick(win.detail.move_buttons[target], Qt.LeftButton)
    return win.active_dialog


def test_preview_is_what_is_sent(qtbot, db, mail_ready):
    ret = add_return(db, "Joana Ribeiro", "joana@example.com")
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.REFUNDED)
    notify = dialog.notify
    assert notify.isVisibleTo(dialog)
    assert notify.checkbox.isChecked()
    assert "joana@example.com" in notify.checkbox.text()
    qtbot.keyClicks(dialog.staff_edit, "Rita")
    qtbot.waitUntil(lambda: "Rita" in notify.preview.text_view.toPlainText(), timeout=3000)
    subject = notify.preview.subject
    assert subject in notify.preview.subject_label.text()
    assert "Inbox preview" in notify.preview.subject_label.text()
    shown_text = notify.preview.text_view.toPlainText()
    assert ret.number in subject
    assert "Joana" in notify.preview.html_view.toPlainText()
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(mail_ready.received) == 1, timeout=10000)
    with db.session() as session:
        stored = session.exec(select(OutboxMessage)).one()
    sent = email.message_from_bytes(mail_ready.received[0].content, policy=email.policy.default)
    assert sent["Subject"] == subject == stored.subject
    sent_text = sent.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert sent_text.rstrip("\n") == shown_text.rstrip("\n") == stored.body_text.rstrip("\n")
    qtbot.waitUntil(lambda: "Sent" in messages_shown(win), timeout=5000)


def messages_shown(win) -> str:
    table = win.detail.messages_box.table
    return " ".join(
        table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
    )


def test_unticked_sends_nothing(qtbot, db, mail_ready):
    add_return(db, "Joana Ribeiro", "joana@example.com")
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.REFUNDED)
    dialog.notify.checkbox.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: win.detail.status_label.text() == "Refunded")
    with db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []
    assert "No message sent yet" in win.detail.messages_box.empty_label.text()


def test_no_contact_suggests_printing(qtbot, db):
    add_return(db, "Walk-in Customer")
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.REFUNDED)
    assert not dialog.notify.checkbox.isEnabled()
    assert "Print the return instructions" in dialog.notify.notice.text()
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: win.detail.status_label.text() == "Refunded")
    with db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []


@pytest.mark.parametrize(
    ("name", "counted"),
    [
        # letters, digits and "€" are GSM-7, the euro sign from its extension table (2 septets)
        ("Tiago Sá", "106 characters (counted as 107) · GSM-7 · 1 SMS"),
        # "Ł" is not in GSM-7: the whole text goes as UCS-2, 70 per SMS, 67 per part when split
        ("Łukasz Sá", "107 characters · UCS-2 · 2 SMS messages"),
    ],
)
def test_sms_preview_counts_segments(qtbot, db, name, counted):
    with db.session() as session:
        save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
                new_customer=CustomerDraft(
                    name=name, phone="+55 11 91234-5678", preferred_channel="sms"
                ),
            ),
        )
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.REFUNDED)
    preview = dialog.notify.preview
    assert "SMS" in dialog.notify.checkbox.text()
    text = preview.text_view.toPlainText()
    assert f"Hi {name.split()[0]}," in text and "€" in text
    assert preview.info_label.text() == counted


def test_without_keyring_the_password_is_asked_once_and_the_mail_goes(
    qtbot, db, mail_ready, monkeypatch, memory_keyring
):
    from desk import secrets
    from ui import prompts

    memory_keyring.secrets.clear()  # nothing stored...
    monkeypatch.setattr(secrets, "keyring_available", lambda: False)  # ...and no keyring
    asked = []
    monkeypatch.setattr(
        prompts, "ask_secret", lambda parent, title, label: asked.append(title) or SMTP_PASSWORD
    )
    add_return(db, "Joana Ribeiro", "joana@example.com")
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.REFUNDED)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(mail_ready.received) == 1, timeout=10000)
    assert asked == ["SMTP password"]
    qtbot.waitUntil(lambda: "all sent" in win.outbox_status.text(), timeout=5000)


def test_failed_message_can_be_sent_again_from_the_detail(qtbot, db, mail_ready):
    from sqlalchemy import update as sql_update

    from desk.models import OutboxMessage as Row

    add_return(db, "Joana Ribeiro", "joana@example.com")
    win = MainWindow(db)
    qtbot.addWidget(win)
    mail_ready.stop()  # the server is down: the first try fails
    dialog = open_move(qtbot, win, Status.REFUNDED)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "waiting" in win.outbox_status.text(), timeout=10000)
    qtbot.waitUntil(lambda: not win.outbox.busy, timeout=10000)
    with db.session() as session:  # give up on it, as after the last attempt
        session.exec(sql_update(Row).values(state="failed", last_error="refused"))
        session.commit()
        message_id = session.exec(select(Row.id)).one()
    mail_ready.start()
    win.detail.messages_box.retry_requested.emit(message_id)
    qtbot.waitUntil(lambda: len(mail_ready.received) == 1, timeout=10000)
    qtbot.waitUntil(lambda: "Sent" in messages_shown(win), timeout=5000)


def store_template(db, event, part, body):
    """A stored wording that no longer renders (saving refuses it now)."""
    from desk.models import MessageTemplate

    with db.session() as session:
        session.add(MessageTemplate(event=event, language="en", part=part, body=body))
        session.commit()


NESTED = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"


@pytest.mark.parametrize(
    ("part", "body", "said"),
    [("subject", "{{ gone }}", "gone"), ("text", NESTED, "more than 100,000 times")],
)
def test_a_message_that_cannot_be_rendered_lets_staff_move_without_it(qtbot, db, part, body, said):
    ret = add_return(db, "Joana Ribeiro", "joana@example.com")
    store_template(db, "refunded", part, body)
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.REFUNDED)
    notify = dialog.notify
    assert "cannot be shown" in notify.preview.subject_label.text()
    assert not notify.checkbox.isChecked() and not notify.checkbox.isEnabled()
    assert notify.checkbox.text() == "This message cannot be sent: its template needs fixing"
    assert notify.notice.isVisibleTo(dialog) and said in notify.notice.text()
    assert "move the return without it, or cancel" in notify.notice.text()
    assert dialog.ok_button.text() == "Move to Refunded without the message"
    qtbot.keyClicks(dialog.note_edit, "Paid back in cash")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert not dialog.isVisible()
    assert dialog.outcome.message is None
    qtbot.waitUntil(win.settled, timeout=5000)  # the detail is read again in the background
    assert win.detail.status_label.text() == "Refunded"
    assert f"{ret.number} is now Refunded." in win.statusBar().currentMessage()
    assert "its template needs fixing" not in win.statusBar().currentMessage()  # not asked
    with db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_a_message_that_cannot_be_rendered_can_be_cancelled(qtbot, db):
    add_return(db, "Joana Ribeiro", "joana@example.com")
    store_template(db, "refunded", "html", "{{ '%0300000000d'|format(1) }}")
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.REFUNDED)
    assert "format width 300,000,000" in dialog.notify.notice.text()
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible()
    assert win.detail.status_label.text() == "Received"
    with db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_closing_asks_for_feedback_exactly_as_previewed(qtbot, db, mail_ready):
    from desk.services import move_return as move
    from desk.settings import FEEDBACK_REQUEST_WHEN, save_settings

    save_settings(db, {FEEDBACK_REQUEST_WHEN: "now"})
    ret = add_return(db, "Joana Ribeiro", "joana@example.com")
    move(db, return_id=ret.id, to="refunded", expected_version=ret.version, notify=False)
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.CLOSED)
    notify = dialog.notify
    assert notify.isVisibleTo(dialog) and notify.checkbox.isHidden()  # "closed" is off
    assert notify.feedback_box.text() == "Ask for feedback (sent at once)"
    qtbot.keyClicks(dialog.staff_edit, "Rita")
    preview = notify.feedback_preview
    qtbot.waitUntil(lambda: "Rita" in preview.text_view.toPlainText(), timeout=3000)
    shown_subject, shown_text = preview.subject, preview.text_view.toPlainText()
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(mail_ready.received) == 1, timeout=10000)
    with db.session() as session:
        stored = session.exec(select(OutboxMessage)).one()
    assert stored.event == "feedback" and stored.status_change_id is None
    sent = email.message_from_bytes(mail_ready.received[0].content, policy=email.policy.default)
    assert sent["Subject"] == shown_subject == stored.subject
    sent_text = sent.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert sent_text.rstrip("\n") == shown_text.rstrip("\n") == stored.body_text.rstrip("\n")


def test_closing_with_the_request_unticked_asks_nothing(qtbot, db, mail_ready):
    from desk.services import move_return as move

    ret = add_return(db, "Joana Ribeiro", "joana@example.com")
    move(db, return_id=ret.id, to="refunded", expected_version=ret.version, notify=False)
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.CLOSED)
    assert dialog.notify.feedback_box.isChecked()
    dialog.notify.feedback_box.setChecked(False)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: win.model.row_of(ret.id) is None)  # closed: out of the Open list
    with db.session() as session:
        assert session.get(Return, ret.id).status == "closed"
        assert session.exec(select(OutboxMessage)).all() == []


def test_an_automatic_message_that_fails_moves_and_says_it_was_not_queued(qtbot, db):
    from desk.codes import Event
    from desk.settings import NOTIFY, save_settings

    ret = add_return(db, "Joana Ribeiro", "joana@example.com")
    save_settings(db, {NOTIFY[Event.REFUNDED]: "auto"})
    store_template(db, "refunded", "sms", "{% for i in range(10**12) %}{% endfor %}")
    store_template(db, "refunded", "text", "{% for i in range(10**12) %}{% endfor %}")
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.REFUNDED)
    assert dialog.ok_button.text() == "Move to Refunded without the message"
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.outcome.template_failed and dialog.outcome.message is None
    said = win.statusBar().currentMessage()
    assert said.startswith(f"{ret.number} is now Refunded.")
    assert "No message queued: its template needs fixing" in said
    with db.session() as session:
        assert session.exec(select(OutboxMessage)).all() == []


def test_a_feedback_request_that_fails_lets_staff_close_without_it(qtbot, db):
    from desk.services import move_return as move

    ret = add_return(db, "Joana Ribeiro", "joana@example.com")
    move(db, return_id=ret.id, to="refunded", expected_version=ret.version, notify=False)
    store_template(db, "feedback", "html", "{{ 'x'|center(10**9) }}")
    win = MainWindow(db)
    qtbot.addWidget(win)
    dialog = open_move(qtbot, win, Status.CLOSED)
    notify = dialog.notify
    assert not notify.feedback_box.isChecked() and not notify.feedback_box.isEnabled()
    assert notify.feedback_box.text() == "The request cannot be sent: its template needs fixing"
    assert "width 1,000,000,000" in notify.notice.text()
    assert dialog.ok_button.text() == "Move to Closed without the feedback request"
    qtbot.keyClicks(dialog.staff_edit, "Rita")  # typing does not bring the failed one back
    qtbot.wait(400)
    assert not notify.feedback_box.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: win.model.row_of(ret.id) is None)  # closed: out of the Open list
    with db.session() as session:
        assert session.get(Return, ret.id).status == "closed"
        assert session.exec(select(OutboxMessage)).all() == []


# the preview is exactly what gets queued, for every event, channel and language

NOTE = "Belt shows wear marks"
DIALOG_EVENTS = {  # event -> (the status the return is in, the move that sends the event)
    Event.RECEIVED: (Status.REQUESTED, Status.RECEIVED),
    Event.INSPECTING: (Status.RECEIVED, Status.INSPECTING),
    Event.APPROVED: (Status.RECEIVED, Status.APPROVED),
    Event.REFUNDED: (Status.RECEIVED, Status.REFUNDED),
    Event.EXCHANGED: (Status.RECEIVED, Status.EXCHANGED),
    Event.CREDITED: (Status.RECEIVED, Status.CREDITED),
    Event.REJECTED: (Status.RECEIVED, Status.REJECTED),
    Event.CLOSED: (Status.REFUNDED, Status.CLOSED),  # and the feedback request beside it
}
"""Every event a move in the transition dialog sends; acknowledged (a new return) and
thanks (typed feedback) have no dialog and are compared in tests/desk/messages/test_compose.py."""


def test_the_dialog_covers_every_event_a_move_sends():
    from desk.messages.events import EVENT_FOR_STATUS, FOLLOW_UP_FOR_STATUS

    moved = {event for status, event in EVENT_FOR_STATUS.items() if status != Status.REQUESTED}
    assert set(DIALOG_EVENTS) == moved
    elsewhere = {Event.ACKNOWLEDGED, Event.THANKS}
    assert {*DIALOG_EVENTS, *FOLLOW_UP_FOR_STATUS.values(), *elsewhere} == set(Event)


def return_in(db, status, channel, language):
    """A return in `status` for a customer reached by `channel`, speaking `language`."""
    with db.session() as session:
        set_settings(session, {NOTIFY[event]: "ask" for event in Event})
        session.commit()
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                status=Status.REQUESTED if status == Status.REQUESTED else Status.RECEIVED,
                lines=[LineDraft(sku="BELT-3", description="Leather belt", unit_price_cents=4989)],
                new_customer=CustomerDraft(
                    name="Joana Ribeiro",
                    email="joana@example.com",
                    phone="+351 912 345 678",
                    preferred_channel=channel,
                    preferred_language=language,
                ),
            ),
        )
    if status == Status.REFUNDED:
        move_return(db, return_id=ret.id, to=status, expected_version=ret.version, notify=False)
    return get_return(db, return_id=ret.id)


def previewed(preview, channel) -> dict[str, str]:
    """What `preview` shows, part by part, as stored in the outbox."""
    # the text view shows the text given (a no-break space as a plain one)
    assert preview.text_view.toPlainText() == preview.text.replace("\xa0", " ")
    if channel == Channel.SMS:
        return {"body_text": preview.text}
    assert preview.subject_label.isVisibleTo(preview) and preview.html
    return {"subject": preview.subject, "body_text": preview.text, "body_html": preview.html}


def queued(row) -> dict[str, str]:
    if row.channel == Channel.SMS:
        return {"body_text": row.body_text}
    return {"subject": row.subject, "body_text": row.body_text, "body_html": row.body_html}


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("channel", [Channel.EMAIL, Channel.SMS])
@pytest.mark.parametrize("event", list(DIALOG_EVENTS), ids=str)
def test_what_is_previewed_when_confirming_is_what_is_queued(qtbot, db, event, channel, language):
    source, target = DIALOG_EVENTS[event]
    detail = return_in(db, source, channel, language)
    dialog = TransitionDialog(db, detail, target)
    qtbot.addWidget(dialog)
    notify = dialog.notify
    assert notify.checkbox.isChecked() and notify.channel == channel
    qtbot.keyClicks(dialog.note_edit, NOTE)
    qtbot.keyClicks(dialog.staff_edit, "Rita")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)  # at once: no pause for the preview
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    with db.session() as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    message = next(row for row in rows if row.event == event)
    assert (message.channel, message.language, message.staff) == (channel, language, "Rita")
    assert previewed(notify.preview, channel) == queued(message)
    assert notify.shown.recipient == message.recipient
    if channel == Channel.EMAIL:  # every email is signed by the staff member
        assert "Rita" in notify.preview.text
    if target == Status.CLOSED:
        request = next(row for row in rows if row.event == Event.FEEDBACK)
        assert previewed(notify.feedback_preview, channel) == queued(request)
    assert len(rows) == (2 if target == Status.CLOSED else 1)


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_the_rejection_preview_shows_the_reason_as_it_is_typed(qtbot, db, language):
    """The issue's case: the email's reason is in the preview as soon as typing pauses."""
    detail = return_in(db, Status.RECEIVED, Channel.EMAIL, language)
    dialog = TransitionDialog(db, detail, Status.REJECTED)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.notify.preview
    qtbot.keyClicks(dialog.note_edit, NOTE)
    qtbot.waitUntil(lambda: NOTE in preview.text_view.toPlainText(), timeout=3000)
    assert NOTE in preview.html_view.toPlainText() and NOTE in preview.html
    if language == "en":
        assert f"The reason: {NOTE}" in preview.text
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    with db.session() as session:
        message = session.exec(select(OutboxMessage)).one()
    assert NOTE in message.body_text
    assert previewed(preview, Channel.EMAIL) == queued(message)


@pytest.mark.parametrize("event", list(DIALOG_EVENTS), ids=str)
def test_switching_channel_and_language_before_confirming_queues_what_is_shown(qtbot, db, event):
    source, target = DIALOG_EVENTS[event]
    detail = return_in(db, source, Channel.EMAIL, "en")
    dialog = TransitionDialog(db, detail, target)
    qtbot.addWidget(dialog)
    dialog.show()
    notify = dialog.notify
    assert notify.channel_combo.isVisibleTo(dialog) and notify.language_combo.isVisibleTo(dialog)
    assert notify.language_combo.currentText() == "English  (as the customer prefers)"
    qtbot.keyClicks(dialog.staff_edit, "Rita")
    qtbot.keyClicks(dialog.note_edit, NOTE)
    notify.channel_combo.setFocus()
    qtbot.keyClick(notify.channel_combo, Qt.Key_Down)  # email -> SMS, by keyboard
    assert notify.channel == Channel.SMS and notify.preview.subject == ""
    assert "Send this SMS to Joana Ribeiro <+351 912 345 678>" in notify.checkbox.text()
    notify.language_combo.setFocus()
    qtbot.keyClick(notify.language_combo, Qt.Key_Down)  # English -> Português
    assert notify.language == "pt_BR" and "Joana" in notify.preview.text
    assert notify.shown.language == "pt_BR"
    assert notify.preview.toolTip() == "In Português (Brasil)"
    qtbot.keyClick(notify.channel_combo, Qt.Key_Up)  # and back to email, in Portuguese
    assert notify.channel == Channel.EMAIL and notify.preview.subject
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    with db.session() as session:
        rows = session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    message = next(row for row in rows if row.event == event)
    assert (message.channel, message.language, message.recipient) == (
        Channel.EMAIL,
        "pt_BR",
        "joana@example.com",
    )
    assert previewed(notify.preview, Channel.EMAIL) == queued(message)
    if target == Status.CLOSED:  # the feedback request goes the same way
        request = next(row for row in rows if row.event == Event.FEEDBACK)
        assert (request.channel, request.language) == (Channel.EMAIL, "pt_BR")
        assert previewed(notify.feedback_preview, Channel.EMAIL) == queued(request)


def test_one_contact_offers_no_channel_choice(qtbot, db):
    with db.session() as session:
        save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
                new_customer=CustomerDraft(name="Ana Lima", email="ana@example.com"),
            ),
        )
        ret = session.exec(select(Return)).one()
    dialog = TransitionDialog(db, get_return(db, return_id=ret.id), Status.REFUNDED)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.notify.channel_combo.isVisibleTo(dialog)
    assert dialog.notify.language_combo.isVisibleTo(dialog)
