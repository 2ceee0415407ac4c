"""One customer as the shop knows them: their profile, and changes to it with validation.

Exporting and erasing their data (their rights under data protection law) is in
desk.customers.privacy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlmodel import Session, col, select

from desk import search
from desk.codes import Channel, RefundMethod
from desk.customers.habits import Habits, habits_for
from desk.db import Database
from desk.errors import DeskError, NotFound, ValidationError
from desk.i18n.catalog import N_, _
from desk.labels import LANGUAGES, TIMELINES
from desk.models import Customer, OutboxMessage, Return
from desk.phones import DEFAULT_COUNTRY, needs_fixing, show_phone, to_e164
from desk.policy.rules import Rules, rules_for
from desk.settings import SHOP_COUNTRY, SHOP_CURRENCY, get_setting
from desk.validation import email_error, phone_error, text_error

log = logging.getLogger(__name__)

EDITABLE = (
    "name",
    "email",
    "phone",
    "preferred_channel",
    "preferred_language",
    "preferred_refund",
    "preferred_timeline",
    "notes",
)
"""The customer fields staff may change; the rest comes from the shop's own system."""

_TEXTS = {  # field: words, may hold line breaks (lengths come from the Customer columns)
    "name": (N_("customer's name"), False),
    "email": (N_("email address"), False),
    "phone": (N_("phone number"), False),
    "notes": (N_("note"), True),
}


class ReturnRow(NamedTuple):
    """One of a customer's returns, as the profile lists it."""

    number: str
    created_at: datetime
    status: str
    total_cents: int
    return_id: int
    currency: str = "EUR"  # the return's own, which its total is in


@dataclass(frozen=True)
class Profile:
    """Everything the profile window shows about one customer."""

    customer: Customer
    habits: Habits
    rules: Rules  # the policy for the customer's segment, now
    returns: list[ReturnRow]  # newest first
    messages: list[OutboxMessage]  # across their returns, newest first
    currency: str = "EUR"  # the shop's now (the spend the shop's system reports is in it)
    country: str = DEFAULT_COUNTRY  # the shop's, to show phones in

    @property
    def erased(self) -> bool:
        """True once the customer's personal data has been erased."""
        return self.customer.erased_at is not None

    @property
    def phone_warning(self) -> str:
        """Why the stored phone needs fixing ("" when it is fine or empty)."""
        if not needs_fixing(self.customer.phone):
            return ""
        return _(
            "This phone number was kept as typed because it could not be read as a number; "
            "correct it (with its country code if it is from abroad) so texts can reach it."
        )


def get_customer(session: Session, customer_id: int) -> Customer:
    """The customer `customer_id`, read afresh; NotFound when there is none."""
    customer = session.get(Customer, customer_id, populate_existing=True)
    if customer is None:
        raise NotFound(_("There is no customer #{id}.").format(id=customer_id))
    return customer


def return_ids_of(session: Session, customer_id: int) -> list[int]:
    """The ids of every return the customer `customer_id` logged."""
    query = select(Return.id).where(Return.customer_id == customer_id)
    return list(session.exec(query))


def profile(session: Session, customer_id: int) -> Profile:
    """Load a customer with their habits, current policy, returns and messages."""
    customer = get_customer(session, customer_id)
    habits = habits_for(session, customer_id)
    rows = session.exec(
        select(
            Return.number,
            Return.created_at,
            Return.status,
            Return.total_cents,
            Return.id,
            Return.currency,
        )
        .where(Return.customer_id == customer_id)
        .order_by(col(Return.created_at).desc(), col(Return.id).desc())
    ).all()
    messages = session.exec(
        select(OutboxMessage)
        .join(Return, col(Return.id) == col(OutboxMessage.return_id))
        .where(Return.customer_id == customer_id)
        .order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id).desc())
        .execution_options(populate_existing=True)
    ).all()
    return Profile(
        customer=customer,
        habits=habits,
        rules=rules_for(session, habits.segment),
        returns=[ReturnRow(*row) for row in rows],
        messages=list(messages),
        currency=get_setting(session, SHOP_CURRENCY),
        country=get_setting(session, SHOP_COUNTRY),
    )


