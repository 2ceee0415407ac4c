"""The customer profile window, opened from the detail panel and driven through its widgets."""

import json
import os
import sqlite3
from datetime import timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt
from sqlalchemy import update
from sqlmodel import select

from desk.i18n.catalog import set_language
from desk.models import Customer, Return, utcnow
from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
from tests.ui.widget_fit import cut_widgets
from ui import background, prompts
from ui.customers import profile as customer_profile
from ui.customers.profile import CustomerProfile
from ui.customers.profile_parts import FREQUENT_WARNING
from ui.main_window import MainWindow

NAME, EMAIL = "Ana Souza", "ana.souza@example.com"


def ana_with_returns(db, count):
    """Ana with `count` returns over the last months; return her id."""
    customer_id = None
    for i in range(count):
        with db.session() as session:
            ret = save_return(
                session=session,
                draft=ReturnDraft(
                    reason="wrong_size" if i % 2 else "changed_mind",
                    purchase_date=(utcnow() - timedelta(days=30 * i + 6)).date(),
                    lines=[LineDraft(sku=f"DRESS-{i}", unit_price_cents=4990)],
                    customer_id=customer_id,
                    new_customer=None
                    if customer_id
                    else CustomerDraft(name=NAME, email=EMAIL, phone="+55 11 98765-4321"),
                ),
            )
            customer_id = ret.customer_id
            older = utcnow() - timedelta(days=30 * i)
            session.exec(update(Return).where(Return.id == ret.id).values(created_at=older))
            session.commit()
    return customer_id


@pytest.fixture
def window(qtbot, db):
    ana_with_returns(db, 6)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.detail.detail is not None and win.settled(), timeout=5000)
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=5000)
    return win


def open_profile(qtbot, win) -> CustomerProfile:
    qtbot.mouseClick(win.detail.profile_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(win.findChildren(CustomerProfile)), timeout=2000)
    profile = win.findChildren(CustomerProfile)[0]
    qtbot.waitExposed(profile)
    return profile


def test_profile_opens_from_the_detail_panel_with_segment_and_habits(qtbot, window):
    profile = open_profile(qtbot, window)
    assert profile.name_label.text() == NAME
    assert profile.segment_badge.text() == "Frequent returner"
    assert profile.warning_badge.isVisible() and profile.warning_badge.text() == FREQUENT_WARNING
    assert "6 returns in the last 12 months" in profile.facts.segment_why.text()
    assert profile.facts.values["returns"].text() == "6"
    assert profile.facts.values["orders"].text() == "unknown"
    assert profile.facts.values["days"].text() == "6 days (median)"
    assert "Changed mind (3)" in profile.facts.values["reasons"].text()
    assert "30-day" in profile.policy_label.text()
    assert "Store credit, Exchange" in profile.policy_label.text()
    assert profile.history.returns_table.rowCount() == 6
    open_profile(qtbot, window)  # a second click raises the same window
    assert len(window.findChildren(CustomerProfile)) == 1


def test_double_click_on_a_return_selects_it_in_the_main_window(qtbot, window):
    profile = open_profile(qtbot, window)
    oldest = profile.profile.returns[-1]
    window.status_combo.setCurrentIndex(window.status_combo.findData("closed"))  # hides it
    qtbot.waitUntil(window.settled, timeout=5000)
    profile.history.returns_table.cellDoubleClicked.emit(5, 0)
    qtbot.waitUntil(lambda: window.detail.number_label.text() == oldest.number, timeout=5000)
    assert window.model.filter.text == oldest.number  # found by searching for it


def test_email_invalid_is_shown_inline_and_kept_then_saved(qtbot, window, db):
    profile = open_profile(qtbot, window)
    profile.email_edit.clear()
    qtbot.keyClicks(profile.email_edit, "ana(at)example")
    qtbot.mouseClick(profile.save_button, Qt.LeftButton)
    assert profile.errors["email"].shown
    assert "not an email address" in profile.errors["email"].label.text()
    assert profile.email_edit.text() == "ana(at)example"  # what was typed stays
    profile.email_edit.clear()
    qtbot.keyClicks(profile.email_edit, "ana.s@example.org")
    qtbot.mouseClick(profile.save_button, Qt.LeftButton)
    assert not profile.errors["email"].shown
    assert profile.saved_label.text() == "Saved."
    with db.session() as session:
        assert session.get(Customer, profile.customer_id).email == "ana.s@example.org"
    qtbot.waitUntil(lambda: "ana.s@example.org" in window.detail.customer_label.text())


