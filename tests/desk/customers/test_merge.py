"""Merging two records of one person: history moves, contacts fill in, it is recorded."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from desk.codes import Channel
from desk.customers.directory import list_customers
from desk.customers.merge import merge_customers
from desk.customers.privacy import erase_customer
from desk.errors import DeskError, NotFound
from desk.models import Customer, Return, RewardCode
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.search import customer_ids_matching
from desk.services import create_return


def customer(db, name, **fields) -> int:
    with db.session() as session:
        row = Customer(name=name, **fields)
        session.add(row)
        session.commit()
        return row.id


def log_return(db, customer_id: int) -> int:
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="MUG-1", unit_price_cents=900)],
        customer_id=customer_id,
    )
    return create_return(db, draft=draft).id


def test_the_history_moves_and_empty_contacts_are_filled(db):
    kept = customer(db, "Joana Prado", email="joana@example.com", notes="Prefers mornings")
    dropped = customer(
        db,
        "Joana  Prado",
        phone="+5511987650000",
        customer_since=date(2019, 3, 1),
        orders_count=12,
        notes="From the till",
    )
    ids = [log_return(db, dropped), log_return(db, dropped), log_return(db, kept)]
    result = merge_customers(db, keep_id=kept, drop_id=dropped, staff="Rita")
    assert (result.kept_id, result.returns_moved) == (kept, 2)
    assert set(result.filled) >= {"phone", "customer_since", "orders_count"}
    with db.session() as session:
        assert session.get(Customer, dropped) is None
        row = session.get(Customer, kept)
        assert (row.email, row.phone) == ("joana@example.com", "+5511987650000")
        assert (row.customer_since, row.orders_count) == (date(2019, 3, 1), 12)
        assert row.notes.startswith("Prefers mornings\nMerged with Joana  Prado (#")
        assert "by Rita." in row.notes and "Their notes: From the till" in row.notes
        owners = session.exec(select(Return.customer_id).where(Return.id.in_(ids))).all()
        assert set(owners) == {kept}
    with db.connect() as conn:  # the search finds the moved returns by the kept phone
        assert customer_ids_matching(conn, "987650000") == [kept]
    [listed] = list_customers(db, query="Joana")
    assert (listed.id, listed.returns) == (kept, 3)


def test_reward_codes_follow_and_do_not_contact_holds(db):
    kept = customer(db, "Caio Lima", email="caio@example.com")
    dropped = customer(db, "Caio Lima", preferred_channel=Channel.NONE)
    return_id = log_return(db, dropped)
    with db.session() as session:
        session.add(
            RewardCode(
                code="AAAA-BBBB-CCCC-D",
                customer_id=dropped,
                return_id=return_id,
                kind="percent",
                value=10,
            )
        )
        session.commit()
    merge_customers(db, keep_id=kept, drop_id=dropped)
    with db.session() as session:
        assert session.exec(select(RewardCode.customer_id)).all() == [kept]
        assert session.get(Customer, kept).preferred_channel == Channel.NONE


def test_refusals_change_nothing(db):
    one = customer(db, "Ana Souza")
    other = customer(db, "Ana Sousa")
    log_return(db, other)
    with pytest.raises(DeskError, match="two different customers"):
        merge_customers(db, keep_id=one, drop_id=one)
    with pytest.raises(NotFound):
        merge_customers(db, keep_id=one, drop_id=9999)
    erase_customer(db, other, staff="")
    with pytest.raises(DeskError, match="erased"):
        merge_customers(db, keep_id=one, drop_id=other)
    assert {c.id for c in list_customers(db)} == {one, other}


def test_a_new_customer_made_at_the_counter_can_be_merged_into_the_imported_one(db):
    imported = customer(db, "Lia Campos", email="lia@example.com")
    draft = ReturnDraft(
        reason="wrong_size",
        lines=[LineDraft(sku="DRS-1", unit_price_cents=4000)],
        new_customer=CustomerDraft(name="Lia Campos"),
    )
    at_counter = create_return(db, draft=draft).customer_id
    merge_customers(db, keep_id=imported, drop_id=at_counter)
    [row] = list_customers(db, query="lia")
    assert (row.id, row.returns, row.email) == (imported, 1, "lia@example.com")


def test_the_dashboard_counts_the_moved_returns_for_the_kept_customer(db):
    from sqlmodel import select

    from desk.reports.tables import ReportReturn

    kept = customer(db, "Rita Reis")
    dropped = customer(db, "Rita  Reis")
    moved = log_return(db, dropped)
    merge_customers(db, keep_id=kept, drop_id=dropped)
    with db.session() as session:
        row = session.exec(select(ReportReturn).where(ReportReturn.return_id == moved)).one()
    assert row.customer_id == kept
