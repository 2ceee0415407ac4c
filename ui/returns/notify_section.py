"""The "tell the customer" part of the transition dialog: choice and exact preview.

The preview is composed from the very inputs the move will queue the message with (the
note and staff name as typed, the customer's channel and language), through the same
desk function (desk.messages.compose.compose_message), and re-rendered shortly after any
of them changes. A move to Closed also offers the feedback request, with its own tick
and preview.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from html import escape

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
)

from desk import labels
from desk.codes import Channel, Status
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.i18n.formats import format_date, format_time
from desk.messages.compose import customer_channel, recipient_for
from desk.messages.context import normalise_language
from desk.messages.events import event_for, follow_up_for
from desk.models import utcnow
from desk.returns import ReturnDetail
from desk.services import feedback_request_offer, notify_mode, preview_message
from ui.widgets.look import tab_look
from ui.widgets.message_preview import MessagePreview

NOTICE_STYLE = "background: #fffbeb; border: 1px solid #fcd34d; padding: 6px;"
RENDER_PAUSE_MS = 200
"""How long typing pauses before the preview is composed again (a render takes ~1 ms)."""


def when_words(due: datetime, now: datetime, zone: tzinfo | None = None) -> str:
    """When a message due at `due` goes out, as staff read it: "tomorrow at 10:00"."""
    if due - now < timedelta(minutes=1):
        return _("at once")
    local_due, local_now = due.astimezone(zone), now.astimezone(zone)
    days = (local_due.date() - local_now.date()).days
    clock = format_time(local_due.replace(tzinfo=None).time())
    if days == 0:
        return _("today at {time}").format(time=clock)
    if days == 1:
        return _("tomorrow at {time}").format(time=clock)
    day = format_date(local_due.date(), "EEEMMMd")
    # TRANSLATORS: {day} is a short weekday and date, e.g. "Fri, Dec 4"
    return _("on {day} at {time}").format(day=day, time=clock)


class NotifySection(QGroupBox):
    """Offers the message of the move's event and previews it as it will be sent.

    A message whose template fails (broken, or over its time or size bounds) cannot be
    sent: its tick is cleared and disabled and the notice says why, so staff move without
    it or cancel; `blocked_changed` is emitted when that changes.
    """

    blocked_changed = Signal()

    def __init__(self, db: Database, detail: ReturnDetail, target: Status, parent=None):
        super().__init__(_("Tell the customer"), parent)
        self._db, self._detail = db, detail
        self.problem = ""  # why this move's message cannot be sent ("" when it can)
        self.feedback_problem = ""  # the same for the feedback request
        self.message_event = event_for(target)
        self.channel = customer_channel(detail.customer)  # as chosen in channel_combo
        self.preferred_language = normalise_language(detail.customer.preferred_language)
        self.language = self.preferred_language  # as chosen in language_combo
        self.channel_combo = QComboBox(objectName="notifyChannel")
        self.language_combo = QComboBox(objectName="notifyLanguage")
        self.choices = QFormLayout()
        self.choices.addRow(_("Send by"), self.channel_combo)
        self.choices.addRow(_("Language"), self.language_combo)
        self.mode = notify_mode(db, to=target)
        self.feedback_event = follow_up_for(target)
        self.offer = (
            feedback_request_offer(db, detail=detail) if self.feedback_event is not None else None
        )
        self.checkbox = QCheckBox()
        self.feedback_box = QCheckBox()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.preview = MessagePreview()
        self.preview.setMinimumHeight(260)
        self.feedback_preview = MessagePreview()
        self.previews = QTabWidget()
        tab_look(self.previews.tabBar())
        layout = QVBoxLayout(self)
        layout.addWidget(self.checkbox)
        layout.addWidget(self.feedback_box)
        layout.addLayout(self.choices)
        layout.addWidget(self.notice)
        if self.asks_feedback:
            self.previews.addTab(self.preview, self._event_name())
            self.previews.addTab(self.feedback_preview, _("Feedback request"))
            layout.addWidget(self.previews, 1)
        else:
            layout.addWidget(self.preview, 1)
            self.feedback_box.hide()
        self._timer = QTimer(self, singleShot=True, interval=RENDER_PAUSE_MS)
        self._staff = ""
        self._note = ""
        self.shown = None  # the ComposedMessage the preview shows (None: nothing shown)
        self.feedback_shown = None  # the same for the feedback request
        self._timer.timeout.connect(self._render)
        self._setup_choices()
        self._setup()
        self._setup_feedback()

    @property
    def message_applies(self) -> bool:
        """True when this move's own message is offered (its event is not switched off)."""
        return self.message_event is not None and self.mode != "off"

    @property
    def asks_feedback(self) -> bool:
        """True when this move closes the return and notify.feedback is not off."""
        return self.offer is not None and self.offer.mode != "off"

    @property
    def applies(self) -> bool:
        """True when this move has a message the customer can be sent."""
        return self.message_applies or self.asks_feedback

    def wanted(self) -> bool:
        """True when the message should be queued with the move."""
        return self.message_applies and self.channel is not None and self.checkbox.isChecked()

    def feedback_wanted(self) -> bool:
        """True when the feedback request should be queued with the move."""
        return self.asks_feedback and self.offer.possible and self.feedback_box.isChecked()

    def _event_name(self) -> str:
        return self.message_event.label if self.message_event else _("Message")

    def _setup(self) -> None:
        customer = self._detail.customer
        self.notice.hide()
        if not self.applies:
            self.hide()
            return
        if not self.message_applies:
            self.checkbox.hide()
            self.previews.removeTab(0)
            self.preview.hide()
            return
        if self.channel is None:
            self.checkbox.setChecked(False)
            self.checkbox.setEnabled(False)
            self.checkbox.setText(_("No message can be sent"))
            self.notice.setText(self._no_channel_text(customer))
            self.notice.show()
            self.preview.hide()
            return
        self._checkbox_text = self._send_text()
        self.checkbox.setText(self._checkbox_text)
        self.checkbox.setChecked(True)
        if self.mode == "auto":
            self.checkbox.setEnabled(False)
        self.checkbox.toggled.connect(self.preview.setEnabled)
        self._render_message()

    def _send_text(self) -> str:
        """'Send this email to Name <address>', for the channel chosen."""
        customer = self._detail.customer
        address = recipient_for(customer, self.channel)
        if self.channel == Channel.SMS:
            address = self._detail.customer_phone  # as the shop reads it
            text = _("Send this SMS to {name} <{address}>")
        else:
            text = _("Send this email to {name} <{address}>")
        text = text.format(name=customer.name, address=address)
        return text + ("  " + _("(always sent for this step)") if self.mode == "auto" else "")

    def _setup_choices(self) -> None:
        """Offer the channels the customer can be reached by, and the languages."""
        customer = self._detail.customer
        for channel in (Channel.EMAIL, Channel.SMS):
            if address := recipient_for(customer, channel):
                if channel == Channel.EMAIL:
                    said = _("Email to {address}").format(address=address)
                else:
                    said = _("SMS to {address}").format(address=address)
                self.channel_combo.addItem(said, channel)
        self.channel_combo.setCurrentIndex(max(self.channel_combo.findData(self.channel), 0))
        for code, name in labels.LANGUAGES.items():
            preferred = (
                "  " + _("(as the customer prefers)") if code == self.preferred_language else ""
            )
            self.language_combo.addItem(name + preferred, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(self.language))
        reachable = self.applies and self.channel is not None
        self.choices.setRowVisible(0, reachable and self.channel_combo.count() > 1)
        self.choices.setRowVisible(1, reachable)
        self.channel_combo.currentIndexChanged.connect(self._choose)
        self.language_combo.currentIndexChanged.connect(self._choose)

    def _choose(self) -> None:
        """Staff chose another channel or language: compose the previews again at once (a
        template that fails in one language may work in the other)."""
        self.channel = self.channel_combo.currentData()
        self.language = self.language_combo.currentData()
        self._timer.stop()
        if self.message_applies:
            self._checkbox_text = self._send_text()
            if not self.problem:
                self.checkbox.setText(self._checkbox_text)
            self._render_message()
        self._render_feedback()

    def _setup_feedback(self) -> None:
        if not self.asks_feedback:
            return
        offer = self.offer
        if not offer.possible:
            self.feedback_box.setChecked(False)
            self.feedback_box.setEnabled(False)
            self.feedback_box.setText(
                _("No feedback request: {reason}").format(reason=offer.reason)
            )
            self.previews.setTabVisible(self.previews.indexOf(self.feedback_preview), False)
            if self.channel is None:
                self.previews.hide()
            return
        self.feedback_box.setText(
            _("Ask for feedback (sent {when})").format(when=when_words(offer.due, utcnow()))
        )
        self.feedback_box.setChecked(True)
        if offer.mode == "auto":
            self.feedback_box.setEnabled(False)
            self.feedback_box.setText(
                self.feedback_box.text() + "  " + _("(always asked when a return closes)")
            )
        self.feedback_box.toggled.connect(self.feedback_preview.setEnabled)
        self._feedback_text = self.feedback_box.text()
        self._render_feedback()

    def _no_channel_text(self, customer) -> str:
        if customer.preferred_channel == Channel.NONE:
            said = _("{name} asked not to be contacted. Nothing will be sent.")
        elif customer.preferred_channel == Channel.PRINT:
            said = _(
                "{name} prefers printed information: "
                "print the return instructions for them instead."
            )
        else:
            said = _(
                "{name} has no email address or phone number on file, so "
                "nothing can be sent. Print the return instructions for them instead."
            )
        return said.format(name=escape(customer.name))

    def set_staff(self, staff: str) -> None:
        """Render again with the staff name as typed (it appears in the message)."""
        self._staff = staff
        self._changed()

    def set_note(self, note: str) -> None:
        """Render again with the note as typed (a rejection's reason is in the message)."""
        self._note = note
        self._changed()

    def _changed(self) -> None:
        if self.applies and self.channel:
            self._timer.start()

    def flush(self) -> None:
        """Compose the previews again at once (what typing has not rendered yet, and a date
        that may have changed since), so that what the preview shows when staff confirm
        is what the move queues."""
        self._timer.stop()
        if self.applies and self.channel:
            self._render()

    @property
    def blocked(self) -> bool:
        """True when a message staff would send cannot be, because its template fails."""
        return bool(self.problem or self.feedback_problem)

    def _render(self) -> None:
        """Render again for the note and staff name as typed; a failed template stays failed
        (typing does not fix it, and a slow one would hold the window up at each pause)."""
        if self.message_applies and self.channel and not self.problem:
            self._render_message()
        if not self.feedback_problem:
            self._render_feedback()

    def _render_message(self) -> None:
        problem = self._show(self.preview, self.message_event, self._note)
        said = _("This message cannot be sent: its template needs fixing")
        self._block(self.checkbox, self._checkbox_text, problem, "problem", said)

    def _render_feedback(self) -> None:
        if self.asks_feedback and self.offer.possible:
            problem = self._show(self.feedback_preview, self.feedback_event, "")
            said = _("The request cannot be sent: its template needs fixing")
            self._block(self.feedback_box, self._feedback_text, problem, "feedback_problem", said)

    def _block(self, box: QCheckBox, text: str, problem: str, field: str, blocked: str) -> None:
        """Clear and disable `box` while its message cannot be rendered; restore it after."""
        if problem == getattr(self, field):
            return
        was_blocked = bool(getattr(self, field))
        setattr(self, field, problem)
        if problem:
            box.setChecked(False)
            box.setEnabled(False)
            box.setText(blocked)
        elif was_blocked:
            box.setText(text)
            box.setChecked(True)
            mode = self.mode if box is self.checkbox else self.offer.mode
            box.setEnabled(mode != "auto")  # "always sent": staff cannot untick it
        problems = [p for p in (self.problem, self.feedback_problem) if p]
        self.notice.setText(
            "<br>".join(escape(p) for p in problems)
            + "<br><b>"
            + _("You can move the return without it, or cancel.")
            + "</b>"
        )
        self.notice.setVisible(bool(problems))
        self.blocked_changed.emit()

    def _show(self, preview: MessagePreview, event, note: str) -> str:
        """Compose `event`'s message with `note` and the staff name into `preview` exactly
        as it would be queued; return why it cannot be ("" when it can)."""
        field = "shown" if preview is self.preview else "feedback_shown"
        setattr(self, field, None)
        try:
            message = preview_message(
                self._db,
                detail=self._detail,
                event=event,
                note=note,
                staff=self._staff,
                channel=self.channel,
                language=self.language,
            )
        except DeskError as error:
            preview.show_problem(_("The message cannot be shown until its template is fixed."))
            return str(error)
        if message.channel == Channel.SMS:
            preview.show_sms(message.body_text)
        else:
            preview.show_email(message.subject, message.body_html, message.body_text)
        setattr(self, field, message)
        language = labels.LANGUAGES.get(message.language, message.language)
        if message.language == self.preferred_language:
            tip = _("In {language}, as the customer prefers")
        else:
            tip = _("In {language}")
        preview.setToolTip(tip.format(language=language))
        return ""
