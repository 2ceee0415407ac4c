"""The "tell the customer" part of the transition dialog: choice and exact preview."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout

from desk import labels
from desk.db import Database
from desk.errors import DeskError
from desk.messages.events import event_for
from desk.models import Channel, Status
from desk.returns import ReturnDetail
from desk.services import notify_mode, preview_message
from ui.widgets.message_preview import MessagePreview

NOTICE_STYLE = "background: #fffbeb; border: 1px solid #fcd34d; padding: 6px;"


class NotifySection(QGroupBox):
    """Offers the message of the move's event and previews it as it will be sent."""

    def __init__(self, db: Database, detail: ReturnDetail, target: Status, parent=None):
        super().__init__("Tell the customer", parent)
        from desk.messages.outbox import channel_for

        self._db, self._detail = db, detail
        self.message_event = event_for(target)
        self.channel = channel_for(detail.customer)
        self.mode = notify_mode(db, to=target)
        self.checkbox = QCheckBox()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.preview = MessagePreview()
        self.preview.setMinimumHeight(260)
        layout = QVBoxLayout(self)
        layout.addWidget(self.checkbox)
        layout.addWidget(self.notice)
        layout.addWidget(self.preview, 1)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._staff = ""
        self._timer.timeout.connect(self._render)
        self._setup()

    @property
    def applies(self) -> bool:
        """True when this move has a message the customer can be sent."""
        return self.message_event is not None and self.mode != "off"

    def wanted(self) -> bool:
        """True when the message should be queued with the move."""
        return self.applies and self.channel is not None and self.checkbox.isChecked()

    def _setup(self) -> None:
        customer = self._detail.customer
        self.notice.hide()
        if not self.applies:
            self.hide()
            return
        if self.channel is None:
            self.checkbox.setChecked(False)
            self.checkbox.setEnabled(False)
            self.checkbox.setText("No message can be sent")
            self.notice.setText(self._no_channel_text(customer))
            self.notice.show()
            self.preview.hide()
            return
        address = customer.email if self.channel == Channel.EMAIL else customer.phone
        kind = "email" if self.channel == Channel.EMAIL else "SMS"
        self.checkbox.setText(f"Send this {kind} to {customer.name} <{address}>")
        self.checkbox.setChecked(True)
        if self.mode == "auto":
            self.checkbox.setEnabled(False)
            self.checkbox.setText(self.checkbox.text() + "  (always sent for this step)")
        self.checkbox.toggled.connect(self.preview.setEnabled)
        self._render()

    def _no_channel_text(self, customer) -> str:
        if customer.preferred_channel == Channel.NONE:
            return f"{escape(customer.name)} asked not to be contacted. Nothing will be sent."
        if customer.preferred_channel == Channel.PRINT:
            return (
                f"{escape(customer.name)} prefers printed information: "
                "print the return instructions for them instead."
            )
        return (
            f"{escape(customer.name)} has no email address or phone number on file, so "
            "nothing can be sent. Print the return instructions for them instead."
        )

    def set_staff(self, staff: str) -> None:
        """Render again with the staff name as typed (it appears in the message)."""
        self._staff = staff
        if self.applies and self.channel:
            self._timer.start()

    def _render(self) -> None:
        try:
            message = preview_message(
                self._db, detail=self._detail, event=self.message_event, staff=self._staff
            )
        except DeskError as error:
            self.preview.show_problem(f"The message cannot be shown: {error}")
            return
        if self.channel == Channel.SMS:
            self.preview.show_sms(message.sms)
        else:
            self.preview.show_email(message.subject, message.html, message.text)
        language = labels.LANGUAGES.get(message.language, message.language)
        self.preview.setToolTip(f"In {language}, as the customer prefers")
