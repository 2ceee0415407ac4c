"""A password or token box of the Settings dialog: typed here, kept only in the keyring."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget


class SecretBox(QWidget):
    """A password or token: typed here, kept only in the keyring; says whether one is saved."""

    changed = Signal()
    forget_requested = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.Password)
        self.edit.textChanged.connect(lambda _: self.changed.emit())
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.forget_button = QPushButton("Forget " + caption.lower())
        self.forget_button.clicked.connect(self.forget_requested.emit)
        self.notice = QLabel()
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.PlainText)
        self.notice.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.forget_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addLayout(row)
        layout.addWidget(self.notice)
        self.setFocusProxy(self.edit)

    def typed(self) -> str:
        """The new secret typed, or "" when none was."""
        return self.edit.text()

    def show_checking(self) -> None:
        """Wait for the keyring's answer: nothing to forget until it is known."""
        self.forget_button.setEnabled(False)

    def show_state(self, *, saved: bool, store: bool, noun: str) -> None:
        """Say whether a secret is saved, or that this computer cannot save one."""
        if not store:
            self.edit.setPlaceholderText("Cannot be saved on this computer: see below")
            self.status.setText("")
            self.status.hide()
            self.forget_button.hide()
            self.show_notice(
                "This computer has no secure password store (keyring), so Return Desk "
                f"cannot save the {noun}. It will ask for it each time it sends."
            )
            return
        self.edit.setPlaceholderText(
            "Type a new one to replace it" if saved else f"Type the {noun} to save it"
        )
        self.status.show()
        self.forget_button.show()
        self.status.setText(
            f"A {noun} is saved in the system keyring." if saved else f"No {noun} saved."
        )
        self.forget_button.setEnabled(saved)

    def show_notice(self, message: str | None) -> None:
        """Show a yellow notice under the field (or hide it)."""
        self.notice.setText(message or "")
        self.notice.setVisible(bool(message))
