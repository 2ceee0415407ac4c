"""Merging two records of the same person: one is kept, the other's history moves onto it.

Staff find the same customer twice (typed at the counter, then imported from the till, or
spelled two ways). Merging moves every return and reward code of the dropped record to
the kept one, fills the kept record's empty contact fields from the dropped one (and
keeps a "do not contact" either record had), and
deletes the dropped record; the kept record's notes say what was merged, when and by
whom. One transaction: either all of it happens or nothing does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from desk import search
from desk.codes import Channel
from desk.db import Database
from desk.errors import DeskError, NotFound
from desk.i18n.catalog import _
from desk.i18n.formats import format_datetime
from desk.models import Customer, Return, RewardCode, utcnow
from desk.reports import facts as report_facts
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.guard import customer_subject, timeline_name
from desk.staff.roles import Permission

FILLED = ("email", "phone", "external_ref")
"""Fields the kept record takes from the dropped one when it has none itself."""


@dataclass(frozen=True)
class MergeResult:
    """What a merge did."""

    kept_id: int
    dropped_id: int
    dropped_name: str
    returns_moved: int
    filled: tuple[str, ...]  # the kept record's fields filled from the dropped one


def _get(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("There is no customer #{id}; refresh the list.").format(id=customer_id))
    if customer.erased_at is not None:
        raise DeskError(
            _("{name}'s data was erased; an erased record cannot be merged.").format(
                name=customer.name
            )
        )
    return customer


def merge_customers(
    db: Database, *, keep_id: int, drop_id: int, staff: str = "", actor: Actor | None = None
) -> MergeResult:
    """Merge customer `drop_id` into `keep_id` (returns, codes, missing contacts); record it
    in the kept one's notes and in the audit (by number). Needs Permission.MERGE_CUSTOMERS."""
    if keep_id == drop_id:
        raise DeskError(_("Choose two different customers to merge."))
    with db.session() as session, session.begin():
        actor = require(session, actor, Permission.MERGE_CUSTOMERS)
        kept, dropped = _get(session, keep_id), _get(session, drop_id)
        moved = _move_history(session, kept.id, dropped.id)
        filled = _fill(kept, dropped)
        _note(kept, dropped, timeline_name(actor, staff))
        subject, gone = customer_subject(kept.id), customer_subject(dropped.id)
        record(session, actor, AuditAction.CUSTOMERS_MERGED, subject, old=gone, new=subject)
        result = MergeResult(kept.id, dropped.id, dropped.name, len(moved), filled)
        session.add(kept)
        session.delete(dropped)
        session.flush()
        # the kept customer's own returns too: a filled email or phone is in their entries
        every = session.exec(select(Return.id).where(Return.customer_id == kept.id)).all()
        search.reindex(session.connection(), every)
        report_facts.refresh(session.connection(), moved)  # the dashboard's returners
    return result


def _move_history(session: Session, kept_id: int, dropped_id: int) -> list[int]:
    moved = list(session.exec(select(Return.id).where(Return.customer_id == dropped_id)))
    session.exec(
        update(Return).where(col(Return.customer_id) == dropped_id).values(customer_id=kept_id)
    )
    session.exec(
        update(RewardCode)
        .where(col(RewardCode.customer_id) == dropped_id)
        .values(customer_id=kept_id)
    )
    return moved


def _fill(kept: Customer, dropped: Customer) -> tuple[str, ...]:
    filled = []
    for field in FILLED:
        if not getattr(kept, field) and getattr(dropped, field):
            setattr(kept, field, getattr(dropped, field))
            filled.append(field)
    if dropped.customer_since and (
        not kept.customer_since or dropped.customer_since < kept.customer_since
    ):
        kept.customer_since = dropped.customer_since
        filled.append("customer_since")
    for field in ("orders_count", "lifetime_spend_cents"):  # the till's figures: the larger
        theirs = getattr(dropped, field)
        if theirs is not None and (getattr(kept, field) or 0) < theirs:
            setattr(kept, field, theirs)
            filled.append(field)
    if dropped.preferred_channel == Channel.NONE:  # asked not to be contacted: that holds
        kept.preferred_channel = Channel.NONE
        filled.append("preferred_channel")
    return tuple(filled)


def _note(kept: Customer, dropped: Customer, staff: str) -> None:
    when = format_datetime(utcnow())
    fields = {"name": dropped.name, "id": dropped.id, "when": when, "staff": staff}
    if staff:
        line = _("Merged with {name} (#{id}) on {when} by {staff}.").format(**fields)
    else:
        line = _("Merged with {name} (#{id}) on {when}.").format(**fields)
    if dropped.notes.strip():
        line += " " + _("Their notes: {notes}").format(notes=dropped.notes.strip())
    kept.notes = f"{kept.notes.rstrip()}\n{line}".strip()
