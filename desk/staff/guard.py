"""What guarded services share: the name a timeline records, how the audit names a customer.

A service that writes a staff name into the timeline (a merge note, an erasure, a code
redeemed) keeps the name typed for it, except when the person signed in with their PIN:
then the desk knows who they are, and their account's name is recorded instead.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session

from desk.staff.actor import Actor
from desk.staff.codes import ActingAs
from desk.staff.tables import StaffAccount


def timeline_name(actor: Actor, typed: str = "") -> str:
    """The staff name to record: the signed-in person's, else what was typed (trimmed)."""
    return actor.name if actor.acting_as is ActingAs.PIN else typed.strip()


def customer_subject(customer_id: int) -> str:
    """How the audit names a customer: by number only, never by name or contact."""
    return f"customer {customer_id}"


def known_here(session: Session, actor: Actor) -> Actor:
    """`actor` without the account numbers this database does not hold (a restored copy
    may predate an account); the names stay."""

    def known(person: Actor) -> Actor:
        if person.account_id is None or session.get(StaffAccount, person.account_id):
            return person
        return replace(person, account_id=None)

    approver = actor.approved_by
    return replace(known(actor), approved_by=known(approver) if approver else None)
