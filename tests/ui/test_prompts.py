"""The app's questions and alerts, answered the way staff answer them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

import ui
from ui import prompts


def answer_with(act) -> list[dict]:
    """When the next modal box is up, note what it says and let `act` answer it."""
    seen: list[dict] = []

    def answer():
        box = QApplication.activeModalWidget()
        facts = {"kind": type(box), "title": box.windowTitle()}
        if isinstance(box, QMessageBox):
            facts.update(
                text=box.text(),
                icon=box.icon(),
                default=box.standardButton(box.defaultButton()) if box.defaultButton() else None,
            )
        if isinstance(box, QInputDialog):
            facts.update(echo=box.textEchoMode())
        seen.append(facts)
        act(box)

    QTimer.singleShot(0, answer)
    return seen


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize(("button", "answer"), [(QMessageBox.Yes, True), (QMessageBox.No, False)])
def test_ask_yes_no(parent, button, answer):
    seen = answer_with(lambda box: box.button(button).click())
    assert prompts.ask_yes_no(parent, "Discard?", "Close without saving?") is answer
    [box] = seen
    assert box["kind"] is QMessageBox and box["text"] == "Close without saving?"
    assert box["title"] == "Discard?" and box["default"] == QMessageBox.No  # the safe one


@pytest.mark.parametrize("key", [Qt.Key_Escape, Qt.Key_Return, Qt.Key_Enter])
def test_escape_and_enter_mean_no(parent, qtbot, key):
    answer_with(lambda box: qtbot.keyClick(box, key))
    assert prompts.ask_yes_no(parent, "Discard?", "Close without saving?") is False


def test_every_message_box_of_the_app_goes_through_prompts():
    """A QMessageBox built elsewhere would bring back Qt's default (Yes on Enter)."""
    root = Path(ui.__file__).parent
    users = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "QMessageBox" in path.read_text(encoding="utf-8")
    }
    assert users == {"prompts.py"}  # the About box is a dialog of its own (ui/help/about.py)


def test_show_error_is_a_warning(parent):
    seen = answer_with(lambda box: box.accept())
    prompts.show_error(parent, "Cannot print", "No printer is set up.")
    [box] = seen
    assert box["icon"] == QMessageBox.Warning and box["title"] == "Cannot print"
    assert box["text"] == "No printer is set up."


def type_and(accept: bool, text: str):
    def act(box: QInputDialog) -> None:
        box.setTextValue(text)
        box.accept() if accept else box.reject()

    return act


@pytest.mark.parametrize(
    ("accept", "typed", "expected"),
    [(True, "s3cret", "s3cret"), (True, "", None), (False, "s3cret", None)],
)
def test_ask_secret(parent, accept, typed, expected):
    seen = answer_with(type_and(accept, typed))
    assert prompts.ask_secret(parent, "SMTP password", "Password:") == expected
    [box] = seen
    assert box["kind"] is QInputDialog and box["title"] == "SMTP password"
    assert box["echo"] == QLineEdit.EchoMode.Password  # typed hidden


# every question of the app, answered with Enter: nothing is lost or erased


def test_enter_on_close_without_saving_keeps_the_new_return_dialog(qtbot, db):
    from ui.new_return.dialog import NewReturnDialog

    dialog = NewReturnDialog(db, currency="EUR", staff="Ana")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.customer.search_box.setText("Aoife")
    seen = answer_with(lambda box: qtbot.keyClick(box, Qt.Key_Return))
    dialog.reject()
    assert seen and seen[0]["text"].startswith("Close without saving?")
    assert dialog.isVisible() and dialog.customer.search_box.text() == "Aoife"
    dialog.created = object()  # let the teardown close it without asking


def test_enter_on_erase_all_personal_data_erases_nothing(qtbot, db):
    from desk.models import Customer
    from desk.returns import CustomerDraft, LineDraft, ReturnDraft, save_return
    from ui.customers.profile import CustomerProfile

    with db.session() as session:
        ret = save_return(
            session=session,
            draft=ReturnDraft(
                reason="wrong_size",
                lines=[LineDraft(sku="BELT-1", unit_price_cents=2500)],
                new_customer=CustomerDraft(name="Aoife King", email="aoife@example.com"),
            ),
        )
        session.commit()
        customer_id = ret.customer_id
    profile = CustomerProfile(db, customer_id)
    qtbot.addWidget(profile)
    profile.show()
    qtbot.waitUntil(lambda: profile.erase_button.isEnabled(), timeout=5000)
    seen = answer_with(lambda box: qtbot.keyClick(box, Qt.Key_Return))
    qtbot.mouseClick(profile.erase_button, Qt.LeftButton)
    assert seen and seen[0]["text"].startswith("Erase all personal data of Aoife King?")
    assert seen[0]["default"] == QMessageBox.No
    with db.session() as session:
        kept = session.get(Customer, customer_id)
        assert (kept.name, kept.email) == ("Aoife King", "aoife@example.com")
    assert profile.erase_button.isEnabled()
