"""The policy panel of the new-return dialog: live summary, badge, bonus, override, exchange."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlmodel import select

from desk.i18n.formats import format_date
from desk.models import Customer, ExchangeLine, Return, StatusChange
from desk.returns import LineDraft, ReturnDraft, save_return
from ui import prompts
from ui.new_return.dialog import NewReturnDialog


@pytest.fixture
def dialog(qtbot, db):
    dlg = NewReturnDialog(db, currency="EUR", staff="Ana")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitExposed(dlg)
    return dlg


@pytest.fixture(autouse=True)
def never_ask(monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)


def customer_on_file(db, name, *, returns, orders=None, refund="original") -> int:
    with db.session() as session:
        customer = Customer(
            name=name, email=f"{name.split()[0].lower()}@example.com", orders_count=orders
        )
        customer.preferred_refund = refund
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


def pick(qtbot, dlg, typed):
    picker = dlg.customer
    qtbot.keyClicks(picker.search_box, typed)
    qtbot.waitUntil(lambda: not picker.search_pending and picker.results.isVisible())
    qtbot.keyClick(picker.search_box, Qt.Key_Return)
    assert picker.mode == "picked"


def fill_item(qtbot, dlg, price="45.00", condition="Opened"):
    row = dlg.lines.rows[0]
    qtbot.keyClicks(row.sku, "SHOE-42")
    qtbot.keyClicks(row.price, price)
    row.condition.setCurrentIndex(row.condition.findText(condition))
    dlg.reason_combo.setFocus()
    qtbot.keyClicks(dlg.reason_combo, "Wrong")


def bought_days_ago(qtbot, dlg, days):
    bought = date.today() - timedelta(days=days)
    dlg.date_field.edit.setFocus()
    qtbot.keyClicks(dlg.date_field.edit, bought.isoformat())


def saved(db) -> list[Return]:
    with db.session() as session:
        return list(session.exec(select(Return).order_by(Return.id)).all())


def test_a_loyal_customer_gets_the_long_window_and_her_preferred_method(qtbot, db, dialog):
    customer_on_file(db, "Lena Loyal", returns=2, orders=20, refund="store_credit")
    pick(qtbot, dialog, "Lena")
    panel = dialog.policy
    assert "Loyal customer: 60-day window" in panel.summary.text()
    assert panel.why.text() == "Why: 20 orders, 2 returned"
    assert not panel.badge.isVisible()
    assert dialog.refund_combo.currentData() == "store_credit"

    fill_item(qtbot, dialog)
    bought_days_ago(qtbot, dialog, 48)
    assert "60-day window, 12 days left" in panel.summary.text()
    assert "Bonus for store credit: <b>+€4.50</b> (10%)" in panel.money.text()
    assert not panel.problems.isVisible() and not panel.override_row.isVisible()

    dialog.refund_combo.setCurrentIndex(dialog.refund_combo.findData("original"))
    assert panel.offer.isVisible()
    assert panel.offer.text() == "Choose store credit: +€4.50 (10%)"
    assert not panel.money.isVisible()


def test_a_frequent_returner_is_flagged_not_blocked(qtbot, db, dialog):
    customer_on_file(db, "Fred Frequent", returns=6)
    pick(qtbot, dialog, "Fred")
    panel = dialog.policy
    assert panel.badge.isVisible() and "Frequent returner" in panel.badge.text()
    assert panel.summary.text().startswith("<b>Frequent returner: 30-day window")
    assert "refund after inspection" in panel.summary.text()
    assert panel.why.text() == "Why: 6 returns in the last 12 months"
    assert dialog.refund_combo.currentData() == "store_credit"  # original is not offered

    fill_item(qtbot, dialog)
    qtbot.keyClicks(dialog.ref_edit, "INV-9")
    assert "Restocking fee: <b>€4.50</b>" in panel.money.text()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    [*_, ret] = saved(db)
    assert (ret.fee_cents, ret.bonus_cents, ret.refund_method) == (450, 450, "store_credit")


def test_a_method_staff_chose_is_kept_when_the_customer_is_picked(qtbot, db, dialog):
    customer_on_file(db, "Lena Loyal", returns=2, orders=20, refund="store_credit")
    dialog.refund_combo.setFocus()
    qtbot.keyClicks(dialog.refund_combo, "Exchange")
    assert dialog.refund_combo.currentData() == "exchange"
    pick(qtbot, dialog, "Lena")
    assert dialog.refund_combo.currentData() == "exchange"
    assert dialog.exchange.isVisible()


def test_outside_the_window_needs_a_reason_which_goes_in_the_timeline(qtbot, db, dialog):
    qtbot.mouseClick(dialog.customer.new_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.customer.name_edit, "Nina New")
    fill_item(qtbot, dialog, condition="Unopened")
    bought_days_ago(qtbot, dialog, 31)
    panel = dialog.policy
    assert "New customer: 30-day window, window passed" in panel.summary.text()
    ended = format_date(date.today() - timedelta(days=1))  # in the desk's language
    assert f"Outside the 30-day window (ended {ended})." in panel.problems.text()
    assert panel.override_row.isVisible()

    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    assert dialog.isVisible() and saved(db) == []
    assert panel.override_error.label.isVisible()
    assert "say why you accept this return anyway" in panel.override_error.label.text()
    assert dialog.focusWidget() is panel.override_edit

    qtbot.keyClicks(panel.override_edit, "Gift, receipt came late")
    assert not panel.override_error.label.isVisible()
    qtbot.keyClick(panel.override_edit, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.result() == QDialog.Accepted
    with db.session() as session:
        [change] = session.exec(select(StatusChange)).all()
    assert change.note == (
        f"Policy override: outside the 30-day window (ended {ended}) — Gift, receipt came late"
    )


def test_a_required_receipt_that_is_missing_needs_a_reason_like_any_rule(qtbot, db):
    from desk.customers.segments import Segment
    from desk.policy.settings import POLICY
    from desk.settings import save_settings

    save_settings(db, {POLICY[Segment.NEW].receipt_required: True})
    dialog = NewReturnDialog(db, currency="EUR", staff="Ana")  # reads the rule when opened
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.customer.new_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.customer.name_edit, "Rui Prates")
    fill_item(qtbot, dialog, condition="Unopened")
    panel = dialog.policy
    qtbot.waitUntil(lambda: "receipt" in panel.problems.text().lower(), timeout=3000)
    assert "A receipt or order reference is required." in panel.problems.text()
    assert panel.override_row.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible() and saved(db) == []  # nothing saved without the reason
    assert dialog.focusWidget() is panel.override_edit
    qtbot.keyClicks(panel.override_edit, "Paid cash, receipt lost")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    with db.session() as session:
        [change] = session.exec(select(StatusChange)).all()
    assert change.note.startswith("Policy override: a receipt or order reference is required")
    assert change.note.endswith("— Paid cash, receipt lost")


def test_an_exchange_shows_who_pays_and_is_saved_with_its_replacements(qtbot, db, dialog):
    customer_on_file(db, "Lena Loyal", returns=2, orders=20, refund="store_credit")
    pick(qtbot, dialog, "Lena")
    fill_item(qtbot, dialog)
    assert not dialog.exchange.isVisible()
    dialog.refund_combo.setCurrentIndex(dialog.refund_combo.findData("exchange"))
    assert dialog.exchange.isVisible()
    row = dialog.exchange.rows[0]
    qtbot.keyClicks(row.sku, "SHOE-43")
    qtbot.keyClicks(row.price, "52")
    assert "<b>Customer pays €7.00</b>" in dialog.exchange.settlement_label.text()
    qtbot.keyClicks(dialog.exchange.rows[0].price, "\b\b30")  # now €30: the shop gives back
    assert "Give back €15.00 by original payment" in dialog.exchange.settlement_label.text()

    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == QDialog.Accepted
    [*_, ret] = saved(db)
    assert (ret.refund_method, ret.settlement_cents) == ("exchange", -1500)
    with db.session() as session:
        [line] = session.exec(select(ExchangeLine)).all()
    assert (line.return_id, line.sku, line.unit_price_cents) == (ret.id, "SHOE-43", 3000)
