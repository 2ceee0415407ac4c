"""A customer's rights over their data: an export of all of it, and erasure on request.

Erasing removes personal data only (names, contacts, free text about the person) and keeps
the business facts (reasons, conditions, amounts, the report facts); it is recorded as its
own kind of timeline entry, and a verified backup is made first.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, case, text, update
from sqlmodel import Session, col, select

from desk import search
from desk.backup.folder import BackupKind
from desk.backup.store import backup_before
from desk.codes import Channel, OutboxState
from desk.customers.profile import EDITABLE, get_customer, profile, return_ids_of
from desk.customers.tombstones import bury
from desk.db import Database
from desk.i18n.catalog import _
from desk.models import Customer, OutboxMessage, Return, StatusChange, utcnow
from desk.returns import get_detail
from desk.staff.actor import Actor, require
from desk.staff.audit import record
from desk.staff.codes import AuditAction
from desk.staff.guard import customer_subject, timeline_name
from desk.staff.roles import Permission

log = logging.getLogger(__name__)

ERASED = "[erased]"
"""What replaces a personal text (a message, a note) once its customer is erased."""


def _stamp(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_customer(session: Session, customer_id: int) -> dict:
    """Everything stored about one customer, as JSON-ready data (their copy of it)."""
    customer = get_customer(session, customer_id)
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


def save_export(
    db: Database, customer_id: int, path: Path | str, *, actor: Actor | None = None
) -> Path:
    """Write a customer's data export to `path` as JSON (UTF-8); return the path.

    Needs Permission.EXPORT_CUSTOMER (NotAllowed); audited by customer number once written.
    """
    with db.session() as session:
        actor = require(session, actor, Permission.EXPORT_CUSTOMER)
        data = export_customer(session, customer_id)
        target = Path(path)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        record(session, actor, AuditAction.CUSTOMER_EXPORTED, customer_subject(customer_id))
        session.commit()
    return target


def erase_customer(
    db: Database, customer_id: int, *, staff: str = "", actor: Actor | None = None
) -> None:
    """Erase a customer's personal data on their request; keep returns for statistics.

    Name, contacts and notes about the person are replaced, and their messages blanked;
    messages not yet sent are stopped. The business facts stay: reasons, conditions,
    item notes and the timeline's notes, with the person's name, email and phone taken
    out of them. The email and phone are buried (desk.customers.tombstones: salted
    fingerprints), so no later import brings the person back. The erasure is recorded on
    the customer (when, by whom: `staff`, or the name of the person signed in), which the
    timeline shows as an entry of its own, and in the audit by customer number only: one
    transaction. On SQLite the file is then
    compacted, so the old values are gone from the disk, search index included. Erasing
    again only compacts again. A verified backup is made first (desk.backup); without
    one, nothing is erased. Needs Permission.ERASE_CUSTOMER (NotAllowed, before the backup).
    """
    with db.session() as session:
        require(session, actor, Permission.ERASE_CUSTOMER)
    backup_before(db, BackupKind.BEFORE_ERASE)
    with db.session() as session, session.begin():
        actor = require(session, actor, Permission.ERASE_CUSTOMER)
        customer = get_customer(session, customer_id)
        if customer.erased_at is None:
            _anonymise(session, customer, timeline_name(actor, staff))
            record(session, actor, AuditAction.CUSTOMER_ERASED, customer_subject(customer_id))
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
    bury(session, customer.email, customer.phone)
    now = utcnow()
    customer.name = _("Erased customer #{id}").format(id=customer.id)
    customer.email = customer.phone = None
    customer.notes = customer.external_ref = ""
    customer.preferred_channel = Channel.NONE
    customer.erased_at, customer.erased_by = now, staff[:100]
    session.add(customer)
    ids = return_ids_of(session, customer.id)
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
        .values(state=OutboxState.FAILED, last_error=_("Not sent: the customer was erased."))
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
