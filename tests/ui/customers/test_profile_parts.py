"""The read-only parts of the customer profile: facts, policy words, returns and messages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desk.customers.profile import load_profile
from desk.customers.segments import Segment
from desk.i18n.catalog import set_language
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, move_return
from desk.workflow import Status
from ui.customers.profile_parts import (
    UNKNOWN,
    FactsBox,
    HistoryBox,
    fact_values,
    policy_text,
)
from ui.returns.list_look import STATUS_COLORS


def log(db, *, customer_id=None, reason="defective", cents=3490):
    draft = ReturnDraft(
        reason=reason,
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=cents)],
        customer_id=customer_id,
        new_customer=None
        if customer_id
        else CustomerDraft(name="Joana <Ribeiro>", email="joana@example.com"),
    )
    return create_return(db, draft=draft, today=date(2026, 11, 30))


@pytest.fixture
def profile(db):
    first = log(db)
    second = log(db, customer_id=first.customer_id, reason="wrong_size", cents=1200)
    move_return(
        db, return_id=second.id, to=Status.APPROVED, expected_version=second.version, notify=True
    )
    return load_profile(db, first.customer_id)


def test_facts_the_shop_does_not_know_say_unknown(profile):
    facts = fact_values(profile, "EUR")
    assert facts["orders"] == UNKNOWN and facts["spend"] == UNKNOWN and facts["rate"] == UNKNOWN
    assert facts["returns"] == "2"
    assert "(1)" in facts["reasons"] and ", " in facts["reasons"]


def test_known_orders_and_spend_are_shown(profile):
    customer = profile.customer
    customer.orders_count, customer.lifetime_spend_cents = 8, 123456
    customer.customer_since = date(2024, 3, 1)
    habits = replace(profile.habits, return_rate=0.25, cancelled=1, median_days_to_return=4.5)
    facts = fact_values(replace(profile, habits=habits), "EUR")
    assert facts["orders"] == "8"
    assert "1,234.56" in facts["spend"] or "1234.56" in facts["spend"]
    assert facts["since"] == "3/1/24"  # the desk's short date (English here)
    assert facts["rate"] == "25% of orders"
    assert facts["returns"] == "2 (and 1 cancelled)"
    assert facts["days"] == "4.5 days (median)"


def test_policy_text_for_a_frequent_returner(profile):
    rules = replace(
        profile.rules,
        segment=Segment.FREQUENT,
        window_days=30,
        refund_methods=("store_credit", "exchange"),
        fee_percent=10,
        fee_conditions=("opened", "damaged"),
        counter_refund=False,
        receipt_required=True,
    )
    lines = policy_text(rules).split("<br>")
    assert lines[0] == "<b>30-day</b> return window"
    assert lines[1] == "Refund as: Store credit, Exchange"
    assert lines[2].startswith("10% restocking fee on ")
    assert lines[3:] == ["Refund only after inspection", "Receipt required"]


def test_policy_text_without_fee_or_methods(profile):
    rules = replace(profile.rules, refund_methods=(), fee_percent=5, fee_conditions=())
    text = policy_text(rules)
    assert "Refund as: nothing offered" in text and "No restocking fee" in text


def test_facts_box_greys_unknown_and_escapes_the_segment_reason(qtbot, profile):
    box = FactsBox()
    qtbot.addWidget(box)
    habits = replace(profile.habits, why="2 returns <in> a year")
    box.show_profile(replace(profile, habits=habits), "EUR")
    assert box.values["returns"].text() == "2"
    assert box.values["orders"].text() == UNKNOWN
    assert "#6b7280" in box.values["orders"].styleSheet()
    assert box.values["returns"].styleSheet() == ""
    assert box.segment_why.text().endswith(": 2 returns &lt;in&gt; a year")


def test_history_lists_returns_and_messages_newest_first(qtbot, profile):
    box = HistoryBox()
    qtbot.addWidget(box)
    box.show_profile(profile, "EUR")
    returns = box.returns_table
    assert returns.rowCount() == 2
    assert box.return_ids == [r.return_id for r in profile.returns]
    newest = profile.returns[0]
    assert returns.item(0, 0).text() == newest.number
    assert returns.item(0, 2).text() == Status.APPROVED.label
    assert returns.item(0, 2).foreground().color() == QColor(STATUS_COLORS[Status.APPROVED])
    assert "12.00" in returns.item(0, 3).text()
    assert returns.item(0, 3).textAlignment() & Qt.AlignRight
    messages = box.messages_table
    assert messages.rowCount() == 1
    assert messages.item(0, 1).text() == "Queued"
    assert messages.item(0, 2).text() == "Email"
    assert messages.item(0, 3).text() == profile.messages[0].subject


def test_double_click_on_a_return_names_it(qtbot, profile):
    box = HistoryBox()
    qtbot.addWidget(box)
    box.show_profile(profile, "EUR")
    box.show()
    table = box.returns_table
    where = table.visualItemRect(table.item(1, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=where)  # Qt wants a press first
    with qtbot.waitSignal(box.return_chosen) as blocker:
        qtbot.mouseDClick(table.viewport(), Qt.LeftButton, pos=where)
    assert blocker.args == [profile.returns[1].return_id]


def test_in_portuguese_facts_and_policy_read_as_brazilian_staff_speak(qtbot, profile):
    set_language("pt_BR")
    customer = profile.customer
    customer.orders_count, customer.lifetime_spend_cents = 1234, 123456
    customer.customer_since = date(2024, 3, 1)
    habits = replace(profile.habits, return_rate=0.25, cancelled=1, median_days_to_return=4.5)
    facts = fact_values(replace(profile, habits=habits), "BRL")
    assert facts["orders"] == "1.234"
    assert facts["spend"] == "R$\xa01.234,56"
    assert facts["since"] == "01/03/2024"
    assert facts["rate"] == "25% dos pedidos"
    assert facts["returns"] == "2 (e 1 canceladas)"
    assert facts["days"] == "4,5 dias (mediana)"
    rules = replace(profile.rules, window_days=30, fee_percent=0, receipt_required=False)
    lines = policy_text(rules).split("<br>")
    assert lines[0] == "Prazo de devolução de <b>30 dias</b>"
    assert "Sem taxa de reposição" in lines and "Cupom fiscal não é necessário" in lines
    box = HistoryBox()
    qtbot.addWidget(box)
    headers = [box.returns_table.horizontalHeaderItem(i).text() for i in range(4)]
    assert headers == ["Devolução", "Registrada", "Status", "Total"]
    assert box.title() == "Devoluções e mensagens"


def test_in_portuguese_a_one_day_window_is_singular(profile):
    set_language("pt_BR")
    one_day = policy_text(replace(profile.rules, window_days=1)).split("<br>")[0]
    assert one_day == "Prazo de devolução de <b>1 dia</b>"
