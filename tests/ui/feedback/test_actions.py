"""The main window's feedback wiring: the close action follows the link, saved feedback redraws."""

from __future__ import annotations

import pytest

from desk.feedback.record import record_feedback
from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return
from ui.actions import Act
from ui.feedback import actions
from ui.main_window import MainWindow


def log_return(db, name):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", unit_price_cents=3490)],
        new_customer=CustomerDraft(name=name),
    )
    return create_return(db, draft=draft).id


@pytest.fixture
def window(qtbot, db):
    log_return(db, "Ana Souza")
    log_return(db, "Bruno Lima")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.detail.detail is not None and win.settled(), timeout=5000)
    yield win
    win.counter.close()


def test_the_close_action_follows_the_counter_link(window):
    close = window.actions_[Act.CLOSE_COUNTER_SCREEN]
    assert not close.isEnabled()
    window.counter.open_changed.emit(True)
    assert close.isEnabled()
    window.counter.said.emit("Counter screen on screen 1.")
    assert window.statusBar().currentMessage() == "Counter screen on screen 1."


def test_asking_with_no_return_shown_opens_nothing(window):
    window.detail.show_detail(None)
    actions.ask_at_counter(window)
    assert window.counter.screen is None


def test_saved_feedback_redraws_its_row_but_not_another_returns_box(qtbot, window, db):
    shown = window.detail.detail.ret.id
    other = next(
        window.model.return_at(row).id
        for row in range(window.model.rowCount())
        if window.model.return_at(row).id != shown
    )
    box = window.detail.feedback_box
    qtbot.waitUntil(lambda: box.summary.text() != "", timeout=5000)
    before = box.summary.text()
    queued = []
    window.outbox_status.queued = lambda: queued.append(True)
    result = record_feedback(db, return_id=other, rating=1, source="phone")
    actions.feedback_saved(window, result)
    assert window.model.is_low(other)
    assert box.summary.text() == before and queued == [True] * (result.thanks is not None)
