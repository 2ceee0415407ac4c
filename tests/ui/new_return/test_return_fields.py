"""The return's own details: what they add to the draft, the refund suggestion, their errors."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate

from ui.new_return.return_fields import ReturnFields


@pytest.fixture
def fields(qtbot):
    widget = ReturnFields()
    qtbot.addWidget(widget)
    return widget


def test_untouched_fields_hold_no_input(fields):
    part = fields.draft_part()
    assert part["reason"] == "" and part["purchase_date"] is None
    assert part["refund_method"] == "original" and part["intake"] == "counter"
    assert not fields.has_input() and not fields.has_receipt()


def test_what_was_typed_goes_into_the_draft(qtbot, fields):
    fields.reason_combo.setCurrentIndex(fields.reason_combo.findData("damaged"))
    qtbot.keyClicks(fields.ref_edit, "  INV-77 ")
    qtbot.keyClicks(fields.date_field.edit, "02/11/2026")
    part = fields.draft_part()
    assert part["reason"] == "damaged" and part["purchase_ref"] == "  INV-77 "
    assert part["purchase_date"] == date(2026, 11, 2) == fields.purchase_date()
    assert fields.has_receipt() and fields.has_input() and fields.problems() == {}
    fields.date_field.edit.clear()
    assert fields.purchase_date() is None


def test_a_short_date_is_typed_naturally_and_written_back_in_full(qtbot, fields):
    today = date.today()
    qtbot.keyClicks(fields.date_field.edit, str(today.day))  # "20" means the 20th
    fields.date_field.edit.editingFinished.emit()
    assert fields.purchase_date() == today
    assert fields.date_field.edit.text() == today.strftime("%d/%m/%Y")
    assert fields.date_field.weekday.text() == today.strftime("%a")


def test_an_unreadable_date_stays_as_typed_with_how_to_type_it(qtbot, fields):
    qtbot.keyClicks(fields.date_field.edit, "31/31")
    fields.date_field.edit.editingFinished.emit()
    assert fields.date_field.edit.text() == "31/31" and fields.purchase_date() is None
    assert "type it as 20/11/2026 (dd/mm/yyyy)" in fields.problems()["purchase_date"]


def test_the_calendar_fills_the_date_in(qtbot, fields):
    fields.show()
    fields.date_field.pick()
    calendar = fields.date_field.calendar
    calendar.clicked.emit(QDate(2026, 11, 3))
    assert fields.purchase_date() == date(2026, 11, 3)
    assert fields.date_field.edit.text() == "03/11/2026"


def test_the_policy_suggests_a_refund_until_staff_pick_one(fields):
    fields.suggest_refund("store_credit")
    assert fields.refund_method() == "store_credit"
    fields.suggest_refund("no_such_method")  # not offered: stays
    assert fields.refund_method() == "store_credit"
    fields.refund_combo.activated.emit(0)  # staff chose by hand
    fields.suggest_refund("exchange")
    assert fields.refund_method() == "store_credit"


def test_errors_show_on_their_field_and_clear_when_it_changes(fields):
    fields.show_errors({"reason": "Choose a reason.", "lines": "not ours"})
    assert fields.errors["reason"].shown and not fields.errors["status"].shown
    fields.reason_combo.setCurrentIndex(2)
    assert not fields.errors["reason"].shown
    fields.show_errors({"purchase_date": "In the future."})
    fields.clear_errors()
    assert not any(error.shown for error in fields.errors.values())
