"""The counter screen from the staff window: opened, asked from the detail, closed only there."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlmodel import select

from desk.i18n.catalog import set_language
from desk.models import Feedback
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from desk.settings import SHOP_LOCALE, save_settings
from ui import background
from ui.actions import SPECS, Act, sequences
from ui.feedback.counter_screen import ASK, IDLE, THANKS, CounterScreen
from ui.main_window import MainWindow
from ui.new_return.dialog import NewReturnDialog
from ui.returns.model import STATUS

WAIT_MS = 5000


def log_return(db, name, language="en"):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name=name, preferred_language=language),
    )
    return create_return(db, draft=draft)


@pytest.fixture
def window(qtbot, db):
    log_return(db, "Bruno Lima")
    log_return(db, "Ana Souza", "pt_BR")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.settled, timeout=WAIT_MS)
    yield win
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=WAIT_MS)
    win.counter.close()


def opened(qtbot, win) -> CounterScreen:
    win.actions_[Act.COUNTER_SCREEN].trigger()
    screen = win.counter.screen
    qtbot.waitUntil(lambda: screen is not None and screen.isVisible(), timeout=WAIT_MS)
    return screen


def test_the_action_opens_one_screen_and_only_the_staff_window_closes_it(qtbot, window):
    close = window.actions_[Act.CLOSE_COUNTER_SCREEN]
    assert not close.isEnabled()
    screen = opened(qtbot, window)
    window.actions_[Act.COUNTER_SCREEN].trigger()  # again: the same one
    assert window.findChildren(CounterScreen) == [screen]
    assert close.isEnabled() and screen.state == IDLE
    assert screen.screen() in QGuiApplication.screens()
    assert screen.close() is False and screen.isVisible()
    close.trigger()
    assert not screen.isVisible() and window.counter.screen is None and not close.isEnabled()


def test_the_idle_screen_speaks_the_shop_language(qtbot, db, window):
    save_settings(db, {SHOP_LOCALE: "pt_BR"})
    screen = opened(qtbot, window)
    assert screen.idle_thanks.text() == "Obrigado pela visita."


def test_ask_from_the_detail_shows_the_shown_return_in_the_customer_language(qtbot, window):
    shown = window.detail.detail
    assert shown.customer.name == "Ana Souza"  # the newest
    qtbot.mouseClick(window.detail.feedback_box.ask_button, Qt.LeftButton)
    screen = window.counter.screen
    assert screen.isVisible() and screen.state == ASK  # opened on the way
    assert screen.return_id == shown.ret.id
    assert screen.ask_title.text() == "Como foi a sua devolução hoje, Ana?"


def test_no_action_of_the_main_window_is_reachable_from_the_screen(qtbot, window):
    screen = opened(qtbot, window)
    screen.ask(return_id=window.detail.detail.ret.id, name="Ana")
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow, timeout=WAIT_MS)
    fired: list[Act] = []
    for act, action in window.actions_.items():
        action.triggered.connect(lambda _=False, a=act: fired.append(a))
    bound = [seq for act in SPECS for seq in sequences(act)]
    assert len(bound) >= 8
    for target in (screen, screen.comment_edit):
        for seq in bound:
            combo = seq[0]
            qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
    assert fired == []
    assert screen.isVisible() and window.isVisible() and window.active_dialog is None
    assert screen.state == ASK


def test_the_staff_window_keeps_working_while_the_screen_asks(qtbot, db, window):
    screen = opened(qtbot, window)
    qtbot.mouseClick(window.detail.feedback_box.ask_button, Qt.LeftButton)
    asked = screen.return_id
    window.activateWindow()
    window.actions_[Act.NEW_RETURN].trigger()  # staff serve the next customer
    dialog = window.active_dialog
    assert isinstance(dialog, NewReturnDialog) and dialog.isVisible()
    assert not screen.isModal() and screen.state == ASK
    qtbot.keyClick(screen, Qt.Key_1)  # meanwhile, the customer answers
    qtbot.mouseClick(screen.skip_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.state == THANKS, timeout=WAIT_MS)
    assert dialog.isVisible()
    with db.session() as session:
        assert [(f.return_id, f.rating) for f in session.exec(select(Feedback))] == [(asked, 1)]
    qtbot.waitUntil(lambda: window.model.is_low(asked), timeout=WAIT_MS)  # the list flags it
    row = window.model.row_of(asked)
    assert window.model.data(window.model.index(row, STATUS), Qt.ToolTipRole).endswith("low rating")
    box = window.detail.feedback_box
    qtbot.waitUntil(lambda: box.feedback is not None, timeout=WAIT_MS)
    assert box.low and "1 of 5" in box.summary.text()
    assert "1 of 5" in window.statusBar().currentMessage()
    dialog.reject()


def test_closing_the_main_window_closes_the_screen(qtbot, window):
    screen = opened(qtbot, window)
    window.close()
    assert not screen.isVisible()


def test_with_a_paired_tablet_ask_goes_there_and_its_answer_reaches_the_window(qtbot, db, window):
    from desk.portal import counter as tablet

    token = tablet.pair_tablet(db, code=tablet.new_pairing_code(db).code)
    tablet.tablet_of(db, token=token)  # the tablet opened /counter: it is on
    window.counter.tablet_timer.setInterval(50)
    shown = window.detail.detail
    qtbot.mouseClick(window.detail.feedback_box.ask_button, Qt.LeftButton)
    assert window.counter.screen is None  # the Qt screen stays closed: the tablet asks
    assert window.statusBar().currentMessage() == "Asking Ana on the counter tablet."
    asked = tablet.current_request(db)
    assert asked.return_id == shown.ret.id and asked.first_name == "Ana"
    tablet.answer_request(db, request_id=asked.request_id, rating=2, comment="Lento")
    with qtbot.waitSignal(window.counter.tablet_answered, timeout=WAIT_MS) as heard:
        pass
    assert heard.args == [shown.ret.id] and window.counter.tablet_request is None
    assert window.statusBar().currentMessage().startswith("Tablet feedback: 2 of 5")
    box = window.detail.feedback_box
    qtbot.waitUntil(lambda: box.feedback is not None, timeout=WAIT_MS)
    assert "2 of 5" in box.summary.text() and "on the counter tablet" in box.summary.text()


def test_in_portuguese_staff_read_the_counter_lines_in_the_desk_language(qtbot, window):
    set_language("pt_BR")
    screen = opened(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Tela do balcão aberta; feche-a por aqui (Fechar tela do balcão)."
    )
    qtbot.mouseClick(window.detail.feedback_box.ask_button, Qt.LeftButton)
    assert window.statusBar().currentMessage() == "Perguntando a Ana na tela do balcão."
    qtbot.keyClick(screen, Qt.Key_2)
    qtbot.mouseClick(screen.skip_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: screen.state == THANKS, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Avaliação no balcão: 2 de 5."),
        timeout=WAIT_MS,
    )
    assert "⚑ Nota baixa." in window.statusBar().currentMessage()
