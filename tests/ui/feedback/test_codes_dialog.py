"""The reward codes dialog: check a code, redeem it once, refuse the second time and typos."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desk.codes import RewardState
from desk.feedback.record import record_feedback
from desk.i18n.catalog import set_language
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from desk.settings import REWARD_KIND, REWARD_MIN_PURCHASE, REWARD_VALUE, save_settings
from tests.ui.widget_fit import cut_widgets
from ui.feedback.codes_dialog import CodesDialog


@pytest.fixture
def code(db) -> str:
    save_settings(db, {REWARD_KIND: "percent", REWARD_VALUE: 15, REWARD_MIN_PURCHASE: 2000})
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
        new_customer=CustomerDraft(name="Joana Ribeiro"),
    )
    ret = create_return(db, draft=draft)
    return record_feedback(db, return_id=ret.id, rating=5, source="counter").reward.code


def opened(qtbot, db, staff="Rita") -> CodesDialog:
    dialog = CodesDialog(db, currency="EUR", staff=staff)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def check(qtbot, dialog, typed):
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, typed)
    qtbot.keyClick(dialog.code_edit, Qt.Key_Return)  # what a scanner sends after the code


def test_a_code_is_checked_then_redeemed_once(qtbot, db, code):
    dialog = opened(qtbot, db)
    check(qtbot, dialog, code.lower().replace("-", " "))  # as read aloud, typed loosely
    assert dialog.info.state == RewardState.ISSUED
    assert "Valid" in dialog.state_label.text() and dialog.redeem_button.isEnabled()
    assert dialog.facts["customer"].text() == "Joana Ribeiro"
    assert dialog.facts["gives"].text().startswith("15% off your next purchase over €20.00")
    qtbot.mouseClick(dialog.redeem_button, Qt.LeftButton)
    assert dialog.info.state == RewardState.REDEEMED and not dialog.redeem_button.isEnabled()
    assert "redeemed" in dialog.done_label.text() and "Rita" in dialog.facts["redeemed"].text()
    check(qtbot, dialog, code)  # looked up again: already redeemed
    assert "Redeemed" in dialog.state_label.text() and not dialog.redeem_button.isEnabled()


def test_a_second_redemption_is_refused_with_the_sentence(qtbot, db, code):
    first, second = opened(qtbot, db, "Rita"), opened(qtbot, db, "Tomás")  # two tills
    check(qtbot, first, code)
    check(qtbot, second, code)
    qtbot.mouseClick(first.redeem_button, Qt.LeftButton)
    qtbot.mouseClick(second.redeem_button, Qt.LeftButton)
    assert second.error_label.isVisibleTo(second)
    assert second.error_label.text().startswith(f"{code} was already redeemed on")
    assert "by Rita" in second.error_label.text() and second.done_label.text() == ""


def test_a_typo_is_caught_by_the_check_character(qtbot, db, code):
    dialog = opened(qtbot, db)
    symbols = code.replace("-", "")
    wrong = symbols[:3] + ("A" if symbols[3] != "A" else "B") + symbols[4:]
    check(qtbot, dialog, wrong)
    assert dialog.info is None and not dialog.redeem_button.isEnabled()
    assert dialog.error_label.isVisibleTo(dialog) and dialog.error_label.text()
    check(qtbot, dialog, "O1O1")
    assert "never contain 0, O, 1 or I" in dialog.error_label.text()


def test_confirm_checks_and_escape_closes(qtbot, db, code):
    dialog = opened(qtbot, db)
    dialog.code_edit.setText(code)
    qtbot.keyClick(dialog.code_edit, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.info is not None and dialog.info.code == code
    qtbot.keyClick(dialog.code_edit, Qt.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.Rejected


def test_the_main_window_opens_it_from_its_action(qtbot, db):
    from ui import background
    from ui.actions import Act
    from ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    win.actions_[Act.REWARD_CODES].trigger()
    assert isinstance(win.active_dialog, CodesDialog) and win.active_dialog.isVisible()
    assert win.actions_[Act.REWARD_CODES].shortcut().toString() == "Ctrl+Shift+R"
    win.active_dialog.reject()
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=5000)


def test_in_portuguese_the_code_its_state_and_what_it_gives_read_in_brazilian_words(
    qtbot, db, code
):
    set_language("pt_BR")
    dialog = CodesDialog(db, currency="BRL", staff="Rita")
    qtbot.addWidget(dialog)
    dialog.show()
    check(qtbot, dialog, code)
    assert dialog.windowTitle() == "Códigos de recompensa"
    assert "Válido: pode ser usado" in dialog.state_label.text()
    assert dialog.facts["gives"].text().startswith("15% de desconto")
    assert dialog.facts["redeemed"].text() == "Ainda não"
    qtbot.mouseClick(dialog.redeem_button, Qt.LeftButton)
    assert dialog.done_label.text().startswith(f"{code} usado: dê ao cliente 15% de desconto")
    assert dialog.facts["redeemed"].text().endswith(" por Rita")
    assert cut_widgets(dialog) == []
