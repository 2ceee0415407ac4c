"""A return's messages to the customer: state, time, and the exact content sent."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.codes import Channel, Event, OutboxState
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_datetime
from desk.models import OutboxMessage, utcnow
from ui.actions import dialog_keys
from ui.widgets.message_preview import MessagePreview

STATE_WORDS = {
    OutboxState.QUEUED: (N_("Queued"), "#2563eb"),
    OutboxState.SENDING: (N_("Sending…"), "#d97706"),
    OutboxState.SENT: (N_("Sent"), "#16a34a"),
    OutboxState.FAILED: (N_("Failed"), "#dc2626"),
    OutboxState.CANCELLED: (N_("Not sent"), "#6b7280"),
}
"""Each message state's word (English, marked: translated where shown) and colour."""
COLUMNS = (N_("When"), N_("Message"), N_("To"), N_("State"))


def state_word(state: OutboxState) -> str:
    """The word of a message state in the desk's language ("Sent")."""
    return _(STATE_WORDS[state][0])


def _when(message: OutboxMessage) -> str:
    return format_datetime(message.sent_at or message.created_at)


def _later(due) -> bool:
    return due is not None and due > utcnow()


def _unknown(error: str) -> bool:
    """Whether a failed message's error says it may have been delivered."""
    from desk.messages.mail import is_unknown_fate  # deferred: smtplib, ssl not needed to start

    return is_unknown_fate(error)


def _state_text(message: OutboxMessage) -> str:
    words = state_word(message.state)
    if message.state == OutboxState.QUEUED and message.attempts:
        words = _("Queued (try {n})").format(n=message.attempts + 1)
    elif message.state == OutboxState.QUEUED and _later(message.next_attempt_at):
        words = _("Queued for {moment}").format(moment=format_datetime(message.next_attempt_at))
    elif message.state == OutboxState.CANCELLED and message.last_error:
        words = message.last_error.rstrip(".")  # "Not sent: feedback already given"
    elif message.state == OutboxState.FAILED and _unknown(message.last_error):
        words = _("Unknown: check first")  # may have been delivered (desk.messages.sender)
    return words


class MessagesBox(QGroupBox):
    """Lists the messages of one return; double-click shows one exactly as sent."""

    retry_requested = Signal(int)  # outbox message id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Messages to the customer"), parent)
        self.messages: list[OutboxMessage] = []
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("messagesTable")
        self.table.setHorizontalHeaderLabels([_(text) for text in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _: self.open_message(row))
        self.empty_label = QLabel(_("No message sent yet."))
        self.empty_label.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)

    def show_messages(self, messages: list[OutboxMessage]) -> None:
        """Show these messages, newest last."""
        self.messages = list(messages)
        self.table.setRowCount(len(self.messages))
        for i, message in enumerate(self.messages):
            color = STATE_WORDS[message.state][1]
            if message.channel == Channel.EMAIL:
                what = _("Email: {title}").format(title=message.subject)
            else:
                what = _("SMS: {title}").format(title=Event(message.event).label)
            cells = (_when(message), what, message.recipient, _state_text(message))
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 3:
                    item.setForeground(QColor(color))
                    if message.last_error:
                        item.setToolTip(message.last_error)
                self.table.setItem(i, j, item)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(i) for i in range(self.table.rowCount()))
        self.table.setFixedHeight(height)
        self.table.setVisible(bool(self.messages))
        self.empty_label.setVisible(not self.messages)

    def open_message(self, row: int) -> None:
        """Show one message exactly as it was (or will be) sent."""
        message = self.messages[row]
        dialog = SentMessageDialog(message, self)
        dialog.retry.connect(lambda: self.retry_requested.emit(message.id))
        dialog.open()


class SentMessageDialog(QDialog):
    """The stored content of one outbox message, read-only, with Retry when it failed."""

    retry = Signal()

    def __init__(self, message: OutboxMessage, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Message to {recipient}").format(recipient=message.recipient))
        self.resize(700, 600)
        color = STATE_WORDS[message.state][1]
        words = _state_text(message)
        state = QLabel(f"<b style='color:{color}'>{escape(words)}</b> · {_when(message)}")
        error = QLabel(message.last_error)
        error.setWordWrap(True)
        error.setStyleSheet("color: #b91c1c;")
        error.setVisible(bool(message.last_error))
        self.preview = MessagePreview()
        if message.channel == Channel.SMS:
            self.preview.show_sms(message.body_text)
        else:
            self.preview.show_email(message.subject, message.body_html, message.body_text)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.accept)
        if message.state == OutboxState.FAILED:
            retry = buttons.addButton(_("Send again"), QDialogButtonBox.ActionRole)
            retry.clicked.connect(lambda: (self.retry.emit(), self.accept()))
        layout = QVBoxLayout(self)
        layout.addWidget(state)
        layout.addWidget(error)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
