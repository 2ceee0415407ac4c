"""The main window, driven through its real widgets over a real SQLite file."""

import pytest
from PySide6.QtCore import SIGNAL, Qt
from sqlmodel import select

from desk.codes import Status
from desk.models import Return, StatusChange
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.workflow import transition
from tests.slow_queries import SlowQuery
from ui.main_window import MainWindow
from ui.returns.transition_dialog import TransitionDialog


def add_return(db, name, email, sku="SKU-1", price=1000):
    with db.session() as session:
        return save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku=sku, description="Thing", quantity=1, unit_price_cents=price)],
                new_customer=CustomerDraft(name=name, email=email),
            ),
        )


@pytest.fixture
def window(qtbot, db):
    add_return(db, "Ana Souza", "ana@example.com", "KETTLE-01")
    add_return(db, "Bruno Lima", "bruno@example.com", "TOASTER-02")
    add_return(db, "Carla Dias", "carla@example.com", "KETTLE-03")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    wait_for_list(qtbot, win)
    return win


def test_the_detail_panel_is_built_at_its_first_use_in_its_place_and_wired(qtbot, db):
    from ui.returns.detail_panel import DetailPanel

    win = MainWindow(db)
    qtbot.addWidget(win)
    place = win.splitter.widget(1)
    assert place.findChildren(DetailPanel) == []  # the start paints without it (ui.app)
    panel = win.detail
    assert place.findChildren(DetailPanel) == [panel] and win.detail is panel
    assert panel.parentWidget() is place and win.splitter.count() == 2
    for sender, signal in (
        (panel, "move_requested(PyObject)"),
        (panel, "profile_requested(int)"),
        (panel.messages_box, "retry_requested(int)"),
        (panel.feedback_box, "ask_requested()"),
    ):
        assert sender.receivers(SIGNAL(signal)) >= 1, signal


def wait_for_list(qtbot, win):
    """The list reads its rows in the background: wait until the last ones asked for came."""
    qtbot.waitUntil(win.settled, timeout=5000)


def visible_numbers(win):
    model = win.model
    return [model.return_at(i).number for i in range(model.rowCount())]


def search(qtbot, win, text):
    win.search_edit.clear()
    qtbot.keyClicks(win.search_edit, text)
    qtbot.waitUntil(lambda: win.model.filter.text == text, timeout=2000)
    qtbot.waitUntil(lambda: not win.details.loading, timeout=2000)  # its first row's detail


def test_lists_newest_first_and_shows_first_detail(window):
    assert visible_numbers(window)[0].endswith("00003")
    assert window.count_label.text() == "3 returns"
    assert window.detail.number_label.text() == visible_numbers(window)[0]


def test_search_filters_as_you_type(qtbot, window):
    search(qtbot, window, "bruno")
    assert len(visible_numbers(window)) == 1
    assert window.detail.customer_label.text().startswith("<b>Bruno Lima</b>")
    search(qtbot, window, "kettle")
    assert len(visible_numbers(window)) == 2
    search(qtbot, window, "nobody-like-this")
    assert visible_numbers(window) == []
    assert window.empty_label.isVisible()
    assert "No return matches" in window.empty_label.text()


def test_a_slow_first_search_does_not_overwrite_the_next(qtbot, window, db):
    from ui import background

    slow = SlowQuery(db.engine, "kettle")
    try:
        window.search_edit.setText("kettle")
        window.apply_filter()  # Enter: search now
        assert slow.entered.wait(5)  # held in the database
        search(qtbot, window, "bruno")  # typed meanwhile: its answer comes first
        assert visible_numbers(window) == [window.detail.number_label.text()]
    finally:
        slow.release()
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=5000)
    slow.remove()
    qtbot.wait(20)  # anything still queued arrives now
    assert window.model.filter.text == "bruno"
    assert [window.model.return_at(i).customer_name for i in range(window.model.rowCount())] == [
        "Bruno Lima"
    ]
    assert window.count_label.text() == "1 return"
    assert window.detail.customer_label.text().startswith("<b>Bruno Lima</b>")


