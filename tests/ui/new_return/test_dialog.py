"""The new-return dialog, driven with keys and clicks over a real SQLite file."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from sqlmodel import col, select

from desk.errors import DeskError
from desk.models import Customer, Return, ReturnLine, StatusChange
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from ui import prompts
from ui.new_return.dialog import NewReturnDialog


@pytest.fixture
def dialog(qtbot, db):
    dlg = NewReturnDialog(db, currency="EUR", staff="Ana")
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitExposed(dlg)
    qtbot.waitUntil(dlg.isActiveWindow)
    return dlg


@pytest.fixture(autouse=True)
def questions(monkeypatch):
    """Answer ui.prompts.ask_yes_no with whatever the test puts in `answer`; record the asks.

    Autouse: closing a dialog with input at teardown would otherwise block on a modal box.
    """
    asked = {"answer": True, "titles": []}

    def ask_yes_no(parent, title, question):
        asked["titles"].append(title)
        return asked["answer"]

    monkeypatch.setattr(prompts, "ask_yes_no", ask_yes_no)
    return asked


def saved_returns(db) -> list[Return]:
    with db.session() as session:
        return list(session.exec(select(Return).order_by(col(Return.id))).all())


def lines_of(db, ret: Return) -> list[ReturnLine]:
    with db.session() as session:
        query = select(ReturnLine).where(ReturnLine.return_id == ret.id)
        return list(session.exec(query.order_by(col(ReturnLine.id))).all())


def customers(db) -> list[Customer]:
    with db.session() as session:
        return list(session.exec(select(Customer)).all())


def retype(qtbot, edit, text):
    """Replace what is in `edit` the way staff do: select all, then type."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(edit, text)


def new_customer(qtbot, dlg, name="Maria Silva", email="maria@example.com", phone=""):
    qtbot.mouseClick(dlg.customer.new_button, Qt.LeftButton)
    qtbot.keyClicks(dlg.customer.name_edit, name)
    qtbot.keyClicks(dlg.customer.email_edit, email)
    qtbot.keyClicks(dlg.customer.phone_edit, phone)


def fill_line(qtbot, row, sku, price, quantity="1", description=""):
    qtbot.keyClicks(row.sku, sku)
    qtbot.keyClicks(row.description, description)
    retype(qtbot, row.quantity, quantity)
    qtbot.keyClicks(row.price, price)


def choose_reason(qtbot, dlg, typed="Defective"):
    dlg.reason_combo.setFocus()
    qtbot.keyClicks(dlg.reason_combo, typed)


def save_with_keys(qtbot, dlg):
    qtbot.keyClick(dlg.focusWidget() or dlg, Qt.Key_Return, Qt.ControlModifier)


def a_valid_return(qtbot, dlg):
    new_customer(qtbot, dlg)
    fill_line(qtbot, dlg.lines.rows[0], "SHOE-42", "49.90")
    choose_reason(qtbot, dlg)


def add_customer(db, name, email, refund="store_credit") -> Customer:
    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="OLD-1", unit_price_cents=500)],
                new_customer=CustomerDraft(name=name, email=email, phone="+351 912 345 678"),
                refund_method=refund,
            ),
        )
        return session.get(Customer, ret.customer_id)


def test_opens_ready_to_search(dialog):
    assert dialog.focusWidget() is dialog.customer.search_box
    assert dialog.customer.search_box.placeholderText() == "Find customer (name, email or phone)"
    assert dialog.reason_combo.currentText() == "Choose a reason…"
    assert dialog.status_combo.currentData() == "received"
    assert dialog.lines.total_label.text() == "Total <b>€0.00</b>"
    room = QGuiApplication.primaryScreen().availableGeometry().size()
    # 900×720, or as large as a smaller screen allows (the form scrolls), never below 820×480
    assert dialog.width() == max(min(900, room.width()), 820)
    assert dialog.height() == max(min(720, room.height()), 480)


