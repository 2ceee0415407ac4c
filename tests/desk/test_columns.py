"""The column types of the models: enums and aware UTC datetimes, stored as plain text on
SQLite (and as text and timestamptz on PostgreSQL)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import StatementError
from sqlmodel import select

from desk.codes import (
    Channel,
    Condition,
    Disposition,
    Event,
    OutboxState,
    Reason,
    RefundMethod,
    Status,
    Timeline,
)
from desk.db import Database
from desk.models import Customer, OutboxMessage, Return, ReturnLine, StatusChange

STAMP = datetime(2026, 11, 30, 19, 36, 20, tzinfo=UTC)
CANONICAL = "2026-11-30 19:36:20.000000"


def bare(db: Database, db_path, sql: str) -> list[tuple]:
    """Rows as the plain driver reads them (sqlite3: the stored text), nothing converted."""
    if db.engine.dialect.name == "sqlite":
        conn = sqlite3.connect(db_path)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    conn = db.engine.raw_connection()
    try:
        cursor = conn.cursor()
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        conn.close()


def canonical(db: Database):
    """STAMP as the driver reads it back: one text format on SQLite, a timestamptz else."""
    return CANONICAL if db.engine.dialect.name == "sqlite" else STAMP


def add_return(db: Database, **values) -> int:
    with db.session() as session:
        customer = Customer(name="Ann", created_at=STAMP, preferred_timeline=Timeline.COUNTER)
        session.add(customer)
        session.flush()
        ret = Return(
            number="R-1",
            customer_id=customer.id,
            status=Status.RECEIVED,
            reason=Reason.WRONG_SIZE,
            **values,
        )
        session.add(ret)
        session.flush()
        session.add(ReturnLine(return_id=ret.id, sku="X", condition=Condition.OPENED))
        session.add(StatusChange(return_id=ret.id, to_status=Status.RECEIVED, at=STAMP))
        session.commit()
        return ret.id


def test_enum_columns_read_back_members_and_store_the_bare_value(db, db_path):
    ret_id = add_return(db, refund_method=RefundMethod.STORE_CREDIT, created_at=STAMP)
    with db.session() as session:
        ret = session.get(Return, ret_id)
        line = session.exec(select(ReturnLine)).one()
        change = session.exec(select(StatusChange)).one()
        customer = session.get(Customer, ret.customer_id)
    assert type(ret.status) is Status and ret.status is Status.RECEIVED
    assert ret.reason is Reason.WRONG_SIZE and ret.refund_method is RefundMethod.STORE_CREDIT
    assert line.condition is Condition.OPENED and line.disposition is Disposition.RESTOCK
    assert change.to_status is Status.RECEIVED and change.from_status is None
    assert customer.preferred_channel is Channel.EMAIL
    assert customer.preferred_timeline is Timeline.COUNTER
    assert bare(db, db_path, 'SELECT status, reason, refund_method, intake FROM "return"') == [
        ("received", "wrong_size", "store_credit", "counter")
    ]
    assert bare(db, db_path, "SELECT condition, disposition FROM return_line") == [
        ("opened", "restock")
    ]
    assert bare(db, db_path, "SELECT from_status, to_status FROM status_change") == [
        (None, "received")
    ]


def test_enum_columns_take_plain_values_and_compare_by_member(db):
    add_return(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE \"return\" SET status = 'closed'"))
    with db.session() as session:
        found = session.exec(select(Return.status).where(Return.status == Status.CLOSED))
        assert found.all() == [Status.CLOSED]
        by_text = session.exec(select(Return.id).where(Return.status == "closed")).all()
        assert len(by_text) == 1


def test_an_unknown_enum_value_is_refused(db):
    add_return(db)
    with db.session() as session, pytest.raises(StatementError, match="not a Status"):
        session.exec(select(Return.id).where(Return.status == "lost")).all()


def test_a_wrong_stored_value_does_not_pass_as_text(db):
    add_return(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE \"return\" SET status = 'lost'"))
    with db.session() as session, pytest.raises(ValueError, match="'lost' is not a Status"):
        session.exec(select(Return.status)).all()


def test_datetimes_come_out_of_sqlite_aware_in_utc(db, db_path):
    ret_id = add_return(db, created_at=STAMP + timedelta(microseconds=1))
    with db.session() as session:
        ret = session.get(Return, ret_id)
        change = session.exec(select(StatusChange)).one()
    assert ret.created_at.tzinfo is UTC and ret.created_at == STAMP + timedelta(microseconds=1)
    assert change.at.tzinfo is UTC and change.at == STAMP
    with db.connect() as conn:  # Core reads convert too
        (created,) = conn.execute(select(Return.created_at)).one()
    assert created.tzinfo is UTC


def test_an_aware_datetime_in_another_zone_is_stored_as_its_utc_moment(db, db_path):
    lisbon_summer = timezone(timedelta(hours=1))
    add_return(db, created_at=STAMP.astimezone(lisbon_summer))
    assert bare(db, db_path, 'SELECT created_at FROM "return"') == [(canonical(db),)]
    with db.session() as session:
        assert session.exec(select(Return.created_at)).one() == STAMP


def test_core_bulk_insert_and_orm_insert_store_the_same_text(db, db_path):
    ret_id = add_return(db, created_at=STAMP)
    rows = [
        dict(return_id=ret_id, to_status=Status.APPROVED, at=STAMP, staff="", note=""),
        dict(return_id=ret_id, to_status="closed", at=STAMP, staff="", note=""),
    ]
    with db.engine.begin() as conn:
        conn.execute(insert(StatusChange.__table__), rows)
    stored = bare(db, db_path, "SELECT to_status, at FROM status_change ORDER BY id")
    assert stored == [
        ("received", canonical(db)),
        ("approved", canonical(db)),
        ("closed", canonical(db)),
    ]
    assert bare(db, db_path, 'SELECT created_at FROM "return"') == [(canonical(db),)]


def test_offset_text_from_an_older_writer_reads_as_the_same_moment(db):
    add_return(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE status_change SET at = '2026-11-30 19:36:20+00:00'"))
    with db.session() as session:
        at = session.exec(select(StatusChange.at)).one()
    assert at == STAMP and at.tzinfo is UTC


def test_outbox_state_channel_and_event_are_members(db):
    ret_id = add_return(db)
    with db.session() as session:
        session.add(
            OutboxMessage(
                return_id=ret_id, event="received", channel="sms", language="en", recipient="1"
            )
        )
        session.commit()
        message = session.exec(select(OutboxMessage)).one()
    assert message.state is OutboxState.QUEUED and message.channel is Channel.SMS
    assert message.event is Event.RECEIVED
