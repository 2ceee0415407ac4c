"""Undoing a mistaken move: the status bar's button and Ctrl+Z, in the real main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import select

from desk.codes import Event, Status
from desk.models import OutboxMessage
from desk.settings import NOTIFY, save_settings
from tests.ui.test_main_window import add_return, move, visible_numbers, wait_for_list
from ui.main_window import MainWindow


def window_with_returns(qtbot, db):
    save_settings(db, {NOTIFY[Event.REFUNDED]: "auto"})  # a message, waiting: no email set up
    for name in ("Ana Souza", "Bruno Lima", "Carla Dias"):
        add_return(db, name, f"{name.split()[0].lower()}@example.com")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    wait_for_list(qtbot, win)
    return win


def messages(db, return_id):
    with db.session() as session:
        query = select(OutboxMessage).where(OutboxMessage.return_id == return_id)
        return [(m.event, m.state) for m in session.exec(query)]


def test_ctrl_z_undoes_a_close_and_the_return_is_back_in_the_open_list(qtbot, db):
    win = window_with_returns(qtbot, db)
    numbers = visible_numbers(win)
    shown = win.detail.detail.ret
    move(qtbot, win, Status.REFUNDED)
    qtbot.waitUntil(lambda: win.detail.status_label.text() == "Refunded", timeout=2000)
    assert messages(db, shown.id) == [("refunded", "queued")]
    bar = win.status_bar
    assert bar.undo_button.isVisible() and bar.undo_button.text() == "Undo move to Refunded"
    move(qtbot, win, Status.CLOSED)  # the next move: only it can be undone now
    qtbot.waitUntil(lambda: shown.number not in visible_numbers(win), timeout=2000)
    assert bar.undo_button.text() == "Undo move to Closed"
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win.table, Qt.Key_Z, Qt.ControlModifier)
    qtbot.waitUntil(lambda: visible_numbers(win) == numbers, timeout=3000)  # back in "Open"
    qtbot.waitUntil(win.settled, timeout=3000)  # and its detail read again
    assert win.selected_return_id() == shown.id
    assert win.detail.status_label.text() == "Refunded"
    assert bar.undo_button.isHidden() and not win.undo.action.isEnabled()
    timeline = win.detail.timeline_text()
    assert "● Closed" in timeline[-2] and "↶ Undone: back to Refunded" in timeline[-1]
    assert "Undid the move to Closed." in timeline[-1]
    assert bar.currentMessage().startswith(f"{shown.number} is back to Refunded")
    assert sorted(messages(db, shown.id)) == [  # the close's feedback request is withdrawn
        ("feedback", "cancelled"),
        ("refunded", "queued"),
    ]


def test_the_undo_button_withdraws_the_waiting_message(qtbot, db):
    win = window_with_returns(qtbot, db)
    shown = win.detail.detail.ret
    move(qtbot, win, Status.REFUNDED)
    qtbot.waitUntil(lambda: win.status_bar.undo_button.isVisible(), timeout=2000)
    qtbot.mouseClick(win.status_bar.undo_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: win.detail.status_label.text() == "Received", timeout=2000)
    assert messages(db, shown.id) == [("refunded", "cancelled")]
    assert "1 message withdrawn." in win.status_bar.currentMessage()
    qtbot.keyClick(win.table, Qt.Key_Z, Qt.ControlModifier)  # once only: nothing more
    assert win.detail.status_label.text() == "Received"


def test_the_offer_ends_and_then_nothing_is_undone(qtbot, db):
    win = window_with_returns(qtbot, db)
    move(qtbot, win, Status.REFUNDED)
    qtbot.waitUntil(lambda: win.status_bar.undo_button.isVisible(), timeout=2000)
    qtbot.waitUntil(win.settled, timeout=3000)
    win.status_bar._undo_timer.timeout.emit()  # the 10 s are up
    assert win.status_bar.undo_button.isHidden() and not win.undo.action.isEnabled()
    win.undo.undo()
    assert win.detail.status_label.text() == "Refunded"
