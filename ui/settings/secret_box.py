"""A password or token box of the Settings dialog: typed here, kept only in the keyring."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.i18n.catalog import N_, _


@dataclass(frozen=True)
class SecretWords:
    """What a box says about its secret, each a whole sentence (marked, shown through _()):
    "password" and "token" differ in gender in Portuguese, so no sentence takes a noun."""

    caption: str
    forget: str
    type_new: str
    saved: str
    none_saved: str
    cannot_save: str


PASSWORD_WORDS = SecretWords(
    caption=N_("Password"),
    forget=N_("Forget password"),
    type_new=N_("Type the password to save it"),
    saved=N_("A password is saved in the system keyring."),
    none_saved=N_("No password saved."),
    cannot_save=N_(
        "This computer has no secure password store (keyring), so Return Desk cannot save "
        "the password. It will ask for it each time it sends."
    ),
)
TOKEN_WORDS = SecretWords(
    caption=N_("API token"),
    forget=N_("Forget API token"),
    type_new=N_("Type the API token to save it"),
    saved=N_("An API token is saved in the system keyring."),
    none_saved=N_("No API token saved."),
    cannot_save=N_(
        "This computer has no secure password store (keyring), so Return Desk cannot save "
        "the API token. It will ask for it each time it sends."
    ),
)


class SecretBox(QWidget):
    """A password or token: typed here, kept only in the keyring; says whether one is saved."""

    changed = Signal()
    forget_requested = Signal()

    def __init__(self, words: SecretWords, parent: QWidget | None = None):
        super().__init__(parent)
        self.words = words
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.Password)
        self.edit.textChanged.connect(lambda _: self.changed.emit())
        self.status = QLabel()
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        self.forget_button = QPushButton(_(words.forget))
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

    def show_state(self, *, saved: bool, store: bool) -> None:
        """Say whether a secret is saved, or that this computer cannot save one."""
        words = self.words
        if not store:
            self.edit.setPlaceholderText(_("Cannot be saved on this computer: see below"))
            self.status.setText("")
            self.status.hide()
            self.forget_button.hide()
            self.show_notice(_(words.cannot_save))
            return
        self.edit.setPlaceholderText(
            _("Type a new one to replace it") if saved else _(words.type_new)
        )
        self.status.show()
        self.forget_button.show()
        self.status.setText(_(words.saved) if saved else _(words.none_saved))
        self.forget_button.setEnabled(saved)

    def show_notice(self, message: str | None) -> None:
        """Show a yellow notice under the field (or hide it)."""
        self.notice.setText(message or "")
        self.notice.setVisible(bool(message))
