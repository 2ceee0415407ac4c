"""The Settings dialog, driven through its real widgets over a real SQLite file."""

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

import desk.secrets
from desk.codes import Event
from desk.customers.segments import Segment
from desk.policy.settings import POLICY
from desk.settings import (
    NOTIFY,
    SETTINGS,
    SHOP_ADDRESS,
    SHOP_COUNTRY,
    SHOP_CURRENCY,
    SHOP_EMAIL,
    SHOP_LOCALE,
    SHOP_NAME,
    SHOP_PHONE,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    get_setting,
    save_settings,
    set_settings,
)
from tests.fixtures_db import stored_bytes
from tests.fixtures_servers import free_port
from ui import prompts
from ui.settings.dialog import SettingsDialog

PASSWORD = "s3cret-Pass-word-42"


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch):
    """Closing a changed dialog at teardown would ask; answer yes instead of blocking."""
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)


@pytest.fixture
def dialog(qtbot, db):
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def type_into(qtbot, dlg, key, text):
    """Replace what setting `key`'s field holds by typing `text` into it."""
    widget = dlg.fields[key].input
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex(widget.findData(text))
        return
    widget.clear()
    qtbot.keyClicks(widget, text)


def setting(db, spec):
    with db.session() as session:
        return get_setting(session, spec)


def wait_for_keyring(qtbot, dlg):
    """The keyring is read in the background: wait until the boxes show its answer."""
    qtbot.waitUntil(lambda: not dlg.keyring_pending(), timeout=3000)


def database_bytes(db, db_path: Path) -> bytes:
    """The database file and its journal files, as they are on disk (on PostgreSQL: every
    row of every table)."""
    if db.engine.dialect.name == "sqlite":
        return b"".join(p.read_bytes() for p in db_path.parent.glob(db_path.name + "*"))
    return stored_bytes(db, db_path)


def test_every_declared_setting_has_a_field_on_its_page(dialog):
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == [
        "Shop",
        "Email",
        "SMS",
        "Notifications",
        "Return policy",
        "Feedback and rewards",
        "Customer space",
        "Backups",
        "Drop-off points",
        "Counter tablet",
        "Staff",
    ]
    assert set(dialog.fields) == set(SETTINGS)
    assert isinstance(dialog.fields["smtp.port"].input, QSpinBox)
    assert isinstance(dialog.fields["shop.address"].input, QPlainTextEdit)
    assert isinstance(dialog.fields["shop.name"].input, QLineEdit)
    security = dialog.fields["smtp.security"].input
    words = [security.itemText(i) for i in range(security.count())]
    assert words == ["STARTTLS (port 587)", "SSL/TLS (port 465)", "None (not encrypted)"]
    assert dialog.pages["Notifications"].fields.keys() == {NOTIFY[e].key for e in Event}


def test_typed_values_are_saved(qtbot, dialog, db):
    type_into(qtbot, dialog, "shop.name", "Loja Central")
    type_into(qtbot, dialog, "shop.email", "loja@example.com")
    qtbot.keyClicks(dialog.fields["shop.address"].input, "Rua A, 1")
    type_into(qtbot, dialog, "shop.currency", "brl")
    type_into(qtbot, dialog, "smtp.host", "mail.example.com")
    type_into(qtbot, dialog, "smtp.port", "2525")
    type_into(qtbot, dialog, "smtp.security", "ssl")
    type_into(qtbot, dialog, "notify.closed", "auto")
    type_into(qtbot, dialog, "notify.received", "off")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == SettingsDialog.Accepted
    assert setting(db, SHOP_NAME) == "Loja Central"
    assert setting(db, SHOP_EMAIL) == "loja@example.com"
    assert setting(db, SHOP_ADDRESS) == "Rua A, 1"
    assert setting(db, SHOP_CURRENCY) == "BRL"
    assert setting(db, SMTP_HOST) == "mail.example.com"
    assert setting(db, SMTP_PORT) == 2525
    assert setting(db, SMTP_SECURITY) == "ssl"
    assert setting(db, NOTIFY[Event.CLOSED]) == "auto"
    assert setting(db, NOTIFY[Event.RECEIVED]) == "off"


def test_ctrl_s_saves(qtbot, dialog, db):
    dialog.activateWindow()
    type_into(qtbot, dialog, "shop.phone", "+55 11 5555 0000")
    qtbot.keyClick(dialog.fields["shop.phone"].input, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: setting(db, SHOP_PHONE) == "+55 11 5555 0000", timeout=2000)


