"""Accounts and the audit live in the shop's database: two desks on one database (two
Database objects on one URL, as two computers on one PostgreSQL) share them; the audit
refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) whoever asks; reading it back by time,
action, person and page; its CSV columns."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from desk.db import open_database
from desk.errors import ValidationError
from desk.models import utcnow
from desk.staff import accounts, signin
from desk.staff.actor import computer_user, may
from desk.staff.audit import AuditQuery, entries
from desk.staff.audit_export import COLUMNS, audit_rows, export_audit
from desk.staff.codes import ActingAs, AuditAction
from desk.staff.grants import set_grant
from desk.staff.roles import Permission, Role
from desk.staff.tables import AuditEntry


@pytest.fixture
def two_desks(db_url):
    """Two desks on the test's database."""
    first, second = open_database(db_url), open_database(db_url)
    yield first, second
    first.close()
    second.close()


def test_two_desks_share_accounts_grants_locks_and_the_audit(two_desks):
    counter, office = two_desks
    accounts.add_staff(counter, name="Ana", role=Role.CLERK, pin="739164")
    assert signin.sign_in(office, "739164").name == "Ana"  # added on one, signs in on the other
    set_grant(office, Role.CLERK, Permission.REDEEM_CODE, True)
    ana = signin.sign_in(counter, "739164")
    with counter.session() as session:
        assert may(session, ana, Permission.REDEEM_CODE)  # the owner's grant, made elsewhere
    now = utcnow()
    for _try in range(signin.LOCK_AFTER):  # wrong PINs on one desk lock her on both
        with pytest.raises(signin.SignInRefused) as refused:
            signin.sign_in(counter, "318275", name="Ana", now=now)
        if not refused.value.locked:
            now = refused.value.retry_at or now
    with pytest.raises(signin.SignInRefused, match="locked"):
        signin.sign_in(office, "739164", now=now)
    with pytest.raises(ValidationError, match="Someone else has this PIN"):
        accounts.add_staff(office, name="Bia", role=Role.CLERK, pin="739164")
    with office.session() as session:
        seen = [e.action for e in entries(session, AuditQuery(limit=3))]
    assert seen == [AuditAction.LOCKED_OUT, AuditAction.PIN_REFUSED, AuditAction.PIN_REFUSED]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_entry SET actor_name = 'someone else'",
        "UPDATE audit_entry SET new_value = NULL WHERE action = 'staff_added'",
        "DELETE FROM audit_entry",
        "DELETE FROM audit_entry WHERE action = 'signed_in'",
    ],
)
def test_the_audit_refuses_to_change(db, statement):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="739164")
    signin.sign_in(db, "739164")
    refused = pytest.raises((IntegrityError, DBAPIError), match="append-only")
    with refused, db.engine.begin() as conn:
        conn.execute(text(statement))
    with db.session() as session:
        kept = [(e.action, e.actor_name, e.new_value) for e in entries(session, AuditQuery())]
    assert kept == [
        (AuditAction.SIGNED_IN, "Ana", None),
        (AuditAction.STAFF_ADDED, computer_user().name, "clerk"),
    ]


@pytest.mark.postgresql_only("SQLite has no TRUNCATE")
def test_the_audit_refuses_truncate_on_postgresql(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK)
    for statement in ("TRUNCATE audit_entry", "TRUNCATE audit_entry, staff_account CASCADE"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(statement))
    with db.session() as session:
        assert [e.subject for e in entries(session, AuditQuery())] == ["Ana"]
    assert [s.name for s in accounts.list_staff(db)] == ["Ana", "Owner"]


DAY = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def fill(db, count: int) -> None:
    """`count` entries an hour apart from DAY on, cycling three actions and two people."""
    actions = (AuditAction.SIGNED_IN, AuditAction.SETTING_CHANGED, AuditAction.SIGNED_OUT)
    rows = [
        {
            "at": DAY + timedelta(hours=i),
            "action": actions[i % 3],
            "actor_name": ("Ana", "Rui")[i % 2],
            "acting_as": ActingAs.PIN,
            "approver_name": "Bia" if i % 5 == 0 else None,
            "subject": f"entry {i}",
            "computer": "caixa",
        }
        for i in range(count)
    ]
    with db.session() as session:
        session.execute(insert(AuditEntry), rows)
        session.commit()


