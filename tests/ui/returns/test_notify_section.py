"""The "tell the customer" part of a move: whether it is offered, to whom, and its preview."""

from __future__ import annotations

from datetime import date

import pytest

from desk.messages.events import Event
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, get_return
from desk.settings import NOTIFY, set_setting
from desk.workflow import Status
from ui.returns.notify_section import NotifySection


def detail_for(db, **customer):
    customer.setdefault("name", "Joana Ribeiro")
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(**customer),
    )
    ret = create_return(db, draft=draft, today=date(2026, 11, 30))
    return get_return(db, return_id=ret.id)


def set_mode(db, event: Event, mode: str) -> None:
    with db.session() as session:
        set_setting(session, NOTIFY[event], mode)
        session.commit()


@pytest.fixture
def section(qtbot, db):
    def make(target=Status.APPROVED, **customer):
        widget = NotifySection(db, detail_for(db, **customer), target)
        qtbot.addWidget(widget)
        return widget

    return make


def test_email_is_offered_ticked_with_its_preview(section):
    notify = section(email="joana@example.com")
    assert notify.applies and notify.channel == "email"
    assert notify.checkbox.isChecked() and notify.checkbox.isEnabled()
    assert notify.checkbox.text() == "Send this email to Joana Ribeiro <joana@example.com>"
    assert notify.wanted()
    assert notify.preview.subject
    assert "Joana" in notify.preview.text_view.toPlainText()
    assert notify.notice.isHidden()


def test_unticking_means_not_wanted_and_greys_the_preview(section):
    notify = section(email="joana@example.com")
    notify.checkbox.setChecked(False)
    assert not notify.wanted()
    assert not notify.preview.isEnabled()


def test_sms_customer_gets_an_sms_preview(section):
    notify = section(phone="+351 912 345 678", preferred_channel="sms")
    assert notify.channel == "sms"
    assert "SMS to Joana Ribeiro <+351 912 345 678>" in notify.checkbox.text()
    assert notify.preview.tabs.tabText(1) == "SMS"
    assert notify.preview.info_label.text()


def test_a_move_without_a_message_hides_the_section(section):
    notify = section(target=Status.CANCELLED, email="joana@example.com")
    assert notify.message_event is None
    assert not notify.applies and not notify.wanted()
    assert notify.isHidden()


def test_an_event_switched_off_hides_the_section(section, db):
    set_mode(db, Event.APPROVED, "off")
    notify = section(email="joana@example.com")
    assert notify.mode == "off" and not notify.applies
    assert notify.isHidden()


def test_automatic_message_cannot_be_unticked(section, db):
    set_mode(db, Event.APPROVED, "auto")
    notify = section(email="joana@example.com")
    assert notify.checkbox.isChecked() and not notify.checkbox.isEnabled()
    assert notify.checkbox.text().endswith("(always sent for this step)")
    assert notify.wanted()


@pytest.mark.parametrize(
    ("customer", "words"),
    [
        (dict(email="j@example.com", preferred_channel="none"), "asked not to be contacted"),
        (dict(email="j@example.com", preferred_channel="print"), "prefers printed information"),
        (dict(), "has no email address or phone number on file"),
    ],
)
def test_no_channel_explains_why_and_sends_nothing(section, customer, words):
    notify = section(**customer)
    assert notify.channel is None
    assert not notify.checkbox.isChecked() and not notify.checkbox.isEnabled()
    assert notify.checkbox.text() == "No message can be sent"
    assert words in notify.notice.text()
    assert not notify.notice.isHidden() and notify.preview.isHidden()
    assert not notify.wanted()


def test_staff_name_appears_after_typing_settles(section, qtbot):
    notify = section(email="joana@example.com")
    notify.set_staff("Rita Quaresma")
    assert notify._timer.isActive()  # debounced, not rendered on every key
    qtbot.waitUntil(lambda: "Rita Quaresma" in notify.preview.text_view.toPlainText(), timeout=2000)