def test_new_customer_with_two_lines_is_saved(qtbot, db, dialog):
    new_customer(qtbot, dialog, phone="+351 911 222 333")
    dialog.customer.channel_combo.setFocus()
    qtbot.keyClicks(dialog.customer.channel_combo, "SMS")
    fill_line(qtbot, dialog.lines.rows[0], "TSHIRT-M", "12,50", quantity="2", description="Shirt")
    qtbot.keyClick(dialog.lines.rows[0].price, Qt.Key_L, Qt.ControlModifier)  # add a line
    assert len(dialog.lines.rows) == 2
    assert dialog.focusWidget() is dialog.lines.rows[1].sku
    fill_line(qtbot, dialog.lines.rows[1], "MUG-01", "7.90")
    assert "€32.90" in dialog.lines.total_label.text()
    choose_reason(qtbot, dialog, "Wrong")  # a space would open the list
    dialog.note_edit.setFocus()
    qtbot.keyClicks(dialog.note_edit, "Counter, receipt seen")

    save_with_keys(qtbot, dialog)

    assert dialog.result() == QDialog.Accepted
    [ret] = saved_returns(db)
    assert dialog.created is not None and dialog.created.id == ret.id
    assert (ret.total_cents, ret.reason, ret.status) == (3290, "wrong_size", "received")
    lines = lines_of(db, ret)
    assert [(li.sku, li.quantity, li.unit_price_cents) for li in lines] == [
        ("TSHIRT-M", 2, 1250),
        ("MUG-01", 1, 790),
    ]
    assert lines[0].description == "Shirt"
    [customer] = customers(db)
    assert (customer.id, customer.name, customer.email) == (
        ret.customer_id,
        "Maria Silva",
        "maria@example.com",
    )
    assert (customer.phone, customer.preferred_channel) == ("+351911222333", "sms")  # E.164
    with db.session() as session:
        [change] = session.exec(select(StatusChange)).all()
    assert (change.staff, change.note) == ("Ana", "Counter, receipt seen")


def test_existing_customer_is_picked_from_the_search_box(qtbot, db, dialog):
    jane = add_customer(db, "Jane Doe", "jane@example.com", refund="store_credit")
    add_customer(db, "Janet Smith", "janet@example.com", refund="original")
    picker = dialog.customer

    qtbot.keyClicks(picker.search_box, "jane")
    qtbot.waitUntil(lambda: not picker.search_pending and picker.results.isVisible())
    rows = [picker.results.topLevelItem(i) for i in range(picker.results.topLevelItemCount())]
    assert [(r.text(0), r.text(1), r.text(2)) for r in rows] == [
        ("Jane Doe", "jane@example.com", "+351 912 345 678"),
        ("Janet Smith", "janet@example.com", "+351 912 345 678"),
    ]
    for key, expected in ((Qt.Key_Down, "Jane Doe"), (Qt.Key_Down, "Janet Smith"),
                          (Qt.Key_Up, "Jane Doe")):  # fmt: skip
        qtbot.keyClick(picker.search_box, key)
        assert picker.results.currentItem().text(0) == expected
    assert dialog.focusWidget() is picker.search_box
    qtbot.keyClick(picker.search_box, Qt.Key_Return)

    assert picker.title() == "Customer: existing"
    assert "Jane Doe" in picker.summary_name.text()
    assert "jane@example.com" in picker.summary_details.text()
    assert dialog.refund_combo.currentData() == "store_credit"  # her preferred method
    assert dialog.focusWidget() is dialog.lines.rows[0].sku
    fill_line(qtbot, dialog.lines.rows[0], "KETTLE-9", "30")
    choose_reason(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)

    assert dialog.result() == QDialog.Accepted
    assert dialog.created.customer_id == jane.id
    assert dialog.created.refund_method == "store_credit"
    assert len(customers(db)) == 2  # no duplicate Jane
    assert saved_returns(db)[-1].total_cents == 3000


def test_enter_typed_before_the_matches_arrive_picks_a_single_match(qtbot, db, dialog):
    add_customer(db, "Jane Doe", "jane@example.com")
    add_customer(db, "Janet Smith", "janet@example.com")
    picker = dialog.customer
    qtbot.keyClicks(picker.search_box, "janet")
    qtbot.keyClick(picker.search_box, Qt.Key_Return)  # faster than the search
    assert picker.mode == "search"
    qtbot.waitUntil(lambda: picker.mode == "picked")
    assert picker.customer.name == "Janet Smith"


def test_no_match_offers_a_new_customer_with_what_was_typed(qtbot, dialog):
    picker = dialog.customer
    qtbot.keyClicks(picker.search_box, "Zoe Nobody")
    qtbot.waitUntil(lambda: not picker.search_pending)
    assert not picker.results.isVisible()
    assert "No customer matches “Zoe Nobody”" in picker.search_hint.text()
    qtbot.keyClick(picker.search_box, Qt.Key_N, Qt.AltModifier)
    qtbot.waitUntil(lambda: picker.title() == "Customer: new")  # a mnemonic clicks animated
    assert picker.name_edit.text() == "Zoe Nobody"
    assert dialog.focusWidget() is picker.email_edit


