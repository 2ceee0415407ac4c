"""A small crafted database whose figures the tests work out by hand.

Range: Monday 2026-11-02 to Sunday 2026-11-15 (two UTC weeks). Customers: Ann (orders
unknown), Ben (10 orders), Cid (orders unknown). Returns (created at, customer, reason,
refund method, money, status now, changes, lines):

R1 11-02 10:00 Ann wrong_size  original     5000 - fee 500       closed
   received 11-02 10:00, refunded 11-04 10:00, closed 11-05 10:00
   SKU-A x2 restock, SKU-B x1 recycle
R2 11-03 09:00 Ben defective   store_credit 3000 + bonus 300     credited
   requested 11-03 09:00, received 11-04 09:00, credited 11-05 21:00
   SKU-A x1 donate
R3 11-10 12:00 Ben wrong_size  exchange     2000                 exchanged
   received 11-10 12:00, exchanged 11-14 12:00
   SKU-C x3 refurbish, SKU-A x1 discard
R4 11-11 08:00 Cid changed_mind original    0                    cancelled
   requested 11-11 08:00, cancelled 11-11 09:00
   SKU-D x5 restock
R5 11-12 08:00 Ann wrong_size  original     0                    received
   received 11-12 08:00
   SKU-B x1 restock
Outside the range: R6 on 11-16 00:00 (the day after) and R7 on 11-01 23:59:59, both
Ann's, refunded, with SKU-Z x50, a message sent 100 h after and a rating of 3.

Messages (hours after their change): R1 received email 1 h and sms 3 h, R1 refunded
2 h, R1 closed queued (never sent), R1 feedback request by sms 24 h after closing;
R2 received 4 h, R2 credited failed; R3 received 0.5 h, R3 exchanged 10 h; feedback
requests also sent for R2 and R5 (no change attached), and queued for R4.
Feedback: R1 rated 2 then 5 (the 2 replaced), R2 4, R3 1 (at the counter, no request).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from desk.codes import (
    Channel,
    Disposition,
    Event,
    FeedbackSource,
    OutboxState,
    Reason,
    RefundMethod,
    Status,
)
from desk.models import Customer, Feedback, OutboxMessage, Return, ReturnLine, StatusChange
from desk.reports.facts import rebuild
from desk.reports.period import ReportRange
from tests.fixtures_db import ON_POSTGRES

RANGE = ReportRange(date(2026, 11, 2), date(2026, 11, 15))
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def at(day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=UTC)


@dataclass
class Crafted:
    customers: dict[str, int]
    returns: dict[str, int]


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request):
    """The test's SQLite database, then (when RETURNDESK_TEST_PG_URL is set) a migrated,
    empty PostgreSQL one. The PostgreSQL pass runs only the second (its `db` is PostgreSQL)."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_db")
    if ON_POSTGRES:
        pytest.skip("the SQLite pass runs it")
    return request.getfixturevalue("db")


@pytest.fixture
def crafted(db) -> Crafted:
    """The crafted rows in the test's SQLite database (the one `db_path` names)."""
    return build(db)


@pytest.fixture
def crafted_any(any_db) -> Crafted:
    """The crafted rows in SQLite, then in PostgreSQL when one is given."""
    return build(any_db)


