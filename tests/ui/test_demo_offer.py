"""The demo-data offer: asked first, then 500 made-up returns behind a progress bar, and a
receipt to try; in a Portuguese desk, of the Brazilian shop."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QProgressDialog

from desk.catalog.service import look_up
from desk.demo.seed import DemoSummary
from desk.i18n.catalog import set_language
from desk.list_window import first_page
from desk.listing import ReturnFilter
from desk.settings import SHOP_CURRENCY, SHOP_LOCALE, SHOP_NAME, get_setting
from ui.demo_offer import DEMO_RETURNS, done_message, offer_demo_data, question


@pytest.fixture
def window(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    win.show()
    return win


def answer_question(button, seen: list[str]) -> None:
    """Press `button` in the question box once it is up; note its text."""

    def press(tries=100):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(10, lambda: press(tries - 1))
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, press)


def count(db) -> int:
    return len(first_page(db, ReturnFilter(), limit=DEMO_RETURNS + 10).rows)


def test_no_leaves_the_database_as_it_was(qtbot, db, window):
    seen, finished = [], []
    answer_question(QMessageBox.No, seen)
    offer_demo_data(window, db, lambda: finished.append(True))
    assert len(seen) == 1 and f"Load {DEMO_RETURNS} demo returns" in seen[0]
    assert "São Paulo" not in seen[0]  # the English demo leaves the shop's settings alone
    qtbot.wait(50)
    assert finished == [] and count(db) == 0
    assert window.findChild(QProgressDialog) is None


def test_yes_seeds_in_the_background_and_says_so(qtbot, db, window):
    seen, finished = [], []
    answer_question(QMessageBox.Yes, seen)
    offer_demo_data(window, db, lambda: finished.append(True))
    assert len(seen) == 1
    progress = window.findChild(QProgressDialog)
    assert progress is not None and progress.maximum() == DEMO_RETURNS
    qtbot.waitUntil(lambda: finished == [True], timeout=30_000)
    assert count(db) == DEMO_RETURNS
    said = window.statusBar().currentMessage()
    tried = re.fullmatch(
        rf"Added {DEMO_RETURNS} demo returns\. Try receipt (\S+) in New return.*", said
    )
    assert tried, said
    sale = look_up(db, tried.group(1)).sale
    assert sale is not None and len(sale.lines) >= 2 and all(line.left for line in sale.lines)
    assert not progress.isVisible()
    with db.session() as session:
        assert get_setting(session, SHOP_NAME) == "My Shop"  # the English demo


def test_a_portuguese_desk_asks_in_portuguese_and_seeds_the_brazilian_shop(qtbot, db, window):
    set_language("pt_BR")
    seen, finished = [], []
    answer_question(QMessageBox.Yes, seen)
    offer_demo_data(window, db, lambda: finished.append(True))
    assert seen and seen[0].startswith("Carregar 500 devoluções de demonstração")
    assert "São Paulo e vende em reais" in seen[0]  # it says it fills the shop's settings in
    progress = window.findChild(QProgressDialog)
    assert progress.labelText() == "Criando as devoluções de demonstração…"
    qtbot.waitUntil(lambda: finished == [True], timeout=30_000)
    said = window.statusBar().currentMessage()
    assert re.fullmatch(
        r"500 devoluções de demonstração adicionadas\. Experimente o cupom \S+ em Nova "
        r"devolução \(Ctrl\+N\)\.",
        said,
    ), said
    with db.session() as session:
        assert get_setting(session, SHOP_CURRENCY) == "BRL"
        assert get_setting(session, SHOP_LOCALE) == "pt_BR"
        assert get_setting(session, SHOP_NAME) == "Loja Ipê"
    rows = first_page(db, ReturnFilter(), limit=DEMO_RETURNS).rows
    assert len(rows) == DEMO_RETURNS


def test_the_done_message_names_a_receipt_only_when_there_is_one():
    assert done_message(DemoSummary(returns=5, customers=3)) == "Added 5 demo returns."
    summary = DemoSummary(returns=5, customers=3, try_receipts=("4821-0173", "4821-0175"))
    assert done_message(summary) == (
        "Added 5 demo returns. Try receipt 4821-0173 in New return (Ctrl+N)."
    )
    assert done_message(DemoSummary(returns=1, customers=1)) == "Added 1 demo return."


def test_the_words_follow_the_desks_language_and_the_count():
    set_language("pt_BR")
    assert done_message(DemoSummary(returns=1, customers=1)) == (
        "1 devolução de demonstração adicionada."
    )
    summary = DemoSummary(returns=1500, customers=900, try_receipts=("4821-0173",))
    assert done_message(summary) == (
        "1.500 devoluções de demonstração adicionadas. "
        "Experimente o cupom 4821-0173 em Nova devolução (Ctrl+N)."
    )
    assert question().endswith("eles são somados ao que já existe.")
    assert "São Paulo" in question(fills_settings=True)
