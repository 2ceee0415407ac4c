"""The detail panel's "Customer feedback" box: the current rating, comment, source and when.

A low rating (at or under feedback.low_rating) is flagged in red. Its buttons ask the
counter screen for feedback on the return shown, or open the dialog that records feedback
which came by phone or reply. The reward code the feedback earned, if any, is named with
where it stands, and "Print code…" prints it again on the receipt printer. The box reads
its feedback in the background (`load`); an answer for a return no longer shown is dropped.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.codes import FeedbackSource, RewardState
from desk.db import Database
from desk.feedback.ratings import low_rating
from desk.feedback.record import current_feedback
from desk.feedback.rewards import CodeInfo, reward_of_return
from desk.i18n.catalog import N_, _
from desk.i18n.formats import format_datetime
from desk.models import Feedback
from ui.background import run_in_background
from ui.feedback.faces import stars
from ui.widgets.flow_layout import flow_row

SOURCES: dict[FeedbackSource, str] = {
    FeedbackSource.COUNTER: N_("at the counter"),
    FeedbackSource.PORTAL: N_("in the customer space"),
    FeedbackSource.REPLY: N_("by reply"),
    FeedbackSource.PHONE: N_("by phone"),
    FeedbackSource.TABLET: N_("on the counter tablet"),
}
"""How staff read where feedback came from (translated where shown)."""

CODE_STATES: dict[RewardState, str] = {
    RewardState.ISSUED: N_("not used yet"),
    RewardState.REDEEMED: N_("used"),
    RewardState.EXPIRED: N_("expired"),
}
"""How staff read where a reward code stands (translated where shown)."""

LOW_COLOR, GOOD_COLOR = "#b91c1c", "#b45309"
LOW_STYLE = """
QGroupBox#feedbackBox {
    border: 2px solid #dc2626; border-radius: 6px;
    margin-top: 1.4em; padding: 6px 4px 4px 4px;
}
QGroupBox#feedbackBox::title {
    subcontrol-origin: margin; subcontrol-position: top left; left: 0px; padding: 0 2px;
    color: #b91c1c; font-weight: 600;
}
"""


def code_html(reward: CodeInfo) -> str:
    """The reward code line of the box: the code and where it stands."""
    code = f"<span style='font-family:monospace; font-weight:700'>{escape(reward.code)}</span>"
    state = escape(_(CODE_STATES.get(reward.state, str(reward.state))))
    return _("Reward code {code} {state}").format(
        code=code, state=f"<span style='color:#555'>({state})</span>"
    )


def _local(stamp) -> str:
    return format_datetime(stamp)


def feedback_html(feedback: Feedback, *, low: bool) -> str:
    """The feedback as the box shows it (rich text, every stored word escaped)."""
    color = LOW_COLOR if low else GOOD_COLOR
    flag = escape(_("⚑ low rating"))
    flag = f" <b style='color:{LOW_COLOR}'>{flag}</b>" if low else ""
    came = _(SOURCES.get(feedback.source, str(feedback.source)))
    typed = ""
    if feedback.staff:
        typed = " · " + escape(_("typed by {staff}").format(staff=feedback.staff))
    of_five = escape(_("{rating} of 5").format(rating=feedback.rating))
    rows = [
        f"<span style='color:{color}; font-size:15pt'>{stars(feedback.rating)}</span> "
        f"<b>{of_five}</b>{flag}",
        f"<span style='color:#555'>{escape(came)} · {_local(feedback.at)}{typed}</span>",
    ]
    if feedback.comment:
        rows.append(f"<i>“{escape(feedback.comment)}”</i>".replace("\n", "<br>"))
    return "<br>".join(rows)


class FeedbackBox(QGroupBox):
    """The current feedback of the return shown; `ask_requested`, `record_requested`,
    `print_requested(CodeInfo)`."""

    ask_requested = Signal()
    record_requested = Signal()
    print_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Customer feedback"), parent)
        self.setObjectName("feedbackBox")
        self.feedback: Feedback | None = None
        self.reward: CodeInfo | None = None
        self.low = False
        self._return_id: int | None = None
        self.summary = QLabel()
        self.summary.setObjectName("feedbackSummary")
        self.summary.setTextFormat(Qt.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.ask_button = QPushButton(_("Ask for feedback at the counter"))
        self.ask_button.setObjectName("askAtCounter")
        self.ask_button.setToolTip(_("Show this return's question on the counter screen"))
        self.ask_button.clicked.connect(self.ask_requested)
        self.record_button = QPushButton(_("Record feedback…"))
        self.record_button.setObjectName("recordFeedback")
        self.record_button.setToolTip(_("Type a rating the customer gave by phone or reply"))
        self.record_button.clicked.connect(self.record_requested)
        self.print_button = QPushButton(_("Print code…"))
        self.print_button.setObjectName("printRewardCode")
        self.print_button.setToolTip(_("Print the reward code again on the receipt printer"))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.reward))
        buttons = flow_row(self.ask_button, self.record_button, self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)  # the buttons wrap in a narrow panel
        self.show_feedback(None)

    def load(self, db: Database, return_id: int) -> None:
        """Read and show the current feedback of `return_id` (in the background)."""
        self._return_id = return_id
        run_in_background(
            lambda: (
                current_feedback(db, return_id=return_id),
                low_rating(db),
                reward_of_return(db, return_id=return_id),
            ),
            owner=self,
            on_success=lambda found: self._loaded(return_id, *found),
            on_failure=lambda error: self._failed(return_id, error),
        )

    def _loaded(
        self, return_id: int, feedback: Feedback | None, threshold: int, reward: CodeInfo | None
    ) -> None:
        if return_id == self._return_id:
            low = feedback is not None and feedback.rating <= threshold
            self.show_feedback(feedback, low=low, reward=reward)

    def _failed(self, return_id: int, error: Exception) -> None:
        if return_id == self._return_id:
            self.summary.setText(f"<span style='color:{LOW_COLOR}'>{escape(str(error))}</span>")

    def show_feedback(
        self, feedback: Feedback | None, *, low: bool = False, reward: CodeInfo | None = None
    ) -> None:
        """Show `feedback` (None: none yet), flagged red when `low`, with its `reward` code."""
        self.feedback, self.low, self.reward = feedback, low, reward
        self.setStyleSheet(LOW_STYLE if low else "")
        if feedback is None:
            none = escape(_("No feedback yet."))
            text = f"<span style='color:#555'>{none}</span>"
        else:
            text = feedback_html(feedback, low=low)
        if reward is not None:
            text += "<br>" + code_html(reward)
        self.summary.setText(text)
        self.print_button.setVisible(reward is not None and reward.state == RewardState.ISSUED)
