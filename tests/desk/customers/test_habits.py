"""Habits and segments from crafted histories; the policy at its window's boundaries."""

from datetime import UTC, date, datetime, timedelta

import pytest

from desk.customers.habits import habits_for, summarise
from desk.customers.segments import Segment
from desk.policy.rules import ItemForFee, evaluate, rules_for
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.settings import POLICY, SEGMENT_FREQUENT_RETURNS, set_settings
from desk.workflow import transition

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LIMITS = {
    "loyal_orders": 8,
    "loyal_max_rate": 25,
    "frequent_returns": 6,
    "frequent_rate": 50,
    "new_max_returns": 1,
}


def row(days_ago, status="closed", reason="wrong_size", refund="original", bought=10):
    at = NOW - timedelta(days=days_ago)
    return (status, reason, refund, at, (at - timedelta(days=bought)).date())


def test_no_history_is_new():
    habits = summarise([], orders=None, limits=LIMITS, now=NOW)
    assert habits.segment is Segment.NEW
    assert habits.returns == 0 and habits.return_rate is None and habits.last_return is None
    assert habits.usual_refund is None and habits.median_days_to_return is None


def test_all_cancelled_counts_as_no_returns():
    rows = [row(10, "cancelled"), row(20, "cancelled"), row(30, "cancelled")]
    habits = summarise(rows, orders=None, limits=LIMITS, now=NOW)
    assert (habits.returns, habits.cancelled) == (0, 3)
    assert habits.segment is Segment.NEW


def test_frequent_returner_by_count_in_a_year_is_flagged():
    rows = [row(d) for d in (5, 40, 80, 120, 200, 300)] + [row(500)]
    habits = summarise(rows, orders=None, limits=LIMITS, now=NOW)
    assert habits.returns == 7 and habits.returns_last_year == 6
    assert habits.segment is Segment.FREQUENT and habits.flagged
    assert "6 returns" in habits.why


def test_frequent_returner_by_rate_when_orders_known():
    rows = [row(d) for d in (10, 100, 400)]
    habits = summarise(rows, orders=4, limits=LIMITS, now=NOW)
    assert habits.return_rate == 0.75
    assert habits.segment is Segment.FREQUENT


def test_loyal_customer_many_orders_few_returns():
    rows = [row(30, reason="defective", refund="store_credit", bought=3), row(200, bought=7)]
    habits = summarise(rows, orders=20, limits=LIMITS, now=NOW)
    assert habits.segment is Segment.LOYAL and not habits.flagged
    assert habits.return_rate == 0.1
    assert habits.median_days_to_return == 5
    assert habits.top_reasons == [("defective", 1), ("wrong_size", 1)]
    assert habits.last_return == NOW - timedelta(days=30)


def test_occasional_without_orders_known():
    habits = summarise([row(10), row(90)], orders=None, limits=LIMITS, now=NOW)
    assert habits.segment is Segment.OCCASIONAL


def test_thresholds_are_the_owners(db):
    with db.session() as session:
        set_settings(session, {SEGMENT_FREQUENT_RETURNS: "2"})
        session.commit()
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="A-1", unit_price_cents=1000)],
                new_customer=CustomerDraft(name="Rita Freq"),
            ),
        )
        for _ in range(1):
            save_return(
                session=session,
                draft=ReturnDraft(
                    reason="changed_mind",
                    customer_id=ret.customer_id,
                    lines=[LineDraft(sku="A-2", unit_price_cents=500)],
                ),
            )
        habits = habits_for(session, ret.customer_id)
        assert habits.returns == 2 and habits.segment is Segment.FREQUENT
        transition(
            session=session,
            return_id=ret.id,
            to="cancelled",
            expected_version=1,
            note="customer changed plans",
        )
        assert habits_for(session, ret.customer_id).segment is not Segment.FREQUENT


@pytest.mark.parametrize(
    "segment, window",
    [(Segment.NEW, 30), (Segment.OCCASIONAL, 30), (Segment.LOYAL, 60), (Segment.FREQUENT, 30)],
)
def test_window_boundaries_per_segment(db, segment, window):
    with db.session() as session:
        rules = rules_for(session, segment)
    bought = date(2026, 9, 1)
    method = rules.refund_methods[0]

    def on(day):
        return evaluate(
            rules,
            purchase_date=bought,
            today=day,
            refund_method=method,
            preferred_method=None,
            items=[],
            has_receipt=True,
        )

    last_day = on(bought + timedelta(days=window))
    day_after = on(bought + timedelta(days=window + 1))
    assert last_day.within_window and last_day.days_left == 0 and not last_day.problems
    assert not day_after.within_window and day_after.days_left == -1
    assert any("window" in p for p in day_after.problems)


def test_loyal_and_frequent_get_different_explained_policies(db):
    with db.session() as session:
        loyal, frequent = rules_for(session, Segment.LOYAL), rules_for(session, Segment.FREQUENT)
    items = [ItemForFee("opened", 10000), ItemForFee("unopened", 5000)]
    today, bought = date(2026, 11, 23), date(2026, 10, 12)
    a = evaluate(
        loyal,
        purchase_date=bought,
        today=today,
        refund_method="original",
        preferred_method="original",
        items=items,
        has_receipt=False,
    )
    b = evaluate(
        frequent,
        purchase_date=bought,
        today=today,
        refund_method="original",
        preferred_method="original",
        items=items,
        has_receipt=False,
    )
    assert a.summary == "Loyal customer: 60-day window, 18 days left; refund at the counter allowed"
    assert a.problems == [] and a.fee_cents == 0 and a.suggested_method == "original"
    assert b.summary.startswith("Frequent returner: 30-day window, window passed")
    assert "10% restocking fee on opened, damaged items" in b.summary
    assert b.fee_cents == 1000  # 10% of the opened item only
    assert b.suggested_method == "store_credit" and not b.method_allowed
    assert len(b.problems) == 3  # window, method, receipt


def test_policy_settings_are_checked(db):
    from desk.errors import DeskError

    with db.session() as session, pytest.raises(DeskError, match="unknown cash"):
        set_settings(session, {POLICY[Segment.LOYAL].refund_methods: "original,cash"})
        session.commit()


def test_segment_reason_reads_well_for_one_return():
    habits = summarise([row(400)], orders=3, limits=LIMITS, now=NOW)
    assert habits.segment is Segment.OCCASIONAL
    assert habits.why == "1 return of 3 orders"
