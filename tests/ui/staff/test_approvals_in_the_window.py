"""Owner-only actions reached by a clerk in the window: the desk asks for an authorised
person's PIN once (the approval prompt, ui.staff.gate's seam), does the action with both
names in the audit, and does nothing when nobody approves. A shop without PINs is asked
nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.errors import DeskError
from desk.models import Customer
from desk.staff import accounts, signin
from desk.staff.audit import AuditQuery, entries
from desk.staff.codes import AuditAction
from desk.staff.roles import Permission, Role
from tests.ui.customers.test_profile import open_profile
from tests.ui.customers.test_profile import window as window  # the main window with Ana
from tests.ui.feedback.test_codes_dialog import check, code, opened
from tests.ui.new_return.test_policy_panel import bought_days_ago, fill_item, saved
from ui import background, prompts
from ui.new_return.dialog import NewReturnDialog
from ui.settings.dialog import SettingsDialog
from ui.staff.signed_in import SignedIn

__all__ = ["code", "window"]  # fixtures used here


class Approvals:
    """Answers the approval prompt: with `pin` (the real desk check), or nobody (None)."""

    def __init__(self):
        self.pin: str | None = None
        self.asked: list[Permission] = []
        self.refused: list[str] = []  # what the prompt said of a PIN it did not take

    def __call__(self, parent, db, permission: Permission):
        self.asked.append(permission)
        if self.pin is None:
            return None
        try:
            return signin.approve(db, self.pin, permission)
        except DeskError as error:  # the prompt says why and approves nothing
            self.refused.append(str(error))
            return None


@pytest.fixture
def approvals(monkeypatch) -> Approvals:
    answer = Approvals()
    monkeypatch.setattr("ui.staff.gate.ask_approval", answer)
    return answer


@pytest.fixture
def clerk_signed_in(db):
    """Ana, a clerk, signed in at the window; the owner has a PIN (908172), Rui too (5930)."""
    accounts.add_staff(db, name="Ana", role=Role.CLERK, pin="4821")
    accounts.add_staff(db, name="Rui", role=Role.MANAGER, pin="5930")
    accounts.set_pin(db, "Owner", "908172")
    person = SignedIn()
    person.sign_in(signin.sign_in(db, "4821"))
    return person


def audit(db, action: AuditAction):
    with db.session() as session:
        return entries(session, AuditQuery(actions=[action]))


def test_a_clerk_erasing_is_asked_for_a_pin_and_both_names_are_recorded(
    qtbot, window, db, monkeypatch, approvals, clerk_signed_in
):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    approvals.pin = "908172"
    profile = open_profile(qtbot, window)
    qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
    assert approvals.asked == [Permission.ERASE_CUSTOMER]
    qtbot.waitUntil(lambda: profile.profile.erased, timeout=5000)
    (entry,) = audit(db, AuditAction.CUSTOMER_ERASED)
    assert (entry.actor_name, entry.approver_name) == ("Ana", "Owner")
    assert entry.subject == f"customer {profile.customer_id}"


def test_a_clerk_erasing_without_approval_changes_nothing(
    qtbot, window, db, monkeypatch, approvals, clerk_signed_in
):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    profile = open_profile(qtbot, window)
    for pin in (None, "5930"):  # nobody; a manager, who may not approve an erasure
        approvals.pin = pin
        qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
    assert len(approvals.refused) == 1 and "Rui may not do this" in approvals.refused[0]
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=5000)
    assert approvals.asked == [Permission.ERASE_CUSTOMER] * 2
    assert profile.erase_button.isEnabled() and not profile.profile.erased
    with db.session() as session:
        assert session.get(Customer, profile.customer_id).erased_at is None
    assert audit(db, AuditAction.CUSTOMER_ERASED) == []


def test_a_shop_without_pins_is_asked_nothing(qtbot, window, db, monkeypatch, approvals):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    profile = open_profile(qtbot, window)
    qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: profile.profile.erased, timeout=5000)
    assert approvals.asked == []
    assert audit(db, AuditAction.CUSTOMER_ERASED)[0].approver_name is None


def test_the_settings_open_only_with_the_owner_s_approval(
    qtbot, window, db, approvals, clerk_signed_in
):
    window.edit_settings()
    assert approvals.asked == [Permission.SETTINGS]
    assert not window.findChildren(SettingsDialog)  # nobody approved: not opened
    approvals.pin = "908172"
    window.edit_settings()
    (dialog,) = window.findChildren(SettingsDialog)
    qtbot.waitUntil(lambda: not dialog.keyring_pending(), timeout=5000)
    dialog.fields["shop.name"].set_value("Loja da Ana")
    assert dialog.save()
    assert len(approvals.asked) == 2  # asked once, when opened
    (entry,) = audit(db, AuditAction.SETTING_CHANGED)
    assert (entry.subject, entry.new_value) == ("shop.name", "Loja da Ana")
    assert (entry.actor_name, entry.approver_name) == ("Ana", "Owner")
    dialog.close()


def test_a_clerk_redeems_a_code_with_a_manager_s_pin(qtbot, db, code, approvals, clerk_signed_in):
    dialog = opened(qtbot, db)
    check(qtbot, dialog, code)
    dialog.redeem()
    assert dialog.info.state.value == "issued" and audit(db, AuditAction.CODE_REDEEMED) == []
    approvals.pin = "5930"
    dialog.redeem()
    assert approvals.asked == [Permission.REDEEM_CODE] * 2
    assert dialog.info.state.value == "redeemed" and dialog.info.redeemed_by == "Ana"
    (entry,) = audit(db, AuditAction.CODE_REDEEMED)
    assert (entry.actor_name, entry.approver_name) == ("Ana", "Rui")


def test_a_clerk_s_override_at_intake_needs_a_manager_and_the_form_keeps_what_was_typed(
    qtbot, db, monkeypatch, approvals, clerk_signed_in
):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: False)  # closing at teardown
    dialog = NewReturnDialog(db, currency="EUR", staff="Ana")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.customer.new_button, Qt.LeftButton)
    qtbot.keyClicks(dialog.customer.name_edit, "Nina New")
    fill_item(qtbot, dialog, condition="Unopened")
    bought_days_ago(qtbot, dialog, 31)
    qtbot.keyClicks(dialog.policy.override_edit, "Gift, receipt came late")
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)  # nobody approves
    assert approvals.asked == [Permission.OVERRIDE_POLICY]
    assert dialog.isVisible() and saved(db) == []
    assert dialog.policy.override_edit.text() == "Gift, receipt came late"
    approvals.pin = "5930"
    qtbot.mouseClick(dialog.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    (entry,) = audit(db, AuditAction.POLICY_OVERRIDDEN)
    assert (entry.actor_name, entry.approver_name) == ("Ana", "Rui")
    assert "30-day window" in entry.new_value and entry.subject == f"return {dialog.created.number}"
