"""Demo data: reproducible, legal timelines, consistent sums, numbers that continue."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter as Tally
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from desk.catalog.service import look_up
from desk.codes import INITIAL, TRANSITIONS, Event, RewardState, Status
from desk.db import open_database
from desk.demo.seed import seed_demo
from desk.errors import DeskError
from desk.feedback.codes import is_well_formed
from desk.feedback.rewards import check_code, redeem_code
from desk.listing import ReturnFilter, count, fetch_page
from desk.models import (
    Counter,
    Customer,
    Feedback,
    OutboxMessage,
    Return,
    ReturnLine,
    RewardCode,
    StatusChange,
)
from desk.numbering import format_number
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.settings import NOTIFY, REWARD_KIND, REWARD_VALUE, get_setting, set_setting
from desk.workflow import NOTE_REQUIRED
from tests.cli_here import run_on
from tests.fixtures_db import new_database_url

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One database with 300 demo returns, shared by the read-only tests."""
    database = open_database(new_database_url("demo", tmp_path_factory.mktemp("demo")))
    summary = seed_demo(database, returns=300, seed=7, now=NOW)
    yield database, summary
    database.close()


MADE_AT_OPEN = {"staff_account", "alembic_version"}
"""Tables the database holds before any demo: the owner's account is made (with the time it
was made) by migration 0022, not by the demo."""


def all_rows(database) -> dict[str, list[tuple]]:
    """Every row of every table the demo writes (search index included), in a stable order."""
    with database.connect() as conn:
        names = set(inspect(conn).get_table_names()) - MADE_AT_OPEN
        return {
            name: sorted(
                (tuple(r) for r in conn.execute(text(f'SELECT * FROM "{name}"'))), key=repr
            )
            for name in names
        }


def timelines(conn) -> dict[int, list]:
    changes = conn.execute(
        select(StatusChange).order_by(StatusChange.return_id, StatusChange.at, StatusChange.id)
    )
    by_return = defaultdict(list)
    for change in changes:
        by_return[change.return_id].append(change)
    return by_return


def test_same_seed_and_now_give_the_same_rows(new_db_url):
    first, second, other = (open_database(new_db_url(name)) for name in ("a", "b", "c"))
    try:
        for database, seed in ((first, 3), (second, 3), (other, 4)):
            seed_demo(database, returns=120, seed=seed, now=NOW)
        rows = all_rows(first)
        assert rows == all_rows(second)  # reward codes too: drawn from the seeded generator
        assert rows["return"]
        assert rows.get("return_search") or first.engine.dialect.name != "sqlite"  # its index
        assert rows["outbox_message"] and rows["feedback"] and rows["reward_code"]
        assert rows["customer"] != all_rows(other)["customer"]
    finally:
        for database in (first, second, other):
            database.close()


def test_summary_counts_what_was_written(seeded):
    database, summary = seeded
    with database.connect() as conn:
        returns = conn.execute(select(Return.id)).all()
        customers = conn.execute(select(Customer.id)).all()
    assert summary.returns == len(returns) == 300
    assert summary.customers == len(customers)
    with database.connect() as conn:
        for model, written in (
            (OutboxMessage, summary.messages),
            (Feedback, summary.feedback),
            (RewardCode, summary.codes),
        ):
            assert written == len(conn.execute(select(model.id)).all()) > 0, model


def test_messages_were_sent_after_their_status_change_to_reachable_customers(seeded):
    database, _ = seeded
    with database.connect() as conn:
        rows = conn.execute(
            select(OutboxMessage, StatusChange.at, StatusChange.to_status, Customer)
            .join(StatusChange, StatusChange.id == OutboxMessage.status_change_id, isouter=True)
            .join(Return, Return.id == OutboxMessage.return_id)
            .join(Customer, Customer.id == Return.customer_id)
        ).all()
    assert len(rows) > 300
    off = {event for event, spec in NOTIFY.items() if spec.default == "off"}
    for row in rows:
        assert row.preferred_channel == row.channel and row.channel in ("email", "sms")
        assert row.event not in off
        if row.state == "sent":
            assert row.created_at < row.sent_at <= NOW
        if row.event == "feedback":
            assert row.status_change_id is None
        else:
            assert row.at == row.created_at and row.to_status in Status
    assert {row.state for row in rows} == {"sent", "failed"}  # none left for the real outbox


def test_feedback_and_codes_belong_to_closed_returns_and_codes_work(seeded):
    database, _ = seeded
    with database.connect() as conn:
        rated = conn.execute(
            select(Return.status, Feedback.rating).join(Feedback, Feedback.return_id == Return.id)
        ).all()
        codes = conn.execute(select(RewardCode)).all()
    assert rated and {status for status, _ in rated} == {"closed"}
    assert codes and all(is_well_formed(c.code) for c in codes)
    states = {check_code(database, code=c.code, now=NOW).state for c in codes}
    assert states == set(RewardState)  # issued, redeemed, expired


