"""The "tell the customer" part of a move: whether it is offered, to whom, and its preview."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desk.messages.events import Event
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, get_return, move_return
from desk.settings import FEEDBACK_REQUEST_WHEN, NOTIFY, save_settings, set_setting
from desk.workflow import Status
from ui.returns.notify_section import NotifySection, when_words


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


# closing: the feedback request


def refunded_detail(db, **customer):
    detail = detail_for(db, **customer)
    move_return(db, return_id=detail.ret.id, to="refunded", expected_version=1, notify=False)
    return get_return(db, return_id=detail.ret.id)


@pytest.fixture
def closing(qtbot, db):
    save_settings(db, {FEEDBACK_REQUEST_WHEN: "now", NOTIFY[Event.CLOSED]: "ask"})

    def make(**customer):
        widget = NotifySection(db, refunded_detail(db, **customer), Status.CLOSED)
        qtbot.addWidget(widget)
        return widget

    return make


def test_closing_offers_the_feedback_request_with_its_own_preview(closing):
    notify = closing(email="joana@example.com")
    assert notify.applies and notify.asks_feedback
    assert notify.feedback_box.text() == "Ask for feedback (sent at once)"
    assert notify.feedback_box.isChecked() and notify.feedback_box.isEnabled()
    assert notify.wanted() and notify.feedback_wanted()
    assert [notify.previews.tabText(i) for i in range(2)] == ["Return closed", "Feedback request"]
    assert "Reply 1 to 5" in notify.feedback_preview.subject
    assert "1 (bad) to 5 (great)" in notify.feedback_preview.text_view.toPlainText()
    assert "complete" in notify.preview.subject  # the closed message stays as it was
    notify.feedback_box.setChecked(False)
    assert not notify.feedback_wanted() and notify.wanted()
    assert not notify.feedback_preview.isEnabled()


def test_other_moves_offer_no_feedback_request(section):
    notify = section(email="joana@example.com")
    assert notify.offer is None and not notify.asks_feedback and not notify.feedback_wanted()
    assert notify.feedback_box.isHidden()


def test_feedback_off_offers_only_the_closed_message(closing, db):
    set_mode(db, Event.FEEDBACK, "off")
    notify = closing(email="joana@example.com")
    assert not notify.asks_feedback and not notify.feedback_wanted()
    assert notify.feedback_box.isHidden() and notify.wanted()


def test_feedback_auto_cannot_be_unticked(closing, db):
    set_mode(db, Event.FEEDBACK, "auto")
    notify = closing(email="joana@example.com")
    assert notify.feedback_box.isChecked() and not notify.feedback_box.isEnabled()
    assert notify.feedback_box.text().endswith("(always asked when a return closes)")
    assert notify.feedback_wanted()


def test_only_the_request_when_the_closed_message_is_off(closing, db):
    set_mode(db, Event.CLOSED, "off")  # as shipped
    notify = closing(email="joana@example.com")
    assert notify.applies and not notify.message_applies
    assert notify.checkbox.isHidden() and not notify.wanted()
    assert notify.feedback_wanted()
    assert [notify.previews.tabText(i) for i in range(notify.previews.count())] == [
        "Feedback request"
    ]


def test_no_second_request_once_feedback_was_given(closing, db):
    from desk.codes import FeedbackSource
    from desk.models import Feedback

    notify_before = closing(email="joana@example.com")
    return_id = notify_before._detail.ret.id
    with db.session() as session:
        session.add(Feedback(return_id=return_id, rating=5, source=FeedbackSource.COUNTER))
        session.commit()
    notify = NotifySection(db, get_return(db, return_id=return_id), Status.CLOSED)
    assert not notify.feedback_box.isEnabled() and not notify.feedback_box.isChecked()
    assert notify.feedback_box.text() == (
        "No feedback request: Feedback was already given for this return."
    )
    assert not notify.feedback_wanted() and notify.wanted()


def test_a_customer_who_asked_not_to_be_contacted_is_not_asked(closing):
    notify = closing(email="j@example.com", preferred_channel="none")
    assert not notify.feedback_box.isEnabled() and not notify.feedback_wanted()
    assert "asked not to be sent messages" in notify.feedback_box.text()
    assert "asked not to be contacted" in notify.notice.text()


SAO_PAULO = ZoneInfo("America/Sao_Paulo")
NOW = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)  # 12:30 in São Paulo


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (NOW, "at once"),
        (NOW + timedelta(seconds=30), "at once"),
        (NOW + timedelta(hours=3), "today at 3:30\u202fPM"),
        (datetime(2026, 12, 2, 13, 0, tzinfo=UTC), "tomorrow at 10:00\u202fAM"),
        (
            datetime(2026, 12, 4, 13, 0, tzinfo=UTC),
            "on Fri, Dec 4 at 10:00\u202fAM",
        ),  # the desk's locale
    ],
)
def test_when_words(due, words):
    assert when_words(due, NOW, SAO_PAULO) == words