def test_invalid_email_is_shown_next_to_the_field_and_nothing_is_saved(qtbot, db, dialog):
    a_valid_return(qtbot, dialog)
    retype(qtbot, dialog.customer.email_edit, "maria@example")

    save_with_keys(qtbot, dialog)

    error = dialog.customer.errors["customer.email"]
    assert error.label.isVisible()
    assert "not an email address" in error.label.text()
    assert dialog.customer.email_edit.property("error") is True
    assert dialog.customer.email_edit.text() == "maria@example"  # what was typed stays
    assert dialog.customer.name_edit.text() == "Maria Silva"
    assert dialog.lines.rows[0].sku.text() == "SHOE-42"
    assert dialog.focusWidget() is dialog.customer.email_edit
    assert dialog.isVisible() and dialog.created is None
    assert "Nothing was saved" in dialog.banner.text()
    assert saved_returns(db) == [] and customers(db) == []


def test_email_is_checked_when_leaving_the_field(qtbot, dialog):
    qtbot.mouseClick(dialog.customer.new_button, Qt.LeftButton)
    dialog.customer.email_edit.setFocus()
    qtbot.keyClicks(dialog.customer.email_edit, "maria.at.example.com")
    error = dialog.customer.errors["customer.email"]
    assert not error.label.isVisible()
    qtbot.keyClick(dialog.customer.email_edit, Qt.Key_Tab)
    assert error.label.isVisible() and "not an email address" in error.label.text()
    qtbot.keyClick(dialog.customer.email_edit, Qt.Key_Backspace)  # editing clears it
    assert not error.label.isVisible()
    assert dialog.customer.email_edit.property("error") is False


def test_quantity_zero_is_refused(qtbot, db, dialog):
    a_valid_return(qtbot, dialog)
    row = dialog.lines.rows[0]
    retype(qtbot, row.quantity, "0")
    save_with_keys(qtbot, dialog)
    assert row.error_label.isVisible()
    assert "Quantity must be at least 1." in row.error_label.text()
    assert row.quantity.property("error") is True and row.quantity.text() == "0"
    assert dialog.focusWidget() is row.quantity
    assert saved_returns(db) == []


def test_negative_and_unreadable_prices_are_refused(qtbot, db, dialog):
    a_valid_return(qtbot, dialog)
    first = dialog.lines.rows[0]
    retype(qtbot, first.price, "-5")
    second = dialog.lines.add_line()
    fill_line(qtbot, second, "MUG-01", "abc")
    save_with_keys(qtbot, dialog)
    assert "Price cannot be negative." in first.error_label.text()
    assert "“abc” is not an amount" in second.error_label.text()
    assert first.price.property("error") and second.price.property("error")
    assert (first.price.text(), second.price.text()) == ("-5", "abc")
    assert dialog.focusWidget() is first.price
    assert saved_returns(db) == []


def test_missing_reason_customer_and_sku_are_shown(qtbot, db, dialog):
    qtbot.keyClicks(dialog.lines.rows[0].description, "Something")
    save_with_keys(qtbot, dialog)
    assert "Choose the reason" in dialog.errors["reason"].label.text()
    assert dialog.errors["reason"].label.isVisible()
    assert "Choose a customer" in dialog.customer.customer_error.text()
    assert "Enter the item's SKU." in dialog.lines.rows[0].error_label.text()
    assert dialog.focusWidget() is dialog.customer.search_box  # the first field in error
    assert saved_returns(db) == []


def test_no_items_is_shown(qtbot, db, dialog):
    new_customer(qtbot, dialog)
    choose_reason(qtbot, dialog)
    save_with_keys(qtbot, dialog)
    assert dialog.lines.lines_error.isVisible()
    assert dialog.lines.lines_error.text() == "Add at least one returned item."
    assert saved_returns(db) == []


def test_fixing_the_errors_clears_them_and_saves(qtbot, db, dialog):
    new_customer(qtbot, dialog, email="maria@")
    row = dialog.lines.rows[0]
    fill_line(qtbot, row, "SHOE-42", "-49.90", quantity="0")
    save_with_keys(qtbot, dialog)
    assert saved_returns(db) == []
    assert dialog.errors["reason"].label.isVisible()

    retype(qtbot, dialog.customer.email_edit, "maria@example.com")
    assert not dialog.customer.errors["customer.email"].label.isVisible()
    retype(qtbot, row.quantity, "1")
    assert row.error_label.text() == "Price cannot be negative."
    retype(qtbot, row.price, "49.90")
    assert not row.error_label.isVisible() and row.price.property("error") is False
    choose_reason(qtbot, dialog)
    assert not dialog.errors["reason"].label.isVisible()
    save_with_keys(qtbot, dialog)

    assert dialog.result() == QDialog.Accepted
    [ret] = saved_returns(db)
    assert ret.total_cents == 4990


