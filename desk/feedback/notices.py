"""The owner's email about a low rating, sent off the caller's thread.

Why not the outbox: an outbox row belongs to a customer message of one Event, with
its templates, its notify.* setting and its place in the return's message list; an
alert to the owner is none of these, and giving it an Event would add a customer
template and a notify setting that mean nothing. So the alert is built here, in plain
words, after the feedback is saved, and sent by desk.messages.mail on a thread of its
own (not a daemon: a command-line run waits for it to finish, up to the SMTP timeout,
before the process exits). It is best effort: a failure is logged (without addresses
or comments) and not retried; the flag in the list and the detail remains.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime

from sqlmodel import Session

from desk.messages.mail import DeliveryError, SmtpConfig, new_message_id, send_email
from desk.models import Customer, Feedback, Return, utcnow
from desk.secrets import get_secret
from desk.settings import (
    FEEDBACK_NOTIFY_OWNER,
    FEEDBACK_OWNER_EMAIL,
    SHOP_EMAIL,
    SHOP_NAME,
    get_setting,
)

log = logging.getLogger(__name__)


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
    message["Subject"] = f"Low rating for return {ret.number}: {feedback.rating} of 5"
    message["From"] = shop_email or owner
    message["To"] = owner
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = new_message_id(shop_email)
    comment = feedback.comment or "(no comment)"
    message.set_content(
        f"{customer.name if customer else 'A customer'} rated return {ret.number} "
        f"{feedback.rating} of 5 ({feedback.source.value}).\n\n"
        f"Comment:\n{comment}\n\n"
        f"Open the return in Return Desk to follow it up.\n"
        f"-- {get_setting(session, SHOP_NAME)}\n",
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
