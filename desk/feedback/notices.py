"""What feedback sends: the customer's thanks with the reward code, the owner's alert.

The thanks message (Event.THANKS, templates thanks.*) goes through the outbox, queued in
the feedback's own transaction, when feedback typed by staff (phone, reply) earned a
code and notify.thanks is not off; feedback given at the counter or in the customer's
space shows its code on screen instead.

The owner's alert about a low rating does not use the outbox: an outbox row is a
message to the customer of one Event, with its templates, its notify.* setting and its
place in the return's message list; an alert to the owner is none of these, and giving
it an Event would add a customer template and a notify setting that mean nothing. So
the alert is built here, in plain words, after the feedback is saved, and sent by
desk.messages.mail on a thread of its own (not a daemon: a command-line run waits for
it, up to the SMTP timeout, before the process exits). It is best effort: a failure is
logged (without addresses or comments) and not retried; the flag in the list and the
detail remains.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

from sqlmodel import Session

from desk.codes import Event, FeedbackSource
from desk.feedback.rewards import describe_reward
from desk.i18n.catalog import N_, _
from desk.messages.context import normalise_language
from desk.messages.mail import DeliveryError, SmtpConfig, new_message_id, send_email
from desk.messages.outbox import channel_for
from desk.models import Customer, Feedback, OutboxMessage, Return, RewardCode, utcnow
from desk.returns import get_detail
from desk.secrets import get_secret
from desk.settings import (
    FEEDBACK_NOTIFY_OWNER,
    FEEDBACK_OWNER_EMAIL,
    NOTIFY,
    SHOP_EMAIL,
    SHOP_NAME,
    get_setting,
)

log = logging.getLogger(__name__)


THANKED_SOURCES = (FeedbackSource.PHONE, FeedbackSource.REPLY)
"""Feedback typed by staff, whose reward code the customer has not seen yet."""

SOURCE_WORDS: dict[FeedbackSource, str] = {
    FeedbackSource.COUNTER: N_("at the counter"),
    FeedbackSource.PORTAL: N_("in the customer space"),
    FeedbackSource.REPLY: N_("by reply"),
    FeedbackSource.PHONE: N_("by phone"),
    FeedbackSource.TABLET: N_("on the counter tablet"),
}
"""How the owner's alert says where a rating came from."""


def queue_thanks(
    session: Session, ret: Return, feedback: Feedback, reward: RewardCode, staff: str = ""
) -> OutboxMessage | None:
    """Queue the thanks message with `reward`'s code, if it is due; flushes, no commit.

    None when the feedback came from a screen the customer saw the code on, the thanks
    message is off, or the customer cannot be reached (or asked not to be).
    Raises TemplateError when the shop's thanks template fails.
    """
    from desk.messages.compose import add_composed, compose_message

    if feedback.source not in THANKED_SOURCES:
        return None
    if get_setting(session, NOTIFY[Event.THANKS]) == "off":
        return None
    detail = get_detail(session, return_id=ret.id)
    customer = detail.customer
    channel = channel_for(customer)
    if channel is None or customer.erased_at is not None:
        return None
    language = normalise_language(customer.preferred_language)
    text = describe_reward(reward, detail.currency, language)  # the return's currency
    composed = compose_message(
        session,
        detail,
        Event.THANKS,
        note="",
        staff=staff,
        channel=channel,
        language=language,
        reward={"code": reward.code, "text": text},
    )
    return add_composed(session, detail, composed, staff=staff)


@dataclass(frozen=True)
class OwnerAlert:
    """An email to the owner about one low rating, ready to send."""

    config: SmtpConfig
    message: EmailMessage


def owner_alert_for(session: Session, ret: Return, feedback: Feedback) -> OwnerAlert | None:
    """The alert for a low `feedback`, or None when the owner did not ask for one.

    None also when no owner address or mail server is set.
    """
    owner = get_setting(session, FEEDBACK_OWNER_EMAIL).strip()
    if not get_setting(session, FEEDBACK_NOTIFY_OWNER) or not owner:
        return None
    config = SmtpConfig.from_settings(session)
    if not config.host:
        return None
    customer = session.get(Customer, ret.customer_id)
    shop_email = get_setting(session, SHOP_EMAIL).strip()
    message = EmailMessage()
    message["Subject"] = _("Low rating for return {number}: {rating} of 5").format(
        number=ret.number, rating=feedback.rating
    )
    message["From"] = shop_email or owner
    message["To"] = owner
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = new_message_id(shop_email)
    body = _(
        "{customer} rated return {number} {rating} of 5 ({source}).\n\n"
        "Comment:\n{comment}\n\n"
        "Open the return in Return Desk to follow it up.\n"
        "-- {shop}\n"
    )
    message.set_content(
        body.format(
            customer=customer.name if customer else _("A customer"),
            number=ret.number,
            rating=feedback.rating,
            source=_(SOURCE_WORDS.get(feedback.source, feedback.source.value)),
            comment=feedback.comment or _("(no comment)"),
            shop=get_setting(session, SHOP_NAME),
        ),
        charset="utf-8",
        cte="quoted-printable",
    )
    return OwnerAlert(config=config, message=message)


def _send(alert: OwnerAlert, password: str | None) -> None:
    try:
        send_email(alert.config, password, alert.message)
    except DeliveryError as error:
        log.warning("The low-rating email to the owner was not sent: %s", error)
    except Exception:  # noqa: BLE001  (a thread of its own: say so in the log, never crash)
        log.exception("The low-rating email to the owner failed")


def send_owner_alert(alert: OwnerAlert) -> threading.Thread | None:
    """Start sending `alert` on a thread of its own; return the thread (None: not started).

    Not started when the mail server needs a password and the keyring holds none.
    """
    password = get_secret("smtp") if alert.config.user else None
    if alert.config.user and not password:
        log.warning("The low-rating email to the owner was not sent: no SMTP password saved")
        return None
    thread = threading.Thread(target=_send, args=(alert, password), name="owner-alert")
    thread.start()
    return thread