def test_invalid_port_and_email_show_inline_and_save_nothing(qtbot, dialog, db):
    type_into(qtbot, dialog, "shop.name", "Changed")
    type_into(qtbot, dialog, "shop.email", "not-an-email")
    type_into(qtbot, dialog, "smtp.port", "99999")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.isVisible()
    email, port = dialog.fields["shop.email"], dialog.fields["smtp.port"]
    assert email.error.shown and "name@example.com" in email.error.label.text()
    assert port.error.shown and "65535" in port.error.label.text()
    assert email.text() == "not-an-email" and port.text() == "99999"
    assert dialog.tabs.currentIndex() == 0  # the first error's page
    qtbot.waitUntil(email.input.hasFocus, timeout=1000)
    assert setting(db, SHOP_NAME) == "My Shop"
    assert setting(db, SMTP_PORT) == 587
    type_into(qtbot, dialog, "shop.email", "ok@example.com")
    type_into(qtbot, dialog, "smtp.port", "465")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert not email.error.shown and not port.error.shown
    assert setting(db, SHOP_NAME) == "Changed" and setting(db, SMTP_PORT) == 465


def test_password_goes_to_the_keyring_only(qtbot, dialog, db, db_path, memory_keyring):
    box = dialog.secret_boxes["smtp"]
    assert box.edit.echoMode() == QLineEdit.Password
    wait_for_keyring(qtbot, dialog)
    assert "No password saved" in box.status.text()
    type_into(qtbot, dialog, "smtp.user", "shop")
    qtbot.keyClicks(box.edit, PASSWORD)
    qtbot.keyClicks(dialog.secret_boxes["sms"].edit, "tok-123456")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    assert dialog.result() == SettingsDialog.Accepted
    assert memory_keyring.secrets[("ReturnDesk", "smtp")] == PASSWORD
    assert memory_keyring.secrets[("ReturnDesk", "sms")] == "tok-123456"
    db.close()
    stored = database_bytes(db, db_path)
    assert b"shop" in stored  # the user name is there, the secrets are not
    assert PASSWORD.encode() not in stored and b"tok-123456" not in stored


def test_saved_password_is_not_shown_and_can_be_forgotten(qtbot, db, memory_keyring):
    desk.secrets.set_secret("smtp", PASSWORD)
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    box = dlg.secret_boxes["smtp"]
    assert box.edit.text() == ""
    assert not box.forget_button.isEnabled()  # until the keyring has answered
    wait_for_keyring(qtbot, dlg)
    assert "saved in the system keyring" in box.status.text()
    assert box.forget_button.isEnabled()
    qtbot.mouseClick(box.forget_button, Qt.LeftButton)
    assert ("ReturnDesk", "smtp") not in memory_keyring.secrets
    wait_for_keyring(qtbot, dlg)
    assert "No password saved" in box.status.text()
    assert not box.forget_button.isEnabled()


def test_without_a_keyring_says_so_and_saves_the_rest(qtbot, db, db_path, monkeypatch):
    monkeypatch.setattr(desk.secrets, "keyring_available", lambda: False)
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.tabs.setCurrentIndex(1)
    box = dlg.secret_boxes["smtp"]
    wait_for_keyring(qtbot, dlg)
    assert box.notice.isVisible()
    assert "no secure password store" in box.notice.text()
    assert "ask for it" in box.notice.text()
    type_into(qtbot, dlg, "shop.name", "No Keyring Shop")
    qtbot.keyClicks(box.edit, PASSWORD)
    qtbot.mouseClick(dlg.save_button, Qt.LeftButton)
    assert dlg.isVisible()  # stays open so the notice is read
    assert "no secure password store" in box.notice.text()
    assert dlg.tabs.tabText(dlg.tabs.currentIndex()) == "Email"
    assert "not the password" in dlg.status_label.text()
    assert setting(db, SHOP_NAME) == "No Keyring Shop"
    assert not dlg.is_dirty()  # closing now does not ask
    db.close()
    assert PASSWORD.encode() not in database_bytes(db, db_path)