def subjects(db, query: AuditQuery) -> list[int]:
    with db.session() as session:
        return [int(e.subject.split()[1]) for e in entries(session, query)]


def test_reading_the_audit_by_time_action_person_and_page(db):
    fill(db, 30)
    assert subjects(db, AuditQuery(limit=5)) == [29, 28, 27, 26, 25]  # newest first
    since, until = DAY + timedelta(hours=10), DAY + timedelta(hours=13)
    assert subjects(db, AuditQuery(since=since, until=until)) == [12, 11, 10]  # until excluded
    signed_in = AuditQuery(actions=[AuditAction.SIGNED_IN], since=since)
    assert subjects(db, signed_in) == [27, 24, 21, 18, 15, 12]
    both = [AuditAction.SIGNED_IN, AuditAction.SIGNED_OUT]
    assert subjects(db, AuditQuery(actions=both, until=DAY + timedelta(hours=6))) == [5, 3, 2, 0]
    assert subjects(db, AuditQuery(actor_name="bia")) == [25, 20, 15, 10, 5, 0]  # approver
    assert subjects(db, AuditQuery(actor_name="Ana", until=until))[:3] == [12, 10, 8]
    pages, before = [], None
    while page := subjects(db, AuditQuery(actor_name="rui", limit=4, before_id=before)):
        pages.append(page)
        before = page[-1] + 1  # ids are 1, 2, ...: entry i has id i + 1
    assert pages == [[29, 27, 25, 23], [21, 19, 17, 15], [13, 11, 9, 7], [5, 3, 1]]


def test_the_export_reads_every_page(db, tmp_path):
    fill(db, 4100)  # more than two of the export's pages of 2,000
    rows = list(audit_rows(db, AuditQuery(limit=10)))  # the limit is the window's, not here
    assert len(rows) == 4100 and len({r.id for r in rows}) == 4100
    assert [r.id for r in rows] == sorted((r.id for r in rows), reverse=True)
    path = tmp_path / "audit.csv"
    query = AuditQuery(actions=[AuditAction.SETTING_CHANGED], since=DAY + timedelta(hours=3000))
    count = export_audit(db, path, query)
    read = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert count == len(read) == len([i for i in range(3000, 4100) if i % 3 == 1])
    assert tuple(read[0]) == COLUMNS
    newest = read[0]
    assert newest == {
        "at": (DAY + timedelta(hours=4099)).isoformat(timespec="seconds"),
        "action": "setting_changed",
        "actor": "Rui",
        "acting_as": "pin",
        "approved_by": "",
        "subject": "entry 4099",
        "old": "",
        "new": "",
        "computer": "caixa",
    }
    assert read[-1]["subject"] == "entry 3001"
    assert (read[3]["subject"], read[3]["approved_by"]) == ("entry 4090", "Bia")


@pytest.mark.postgresql_only("SQLite takes one writer at a time: desks share PostgreSQL")
def test_wrong_pins_typed_at_once_on_two_desks_all_count(db_url):
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    desks = [open_database(db_url) for _desk in range(4)]
    try:
        accounts.add_staff(desks[0], name="Ana", role=Role.CLERK, pin="739164")
        now, start = utcnow(), Barrier(len(desks))

        def wrong(desk) -> str:
            start.wait()
            with pytest.raises(signin.SignInRefused) as refused:
                signin.sign_in(desk, "318275", name="Ana", now=now)
            return str(refused.value)

        with ThreadPoolExecutor(len(desks)) as pool:
            said = list(pool.map(wrong, desks))
        with desks[0].session() as session:
            refused = entries(session, AuditQuery(actions=[AuditAction.PIN_REFUSED]))
    finally:
        for desk in desks:
            desk.close()
    # one after the other: three count, the fourth is asked to wait (after the third)
    assert sorted(e.new_value for e in refused) == ["1", "2", "3"]
    assert sum("wait" in s for s in said) == 1
