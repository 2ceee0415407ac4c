"""Finding a customer as you type, picking one with keys or a click, or entering a new one."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from ui.new_return.customer_picker import NEW, PICKED, SEARCH, CustomerPicker

PEOPLE = (
    CustomerDraft(name="Joana Ribeiro", email="joana@example.com", phone="+351 912 000 111"),
    CustomerDraft(name="Joaquim Sousa", email="joaquim@example.com"),
    CustomerDraft(name="Marta <Lima>", phone="+351 913 222 333", preferred_channel="sms"),
)


@pytest.fixture
def picker(qtbot, db):
    for person in PEOPLE:
        draft = ReturnDraft(
            reason="defective",
            lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
            new_customer=person,
        )
        create_return(db, draft=draft, today=date(2026, 11, 30))
    widget = CustomerPicker(db)
    widget._timer.setInterval(1)  # the typing pause does not matter here: keep the tests quick
    qtbot.addWidget(widget)
    widget.show()
    return widget


def search(qtbot, picker, text: str) -> list[str]:
    picker.search_box.setText(text)
    qtbot.waitUntil(lambda: not picker.search_pending, timeout=3000)
    results = picker.results
    return [results.topLevelItem(i).text(0) for i in range(results.topLevelItemCount())]


def test_typing_lists_matching_customers(qtbot, picker):
    assert picker.mode == SEARCH and picker.title() == "Customer"
    assert search(qtbot, picker, "joa") == ["Joana Ribeiro", "Joaquim Sousa"]
    assert picker.results.isVisible()
    assert picker.search_hint.text().startswith("2 customers match: Down and Up choose one")


def test_no_match_says_so_quoting_what_was_typed(qtbot, picker):
    assert search(qtbot, picker, "zzz") == []
    assert picker.results.isHidden()
    assert "No customer matches “zzz”" in picker.search_hint.text()


def test_emptying_the_search_hides_hint_and_matches(qtbot, picker):
    search(qtbot, picker, "joa")
    assert search(qtbot, picker, "") == []
    assert picker.search_hint.isHidden() and picker.results.isHidden()


def test_down_and_enter_pick_the_second_match(qtbot, picker):
    search(qtbot, picker, "joa")
    qtbot.keyClick(picker.search_box, Qt.Key_Down)
    qtbot.keyClick(picker.search_box, Qt.Key_Down)
    with qtbot.waitSignal(picker.picked) as blocker:
        qtbot.keyClick(picker.search_box, Qt.Key_Return)
    assert blocker.args[0].name == "Joaquim Sousa"
    assert picker.mode == PICKED and picker.title() == "Customer: existing"
    assert picker.draft_part() == (picker.customer.id, None)


def test_enter_picks_only_the_highlighted_one_of_several(qtbot, picker):
    search(qtbot, picker, "joa")
    qtbot.keyClick(picker.search_box, Qt.Key_Return)  # none highlighted: no silent pick
    assert picker.mode == SEARCH and picker.customer is None
    assert picker.search_hint.text().startswith("2 customers match: highlight one")
    qtbot.keyClick(picker.search_box, Qt.Key_Down)
    qtbot.keyClick(picker.search_box, Qt.Key_Return)
    assert picker.mode == PICKED and picker.customer.name == "Joana Ribeiro"


def test_enter_before_several_matches_come_picks_nobody(qtbot, picker):
    picker.search_box.setText("joa")
    qtbot.keyClick(picker.search_box, Qt.Key_Return)
    qtbot.waitUntil(lambda: not picker.search_pending, timeout=3000)
    assert picker.mode == SEARCH and picker.results.currentItem() is None
    assert "2 customers match: highlight one" in picker.search_hint.text()


def test_the_finder_folds_accents_like_the_main_search(qtbot, db):
    for name in ("João Vítor Carvalho", "Aoife Davies", "Aoife King"):
        draft = ReturnDraft(
            reason="defective",
            lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
            new_customer=CustomerDraft(name=name),
        )
        create_return(db, draft=draft, today=date(2026, 11, 30))
    widget = CustomerPicker(db)
    widget._timer.setInterval(1)
    qtbot.addWidget(widget)
    widget.show()
    assert search(qtbot, widget, "joao vitor") == ["João Vítor Carvalho"]
    assert search(qtbot, widget, "vitor carvalho") == ["João Vítor Carvalho"]
    assert search(qtbot, widget, "aoife") == ["Aoife Davies", "Aoife King"]
    qtbot.keyClick(widget.search_box, Qt.Key_Down)
    qtbot.keyClick(widget.search_box, Qt.Key_Down)
    qtbot.keyClick(widget.search_box, Qt.Key_Return)
    assert widget.customer.name == "Aoife King"


def test_enter_before_the_matches_come_takes_the_only_one(qtbot, picker):
    picker.search_box.setText("marta")
    assert picker.search_pending
    qtbot.keyClick(picker.search_box, Qt.Key_Return)
    qtbot.waitUntil(lambda: picker.mode == PICKED, timeout=3000)
    assert picker.customer.name == "Marta <Lima>"
    assert picker.summary_name.text() == "<b>✓ Marta &lt;Lima&gt;</b>"
    details = picker.summary_details.text()
    assert details.startswith("no email · +351 913 222 333\ncontact by sms")


def test_a_click_picks_and_change_goes_back_keeping_the_search(qtbot, picker):
    search(qtbot, picker, "ribeiro")
    item = picker.results.topLevelItem(0)
    rect = picker.results.visualItemRect(item)
    qtbot.mouseClick(picker.results.viewport(), Qt.LeftButton, pos=rect.center())
    assert picker.mode == PICKED and picker.customer.name == "Joana Ribeiro"
    qtbot.mouseClick(picker.change_button, Qt.LeftButton)
    assert picker.mode == SEARCH and picker.customer is None
    assert picker.search_box.text() == "ribeiro"
    assert picker.draft_part() == (None, None)


@pytest.mark.parametrize(
    ("typed", "field"),
    [("ana@example.com", "email_edit"), ("+351 912 999", "phone_edit"), ("Ana Luz", "name_edit")],
)
def test_new_customer_starts_from_what_was_typed(qtbot, picker, typed, field):
    picker.search_box.setText(typed)
    qtbot.mouseClick(picker.new_button, Qt.LeftButton)
    assert picker.mode == NEW and picker.title() == "Customer: new"
    assert getattr(picker, field).text() == typed
    assert picker.has_input()


def test_new_customer_draft_has_what_was_entered(qtbot, picker):
    picker.start_new()
    qtbot.keyClicks(picker.name_edit, "Ana Luz")
    qtbot.keyClicks(picker.email_edit, "ana@example.com")
    customer_id, draft = picker.draft_part()
    assert customer_id is None
    assert (draft.name, draft.email, draft.phone) == ("Ana Luz", "ana@example.com", "")
    picker.find_existing()
    assert picker.mode == SEARCH
    picker.start_new()
    assert picker.name_edit.text() == "Ana Luz"  # the form keeps its fields


def test_check_contact_flags_a_bad_email_and_typing_clears_it(qtbot, picker):
    picker.start_new()
    qtbot.keyClicks(picker.email_edit, "ana@")
    picker.check_contact()
    assert picker.errors["customer.email"].shown
    assert not picker.errors["customer.phone"].shown
    qtbot.keyClicks(picker.email_edit, "example.com")
    assert not picker.errors["customer.email"].shown  # typing clears it


def test_a_customer_error_sends_a_picked_customer_back_to_search(qtbot, picker):
    search(qtbot, picker, "marta")
    qtbot.keyClick(picker.search_box, Qt.Key_Return)
    assert picker.mode == PICKED
    picker.show_errors({"customer": "That customer was erased."})
    assert picker.mode == SEARCH
    assert picker.customer_error.text() == "That customer was erased."
    picker.clear_errors()
    assert not picker.errors["customer"].shown
