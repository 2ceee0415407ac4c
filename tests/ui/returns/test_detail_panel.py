"""The detail panel: what it shows of a return, and the signals its buttons send."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from desk.customers.segments import Segment
from desk.returns import CustomerDraft, ExchangeDraft, LineDraft, ReturnDraft
from desk.services import create_return, get_return, move_return, return_view
from desk.workflow import Status, allowed_next
from ui.returns.detail_panel import LINE_COLUMNS, DetailPanel


def log_return(db, **fields):
    values = dict(
        reason="defective",
        reason_text="Stopped heating <after> a week",
        purchase_date=date(2026, 11, 20),
        purchase_ref="R-889",
        lines=[
            LineDraft(sku="KETTLE-9", description="Kettle", quantity=2, unit_price_cents=3490),
            LineDraft(sku="MUG-1", description="Mug", unit_price_cents=650, serial="B-17"),
        ],
        new_customer=CustomerDraft(name="Joana <Ribeiro>", email="joana@example.com"),
    )
    values.update(fields)
    ret = create_return(db, draft=ReturnDraft(**values), today=date(2026, 11, 30))
    return get_return(db, return_id=ret.id)


@pytest.fixture
def panel(qtbot):
    widget = DetailPanel()
    qtbot.addWidget(widget)
    return widget


def row(panel, i: int) -> list[str]:
    return [panel.lines_table.item(i, j).text() for j in range(len(LINE_COLUMNS))]


def test_nothing_selected_hides_the_body(panel):
    assert panel.detail is None
    assert panel.widget().isHidden()


def test_header_customer_and_return_facts(panel, db):
    detail = log_return(db)
    panel.show_detail(detail)
    assert not panel.widget().isHidden()
    assert panel.number_label.text() == detail.ret.number
    assert panel.status_label.text() == Status.RECEIVED.label
    assert panel.meta_label.text().startswith("Logged ")
    customer = panel.customer_label.text()
    assert "<b>Joana &lt;Ribeiro&gt;</b>" in customer  # names are escaped, not markup
    assert "joana@example.com" in customer
    facts = panel.return_label.text()
    assert "“Stopped heating &lt;after&gt; a week”" in facts
    assert "11/20/26 · receipt R-889" in facts  # the date in the desk's language


def test_lines_amounts_serial_and_total(panel, db):
    panel.show_detail(log_return(db))
    assert panel.lines_table.rowCount() == 2
    kettle, mug = row(panel, 0), row(panel, 1)
    assert kettle[0] == "KETTLE-9" and kettle[2] == "2"
    assert "34.90" in kettle[3] and "69.80" in kettle[4]
    assert mug[1] == "Mug\nSerial/batch B-17\nUnopened · restock"  # condition · goes to
    assert "76.30" in panel.total_label.text()
    assert panel.lines_table.item(0, 4).textAlignment() & Qt.AlignRight


def test_unknown_purchase_date_says_so(panel, db):
    panel.show_detail(log_return(db, purchase_date=None, purchase_ref=""))
    assert "<b>Bought:</b> date unknown" in panel.return_label.text()
    assert "receipt" not in panel.return_label.text()


def test_exchange_shows_replacement_and_settlement(panel, db):
    detail = log_return(
        db,
        refund_method="exchange",
        exchange_lines=[
            ExchangeDraft(sku="KETTLE-10", description="Kettle XL", unit_price_cents=9900)
        ],
    )
    panel.show_detail(detail)
    facts = panel.return_label.text()
    assert "<b>Replacement:</b> 1 × KETTLE-10 Kettle XL" in facts
    settlement = detail.ret.settlement_cents
    assert settlement != 0
    assert ("Customer pays:" if settlement > 0 else "Give back:") in facts


def test_one_button_per_allowed_move_and_each_emits_its_status(panel, db, qtbot):
    panel.show_detail(log_return(db))
    targets = allowed_next(Status.RECEIVED)
    assert set(panel.move_buttons) == set(targets)
    assert panel.actions_hint.text() == "Next step:"
    target = targets[0]
    with qtbot.waitSignal(panel.move_requested) as blocker:
        qtbot.mouseClick(panel.move_buttons[target], Qt.LeftButton)
    assert blocker.args == [target]


def test_timeline_lists_each_move_and_a_final_status_has_no_buttons(panel, db):
    detail = log_return(db)
    ret = detail.ret
    move_return(
        db,
        return_id=ret.id,
        to=Status.CANCELLED,
        expected_version=ret.version,
        staff="Rita",
        note="Customer <changed> mind",
        notify=False,
    )
    panel.show_detail(detail)
    panel.show_detail(get_return(db, return_id=ret.id))  # redrawn, not appended
    lines = panel.timeline_text()
    assert len(lines) == 2
    assert Status.CANCELLED.label in lines[1]
    assert "Rita" in lines[1] and "Customer &lt;changed&gt; mind" in lines[1]
    assert panel.move_buttons == {}
    assert panel.actions_hint.text() == "Final status."


def test_profile_print_and_export_buttons_emit(panel, db, qtbot):
    detail = log_return(db)
    panel.show_detail(detail)
    with qtbot.waitSignal(panel.profile_requested) as blocker:
        qtbot.mouseClick(panel.profile_button, Qt.LeftButton)
    assert blocker.args == [detail.customer.id]
    with qtbot.waitSignal(panel.print_requested):
        qtbot.mouseClick(panel.print_button, Qt.LeftButton)
    with qtbot.waitSignal(panel.export_requested):
        qtbot.mouseClick(panel.export_button, Qt.LeftButton)


def test_profile_button_without_a_return_sends_nothing(panel, qtbot):
    with qtbot.assertNotEmitted(panel.profile_requested):
        panel._request_profile()


def test_habits_add_the_segment_and_flag_a_frequent_returner(panel, db):
    detail = log_return(db)
    habits = return_view(db, return_id=detail.ret.id).habits
    panel.show_detail(detail)
    before = panel.customer_label.text()
    panel.show_habits(habits)
    shown = panel.customer_label.text()
    assert shown.startswith(before)
    assert habits.segment.label in shown and "take a look" not in shown
    panel.show_detail(detail)
    panel.show_habits(replace(habits, segment=Segment.FREQUENT, why="9 returns <this> year"))
    shown = panel.customer_label.text()
    assert "⚑ take a look" in shown and "9 returns &lt;this&gt; year" in shown


def test_an_erased_customer_shows_as_its_own_entry_after_the_moves(panel, db):
    from desk.customers.privacy import erase_customer

    detail = log_return(db)
    erase_customer(db, detail.customer.id, staff="Marta")
    panel.show_detail(get_return(db, return_id=detail.ret.id))
    lines = panel.timeline_text()
    assert len(lines) == 2 and Status.RECEIVED.label in lines[0]
    assert "Data erased" in lines[1] and "Marta" in lines[1]
    assert "Customer data erased on request by Marta." in lines[1]
