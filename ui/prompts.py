"""The app's questions and alerts, in one place so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desk.i18n.catalog import _


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question; return True for yes.

    Every question of the app asks before doing something that changes or loses data, so
    the safe answer is the default by design: Enter (and Esc, and closing the box) mean No;
    only a deliberate Yes (a click, or Tab to it and Space) goes ahead.
    """
    box = QMessageBox(QMessageBox.Question, title, question, QMessageBox.Yes | QMessageBox.No)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    box.button(QMessageBox.Yes).setText(_("&Yes"))
    box.button(QMessageBox.No).setText(_("&No"))
    box.setDefaultButton(QMessageBox.No)
    box.setEscapeButton(QMessageBox.No)
    return box.exec() == QMessageBox.Yes


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user something went wrong and what to do about it."""
    QMessageBox.warning(parent, title, message)


def ask_secret(parent: QWidget | None, title: str, label: str) -> str | None:
    """Ask for a password (typed hidden); return it, or None when cancelled or empty."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if ok and text else None


def ask_choice(parent: QWidget | None, title: str, message: str, *, yes: str, no: str) -> bool:
    """Ask with two named buttons, `no` the default (for what cannot be undone); True for yes."""
    box = QMessageBox(QMessageBox.Question, title, message, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.AcceptRole)
    box.setDefaultButton(box.addButton(no, QMessageBox.RejectRole))
    box.exec()
    return box.clickedButton() is yes_button


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user what was done."""
    QMessageBox.information(parent, title, message)