def test_a_domain_error_is_shown_in_the_dialog(qtbot, db, dialog, monkeypatch):
    def refuse(db, *, draft, actor=None):
        raise DeskError("The shop is closed for inventory; try again tomorrow.")

    monkeypatch.setattr("ui.new_return.dialog.create_return", refuse)
    a_valid_return(qtbot, dialog)
    save_with_keys(qtbot, dialog)
    assert dialog.isVisible() and dialog.created is None
    assert dialog.banner.isVisible()
    assert dialog.banner.text() == "The shop is closed for inventory; try again tomorrow."


def test_enter_moves_on_and_never_saves(qtbot, db, dialog):
    a_valid_return(qtbot, dialog)
    dialog.lines.rows[0].sku.setFocus()
    qtbot.keyClick(dialog.lines.rows[0].sku, Qt.Key_Return)
    assert dialog.focusWidget() is dialog.lines.rows[0].description
    assert dialog.isVisible() and saved_returns(db) == []


def test_lines_can_be_added_and_removed(qtbot, dialog):
    qtbot.mouseClick(dialog.lines.add_button, Qt.LeftButton)
    rows = list(dialog.lines.rows)
    fill_line(qtbot, rows[0], "A", "10")
    fill_line(qtbot, rows[1], "B", "2.50")
    assert "€12.50" in dialog.lines.total_label.text()
    qtbot.mouseClick(rows[0].remove_button, Qt.LeftButton)
    assert dialog.lines.rows == [rows[1]]
    assert rows[1].number.text() == "1"
    assert "€2.50" in dialog.lines.total_label.text()
    qtbot.keyClick(rows[1].sku, Qt.Key_L, Qt.ControlModifier | Qt.ShiftModifier)
    assert dialog.lines.rows == []
    assert "€0.00" in dialog.lines.total_label.text()


def test_escape_asks_before_losing_what_was_typed(qtbot, dialog, questions):
    qtbot.keyClicks(dialog.customer.search_box, "Jane")
    questions["answer"] = False
    qtbot.keyClick(dialog.customer.search_box, Qt.Key_Escape)
    assert questions["titles"] == ["Discard this return?"]
    assert dialog.isVisible()
    assert dialog.customer.search_box.text() == "Jane"
    questions["answer"] = True
    qtbot.keyClick(dialog.customer.search_box, Qt.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.Rejected
    assert dialog.created is None


def test_escape_on_an_empty_dialog_closes_without_asking(qtbot, dialog, questions):
    qtbot.keyClick(dialog.customer.search_box, Qt.Key_Escape)
    assert questions["titles"] == []
    assert not dialog.isVisible()


def test_purchase_date_and_announced_status(qtbot, db, dialog):
    a_valid_return(qtbot, dialog)
    dialog.date_field.edit.setFocus()
    qtbot.keyClicks(dialog.date_field.edit, "1")  # the 1st: of this month, today or before
    dialog.status_combo.setFocus()
    qtbot.keyClicks(dialog.status_combo, "Requested")
    dialog.ref_edit.setFocus()
    qtbot.keyClicks(dialog.ref_edit, "INV-2041")
    save_with_keys(qtbot, dialog)
    [ret] = saved_returns(db)
    assert ret.purchase_date == date.today().replace(day=1)
    assert dialog.date_field.edit.text() == date.today().replace(day=1).strftime("%d/%m/%Y")
    assert (ret.status, ret.purchase_ref) == ("requested", "INV-2041")


def test_tab_goes_through_items_then_the_return(qtbot, dialog):
    qtbot.keyClick(dialog.customer.search_box, Qt.Key_L, Qt.ControlModifier)
    first, second = dialog.lines.rows
    order = [second.sku, second.description, second.serial, second.quantity, second.price]
    order += [second.condition, second.disposition, dialog.lines.add_button]
    order += [dialog.reason_combo, dialog.reason_text, dialog.refund_combo]
    first.disposition.setFocus()
    for expected in order:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Tab)
        assert dialog.focusWidget() is expected


def test_keypad_enter_with_ctrl_saves(qtbot, db, dialog):
    a_valid_return(qtbot, dialog)
    qtbot.keyClick(dialog.reason_combo, Qt.Key_Enter, Qt.ControlModifier | Qt.KeypadModifier)
    assert dialog.result() == QDialog.Accepted
    assert len(saved_returns(db)) == 1


