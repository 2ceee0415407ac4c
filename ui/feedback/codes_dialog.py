"""Look a reward code up (typed or scanned) and mark it redeemed at the till.

Enter (a scanner ends with it) or the confirm key checks the code: its state (issued, redeemed,
expired), whose it is, what it gives and until when. "Mark redeemed" redeems it once; a
second time, or an expired code, is refused with desk's sentence shown in the dialog, as is
a mistyped code whose check character does not hold.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.codes import RewardState
from desk.db import Database
from desk.errors import DeskError
from desk.feedback.rewards import CodeInfo, check_code, describe_reward, redeem_code
from desk.i18n.catalog import N_, _, language, pgettext
from desk.i18n.formats import format_date, format_datetime
from desk.staff.roles import Permission
from ui.actions import dialog_keys
from ui.staff.gate import authorised
from ui.widgets.form_parts import STYLE_SHEET, ErrorLabel

STATE_COLORS = {
    RewardState.ISSUED: "#16a34a",
    RewardState.REDEEMED: "#6b7280",
    RewardState.EXPIRED: "#b45309",
}
STATE_WORDS = {
    RewardState.ISSUED: N_("Valid: can be redeemed"),
    RewardState.REDEEMED: N_("Redeemed"),
    RewardState.EXPIRED: N_("Expired"),
}
"""How staff read a code's state (translated where shown)."""


def _local(stamp) -> str:
    return format_datetime(stamp)


class CodesDialog(QDialog):
    """Check a reward code and mark it redeemed; `info` is the code last looked up."""

    def __init__(
        self,
        db: Database,
        *,
        currency: str = "EUR",
        staff: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._db, self._currency = db, currency
        self.info: CodeInfo | None = None
        self.setWindowTitle(_("Reward codes"))
        self.setStyleSheet(STYLE_SHEET)
        self.setMinimumWidth(520)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setPlaceholderText(_("Type or scan the customer's code"))
        mono = QFont("DejaVu Sans Mono")
        mono.setPointSize(14)
        self.code_edit.setFont(mono)
        self.code_edit.returnPressed.connect(self.check)
        self.check_button = QPushButton(_("Check"))
        self.check_button.setObjectName("checkCode")
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.check_button)
        self.error_label = ErrorLabel()
        self.state_label = QLabel()
        self.state_label.setObjectName("codeState")
        self.facts = {
            key: QLabel() for key in ("customer", "gives", "issued", "valid", "redeemed", "ret")
        }
        form = QFormLayout()
        form.addRow(_("State"), self.state_label)
        for key, caption in (
            ("customer", _("Customer")),
            ("gives", _("Gives")),
            ("issued", _("Issued")),
            ("valid", _("Valid until")),
            ("redeemed", pgettext("when", "Redeemed")),
            ("ret", _("For return")),
        ):
            self.facts[key].setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.facts[key].setWordWrap(True)
            form.addRow(caption, self.facts[key])
        self.details = QWidget()
        self.details.setLayout(form)
        self.staff_edit = QLineEdit(staff)
        self.staff_edit.setPlaceholderText(_("Your name"))
        self.redeem_button = QPushButton(_("Mark redeemed"))
        self.redeem_button.setObjectName("redeemCode")
        self.redeem_button.clicked.connect(self.redeem)
        redeem_row = QHBoxLayout()
        redeem_row.addWidget(QLabel(_("Staff")))
        redeem_row.addWidget(self.staff_edit, 1)
        redeem_row.addWidget(self.redeem_button)
        self.done_label = QLabel()
        self.done_label.setObjectName("codeRedeemed")
        self.done_label.setStyleSheet("color: #15803d; font-weight: 600;")
        self.done_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        dialog_keys(self, accept=self.check)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("<b>Code</b> (Enter checks it)")))
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.details)
        layout.addLayout(redeem_row)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._show(None)

    @property
    def staff(self) -> str:
        """The staff name as typed."""
        return self.staff_edit.text().strip()

    def check(self) -> None:
        """Look up the typed code; show its state, or why it is not a code."""
        self.done_label.clear()
        try:
            info = check_code(self._db, code=self.code_edit.text())
        except DeskError as error:
            self._show(None, error=str(error))
            return
        self._show(info)

    def redeem(self) -> None:
        """Mark the code shown redeemed; a refusal is shown in the dialog."""
        if self.info is None:
            return
        actor = authorised(self, self._db, Permission.REDEEM_CODE)
        if actor is None:
            return
        try:
            info = redeem_code(self._db, code=self.info.code, staff=self.staff, actor=actor)
        except DeskError as error:
            self.done_label.clear()
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        self._show(info)
        gives = self.facts["gives"].text()
        self.done_label.setText(
            _("{code} redeemed: give the customer {gives}.").format(code=info.code, gives=gives)
        )
        self._fit_height()

    def _show(self, info: CodeInfo | None, *, error: str = "") -> None:
        self.info = info
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        self.details.setVisible(info is not None)
        self.redeem_button.setEnabled(info is not None and info.state == RewardState.ISSUED)
        if info is None:
            return
        color = STATE_COLORS[info.state]
        self.state_label.setText(
            f"<b style='color:{color}'>● {escape(_(STATE_WORDS[info.state]))}</b>"
            f" &nbsp;<span style='font-family:monospace'>{escape(info.code)}</span>"
        )
        f = self.facts
        f["customer"].setText(info.customer_name or "—")
        f["gives"].setText(describe_reward(info, self._currency, language()))
        f["issued"].setText(_local(info.issued_at))
        f["valid"].setText(format_date(info.last_day))
        if info.redeemed_at is not None:
            when = _local(info.redeemed_at)
            if info.redeemed_by:
                when = _("{when} by {staff}").format(when=when, staff=info.redeemed_by)
            f["redeemed"].setText(when)
        else:
            f["redeemed"].setText(_("Not yet"))
        f["ret"].setText(info.return_number or "—")
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every wrapped line (a long "Gives" takes two in Portuguese)."""
        self.layout().activate()
        need = self.layout().totalHeightForWidth(self.width())
        if need > self.height():
            self.resize(self.width(), need)
