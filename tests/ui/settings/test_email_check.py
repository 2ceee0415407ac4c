"""The Email tab's test email: what it says before anything is sent, in each language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desk.i18n.catalog import set_language
from desk.settings import SHOP_EMAIL, SMTP_HOST
from ui.settings.email_check import TEST_SHOP, EmailCheck
from ui.settings.pages import SettingsPage


def make_check(qtbot, values):
    owner = QWidget()
    qtbot.addWidget(owner)
    page = SettingsPage(owner)
    check = EmailCheck(page, lambda specs: dict(values), lambda: "", owner)
    check.owner = owner  # kept alive with the check
    owner.show()
    return check


def typed(changes=None):
    values = {spec: "" for spec in TEST_SHOP.values()} | {SMTP_HOST: ""}
    return values | (changes or {})


def test_without_a_server_it_says_so_and_sends_nothing(qtbot):
    check = make_check(qtbot, typed())
    check.to.setText("owner@example.com")
    qtbot.mouseClick(check.button, Qt.LeftButton)
    assert check.result.isVisible() and check.button.isEnabled()
    assert check.result.text() == "Type the SMTP server's name first."


def test_in_portuguese_a_missing_address_is_said_in_portuguese(qtbot):
    set_language("pt_BR")
    check = make_check(qtbot, typed({SMTP_HOST: "smtp.example.com", SHOP_EMAIL: ""}))
    assert check.button.text() == "Enviar e-mail de teste"
    assert check.to.placeholderText() == "nome@exemplo.com.br"
    check.send()
    assert check.result.text() == "Digite o endereço para onde enviar."
