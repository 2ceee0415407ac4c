"""The policy at intake: per segment at the window's edges, bonuses, exchanges, overrides."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from desk.customers.segments import Segment
from desk.errors import ValidationError
from desk.i18n.formats import format_date
from desk.models import Customer, ExchangeLine, Return, StatusChange
from desk.policy.intake import (
    policy_for,
    settle_exchange,
    with_policy,
)
from desk.policy.rules import ItemForFee
from desk.policy.settings import CREDIT_BONUS, EXCHANGE_BONUS, POLICY
from desk.return_checks import validate_draft
from desk.returns import (
    CustomerDraft,
    ExchangeDraft,
    LineDraft,
    ReturnDraft,
    get_detail,
    save_return,
)
from desk.services import create_return
from desk.settings import set_settings

TODAY = date.today()


def customer_with(session, *, returns: int, orders: int | None = None, refund="original") -> int:
    """A customer on file with `returns` past returns (logged today) and `orders` orders."""
    customer = Customer(name="Test Customer", orders_count=orders, preferred_refund=refund)
    session.add(customer)
    session.commit()
    for _ in range(returns):
        save_return(
            session=session,
            draft=ReturnDraft(
                reason="wrong_size",
                customer_id=customer.id,
                lines=[LineDraft(sku="OLD-1", unit_price_cents=1000)],
            ),
        )
    return customer.id


CUSTOMERS = {  # segment: (past returns, orders known)
    Segment.NEW: None,
    Segment.OCCASIONAL: (2, None),
    Segment.LOYAL: (2, 20),
    Segment.FREQUENT: (6, None),
}


@pytest.mark.parametrize(
    "segment, window, method",
    [
        (Segment.NEW, 30, "original"),
        (Segment.OCCASIONAL, 30, "original"),
        (Segment.LOYAL, 60, "original"),
        (Segment.FREQUENT, 30, "store_credit"),
    ],
)
def test_window_edges_per_segment(db, segment, window, method):
    with db.session() as session:
        history = CUSTOMERS[segment]
        customer_id = (
            customer_with(session, returns=history[0], orders=history[1]) if history else None
        )

        def on(bought):
            return policy_for(
                session,
                customer_id=customer_id,
                purchase_date=bought,
                today=TODAY,
                refund_method=method,
                items=[ItemForFee("unopened", 2000)],
                has_receipt=True,
            )

        last_day, day_after = (
            on(TODAY - timedelta(days=window)),
            on(TODAY - timedelta(days=window + 1)),
        )
    assert last_day.segment is segment
    assert last_day.problems == [] and last_day.decision.days_left == 0
    assert last_day.summary.startswith(
        f"{segment.label}: {window}-day window, its last day is today"
    )
    assert day_after.problems == [
        f"Outside the {window}-day window (ended {format_date(TODAY - timedelta(days=1))})."
    ]
    assert "window passed" in day_after.summary
    assert last_day.flagged is (segment is Segment.FREQUENT)


def test_loyal_summary_why_and_preferred_method(db):
    with db.session() as session:
        customer_id = customer_with(session, returns=2, orders=20, refund="store_credit")
        advice = policy_for(
            session,
            customer_id=customer_id,
            purchase_date=TODAY - timedelta(days=48),
            today=TODAY,
            refund_method="original",
            items=[ItemForFee("opened", 4500)],
            has_receipt=False,
        )
    assert advice.summary == (
        "Loyal customer: 60-day window, 12 days left; refund at the counter allowed"
    )
    assert advice.why == "20 orders, 2 returned" and not advice.flagged
    assert advice.suggested_method == "store_credit"  # her preference, and allowed
    assert advice.problems == [] and advice.notices == [] and advice.fee_cents == 0


def test_frequent_returner_is_flagged_and_pays_a_fee(db):
    with db.session() as session:
        customer_id = customer_with(session, returns=6)
        advice = policy_for(
            session,
            customer_id=customer_id,
            purchase_date=TODAY - timedelta(days=5),
            today=TODAY,
            refund_method="original",
            items=[ItemForFee("opened", 5000), ItemForFee("unopened", 3000)],
            has_receipt=True,
        )
    assert advice.flagged and advice.why == "6 returns in the last 12 months"
    assert advice.summary.startswith("Frequent returner: 30-day window, 25 days left")
    assert advice.fee_cents == 500  # 10% of the opened item only
    assert advice.problems == ["Original payment is not offered to this customer."]
    assert advice.suggested_method == "store_credit"
    assert advice.bonus_cents == 0  # no bonus on a method that is not store credit


def test_bonus_only_for_store_credit_and_only_when_allowed(db):
    items = [ItemForFee("unopened", 4500)]
    with db.session() as session:

        def advice(method, customer_id=None):
            return policy_for(
                session,
                customer_id=customer_id,
                purchase_date=None,
                today=TODAY,
                refund_method=method,
                items=items,
                has_receipt=True,
            )

        credit, original = advice("store_credit"), advice("original")
        assert (credit.bonus_cents, original.bonus_cents) == (450, 0)
        assert original.offers[0].words() == "Choose store credit: +€4.50 (10%)"
        assert advice("exchange").bonus_cents == 0  # exchange bonus is 0% by default
        set_settings(
            session,
            {
                CREDIT_BONUS: "20",
                EXCHANGE_BONUS: "5",
                POLICY[Segment.NEW].refund_methods: "original,exchange",
            },
        )
        session.commit()
        no_credit = advice("store_credit")
        assert no_credit.bonus_cents == 0  # store credit is not allowed for new customers now
        assert [o.method for o in no_credit.offers] == ["exchange"]
        assert advice("exchange").bonus_cents == 225


def test_a_negative_value_gives_no_negative_bonus_or_fee(db):
    items = [ItemForFee("used", -50)]  # a slip at the till: a price typed as -0.50
    with db.session() as session:
        advice = policy_for(
            session,
            customer_id=None,
            purchase_date=None,
            today=TODAY,
            refund_method="original",
            items=items,
            has_receipt=True,
        )
    assert [o.cents for o in advice.offers] == [0]
    assert advice.fee_cents == 0
    assert "+-" not in advice.offers[0].words()
    assert advice.offers[0].words() == "Choose store credit: +€0.00 (10%)"


@pytest.mark.parametrize(
    "unit_price, difference, words",
    [
        (3100, 1200, "Customer pays €12.00"),
        (2075, -850, "Give back €8.50 by original payment"),
        (2500, 0, "Even exchange: nothing to pay"),
    ],
)
def test_exchange_settlement_each_way(unit_price, difference, words):
    replacement = [ExchangeDraft(sku="SHOE-43", quantity=2, unit_price_cents=unit_price)]
    settlement = settle_exchange(5000, replacement)
    assert settlement.replacement_cents == 2 * unit_price
    assert settlement.difference_cents == difference
    assert settlement.words() == words


def exchange_draft(customer_id, **changes) -> ReturnDraft:
    values = dict(
        reason="wrong_size",
        customer_id=customer_id,
        refund_method="exchange",
        purchase_ref="INV-7",
        purchase_date=TODAY - timedelta(days=3),
        lines=[LineDraft(sku="SHOE-42", unit_price_cents=5000, condition="opened")],
        exchange_lines=[
            ExchangeDraft(sku="SHOE-43", description="One size up", unit_price_cents=6200)
        ],
    )
    values.update(changes)
    return ReturnDraft(**values)


def test_exchange_is_saved_with_its_lines_fee_and_settlement(db):
    with db.session() as session:
        customer_id = customer_with(session, returns=6)  # frequent: 10% fee on opened items
        draft = with_policy(session, exchange_draft(customer_id), today=TODAY)
        assert draft.policy_problems == []
        ret = save_return(session=session, draft=draft)
    with db.session() as session:
        stored = session.get(Return, ret.id)
        lines = session.exec(select(ExchangeLine).where(ExchangeLine.return_id == ret.id)).all()
    assert (stored.fee_cents, stored.bonus_cents) == (500, 0)
    assert stored.settlement_cents == 6200 - (5000 - 500)  # the customer pays €17.00
    assert [(li.sku, li.description, li.quantity, li.unit_price_cents) for li in lines] == [
        ("SHOE-43", "One size up", 1, 6200)
    ]


def test_store_credit_bonus_is_stored_and_exchange_lines_are_dropped(db):
    with db.session() as session:
        customer_id = customer_with(session, returns=0)
        credit = exchange_draft(customer_id, refund_method="store_credit")
        ret = save_return(session=session, draft=with_policy(session, credit, today=TODAY))
        assert (ret.bonus_cents, ret.settlement_cents, ret.fee_cents) == (500, 0, 0)
        assert session.exec(select(ExchangeLine)).all() == []


def test_outside_the_window_needs_an_override_reason_recorded_in_the_timeline(db):
    with db.session() as session:
        customer_id = customer_with(session, returns=2)  # occasional: 30 days
        late = exchange_draft(
            customer_id, refund_method="original", purchase_date=TODAY - timedelta(days=31)
        )
        draft = with_policy(session, late, today=TODAY)
        assert validate_draft(draft) == {
            "override": "The policy is not met: say why you accept this return anyway."
        }
        with pytest.raises(ValidationError) as refused:
            save_return(session=session, draft=draft)
        assert "override" in refused.value.errors
        assert session.exec(select(Return).where(Return.customer_id == customer_id)).all()[2:] == []

        draft.override_reason = " Customer was abroad; manager agreed "
        draft.note = "Box opened"
        ret = save_return(session=session, draft=draft)
        first = session.exec(select(StatusChange).where(StatusChange.return_id == ret.id)).one()
    ended = format_date(TODAY - timedelta(days=1))  # in the desk's language: 11/30/26
    assert first.note == (
        f"Policy override: outside the 30-day window (ended {ended}) — "
        "Customer was abroad; manager agreed\nBox opened"
    )


def test_a_missing_receipt_the_policy_requires_is_a_problem_to_override(db):
    with db.session() as session:
        set_settings(session, {POLICY[Segment.NEW].receipt_required: True})
        session.commit()
        advice = policy_for(
            session,
            customer_id=None,
            purchase_date=None,
            today=TODAY,
            refund_method="original",
            items=[],
            has_receipt=False,
        )
    assert advice.segment is Segment.NEW and advice.why == "new customer"
    assert advice.decision.receipt_missing
    assert advice.problems == ["A receipt or order reference is required."]
    assert advice.notices == []


def test_a_receipt_less_return_is_saved_only_with_a_reason_and_the_timeline_says_so(db):
    with db.session() as session:
        set_settings(session, {POLICY[Segment.NEW].receipt_required: True})
        session.commit()
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="BELT-1", unit_price_cents=2500)],
        new_customer=CustomerDraft(name="Rui Prates"),
    )
    with pytest.raises(ValidationError, match="say why you accept"):
        create_return(db, draft=draft)
    draft.override_reason = "Paid cash, receipt lost; known face"
    ret = create_return(db, draft=draft)
    with db.session() as session:
        first = get_detail(session, return_id=ret.id).timeline[0]
    assert "receipt" in first.note.lower() and "Paid cash, receipt lost" in first.note


def test_replacement_lines_are_checked(db):
    draft = exchange_draft(1, exchange_lines=[ExchangeDraft(sku=" ", quantity=0)])
    errors = validate_draft(draft)
    assert errors["exchange.0.sku"] == "Enter the replacement item's SKU."
    assert errors["exchange.0.quantity"] == "Quantity must be at least 1."


def test_preferred_timeline_is_weighed_against_the_policy(db):
    from desk.models import Customer
    from desk.policy.intake import advise, profile_for

    with db.session() as session:
        customer = Customer(name="Rui Pressa", preferred_timeline="counter")
        session.add(customer)
        session.commit()
        profile = profile_for(session, customer.id)
    advice = advise(
        profile,
        purchase_date=None,
        today=date(2026, 11, 23),
        refund_method="original",
        items=[],
        has_receipt=True,
    )
    # a new customer is refunded after inspection by default
    assert any("after inspection" in n for n in advice.notices)


def test_a_one_day_window_reads_in_the_singular_in_portuguese():
    """'prazo de 1 dia', not '1 dias', on its last day and after it."""
    from desk.i18n.catalog import set_language
    from desk.policy.rules import Decision, Rules, _with_summary

    rules = Rules(Segment.NEW, 1, ("original",), 0, (), True, False)
    set_language("pt_BR")
    said = []
    for left in (0, -1):
        decision = Decision(rules, TODAY, left, left >= 0, True, "original", 0, True, False)
        said.append(_with_summary(decision).summary)
    assert said[0].startswith(f"{Segment.NEW.label}: prazo de 1 dia, que termina hoje")
    assert said[1].startswith(f"{Segment.NEW.label}: prazo de 1 dia, prazo encerrado")