def test_choosing_security_suggests_the_usual_port(qtbot, dialog):
    port = dialog.fields["smtp.port"]
    type_into(qtbot, dialog, "smtp.security", "ssl")
    assert port.text() == "465"
    type_into(qtbot, dialog, "smtp.security", "starttls")
    assert port.text() == "587"
    type_into(qtbot, dialog, "smtp.port", "2525")
    type_into(qtbot, dialog, "smtp.security", "ssl")
    assert port.text() == "2525"  # a port the user chose is kept


def test_cancel_with_changes_asks_first(qtbot, dialog, db, monkeypatch):
    questions = []
    answer = False
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *a: questions.append(a) or answer)
    dialog.reject()
    assert questions == [] and not dialog.isVisible()  # nothing changed: no question
    dialog.show()
    type_into(qtbot, dialog, "shop.name", "Unsaved")
    qtbot.keyClick(dialog.fields["shop.name"].input, Qt.Key_Escape)
    assert len(questions) == 1 and dialog.isVisible()
    answer = True
    qtbot.keyClick(dialog.fields["shop.name"].input, Qt.Key_Escape)
    assert len(questions) == 2
    assert not dialog.isVisible()
    assert setting(db, SHOP_NAME) == "My Shop"


def test_test_email_to_a_closed_port_says_refused(qtbot, dialog, db):
    pytest.importorskip("desk.messages.mail")
    type_into(qtbot, dialog, "smtp.host", "127.0.0.1")
    type_into(qtbot, dialog, "smtp.security", "none")
    type_into(qtbot, dialog, "smtp.port", str(free_port()))
    type_into(qtbot, dialog, "smtp.timeout", "5")
    dialog.tabs.setCurrentIndex(1)
    dialog.test_to.setText("owner@example.com")
    qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
    assert not dialog.test_button.isEnabled()
    assert dialog.test_button.text() == "Sending…"
    qtbot.waitUntil(dialog.test_result.isVisible, timeout=10000)
    assert "refused" in dialog.test_result.text().lower()
    qtbot.waitUntil(dialog.test_button.isEnabled, timeout=2000)
    assert dialog.test_button.text() == "Send test email"
    assert setting(db, SMTP_HOST) == ""  # a test does not save


