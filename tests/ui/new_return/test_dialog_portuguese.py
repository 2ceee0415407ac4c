"""The new-return dialog in Portuguese: its words, the money and the price as typed (issue 15)."""

import pytest

from desk.i18n.catalog import set_language
from ui import prompts
from ui.new_return.dialog import NewReturnDialog
from ui.new_return.product_fill import limit_note, price_text
from ui.new_return.receipt_panel import headers


@pytest.fixture
def dialog(qtbot, db, monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)  # closing at teardown
    set_language("pt_BR")
    dlg = NewReturnDialog(db, currency="BRL", staff="Ana")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_the_dialog_speaks_portuguese(dialog):
    assert dialog.windowTitle() == "Nova devolução"
    assert dialog.save_button.text() == "&Salvar devolução"
    assert dialog.cancel_button.text() == "Cancelar"
    assert dialog.customer.title() == "Cliente"
    assert dialog.lines.title() == "Itens"
    assert dialog.policy.title() == "Política de devolução"
    assert dialog.reason_combo.itemText(0) == "Escolha um motivo…"
    assert dialog.status_combo.itemText(0) == "Recebida: a mercadoria está aqui"
    assert dialog.lines.rows[0].price.placeholderText() == "0,00"


def test_the_total_is_in_reais_as_typed_with_a_comma(qtbot, dialog):
    row = dialog.lines.rows[0]
    qtbot.keyClicks(row.sku, "CHALEIRA-1")
    qtbot.keyClicks(row.price, "1234,56")
    assert dialog.lines.total_label.text() == "Total <b>R$\xa01.234,56</b>"
    row.quantity.setText("dois")
    assert "(1 linha não contada)" in dialog.lines.total_label.text()


def test_nothing_saved_is_said_in_portuguese(dialog):
    dialog.save()
    assert dialog.banner.text().startswith("Nada foi salvo: corrija os campos marcados")


def test_receipt_words_and_prices_follow_the_language():
    set_language("pt_BR")
    assert headers() == ["Item", "SKU", "Pago", "No cupom", "Devolver"]
    assert price_text(123456) == "1234,56"
    assert "só restam 2 a devolver neste cupom" in limit_note(2)
    set_language("en")
    assert price_text(123456) == "1234.56"
    assert "only 1 left to return on this receipt" in limit_note(1)