def test_staff_can_redeem_a_demo_code_once(db):
    seed_demo(db, returns=150, seed=5, now=NOW)
    with db.connect() as conn:
        codes = conn.execute(select(RewardCode)).all()
    usable = next(c for c in codes if c.redeemed_at is None and c.expires_at > NOW)
    assert redeem_code(db, code=usable.code, staff="Bea", now=NOW).redeemed_by == "Bea"
    redeemed = next(c for c in codes if c.redeemed_at is not None)
    with pytest.raises(DeskError):
        redeem_code(db, code=redeemed.code, staff="Bea", now=NOW)


def test_the_demo_turns_the_reward_on_unless_the_shop_chose(new_db_url):
    fresh, chosen = (open_database(new_db_url(n)) for n in ("a", "b"))
    try:
        with chosen.session() as session:
            set_setting(session, REWARD_KIND, "off")
            set_setting(session, NOTIFY[Event.RECEIVED], "off")
            set_setting(session, NOTIFY[Event.FEEDBACK], "off")
            session.commit()
        for database in (fresh, chosen):
            seed_demo(database, returns=150, seed=5, now=NOW)
        with fresh.session() as session:
            assert get_setting(session, REWARD_KIND) == "percent"
            assert get_setting(session, REWARD_VALUE) == 10
        with chosen.session() as session:
            assert get_setting(session, REWARD_KIND) == "off"
            assert get_setting(session, REWARD_VALUE) == 10
        with chosen.connect() as conn:
            events = set(conn.execute(select(OutboxMessage.event)).scalars())
            assert events and not events & {"received", "feedback"}
            assert conn.execute(select(Feedback.id)).first()  # still rated at the counter
            assert not conn.execute(select(RewardCode.id)).first()
        with fresh.connect() as conn:
            assert {"received", "feedback"} <= set(
                conn.execute(select(OutboxMessage.event)).scalars()
            )
    finally:
        fresh.close()
        chosen.close()


def test_every_status_has_returns(seeded):
    database, _ = seeded
    with database.connect() as conn:
        tally = Tally(conn.execute(select(Return.status)).scalars())
    assert set(tally) == {s.value for s in Status}
    assert min(tally.values()) >= 5, tally


def test_timelines_follow_the_workflow(seeded):
    database, _ = seeded
    with database.connect() as conn:
        returns = {r.id: r for r in conn.execute(select(Return))}
        by_return = timelines(conn)
    assert set(by_return) == set(returns)
    for return_id, changes in by_return.items():
        ret = returns[return_id]
        assert changes[0].from_status is None
        assert Status(changes[0].to_status) in INITIAL
        for before, after in zip(changes, changes[1:], strict=False):
            assert after.from_status == before.to_status
            assert Status(after.to_status) in TRANSITIONS[Status(before.to_status)]
            assert after.at > before.at
        assert changes[-1].to_status == ret.status
        assert ret.version == len(changes)
        assert ret.created_at == changes[0].at
        assert ret.updated_at == changes[-1].at
        assert NOW - timedelta(days=270) < ret.created_at <= ret.updated_at <= NOW


def test_notes_where_the_workflow_requires_them(seeded):
    database, _ = seeded
    with database.connect() as conn:
        changes = conn.execute(select(StatusChange)).all()
    needing = [c for c in changes if Status(c.to_status) in NOTE_REQUIRED]
    assert needing
    assert all(c.note.strip() for c in needing)
    assert all(c.staff for c in changes if c.from_status is not None)


def test_totals_are_the_sum_of_the_lines(seeded):
    database, _ = seeded
    with database.connect() as conn:
        sums, items = defaultdict(int), Tally()
        for line in conn.execute(select(ReturnLine)):
            sums[line.return_id] += line.quantity * line.unit_price_cents
            items[line.return_id] += 1
            assert line.unit_price_cents > 0 and line.quantity >= 1
            if line.condition == "unopened":
                assert line.disposition == "restock"
            if line.condition == "defective":
                assert line.disposition in ("refurbish", "recycle", "discard")
        totals = {i: total for i, total in conn.execute(select(Return.id, Return.total_cents))}
    assert totals == dict(sums)
    assert set(items.values()) <= {1, 2, 3, 4}


def test_customers_look_real_and_some_come_back(seeded):
    database, _ = seeded
    with database.connect() as conn:
        customers = conn.execute(select(Customer)).all()
        per_customer = Tally(conn.execute(select(Return.customer_id)).scalars())
    assert {c.preferred_language for c in customers} == {"en", "pt_BR"}
    assert {c.preferred_channel for c in customers} == {"email", "sms", "print", "none"}
    assert any(not c.name.isascii() for c in customers)
    assert all(c.email is None or "@" in c.email for c in customers)
    assert all(c.preferred_channel != "email" or c.email for c in customers)
    assert all(c.preferred_channel != "sms" or c.phone for c in customers)
    assert set(per_customer) == {c.id for c in customers}
    assert max(per_customer.values()) >= 5
    assert sum(1 for n in per_customer.values() if n > 1) >= 10


