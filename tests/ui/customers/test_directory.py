"""The customers window, driven through its real widgets over a real SQLite file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog

from desk.customers.directory import list_customers
from desk.i18n.catalog import set_language
from desk.models import Customer
from desk.returns import LineDraft, ReturnDraft
from desk.services import create_return
from tests.ui.widget_fit import cut_widgets
from ui import background, prompts
from ui.customers import merge_dialog
from ui.customers.directory import CustomerDirectory

WAIT_MS = 5000


def add(db, name, *, returns=0, **fields) -> int:
    with db.session() as session:
        row = Customer(name=name, **fields)
        session.add(row)
        session.commit()
        customer_id = row.id
    for i in range(returns):
        draft = ReturnDraft(
            reason="defective",
            lines=[LineDraft(sku=f"SKU-{i}", unit_price_cents=100)],
            customer_id=customer_id,
        )
        create_return(db, draft=draft)
    return customer_id


def settled(qtbot, window):
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.count_label.text() != "Searching…", timeout=WAIT_MS)


@pytest.fixture
def window(qtbot, db):
    add(db, "Bia Torres", email="bia@example.com")  # imported: no return yet
    add(db, "Caio Lima", returns=2)
    add(db, "Ana Souza", returns=1, phone="+5511987650000")
    win = CustomerDirectory(db, staff="Rita")
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    settled(qtbot, win)
    return win


def names(window) -> list[str]:
    return [window.model.index(i, 0).data() for i in range(window.model.rowCount())]


def select(window, *rows: int) -> None:
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        flags = QItemSelectionModel.Select | QItemSelectionModel.Rows
        selection.select(window.model.index(row, 0), flags)


def test_every_customer_is_listed_those_without_returns_too(window, qtmodeltester):
    assert names(window) == ["Ana Souza", "Bia Torres", "Caio Lima"]
    assert window.count_label.text() == "3 customers"
    assert window.model.index(1, 3).data() == "0" and window.model.index(1, 4).data() == "—"
    qtmodeltester.check(window.model)


def test_typing_searches_and_says_when_nobody_matches(qtbot, window):
    qtbot.keyClicks(window.search_edit, "bia")
    qtbot.waitUntil(lambda: names(window) == ["Bia Torres"], timeout=WAIT_MS)
    window.search_edit.clear()
    qtbot.keyClicks(window.search_edit, "zzz")
    qtbot.waitUntil(
        lambda: "No customer matches “zzz”" in window.count_label.text(), timeout=WAIT_MS
    )
    assert names(window) == []


def test_a_header_click_sorts_and_a_second_reverses(qtbot, window):
    window.table.horizontalHeader().sectionClicked.emit(3)  # Returns: most first
    settled(qtbot, window)
    assert names(window) == ["Caio Lima", "Ana Souza", "Bia Torres"]
    window.table.horizontalHeader().sectionClicked.emit(3)
    settled(qtbot, window)
    assert names(window) == ["Bia Torres", "Ana Souza", "Caio Lima"]


def test_enter_opens_the_profile_of_the_selected_customer(qtbot, window):
    window.table.setFocus()
    window.table.selectRow(2)
    with qtbot.waitSignal(window.profile_requested) as asked:
        qtbot.keyClick(window.table, Qt.Key_Return)
    assert asked.args == [window.model.rows[2].id]


def test_merge_needs_two_rows_keeps_the_chosen_one_and_asks_first(qtbot, window, db, monkeypatch):
    assert not window.merge_button.isEnabled()
    select(window, 0, 2)  # Ana (1 return) and Caio (2 returns)
    assert window.merge_button.isEnabled() and not window.open_button.isEnabled()
    offered = merge_dialog.offered(window.selected_rows())
    assert offered.name == "Caio Lima"  # more returns: offered as the one to keep

    asked = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: asked.append(args[2]) or False)
    monkeypatch.setattr(merge_dialog.MergeDialog, "exec", lambda self: QDialog.Accepted)
    window.merge_selected()
    assert "Merge “Ana Souza” into “Caio Lima”" in asked[0] and "cannot be undone" in asked[0]
    assert len(list_customers(db)) == 3  # No: nothing merged

    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    with qtbot.waitSignal(window.merged, timeout=WAIT_MS) as done:
        window.merge_selected()
    assert done.args[0].returns_moved == 1
    settled(qtbot, window)
    assert names(window) == ["Bia Torres", "Caio Lima"]
    caio = next(r for r in list_customers(db) if r.name == "Caio Lima")
    assert caio.returns == 3 and caio.phone == "+55 11 98765-0000"  # shown for a British shop


def test_the_merge_dialog_keeps_what_staff_pick(qtbot, window):
    rows = window.model.rows[:2]
    dialog = merge_dialog.MergeDialog(rows)
    qtbot.addWidget(dialog)
    assert dialog.kept().name == "Ana Souza"  # one return against none
    dialog.findChild(type(dialog.group.button(0)), f"keep_{rows[1].id}").click()
    assert dialog.kept().name == "Bia Torres"


def test_the_main_window_opens_it_and_a_merge_refreshes_the_list(qtbot, db):
    from ui.actions import Act
    from ui.main_window import MainWindow

    add(db, "Duda Reis", returns=1)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.actions_[Act.CUSTOMERS].trigger()
    directory = win.findChild(CustomerDirectory)
    assert directory is not None and directory.isVisible()
    win.actions_[Act.CUSTOMERS].trigger()  # raised, not opened twice
    assert len(win.findChildren(CustomerDirectory)) == 1
    settled(qtbot, directory)
    assert names(directory) == ["Duda Reis"]


def test_in_portuguese_the_list_and_the_merge_question_speak_it(qtbot, db, monkeypatch):
    set_language("pt_BR")
    add(db, "Caio Lima", returns=2)
    add(db, "Caio A. Lima", returns=1)
    win = CustomerDirectory(db)
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitUntil(lambda: win.count_label.text() == "2 clientes", timeout=WAIT_MS)
    headers = [win.model.headerData(i, Qt.Horizontal) for i in range(win.model.columnCount())]
    assert headers == [
        "Nome",
        "E-mail",
        "Telefone",
        "Devoluções",
        "Última devolução",
        "Cadastrado em",
    ]
    assert win.merge_button.text() == "Unificar…"
    assert cut_widgets(win) == []
    asked = []
    monkeypatch.setattr(merge_dialog, "choose_kept", lambda parent, rows: rows[1])
    monkeypatch.setattr("ui.customers.directory.choose_kept", lambda parent, rows: rows[1])
    monkeypatch.setattr(prompts, "ask_yes_no", lambda p, title, q: asked.append((title, q)))
    select(win, 0, 1)
    win.merge_selected()
    title, question = asked[0]
    assert title == "Unificar clientes"
    assert question.startswith("Unificar “Caio A. Lima” em “Caio Lima”? 1 devolução passa")
    assert question.endswith("Isso não pode ser desfeito.")


def test_in_portuguese_counts_use_the_plural_forms():
    set_language("pt_BR")
    assert CustomerDirectory._count_words("", 1, 1) == "1 cliente"
    assert CustomerDirectory._count_words("", 30, 1234) == "30 de 1.234 clientes"
    assert CustomerDirectory._count_words("zé", 0, 0) == "Nenhum cliente corresponde a “zé”"
