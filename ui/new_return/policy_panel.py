"""The policy panel of the new-return dialog: what applies to this customer, live."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk.i18n.catalog import _
from desk.i18n.formats import format_percent, locale_name
from desk.labels import REFUND_METHODS, label
from desk.money import format_money, format_signed
from desk.policy.intake import IntakeAdvice
from ui.widgets.form_parts import FieldError, with_error

_STYLE = """
QLabel#policyBadge {
    background: #fef3c7; color: #92400e; border: 1px solid #f59e0b;
    border-radius: 9px; padding: 1px 8px; font-weight: bold;
}
QLabel#policyProblems {
    background: #fffbeb; color: #92400e; border: 1px solid #fcd34d;
    border-left: 4px solid #f59e0b; padding: 4px 6px;
}
QLabel#policyOffer { color: #047857; }
"""


def _label(name: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.RichText if rich else Qt.PlainText)
    return label


class PolicyPanel(QGroupBox):
    """Shows the policy summary, a frequent-returner badge, fee, bonus offer and problems."""

    def __init__(self, currency: str = "EUR", parent: QWidget | None = None):
        super().__init__(_("Return policy"), parent)
        self.currency = currency
        self.setStyleSheet(_STYLE)
        self.summary = _label(rich=True)
        self.badge = _label("policyBadge")
        self.badge.setWordWrap(False)
        self.why = _label()
        self.why.setProperty("role", "hint")
        self.money = _label(rich=True)
        self.offer = _label("policyOffer", rich=True)
        self.problems = _label("policyProblems")
        self.override_edit = QLineEdit(
            placeholderText=_("Why you accept it anyway (goes in the timeline)")
        )
        box, self.override_error = with_error(self.override_edit)
        self.override_edit.textChanged.connect(self.override_error.clear)
        self.override_caption = QLabel(_("Override with &reason *"))
        self.override_caption.setBuddy(self.override_edit)
        self.override_row = QWidget()
        row = QHBoxLayout(self.override_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.override_caption, 0, Qt.AlignTop)
        row.addWidget(box, 1)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.badge, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.why)
        layout.addWidget(self.money)
        layout.addWidget(self.offer)
        layout.addWidget(self.problems)
        layout.addWidget(self.override_row)
        for widget in (self.badge, self.money, self.offer, self.problems, self.override_row):
            widget.hide()

    def _money(self, cents: int) -> str:
        return format_money(cents, self.currency)

    def _signed(self, cents: int) -> str:
        return format_signed(cents, self.currency)

    def show_advice(
        self, advice: IntakeAdvice, refund_method: str, extra: list[str] | None = None
    ) -> None:
        """Redraw the panel for `advice` and the refund method currently chosen; `extra`:
        problems the dialog found itself (more than is left on the receipt), which need the
        override reason as the policy's own do."""
        self.summary.setText(f"<b>{escape(advice.summary)}</b>")
        self.why.setText(_("Why: {why}").format(why=advice.why))
        self.badge.setText(f"⚑ {advice.segment.label}")
        self.badge.setToolTip(_("Worth a look; the return is not blocked."))
        self.badge.setVisible(advice.flagged)
        money = []
        if advice.fee_cents:
            money.append(
                _("Restocking fee: <b>{amount}</b>").format(amount=self._money(advice.fee_cents))
            )
        if advice.bonus_cents:
            name = escape(label(REFUND_METHODS, refund_method).lower())
            percent = advice.profile.bonus_percent.get(refund_method, 0)
            money.append(
                _("Bonus for {method}: <b>{amount}</b> ({percent})").format(
                    method=name,
                    amount=self._signed(advice.bonus_cents),
                    percent=format_percent(percent / 100),
                )
            )
        self.money.setText(" · ".join(money))
        self.money.setVisible(bool(money))
        offers = [o for o in advice.offers if o.method != refund_method and o.cents]
        said = [escape(o.words(self.currency, locale_name())) for o in offers]
        self.offer.setText(" · ".join(said))
        self.offer.setVisible(bool(offers))
        problems = [*advice.problems, *(extra or [])]
        said = [*problems, *advice.notices]
        self.problems.setText("\n".join(f"⚠ {line}" for line in said))
        self.problems.setVisible(bool(said))
        self.override_row.setVisible(bool(problems))
        if not problems:
            self.override_error.clear()

    @property
    def override_required(self) -> bool:
        """True while the policy is not met and a reason must be given."""
        return not self.override_row.isHidden()

    def override_reason(self) -> str:
        """The reason typed, or "" when no override is needed."""
        return self.override_edit.text() if self.override_required else ""

    def override_field(self) -> FieldError:
        """The override field and its message, for the dialog's error handling."""
        return self.override_error