def test_test_email_is_sent_with_the_typed_settings(qtbot, dialog):
    pytest.importorskip("desk.messages.mail")
    controller_mod = pytest.importorskip("aiosmtpd.controller")
    received = []

    class Collect:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            received.append(envelope)
            return "250 OK"

    port = free_port()
    controller = controller_mod.Controller(Collect(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        type_into(qtbot, dialog, "shop.name", "Test Shop")
        type_into(qtbot, dialog, "shop.email", "shop@example.com")
        type_into(qtbot, dialog, "smtp.host", "127.0.0.1")
        type_into(qtbot, dialog, "smtp.security", "none")
        type_into(qtbot, dialog, "smtp.port", str(port))
        dialog.tabs.setCurrentIndex(1)
        dialog.test_to.setText("owner@example.com")
        qtbot.mouseClick(dialog.test_button, Qt.LeftButton)
        qtbot.waitUntil(dialog.test_result.isVisible, timeout=10000)
    finally:
        controller.stop()
    assert dialog.test_result.text() == "Test email sent to owner@example.com."
    assert received and received[0].rcpt_tos == ["owner@example.com"]


def test_file_menu_opens_settings_and_the_title_follows_the_shop_name(qtbot, db):
    from ui.actions import Act
    from ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    action = win.actions_[Act.SETTINGS]
    assert action.shortcut().toString() == "Ctrl+,"
    assert action in win.menuBar().actions()[0].menu().actions()
    action.trigger()
    dlg = win.active_dialog
    assert isinstance(dlg, SettingsDialog) and dlg.isVisible()
    type_into(qtbot, dlg, "shop.name", "Corner Shop")
    qtbot.mouseClick(dlg.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: win.windowTitle() == "Return Desk — Corner Shop", timeout=2000)


def test_policy_rules_sit_in_a_column_per_segment(qtbot, dialog, db):
    page = dialog.pages["Return policy"]
    loyal_window = dialog.fields["policy.loyal.window_days"]
    row, column = _grid_position(page.matrix, loyal_window)
    assert column == 3  # New, Occasional, Loyal, Frequent returner
    assert _grid_position(page.matrix, dialog.fields["policy.loyal.receipt_required"])[1] == 3
    assert _grid_position(page.matrix, dialog.fields["policy.new.window_days"]) == (row, 1)
    loyal_window.input.setValue(90)
    frequent = dialog.fields["policy.frequent.refund_methods"]
    for box in frequent.boxes.values():
        box.setChecked(False)
    assert not dialog.save()
    assert "choose at least one" in frequent.error.label.text()
    frequent.boxes["exchange"].setChecked(True)
    dialog.fields["policy.frequent.fee_conditions"].boxes["defective"].setChecked(True)
    assert dialog.save()
    with db.session() as session:
        assert get_setting(session, POLICY[Segment.LOYAL].window_days) == 90
        assert get_setting(session, POLICY[Segment.FREQUENT].refund_methods) == "exchange"
        assert (
            get_setting(session, POLICY[Segment.FREQUENT].fee_conditions)
            == "opened,damaged,defective"
        )


def _grid_position(grid, widget):
    index = grid.indexOf(widget)
    row, column, _, _ = grid.getItemPosition(index)
    return row, column


def test_each_setting_is_on_exactly_one_page_in_the_declared_order(dialog):
    from ui.settings.contents import PAGES

    listed = [spec.key for _, specs in PAGES for spec in specs]
    assert sorted(listed) == sorted(SETTINGS)  # every one, none twice
    for title, specs in PAGES:
        assert list(dialog.pages[title].fields) == [spec.key for spec in specs]


def test_yes_no_rules_show_old_and_new_stored_values(qtbot, db):
    from desk.models import Setting

    counter = POLICY[Segment.FREQUENT].counter_refund
    receipt = POLICY[Segment.LOYAL].receipt_required
    with db.session() as session:  # as an older version stored them
        session.merge(Setting(key=counter.key, value="yes"))
        session.merge(Setting(key=receipt.key, value="yes"))
        session.commit()
    save_settings(db, {POLICY[Segment.NEW].counter_refund: True})
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    combo = dlg.fields[counter.key].input
    assert [combo.itemText(i) for i in range(combo.count())] == ["yes", "no"]
    assert combo.currentText() == "yes"
    assert dlg.fields[receipt.key].text() == "yes"
    assert dlg.fields[POLICY[Segment.NEW].counter_refund.key].text() == "yes"
    assert dlg.fields[POLICY[Segment.FREQUENT].receipt_required.key].text() == "yes"
    assert not dlg.is_dirty()
    type_into(qtbot, dlg, receipt.key, "no")
    assert dlg.save()
    assert setting(db, receipt) is False and setting(db, counter) is True
    with db.session() as session:
        assert session.get(Setting, receipt.key).value == "false"
        assert session.get(Setting, counter.key).value == "yes"  # untouched, still read right


def test_a_percentage_over_100_is_refused_inline(qtbot, dialog, db):
    fee = POLICY[Segment.FREQUENT].fee_percent
    dialog.fields[fee.key].input.setValue(150)
    assert not dialog.save()
    assert "from 0 to 100" in dialog.fields[fee.key].error.label.text()
    assert setting(db, fee) == 10


def test_a_late_keyring_answer_never_overwrites_a_newer_one(qtbot, db, memory_keyring):
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    wait_for_keyring(qtbot, dlg)
    box = dlg.secret_boxes["smtp"]
    assert "No password saved" in box.status.text()
    old_answer = desk.secrets.secrets_state()  # what a slow first read would bring back
    desk.secrets.set_secret("smtp", PASSWORD)
    dlg._refresh_secret_state()
    dlg._show_secrets((dlg._secrets_asked - 1, old_answer))  # the stale one arrives first
    assert dlg.keyring_pending()
    wait_for_keyring(qtbot, dlg)
    assert "saved in the system keyring" in box.status.text()


def test_closing_before_the_keyring_answers_raises_nothing(qtbot, db, memory_keyring):
    import time

    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

    answered = []
    slow_get = memory_keyring.get_password

    def get_password(service, username):
        time.sleep(0.2)
        answered.append(username)
        return slow_get(service, username)

    memory_keyring.get_password = get_password
    dlg = SettingsDialog(db)
    dlg.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QThreadPool.globalInstance().waitForDone(3000)
    qtbot.wait(50)  # deliver the answer: it must find no dialog and do nothing
    assert answered == ["smtp", "sms"]


def test_reward_amounts_are_typed_in_money_and_stored_in_cents(qtbot, db, dialog):
    from desk.settings import REWARD_KIND, REWARD_MIN_PURCHASE, REWARD_VALUE

    value, minimum = dialog.fields[REWARD_VALUE.key].input, dialog.fields[REWARD_MIN_PURCHASE.key]
    type_into(qtbot, dialog, SHOP_CURRENCY.key, "BRL")
    type_into(qtbot, dialog, REWARD_KIND.key, "percent")
    assert value.suffix() == " %" and value.decimals() == 0
    type_into(qtbot, dialog, REWARD_VALUE.key, "15")
    point = QLocale().decimalPoint()
    type_into(qtbot, dialog, REWARD_MIN_PURCHASE.key, f"49{point}90")
    assert minimum.input.prefix() == "R$ "
    assert dialog.save()
    assert (setting(db, REWARD_VALUE), setting(db, REWARD_MIN_PURCHASE)) == (15, 4990)
    type_into(qtbot, dialog, REWARD_KIND.key, "amount")
    assert value.prefix() == "R$ " and value.decimals() == 2 and value.value() == 15
    assert dialog.save()
    assert (setting(db, REWARD_KIND), setting(db, REWARD_VALUE)) == ("amount", 1500)
    reopened = SettingsDialog(db)
    qtbot.addWidget(reopened)
    assert reopened.fields[REWARD_VALUE.key].input.value() == 15.0
    assert reopened.fields[REWARD_MIN_PURCHASE.key].input.value() == 49.9


def test_the_shops_country_is_chosen_by_name_in_the_desks_language(qtbot, db):
    from desk.i18n.catalog import set_language

    with db.session() as session:
        set_settings(session, {SHOP_LOCALE: "en"})  # the customers' language is not the staff's
        session.commit()
    english = SettingsDialog(db)
    qtbot.addWidget(english)
    assert english.fields[SHOP_COUNTRY.key].input.currentText() == "United Kingdom (GB)"
    set_language("pt_BR")
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    combo = dlg.fields[SHOP_COUNTRY.key].input
    assert isinstance(combo, QComboBox) and combo.currentData() == "GB"
    assert combo.currentText() == "Reino Unido (GB)"
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Brasil (BR)" in names and names.index("Alemanha (DE)") < names.index("Brasil (BR)")
    combo.setCurrentIndex(combo.findData("BR"))
    qtbot.mouseClick(dlg.save_button, Qt.LeftButton)
    assert setting(db, SHOP_COUNTRY) == "BR"


def test_in_portuguese_every_tab_is_in_view_and_nothing_is_cut_off(qtbot, db):
    from PySide6.QtWidgets import QLabel, QToolButton

    from desk.i18n.catalog import set_language
    from tests.ui.widget_fit import cut_widgets

    set_language("pt_BR")
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert dlg.windowTitle() == "Configurações"
    assert dlg.width() <= 1024 and dlg.height() <= 700
    titles = [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]
    assert titles[:3] == ["Loja", "E-mail", "SMS"]
    assert {"Área do cliente", "Pontos de coleta", "Tablet do balcão"} <= set(titles)
    scroll = [b for b in dlg.tabs.tabBar().findChildren(QToolButton) if b.isVisible()]
    assert scroll == []  # no tab hides behind the tab bar's arrows
    heads = {label.text() for label in dlg.pages["Return policy"].findChildren(QLabel)}
    assert {"<b>Novo</b>", "<b>Fiel</b>", "<b>Devolve com frequência</b>"} <= heads
    security = dlg.fields[SMTP_SECURITY.key].input
    assert security.itemText(security.findData("none")) == "Nenhuma (sem criptografia)"
    for page in range(dlg.tabs.count()):
        dlg.tabs.setCurrentIndex(page)
        qtbot.wait(20)
        assert cut_widgets(dlg) == [], titles[page]


def test_in_portuguese_a_bad_value_is_said_in_portuguese(qtbot, db):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    dlg = SettingsDialog(db)
    qtbot.addWidget(dlg)
    dlg.show()
    type_into(qtbot, dlg, SHOP_EMAIL.key, "not an address")
    assert not dlg.save()
    assert dlg.status_label.text() == "Nada foi salvo: corrija os campos marcados em vermelho."
    assert dlg.save_button.toolTip() == "Salvar todas as configurações (Ctrl+S)"
