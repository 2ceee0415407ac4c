"""The one way a message about a return is made, for the preview and for the outbox alike.

`compose_message` takes every input the customer's message depends on (the event, the
note and staff name of the step, the channel, the language, a reward code) and returns
the message exactly as the outbox stores and sends it: channel, recipient, subject and
the bodies after their final clean-up. The transition dialog's preview, `returndesk
preview`, the move that queues the message, the feedback request and the thanks message
all call it, so what staff read is what the customer gets, byte for byte; `add_composed`
is the one place such a message becomes an outbox row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from desk.codes import Channel, Event, OutboxState
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.messages.context import normalise_language
from desk.messages.mail import new_message_id
from desk.models import Customer, OutboxMessage, utcnow
from desk.returns import ReturnDetail
from desk.settings import SHOP_EMAIL, get_setting

if TYPE_CHECKING:  # Jinja loads only when a message is rendered
    from desk.messages.templating import RenderedMessage

SENDING_CHANNELS = (Channel.EMAIL, Channel.SMS)
"""The channels a message can leave by (print and none send nothing)."""


@dataclass(frozen=True)
class ComposedMessage:
    """A message as it will leave: by which channel, to whom, and the stored parts.

    For an email `body_text` and `body_html` are the two MIME parts; for an SMS
    `body_text` is the text message and `body_html` is empty. `rendered` keeps every part
    of the template as rendered (the template editor shows them all).
    """

    rendered: RenderedMessage
    channel: Channel
    recipient: str
    subject: str
    body_text: str
    body_html: str

    @property
    def event(self) -> Event:
        """The event the message tells about."""
        return Event(self.rendered.event)

    @property
    def language(self) -> str:
        """The language the message is written in."""
        return self.rendered.language


def customer_channel(customer: Customer) -> Channel | None:
    """The channel to reach `customer` by, or None (print a letter instead).

    Their preferred one when its contact is known, else the other one that is.
    """
    contacts = {Channel.EMAIL: bool(customer.email), Channel.SMS: bool(customer.phone)}
    preferred = customer.preferred_channel
    if preferred in (Channel.PRINT, Channel.NONE):
        return None
    if contacts.get(preferred):
        return preferred
    other = Channel.SMS if preferred == Channel.EMAIL else Channel.EMAIL
    return other if contacts[other] else None


def recipient_for(customer: Customer, channel: Channel) -> str:
    """The address `channel` reaches `customer` at: their email, or their phone for SMS."""
    return ((customer.email if channel == Channel.EMAIL else customer.phone) or "").strip()


def compose_message(
    session: Session,
    detail: ReturnDetail,
    event: Event | str,
    *,
    note: str | None = None,
    staff: str = "",
    channel: Channel | str | None = None,
    language: str | None = None,
    reward: dict[str, str] | None = None,
    overrides: dict[str, str] | None = None,
) -> ComposedMessage | None:
    """The message `event` sends about `detail`, exactly as it is queued and sent.

    `note` is the note of the step being made (stripped as the timeline stores it); None
    takes it from the timeline's last move to the event's status. `staff` is stripped the
    same way. `channel` None is the customer's (`customer_channel`), `language` None the
    customer's preferred one. `reward` fills the thanks message; `overrides` maps a part
    to unsaved template source (the editor). Returns None when the customer cannot be
    reached or asked for no messages, whatever `channel` says; raises DeskError for a
    channel the customer has no contact for, and TemplateError when a template fails.
    """
    from desk.messages.templating import render_message

    customer = detail.customer
    reachable = customer_channel(customer)
    if reachable is None:  # no contact, or they asked for print or nothing: never sent
        return None
    channel = Channel(channel or reachable)
    if channel not in SENDING_CHANNELS:
        raise DeskError(
            _("Messages are sent by email or SMS, not by “{channel}”.").format(
                channel=channel.value
            )
        )
    recipient = recipient_for(customer, channel)
    if not recipient:
        if channel == Channel.EMAIL:
            text = _(
                "{name} has no email address, so nothing can be sent by email: "
                "send it by SMS, or add the email address to their details."
            )
        else:
            text = _(
                "{name} has no phone number, so nothing can be sent by SMS: "
                "send it by email, or add the phone number to their details."
            )
        raise DeskError(text.format(name=customer.name))
    rendered = render_message(
        session,
        detail,
        event,
        language=normalise_language(language or customer.preferred_language),
        staff=staff.strip(),
        note=None if note is None else note.strip(),
        reward=reward,
        overrides=overrides,
    )
    email = channel == Channel.EMAIL
    return ComposedMessage(
        rendered=rendered,
        channel=channel,
        recipient=recipient,
        subject=rendered.subject,
        body_text=rendered.text if email else rendered.sms,
        body_html=rendered.html if email else "",
    )


def add_composed(
    session: Session,
    detail: ReturnDetail,
    composed: ComposedMessage,
    *,
    change_id: int | None = None,
    staff: str = "",
    due: datetime | None = None,
) -> OutboxMessage:
    """Add (flush) `composed` to the outbox for `detail`'s return, exactly as composed.

    The one place a message becomes an outbox row (desk.messages.compose made its
    channel, recipient and parts); due at `due` (now by default).
    """
    message = OutboxMessage(
        return_id=detail.ret.id,
        status_change_id=change_id,
        event=composed.event,
        channel=composed.channel,
        language=composed.language,
        recipient=composed.recipient,
        subject=composed.subject,
        body_text=composed.body_text,
        body_html=composed.body_html,
        message_id=new_message_id(get_setting(session, SHOP_EMAIL)),
        state=OutboxState.QUEUED,
        next_attempt_at=due or utcnow(),
        staff=staff.strip(),
    )
    session.add(message)
    session.flush()
    return message
