"""Each figure on the crafted database (tests/desk/reports/conftest.py), worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from desk.codes import Disposition, Reason, RefundMethod, Status
from desk.customers.segments import Segment
from desk.reports import figures
from desk.reports.figures import (
    DispositionCount,
    MethodAmount,
    ReasonCount,
    Returner,
    SettleTime,
    SkuCount,
    StatusCount,
    WeekCount,
)
from desk.reports.period import ReportRange
from tests.desk.reports.conftest import NOW, RANGE


@pytest.fixture
def conn(any_db, crafted_any):
    with any_db.connect() as connection:
        yield connection


def test_returns_per_week_counts_each_utc_week_and_leaves_out_the_days_around(conn):
    # week of Mon 11-02: R1, R2; week of Mon 11-09: R3, R4 (cancelled counts), R5;
    # R7 (11-01 23:59:59) and R6 (11-16 00:00) fall just outside
    assert figures.returns_per_week(conn, RANGE) == [
        WeekCount(date(2026, 11, 2), 2),
        WeekCount(date(2026, 11, 9), 3),
    ]


def test_returns_per_week_shows_empty_weeks_and_starts_on_the_monday(conn):
    # Wed 10-28 .. Tue 11-03: weeks of Mon 10-26 (R7 only, on 11-01) and Mon 11-02 (R1, R2)
    rng = ReportRange(date(2026, 10, 21), date(2026, 11, 3))
    assert figures.returns_per_week(conn, rng) == [
        WeekCount(date(2026, 10, 19), 0),
        WeekCount(date(2026, 10, 26), 1),
        WeekCount(date(2026, 11, 2), 2),
    ]


def test_by_reason_most_frequent_first_ties_by_name(conn):
    # wrong_size R1 R3 R5 = 3; changed_mind R4 = 1 and defective R2 = 1, by name
    assert figures.by_reason(conn, RANGE) == [
        ReasonCount(Reason.WRONG_SIZE, 3),
        ReasonCount(Reason.CHANGED_MIND, 1),
        ReasonCount(Reason.DEFECTIVE, 1),
    ]


def test_by_status_now_in_workflow_order(conn):
    # R5 received, R3 exchanged, R2 credited, R1 closed, R4 cancelled
    assert figures.by_status(conn, RANGE) == [
        StatusCount(Status.RECEIVED, 1),
        StatusCount(Status.EXCHANGED, 1),
        StatusCount(Status.CREDITED, 1),
        StatusCount(Status.CLOSED, 1),
        StatusCount(Status.CANCELLED, 1),
    ]


def test_refunded_by_method_counts_settled_returns_value_less_fee_plus_bonus(conn):
    # R1 original 5000 - 500 = 4500 (closed now, but it was refunded);
    # R2 store credit 3000 + 300 = 3300; R3 exchange 2000; R4, R5 never settled
    assert figures.refunded_by_method(conn, RANGE) == [
        MethodAmount(RefundMethod.ORIGINAL, 1, 4500),
        MethodAmount(RefundMethod.STORE_CREDIT, 1, 3300),
        MethodAmount(RefundMethod.EXCHANGE, 1, 2000),
    ]


def test_days_to_settle_median_overall_and_per_status(conn):
    # R1 11-02 10:00 -> refunded 11-04 10:00 = 2 days; R2 received 11-04 09:00 ->
    # credited 11-05 21:00 = 1.5 days; R3 11-10 12:00 -> exchanged 11-14 12:00 = 4 days.
    # Median of 1.5, 2, 4 = 2.
    got = figures.days_to_settle(conn, RANGE)
    assert [(t.status, t.returns) for t in got] == [
        (None, 3),
        (Status.REFUNDED, 1),
        (Status.EXCHANGED, 1),
        (Status.CREDITED, 1),
    ]
    assert [t.median_days for t in got] == pytest.approx([2.0, 2.0, 4.0, 1.5])


def test_days_to_settle_with_nothing_settled_has_no_median(conn):
    rng = ReportRange(date(2026, 11, 12), date(2026, 11, 12))  # R5 only: received
    assert figures.days_to_settle(conn, rng) == [SettleTime(None, 0, None)]


def test_response_time_median_and_90th_percentile_of_first_sent_messages(conn):
    # First sent message per change, in hours: R1 received 1 (the sms at 3 h is later),
    # R1 refunded 2, R2 received 4, R3 received 0.5, R3 exchanged 10; R1 closed never
    # sent, R2 credited failed, feedback requests left out, R6/R7 outside (100 h).
    # Sorted 0.5 1 2 4 10: median 2; 90th: position 0.9 * 4 = 3.6, 4 + 0.6 * (10 - 4) = 7.6
    got = figures.response_time(conn, RANGE)
    assert got.messages == 5
    assert got.median_hours == pytest.approx(2.0)
    assert got.p90_hours == pytest.approx(7.6)


def test_response_time_without_messages(conn):
    rng = ReportRange(date(2026, 11, 11), date(2026, 11, 11))  # R4: nothing sent
    got = figures.response_time(conn, rng)
    assert (got.messages, got.median_hours, got.p90_hours) == (0, None, None)


def test_satisfaction_counts_current_feedback_and_answered_requests(conn):
    # current ratings: R1 5 (its 2 was replaced), R2 4, R3 1; R6/R7's 3 outside.
    # average (5 + 4 + 1) / 3 = 10/3; 4 and 5: 2 of 3.
    # requests sent: R1, R2, R5 (R4's is still queued) = 3; answered: R1, R2 = 2
    got = figures.satisfaction(conn, RANGE)
    assert got.ratings == 3
    assert got.average == pytest.approx(10 / 3)
    assert got.distribution == {1: 1, 2: 0, 3: 0, 4: 1, 5: 1}
    assert got.good_share == pytest.approx(2 / 3)
    assert (got.requests_sent, got.requests_answered) == (3, 2)
    assert got.answered_share == pytest.approx(2 / 3)


def test_satisfaction_with_no_feedback(conn):
    rng = ReportRange(date(2026, 11, 11), date(2026, 11, 12))  # R4, R5: R5 asked, no answer
    got = figures.satisfaction(conn, rng)
    assert (got.ratings, got.average, got.good_share) == (0, None, None)
    assert (got.requests_sent, got.requests_answered, got.answered_share) == (1, 0, 0.0)


def test_sustainability_items_of_settled_returns_by_disposition(conn):
    # settled R1, R2, R3: restock 2 (R1), refurbish 3 (R3), recycle 1 (R1), donate 1 (R2),
    # discard 1 (R3) = 8 items on 5 lines; R4 (cancelled) and R5 (not settled) left out.
    # drop-off: refurbish + recycle + donate = 3 + 1 + 1 = 5 of 8
    got = figures.sustainability(conn, RANGE)
    assert got.by_disposition == [
        DispositionCount(Disposition.RESTOCK, 1, 2, 2 / 8),
        DispositionCount(Disposition.REFURBISH, 1, 3, 3 / 8),
        DispositionCount(Disposition.RECYCLE, 1, 1, 1 / 8),
        DispositionCount(Disposition.DONATE, 1, 1, 1 / 8),
        DispositionCount(Disposition.DISCARD, 1, 1, 1 / 8),
    ]
    assert (got.items, got.dropoff_items, got.dropoff_share) == (8, 5, 5 / 8)


def test_top_skus_by_quantity_leaving_out_cancelled_returns(conn):
    # SKU-A 2 (R1) + 1 (R2) + 1 (R3) = 4 on 3 returns; SKU-C 3 (R3); SKU-B 1 (R1) + 1 (R5);
    # SKU-D is R4's (cancelled), SKU-Z outside the range
    assert figures.top_skus(conn, RANGE) == [
        SkuCount("SKU-A", 4, 3),
        SkuCount("SKU-C", 3, 1),
        SkuCount("SKU-B", 2, 2),
    ]


def test_top_skus_keeps_ten(conn):
    rng = ReportRange(date(2026, 11, 1), date(2026, 11, 16))
    assert len(figures.top_skus(conn, rng)) == 4  # A, B, C, Z: fewer than TOP
    assert figures.TOP == 10


def test_frequent_returners_most_returns_first_ties_by_customer(conn, crafted_any):
    # Ann: R1, R5 = 2 (R6, R7 outside); Ben: R2, R3 = 2; Cid: only R4, cancelled
    assert figures.frequent_returners(conn, RANGE) == [
        Returner(crafted_any.customers["Ann"], "Ann", 2),
        Returner(crafted_any.customers["Ben"], "Ben", 2),
    ]


def test_segment_keeps_the_returns_of_customers_in_it(conn):
    # Ann: 4 returns, orders unknown -> occasional; Ben: 2 of 10 orders = 20 % <= 25 %
    # -> loyal; Cid: nothing kept (R4 cancelled), orders unknown -> new
    loyal = ReportRange(RANGE.start, RANGE.end, Segment.LOYAL)
    assert figures.by_status(conn, loyal, now=NOW) == [
        StatusCount(Status.EXCHANGED, 1),
        StatusCount(Status.CREDITED, 1),
    ]
    new = ReportRange(RANGE.start, RANGE.end, Segment.NEW)
    assert figures.by_status(conn, new, now=NOW) == [StatusCount(Status.CANCELLED, 1)]
    occasional = ReportRange(RANGE.start, RANGE.end, Segment.OCCASIONAL)
    assert [w.returns for w in figures.returns_per_week(conn, occasional, now=NOW)] == [1, 1]
    frequent = ReportRange(RANGE.start, RANGE.end, Segment.FREQUENT)
    assert figures.frequent_returners(conn, frequent, now=NOW) == []
    assert figures.satisfaction(conn, loyal, now=NOW).distribution == {1: 1, 2: 0, 3: 0, 4: 1, 5: 0}
