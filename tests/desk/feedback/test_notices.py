"""What feedback sends: the thanks with the code (outbox), the owner's low-rating email."""

from __future__ import annotations

from desk.codes import Event, FeedbackSource
from desk.feedback.notices import owner_alert_for, send_owner_alert
from desk.feedback.record import record_feedback
from desk.i18n.catalog import set_language
from desk.messages.outbox import messages_for_return
from desk.messages.templating import render_message
from desk.models import Customer, Feedback, OutboxMessage, Return
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, get_detail, save_return
from desk.secrets import set_secret
from desk.settings import (
    FEEDBACK_NOTIFY_OWNER,
    FEEDBACK_OWNER_EMAIL,
    NOTIFY,
    SHOP_CURRENCY,
    SMTP_HOST,
)
from tests.desk.feedback.test_record import add_return, count, reward_on, settings
from tests.desk.messages.test_outbox import configure
from tests.fixtures_servers import SMTP_PASSWORD


def alert(db, return_id: int):
    with db.session() as session:
        ret = session.get(Return, return_id)
        feedback = Feedback(
            return_id=return_id, rating=1, comment="Nobody answered", source=FeedbackSource.PHONE
        )
        return owner_alert_for(session, ret, feedback)


def test_no_alert_unless_the_owner_asked_and_mail_is_set_up(db, smtp_server):
    return_id, _ = add_return(db)
    configure(db, smtp_server.port)
    assert alert(db, return_id) is None  # notify_owner off
    settings(db, {FEEDBACK_NOTIFY_OWNER: True})
    assert alert(db, return_id) is None  # no owner address
    settings(db, {FEEDBACK_OWNER_EMAIL: "owner@example.com", SMTP_HOST: ""})
    assert alert(db, return_id) is None  # no mail server
    settings(db, {SMTP_HOST: "127.0.0.1"})
    assert alert(db, return_id) is not None


def test_the_alert_says_who_rated_what_and_is_sent(db, smtp_server):
    return_id, _ = add_return(db)
    configure(db, smtp_server.port)
    settings(db, {FEEDBACK_NOTIFY_OWNER: True, FEEDBACK_OWNER_EMAIL: "owner@example.com"})
    built = alert(db, return_id)
    message = built.message
    assert message["To"] == "owner@example.com" and message["From"] == "loja@example.com"
    assert (
        message["Subject"].startswith("Low rating for return R-") and "1 of 5" in message["Subject"]
    )
    body = message.get_content()
    assert "Ana Souza rated return" in body and "Nobody answered" in body and "(by phone)" in body
    assert send_owner_alert(built) is None  # the server needs a password the keyring lacks
    set_secret("smtp", SMTP_PASSWORD)
    thread = send_owner_alert(built)
    thread.join(timeout=20)
    assert not thread.is_alive()
    (envelope,) = smtp_server.received
    assert envelope.rcpt_tos == ["owner@example.com"]


def test_phone_feedback_that_earned_a_code_queues_the_thanks_with_it(db):
    reward_on(db)
    return_id, _ = add_return(db)
    result = record_feedback(db, return_id=return_id, rating=5, source="phone", staff="Bia")
    message = result.thanks
    assert message is not None and message.event is Event.THANKS
    assert (message.channel, message.recipient, message.state) == ("email", "a@ex.com", "queued")
    assert result.reward.code in message.body_text and result.reward.code in message.body_html
    assert "10% off your next purchase over €20.00, until" in message.body_text
    assert "Bia at" in message.body_text
    with db.session() as session:
        assert [m.id for m in messages_for_return(session, return_id)] == [message.id]


def test_the_alert_is_in_the_desks_language(db, smtp_server):
    return_id, _ = add_return(db)
    configure(db, smtp_server.port)
    settings(db, {FEEDBACK_NOTIFY_OWNER: True, FEEDBACK_OWNER_EMAIL: "owner@example.com"})
    set_language("pt_BR")
    message = alert(db, return_id).message
    assert message["Subject"].startswith("Nota baixa na devolução R-")
    assert message["Subject"].endswith(": 1 de 5")
    body = message.get_content()
    assert "Ana Souza deu nota 1 de 5 à devolução R-" in body and "(por telefone)" in body
    assert "Comentário:\nNobody answered" in body


def test_the_thanks_is_in_the_customers_language_and_by_sms_when_preferred(db):
    reward_on(db)
    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="CAF-01", unit_price_cents=8990)],
                new_customer=CustomerDraft(
                    name="José Ñandú",
                    phone="+5511999990000",
                    preferred_channel="sms",
                    preferred_language="pt_BR",
                ),
            ),
        )
    settings(db, {SHOP_CURRENCY: "BRL"})
    result = record_feedback(db, return_id=ret.id, rating=4, source="reply")
    message = result.thanks
    assert (message.channel, message.language, message.recipient) == (
        "sms",
        "pt_BR",
        "+5511999990000",
    )
    assert f"Seu código {result.reward.code}: 10% de desconto" in message.body_text


def test_no_thanks_when_seen_on_screen_turned_off_or_unreachable(db):
    reward_on(db, every_days=1)
    counter, _ = add_return(db)
    result = record_feedback(db, return_id=counter, rating=5, source="counter")
    assert result.reward is not None and result.thanks is None  # the code was on the screen
    settings(db, {NOTIFY[Event.THANKS]: "off"})
    off, _ = add_return(db, name="Caio Lima")
    result = record_feedback(db, return_id=off, rating=5, source="phone")
    assert result.reward is not None and result.thanks is None
    settings(db, {NOTIFY[Event.THANKS]: "auto"})
    quiet, customer_id = add_return(db, name="Dora Reis")
    with db.session() as session:
        customer = session.get(Customer, customer_id)
        customer.preferred_channel = "none"
        session.add(customer)
        session.commit()
    result = record_feedback(db, return_id=quiet, rating=5, source="phone")
    assert result.reward is not None and result.thanks is None
    assert count(db, OutboxMessage) == 0


def test_templates_see_no_reward_outside_the_thanks(db):
    return_id, _ = add_return(db)
    with db.session() as session:
        detail = get_detail(session, return_id=return_id)
        plain = render_message(session, detail, Event.THANKS)
        given = render_message(
            session, detail, Event.THANKS, reward={"code": "K7QX-M4RT-9HWZ-M", "text": "A gift"}
        )
    assert "K7QX" not in plain.text and "K7QX-M4RT-9HWZ-M" in given.text
    assert "A gift." in given.text