def test_erase_after_yes_shows_the_anonymised_customer(qtbot, window, db, monkeypatch):
    asked = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda parent, title, q: asked.append(q) or True)
    profile = open_profile(qtbot, window)
    qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
    assert asked and asked[0].startswith(f"Erase all personal data of {NAME}?")
    assert "cannot be undone" in asked[0]
    qtbot.waitUntil(lambda: profile.profile.erased, timeout=5000)
    cid = profile.customer_id
    assert profile.name_label.text() == f"Erased customer #{cid}"
    assert profile.email_edit.text() == "" and not profile.email_edit.isEnabled()
    assert profile.erased_banner.isVisible() and not profile.warning_badge.isVisible()
    assert not profile.erase_button.isEnabled()
    with db.session() as session:
        assert session.get(Customer, cid).name == f"Erased customer #{cid}"
    qtbot.waitUntil(lambda: f"Erased customer #{cid}" in window.detail.customer_label.text())


def test_erase_answered_no_changes_nothing(qtbot, window, db, monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: False)
    profile = open_profile(qtbot, window)
    qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
    assert profile.name_label.text() == NAME and profile.erase_button.isEnabled()


def test_export_writes_json_in_the_background(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "ana.json"
    monkeypatch.setattr(customer_profile, "ask_json_path", lambda parent, suggested: target)
    profile = open_profile(qtbot, window)
    qtbot.mouseClick(profile.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: profile.saved_label.text().startswith("Exported"), timeout=5000)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["customer"]["name"] == NAME and len(data["returns"]) == 6


@pytest.mark.sqlite_only("the copies made before upgrades are of the SQLite file")
def test_erase_question_mentions_backup_copies(qtbot, window, db, db_path, monkeypatch):
    (db_path.parent / f"{db_path.name}.before-0005-20260101-000000.bak").write_bytes(b"old")
    asked = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda parent, title, q: asked.append(q) or False)
    profile = open_profile(qtbot, window)
    qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
    assert "1 backup copy made before upgrades still holds the old data" in asked[0]


def wait_for_background(qtbot):
    qtbot.waitUntil(lambda: background.running_jobs() == 0, timeout=10_000)


def close_and_wait_until_deleted(qtbot, profile):
    profile.close()  # the window deletes itself on close
    qtbot.waitUntil(lambda: not shiboken6.isValid(profile), timeout=2000)


def another_desk_holding(db, db_path, customer_id):
    """Another desk's raw connection whose transaction holds the write lock (SQLite) or the
    customer's row (PostgreSQL); and a function reading the name it sees."""
    if db.engine.dialect.name == "sqlite":
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        sql = "SELECT name FROM customer WHERE id = ?"
    else:
        other = db.engine.raw_connection()
        sql = "SELECT name FROM customer WHERE id = %s"
        other.cursor().execute(sql + " FOR UPDATE", (customer_id,))

    def name_of():
        cursor = other.cursor()
        cursor.execute(sql, (customer_id,))
        return tuple(cursor.fetchone())

    return other, name_of


def test_closing_the_profile_while_erasing_raises_nothing(qtbot, window, db, db_path, monkeypatch):
    monkeypatch.setattr(prompts, "ask_yes_no", lambda *args: True)
    profile = open_profile(qtbot, window)
    cid = profile.customer_id
    other_desk, name_of = another_desk_holding(db, db_path, cid)  # the erase has to wait
    with qtbot.captureExceptions() as exceptions:
        try:
            qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
            assert profile.saved_label.text() == "Erasing…"
            close_and_wait_until_deleted(qtbot, profile)
            assert name_of() == (NAME,)  # still running when its window went
        finally:
            other_desk.rollback()
            other_desk.close()
        wait_for_background(qtbot)
        qtbot.wait(50)  # whatever is still queued for the window arrives now
    assert exceptions == []
    with db.session() as session:
        customer = session.get(Customer, cid)
        assert customer.name == f"Erased customer #{cid}" and customer.erased_at is not None