def test_two_field_errors_at_a_small_size_are_shown_whole_and_the_banner_goes_when_fixed(
    qtbot, db, dialog
):
    dialog.resize(1024, 700)
    new_customer(qtbot, dialog, name="Rui Prates", email="rui@@x", phone="12ab")
    fill_line(qtbot, dialog.lines.rows[0], "BELT-1", "45")
    choose_reason(qtbot, dialog)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert saved_returns(db) == []
    errors = [dialog.customer.errors[k].label for k in ("customer.email", "customer.phone")]
    qtbot.waitUntil(lambda: all(label.isVisible() for label in errors))
    for label in errors:  # every line of the message fits in the height it was given
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        assert label.height() > label.fontMetrics().height()  # wrapped on two lines here
    assert dialog.banner.isVisible()
    retype(qtbot, dialog.customer.email_edit, "rui@example.com")
    assert dialog.banner.isVisible()  # the phone is still wrong
    retype(qtbot, dialog.customer.phone_edit, "+5511987654321")
    assert not dialog.banner.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert [r.purchase_ref for r in saved_returns(db)] == [""]


def test_too_long_pasted_and_too_big_values_are_shown_inline_and_kept(qtbot, db, dialog):
    a_valid_return(qtbot, dialog)
    row = dialog.lines.rows[0]
    row.sku.setText("S" * 70)  # pasted
    retype(qtbot, row.price, "10000000000")
    dialog.customer.name_edit.setText("Maria\x00Silva")  # pasted from a broken export
    save_with_keys(qtbot, dialog)
    assert "The SKU is too long (70 characters); use at most 64." in row.error_label.text()
    assert "Price must be at most 1,000,000.00." in row.error_label.text()
    assert dialog.customer.errors["customer.name"].label.text() == (
        "The customer's name contains an invisible character (NUL); retype it."
    )
    assert (row.sku.text(), row.price.text()) == ("S" * 70, "10000000000")
    assert saved_returns(db) == []


def choose_channel(qtbot, dlg, typed):
    dlg.customer.channel_combo.setFocus()
    qtbot.keyClicks(dlg.customer.channel_combo, typed)


def test_a_landline_is_refused_for_texts_with_why_and_what_was_typed_stays(qtbot, db, dialog):
    a_valid_return(qtbot, dialog)
    qtbot.keyClicks(dialog.customer.phone_edit, "020 7946 0958")
    choose_channel(qtbot, dialog, "SMS")
    assert dialog.customer.channel_combo.currentData() == "sms"

    save_with_keys(qtbot, dialog)

    error = dialog.customer.errors["customer.phone"]
    assert error.label.isVisible()
    assert "landline" in error.label.text() and "cannot receive text messages" in error.label.text()
    assert "mobile" in error.label.text() and "email" in error.label.text()
    assert dialog.customer.phone_edit.property("error") is True
    assert dialog.customer.phone_edit.text() == "020 7946 0958"  # what was typed stays
    assert dialog.customer.name_edit.text() == "Maria Silva"
    assert dialog.isVisible() and dialog.created is None
    assert saved_returns(db) == [] and customers(db) == []

    combo = dialog.customer.channel_combo  # a landline is fine when mail is the channel
    combo.setCurrentIndex(combo.findData("email"))
    assert dialog.customer.channel_combo.currentData() == "email"
    assert not error.label.isVisible()
    save_with_keys(qtbot, dialog)

    assert dialog.result() == QDialog.Accepted
    [customer] = customers(db)
    assert (customer.phone, customer.preferred_channel) == ("+442079460958", "email")


def test_choosing_texts_for_a_typed_landline_says_so_at_once(qtbot, dialog):
    qtbot.mouseClick(dialog.customer.new_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.customer.phone_edit, "020 7946 0958")
    error = dialog.customer.errors["customer.phone"]
    choose_channel(qtbot, dialog, "SMS")
    assert error.label.isVisible() and "landline" in error.label.text()
    assert dialog.customer.phone_edit.text() == "020 7946 0958"


def test_a_phone_is_read_with_the_shops_country_and_shown_in_its_format(qtbot, db, dialog):
    assert dialog.customer.phone_edit.placeholderText() == "07400 123456"  # a British shop
    add_customer(db, "Tom Harris", "tom@example.com")  # +351 912 345 678, abroad
    qtbot.keyClicks(dialog.customer.search_box, "Tom")
    qtbot.waitUntil(lambda: dialog.customer.results.topLevelItemCount() == 1)
    assert dialog.customer.results.topLevelItem(0).text(2) == "+351 912 345 678"
    qtbot.mouseClick(dialog.customer.new_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.customer.phone_edit, "(11) 91234-5678")  # Brazilian, no +55
    dialog.customer.check_contact()
    error = dialog.customer.errors["customer.phone"]
    assert error.label.isVisible() and "+44 7400 123456" in error.label.text()
