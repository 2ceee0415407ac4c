"""The app's questions and alerts, in one place so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_yes_no(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question; return True for yes."""
    answer = QMessageBox.question(
        parent, title, question, QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes
    )
    return answer == QMessageBox.Yes


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user something went wrong and what to do about it."""
    QMessageBox.warning(parent, title, message)
