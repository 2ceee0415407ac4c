"""The settings dialog's parts: a field per declared setting, secret boxes, page grids."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox

from desk.codes import Event
from desk.customers.segments import Segment
from desk.policy.settings import POLICY
from desk.settings import (
    NOTIFY,
    REWARD_KIND,
    SETTINGS,
    SHOP_ADDRESS,
    SHOP_LOGO,
    SHOP_NAME,
    SMTP_PORT,
    SMTP_SECURITY,
    get_setting,
    set_setting,
)
from ui.settings.pages import PolicyPage, SettingField, SettingsPage
from ui.settings.secret_box import PASSWORD_WORDS, TOKEN_WORDS, SecretBox


@pytest.fixture
def field(qtbot):
    def make(spec):
        widget = SettingField(spec)
        qtbot.addWidget(widget)
        return widget

    return make


def test_each_kind_of_setting_gets_its_input(field):
    assert isinstance(field(SHOP_NAME).input, QLineEdit)
    assert isinstance(field(SHOP_ADDRESS).input, QPlainTextEdit)
    assert isinstance(field(SMTP_PORT).input, QSpinBox)
    security = field(SMTP_SECURITY).input
    assert isinstance(security, QComboBox)
    words = [security.itemText(i) for i in range(security.count())]
    assert "STARTTLS (port 587)" in words
    receipt = field(POLICY[Segment.NEW].receipt_required).input
    assert [receipt.itemData(i) for i in range(receipt.count())] == ["yes", "no"]
    methods = field(POLICY[Segment.NEW].refund_methods)
    assert set(methods.boxes) == {"original", "store_credit", "exchange"}


def test_a_code_shared_by_settings_reads_right_in_each(field):
    reward = field(REWARD_KIND).input
    notify = field(NOTIFY[Event.APPROVED]).input
    assert (reward.itemText(0), reward.itemData(0)) == ("No reward", "off")
    assert (notify.itemText(0), notify.itemData(0)) == ("Off (never sent)", "off")


def test_every_stored_value_shows_and_reads_back_the_same(field, db):
    with db.session() as session:
        stored = {spec: get_setting(session, spec) for spec in SETTINGS.values()}
    for spec, value in stored.items():
        widget = field(spec)
        widget.set_value(value)
        assert spec.parse(widget.text()) == value, spec.key


def test_what_is_typed_is_what_the_database_gets(field, db, qtbot):
    widget = field(SMTP_PORT)
    widget.input.clear()
    qtbot.keyClicks(widget.input, "2525")
    with db.session() as session:
        set_setting(session, SMTP_PORT, widget.text())
        session.commit()
    with db.session() as session:
        assert get_setting(session, SMTP_PORT) == 2525


def test_options_read_as_codes_in_declared_order(field, qtbot):
    widget = field(POLICY[Segment.LOYAL].refund_methods)
    widget.set_value("exchange, original")
    assert widget.text() == "original,exchange"
    with qtbot.waitSignal(widget.changed):
        widget.boxes["store_credit"].setChecked(True)
    assert widget.text() == "original,store_credit,exchange"


def test_typing_emits_changed_and_errors_show_and_clear(field, qtbot):
    widget = field(SHOP_NAME)
    with qtbot.waitSignal(widget.changed):
        qtbot.keyClicks(widget.input, "Loja")
    widget.show_error("Too long")
    assert widget.error.shown and widget.error.label.text() == "Too long"
    widget.show_error(None)
    assert not widget.error.shown


def test_a_long_value_shows_its_beginning(field):
    widget = field(SHOP_NAME)
    widget.set_value("Loja Boa Vista " * 20)
    assert widget.input.cursorPosition() == 0


def test_logo_preview_shows_the_image_or_says_why_not(field, tmp_path):
    widget = field(SHOP_LOGO)
    assert widget.preview.text() == "No logo"
    image = QImage(40, 20, QImage.Format_RGB32)
    image.fill(QColor("teal"))
    path = tmp_path / "logo.png"
    assert image.save(str(path))
    widget.set_value(str(path))
    assert not widget.preview.pixmap().isNull()
    assert widget.preview.pixmap().width() <= widget.preview.width()
    widget.set_value(str(tmp_path / "missing.png"))
    assert widget.preview.pixmap().isNull()
    assert widget.preview.text() == "Cannot read this image"


def test_secret_box_says_whether_one_is_saved(qtbot):
    box = SecretBox(PASSWORD_WORDS)
    qtbot.addWidget(box)
    assert box.forget_button.text() == "Forget password"
    box.show_checking()
    assert not box.forget_button.isEnabled()
    box.show_state(saved=True, store=True)
    assert box.status.text() == "A password is saved in the system keyring."
    assert box.forget_button.isEnabled()
    box.show_state(saved=False, store=True)
    assert box.status.text() == "No password saved."
    assert not box.forget_button.isEnabled()
    assert box.edit.placeholderText() == "Type the password to save it"
    with qtbot.waitSignal(box.changed):
        qtbot.keyClicks(box.edit, "s3cret")
    assert box.typed() == "s3cret"
    assert box.edit.echoMode() == QLineEdit.Password


def test_secret_box_without_a_keyring_says_so(qtbot):
    box = SecretBox(TOKEN_WORDS)
    qtbot.addWidget(box)
    box.show_state(saved=False, store=False)
    assert box.forget_button.isHidden() and box.status.isHidden()
    assert not box.notice.isHidden()
    assert "cannot save the API token" in box.notice.text()
    box.show_notice(None)
    assert box.notice.isHidden()


def test_settings_page_rows_caption_their_field(qtbot):
    page = SettingsPage()
    qtbot.addWidget(page)
    page.add_heading("Shop")
    shown = page.add_setting(SHOP_NAME)
    page.add_setting(SMTP_PORT, caption="Port")
    assert page.fields[SHOP_NAME.key] is shown
    captions = [page.grid.itemAtPosition(r, 0) for r in range(page.grid.rowCount())]
    labels = [c.widget() for c in captions if c and isinstance(c.widget(), QLabel)]
    texts = [label.text() for label in labels]
    assert texts == ["<b>Shop</b>", SHOP_NAME.label, "Port"]
    assert labels[1].buddy() is shown


def test_policy_page_puts_each_rule_in_its_segment_column(qtbot):
    page = PolicyPage()
    qtbot.addWidget(page)
    for segment in Segment:
        for rule in dataclasses.fields(POLICY[segment]):
            page.add_setting(getattr(POLICY[segment], rule.name))
    plain = page.add_setting(SHOP_NAME)
    rules = [rule.name for rule in dataclasses.fields(POLICY[Segment.NEW])]
    assert list(page.rule_rows) == rules
    for column, segment in enumerate(Segment, start=1):
        for rule in rules:
            spec = getattr(POLICY[segment], rule)
            cell = page.matrix.itemAtPosition(page.rule_rows[rule], column).widget()
            assert cell is page.fields[spec.key]
            assert cell.toolTip() == spec.label
    assert page.grid.indexOf(plain) >= 0 and page.matrix.indexOf(plain) < 0


def test_in_portuguese_each_secret_is_said_in_its_own_gender(qtbot):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    password, token = SecretBox(PASSWORD_WORDS), SecretBox(TOKEN_WORDS)
    for box in (password, token):
        qtbot.addWidget(box)
        box.show_state(saved=False, store=True)
    assert password.status.text() == "Nenhuma senha salva."
    assert token.status.text() == "Nenhum token da API salvo."
    assert password.forget_button.text() == "Esquecer a senha"
    token.show_state(saved=False, store=False)
    assert "não consegue salvar o token da API" in token.notice.text()


def test_in_portuguese_a_choice_reads_whole_in_its_box(field, qtbot):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    widget = field(REWARD_KIND)
    combo = widget.input
    words = [combo.itemText(i) for i in range(combo.count())]
    assert words == [
        "Sem recompensa",
        "Um percentual de desconto na próxima compra",
        "Um valor fixo de desconto na próxima compra",
    ]
    longest = max(combo.fontMetrics().horizontalAdvance(text) for text in words)
    assert combo.maximumWidth() >= longest
