"""The "Return" section of the new-return dialog: reason, refund, intake, purchase, start status."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QGroupBox, QLabel, QLineEdit, QWidget

from desk.codes import Status
from desk.labels import INTAKES, REASONS, REFUND_METHODS
from ui.widgets.form_parts import FieldError, combo, form_grid, select_code, with_error

STATUS_CHOICES = {
    Status.RECEIVED: "Received: the goods are here",
    Status.REQUESTED: "Requested: announced, not here yet",
}
"""The statuses a new return may start in (desk.workflow.INITIAL), the default first."""


class ReturnFields(QGroupBox):
    """The return's own details, each field with its inline error where it can have one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Return", parent)
        self.refund_chosen = False  # staff picked a refund method by hand
        self.reason_combo = QComboBox()
        self.reason_combo.addItem("Choose a reason…", "")
        for code, text in REASONS.items():
            self.reason_combo.addItem(text, str(code))
        self.reason_text = QLineEdit(placeholderText="In the customer's words (optional)")
        self.refund_combo = combo(REFUND_METHODS)
        self.refund_combo.activated.connect(self._refund_picked)
        self.intake_combo = combo(INTAKES)
        self.status_combo = combo(STATUS_CHOICES)
        self.date_check = QCheckBox("Purchase date")
        self.date_edit = QDateEdit(QDate.currentDate(), calendarPopup=True, enabled=False)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setMaximumDate(QDate.currentDate())
        self.date_check.toggled.connect(self._date_toggled)
        self.ref_edit = QLineEdit(placeholderText="Receipt or order number (optional)")
        self.note_edit = QLineEdit(placeholderText="Shown in the return's timeline (optional)")
        self.errors: dict[str, FieldError] = {}
        boxes = {}
        for key, widget in (
            ("reason", self.reason_combo),
            ("refund_method", self.refund_combo),
            ("status", self.status_combo),
            ("purchase_date", self.date_edit),
        ):
            boxes[key], self.errors[key] = with_error(widget)
            edited = widget.dateChanged if widget is self.date_edit else widget.currentIndexChanged
            edited.connect(self.errors[key].clear)
        self.date_check.toggled.connect(self.errors["purchase_date"].clear)
        reason_label = QLabel("&Reason *")
        reason_label.setBuddy(self.reason_combo)
        grid = form_grid(
            [
                (reason_label, boxes["reason"], "Details", self.reason_text),
                ("Refund", boxes["refund_method"], "Intake", self.intake_combo),
                (self.date_check, boxes["purchase_date"], "Receipt / order", self.ref_edit),
                ("Start as", boxes["status"], "Note", self.note_edit),
            ]
        )
        self.setLayout(grid)

    def _refund_picked(self) -> None:
        self.refund_chosen = True

    def _date_toggled(self, on: bool) -> None:
        self.date_edit.setEnabled(on)
        if on:
            self.date_edit.setFocus(Qt.OtherFocusReason)

    def policy_signals(self) -> list:
        """The signals of the fields the return policy depends on."""
        return [
            self.refund_combo.currentIndexChanged,
            self.date_check.toggled,
            self.date_edit.dateChanged,
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
        """The purchase date, when it is ticked."""
        return self.date_edit.date().toPython() if self.date_check.isChecked() else None

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
        """The fields in the order Tab visits them."""
        return [
            self.reason_combo,
            self.reason_text,
            self.refund_combo,
            self.intake_combo,
            self.date_check,
            self.date_edit,
            self.ref_edit,
            self.status_combo,
            self.note_edit,
        ]

    def has_input(self) -> bool:
        """True when something was typed or chosen that closing would lose."""
        texts = (self.reason_text, self.ref_edit, self.note_edit)
        return (
            self.reason_combo.currentIndex() > 0
            or self.date_check.isChecked()
            or any(edit.text().strip() for edit in texts)
        )

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
