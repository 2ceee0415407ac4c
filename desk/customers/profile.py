"""One customer as the shop knows them: profile, changes, export of their data, erasure."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine, case, text, update
from sqlmodel import Session, col, select

from desk import search
from desk.backup.folder import BackupKind
from desk.backup.store import backup_before
from desk.codes import Channel, OutboxState, RefundMethod
from desk.customers.habits import Habits, habits_for
from desk.db import Database
from desk.errors import DeskError, NotFound, ValidationError
from desk.labels import LANGUAGES, TIMELINES
from desk.models import Customer, OutboxMessage, Return, StatusChange, utcnow
from desk.phones import DEFAULT_COUNTRY, needs_fixing, show_phone, to_e164
from desk.policy.rules import Rules, rules_for
from desk.returns import get_detail
from desk.settings import SHOP_COUNTRY, SHOP_CURRENCY, get_setting
from desk.validation import email_error, phone_error, text_error

log = logging.getLogger(__name__)

ERASED = "[erased]"
"""What replaces a personal text (a message, a note) once its customer is erased."""

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
    "name": ("customer's name", False),
    "email": ("email address", False),
    "phone": ("phone number", False),
    "notes": ("note", True),
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
        return (
            "This phone number was kept as typed because it could not be read as a number; "
            "correct it (with its country code if it is from abroad) so texts can reach it."
        )


def _customer(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id, populate_existing=True)
    if customer is None:
        raise NotFound(f"There is no customer #{customer_id}.")
    return customer


def _return_ids(session: Session, customer_id: int) -> list[int]:
    query = select(Return.id).where(Return.customer_id == customer_id)
    return list(session.exec(query))


def profile(session: Session, customer_id: int) -> Profile:
    """Load a customer with their habits, current policy, returns and messages."""
    customer = _customer(session, customer_id)
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
            errors[key] = f"{key} cannot be changed here."
    values = {k: str(v if v is not None else "").strip() for k, v in changes.items()}
    for key, (words, multiline) in _TEXTS.items():
        column = Customer.__table__.c[key]
        if message := text_error(values.get(key, ""), words, limit=column, multiline=multiline):
            errors[key] = message
    if "name" in values and not values["name"]:
        errors["name"] = "Enter the customer's name."
    if "email" not in errors and (message := email_error(values.get("email", ""))):
        errors["email"] = message
    if "phone" not in errors:
        errors.update(_phone_errors(values, country, current))
    choices = {
        "preferred_channel": ({c.value for c in Channel}, "Choose how to reach the customer."),
        "preferred_language": (set(LANGUAGES), "Choose the customer's language."),
        "preferred_refund": ({m.value for m in RefundMethod}, "Choose a refund method."),
        "preferred_timeline": (set(TIMELINES), "Choose when the customer wants the refund."),
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
        return {"preferred_channel": f"Texts cannot reach the phone number on file: {message}"}
    return {}


def update_customer(db: Database, customer_id: int, changes: dict[str, object]) -> Customer:
    """Validate and save changes to a customer's details and their search entries: one
    transaction.

    Raises ValidationError (one message per field) and changes nothing when a value is
    not acceptable; DeskError for an erased customer.
    """
    with db.session() as session, session.begin():
        customer = _customer(session, customer_id)
        if customer.erased_at is not None:
            raise DeskError("This customer's data was erased; their details cannot be edited.")
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
        search.reindex(session.connection(), _return_ids(session, customer_id))
    return customer


def _stamp(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_customer(session: Session, customer_id: int) -> dict:
    """Everything stored about one customer, as JSON-ready data (their copy of it)."""
    customer = _customer(session, customer_id)
    returns = session.exec(
        select(Return).where(Return.customer_id == customer_id).order_by(col(Return.created_at))
    ).all()
    return {
        "exported_at": _stamp(utcnow()),
        "customer": {
            "id": customer.id,
            **{key: getattr(customer, key) for key in EDITABLE},
            "external_ref": customer.external_ref,
            "customer_since": _stamp(customer.customer_since),
            "orders_count": customer.orders_count,
            "lifetime_spend_cents": customer.lifetime_spend_cents,
            "created_at": _stamp(customer.created_at),
            "erased_at": _stamp(customer.erased_at),
        },
        "returns": [_export_return(session, ret) for ret in returns],
        "messages": [_export_message(m, returns) for m in profile(session, customer_id).messages],
    }


def _export_return(session: Session, ret: Return) -> dict:
    detail = get_detail(session, return_id=ret.id)
    lines, exchanged, changes = detail.lines, detail.exchange_lines, detail.timeline
    fields = ("number", "status", "intake", "purchase_ref", "reason", "reason_text")
    money = (
        "refund_method",
        "currency",  # what the amounts (and the lines' prices) are in
        "total_cents",
        "fee_cents",
        "bonus_cents",
        "settlement_cents",
    )
    return {
        **{key: getattr(ret, key) for key in fields + money},
        "purchase_date": _stamp(ret.purchase_date),
        "created_at": _stamp(ret.created_at),
        "updated_at": _stamp(ret.updated_at),
        "lines": [line.model_dump(exclude={"id", "return_id"}) for line in lines],
        "exchange_lines": [line.model_dump(exclude={"id", "return_id"}) for line in exchanged],
        "timeline": [
            {"at": _stamp(c.at), "from": c.from_status, "to": c.to_status, "note": c.note}
            for c in changes
        ],
    }


def _export_message(message: OutboxMessage, returns: list[Return]) -> dict:
    numbers = {ret.id: ret.number for ret in returns}
    return {
        "return": numbers.get(message.return_id),
        "event": message.event,
        "channel": message.channel,
        "language": message.language,
        "recipient": message.recipient,
        "subject": message.subject,
        "body_text": message.body_text,
        "body_html": message.body_html,
        "state": message.state,
        "created_at": _stamp(message.created_at),
        "sent_at": _stamp(message.sent_at),
    }


def save_export(db: Database, customer_id: int, path: Path | str) -> Path:
    """Write a customer's data export to `path` as JSON (UTF-8); return the path."""
    with db.session() as session:
        data = export_customer(session, customer_id)
    target = Path(path)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def erase_customer(db: Database, customer_id: int, *, staff: str) -> None:
    """Erase a customer's personal data on their request; keep returns for statistics.

    Name, contacts and notes about the person are replaced, and their messages blanked;
    messages not yet sent are stopped. The business facts stay: reasons, conditions,
    item notes and the timeline's notes, with the person's name, email and phone taken
    out of them. The erasure is recorded on the customer (when, by whom), which the
    timeline shows as an entry of its own: one transaction. On SQLite the file is then
    compacted, so the old values are gone from the disk, search index included. Erasing
    again only compacts again. A verified backup is made first (desk.backup); without
    one, nothing is erased.
    """
    backup_before(db, BackupKind.BEFORE_ERASE)
    with db.session() as session, session.begin():
        customer = _customer(session, customer_id)
        if customer.erased_at is None:
            _anonymise(session, customer, staff.strip())
    purge_deleted_data(db.engine)