def test_closing_the_profile_while_exporting_raises_nothing(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "ana.json"
    os.mkfifo(target)  # writing blocks until this test reads: the export cannot finish before
    monkeypatch.setattr(customer_profile, "ask_json_path", lambda parent, suggested: target)
    profile = open_profile(qtbot, window)
    chunks = []

    def read_pipe(pipe: int) -> bool:
        while True:
            try:
                chunk = os.read(pipe, 65536)
            except BlockingIOError:
                return False
            if not chunk:
                return True
            chunks.append(chunk)

    with qtbot.captureExceptions() as exceptions:
        qtbot.mouseClick(profile.export_button, Qt.LeftButton)
        assert profile.saved_label.text() == "Exporting…"
        close_and_wait_until_deleted(qtbot, profile)
        assert background.running_jobs() == 1
        pipe = os.open(target, os.O_RDONLY | os.O_NONBLOCK)
        try:
            qtbot.waitUntil(
                lambda: read_pipe(pipe) and background.running_jobs() == 0, timeout=10_000
            )
        finally:
            os.close(pipe)
        qtbot.wait(50)
    assert exceptions == []
    data = json.loads(b"".join(chunks).decode("utf-8"))
    assert data["customer"]["name"] == NAME and len(data["returns"]) == 6


def test_a_name_too_long_and_notes_with_a_nul_byte_are_shown_inline_and_kept(qtbot, window, db):
    profile = open_profile(qtbot, window)
    before = profile.name_edit.text()
    profile.name_edit.setText("N" * 201)  # pasted
    profile.notes_edit.setPlainText("Calls\nafter 5\x00pm")
    qtbot.mouseClick(profile.save_button, Qt.LeftButton)
    assert profile.errors["name"].label.text() == (
        "The customer's name is too long (201 characters); use at most 200."
    )
    assert profile.errors["notes"].label.text() == (
        "The note contains an invisible character (NUL); retype it."
    )
    assert profile.name_edit.text() == "N" * 201
    with db.session() as session:
        assert session.get(Customer, profile.customer_id).name == before


def test_history_shows_each_return_in_its_own_currency(qtbot, window, db):
    from desk.settings import SHOP_CURRENCY, set_setting

    with db.session() as session:
        set_setting(session, SHOP_CURRENCY, "BRL")  # after Ana's six returns
        session.commit()
        customer_id = session.exec(select(Customer.id).where(Customer.name == NAME)).one()
        save_return(
            session=session,
            draft=ReturnDraft(
                reason="defective",
                customer_id=customer_id,
                lines=[LineDraft(sku="DRESS-9", unit_price_cents=4990)],
            ),
        )
    profile = CustomerProfile(db, customer_id)
    qtbot.addWidget(profile)
    table = profile.history.returns_table
    totals = [table.item(row, 3).text() for row in range(table.rowCount())]
    assert totals == ["R$49.90"] + ["€49.90"] * 6  # newest first; old ones keep their euros


def test_the_phone_is_shown_for_the_shop_and_one_kept_as_typed_is_flagged(qtbot, db, window):
    profile = open_profile(qtbot, window)
    assert profile.phone_edit.text() == "+55 11 98765-4321"  # abroad, for a British shop
    assert not profile.errors["phone"].label.isVisible()
    with db.session() as session:  # as migration 0014 leaves a phone it could not read
        session.exec(update(Customer).values(phone="ring the shop"))
        session.commit()
    profile.reload()
    qtbot.waitUntil(lambda: profile.phone_edit.text() == "ring the shop", timeout=3000)
    warning = profile.errors["phone"].label
    assert warning.isVisible() and "kept as typed" in warning.text()
    assert "correct it" in warning.text()


def test_in_portuguese_the_profile_speaks_it_and_nothing_is_cut(qtbot, db, monkeypatch):
    set_language("pt_BR")
    customer_id = ana_with_returns(db, 6)
    profile = CustomerProfile(db, customer_id)
    qtbot.addWidget(profile)
    profile.resize(1024, 700)
    profile.show()
    qtbot.waitExposed(profile)
    assert profile.windowTitle() == f"Cliente — {NAME}"
    assert profile.warning_badge.text().startswith("⚠ Devolve com frequência")
    assert profile.facts.values["returns"].text() == "6"
    assert profile.facts.values["orders"].text() == "não informado"
    assert profile.facts.values["last"].text().count("/") == 2  # 01/12/2026
    assert profile.policy_label.text().startswith("Prazo de devolução de <b>")
    assert profile.erase_button.text() == "Apagar cliente…"
    assert cut_widgets(profile) == []
    asked = []
    monkeypatch.setattr(prompts, "ask_yes_no", lambda parent, title, q: asked.append(q) or False)
    qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
    assert asked[0].startswith(f"Apagar todos os dados pessoais de {NAME}?")
    assert asked[0].endswith("Isso não pode ser desfeito.")
    qtbot.mouseClick(profile.save_button, Qt.LeftButton)
    assert profile.saved_label.text() == "Salvo."
