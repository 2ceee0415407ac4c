"""Confirm moving a return to another status, with staff name and note."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk.codes import Status
from desk.db import Database
from desk.errors import DeskError
from desk.i18n.catalog import _
from desk.returns import ReturnDetail
from desk.services import move_return
from desk.workflow import NOTE_REQUIRED, TransitionResult
from ui.actions import dialog_keys
from ui.returns.notify_section import NotifySection

ERROR_STYLE = "color: #b91c1c;"


class TransitionDialog(QDialog):
    """Asks for the note (and who does it), then moves the return with desk.services."""

    def __init__(
        self,
        db: Database,
        detail: ReturnDetail,
        target: Status,
        *,
        staff: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._db, self._detail, self._target = db, detail, target
        self.result_: TransitionResult | None = None
        source = detail.ret.status
        self.setWindowTitle(
            _("{number}: {status}").format(number=detail.ret.number, status=target.label)
        )
        self.setMinimumWidth(460)
        intro = QLabel(
            _("Move <b>{number}</b> ({customer}) from <b>{source}</b> to <b>{target}</b>.").format(
                number=escape(detail.ret.number),
                customer=escape(detail.customer.name),
                source=escape(source.label),
                target=escape(target.label),
            )
        )
        intro.setWordWrap(True)
        self.staff_edit = QLineEdit(staff)
        self.staff_edit.setPlaceholderText(_("Your name"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(90)
        required = NOTE_REQUIRED.get(target)
        self.note_edit.setPlaceholderText(
            _(required) if required else _("Optional note for the timeline")
        )
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(_("Staff"), self.staff_edit)
        form.addRow(_("Note (required)") if required else _("Note"), self.note_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        buttons.button(QDialogButtonBox.Cancel).setText(_("Cancel"))
        self.ok_button.setText(_("Move to {status}").format(status=target.label))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.notify = NotifySection(db, detail, target)
        self.notify.blocked_changed.connect(self._name_ok_button)
        self._name_ok_button()
        if self.notify.applies:
            layout.addWidget(self.notify, 1)
            self.notify.set_staff(staff)
            self.staff_edit.textChanged.connect(self.notify.set_staff)
            self.note_edit.textChanged.connect(self._note_changed)
            self.resize(720, 640)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.outcome = None  # desk.messages.outbox.MoveOutcome once moved
        (self.note_edit if required else self.ok_button).setFocus()

    def _name_ok_button(self) -> None:
        """'Move to X', or 'Move to X without the message' when its template fails."""
        status = self._target.label
        if self.notify.problem:
            label = _("Move to {status} without the message")
        elif self.notify.feedback_problem:
            label = _("Move to {status} without the feedback request")
        else:
            label = _("Move to {status}")
        self.ok_button.setText(label.format(status=status))

    def _note_changed(self) -> None:
        self.notify.set_note(self.note_edit.toPlainText())

    @property
    def staff(self) -> str:
        """The staff name as typed."""
        return self.staff_edit.text().strip()

    def apply(self) -> None:
        """Apply the move; on a domain error show it and keep what was typed.

        The preview is brought up to date first: what it shows is what gets queued.
        """
        self.notify.flush()
        try:
            self.outcome = move_return(
                self._db,
                return_id=self._detail.ret.id,
                to=self._target,
                expected_version=self._detail.ret.version,
                staff=self.staff,
                note=self.note_edit.toPlainText(),
                notify=self.notify.wanted(),
                ask_feedback=self.notify.feedback_wanted(),
                channel=self.notify.channel,
                language=self.notify.language,
            )
        except DeskError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            self.note_edit.setFocus()
            return
        self.result_ = self.outcome.result
        self.accept()

    def queued(self) -> int:
        """How many messages the move queued (its message and its feedback request)."""
        outcome = self.outcome
        if outcome is None:
            return 0
        return (outcome.message is not None) + (outcome.feedback is not None)

    def summary(self) -> str:
        """What the move did, in one line for the status bar."""
        ret, outcome = self.result_.ret, self.outcome
        said = [_("{number} is now {status}.").format(number=ret.number, status=ret.status.label)]
        if outcome is not None and outcome.message is not None:
            recipient = outcome.message.recipient
            said.append(_("Message to {recipient} queued.").format(recipient=recipient))
        if outcome is not None and outcome.feedback is not None:
            said.append(_("Feedback request queued."))
        if outcome is not None and outcome.template_failed:
            said.append(_("No message queued: its template needs fixing (Message templates)."))
        return " ".join(said)