def test_ctrl_f_focuses_search(qtbot, window):
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.search_edit.hasFocus(), timeout=1000)


def test_status_filter(qtbot, window, db):
    first = visible_numbers(window)[-1]
    with db.session() as session:
        ret = session.exec(select(Return).where(Return.number == first)).one()
        transition(session=session, return_id=ret.id, to="inspecting", expected_version=1)
    window.status_combo.setCurrentIndex(window.status_combo.findData(Status.INSPECTING.value))
    wait_for_list(qtbot, window)
    assert visible_numbers(window) == [first]


def move(qtbot, win, target: Status, note: str = "") -> TransitionDialog:
    qtbot.waitUntil(lambda: not win.details.loading, timeout=2000)  # the selected one's
    button = win.detail.move_buttons[target]
    qtbot.mouseClick(button, Qt.LeftButton)
    dialog = win.active_dialog
    assert isinstance(dialog, TransitionDialog)
    if note:
        qtbot.keyClicks(dialog.note_edit, note)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    return dialog


def show_all_statuses(qtbot, win):
    win.status_combo.setCurrentIndex(win.status_combo.findData(""))
    wait_for_list(qtbot, win)


def test_move_to_refunded_then_closed_shows_timeline(qtbot, window, db):
    show_all_statuses(qtbot, window)  # a closed return stays in the list
    number = visible_numbers(window)[0]
    assert set(window.detail.move_buttons) >= {Status.REFUNDED, Status.INSPECTING}
    assert Status.CLOSED not in window.detail.move_buttons
    move(qtbot, window, Status.REFUNDED)
    qtbot.waitUntil(lambda: window.detail.status_label.text() == "Refunded", timeout=2000)
    assert window.model.return_at(0).status is Status.REFUNDED
    move(qtbot, window, Status.CLOSED)
    qtbot.waitUntil(lambda: window.detail.status_label.text() == "Closed", timeout=2000)
    assert window.detail.move_buttons == {}
    timeline = window.detail.timeline_text()
    assert [t.split(" | ")[1] for t in timeline] == [
        f"<b style='color:{c}'>● {s}</b>"
        for c, s in (("#2563eb", "Received"), ("#16a34a", "Refunded"), ("#374151", "Closed"))
    ]
    with db.session() as session:
        ret = session.exec(select(Return).where(Return.number == number)).one()
        assert ret.status == "closed" and ret.version == 3
        changes = session.exec(select(StatusChange).where(StatusChange.return_id == ret.id))
        assert [c.to_status for c in changes] == ["received", "refunded", "closed"]


def test_rejection_needs_a_note_and_keeps_what_was_typed(qtbot, window, db):
    dialog = move(qtbot, window, Status.REJECTED)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert "why" in dialog.error_label.text()
    qtbot.keyClicks(dialog.staff_edit, "Zoe")
    qtbot.keyClicks(dialog.note_edit, "Water damage, not covered")
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.detail.status_label.text() == "Rejected", timeout=2000)
    assert "Water damage, not covered" in window.detail.timeline_text()[-1]
    assert "Zoe" in window.detail.timeline_text()[-1]


def test_stale_version_is_explained(qtbot, window, db):
    shown = window.detail.detail.ret
    qtbot.mouseClick(window.detail.move_buttons[Status.INSPECTING], Qt.LeftButton)
    dialog = window.active_dialog
    with db.session() as session:  # another desk moves it meanwhile
        transition(session=session, return_id=shown.id, to="refunded", expected_version=1)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert dialog.isVisible()
    assert "changed by someone else" in dialog.error_label.text()
    dialog.reject()
    qtbot.waitUntil(lambda: window.detail.status_label.text() == "Refunded", timeout=2000)