def test_numbers_follow_the_counters(seeded):
    database, _ = seeded
    with database.connect() as conn:
        numbers = conn.execute(select(Return.number, Return.created_at).order_by(Return.id)).all()
        counters = {name: n for name, n in conn.execute(select(Counter.name, Counter.value))}
    per_year = Tally()
    for number, created in numbers:
        year = created.year
        per_year[year] += 1
        assert number == format_number(year, per_year[year])
    numbered = {name: n for name, n in counters.items() if name.startswith("return-")}
    assert numbered == {f"return-{year}": n for year, n in per_year.items()}


def test_returns_logged_later_continue_the_numbers(db):
    new_return = ReturnDraft(
        reason="defective",
        new_customer=CustomerDraft(name="Walk-in customer"),
        lines=[LineDraft(sku="KTL-9510", unit_price_cents=3999)],
    )
    with db.session() as session:
        before = save_return(session=session, draft=new_return)
    seed_demo(db, returns=40, seed=1)
    seed_demo(db, returns=40, seed=1)  # a second run adds to the first
    with db.session() as session:
        after = save_return(session=session, draft=new_return)
    year = after.created_at.year
    with db.connect() as conn:
        numbers = conn.execute(select(Return.number)).scalars().all()
    this_year = [n for n in numbers if n.startswith(f"R-{year}-")]
    assert len(numbers) == len(set(numbers)) == 82
    with db.connect() as conn:  # returns added to a non-empty database are searchable too
        for number in numbers:
            assert number in {row.number for row in fetch_page(conn, ReturnFilter(text=number))}
    assert before.number == format_number(year, 1)
    assert after.number == format_number(year, len(this_year))


def test_demo_rows_and_logged_returns_store_one_datetime_format(db, db_path):
    seed_demo(db, returns=30, seed=3)
    with db.session() as session:
        save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                new_customer=CustomerDraft(name="Walk-in customer"),
                lines=[LineDraft(sku="KTL-9510", unit_price_cents=3999)],
            ),
        )
    if db.engine.dialect.name == "sqlite":  # text there (PostgreSQL has a timestamptz type)
        raw = sqlite3.connect(db_path)
        try:
            stamps = [
                stamp
                for sql in (
                    'SELECT created_at FROM "return" UNION ALL SELECT updated_at FROM "return"',
                    "SELECT at FROM status_change UNION ALL SELECT created_at FROM customer",
                    "SELECT created_at FROM dropoff_point",
                )
                for (stamp,) in raw.execute(sql)
            ]
        finally:
            raw.close()
        assert len(stamps) > 100
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", s) for s in stamps)
    with db.connect() as conn:  # keyset paging walks demo and logged returns in time order
        every = conn.execute(select(Return.id)).scalars().all()
        seen, after = [], None
        while page := fetch_page(conn, ReturnFilter(), after=after, limit=7):
            seen.extend(page)
            after = page[-1]
    assert sorted(row.id for row in seen) == sorted(every)
    assert [row.created_at for row in seen] == sorted((r.created_at for r in seen), reverse=True)
    assert all(row.created_at.tzinfo is UTC for row in seen)


def test_search_finds_a_demo_customer(seeded):
    database, _ = seeded
    with database.connect() as conn:
        customer = conn.execute(
            select(Customer).where(Customer.name.like("% %")).order_by(Customer.id).limit(1)
        ).one()
        theirs = set(
            conn.execute(select(Return.id).where(Return.customer_id == customer.id)).scalars()
        )
        found = fetch_page(conn, ReturnFilter(text=customer.name))
        assert theirs <= {row.id for row in found}
        assert count(conn, ReturnFilter(text=customer.name)) == len(found)
        accented = conn.execute(select(Customer.name).where(Customer.name.like("%ã%"))).first()
        # typed without the accent, "Joao" still finds "João"
        assert fetch_page(conn, ReturnFilter(text=accented.name.replace("ã", "a")))


def test_progress_is_reported_up_to_the_total(db):
    calls = []
    seed_demo(
        db, returns=30, seed=2, now=NOW, progress=lambda done, total: calls.append((done, total))
    )
    assert len(calls) >= 3
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1] == (30, 30)
    assert all(total == 30 for _, total in calls)


def test_demo_command(cli_db):
    result = run_on(cli_db, "demo", "--returns", "50")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added 50 demo returns (customers: ")
    tried = re.search(r"^Try receipt (\S+) or (\S+) in New return", result.stdout, re.M)
    assert tried, result.stdout
    database = open_database(cli_db.url)
    try:
        with database.connect() as conn:
            assert len(conn.execute(select(Return.id)).all()) == 50
        for receipt in tried.groups():
            sale = look_up(database, receipt).sale
            assert sale is not None and all(line.left for line in sale.lines)
    finally:
        database.close()