def build(db, *, write_facts: bool = True) -> Crafted:
    """Write the crafted rows (and their reports' facts, unless told not to)."""
    with db.session() as s:
        people = {
            "Ann": Customer(name="Ann"),
            "Ben": Customer(name="Ben", orders_count=10),
            "Cid": Customer(name="Cid"),
        }
        s.add_all(people.values())
        s.flush()
        made: dict[str, Return] = {}

        def ret(key, when, who, reason, method, status, total=0, fee=0, bonus=0):
            r = Return(
                number=f"R-{key}",
                customer_id=people[who].id,
                status=status,
                reason=reason,
                refund_method=method,
                total_cents=total,
                fee_cents=fee,
                bonus_cents=bonus,
                created_at=when,
                updated_at=when,
            )
            s.add(r)
            s.flush()
            made[key] = r
            return r

        def change(r, to, when, frm=None):
            c = StatusChange(return_id=r.id, from_status=frm, to_status=to, at=when)
            s.add(c)
            s.flush()
            return c

        def line(r, sku, qty, disposition):
            s.add(ReturnLine(return_id=r.id, sku=sku, quantity=qty, disposition=disposition))

        def message(r, c, event, hours, *, channel=Channel.EMAIL, state=OutboxState.SENT):
            base = c.at if c is not None else r.created_at
            s.add(
                OutboxMessage(
                    return_id=r.id,
                    status_change_id=c.id if c is not None else None,
                    event=event,
                    channel=channel,
                    language="en",
                    recipient="x@example.com",
                    state=state,
                    created_at=base,
                    next_attempt_at=base,
                    sent_at=base + timedelta(hours=hours) if state == OutboxState.SENT else None,
                )
            )

        def feedback(r, rating, when, *, replaced=None, source=FeedbackSource.COUNTER):
            s.add(
                Feedback(
                    return_id=r.id, rating=rating, source=source, at=when, replaced_at=replaced
                )
            )
            s.flush()

        m, w = RefundMethod, Reason
        r1 = ret("R1", at(2, 10), "Ann", w.WRONG_SIZE, m.ORIGINAL, Status.CLOSED, 5000, fee=500)
        c = change(r1, Status.RECEIVED, at(2, 10))
        message(r1, c, Event.RECEIVED, 1)
        message(r1, c, Event.RECEIVED, 3, channel=Channel.SMS)
        c = change(r1, Status.REFUNDED, at(4, 10), Status.RECEIVED)
        message(r1, c, Event.REFUNDED, 2)
        c = change(r1, Status.CLOSED, at(5, 10), Status.REFUNDED)
        message(r1, c, Event.CLOSED, 0, state=OutboxState.QUEUED)
        message(r1, c, Event.FEEDBACK, 24, channel=Channel.SMS)
        line(r1, "SKU-A", 2, Disposition.RESTOCK)
        line(r1, "SKU-B", 1, Disposition.RECYCLE)
        feedback(r1, 2, at(5, 12), replaced=at(6, 9))
        feedback(r1, 5, at(6, 9))

        r2 = ret(
            "R2", at(3, 9), "Ben", w.DEFECTIVE, m.STORE_CREDIT, Status.CREDITED, 3000, bonus=300
        )
        change(r2, Status.REQUESTED, at(3, 9))
        c = change(r2, Status.RECEIVED, at(4, 9), Status.REQUESTED)
        message(r2, c, Event.RECEIVED, 4)
        c = change(r2, Status.CREDITED, at(5, 21), Status.RECEIVED)
        message(r2, c, Event.CREDITED, 0, state=OutboxState.FAILED)
        message(r2, None, Event.FEEDBACK, 30)
        line(r2, "SKU-A", 1, Disposition.DONATE)
        feedback(r2, 4, at(7, 8), source=FeedbackSource.PHONE)

        r3 = ret("R3", at(10, 12), "Ben", w.WRONG_SIZE, m.EXCHANGE, Status.EXCHANGED, 2000)
        c = change(r3, Status.RECEIVED, at(10, 12))
        message(r3, c, Event.RECEIVED, 0.5)
        c = change(r3, Status.EXCHANGED, at(14, 12), Status.RECEIVED)
        message(r3, c, Event.EXCHANGED, 10)
        line(r3, "SKU-C", 3, Disposition.REFURBISH)
        line(r3, "SKU-A", 1, Disposition.DISCARD)
        feedback(r3, 1, at(14, 13))

        r4 = ret("R4", at(11, 8), "Cid", w.CHANGED_MIND, m.ORIGINAL, Status.CANCELLED)
        change(r4, Status.REQUESTED, at(11, 8))
        change(r4, Status.CANCELLED, at(11, 9), Status.REQUESTED)
        message(r4, None, Event.FEEDBACK, 0, state=OutboxState.QUEUED)
        line(r4, "SKU-D", 5, Disposition.RESTOCK)

        r5 = ret("R5", at(12, 8), "Ann", w.WRONG_SIZE, m.ORIGINAL, Status.RECEIVED)
        change(r5, Status.RECEIVED, at(12, 8))
        message(r5, None, Event.FEEDBACK, 2)
        line(r5, "SKU-B", 1, Disposition.RESTOCK)

        for key, when in (("R6", at(16)), ("R7", at(1, 23, 59, 59))):
            r = ret(key, when, "Ann", w.OTHER, m.ORIGINAL, Status.REFUNDED, 9000)
            change(r, Status.RECEIVED, when)
            c = change(r, Status.REFUNDED, when + timedelta(days=9), Status.RECEIVED)
            message(r, c, Event.REFUNDED, 100)
            message(r, None, Event.FEEDBACK, 1)
            line(r, "SKU-Z", 50, Disposition.DONATE)
            feedback(r, 3, when + timedelta(days=10))
        s.flush()
        if write_facts:  # rows written by hand: the reports' facts, written once
            rebuild(s.connection())
        s.commit()
        return Crafted(
            customers={k: v.id for k, v in people.items()},
            returns={k: v.id for k, v in made.items()},
        )
