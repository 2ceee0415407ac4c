"""The Email tab's test: send one email with the mail settings as typed, before saving.

The settings are read from the form (as the dialog parses them, errors shown inline), the
password typed in its box or else the one saved in the keyring; the email goes in the
background (ui.background) and the row under the button says how it went.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desk import secrets
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.settings import (
    MAIL_SETTINGS,
    SHOP_EMAIL,
    SHOP_LOGO,
    SHOP_NAME,
    SHOP_REPLY_TO,
    SMTP_HOST,
    SMTP_PORT,
    SMTP_SECURITY,
    SMTP_TIMEOUT,
    SMTP_USER,
)
from desk.validation import email_error
from ui.background import run_in_background
from ui.settings.pages import ERROR_COLOR, OK_COLOR, SettingsPage, caption_label

TEST_SHOP = {"name": SHOP_NAME, "email": SHOP_EMAIL, "reply_to": SHOP_REPLY_TO, "logo": SHOP_LOGO}
"""The shop details desk.messages.mail.send_test_email needs, read from the form as typed."""


class EmailCheck(QObject):
    """The "Send a test email" rows of the Email tab: the address, the button, the result.

    `parse(specs)` gives the typed values of those settings (None when one is wrong: the
    dialog shows where); `typed_password()` the password typed but not saved yet.
    """

    def __init__(
        self,
        page: SettingsPage,
        parse: Callable[[tuple], dict | None],
        typed_password: Callable[[], str],
        parent: QObject,
    ):
        super().__init__(parent)
        self._parse, self._typed_password = parse, typed_password
        self._recipient = ""
        page.add_heading(_("Send a test email"))
        hint = caption_label(_("Uses the settings as typed above, before they are saved."))
        hint.setProperty("role", "hint")
        page.add_wide(hint)
        self.to = QLineEdit()
        self.to.setPlaceholderText(_("name@example.com"))
        self.button = QPushButton(_("Send test email"))
        self.button.setMinimumWidth(self.button.sizeHint().width())  # also "Sending…"
        self.button.clicked.connect(self.send)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.to, 1)
        row_layout.addWidget(self.button)
        page.add_row(_("Send to"), row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.PlainText)
        self.result.hide()
        page.add_row("", self.result)

    def send(self) -> None:
        """Send a test email in the background with the settings as typed now."""
        values = self._parse((*MAIL_SETTINGS, *TEST_SHOP.values()))
        if values is None:
            return
        recipient = self.to.text().strip() or values[SHOP_EMAIL]
        problem = email_error(recipient) or ("" if recipient else _("Type the address to send to."))
        if not values[SMTP_HOST]:
            problem = _("Type the SMTP server's name first.")
        if problem:
            self._show_result(problem, ok=False)
            return
        from desk.messages import mail

        config = mail.SmtpConfig(
            host=values[SMTP_HOST].strip(),
            port=values[SMTP_PORT],
            security=values[SMTP_SECURITY],
            user=values[SMTP_USER].strip(),
            timeout=float(values[SMTP_TIMEOUT]),
        )
        typed = self._typed_password()
        shop = {name: values[spec].strip() for name, spec in TEST_SHOP.items()}
        self._recipient = recipient
        self.button.setEnabled(False)
        self.button.setText(_("Sending…"))
        self.result.hide()
        run_in_background(
            # the saved password is read from the keyring there too, off the UI thread
            lambda: mail.send_test_email(
                config, typed or secrets.get_secret("smtp"), recipient, shop
            ),
            owner=self,
            on_success=self._sent,
            on_failure=self._failed,
            on_finished=self._finished,
        )

    def _sent(self, _result: object) -> None:
        self._show_result(
            _("Test email sent to {address}.").format(address=self._recipient), ok=True
        )

    def _failed(self, error: Exception) -> None:
        if isinstance(error, DeskError):
            message = str(error)
        else:
            message = _("Sending failed: {error}").format(error=error)
        self._show_result(message, ok=False)

    def _finished(self) -> None:
        self.button.setEnabled(True)
        self.button.setText(_("Send test email"))

    def _show_result(self, message: str, *, ok: bool) -> None:
        self.result.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        self.result.setText(message)
        self.result.show()
