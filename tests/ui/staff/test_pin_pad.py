"""The PIN pad, driven by its keys and the keyboard, over the real desk on the test engine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from desk.models import utcnow
from desk.staff import accounts, signin
from desk.staff.codes import ActingAs
from desk.staff.roles import Permission, Role
from desk.staff.signin import PadGuard, sign_in
from ui.staff.approval import ApprovalDialog
from ui.staff.pin_pad import DOT, PinPad


@pytest.fixture
def staff(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="2468")
    accounts.add_staff(db, name="Rui", role=Role.MANAGER, pin="3579")
    return db


def pad_for(qtbot, db, guard=None) -> PinPad:
    guard = guard or PadGuard()
    pad = PinPad(lambda pin, name: sign_in(db, pin, name=name, guard=guard))
    qtbot.addWidget(pad)
    pad.show()
    pad.setFocus()
    return pad


def test_digits_by_touch_and_keyboard_show_as_dots_and_sign_in(qtbot, staff):
    pad = pad_for(qtbot, staff)
    qtbot.mouseClick(pad.keys["2"], Qt.LeftButton)
    qtbot.mouseClick(pad.keys["4"], Qt.LeftButton)
    qtbot.keyClicks(pad, "69")
    assert pad.dots.text() == DOT * 4 and "2" not in pad.dots.text()
    qtbot.keyClick(pad, Qt.Key_Backspace)
    qtbot.mouseClick(pad.keys["erase"], Qt.LeftButton)
    assert pad.typed == 2
    qtbot.keyClicks(pad, "68")
    with qtbot.waitSignal(pad.accepted, timeout=5000) as signed:
        qtbot.keyClick(pad, Qt.Key_Return)
        assert pad.busy and pad.message.text() == "Checking…"
        assert not pad.keys["5"].isEnabled()
    ana = signed.args[0]
    assert (ana.name, ana.role, ana.acting_as) == ("Ana", Role.CLERK, ActingAs.PIN)
    assert pad.typed == 0 and pad.dots.text() == "Type your PIN"


def test_a_short_pin_is_not_checked_and_says_why(qtbot, staff):
    pad = pad_for(qtbot, staff)
    qtbot.keyClicks(pad, "12")
    qtbot.keyClick(pad, Qt.Key_Enter)
    assert not pad.busy
    assert pad.message.text() == "A PIN has 4 to 8 digits."
    qtbot.keyClicks(pad, "3456789012")
    assert pad.typed == 8  # the longest PIN: more digits are not taken


def test_a_wrong_pin_for_a_picked_name_says_the_tries_left(qtbot, staff):
    pad = pad_for(qtbot, staff)
    pad.set_names(["Ana", "Rui"])
    assert pad.names.isVisible() and pad.chosen_name() is None  # first: the PIN alone
    pad.names.setCurrentRow(1)
    assert pad.chosen_name() == "Ana"
    qtbot.keyClicks(pad, "3579")  # Rui's PIN, but Ana was picked
    qtbot.keyClick(pad, Qt.Key_Return)
    qtbot.waitUntil(lambda: not pad.busy, timeout=5000)
    assert pad.message.text() == "Wrong PIN. 4 more wrong tries lock the account."
    assert pad.typed == 0 and pad.ok_button.isEnabled()


def test_a_wait_keeps_ok_off_with_a_countdown_then_lets_try_again(qtbot, staff):
    guard = PadGuard(failures=3, retry_at=utcnow() + timedelta(milliseconds=900))
    pad = pad_for(qtbot, staff, guard)
    qtbot.keyClicks(pad, "2468")
    qtbot.keyClick(pad, Qt.Key_Return)
    qtbot.waitUntil(lambda: not pad.busy, timeout=5000)
    assert pad.message.text() == "Too many wrong PINs: wait 1 second before the next try."
    assert pad.waiting and not pad.ok_button.isEnabled() and pad.ok_button.text() == "1 s"
    qtbot.keyClicks(pad, "2468")
    qtbot.keyClick(pad, Qt.Key_Return)  # Enter does nothing while waiting
    assert not pad.busy
    qtbot.waitUntil(lambda: pad.ok_button.isEnabled(), timeout=3000)
    assert pad.ok_button.text() == "OK"
    with qtbot.waitSignal(pad.accepted, timeout=5000):
        qtbot.keyClick(pad, Qt.Key_Return)


def test_the_fifth_wrong_pin_locks_the_account_and_the_pad_says_so(qtbot, staff):
    now = utcnow() - timedelta(minutes=10)
    for _try in range(signin.LOCK_AFTER - 1):  # four wrong PINs earlier, each after its wait
        with pytest.raises(signin.SignInRefused) as refused:
            sign_in(staff, "1111", name="Ana", now=now)
        now = (refused.value.retry_at or now) + timedelta(seconds=1)
    pad = pad_for(qtbot, staff)
    pad.set_names(["Ana", "Rui"])
    pad.names.setCurrentRow(1)
    qtbot.keyClicks(pad, "1111")
    qtbot.keyClick(pad, Qt.Key_Return)
    qtbot.waitUntil(lambda: not pad.busy, timeout=5000)
    assert pad.message.text() == "Wrong PIN. Ana's account is now locked for 15 minutes."
    assert pad.ok_button.isEnabled()  # a lock is Ana's: the others still sign in
    qtbot.keyClicks(pad, "2468")
    qtbot.keyClick(pad, Qt.Key_Return)  # even the right PIN
    qtbot.waitUntil(lambda: not pad.busy, timeout=5000)
    assert "Ana's account is locked after too many wrong PINs" in pad.message.text()
    assert "15 minutes" in pad.message.text()


def test_escape_cancels_the_pad(qtbot, staff):
    pad = pad_for(qtbot, staff)
    with qtbot.waitSignal(pad.cancelled, timeout=1000):
        qtbot.keyClick(pad, Qt.Key_Escape)


def test_approval_takes_a_managers_pin_and_refuses_a_clerks(qtbot, staff):
    dialog = ApprovalDialog(staff, Permission.REDEEM_CODE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.pad, "2468")  # Ana, a clerk, may not redeem codes
    qtbot.keyClick(dialog.pad, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dialog.pad.busy, timeout=5000)
    assert "Ana may not do this: redeem a reward code" in dialog.pad.message.text()
    assert dialog.isVisible() and dialog.approver is None
    qtbot.keyClicks(dialog.pad, "3579")
    qtbot.keyClick(dialog.pad, Qt.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert dialog.approver.name == "Rui" and dialog.result() == ApprovalDialog.Accepted
