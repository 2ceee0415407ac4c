"""The "New return" dialog: customer, returned items and the return's details, then save."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from desk.db import Database
from desk.errors import DeskError, ValidationError
from desk.labels import INTAKES, REASONS, REFUND_METHODS
from desk.models import Customer, Return
from desk.returns import ReturnDraft, create_return, validate_draft
from desk.workflow import Status
from ui import prompts
from ui.customer_picker import CustomerPicker
from ui.form_parts import (
    STYLE_SHEET,
    ErrorLabel,
    FieldError,
    combo,
    form_grid,
    select_code,
    with_error,
)
from ui.line_editor import LineEditor

STATUS_CHOICES = {
    Status.RECEIVED: "Received: the goods are here",
    Status.REQUESTED: "Requested: announced, not here yet",
}
"""The statuses a new return may start in (desk.workflow.INITIAL), the default first."""

_BANNER_STYLE = "QLabel#banner { background: #fef2f2; border: 1px solid #fca5a5; padding: 6px; }"


class NewReturnDialog(QDialog):
    """Log a return at the counter; after saving, `created` holds the new Return."""

    def __init__(
        self,
        db: Database,
        *,
        currency: str = "EUR",
        staff: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._db, self._staff = db, staff
        self.created: Return | None = None
        self._refund_chosen = False  # staff picked a refund method by hand
        self.setWindowTitle("New return")
        self.setStyleSheet(STYLE_SHEET + _BANNER_STYLE)
        self.setMinimumSize(820, 600)  # smaller, item columns and messages get cramped
        self.resize(900, 650)
        self.customer = CustomerPicker(db)
        self.customer.picked.connect(self._customer_picked)
        self.lines = LineEditor(currency)
        self.lines.rows_changed.connect(self._fix_tab_order)
        self.banner = ErrorLabel()
        self.banner.setObjectName("banner")
        layout = QVBoxLayout(self)
        layout.addWidget(self.customer)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self._return_box())
        layout.addWidget(self.banner)
        layout.addLayout(self._button_row())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self._fix_tab_order()
        self.customer.focus_start()

    def _return_box(self) -> QGroupBox:
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
        box = QGroupBox("Return")
        box.setLayout(grid)
        return box

    def _button_row(self) -> QHBoxLayout:
        hint = QLabel("Ctrl+Enter saves · Esc cancels · Enter goes to the next field")
        hint.setProperty("role", "hint")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton("&Save return")
        self.save_button.setToolTip("Save the return (Ctrl+Enter)")
        self.save_button.clicked.connect(self.save)
        for button in (self.cancel_button, self.save_button):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(hint, 1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        return row

    def _fix_tab_order(self) -> None:
        chain = [
            *self.customer.focus_chain(),
            *self.lines.focus_chain(),
            self.reason_combo,
            self.reason_text,
            self.refund_combo,
            self.intake_combo,
            self.date_check,
            self.date_edit,
            self.ref_edit,
            self.status_combo,
            self.note_edit,
            self.cancel_button,
            self.save_button,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter must never save or cancel by accident

    # reacting to input

    def _customer_picked(self, customer: Customer) -> None:
        if not self._refund_chosen:
            select_code(self.refund_combo, customer.preferred_refund)
        target = self.lines.rows[0].sku if self.lines.rows else self.lines.add_button
        target.setFocus(Qt.OtherFocusReason)

    def _refund_picked(self) -> None:
        self._refund_chosen = True

    def _date_toggled(self, on: bool) -> None:
        self.date_edit.setEnabled(on)
        if on:
            self.date_edit.setFocus(Qt.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter goes to the next field (or presses the focused button); it never saves."""
        plain = event.modifiers() & ~Qt.KeypadModifier == Qt.NoModifier
        if plain and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QAbstractButton):
                focused.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def has_input(self) -> bool:
        """True when something was typed or chosen that closing would lose."""
        texts = (self.reason_text, self.ref_edit, self.note_edit)
        return (
            self.customer.has_input()
            or self.lines.has_input()
            or self.reason_combo.currentIndex() > 0
            or self.date_check.isChecked()
            or any(edit.text().strip() for edit in texts)
        )

    def reject(self) -> None:
        """Close without saving, after asking when something was typed."""
        if (
            self.created is None
            and self.has_input()
            and not prompts.ask_yes_no(
                self, "Discard this return?", "Close without saving? What you typed will be lost."
            )
        ):
            return
        super().reject()

    # saving

    def draft(self) -> tuple[ReturnDraft, dict[str, str]]:
        """Return what was typed as a ReturnDraft, and messages about unreadable text."""
        customer_id, new_customer = self.customer.draft_part()
        lines, problems = self.lines.drafts()
        draft = ReturnDraft(
            reason=self.reason_combo.currentData(),
            lines=lines,
            customer_id=customer_id,
            new_customer=new_customer,
            reason_text=self.reason_text.text(),
            refund_method=self.refund_combo.currentData(),
            intake=self.intake_combo.currentData(),
            purchase_date=self.date_edit.date().toPython() if self.date_check.isChecked() else None,
            purchase_ref=self.ref_edit.text(),
            status=self.status_combo.currentData(),
            staff=self._staff,
            note=self.note_edit.text(),
        )
        return draft, problems

    def save(self) -> None:
        """Check what was typed; save the return and close, or show what to fix."""
        self.clear_errors()
        draft, problems = self.draft()
        if errors := {**validate_draft(draft), **problems}:
            self.show_errors(errors)
            return
        try:
            with self._db.session() as session:
                created = create_return(session=session, draft=draft)
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except DeskError as error:
            self._show_banner(str(error))
            return
        except SQLAlchemyError as error:
            cause = getattr(error, "orig", None) or error
            self._show_banner(f"The database did not take the return ({cause}). Nothing was saved.")
            return
        self.created = created
        self.accept()

    def _show_banner(self, message: str) -> None:
        self.banner.set_message(message)

    def _error_widgets(self) -> list[tuple[str, QWidget]]:
        picker = self.customer
        return [
            ("customer", picker.errors["customer"].widget),
            *(
                (k, picker.errors[k].widget)
                for k in ("customer.name", "customer.email", "customer.phone")
            ),
            *self.lines.error_widgets(),
            *((key, error.widget) for key, error in self.errors.items()),
        ]

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each message next to its field and put the cursor in the first one."""
        self.customer.show_errors(errors)
        self.lines.show_errors(errors)
        for key, error in self.errors.items():
            if key in errors:
                error.show(errors[key])
        order = self._error_widgets()
        known = {key for key, _ in order}
        others = [message for key, message in errors.items() if key not in known]
        self._show_banner(" ".join(["Nothing was saved: fix the fields marked in red.", *others]))
        first = next((widget for key, widget in order if key in errors), None)
        if first is not None:
            first.setFocus(Qt.OtherFocusReason)
            if self.lines.scroll.widget().isAncestorOf(first):
                self.lines.scroll.ensureWidgetVisible(first)

    def clear_errors(self) -> None:
        """Hide every message."""
        self.customer.clear_errors()
        self.lines.clear_errors()
        for error in self.errors.values():
            error.clear()
        self.banner.set_message(None)
