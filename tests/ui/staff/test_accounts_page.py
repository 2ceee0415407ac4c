"""Settings › Staff, driven through its real widgets over a real database (either engine)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt

from desk.errors import DeskError
from desk.models import utcnow
from desk.staff.accounts import add_staff, list_staff
from desk.staff.actor import role_grants
from desk.staff.audit import AuditQuery, read_entries
from desk.staff.codes import AuditAction
from desk.staff.lookup import owner_account, pins_in_use
from desk.staff.roles import Permission, Role
from desk.staff.signin import sign_in
from ui import prompts
from ui.background import running_jobs
from ui.settings.dialog import SettingsDialog
from ui.staff.accounts_page import StaffPage
from ui.staff.staff_form import Mode
from ui.staff.staff_models import LOCKED, PIN, AccountsModel, GrantsModel


def settled(qtbot) -> None:
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)


@pytest.fixture
def page(qtbot, db):
    widget = StaffPage(db)
    qtbot.addWidget(widget)
    widget.resize(980, 560)
    widget.show()
    settled(qtbot)
    return widget


def by_name(db, name: str):
    return next((info for info in list_staff(db) if info.name == name), None)


def select(qtbot, page, name: str) -> None:
    page.reload()
    settled(qtbot)
    row = next(r for r, info in enumerate(page.model.accounts) if info.name == name)
    page.table.selectRow(row)
    assert page.selected().name == name


def typed(qtbot, form, **fields) -> None:
    edits = {"name": form.name_edit, "pin": form.pin_edit, "again": form.again_edit}
    for key, text in fields.items():
        edits[key].clear()
        if text.isascii():
            qtbot.keyClicks(edits[key], text)
        else:  # QTest types ASCII keys only
            edits[key].insert(text)


def test_the_page_lists_the_owner_and_says_sign_in_is_off(db, page):
    assert [info.name for info in page.model.accounts] == [owner_account(db).name]
    assert page.sign_in_label.text() == "Sign-in is off: nobody has a PIN."
    assert "Giving anyone a PIN turns sign-in on" in page.hint.text()


def test_an_account_added_with_a_pin_through_the_page_is_in_the_desk(db, qtbot, page):
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    form = page.form
    assert form.mode is Mode.ADD and form.isVisible()
    assert form.pin_edit.echoMode() == form.pin_edit.EchoMode.Password
    assert form.again_edit.echoMode() == form.again_edit.EchoMode.Password
    typed(qtbot, form, name="Ana Lúcia", pin="2468", again="2468")
    form.role_combo.setCurrentIndex(form.role_combo.findData(Role.MANAGER))
    qtbot.mouseClick(form.save_button, Qt.LeftButton)
    assert not form.save_button.isEnabled() and not form.pin_edit.isEnabled()  # saving
    settled(qtbot)
    ana = by_name(db, "Ana Lúcia")
    assert ana is not None and ana.role is Role.MANAGER and ana.has_pin and ana.active
    assert sign_in(db, "2468").name == "Ana Lúcia"  # the PIN typed is the one kept
    assert page.result.text() == "Ana Lúcia added."
    assert page.selected().name == "Ana Lúcia"
    assert page.sign_in_label.text() == "Sign-in is on: someone has a PIN."
    added = read_entries(db, AuditQuery(actions=[AuditAction.STAFF_ADDED]))
    assert [entry.subject for entry in added] == ["Ana Lúcia"]


def test_a_bad_pin_is_said_next_to_the_field_and_the_form_keeps_what_was_typed(db, qtbot, page):
    page.add_account()
    form = page.form
    typed(qtbot, form, name="Bruno", pin="12", again="12")
    form.submit()
    assert form.errors["pin"].label.text() == "A PIN has 4 to 8 digits."
    assert form.isVisible() and form.name_edit.text() == "Bruno" and form.pin_edit.text() == "12"
    typed(qtbot, form, pin="1357", again="1375")
    form.submit()
    assert form.errors["again"].label.text() == "The two PINs differ: type the same PIN twice."
    assert not form.errors["pin"].shown
    assert by_name(db, "Bruno") is None  # nothing was saved


def test_a_pin_someone_has_is_refused_by_the_desk_next_to_the_field(db, qtbot, page):
    add_staff(db, name="Carla", role=Role.CLERK, pin="8642")
    page.add_account()
    form = page.form
    typed(qtbot, form, name="Bruno", pin="8642", again="8642")
    form.submit()
    settled(qtbot)
    assert form.errors["pin"].label.text() == "Someone else has this PIN; choose another."
    assert form.isVisible() and form.save_button.isEnabled() and form.pin_edit.isEnabled()
    assert (form.name_edit.text(), form.pin_edit.text()) == ("Bruno", "8642")
    assert by_name(db, "Bruno") is None


def test_a_name_in_use_is_said_next_to_the_name(db, qtbot, page):
    add_staff(db, name="Carla", role=Role.CLERK)
    page.add_account()
    typed(qtbot, page.form, name="  carla ")
    page.form.submit()
    settled(qtbot)
    assert page.form.errors["name"].label.text() == "There is already an account named Carla."


def test_edit_renames_and_changes_the_role(db, qtbot, page):
    add_staff(db, name="Carla", role=Role.CLERK)
    select(qtbot, page, "Carla")
    qtbot.mouseClick(page.edit_button, Qt.LeftButton)
    form = page.form
    assert form.mode is Mode.EDIT and not form.pin_edit.isVisible()
    typed(qtbot, form, name="Carla Souza")
    form.role_combo.setCurrentIndex(form.role_combo.findData(Role.MANAGER))
    form.submit()
    settled(qtbot)
    carla = by_name(db, "Carla Souza")
    assert carla is not None and carla.role is Role.MANAGER
    assert page.result.text() == "Carla Souza saved."


def test_the_last_active_owner_cannot_be_turned_off_and_the_page_says_so(
    db, qtbot, page, monkeypatch
):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    select(qtbot, page, owner_account(db).name)
    assert page.active_button.text() == "Turn off…"
    qtbot.mouseClick(page.active_button, Qt.LeftButton)
    settled(qtbot)
    assert page.result.isVisible()
    assert page.result.text() == (
        "The shop needs an active owner: make someone else the owner first."
    )
    assert owner_account(db).active


def test_turn_off_asks_first_and_turn_on_brings_the_account_back(db, qtbot, page, monkeypatch):
    add_staff(db, name="Carla", role=Role.CLERK, pin="8642")
    select(qtbot, page, "Carla")
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: False)
    page.toggle_active()
    settled(qtbot)
    assert by_name(db, "Carla").active  # No: nothing happened
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    page.toggle_active()
    settled(qtbot)
    assert not by_name(db, "Carla").active and not pins_in_use(db)
    assert page.result.text() == "Carla turned off."
    assert page.active_button.text() == "Turn on…"
    page.toggle_active()
    settled(qtbot)
    assert by_name(db, "Carla").active


def test_a_new_pin_unlocks_a_locked_account_and_remove_pin_takes_it_away(
    db, qtbot, page, monkeypatch
):
    add_staff(db, name="Carla", role=Role.CLERK, pin="8642")
    start = utcnow()
    for attempt in range(5):  # a minute apart: past each wait, into the lock
        with pytest.raises(DeskError):
            sign_in(db, "1212", name="Carla", now=start + timedelta(minutes=attempt))
    assert by_name(db, "Carla").locked
    select(qtbot, page, "Carla")
    row = page.model.row_of(page.selected().id)
    assert page.model.index(row, LOCKED).data() == "Locked"
    assert page.pin_button.text() == "Unlock with a new PIN…"
    page.set_account_pin()
    form = page.form
    assert form.mode is Mode.PIN and "locked out" in form.intro.text()
    typed(qtbot, form, pin="97531", again="97531")
    form.submit()
    settled(qtbot)
    carla = by_name(db, "Carla")
    assert not carla.locked and carla.has_pin
    assert sign_in(db, "97531", name="Carla").name == "Carla"
    assert page.pin_button.text() == "Set PIN…"
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    qtbot.mouseClick(page.remove_pin_button, Qt.LeftButton)
    settled(qtbot)
    assert not by_name(db, "Carla").has_pin
    assert page.model.index(row, PIN).data() == "None"
    assert not page.remove_pin_button.isEnabled()


def test_an_empty_pin_never_removes_one(db, qtbot, page):
    add_staff(db, name="Carla", role=Role.CLERK, pin="8642")
    select(qtbot, page, "Carla")
    page.set_account_pin()
    page.form.submit()
    assert page.form.errors["pin"].shown
    settled(qtbot)
    assert by_name(db, "Carla").has_pin


def test_the_grants_matrix_changes_a_grant_through_the_desk(db, qtbot, page):
    model = page.grants_model
    cell = model.cell(Permission.REDEEM_CODE, Role.CLERK)
    assert cell.data(Qt.CheckStateRole) == Qt.Unchecked
    assert model.setData(cell, Qt.Checked.value, Qt.CheckStateRole) is False  # the desk decides
    settled(qtbot)
    assert Permission.REDEEM_CODE in role_grants(db)[Role.CLERK]
    assert cell.data(Qt.CheckStateRole) == Qt.Checked
    assert page.grants_result.text() == "Clerk may now: redeem a reward code."
    model.setData(model.cell(Permission.PRINT, Role.MANAGER), Qt.Unchecked.value, Qt.CheckStateRole)
    settled(qtbot)
    assert Permission.PRINT not in role_grants(db)[Role.MANAGER]
    changed = read_entries(db, AuditQuery(actions=[AuditAction.GRANT_CHANGED]))
    assert [entry.subject for entry in changed] == ["manager: print", "clerk: redeem_code"]


def test_the_owners_column_is_ticked_and_cannot_be_changed(db, qtbot, page):
    model = page.grants_model
    for permission in Permission:
        cell = model.cell(permission, Role.OWNER)
        assert cell.data(Qt.CheckStateRole) == Qt.Checked
        assert not cell.flags() & Qt.ItemIsEnabled
    model.setData(
        model.cell(Permission.SETTINGS, Role.OWNER), Qt.Unchecked.value, Qt.CheckStateRole
    )
    settled(qtbot)
    assert role_grants(db)[Role.OWNER] == frozenset(Permission)


def test_both_models_pass_the_model_tester(db, qtbot, page, qtmodeltester):
    add_staff(db, name="Carla", role=Role.CLERK, pin="8642")
    page.reload()
    settled(qtbot)
    assert isinstance(page.model, AccountsModel) and page.model.rowCount() == 2
    qtmodeltester.check(page.model)
    assert isinstance(page.grants_model, GrantsModel)
    qtmodeltester.check(page.grants_model)


def test_the_settings_dialog_has_the_staff_tab(db, qtbot):
    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    tabs = dialog.tabs
    index = tabs.indexOf(dialog.staff_page)
    assert index >= 0 and tabs.tabText(index) == "Staff"
    settled(qtbot)
    assert dialog.staff_page.model.rowCount() == 1


def test_the_first_owners_english_name_is_shown_in_the_desks_language(db, qtbot, monkeypatch):
    from desk.i18n.catalog import set_language

    set_language("pt_BR")
    widget = StaffPage(db)
    qtbot.addWidget(widget)
    settled(qtbot)
    assert owner_account(db).name == "Owner"  # as migration 0022 made it
    assert widget.model.index(0, 0).data() == Role.OWNER.label == "Dono(a) da loja"
    widget.table.selectRow(0)
    widget.edit_account()
    form = widget.form
    assert form.name_edit.text() == "Dono(a) da loja"
    form.submit()  # saved as shown: not renamed to the shown words
    settled(qtbot)
    assert not shiboken6.isValid(form)  # closed and gone
    assert owner_account(db).name == "Owner"