def test_list_fetches_in_pages(qtbot, db, qtmodeltester):
    for i in range(230):
        add_return(db, f"Customer {i}", f"c{i}@example.com")
    win = MainWindow(db)
    qtbot.addWidget(win)
    wait_for_list(qtbot, win)
    assert win.model.rowCount() == 230  # a row for each, only the first page read
    assert win.count_label.text() == "230 returns"
    assert win.model.is_loaded(199) and not win.model.is_loaded(200)
    win.show()
    win.table.scrollToBottom()  # the blank rows shown ask for their page, in the background
    qtbot.waitUntil(lambda: win.model.is_loaded(229), timeout=5000)
    qtbot.waitUntil(win.settled, timeout=5000)
    assert len(set(visible_numbers(win))) == 230
    qtmodeltester.check(win.model)


def test_sorting_by_date_oldest_first(qtbot, window):
    window.table.sortByColumn(1, Qt.AscendingOrder)
    wait_for_list(qtbot, window)
    assert not window.model.filter.newest_first
    numbers = visible_numbers(window)
    assert numbers == sorted(numbers)


def test_new_return_found_moved_and_closed_end_to_end(qtbot, window, db, monkeypatch):
    from ui import prompts
    from ui.new_return.dialog import NewReturnDialog

    monkeypatch.setattr(prompts, "ask_yes_no", lambda *a: True)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    dialog = window.active_dialog
    assert isinstance(dialog, NewReturnDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.customer.new_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.customer.name_edit, "Dora Quintela")
    qtbot.keyClicks(dialog.customer.email_edit, "dora@example.com")
    row = dialog.lines.rows[0]
    qtbot.keyClicks(row.sku, "LAMP-77")
    qtbot.keyClicks(row.price, "34.50")
    dialog.reason_combo.setFocus()
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("damaged"))
    qtbot.keyClick(dialog.focusWidget(), Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.count_label.text() == "4 returns", timeout=3000)

    show_all_statuses(qtbot, window)
    search(qtbot, window, "dora")
    assert len(visible_numbers(window)) == 1
    qtbot.waitUntil(lambda: "Dora Quintela" in window.detail.customer_label.text())
    assert window.detail.total_label.text() == "Total €34.50"
    move(qtbot, window, Status.REFUNDED)
    qtbot.waitUntil(lambda: window.detail.status_label.text() == "Refunded", timeout=2000)
    move(qtbot, window, Status.CLOSED)
    qtbot.waitUntil(lambda: window.detail.status_label.text() == "Closed", timeout=2000)
    timeline = window.detail.timeline_text()
    assert len(timeline) == 3 and "Closed" in timeline[-1] and "Refunded" in timeline[1]
    with db.session() as session:
        ret = session.exec(select(Return).where(Return.number == visible_numbers(window)[0])).one()
        assert (ret.status, ret.total_cents, ret.reason) == ("closed", 3450, "damaged")


def test_first_start_offers_demo_data(qtbot, db_url, monkeypatch):
    from desk.db import open_database
    from ui import prompts

    asked = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda parent, title, q: asked.append(title) or True)
    empty = open_database(db_url)
    win = MainWindow(empty)
    qtbot.addWidget(win)
    wait_for_list(qtbot, win)
    assert win.empty_label.text().startswith("No returns yet")
    win.offer_demo_data_if_empty()
    assert asked == ["Demo data"]
    qtbot.waitUntil(lambda: win.model.total > 0, timeout=20000)
    win.status_combo.setCurrentIndex(win.status_combo.findData(""))
    wait_for_list(qtbot, win)
    assert win.model.total == 500
    win.close()
    empty.close()


