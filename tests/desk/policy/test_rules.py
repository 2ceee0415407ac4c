"""The return policy per segment: window boundaries, fees, methods, explained summaries."""

from datetime import date, timedelta

import pytest

from desk.customers.segments import Segment
from desk.i18n.catalog import set_language
from desk.policy.rules import ItemForFee, evaluate, rules_for
from desk.policy.settings import POLICY
from desk.settings import set_settings


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


def test_the_decision_reads_in_the_desks_language(db):
    with db.session() as session:
        rules = rules_for(session, Segment.FREQUENT)
    set_language("pt_BR")
    bought = date(2026, 9, 1)
    decision = evaluate(
        rules,
        purchase_date=bought,
        today=bought + timedelta(days=31),
        refund_method="original",
        preferred_method=None,
        items=[ItemForFee("opened", 10_000)],
        has_receipt=False,
    )
    assert decision.problems == [
        "Fora do prazo de devolução de 30 dias (terminou em 01/10/2026).",
        "Pagamento original não é oferecido a este cliente.",
        "É obrigatório o cupom fiscal ou o número do pedido.",
    ]
    assert "prazo de 30 dias, prazo encerrado" in decision.summary
    assert "taxa de reposição de 10% sobre itens: aberto, danificado" in decision.summary
    one_left = evaluate(
        rules,
        purchase_date=bought,
        today=bought + timedelta(days=29),
        refund_method="store_credit",
        preferred_method=None,
        items=[],
        has_receipt=True,
    )
    assert "prazo de 30 dias, resta 1 dia" in one_left.summary  # the singular
