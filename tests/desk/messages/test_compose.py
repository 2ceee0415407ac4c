"""compose_message: the one message for preview and outbox, whatever the path that queues it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from desk.codes import Channel, Event, Status
from desk.errors import DeskError
from desk.feedback.record import record_feedback
from desk.feedback.rewards import describe_reward
from desk.messages.compose import (
    add_composed,
    compose_message,
    customer_channel,
    recipient_for,
)
from desk.messages.outbox import queue_for_change
from desk.models import Customer, MessageTemplate, OutboxMessage, StatusChange
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.services import move_return
from desk.settings import SHOP_CURRENCY, get_setting
from tests.desk.feedback.test_record import reward_on

NOTE = "Belt shows wear marks"


def new_return(session, channel="email", language="en", status=Status.RECEIVED):
    ret = save_return(
        session=session,
        draft=ReturnDraft(
            reason="defective",
            status=status,
            lines=[LineDraft(sku="BELT-3", description="Leather belt", unit_price_cents=4989)],
            new_customer=CustomerDraft(
                name="Joana Ribeiro",
                email="joana@example.com",
                phone="+351912345678",
                preferred_channel=channel,
                preferred_language=language,
            ),
        ),
    )
    return get_detail(session, return_id=ret.id)


def parts(row_or_composed) -> tuple:
    item = row_or_composed
    return (
        item.channel,
        item.language,
        item.recipient,
        item.subject,
        item.body_text,
        item.body_html,
    )


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("channel", ["email", "sms"])
def test_the_acknowledgement_queued_for_a_new_return_is_the_one_composed(db, channel, language):
    with db.session() as session:
        detail = new_return(session, channel, language, status=Status.REQUESTED)
        composed = compose_message(session, detail, Event.ACKNOWLEDGED, note="", staff="Rita")
        change = session.exec(select(StatusChange)).one()
        row = queue_for_change(session, detail, change, staff="Rita")
        session.commit()
        assert row.event == Event.ACKNOWLEDGED
        assert parts(row) == parts(composed)


@pytest.mark.parametrize("language", ["en", "pt_BR"])
@pytest.mark.parametrize("channel", ["email", "sms"])
def test_the_thanks_queued_with_a_reward_is_the_one_composed(db, channel, language):
    reward_on(db)
    with db.session() as session:
        return_id = new_return(session, channel, language).ret.id
        session.commit()
    result = record_feedback(db, return_id=return_id, rating=5, source="phone", staff="Bia")
    with db.session() as session:
        detail = get_detail(session, return_id=return_id)
        currency = get_setting(session, SHOP_CURRENCY)
        reward = {
            "code": result.reward.code,
            "text": describe_reward(result.reward, currency, language),
        }
        composed = compose_message(session, detail, Event.THANKS, staff="Bia", reward=reward)
    assert parts(result.thanks) == parts(composed)
    assert result.reward.code in composed.body_text


def test_the_move_queues_the_composed_message_with_its_note(db):
    with db.session() as session:
        detail = new_return(session)
        session.commit()
    with db.session() as session:
        before = compose_message(
            session, detail, Event.REJECTED, note=f"  {NOTE}\n", staff=" Rita "
        )
    outcome = move_return(
        db,
        return_id=detail.ret.id,
        to="rejected",
        expected_version=detail.ret.version,
        staff="Rita",
        note=NOTE,
        notify=True,
    )
    assert f"The reason: {NOTE}\n" in before.body_text  # stripped as the timeline keeps it
    assert parts(outcome.message) == parts(before)
    with db.session() as session:  # later, without a note: the timeline's
        later = compose_message(session, get_detail(session, return_id=detail.ret.id), "rejected")
    assert "Rita" in before.body_text and "Rita" not in later.body_text  # no staff given...
    assert f"The reason: {NOTE}\n" in later.body_text  # ...but the move's note


def test_channel_and_language_are_inputs_like_the_note(db):
    with db.session() as session:
        detail = new_return(session, "email", "en")
        email = compose_message(session, detail, "approved")
        sms = compose_message(session, detail, "approved", channel="sms", language="pt_BR")
        assert (email.channel, email.recipient, email.language) == (
            "email",
            "joana@example.com",
            "en",
        )
        assert (sms.channel, sms.recipient, sms.language) == ("sms", "+351912345678", "pt_BR")
        assert sms.body_text == sms.rendered.sms and sms.body_html == ""
        assert email.body_text == email.rendered.text and email.body_html == email.rendered.html
        with pytest.raises(DeskError, match="by email or SMS"):
            compose_message(session, detail, "approved", channel="print")


def test_who_can_be_reached_by_what():
    def c(channel, email="", phone=""):
        return Customer(name="Ana", email=email, phone=phone, preferred_channel=channel)

    assert customer_channel(c("sms", "a@b.co", "+351 912")) == "sms"
    assert customer_channel(c("sms", "a@b.co")) == "email"
    assert customer_channel(c("print", "a@b.co")) is None
    assert recipient_for(c("email", " a@b.co "), Channel.EMAIL) == "a@b.co"
    assert recipient_for(c("email", "a@b.co"), Channel.SMS) == ""


def test_nobody_to_reach_composes_nothing(db):
    with db.session() as session:
        detail = new_return(session, "none")
        assert compose_message(session, detail, "approved") is None


def test_a_template_saved_with_windows_line_ends_is_previewed_as_it_is_stored(db):
    with db.session() as session:
        session.add(
            MessageTemplate(
                event="approved",
                language="en",
                part="text",
                body="Hi {{ customer.first_name }}\r\n\r\nOK\r\n",
            )
        )
        detail = new_return(session)
        composed = compose_message(session, detail, "approved")
        row = add_composed(session, detail, composed)
        session.commit()
        stored = session.get(OutboxMessage, row.id)
        assert composed.body_text == stored.body_text == "Hi Joana\n\nOK\n"