def test_detail_shows_exchange_fee_and_settlement(qtbot, db):
    from desk.returns import ExchangeDraft

    with db.session() as session:
        save_return(
            session=session,
            draft=ReturnDraft(
                reason="wrong_size",
                refund_method="exchange",
                lines=[LineDraft(sku="SHOE-41", quantity=1, unit_price_cents=4500)],
                new_customer=CustomerDraft(name="Eva Troca"),
                exchange_lines=[
                    ExchangeDraft(sku="SHOE-42", description="Size 42", unit_price_cents=5200)
                ],
                fee_cents=0,
                settlement_cents=700,
            ),
        )
    win = MainWindow(db)
    qtbot.addWidget(win)
    wait_for_list(qtbot, win)
    shown = win.detail.return_label.text()
    assert "Replacement:</b> 1 × SHOE-42 Size 42" in shown
    assert "Customer pays:</b> €7.00" in shown


def test_detail_shows_the_customers_segment(qtbot, db):
    from sqlalchemy import update

    from desk.models import Customer

    ret = add_return(db, "Lia Fiel", "lia@example.com")
    with db.session() as session:
        session.exec(update(Customer).where(Customer.id == ret.customer_id).values(orders_count=30))
        session.commit()
    win = MainWindow(db)
    qtbot.addWidget(win)
    wait_for_list(qtbot, win)
    assert "Loyal customer" in win.detail.customer_label.text()
    assert "30 orders" in win.detail.customer_label.text()


def test_a_closed_return_leaves_the_open_list_at_once_and_the_next_is_selected(qtbot, window):
    numbers = visible_numbers(window)  # newest first: 3, 2, 1
    window.select_return(window.model.return_at(1).id)
    move(qtbot, window, Status.REFUNDED)
    qtbot.waitUntil(lambda: window.detail.status_label.text() == "Refunded", timeout=2000)
    assert visible_numbers(window) == numbers  # refunded is still open: it stays
    move(qtbot, window, Status.CLOSED)
    qtbot.waitUntil(lambda: numbers[1] not in visible_numbers(window), timeout=2000)
    qtbot.waitUntil(window.settled, timeout=2000)
    assert visible_numbers(window) == [numbers[0], numbers[2]]  # without F5
    assert window.selected_return_id() == window.model.return_at(1).id  # the next row
    assert window.detail.number_label.text() == numbers[2]
    assert window.count_label.text() == "2 returns"
    assert f"{numbers[1]} is now Closed" in window.statusBar().currentMessage()


def close_return(db, number):
    with db.session() as session:
        ret = session.exec(select(Return).where(Return.number == number)).one()
        transition(session=session, return_id=ret.id, to="refunded", expected_version=1)
        transition(session=session, return_id=ret.id, to="closed", expected_version=2)


def test_a_search_the_filter_hides_says_where_the_return_is_and_one_key_shows_it(qtbot, window, db):
    number = visible_numbers(window)[1]  # R-YYYY-00002
    close_return(db, number)
    window.refresh()
    wait_for_list(qtbot, window)
    search(qtbot, window, "00002")
    wait_for_list(qtbot, window)
    assert visible_numbers(window) == [] and window.empty_label.isVisible()
    assert window.empty_label.text() == (
        f"{number} has the status Closed: "
        "<a href='show-all-statuses'>show all statuses</a> (Ctrl+Shift+A)."
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: visible_numbers(window) == [number], timeout=3000)
    qtbot.waitUntil(window.settled, timeout=3000)
    assert window.status_combo.currentText() == "All"
    assert window.detail.number_label.text() == number


def test_several_hidden_matches_are_counted(qtbot, window, db):
    newest, _, oldest = visible_numbers(window)  # the two kettles
    close_return(db, newest)
    close_return(db, oldest)
    search(qtbot, window, "kettle")
    wait_for_list(qtbot, window)
    assert window.empty_label.text().startswith(
        "No open return matches “kettle”; 2 with other statuses do: <a href="
    )