def personal_words(customer: Customer) -> list[str]:
    """What identifies the person in free text: name parts, email, phone; longest first."""
    words = [part for part in customer.name.replace(",", " ").split() if len(part) > 1]
    words += [value for value in (customer.email, customer.phone) if value]
    if customer.phone:
        words.append(customer.phone.lstrip("+"))
    return sorted(set(words), key=len, reverse=True)


def scrub(text: str, words: list[str]) -> str:
    """`text` with every one of `words` (any case) replaced by ERASED."""
    if not text or not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    return pattern.sub(ERASED, text)


def _anonymise(session: Session, customer: Customer, staff: str) -> None:
    words = personal_words(customer)
    now = utcnow()
    customer.name = f"Erased customer #{customer.id}"
    customer.email = customer.phone = None
    customer.notes = customer.external_ref = ""
    customer.preferred_channel = Channel.NONE
    customer.erased_at, customer.erased_by = now, staff[:100]
    session.add(customer)
    ids = _return_ids(session, customer.id)
    if ids:
        _blank_messages(session, ids)
        _scrub_texts(session, ids, words)
    for ret in session.exec(select(Return).where(col(Return.id).in_(ids))):
        ret.updated_at = now
        ret.purchase_ref = ""  # a receipt number leads back to the person's purchase
        session.add(ret)
    session.flush()
    search.reindex(session.connection(), ids)


def _scrub_texts(session: Session, ids: list[int], words: list[str]) -> None:
    """Take the person's name and contacts out of the notes and reasons; keep the rest."""
    for row in session.exec(select(StatusChange).where(col(StatusChange.return_id).in_(ids))):
        if (cleaned := scrub(row.note, words)) != row.note:
            row.note = cleaned
            session.add(row)
    for ret in session.exec(select(Return).where(col(Return.id).in_(ids))):
        ret.reason_text = scrub(ret.reason_text, words)
        session.add(ret)


def _blank_messages(session: Session, ids: list[int]) -> None:
    def blank(column):
        return case((column == "", ""), else_=ERASED)

    m = OutboxMessage
    in_returns = col(m.return_id).in_(ids)
    session.exec(
        update(m)
        .where(in_returns)
        .values(
            recipient=ERASED,
            subject=blank(col(m.subject)),
            body_text=blank(col(m.body_text)),
            body_html=blank(col(m.body_html)),
            last_error=blank(col(m.last_error)),  # a refusal quotes the address
        )
    )
    unsent = (OutboxState.QUEUED, OutboxState.SENDING)
    session.exec(
        update(m)
        .where(in_returns, col(m.state).in_(unsent))
        .values(state=OutboxState.FAILED, last_error="Not sent: the customer was erased.")
    )


def purge_deleted_data(engine: Engine) -> bool:
    """Make SQLite forget deleted values: merge the search index, VACUUM, empty the WAL.

    Returns True when done (always for other databases, which are left alone); False
    when another connection kept the write-ahead log from being emptied.
    """
    if engine.dialect.name != "sqlite":
        return True
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO return_search(return_search) VALUES('optimize')"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM")
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()[0]
    if busy:
        log.warning("Erased data: the write-ahead log is still in use; it empties later.")
    return not busy
