"""The main window in Portuguese: menus, headers, the count, money and dates (issue 15)."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import select

from desk.i18n.catalog import set_language
from desk.models import Return
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from desk.settings import SHOP_CURRENCY, save_settings
from tests.ui.widget_fit import cut_widgets
from ui.actions import Act
from ui.main_window import MainWindow
from ui.returns.model import LOGGED, TOTAL

DAY = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def add_return(db, name: str, price: int) -> None:
    with db.session() as session:
        save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                lines=[LineDraft(sku="SKU-1", description="Chaleira", unit_price_cents=price)],
                new_customer=CustomerDraft(name=name, email=f"{name.lower()}@example.com"),
            ),
        )
    with db.session() as session:  # logged on a known day, to read its date
        for ret in session.exec(select(Return)).all():
            ret.created_at = DAY
            session.add(ret)
        session.commit()


@pytest.fixture
def window(qtbot, db):
    save_settings(db, {SHOP_CURRENCY: "BRL"})
    add_return(db, "Ana", 123456)
    add_return(db, "Bruno", 1000)
    set_language("pt_BR")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.settled, timeout=5000)
    return win


def test_menus_and_toolbar_speak_portuguese(window):
    assert window.actions_[Act.NEW_RETURN].text() == "&Nova devolução…"
    assert window.actions_[Act.NEW_RETURN].toolTip() == "Registrar uma devolução no balcão (Ctrl+N)"
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Arquivo", "&Exibir", "A&valiação", "&Dono da loja", "A&juda"]
    assert window.status_combo.itemText(1) == "Todas"


def test_the_list_shows_portuguese_headers_count_money_and_dates(window):
    model = window.model
    headers = [model.headerData(i, Qt.Horizontal) for i in range(model.columnCount())]
    assert headers == ["Número", "Registrada", "Cliente", "Itens", "Total", "Status"]
    assert window.count_label.text() == "2 devoluções"
    totals = {model.data(model.index(row, TOTAL)) for row in range(2)}
    assert totals == {"R$\xa01.234,56", "R$\xa010,00"}
    assert model.data(model.index(0, LOGGED)) == "01/12/2026"


def test_the_detail_speaks_portuguese(window):
    detail = window.detail
    assert detail.meta_label.text().startswith("Registrada em 01/12/2026")
    assert detail.actions_hint.text() == "Próximo passo:"
    assert detail.print_button.text() == "Imprimir…"
    assert detail.total_label.text() in ("Total R$\xa01.234,56", "Total R$\xa010,00")
    headers = [detail.lines_table.horizontalHeaderItem(i).text() for i in range(5)]
    assert headers == ["SKU", "Item · estado · destino", "Qtd.", "Preço unit.", "Valor"]


def test_an_empty_search_says_so_in_portuguese(qtbot, window):
    window.search_edit.setText("ninguém-assim")
    qtbot.waitUntil(lambda: window.model.filter.text == "ninguém-assim", timeout=3000)
    qtbot.waitUntil(window.settled, timeout=3000)
    assert window.empty_label.text().startswith("Nenhuma devolução corresponde a “ninguém")
    assert window.count_label.text() == "Nenhuma devolução"  # not "0 devolução"


def test_nothing_is_cut_off_in_portuguese_at_1024_by_700(qtbot, window):
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=2000)
    qtbot.waitUntil(lambda: not cut_widgets(window), timeout=3000)
    window.new_return()
    new_return = window.active_dialog
    qtbot.waitExposed(new_return)
    QApplication.processEvents()
    assert cut_widgets(new_return) == []
    new_return.done(0)
    window.move_current(next(iter(window.detail.move_buttons)))
    move = window.active_dialog
    qtbot.waitExposed(move)
    QApplication.processEvents()
    assert move.windowTitle().startswith("R-") and cut_widgets(move) == []
    move.reject()
