"""Habits and segments from crafted histories, and the owner's thresholds."""

from datetime import UTC, datetime, timedelta

from desk.customers.habits import habits_for, summarise
from desk.customers.segments import Segment
from desk.policy.settings import SEGMENT_FREQUENT_RETURNS
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.settings import set_settings
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


def test_segment_reason_reads_well_for_one_return():
    habits = summarise([row(400)], orders=3, limits=LIMITS, now=NOW)
    assert habits.segment is Segment.OCCASIONAL
    assert habits.why == "1 return of 3 orders"
