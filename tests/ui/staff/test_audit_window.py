"""Owner › Audit over a real database (either engine): entries made through the services,
filtered, paged and exported by the real window."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from desk.staff.accounts import add_staff, change_staff, set_pin
from desk.staff.actor import Actor
from desk.staff.audit import AuditQuery, read_entries
from desk.staff.audit_export import COLUMNS
from desk.staff.codes import ActingAs, AuditAction
from desk.staff.grants import set_grant
from desk.staff.roles import Permission, Role
from ui.background import running_jobs
from ui.staff import audit_model, audit_window
from ui.staff.audit_model import CHANGE, SUBJECT, WHAT, WHO, AuditModel
from ui.staff.audit_window import AuditWindow


def settled(qtbot) -> None:
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)


@pytest.fixture
def shop(db):
    """Entries made through the services: the computer's user adds Ana (an owner) and
    Bruno; Ana, signed in with her PIN, changes a grant and turns Bruno off."""
    ana = add_staff(db, name="Ana", role=Role.OWNER, pin="2468")
    add_staff(db, name="Bruno", role=Role.CLERK)
    as_ana = Actor(name="Ana", role=Role.OWNER, acting_as=ActingAs.PIN, account_id=ana.id)
    set_grant(db, Role.CLERK, Permission.REDEEM_CODE, True, actor=as_ana)
    change_staff(db, "Bruno", active=False, actor=as_ana)
    return db


@pytest.fixture
def window(qtbot, shop):
    widget = AuditWindow(shop)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    settled(qtbot)
    return widget


def shown(window, column: int) -> list[str]:
    model = window.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_window_shows_the_entries_newest_first(window, qtmodeltester):
    assert shown(window, WHAT) == [
        "Staff account changed",
        "Role permissions changed",
        "Staff account added",
        "Staff account added",
    ]
    assert shown(window, WHO)[:2] == ["Ana", "Ana"]
    assert shown(window, SUBJECT)[1] == "Clerk: Redeem a reward code"
    assert shown(window, CHANGE)[1] == "no → yes"
    assert shown(window, CHANGE)[0] == "Bruno · Clerk · active → Bruno · Clerk · turned off"
    assert window.status.text() == "4 entries shown."
    qtmodeltester.check(window.model)


def test_the_window_is_read_only(window):
    model = window.model
    index = model.index(0, SUBJECT)
    assert not model.flags(index) & Qt.ItemIsEditable
    assert model.setData(index, "changed") is False
    assert window.table.editTriggers() == window.table.EditTrigger.NoEditTriggers


def test_the_filters_pick_an_action_and_a_person(qtbot, window):
    combo = window.action_combo
    combo.setCurrentIndex(combo.findData(AuditAction.STAFF_ADDED))
    settled(qtbot)
    assert shown(window, SUBJECT) == ["Bruno", "Ana"]
    combo.setCurrentIndex(0)  # every action
    people = window.person_combo
    assert people.findData("Bruno") > 0  # the staff's names, read in the background
    people.setCurrentIndex(people.findData("Ana"))
    settled(qtbot)
    assert shown(window, WHAT) == ["Staff account changed", "Role permissions changed"]
    combo.setCurrentIndex(combo.findData(AuditAction.PIN_SET))
    settled(qtbot)
    assert window.model.rowCount() == 0
    assert window.status.text() == "No audit entry matches these filters."


def test_the_dates_filter_from_and_to(qtbot, window):
    window.from_check.setChecked(True)
    window.from_date.setDate(window.from_date.date().addDays(60))  # from a day to come
    settled(qtbot)
    assert window.model.rowCount() == 0
    window.from_check.setChecked(False)
    window.to_check.setChecked(True)
    window.to_date.setDate(window.to_date.date().currentDate())  # to today, included
    settled(qtbot)
    assert window.model.rowCount() == 4
    window.to_date.setDate(window.to_date.date().addDays(-1))  # to yesterday
    settled(qtbot)
    assert window.model.rowCount() == 0


def test_the_entries_come_a_page_at_a_time(qtbot, shop, monkeypatch, qtmodeltester):
    monkeypatch.setattr(audit_model, "PAGE", 3)
    for n in range(4):  # 8 more entries: 12 in all
        set_pin(shop, "Bruno", f"13{n}57")
        set_grant(shop, Role.MANAGER, Permission.PRINT, n % 2 == 1)
    model = AuditModel(shop)  # no view asking for more rows to fill itself
    model.set_query(AuditQuery())
    settled(qtbot)
    assert model.rowCount() == 3 and model.canFetchMore()
    qtmodeltester.check(model)  # which may ask for the next page itself
    settled(qtbot)
    while model.canFetchMore():
        model.fetchMore()
        settled(qtbot)
    ids = [row.id for row in model.rows]
    assert len(ids) == 12 and ids == sorted(set(ids), reverse=True)  # no row twice, newest first
    assert ids == [entry.id for entry in read_entries(shop, AuditQuery(limit=100))]
    model.set_query(AuditQuery(actions=[AuditAction.PIN_SET]))  # a new filter: from the newest
    settled(qtbot)
    assert model.rowCount() == 3 and {row.action for row in model.rows} == {AuditAction.PIN_SET}


def test_the_window_reads_more_as_it_scrolls(qtbot, shop, monkeypatch):
    monkeypatch.setattr(audit_model, "PAGE", 3)
    for n in range(4):  # taken away, given back, twice: 4 more entries
        set_grant(shop, Role.MANAGER, Permission.PRINT, n % 2 == 1)
    widget = AuditWindow(shop)
    qtbot.addWidget(widget)
    widget.resize(1024, 700)
    widget.show()
    settled(qtbot)
    model = widget.model

    def all_read() -> bool:
        widget.table.scrollToBottom()  # the view asks for the next page at the end
        return not model.canFetchMore() and not model.loading

    qtbot.waitUntil(all_read, timeout=10_000)
    settled(qtbot)
    assert widget.model.rowCount() == 8 and not widget.model.canFetchMore()
    assert widget.status.text() == "8 entries shown."


def test_export_writes_the_entries_the_filters_select(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "audit"
    monkeypatch.setattr(audit_window, "ask_save_path", lambda *args: target)
    people = window.person_combo
    people.setCurrentIndex(people.findData("Ana"))
    settled(qtbot)
    qtbot.mouseClick(window.export_button, Qt.LeftButton)
    settled(qtbot)
    written = tmp_path / "audit.csv"  # the extension added
    with written.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(COLUMNS)
    assert [(row[1], row[2], row[5]) for row in rows[1:]] == [
        ("staff_changed", "Ana", "Bruno"),
        ("grant_changed", "Ana", "clerk: redeem_code"),
    ]
    assert window.status.text() == f"2 entries written to {written}."
    assert window.export_button.isEnabled()


def test_export_cancelled_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(audit_window, "ask_save_path", lambda *args: None)
    window.export_csv()
    settled(qtbot)
    assert list(tmp_path.iterdir()) == [] or not any(tmp_path.glob("*.csv"))
    assert window.status.text() == "4 entries shown."


def test_an_export_that_cannot_be_written_is_said(qtbot, window, tmp_path, monkeypatch):
    from ui import prompts

    said = []
    monkeypatch.setattr(prompts, "show_error", lambda parent, title, message: said.append(title))
    monkeypatch.setattr(
        audit_window, "ask_save_path", lambda *args: tmp_path / "no-such-folder" / "a.csv"
    )
    window.export_csv()
    settled(qtbot)
    assert said == ["Audit not exported"]
    assert window.export_button.isEnabled()


def test_the_audit_action_opens_the_window_from_the_owner_menu(qtbot, db):
    from ui.actions import Act
    from ui.main_window import MainWindow

    main = MainWindow(db)
    qtbot.addWidget(main)
    owner_menu = next(
        action.menu() for action in main.menuBar().actions() if action.text() == "&Owner"
    )
    assert main.actions_[Act.AUDIT] in owner_menu.actions()
    main.actions_[Act.AUDIT].trigger()
    opened = main.findChild(AuditWindow)
    assert opened is not None and opened.isVisible()
    settled(qtbot)
    main.actions_[Act.AUDIT].trigger()  # raised again, not a second one
    assert len(main.findChildren(AuditWindow)) == 1
    settled(qtbot)
    assert date.today() - timedelta(days=30) == opened.from_date.date().toPython()
