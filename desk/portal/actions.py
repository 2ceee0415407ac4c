"""What a customer may change through their personal link: feedback and how to be told.

Each call first checks that the token opens a return (None when it does not: the page
then answers 404), then does the one thing the customer asked, through the same
services the desk uses (desk.feedback.record, desk.customers.profile), so the desk sees
it at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.codes import Channel, FeedbackSource
from desk.customers.profile import update_customer
from desk.db import Database
from desk.feedback.record import FeedbackResult, current_feedback, record_feedback
from desk.feedback.rewards import describe_reward
from desk.messages.context import normalise_language
from desk.models import Customer, Return
from desk.portal.links import return_for_token

CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.NONE)
"""The ways to be told a customer can choose in the customer space."""


@dataclass(frozen=True)
class Owner:
    """The return a link opens and its customer (for the pages that change something)."""

    return_id: int
    customer: Customer
    current_rating: int | None


def owner_of(db: Database, *, token: str) -> Owner | None:
    """The return and customer `token` opens, or None."""
    with db.session() as session:
        return_id = return_for_token(session, token)
        if return_id is None:
            return None
        customer = session.get(Customer, session.get(Return, return_id).customer_id)
    current = current_feedback(db, return_id=return_id)
    return Owner(return_id, customer, current.rating if current else None)


def give_feedback(
    db: Database, *, token: str, rating: object, comment: str
) -> tuple[FeedbackResult, str] | None:
    """Record the customer's rating from the customer space; with the reward's words."""
    owner = owner_of(db, token=token)
    if owner is None:
        return None
    typed = str(rating).strip()
    result = record_feedback(
        db,
        return_id=owner.return_id,
        rating=int(typed) if typed.isdigit() else typed,
        comment=comment,
        source=FeedbackSource.PORTAL,
    )
    words = ""
    if result.reward is not None:
        with db.session() as session:  # the reward is in the currency of its return
            currency = session.get(Return, owner.return_id).currency
        language = normalise_language(owner.customer.preferred_language)  # the page's
        words = describe_reward(result.reward, currency, language)
    return result, words


def set_preferences(db: Database, *, token: str, channel: str, language: str) -> Customer | None:
    """Save how the customer wants to be told (channel, language); ValidationError if bad."""
    owner = owner_of(db, token=token)
    if owner is None:
        return None
    changes = {"preferred_channel": channel, "preferred_language": language}
    return update_customer(db, owner.customer.id, changes)


def unsubscribe(db: Database, *, token: str) -> bool:
    """Stop all messages to the customer of `token` (one click, RFC 8058); False if none."""
    owner = owner_of(db, token=token)
    if owner is None:
        return False
    update_customer(db, owner.customer.id, {"preferred_channel": Channel.NONE.value})
    return True
