"""Staff at the main window: no sign-in without PINs; with PINs, the cover, F2, sign-out, idle
sign-out, what a clerk is offered and the signed-in name in the timeline (real widgets,
the real desk on the test engine)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.codes import Status
from desk.services import get_return
from desk.staff import accounts
from desk.staff.actor import desk_actor
from desk.staff.audit import AuditQuery
from desk.staff.audit_export import audit_rows
from desk.staff.codes import ActingAs, AuditAction
from desk.staff.roles import Role
from tests.ui.test_main_window import add_return, move, wait_for_list
from ui.actions import Act
from ui.main_window import MainWindow
from ui.staff.sign_in_dialog import SignInDialog

ANA_PIN, OWNER_PIN = "2468", "1357"


def open_window(qtbot, db) -> MainWindow:
    add_return(db, "Carla Dias", "carla@example.com", "KETTLE-03")
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    wait_for_list(qtbot, win)
    return win


@pytest.fixture
def with_pins(db):
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin=ANA_PIN)
    accounts.set_pin(db, "Owner", OWNER_PIN)
    return db


def type_pin(qtbot, pad, pin: str) -> None:
    qtbot.keyClicks(pad, pin)
    qtbot.keyClick(pad, Qt.Key_Return)
    qtbot.waitUntil(lambda: not pad.busy, timeout=5000)


def sign_in(qtbot, win, pin: str) -> None:
    type_pin(qtbot, win.staff.cover.pad, pin)
    qtbot.waitUntil(lambda: not win.staff.cover.covering, timeout=2000)
    qtbot.waitUntil(lambda: win.staff.idle.active or win.staff.idle_ms == 0, timeout=3000)


def shown(win, act: Act) -> bool:
    return win.actions_[act].isVisible()


def test_a_shop_without_pins_sees_no_sign_in_and_moves_as_before(qtbot, db):
    win = open_window(qtbot, db)
    assert win.staff.cover is None and not win.staff.who.isVisible()
    assert not shown(win, Act.SIGN_OUT)
    qtbot.waitUntil(lambda: win.staff.actor is not None, timeout=3000)
    assert (desk_actor().name, desk_actor().acting_as) == ("Owner", ActingAs.NO_PINS)
    assert shown(win, Act.SETTINGS) and shown(win, Act.TEMPLATES)
    dialog = move(qtbot, win, Status.INSPECTING, note="")
    assert not dialog.staff_edit.isReadOnly()  # typed, as before
    win.details.show(win.detail.detail.ret.id)
    qtbot.waitUntil(lambda: win.detail.status_label.text() == "Inspecting", timeout=3000)


def test_with_pins_the_window_is_covered_until_the_right_pin(qtbot, with_pins):
    win = open_window(qtbot, with_pins)
    cover = win.staff.cover
    assert cover.covering and cover.geometry() == win.rect()
    assert not win.centralWidget().isEnabled() and not win.menuBar().isEnabled()
    qtbot.keyClick(win.staff.cover.pad, Qt.Key_F2)  # no shortcut runs under the cover
    assert win.active_dialog is None
    type_pin(qtbot, cover.pad, "9999")
    assert cover.pad.message.text() == "Nobody has this PIN. Try again."
    assert cover.covering and win.staff.actor is None
    sign_in(qtbot, win, ANA_PIN)
    assert win.centralWidget().isEnabled() and win.menuBar().isEnabled()
    assert win.staff.who.isVisible() and win.staff.who.text() == "Ana · Clerk"
    assert (desk_actor().name, desk_actor().acting_as) == ("Ana", ActingAs.PIN)


def test_a_clerks_menus_lack_the_owners_actions(qtbot, with_pins):
    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, ANA_PIN)
    assert not shown(win, Act.SETTINGS) and not shown(win, Act.TEMPLATES)
    assert not shown(win, Act.IMPORT_CUSTOMERS) and not shown(win, Act.REWARD_CODES)
    if Act.AUDIT in win.actions_:
        assert not shown(win, Act.AUDIT)
    assert shown(win, Act.NEW_RETURN) and shown(win, Act.DASHBOARD)
    file_menu = win.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions() if a.isVisible() and a.text()] == [
        "&New return…",
        "&Print return instructions…",
        "&Export instructions as PDF…",
        "S&witch user…",
        "Sign &out",
        "&Quit",
    ]


def test_f2_and_another_pin_switch_user_and_esc_keeps_the_first(qtbot, with_pins):
    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, ANA_PIN)
    qtbot.keyClick(win, Qt.Key_F2)
    dialog = win.active_dialog
    assert isinstance(dialog, SignInDialog) and dialog.isVisible()
    qtbot.keyClick(dialog.pad, Qt.Key_Escape)
    assert not dialog.isVisible() and win.staff.actor.name == "Ana"
    qtbot.keyClick(win, Qt.Key_F2)
    dialog = win.active_dialog
    type_pin(qtbot, dialog.pad, OWNER_PIN)
    qtbot.waitUntil(lambda: win.staff.who.text() == "Owner · Owner", timeout=3000)
    qtbot.waitUntil(lambda: shown(win, Act.SETTINGS), timeout=3000)  # the owner's menus
    signed_out = AuditQuery(actions=(AuditAction.SIGNED_OUT,))
    qtbot.waitUntil(lambda: bool(list(audit_rows(with_pins, signed_out))), timeout=3000)
    assert [r.actor_name for r in audit_rows(with_pins, signed_out)] == ["Ana"]


def test_sign_out_covers_the_window_and_records_it(qtbot, with_pins):
    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, OWNER_PIN)
    win.actions_[Act.SIGN_OUT].trigger()
    assert win.staff.cover.covering and win.staff.actor is None
    assert not win.staff.who.isVisible()
    query = AuditQuery(actions=(AuditAction.SIGNED_OUT,))
    qtbot.waitUntil(lambda: bool(list(audit_rows(with_pins, query))), timeout=3000)
    assert [r.actor_name for r in audit_rows(with_pins, query)] == ["Owner"]


def test_idle_time_signs_out_and_asks_again(qtbot, with_pins):
    win = open_window(qtbot, with_pins)
    win.staff.idle_ms = 300
    sign_in(qtbot, win, ANA_PIN)
    qtbot.wait(150)
    qtbot.keyClick(win.table, Qt.Key_Down)  # use: the count starts again
    qtbot.wait(200)
    assert not win.staff.cover.covering
    qtbot.waitUntil(lambda: win.staff.cover.covering, timeout=3000)
    assert win.staff.actor is None
    assert win.staff.cover.pad.message.text() == "Ana was signed out after a time without use."
    query = AuditQuery(actions=(AuditAction.SIGNED_OUT,))
    qtbot.waitUntil(lambda: bool(list(audit_rows(with_pins, query))), timeout=3000)
    assert [r.new_value for r in audit_rows(with_pins, query)] == ["idle"]


def test_a_move_records_the_signed_in_name(qtbot, with_pins):
    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, ANA_PIN)
    return_id = win.detail.detail.ret.id
    dialog = move(qtbot, win, Status.INSPECTING)
    assert dialog.staff_edit.text() == "Ana" and dialog.staff_edit.isReadOnly()
    qtbot.waitUntil(lambda: win.detail.status_label.text() == "Inspecting", timeout=3000)
    timeline = get_return(with_pins, return_id=return_id).timeline
    assert [(c.to_status, c.staff) for c in timeline][-1] == ("inspecting", "Ana")


def test_f2_without_pins_says_how_to_give_them(qtbot, db):
    win = open_window(qtbot, db)
    qtbot.keyClick(win, Qt.Key_F2)
    qtbot.waitUntil(lambda: "Nobody signs in" in win.statusBar().currentMessage(), timeout=3000)
    assert win.staff.cover is None and win.active_dialog is None


def test_f2_after_pins_were_given_asks_for_one(qtbot, db):
    win = open_window(qtbot, db)
    qtbot.waitUntil(lambda: win.staff.actor is not None, timeout=3000)
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin=ANA_PIN)  # the Staff page, say
    qtbot.keyClick(win, Qt.Key_F2)
    qtbot.waitUntil(lambda: win.staff.cover is not None and win.staff.cover.covering, timeout=3000)
    sign_in(qtbot, win, ANA_PIN)
    assert win.staff.who.text() == "Ana · Clerk"


def test_open_windows_hide_under_the_cover_and_come_back_to_the_same_person(qtbot, with_pins):
    from ui import window_openers as openers
    from ui.customers.directory import CustomerDirectory

    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, ANA_PIN)
    openers.open_customers(win, with_pins, on_profile=lambda _id: None, on_merged=lambda _r: None)
    customers = win.findChild(CustomerDirectory)
    assert customers.isVisible()
    win.staff.sign_out()
    assert not customers.isVisible()
    sign_in(qtbot, win, ANA_PIN)
    assert customers.isVisible()  # Ana's, back to her
    win.staff.sign_out()
    sign_in(qtbot, win, OWNER_PIN)
    qtbot.waitUntil(lambda: win.findChild(CustomerDirectory) is None, timeout=2000)


def test_a_dialog_over_the_cover_keeps_its_keys(qtbot, with_pins):
    from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

    win = open_window(qtbot, with_pins)
    box = QDialog(win)
    edit = QLineEdit(box)
    QVBoxLayout(box).addWidget(edit)
    box.show()
    qtbot.keyClicks(edit, "yes")
    assert edit.text() == "yes" and win.staff.cover.pad.typed == 0


def test_the_redeem_and_feedback_dialogs_show_the_signed_in_name(qtbot, with_pins):
    from ui import window_openers as openers

    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, OWNER_PIN)
    codes = openers.codes_dialog(win, with_pins, "EUR")
    qtbot.addWidget(codes)
    assert codes.staff_edit.text() == "Owner" and codes.staff_edit.isReadOnly()
    assert codes.staff == "Owner"
    detail = win.detail.detail
    record = openers.record_feedback_dialog(win, with_pins, detail, win.shop, None, print)
    qtbot.addWidget(record)
    assert record.staff_edit.text() == "Owner" and record.staff_edit.isReadOnly()


def test_a_clerk_reaching_an_owners_action_asks_for_an_approval_on_the_pad(qtbot, with_pins):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desk.staff.roles import Permission
    from ui.staff.approval import ApprovalDialog
    from ui.staff.gate import authorised

    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, ANA_PIN)
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ApprovalDialog):
            QTimer.singleShot(50, answer)
            return
        seen.append(dialog.windowTitle())
        qtbot.keyClicks(dialog.pad, OWNER_PIN)
        qtbot.keyClick(dialog.pad, Qt.Key_Return)

    QTimer.singleShot(50, answer)
    actor = authorised(win, with_pins, Permission.SETTINGS)
    assert seen == ["Approval needed"]
    assert (actor.name, actor.approved_by.name) == ("Ana", "Owner")


def test_when_the_last_pin_is_removed_a_sign_out_leaves_the_shop_without_pins(qtbot, with_pins):
    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, OWNER_PIN)
    accounts.set_pin(with_pins, "Ana", None)
    accounts.set_pin(with_pins, "Owner", None)
    win.actions_[Act.SIGN_OUT].trigger()
    qtbot.waitUntil(lambda: not win.staff.cover.covering, timeout=3000)
    qtbot.waitUntil(lambda: win.staff.actor is not None, timeout=3000)
    assert win.staff.actor.acting_as is ActingAs.NO_PINS and not win.staff.who.isVisible()
    assert shown(win, Act.SETTINGS) and not shown(win, Act.SIGN_OUT)


def test_the_idle_time_is_the_settings_and_zero_never_signs_out(qtbot, with_pins):
    from desk.settings import STAFF_IDLE_MINUTES, save_settings

    win = open_window(qtbot, with_pins)
    sign_in(qtbot, win, ANA_PIN)
    assert win.staff.idle._timer.interval() == 10 * 60_000  # the default: 10 minutes
    win.staff.sign_out()
    save_settings(with_pins, {STAFF_IDLE_MINUTES: 0})
    type_pin(qtbot, win.staff.cover.pad, OWNER_PIN)
    qtbot.waitUntil(lambda: shown(win, Act.SETTINGS), timeout=3000)  # the owner's, read
    assert not win.staff.idle.active


def test_an_approval_left_unanswered_ends_at_the_idle_sign_out(qtbot, with_pins):
    from desk.staff.roles import Permission
    from ui.staff.gate import authorised

    win = open_window(qtbot, with_pins)
    win.staff.idle_ms = 300
    sign_in(qtbot, win, ANA_PIN)
    assert authorised(win, with_pins, Permission.SETTINGS) is None  # nobody typed a PIN
    assert win.staff.cover.covering
    sign_in(qtbot, win, ANA_PIN)  # the same person: what was left open comes back, if alive
    assert win.staff.actor.name == "Ana"
