"""The reports' facts stay in step: after every kind of change, through the services,
the figures equal the slow queries over the source tables, and the facts equal a rebuild."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from desk.codes import Disposition, FeedbackSource, OutboxState, Status
from desk.customers.imports import import_customers
from desk.customers.segments import Segment
from desk.demo.seed import seed_demo
from desk.feedback.record import record_feedback
from desk.messages.sender import send_due
from desk.models import OutboxMessage, utcnow
from desk.reports import facts
from desk.reports.dashboard import dashboard
from desk.reports.period import ReportRange
from desk.reports.tables import ReportLine, ReportResponse, ReportReturn
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, move_return
from desk.settings import FEEDBACK_REQUEST_WHEN, set_settings
from tests.desk.messages.test_sender import mail_ready
from tests.desk.reports.reference import reference_dashboard

TABLES = (ReportReturn, ReportResponse, ReportLine)


def stored(db) -> dict[str, list[tuple]]:
    """Every facts row, table by table, in key order."""
    with db.connect() as conn:
        return {
            t.__tablename__: [
                tuple(row) for row in conn.execute(select(t).order_by(*t.__table__.primary_key))
            ]
            for t in TABLES
        }


def check(db, *, segment: Segment | None = None) -> None:
    """The figures over the facts equal the reference, and the facts equal a rebuild."""
    today = utcnow().date()
    now = utcnow()
    for rng in (
        ReportRange(today - timedelta(days=30), today + timedelta(days=1)),
        ReportRange(today, today, Segment.NEW),
        ReportRange(today - timedelta(days=30), today, segment),
    ):
        assert dashboard(db, rng, now=now) == reference_dashboard(db, rng, now=now)
    kept = stored(db)
    with db.engine.begin() as conn:
        facts.rebuild(conn)
    assert stored(db) == kept


def log(db, name: str, *lines: LineDraft):
    draft = ReturnDraft(
        reason="defective",
        status=Status.RECEIVED,
        lines=list(lines),
        new_customer=CustomerDraft(name=name, email=f"{name.lower()}@example.com"),
    )
    return create_return(db, draft=draft, today=date.today())


def move(db, ret, to: Status, **kw):
    outcome = move_return(
        db, return_id=ret.id, to=to, expected_version=ret.version, notify=True, **kw
    )
    return outcome.result.ret


@pytest.fixture
def shop(any_db, smtp_server):
    db = any_db
    mail_ready(db, smtp_server)
    with db.session() as session:
        set_settings(session, {FEEDBACK_REQUEST_WHEN: "now"})
        session.commit()
    return db


def test_every_change_keeps_the_figures_right(shop):
    db = shop
    check(db)
    ana = log(
        db,
        "Ana",
        LineDraft(sku="KETTLE-9", quantity=2, unit_price_cents=3490),
        LineDraft(sku="KETTLE-9", unit_price_cents=3490, disposition=Disposition.RECYCLE),
    )
    rui = log(db, "Rui", LineDraft(sku="LAMP-2", unit_price_cents=1200))
    check(db)  # logged: counted, nothing settled
    assert dashboard(db, ReportRange(date.today(), date.today())).top_skus[0].returns == 1

    ana = move(db, ana, Status.REFUNDED)
    check(db)  # settled: refunded amount, days to settle, sustainability
    assert send_due(db).sent == 1  # the refund's message
    check(db)  # sent: response times
    assert dashboard(db, ReportRange(date.today(), date.today())).response.messages == 1
    ana = move(db, ana, Status.CLOSED, ask_feedback=True)
    assert send_due(db).sent >= 1
    with db.session() as session:
        sent = session.exec(
            select(OutboxMessage.event).where(OutboxMessage.state == OutboxState.SENT)
        ).all()
    assert "feedback" in {str(e[0]) for e in sent}
    check(db)  # the feedback request was sent: requests sent

    record_feedback(db, return_id=ana.id, rating=2, source=FeedbackSource.PHONE, staff="Lu")
    check(db)  # answered
    record_feedback(db, return_id=ana.id, rating=5, source=FeedbackSource.COUNTER)
    check(db)  # replaced: only the current rating counts
    day = ReportRange(date.today(), date.today())
    assert dashboard(db, day).satisfaction.distribution[5] == 1

    move(db, rui, Status.CANCELLED, note="Changed their mind")
    check(db, segment=Segment.NEW)  # cancelled: not among the SKUs and returners any more
    assert [k.sku for k in dashboard(db, day).top_skus] == ["KETTLE-9"]


def test_rebuild_and_refresh_since_write_the_same_rows(shop):
    db = shop
    first = log(db, "Ana", LineDraft(sku="A"))
    log(db, "Rui", LineDraft(sku="B"), LineDraft(sku="B"))
    kept = stored(db)
    with db.engine.begin() as conn:
        for table in TABLES:
            conn.execute(table.__table__.delete())
        facts.refresh_since(conn, first.id)
    assert stored(db) == kept
    assert len(kept["report_return"]) == 2 and len(kept["report_line"]) == 3


def test_refresh_of_a_gone_return_drops_its_facts(shop):
    db = shop
    ret = log(db, "Ana", LineDraft(sku="A"))
    with db.engine.begin() as conn:
        conn.execute(ReportReturn.__table__.delete())
        facts.refresh(conn, [ret.id, 999_999])
    assert [row[0] for row in stored(db)["report_return"]] == [ret.id]


def test_the_demo_seed_writes_the_facts_of_what_it_adds(shop):
    db = shop
    log(db, "Ana", LineDraft(sku="A"))  # a return before the demo's: its facts stay
    seed_demo(db, returns=60, seed=3)
    with db.connect() as conn:
        counted = conn.execute(select(func.count()).select_from(ReportReturn)).scalar()
    assert counted == 61
    check(db, segment=Segment.OCCASIONAL)
    rng = ReportRange(date(2000, 1, 1), date(2100, 1, 1))
    assert sum(w.returns for w in dashboard(db, rng).per_week) == 61


def test_a_customer_import_moves_the_segment_figures_with_it(shop):
    db = shop
    log(db, "Ana", LineDraft(sku="A"))
    today = date.today()
    loyal = ReportRange(today, today, Segment.LOYAL)
    assert dashboard(db, loyal).by_status == []
    till = "Name,Email,Orders\nAna,ana@example.com,40\n"  # the till knows her 40 orders
    with db.session() as session:
        assert import_customers(session, till.encode()).merged == 1
    check(db, segment=Segment.LOYAL)
    assert [s.returns for s in dashboard(db, loyal).by_status] == [1]
