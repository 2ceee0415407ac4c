"""The "Return" section of the new-return dialog: reason, refund, intake, purchase, start status."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QLineEdit, QWidget

from desk.codes import Status
from desk.i18n.catalog import N_, _, pgettext
from desk.labels import INTAKES, REASONS, REFUND_METHODS, label
from ui.widgets.date_field import DateField
from ui.widgets.form_parts import FieldError, combo, form_grid, select_code, with_error

STATUS_CHOICES = {
    Status.RECEIVED: N_("Received: the goods are here"),
    Status.REQUESTED: N_("Requested: announced, not here yet"),
}
"""The statuses a new return may start in (desk.codes.INITIAL), the default first
(English, marked: translated where shown)."""


def _labelled(table: dict) -> dict[str, str]:
    """`table`'s codes with their words in the desk's language."""
    return {code: label(table, code) for code in table}


class ReturnFields(QGroupBox):
    """The return's own details, each field with its inline error where it can have one."""

    def __init__(self, currency: str = "EUR", parent: QWidget | None = None):
        super().__init__(pgettext("noun", "Return"), parent)
        self.refund_chosen = False  # staff picked a refund method by hand
        self.reason_combo = QComboBox()
        self.reason_combo.addItem(_("Choose a reason…"), "")
        for code, text in _labelled(REASONS).items():
            self.reason_combo.addItem(text, str(code))
        self.reason_text = QLineEdit(placeholderText=_("In the customer's words (optional)"))
        self.refund_combo = combo(_labelled(REFUND_METHODS))
        self.refund_combo.activated.connect(self._refund_picked)
        self.intake_combo = combo(_labelled(INTAKES))
        self.status_combo = combo({code: _(text) for code, text in STATUS_CHOICES.items()})
        self.date_field = DateField(currency)
        # laid out by the dialog's receipt panel (ui.new_return.receipt_panel), at the top
        self.ref_edit = QLineEdit(placeholderText=_("Scan or type the receipt or order number"))
        self.ref_edit.setClearButtonEnabled(True)
        self.note_edit = QLineEdit(placeholderText=_("Shown in the return's timeline (optional)"))
        self.errors: dict[str, FieldError] = {}
        boxes = {}
        for key, widget in (
            ("reason", self.reason_combo),
            ("refund_method", self.refund_combo),
            ("status", self.status_combo),
        ):
            boxes[key], self.errors[key] = with_error(widget)
            widget.currentIndexChanged.connect(self.errors[key].clear)
        boxes["purchase_date"], self.errors["purchase_date"] = with_error(
            self.date_field.edit, extra=self.date_field
        )
        self.date_field.changed.connect(self.errors["purchase_date"].clear)
        reason_label = QLabel(_("&Reason *"))
        reason_label.setBuddy(self.reason_combo)
        date_label = QLabel(_("Purchase &date"))
        date_label.setBuddy(self.date_field.edit)
        grid = form_grid(
            [
                (reason_label, boxes["reason"], _("Details"), self.reason_text),
                (_("Refund"), boxes["refund_method"], _("Intake"), self.intake_combo),
                (date_label, boxes["purchase_date"], _("Start as"), boxes["status"]),
                (_("Note"), self.note_edit, None, None),
            ]
        )
        self.setLayout(grid)

    def _refund_picked(self) -> None:
        self.refund_chosen = True

    def policy_signals(self) -> list:
        """The signals of the fields the return policy depends on."""
        return [
            self.refund_combo.currentIndexChanged,
            self.date_field.changed,
            self.ref_edit.textChanged,
        ]

    def suggest_refund(self, method: str | None) -> None:
        """Choose `method` (when offered) unless staff already picked one by hand."""
        if not self.refund_chosen:
            select_code(self.refund_combo, method)

    def refund_method(self) -> str | None:
        """The refund method chosen."""
        return self.refund_combo.currentData()

    def purchase_date(self) -> date | None:
        """The purchase date typed or picked (None: none, or not readable: see `problems`)."""
        return self.date_field.value()

    def problems(self) -> dict[str, str]:
        """What typed here cannot be read, by error key (the purchase date, as typed)."""
        problem = self.date_field.problem()
        return {"purchase_date": problem} if problem else {}

    def has_receipt(self) -> bool:
        """True when a receipt or order number was typed."""
        return bool(self.ref_edit.text().strip())

    def draft_part(self) -> dict:
        """The ReturnDraft fields this section holds, by name."""
        return {
            "reason": self.reason_combo.currentData(),
            "reason_text": self.reason_text.text(),
            "refund_method": self.refund_combo.currentData(),
            "intake": self.intake_combo.currentData(),
            "purchase_date": self.purchase_date(),
            "purchase_ref": self.ref_edit.text(),
            "status": self.status_combo.currentData(),
            "note": self.note_edit.text(),
        }

    def focus_chain(self) -> list[QWidget]:
        """The fields in the order Tab visits them (the receipt field is the receipt panel's)."""
        return [
            self.reason_combo,
            self.reason_text,
            self.refund_combo,
            self.intake_combo,
            self.date_field.edit,
            self.status_combo,
            self.note_edit,
        ]

    def has_input(self) -> bool:
        """True when something was typed or chosen that closing would lose."""
        texts = (self.reason_text, self.ref_edit, self.note_edit, self.date_field.edit)
        return self.reason_combo.currentIndex() > 0 or any(edit.text().strip() for edit in texts)

    def error_widgets(self) -> list[tuple[str, QWidget]]:
        """(error key, field) pairs in screen order."""
        return [(key, error.widget) for key, error in self.errors.items()]

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show the messages meant for this section's fields."""
        for key, error in self.errors.items():
            if key in errors:
                error.show(errors[key])

    def clear_errors(self) -> None:
        """Hide this section's messages."""
        for error in self.errors.values():
            error.clear()
