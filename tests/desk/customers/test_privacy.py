"""A customer's data: exported whole, and erased on request without losing business facts."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from desk.customers.privacy import ERASED, erase_customer, export_customer
from desk.customers.profile import load_profile, update_customer
from desk.errors import DeskError
from desk.listing import ReturnFilter
from desk.listing import count as count_found
from desk.models import (
    Customer,
    OutboxMessage,
    Return,
    ReturnLine,
    StatusChange,
)
from tests.desk.customers.histories import EMAIL
from tests.fixtures_db import stored_bytes


def test_export_holds_returns_lines_timeline_and_messages(db, history):
    with db.session() as session:
        data = export_customer(session, history["customer_id"])
    text = json.dumps(data)  # it must serialise as it is
    assert data["customer"]["email"] == EMAIL and data["customer"]["orders_count"] == 12
    assert data["customer"]["customer_since"] == "2021-03-14"
    assert len(data["returns"]) == 4
    first = data["returns"][0]
    assert first["lines"][0]["sku"] == "SHIRT-1" and first["lines"][0]["quantity"] == 2
    assert first["timeline"][0]["note"] == "Brought in by Ana Souza herself"
    assert data["returns"][-1]["timeline"][-1]["to"] == "cancelled"
    assert len(data["messages"]) == 2
    assert data["messages"][0]["body_text"].startswith("Dear Ana Souza")
    assert "Bruno" not in text and "KETTLE" not in text  # nobody else's data


def test_erase_leaves_no_trace_of_the_personal_data(db, db_path, history):
    cid = history["customer_id"]
    secrets = [b"Souza", b"souza", EMAIL.encode(), b"+5511987654321"]
    if db.engine.dialect.name == "sqlite":
        secrets.append(b"5511987654321")  # the phone's bare digits, in the search index
    secrets += [b"Ana says", b"by Ana", b"ORD-77812"]  # their name in notes, their receipt
    before = stored_bytes(db, db_path)
    assert all(s in before for s in secrets)  # the check below means something

    erase_customer(db, cid, staff="Marta")

    after = stored_bytes(db, db_path)
    assert [s for s in secrets if s in after] == []
    with db.session() as session:
        customer = session.get(Customer, cid)
        assert customer.name == f"Erased customer #{cid}"
        assert (customer.email, customer.phone, customer.notes) == (None, None, "")
        assert customer.erased_at is not None
        ids = [r.id for r in history["returns"]]
        assert session.exec(select(func.count()).where(col(Return.id).in_(ids))).one() == 4
        lines = select(func.count()).where(col(ReturnLine.return_id).in_(ids))
        assert session.exec(lines).one() == 4
        assert customer.erased_by == "Marta"
        changes = session.exec(select(StatusChange).where(col(StatusChange.return_id).in_(ids)))
        assert all(c.from_status != c.to_status for c in changes)  # no pseudo move for it
        first = session.get(Return, history["returns"][0].id)
        assert first.reason_text == "[erased] says the sleeves are short"  # the fact stays
        assert first.purchase_ref == ""
        note = session.exec(
            select(StatusChange.note).where(StatusChange.return_id == first.id)
        ).first()
        assert note == "Brought in by [erased] [erased] herself"
        messages = session.exec(select(OutboxMessage)).all()
        assert {m.recipient for m in messages} == {ERASED}
        assert {m.state for m in messages} == {"sent", "failed"}  # the queued one never goes
        bruno = session.get(Customer, history["other"].customer_id)
        assert bruno.email == "bruno@example.com"
    with db.connect() as conn:
        assert count_found(conn, ReturnFilter(text="Souza")) == 0
        assert count_found(conn, ReturnFilter(text="Bruno")) == 1
        assert count_found(conn, ReturnFilter(text=history["returns"][0].number)) == 1


def test_erased_customer_cannot_be_edited_and_erasing_again_adds_nothing(db, history):
    cid = history["customer_id"]
    erase_customer(db, cid, staff="")
    erase_customer(db, cid, staff="Marta")
    with db.session() as session:
        customer = session.get(Customer, cid)
        assert customer.erased_by == ""  # the first erasure is the one recorded
        notes = session.exec(select(StatusChange.note).where(StatusChange.note != "")).all()
        assert [n for n in notes if "erased" in n.lower() and "[erased]" not in n] == []
    with pytest.raises(DeskError):
        update_customer(db, cid, {"name": "Ana again"})


def test_profile_after_erase(db, history):
    erase_customer(db, history["customer_id"], staff="Marta")
    p = load_profile(db, history["customer_id"])
    assert p.erased and len(p.returns) == 4
    assert p.habits.returns == 3  # the statistics stay
    assert len(p.messages) == 2 and all(m.subject == ERASED for m in p.messages)
    assert datetime.now(UTC) - p.customer.erased_at < timedelta(minutes=1)


@pytest.mark.sqlite_only("backs up the SQLite file; PostgreSQL is backed up with pg_dump")
def test_erase_makes_a_verified_backup_first_and_without_one_erases_nothing(db, db_path, history):
    from desk.backup.folder import BackupKind, list_copies

    (db_path.parent / "backups").write_text("a file where the backups folder should be")
    with pytest.raises(DeskError, match="Could not back up"):
        erase_customer(db, history["customer_id"], staff="Marta")
    with db.session() as session:
        assert session.get(Customer, history["customer_id"]).erased_at is None
    (db_path.parent / "backups").unlink()
    erase_customer(db, history["customer_id"], staff="Marta")
    (copy,) = list_copies(db_path)
    assert copy.kind == BackupKind.BEFORE_ERASE and copy.verified
