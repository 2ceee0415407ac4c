"""The app's questions and alerts, answered the way staff answer them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

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
    assert box["title"] == "Discard?" and box["default"] == QMessageBox.Yes


def test_escape_means_no(parent, qtbot):
    answer_with(lambda box: qtbot.keyClick(box, Qt.Key_Escape))
    assert prompts.ask_yes_no(parent, "Discard?", "Close without saving?") is False


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