def load_profile(db: Database, customer_id: int) -> Profile:
    """Read one customer's profile (see `profile`) in a session of its own."""
    with db.session() as session:
        return profile(session, customer_id)


def validate_changes(
    changes: dict[str, object],
    *,
    country: str = DEFAULT_COUNTRY,
    current: Customer | None = None,
) -> dict[str, str]:
    """Return the problems with `changes` to a customer (`current`, if known), by field.

    A phone is read with the shop's `country`; when the customer is (or becomes) reached
    by SMS, a changed phone, or the channel changed to SMS, must be a mobile number.
    """
    errors: dict[str, str] = {}
    for key in changes:
        if key not in EDITABLE:
            errors[key] = _("{field} cannot be changed here.").format(field=key)
    values = {k: str(v if v is not None else "").strip() for k, v in changes.items()}
    for key, (words, multiline) in _TEXTS.items():
        column = Customer.__table__.c[key]
        if message := text_error(values.get(key, ""), _(words), limit=column, multiline=multiline):
            errors[key] = message
    if "name" in values and not values["name"]:
        errors["name"] = _("Enter the customer's name.")
    if "email" not in errors and (message := email_error(values.get("email", ""))):
        errors["email"] = message
    if "phone" not in errors:
        errors.update(_phone_errors(values, country, current))
    choices = {
        "preferred_channel": ({c.value for c in Channel}, _("Choose how to reach the customer.")),
        "preferred_language": (set(LANGUAGES), _("Choose the customer's language.")),
        "preferred_refund": ({m.value for m in RefundMethod}, _("Choose a refund method.")),
        "preferred_timeline": (set(TIMELINES), _("Choose when the customer wants the refund.")),
    }
    for key, (allowed, message) in choices.items():
        if key in values and values[key] not in allowed:
            errors[key] = message
    return errors


def _phone_errors(values: dict[str, str], country: str, current: Customer | None) -> dict[str, str]:
    """A typed phone that is not a number, or not a mobile for a customer reached by SMS.

    A phone left as it is stored (or as it is shown) and a channel left as it is are not
    checked again, so an old number kept as typed does not stop other changes.
    """
    stored = current.phone if current is not None else None
    channel = values.get("preferred_channel", current.preferred_channel if current else "")
    sms = channel == Channel.SMS.value
    phone = values.get("phone")
    if phone is not None and stored and phone in (stored, show_phone(stored, country)):
        phone = None  # unchanged
    channel_changed = current is None or channel != current.preferred_channel
    if phone is not None:
        if message := phone_error(phone, country, sms=sms):
            return {"phone": message}
    elif sms and channel_changed and stored and (message := phone_error(stored, country, sms=True)):
        return {
            "preferred_channel": _("Texts cannot reach the phone number on file: {problem}").format(
                problem=message
            )
        }
    return {}


def update_customer(db: Database, customer_id: int, changes: dict[str, object]) -> Customer:
    """Validate and save changes to a customer's details and their search entries: one
    transaction.

    Raises ValidationError (one message per field) and changes nothing when a value is
    not acceptable; DeskError for an erased customer.
    """
    with db.session() as session, session.begin():
        customer = get_customer(session, customer_id)
        if customer.erased_at is not None:
            raise DeskError(_("This customer's data was erased; their details cannot be edited."))
        country = get_setting(session, SHOP_COUNTRY)
        if errors := validate_changes(changes, country=country, current=customer):
            raise ValidationError(errors)
        for key, value in changes.items():
            value = str(value if value is not None else "").strip()
            if key in ("email", "phone"):
                value = value or None
            if key == "phone" and value and value != customer.phone:
                value = to_e164(value, country) or customer.phone  # unchanged, as it is shown
            setattr(customer, key, value)
        session.add(customer)
        session.flush()
        search.reindex(session.connection(), return_ids_of(session, customer_id))
    return customer
