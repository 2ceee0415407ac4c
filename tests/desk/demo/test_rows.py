"""The demo rows drawn from the plans: consistent customers, returns, lines and timelines."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime

import pytest

from desk.demo.content import (
    CATALOGUE,
    ELECTRONICS,
    REFUND_BY_SETTLED,
    Channel,
    Condition,
    Reason,
    S,
)
from desk.demo.plan import Planner, Rng, as_datetime
from desk.demo.rows import RowMaker, _ascii, _phone, _till_knowledge
from desk.numbering import format_number
from desk.phones import can_receive_sms, is_e164
from desk.workflow import NOTE_REQUIRED, Status

NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)
RETURNS = 400


def draw(seed: int = 3):
    """Draw customers and returns the way desk.demo.seed does, without a database."""
    rng = Rng(seed)
    planner, maker = Planner(rng, NOW), RowMaker(rng)
    plans, owners = planner.plans(RETURNS), planner.owners(RETURNS)
    customers = maker.customers(100, owners, plans)
    returns, lines, timelines = [], [], []
    for i, (plan, owner) in enumerate(zip(plans, owners, strict=True)):
        stamps = [as_datetime(t) for t in plan.times]
        ret = maker.return_row(plan, stamps, 1 + i, format_number(stamps[0].year, 1 + i))
        ret["customer_id"] = 100 + owner
        lines.append(maker.lines(ret))
        returns.append((plan, ret))
        timelines.append(maker.timeline(1 + i, plan, stamps))
    return customers, returns, lines, timelines


@pytest.fixture(scope="module")
def drawn():
    return draw()


def test_the_same_seed_draws_the_same_rows(drawn):
    assert draw() == drawn
    assert draw(seed=4)[0] != drawn[0]


def test_customers_are_numbered_reachable_and_their_emails_unique(drawn):
    customers = drawn[0]
    assert [c["id"] for c in customers] == list(range(100, 100 + len(customers)))
    emails = [c["email"] for c in customers if c["email"]]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z.]+", e) for e in emails)
    for c in customers:
        assert c["email"] or c["phone"], c["name"]
        assert len(c["name"].split()) >= 2
        if c["preferred_channel"] == Channel.EMAIL:
            assert c["email"]
        if c["preferred_channel"] == Channel.SMS:
            assert c["phone"]


def test_each_customer_exists_before_their_first_return(drawn):
    customers, returns = drawn[0], drawn[1]
    created = {c["id"]: c["created_at"] for c in customers}
    for _, ret in returns:
        assert created[ret["customer_id"]] < ret["created_at"]


def test_returns_end_where_their_plan_ends_and_refund_as_settled(drawn):
    for plan, ret in drawn[1]:
        assert ret["status"] == plan.path[-1]
        assert ret["version"] == len(plan.path)
        assert ret["purchase_date"] < ret["created_at"].date()
        assert ret["created_at"] <= ret["updated_at"]
        settled = [s for s in plan.path if s in REFUND_BY_SETTLED]
        if settled:
            assert ret["refund_method"] == REFUND_BY_SETTLED[settled[0]]
        if ret["reason"] == Reason.OTHER:
            assert ret["reason_text"]


def test_totals_are_the_sum_of_the_lines_and_conditions_follow_reasons(drawn):
    for (_, ret), lines in zip(drawn[1], drawn[2], strict=True):
        assert "items" not in ret  # drawn into lines
        assert 1 <= len(lines) <= 4
        assert ret["total_cents"] == sum(li["quantity"] * li["unit_price_cents"] for li in lines)
        for line in lines:
            assert line["unit_price_cents"] > 0 and line["quantity"] in (1, 2, 3)
            if ret["reason"] == Reason.DEFECTIVE:
                assert line["condition"] == Condition.DEFECTIVE
            if line["condition"] == Condition.UNOPENED:
                assert line["disposition"] == "restock"


def test_only_electronics_carry_serial_numbers(drawn):
    electronic = {stem for stem, *_ in CATALOGUE[ELECTRONICS]}
    serials = [li for lines in drawn[2] for li in lines if li["serial"]]
    assert serials
    assert all(li["sku"] in electronic for li in serials)


def test_timelines_chain_their_statuses_with_notes_where_required(drawn):
    for (plan, _), changes in zip(drawn[1], drawn[3], strict=True):
        assert [c["to_status"] for c in changes] == plan.path
        assert [c["from_status"] for c in changes] == [None, *plan.path[:-1]]
        for change in changes:
            if Status(change["to_status"]) in NOTE_REQUIRED:
                assert change["note"], change
        if plan.intake == "mail" and plan.path[0] == S.REQUESTED:
            assert changes[0]["staff"] == ""  # asked for online: nobody at the desk


def test_names_become_email_words():
    assert _ascii("João") == "joao"
    assert _ascii("O'Brien") == "obrien"
    assert _ascii("Zoë") == "zoe"


def test_phones_are_brazilian_or_british_mobiles_in_e164():
    rng = Rng(5)
    for _ in range(500):
        brazilian, british = _phone(rng, True), _phone(rng, False)
        assert re.fullmatch(r"\+55\d\d9\d{8}", brazilian)
        assert re.fullmatch(r"\+447\d{9}", british)
        for phone in (brazilian, british):
            assert is_e164(phone) and can_receive_sms(phone), phone


def test_what_the_till_knows_adds_up():
    created = datetime(2026, 5, 1, tzinfo=UTC)
    rng = random.Random(11)
    known = [_till_knowledge(rng, 3, created) for _ in range(200)]
    unknown = [k for k in known if k["orders_count"] is None]
    assert unknown and all(k == dict.fromkeys(k) for k in unknown)
    for k in known:
        if k["orders_count"] is not None:
            assert k["orders_count"] >= 3
            assert 1800 * k["orders_count"] <= k["lifetime_spend_cents"] <= 9500 * k["orders_count"]
            assert k["customer_since"] <= created.date()