def test_a_return_number_is_found_whatever_the_filter(qtbot, window, db):
    number = visible_numbers(window)[1]
    close_return(db, number)
    search(qtbot, window, number)
    wait_for_list(qtbot, window)
    assert visible_numbers(window) == [number]
    assert window.status_combo.currentText().startswith("Open")  # the filter is kept


def totals_shown(win) -> dict[str, str]:
    """Each listed return's number and the total the list shows for it."""
    from ui.returns.model import TOTAL

    model = win.model
    return {
        model.return_at(i).number: model.index(i, TOTAL).data() for i in range(model.rowCount())
    }


def test_changing_the_currency_keeps_old_returns_in_theirs_and_shows_at_once(qtbot, db):
    from desk.settings import SHOP_CURRENCY
    from ui import window_openers as openers

    old = add_return(db, "Ana Souza", "ana@example.com", price=4989)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    wait_for_list(qtbot, win)
    assert totals_shown(win) == {old.number: "€49.89"}
    win.edit_settings()  # File › Settings, as staff open it
    dialog = win.active_dialog
    field = dialog.fields[SHOP_CURRENCY.key].input
    field.clear()
    qtbot.keyClicks(field, "brl")
    qtbot.waitUntil(lambda: not dialog.keyring_pending(), timeout=3000)
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert win.currency == "BRL"  # no restart: new returns are logged in it
    new_return = openers.new_return_dialog(win, db, win.currency, lambda _created: None)
    qtbot.addWidget(new_return)
    assert new_return.lines.currency == "BRL"
    new = add_return(db, "Bruno Lima", "bruno@example.com", price=4989)
    win.refresh()
    wait_for_list(qtbot, win)
    assert totals_shown(win) == {old.number: "€49.89", new.number: "R$49.89"}
    for ret, shown in ((old, "Total €49.89"), (new, "Total R$49.89")):
        assert win.select_return(ret.id)
        qtbot.waitUntil(lambda ret=ret: win.detail.number_label.text() == ret.number)
        assert win.detail.total_label.text() == shown
        assert win.detail.lines_table.item(0, 3).text() == shown.removeprefix("Total ")


def test_a_held_detail_is_read_when_released(qtbot, db):
    """At start the first page paints before the first detail is read (ui.app)."""
    add_return(db, "Ana Souza", "ana@example.com", "KETTLE-01")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.details.hold()
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() == 1, timeout=5000)
    qtbot.wait(100)
    assert win.detail.detail is None and win.details.loading  # asked for, not read yet
    win.details.release()
    qtbot.waitUntil(win.settled, timeout=5000)
    assert win.detail.number_label.text() == visible_numbers(win)[0]


def test_after_a_reload_the_rows_paint_before_the_detail_is_read(qtbot, window):
    loader = window.details
    loader.hold_until_painted(window.table.viewport())
    loader.show(window.selected_return_id())
    assert loader._held and loader.loading  # asked for, waiting for the paint
    qtbot.waitUntil(lambda: not loader._held, timeout=2000)
    qtbot.waitUntil(window.settled, timeout=5000)
    assert window.detail.number_label.text() == visible_numbers(window)[0]


def test_a_list_that_never_paints_does_not_hold_the_detail_back(qtbot, window):
    window.table.hide()
    loader = window.details
    loader.hold_until_painted(window.table.viewport(), at_most_ms=30)
    qtbot.waitUntil(lambda: not loader._held, timeout=1000)


def test_the_window_reads_its_first_page_once_while_it_is_built(qtbot, db, monkeypatch):
    """Setting up the table's sort indicator asks for no read of its own (it did twice)."""
    from ui.returns import list_reads

    add_return(db, "Ana Souza", "ana@example.com", "KETTLE-01")
    asked = []
    real = list_reads.first_page
    monkeypatch.setattr(list_reads, "first_page", lambda *args: asked.append(args) or real(*args))
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.settled, timeout=5000)
    assert len(asked) == 1
    assert visible_numbers(win) and win.model.filter.sort.value == "logged"
