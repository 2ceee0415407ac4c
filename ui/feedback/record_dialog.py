"""Record feedback that came by phone or reply: rating, comment, source, who typed it.

Saving goes through desk.feedback.record.record_feedback; the dialog then stays open to
show what it did (the reward code issued, if any, with a button to print it on the
receipt printer, and whether the owner hears of a low rating). The confirm key saves, then
closes; Esc cancels or closes.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.codes import FeedbackSource
from desk.db import Database
from desk.errors import DeskError
from desk.feedback.record import FeedbackResult, record_feedback
from desk.feedback.rewards import describe_reward
from desk.i18n.catalog import N_, _, language
from desk.models import Feedback
from desk.returns import ReturnDetail
from ui.actions import dialog_keys
from ui.feedback.detail_box import feedback_html
from ui.feedback.faces import RATINGS, RatingFaces
from ui.widgets.form_parts import STYLE_SHEET, ErrorLabel

STAFF_SOURCES = {FeedbackSource.PHONE: N_("Phone"), FeedbackSource.REPLY: N_("Reply")}
"""Where feedback that staff type comes from (the counter screen and portal save their own),
with its word in the list (translated where shown)."""

RATING_WORDS = {1: N_("Very poor"), 2: N_("Poor"), 3: N_("OK"), 4: N_("Good"), 5: N_("Excellent")}
"""The word under each face (translated where shown)."""


class RecordFeedbackDialog(QDialog):
    """Type a customer's rating of one return; `saved(result)` once it is stored."""

    saved = Signal(object)  # FeedbackResult

    def __init__(
        self,
        db: Database,
        detail: ReturnDetail,
        *,
        currency: str = "EUR",
        shop: str = "",
        staff: str = "",
        current: Feedback | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._db, self._detail, self._currency, self._shop = db, detail, currency, shop
        self.result_: FeedbackResult | None = None
        self.setWindowTitle(_("{number}: record feedback").format(number=detail.ret.number))
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumWidth(520)
        intro = QLabel(
            _(
                "Feedback on <b>{number}</b> from <b>{name}</b>, as they gave it by phone or reply."
            ).format(number=escape(detail.ret.number), name=escape(detail.customer.name))
        )
        intro.setWordWrap(True)
        self.faces = RatingFaces({n: _(word) for n, word in RATING_WORDS.items()}, size=64)
        self.source_combo = QComboBox()
        for source, word in STAFF_SOURCES.items():
            self.source_combo.addItem(_(word), source)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setFixedHeight(90)
        self.comment_edit.setPlaceholderText(_("What the customer said (optional)"))
        self.staff_edit = QLineEdit(staff)
        self.staff_edit.setPlaceholderText(_("Your name"))
        form = QFormLayout()
        form.addRow(_("Rating"), self.faces)
        form.addRow(_("Came by"), self.source_combo)
        form.addRow(_("Comment"), self.comment_edit)
        form.addRow(_("Staff"), self.staff_edit)
        self.replaces_label = QLabel()
        self.replaces_label.setWordWrap(True)
        self.replaces_label.setVisible(current is not None)
        if current is not None:
            self.replaces_label.setText(
                _("<b>This replaces the current feedback</b> (kept on record):")
                + "<br>"
                + feedback_html(current, low=False)
            )
        self.error_label = ErrorLabel()
        self.done_label = QLabel()
        self.done_label.setObjectName("feedbackSaved")
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.done_label.hide()
        self.print_button = QPushButton(_("Print code…"))
        self.print_button.setObjectName("printCode")
        self.print_button.setToolTip(_("Print the reward code on the receipt printer"))
        self.print_button.clicked.connect(self.print_code)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.Save)
        self.cancel_button = buttons.button(QDialogButtonBox.Cancel)
        buttons.addButton(self.print_button, QDialogButtonBox.ActionRole)
        self.print_button.hide()  # after addButton, which shows it
        self.save_button.clicked.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.replaces_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.done_label)
        row = QHBoxLayout()
        row.addWidget(buttons)
        layout.addLayout(row)

    @property
    def staff(self) -> str:
        """The staff name as typed."""
        return self.staff_edit.text().strip()

    def set_rating(self, rating: int) -> None:
        """Choose `rating` as a click on its face would."""
        if rating in RATINGS:
            self.faces.choose(rating)

    def confirm(self) -> None:
        """Save (the confirm key, Save); once saved, close."""
        if self.result_ is not None:
            self.accept()
        else:
            self.save()

    def save(self) -> None:
        """Record the feedback; on a domain error show it and keep what was typed."""
        if self.faces.rating is None:
            self.error_label.setText(_("Choose a rating from 1 to 5."))
            self.error_label.show()
            return
        try:
            result = record_feedback(
                self._db,
                return_id=self._detail.ret.id,
                rating=self.faces.rating,
                comment=self.comment_edit.toPlainText(),
                source=self.source_combo.currentData(),
                staff=self.staff,
            )
        except DeskError as error:
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self.result_ = result
        self._show_saved(result)
        self.saved.emit(result)

    def _show_saved(self, result: FeedbackResult) -> None:
        self.error_label.hide()
        for widget in (self.faces, self.source_combo, self.comment_edit, self.staff_edit):
            widget.setEnabled(False)
        self.save_button.hide()
        self.replaces_label.hide()
        self.cancel_button.setText(_("Close"))
        rows = [_("<b>Saved:</b> {rating} of 5.").format(rating=result.feedback.rating)]
        if result.low:
            low = "<b style='color:#b91c1c'>" + escape(_("⚑ A low rating.")) + "</b>"
            if result.owner_notified:
                low += " " + escape(_("The owner is being emailed about it."))
            rows.append(low)
        reward = result.reward
        if reward is not None:
            # the return's currency, in the desk's language: staff read it
            gives = describe_reward(reward, self._detail.currency, language())
            rows.append(
                escape(_("Reward code for the customer:")) + "<br>"
                "<span style='font-family:monospace; font-size:18pt; font-weight:700'>"
                f"{escape(reward.code)}</span><br>{escape(gives)}"
            )
            self.print_button.show()
            if result.thanks is not None:
                rows.append(
                    escape(
                        _("The thanks message with it is queued for {recipient}.").format(
                            recipient=result.thanks.recipient
                        )
                    )
                )
        else:
            rows.append(
                escape(
                    _(
                        "No reward code this time (rewards are off, this replaces earlier feedback,"
                        " or the customer had one recently)."
                    )
                )
            )
        self.done_label.setText("<br>".join(rows))
        self.done_label.show()
        self.cancel_button.setFocus()

    def print_code(self) -> None:
        """Print the issued code on a receipt-sized slip."""
        if self.result_ is None or self.result_.reward is None:
            return
        from ui.feedback.code_slip import print_slip

        language = self._detail.customer.preferred_language
        print_slip(
            self,
            self.result_.reward,
            shop=self._shop,
            currency=self._detail.currency,
            language=language,
        )
