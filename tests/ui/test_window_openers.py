"""What the main window opens: dialogs wired to what follows them, windows raised, not doubled."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QMainWindow

from desk.returns import CustomerDraft, LineDraft, ReturnDraft
from desk.services import create_return, get_return
from desk.settings import SHOP_CURRENCY, set_setting
from desk.workflow import Status
from ui import state
from ui.background import running_jobs
from ui.customers.profile import CustomerProfile
from ui.dashboard.window import DashboardWindow
from ui.templates.editor import TemplateEditor
from ui.window_openers import (
    about_dialog,
    import_dialog,
    new_return_dialog,
    open_customer_profile,
    open_dashboard,
    open_template_editor,
    settings_changed,
    settings_dialog,
    transition_dialog,
)


@pytest.fixture
def remembered_staff():
    """The staff name the desk remembers, forgotten again afterwards (one QSettings a run)."""
    QSettings("ReturnDesk", "ReturnDesk").remove(state.STAFF)
    yield
    QSettings("ReturnDesk", "ReturnDesk").remove(state.STAFF)


@pytest.fixture
def parent(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def log_return(db):
    draft = ReturnDraft(
        reason="defective",
        lines=[LineDraft(sku="KETTLE-9", description="Kettle", unit_price_cents=3490)],
        new_customer=CustomerDraft(name="Joana Ribeiro", email="joana@example.com"),
    )
    return create_return(db, draft=draft, today=date(2026, 11, 30))


def test_new_return_dialog_starts_with_the_remembered_staff_and_reports_the_saved_return(
    qtbot, db, parent, remembered_staff
):
    state.save(state.STAFF, "Rita")
    created = []
    dialog = new_return_dialog(parent, db, "EUR", created.append)
    assert dialog.testAttribute(Qt.WA_DeleteOnClose) and dialog.parent() is parent
    assert dialog._staff == "Rita"
    dialog.customer.start_new()
    dialog.customer.name_edit.setText("Marta Lima")
    row = dialog.lines.rows[0]
    row.sku.setText("SHOE-42")
    row.price.setText("49.90")
    dialog.reason_combo.setCurrentIndex(dialog.reason_combo.findData("defective"))
    dialog.save()
    assert len(created) == 1 and created[0] is dialog.created
    saved = get_return(db, return_id=created[0].id)
    assert saved.customer.name == "Marta Lima" and saved.ret.total_cents == 4990


def test_transition_dialog_reports_itself_when_it_closes(qtbot, db, parent):
    ret = log_return(db)
    closed = []
    dialog = transition_dialog(
        parent, db, get_return(db, return_id=ret.id), Status.CANCELLED, closed.append
    )
    assert dialog.testAttribute(Qt.WA_DeleteOnClose)
    dialog.reject()
    assert closed == [dialog]


def test_settings_dialog_says_whether_it_saved(qtbot, db, parent):
    closed = []
    dialog = settings_dialog(parent, db, closed.append)
    assert dialog.testAttribute(Qt.WA_DeleteOnClose)
    dialog.reject()
    assert closed == [False]


def test_import_dialog_is_built_to_delete_itself(qtbot, db, parent):
    imported = []
    dialog = import_dialog(parent, db, lambda: imported.append(True))
    assert isinstance(dialog, QDialog) and dialog.testAttribute(Qt.WA_DeleteOnClose)
    assert dialog.parent() is parent and imported == []


def test_a_customer_profile_opens_once_and_is_raised_again(qtbot, db, parent):
    ret = log_return(db)
    chosen = []
    for _ in range(2):
        open_customer_profile(
            parent, db, ret.customer_id, on_return_chosen=chosen.append, on_changed=lambda: None
        )
    [profile] = parent.findChildren(CustomerProfile)
    assert profile.isVisible() and profile.customer_id == ret.customer_id
    profile.return_chosen.emit(ret.id)
    assert chosen == [ret.id]  # connected once, not once per opening
    profile.close()


def test_the_template_editor_opens_once(qtbot, db, parent):
    open_template_editor(parent, db)
    open_template_editor(parent, db)
    [editor] = parent.findChildren(TemplateEditor)
    assert editor.isVisible()
    editor.close()


def test_the_dashboard_opens_once(qtbot, db, parent):
    open_dashboard(parent, db)
    open_dashboard(parent, db)
    [window] = parent.findChildren(DashboardWindow)
    assert window.isVisible()
    qtbot.waitUntil(lambda: running_jobs() == 0)
    assert window.dash is not None and window.dash.currency == "EUR"  # read with the figures
    window.close()


def test_about_names_the_open_database_without_its_password(qtbot, parent):
    dialog = about_dialog(parent, "postgresql+psycopg://desk:s3cret@db.shop/returns")
    qtbot.addWidget(dialog)
    assert dialog.testAttribute(Qt.WA_DeleteOnClose) and not dialog.isVisible()
    assert "Database:</b> postgresql+psycopg://desk@db.shop/returns" in dialog.header.text()
    assert "s3cret" not in dialog.header.text()


def test_saved_settings_redraw_an_open_dashboard(qtbot, db, parent):
    open_dashboard(parent, db)
    [window] = parent.findChildren(DashboardWindow)
    qtbot.waitUntil(lambda: running_jobs() == 0 and window.dash is not None)
    assert window.dash.currency == "EUR"
    with db.session() as session:
        set_setting(session, SHOP_CURRENCY, "BRL")
        session.commit()
    settings_changed(parent)
    qtbot.waitUntil(lambda: running_jobs() == 0 and window.dash.currency == "BRL")
    assert window.figures[3].key == ""  # nothing refunded: no total in either currency
    window.close()
