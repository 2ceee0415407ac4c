"""What a return may take back from its receipt, summed over several returns."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from desk.codes import PriceSource, Reason, Status
from desk.errors import ValidationError
from desk.models import StatusChange
from desk.policy.intake import with_policy
from desk.returns import LineDraft, ReturnDraft
from desk.services import check_return, create_return, move_return

TODAY = date(2026, 11, 25)


def _draft(shop, *quantities, override="", sku="BLT-7402-S", line=0):
    lines = [
        LineDraft(
            sku,
            "Leather belt",
            q,
            2990,
            product_id=shop["products"][sku],
            sale_line_id=shop["lines"][line],
            price_source=PriceSource.PAID,
        )
        for q in quantities
    ]
    return ReturnDraft(
        reason=Reason.CHANGED_MIND,
        lines=lines,
        customer_id=shop["customer"],
        purchase_ref="4821-0173",
        purchase_date=date(2026, 11, 20),
        sale_id=shop["sale"],
        override_reason=override,
    )


def _problems(db, draft):
    with db.session() as session:
        return with_policy(session, draft, today=TODAY).policy_problems


def test_within_what_was_bought_there_is_no_problem(db, shop):
    assert _problems(db, _draft(shop, 2)) == []
    assert check_return(db, draft=_draft(shop, 2), today=TODAY) == {}


def test_beyond_what_was_bought_needs_an_override_and_the_timeline_keeps_it(db, shop):
    problems = _problems(db, _draft(shop, 3))
    assert problems == [
        "Only 2 of BLT-7402-S left to return on receipt 4821-0173 (2 bought, 0 returned "
        "already); 3 asked."
    ]
    with pytest.raises(ValidationError) as caught:
        create_return(db, draft=_draft(shop, 3), today=TODAY)
    assert "override" in caught.value.errors
    ret = create_return(db, draft=_draft(shop, 3, override="Gift receipt lists 3"), today=TODAY)
    with db.session() as session:
        notes = session.exec(select(StatusChange.note).where(StatusChange.return_id == ret.id))
        assert any("Gift receipt lists 3" in n for n in notes)


def test_quantities_add_up_over_the_lines_of_one_draft(db, shop):
    assert _problems(db, _draft(shop, 1, 2))
    assert "override" in check_return(db, draft=_draft(shop, 1, 2), today=TODAY)


def test_quantities_add_up_over_several_returns_and_a_cancelled_one_gives_back(db, shop):
    first = create_return(db, draft=_draft(shop, 1), today=TODAY)
    assert _problems(db, _draft(shop, 1)) == []
    create_return(db, draft=_draft(shop, 1), today=TODAY)
    problems = _problems(db, _draft(shop, 1))
    assert problems and "Only 0 of BLT-7402-S" in problems[0] and "2 returned" in problems[0]
    move_return(
        db,
        return_id=first.id,
        to=Status.CANCELLED,
        expected_version=first.version,
        notify=False,
        note="Customer kept it",
    )
    assert _problems(db, _draft(shop, 1)) == []


def test_a_product_marked_not_returnable_is_a_problem(db, shop):
    draft = _draft(shop, 1, sku="EAR-9", line=2)
    assert _problems(db, draft) == ["EAR-9 (Earrings) is marked not returnable."]


def test_a_link_to_a_sale_that_is_gone_is_refused(db, shop):
    draft = _draft(shop, 1)
    draft.sale_id = 999_999
    with pytest.raises(ValidationError) as caught:
        create_return(db, draft=draft, today=TODAY)
    assert "purchase_ref" in caught.value.errors
